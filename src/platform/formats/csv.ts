/** One CSV field per RFC 4180: quoted when it holds a separator, a quote or a line break; text made formula-safe. */
function champ(valeur: unknown): string {
  if (valeur === null || valeur === undefined) return '';
  const texte = typeof valeur === 'string' ? texteSur(valeur) : String(valeur);
  return /[",\r\n]/.test(texte) ? `"${texte.replaceAll('"', '""')}"` : texte;
}

/**
 * A CSV document (comma-separated, CRLF line ends, UTF-8) from a header and rows in the same column order. Every text
 * cell goes through `texteSur()`, so no CSV that guichet writes can carry a spreadsheet formula.
 */
export function versCsv(entetes: readonly string[], lignes: Iterable<readonly unknown[]>): string {
  const sortie = [entetes.map(champ).join(',')];
  for (const ligne of lignes) sortie.push(ligne.map(champ).join(','));
  return `${sortie.join('\r\n')}\r\n`;
}

// Arithmetic on constants (a negative coordinate, "+12 %", a "+33 1 …" phone number, the ANCT's "-" for a closed day)
// calls no function and reaches nothing outside the sheet: such cells are left as they are, for machines to read.
const SANS_FONCTION = /^[+-][\d\s.,%+-]*$/;

/**
 * A text cell that a spreadsheet would read as a formula (starting with =, +, -, @, tab or CR, other than sign-led
 * digits) gets a leading apostrophe, which spreadsheets take as "this is text" (OWASP's CSV injection advice).
 */
export function texteSur(valeur: string): string {
  return /^[=@\t\r]/.test(valeur) || (/^[+-]/.test(valeur) && !SANS_FONCTION.test(valeur)) ? `'${valeur}` : valeur;
}

/** The inverse of `texteSur()` for a CSV read back (an import of guichet's own export): the apostrophe it added goes. */
export function texteLu(valeur: string): string {
  return valeur.startsWith("'") && texteSur(valeur.slice(1)) === valeur ? valeur.slice(1) : valeur;
}
