// Each site's own email address (issue 12): `fs<id_fs>@<CONTACT_DOMAIN>` for a site of the national list (its public
// id: stable across imports), `lieu-<first 12 hex digits of its uuid>@<CONTACT_DOMAIN>` for a site created in guichet.
// The SMTP receiver reads the site back from the local part; nothing is stored.

/** The site's address, from its ids and the configured domain. */
export function adresseContact(site: { id: string; idFs: number | null }, domaine: string): string {
  return `${partieLocale(site)}@${domaine}`;
}

function partieLocale(site: { id: string; idFs: number | null }): string {
  return site.idFs !== null ? `fs${site.idFs}` : `lieu-${site.id.replaceAll('-', '').slice(0, 12)}`;
}

/** What an address designates: a national id, a uuid prefix, or nothing (another domain, another shape). */
export type CibleAdresse = { idFs: number } | { prefixeUuid: string } | null;

/** Reads an address written to (case-insensitive, `+tags` ignored) back into the site it designates. */
export function lireAdresseContact(adresse: string, domaine: string): CibleAdresse {
  const m = /^([^@\s]{1,64})@([^@\s]{1,255})$/.exec(adresse.trim().toLowerCase());
  if (!m || m[2] !== domaine.toLowerCase()) return null;
  const local = (m[1] ?? '').split('+')[0] ?? '';
  const fs = /^fs([1-9][0-9]{0,8})$/.exec(local);
  if (fs) return { idFs: Number(fs[1]) };
  const lieu = /^lieu-([0-9a-f]{12})$/.exec(local);
  if (lieu) return { prefixeUuid: `${lieu[1]?.slice(0, 8)}-${lieu[1]?.slice(8, 12)}` };
  return null;
}
