// "de" before a proper name, as French writes it: "d'Agen", "du Tampon", "des Abymes", "de La Réunion".

/** Names starting with a mute H, where "d'" is certain; every other H stays "de" (h aspiré: "de Hazebrouck"). */
const H_MUETS = ['hyeres', 'hendaye', 'henin-beaumont', 'herouville-saint-clair', 'honfleur', 'hennebont'];

const VOYELLE = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;

function sansAccents(texte: string): string {
  return texte
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * "de" followed by a place or organisation name: "de Le Tampon" → "du Tampon", "de Les Abymes" → "des Abymes",
 * "de Agen" → "d’Agen", "de Hyères" → "d’Hyères" (mute H only where known); "La" and "L’" stay ("de La Réunion").
 * With `personne`, only the elision applies: surnames keep their article ("de Le Clézio").
 */
export function deNom(nom: string, options: { personne?: boolean } = {}): string {
  const texte = nom.trim();
  if (!options.personne) {
    const article = /^(Le|Les)\s+(\S.*)$/.exec(texte);
    if (article?.[2]) return `${article[1] === 'Le' ? 'du' : 'des'} ${article[2]}`;
  }
  if (VOYELLE.test(texte)) return `d’${texte}`;
  if (/^h/i.test(texte)) {
    const debut = sansAccents(texte);
    if (H_MUETS.some((h) => debut === h || debut.startsWith(`${h} `) || debut.startsWith(`${h}(`))) return `d’${texte}`;
  }
  return `de ${texte}`;
}

/**
 * Lower case, no diacritics, œ/æ spelt out, every non-alphanumeric run as one space, "st"/"ste" as "saint"/"sainte".
 * "Saint-Étienne-de-l'Œuf" and "st etienne de l oeuf" both give "saint etienne de l oeuf".
 */
export function normaliser(texte: string): string {
  const base = texte
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (base === '') return '';
  return base
    .split(' ')
    .map((mot) => (mot === 'st' ? 'saint' : mot === 'ste' ? 'sainte' : mot))
    .join(' ');
}
