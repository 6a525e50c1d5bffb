// The text of a mandate that both originals print and whose SHA-256 is printed on every page (issue 14 point 2,
// ADR 0031): the person's identity, the identity document seen, the structure and site, the scope, the duration and
// the version of the notice. The signature's time is not in it, so a reprint after signing shows the same hash, and
// the person's contact details are not either (they may change without changing what was agreed).

import { createHash } from 'node:crypto';
import { dateEnClair } from '../../platform/http/dates.ts';
import { DUREES_EN_TOUTES_LETTRES, type DureeMandat, LIBELLES_PIECES, type PieceIdentite } from './validation.ts';

/** A partner of the scope and the procedures named for it (none: all its procedures). */
export interface PartenaireDuPerimetre {
  partenaireId: string;
  partenaire: string;
  demarches: string[];
}

export interface ContenuMandat {
  reference: string;
  prenom: string;
  nom: string;
  /** YYYY-MM-DD */
  dateNaissance: string;
  pieceIdentite: PieceIdentite;
  structure: string;
  site: { nom: string; adresse: string; codePostal: string; commune: string };
  perimetre: PartenaireDuPerimetre[];
  duree: DureeMandat;
  versionNotice: string;
}

const ordre = (a: string, b: string) => a.localeCompare(b, 'fr');

/** Scope rows grouped by partner, partners and procedures in French alphabetical order (the canonical order). */
export function grouperPerimetre(
  lignes: Array<{ partenaireId: string; partenaire: string; situation: string | null }>,
): PartenaireDuPerimetre[] {
  const parPartenaire = new Map<string, PartenaireDuPerimetre>();
  for (const l of lignes) {
    const p = parPartenaire.get(l.partenaireId) ?? {
      partenaireId: l.partenaireId,
      partenaire: l.partenaire,
      demarches: [],
    };
    if (l.situation) p.demarches.push(l.situation);
    parPartenaire.set(l.partenaireId, p);
  }
  return [...parPartenaire.values()]
    .map((p) => ({ ...p, demarches: [...new Set(p.demarches)].sort(ordre) }))
    .sort((a, b) => ordre(a.partenaire, b.partenaire));
}

/** One partner of the scope in words: "CAF : toutes les démarches" or "CAF : Je déménage ; Je perds mon emploi". */
export const ligneDuPerimetre = (p: PartenaireDuPerimetre) =>
  `${p.partenaire} : ${p.demarches.length === 0 ? 'toutes les démarches' : p.demarches.join(' ; ')}`;

/** The canonical text of a mandate (one field a line, NFC), the same at creation and at every reprint. */
export function texteCanonique(c: ContenuMandat): string {
  return [
    `Mandat ${c.reference}`,
    `Mandant : ${c.prenom} ${c.nom}, né(e) le ${dateEnClair(c.dateNaissance)}`,
    `Pièce d’identité présentée : ${LIBELLES_PIECES[c.pieceIdentite]}`,
    `Mandataire : ${c.structure}, ${c.site.nom}, ${c.site.adresse}, ${c.site.codePostal} ${c.site.commune}`,
    ...c.perimetre.map((p) => `Périmètre : ${ligneDuPerimetre(p)}`),
    `Durée : ${DUREES_EN_TOUTES_LETTRES[c.duree]}, à compter de la signature`,
    `Notice d’information : version ${c.versionNotice}`,
  ]
    .join('\n')
    .normalize('NFC');
}

/** The SHA-256 (hex) of the canonical text. */
export function empreinteTexte(c: ContenuMandat): string {
  return createHash('sha256').update(texteCanonique(c), 'utf8').digest('hex');
}
