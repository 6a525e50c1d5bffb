/** One CSV field per RFC 4180: quoted when it holds a separator, a quote or a line break. */
function champ(valeur: unknown): string {
  if (valeur === null || valeur === undefined) return '';
  const texte = String(valeur);
  return /[",\r\n]/.test(texte) ? `"${texte.replaceAll('"', '""')}"` : texte;
}

/** A CSV document (comma-separated, CRLF line ends, UTF-8) from a header and rows in the same column order. */
export function versCsv(entetes: readonly string[], lignes: Iterable<readonly unknown[]>): string {
  const sortie = [entetes.map(champ).join(',')];
  for (const ligne of lignes) sortie.push(ligne.map(champ).join(','));
  return `${sortie.join('\r\n')}\r\n`;
}

/** A text cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR) gets a leading apostrophe. */
export function texteSur(valeur: string): string {
  return /^[=+\-@\t\r]/.test(valeur) ? `'${valeur}` : valeur;
}
