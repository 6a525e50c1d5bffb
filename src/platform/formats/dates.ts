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

/** True when the options write the month as a word ("1 décembre"), where French says "1er". */
function moisEnLettres(options: Intl.DateTimeFormatOptions): boolean {
  return (
    ['long', 'short', 'narrow'].includes(options.month ?? '') ||
    ['full', 'long', 'medium'].includes(options.dateStyle ?? '')
  );
}

/**
 * An instant written in French in a time zone, the first of the month as "1er" ("mardi 1er décembre"), as French
 * writes it and `Intl` does not.
 */
export function formaterDate(instant: Date, fuseau: string, options: Intl.DateTimeFormatOptions): string {
  const f = formateur(fuseau, options);
  if (!moisEnLettres(options)) return f.format(instant);
  return f
    .formatToParts(instant)
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

/** A civil date (YYYY-MM-DD) written in French, the first of the month as "1er". */
export function formaterJour(date: string, options: Intl.DateTimeFormatOptions): string {
  return formaterDate(new Date(`${date}T12:00:00Z`), 'UTC', options);
}
