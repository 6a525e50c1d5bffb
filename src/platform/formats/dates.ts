// Intl.DateTimeFormat objects cost far more to build than to use: pages format dozens of times per request, so the
// formatters are kept per locale, zone and options.
const formateurs = new Map<string, Intl.DateTimeFormat>();

/** A cached French date/time formatter for a time zone and options. */
export function formateur(fuseau: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cle = `${fuseau}|${JSON.stringify(options)}`;
  let f = formateurs.get(cle);
  if (!f) {
    f = new Intl.DateTimeFormat('fr-FR', { ...options, timeZone: fuseau });
    formateurs.set(cle, f);
  }
  return f;
}
