// Cases handed to partners' référents in the activity report (issue 13, point 6): per partner and per département,
// how many were created, answered, the median time to the first answer (in hours and in working days), the share
// resolved among those closed, the share late among those judged, and the outcomes. Pure: the cases come from
// repo-saisines.ts, their working days from service-saisines.ts.

import { mediane } from './contacts.ts';

/** A case as the report reads it: where, for which partner, when created, due, first answered and closed. */
export interface SaisineRapport {
  partenaireId: string;
  departement: string;
  creeLe: Date;
  echeance: Date;
  premiereReponseLe: Date | null;
  clotureLe: Date | null;
  issue: IssueSaisine | null;
}

export const ISSUES_SAISINES = ['droit_ouvert_ou_retabli', 'dossier_debloque', 'reoriente', 'sans_suite'] as const;
export type IssueSaisine = (typeof ISSUES_SAISINES)[number];

/** French labels of the outcomes recorded at closure. */
export const LIBELLES_ISSUES_SAISINES: Record<IssueSaisine, string> = {
  droit_ouvert_ou_retabli: 'Droit ouvert ou rétabli',
  dossier_debloque: 'Dossier débloqué',
  reoriente: 'Réorienté',
  sans_suite: 'Sans suite',
};

/** The outcomes that count as resolved. */
export const ISSUES_RESOLUES: readonly IssueSaisine[] = ['droit_ouvert_ou_retabli', 'dossier_debloque'];

/** One line of the cases tables. */
export interface LigneSaisines {
  cle: string;
  libelle: string;
  creees: number;
  /** With a first answer of the référent. */
  repondues: number;
  /** Median clock hours from creation to the first answer, over the answered cases; null when none. */
  medianeHeures: number | null;
  /** Median working days from the day of creation to the day of the first answer; null when none. */
  medianeJours: number | null;
  cloturees: number;
  /** Closed with the outcome « droit ouvert ou rétabli » or « dossier débloqué ». */
  resolues: number;
  /** resolues / cloturees; null when none is closed. */
  partResolues: number | null;
  /** First answer at or before the deadline. */
  dansDelai: number;
  /** First answer after the deadline, or none while the deadline has passed (before closure, or by now). */
  enRetard: number;
  /** enRetard / (dansDelai + enRetard); null when no case is judged yet. */
  partRetard: number | null;
  /** Closed cases per outcome. */
  issues: Record<IssueSaisine, number>;
}

export interface SaisinesRapport {
  total: LigneSaisines;
  partenaires: LigneSaisines[];
  departements: LigneSaisines[];
}

/** How a case counts in the share late, at `maintenant`. */
export function verdictSaisine(s: SaisineRapport, maintenant: Date): 'dans_delai' | 'en_retard' | null {
  if (s.premiereReponseLe) return s.premiereReponseLe.getTime() <= s.echeance.getTime() ? 'dans_delai' : 'en_retard';
  const fin = s.clotureLe ?? maintenant;
  return fin.getTime() > s.echeance.getTime() ? 'en_retard' : null;
}

interface Accumulateur extends Omit<LigneSaisines, 'medianeHeures' | 'medianeJours' | 'partResolues' | 'partRetard'> {
  heures: number[];
  jours: number[];
}

const ordre = (a: LigneSaisines, b: LigneSaisines) => b.creees - a.creees || a.libelle.localeCompare(b.libelle, 'fr');

/**
 * Sums the cases per partner, per département and in total; `jours` gives an answered case's working days to its first
 * answer, `nomPartenaire` and `nomDepartement` the names of the lines.
 */
export function agregerSaisines(
  saisines: SaisineRapport[],
  jours: (s: SaisineRapport) => number | null,
  maintenant: Date,
  nomPartenaire: (id: string) => string,
  nomDepartement: (code: string) => string,
): SaisinesRapport {
  const nouveau = (cle: string, libelle: string): Accumulateur => ({
    cle,
    libelle,
    creees: 0,
    repondues: 0,
    cloturees: 0,
    resolues: 0,
    dansDelai: 0,
    enRetard: 0,
    issues: { droit_ouvert_ou_retabli: 0, dossier_debloque: 0, reoriente: 0, sans_suite: 0 },
    heures: [],
    jours: [],
  });
  const total = nouveau('total', 'Total');
  const partenaires = new Map<string, Accumulateur>();
  const departements = new Map<string, Accumulateur>();
  const dans = (m: Map<string, Accumulateur>, cle: string, libelle: () => string) => {
    let a = m.get(cle);
    if (!a) {
      a = nouveau(cle, libelle());
      m.set(cle, a);
    }
    return a;
  };
  for (const s of saisines) {
    const v = verdictSaisine(s, maintenant);
    const h = s.premiereReponseLe ? (s.premiereReponseLe.getTime() - s.creeLe.getTime()) / 3_600_000 : null;
    const j = s.premiereReponseLe ? jours(s) : null;
    for (const a of [
      total,
      dans(partenaires, s.partenaireId, () => nomPartenaire(s.partenaireId)),
      dans(departements, s.departement, () => nomDepartement(s.departement)),
    ]) {
      a.creees++;
      if (h !== null) {
        a.repondues++;
        a.heures.push(h);
      }
      if (j !== null) a.jours.push(j);
      if (s.clotureLe && s.issue) {
        a.cloturees++;
        a.issues[s.issue]++;
        if (ISSUES_RESOLUES.includes(s.issue)) a.resolues++;
      }
      if (v === 'dans_delai') a.dansDelai++;
      if (v === 'en_retard') a.enRetard++;
    }
  }
  const finir = ({ heures, jours: j, ...a }: Accumulateur): LigneSaisines => ({
    ...a,
    medianeHeures: mediane(heures),
    medianeJours: mediane(j),
    partResolues: a.cloturees === 0 ? null : a.resolues / a.cloturees,
    partRetard: a.dansDelai + a.enRetard === 0 ? null : a.enRetard / (a.dansDelai + a.enRetard),
  });
  return {
    total: finir(total),
    partenaires: [...partenaires.values()].map(finir).sort(ordre),
    departements: [...departements.values()].map(finir).sort(ordre),
  };
}

/** Column headings of the cases tables (page, workbook, PDF), the label column first. */
export const COLONNES_SAISINES = [
  'Créées',
  'Répondues',
  'Délai médian de première réponse (heures)',
  'Délai médian de première réponse (jours ouvrés)',
  'Clôturées',
  'Part résolue',
  'En retard',
  'Part en retard',
] as const;

/** The figures of a line in the order of COLONNES_SAISINES (shares as fractions, medians as numbers). */
export const valeursSaisines = (l: LigneSaisines): Array<number | null> => [
  l.creees,
  l.repondues,
  l.medianeHeures,
  l.medianeJours,
  l.cloturees,
  l.partResolues,
  l.enRetard,
  l.partRetard,
];

/** Which values of `valeursSaisines` are shares (shown in percent). */
export const PARTS_SAISINES = new Set([5, 7]);
/** Which values of `valeursSaisines` are medians (shown with one decimal). */
export const MEDIANES_SAISINES = new Set([2, 3]);

/** Column headings of the outcomes table, the label column first. */
export const COLONNES_ISSUES_SAISINES = [
  'Clôturées',
  ...ISSUES_SAISINES.map((i) => LIBELLES_ISSUES_SAISINES[i]),
] as const;

/** The figures of an outcomes line in the order of COLONNES_ISSUES_SAISINES. */
export const valeursIssuesSaisines = (l: LigneSaisines): number[] => [
  l.cloturees,
  ...ISSUES_SAISINES.map((i) => l.issues[i]),
];

const POURCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const DECIMAL = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const NOMBRE = new Intl.NumberFormat('fr-FR');

/** A figure of `valeursSaisines` as text: "12", "37,5 %", "26,5", or "—" when there is none. */
export function formaterValeurSaisines(v: number | null, i: number): string {
  if (v === null) return '—';
  if (PARTS_SAISINES.has(i)) return POURCENT.format(v);
  if (MEDIANES_SAISINES.has(i)) return DECIMAL.format(v);
  return NOMBRE.format(v);
}

/** How the figures are defined, for the page's help text and the PDF (kept equal to docs/glossaire.md). */
export const DEFINITION_SAISINES =
  'Saisines des référents des partenaires créées dans la période (jour du lieu). Délai de première réponse : de la ' +
  'création à la première réponse du référent, en heures (temps écoulé) et en jours ouvrés (du lundi au vendredi, ' +
  'hors jours fériés du territoire du lieu, comptés à partir du lendemain de la création : une réponse le jour même ' +
  'compte 0 jour) ; médiane sur les saisines répondues. Part résolue : saisines clôturées avec l’issue « droit ouvert ' +
  'ou rétabli » ou « dossier débloqué », sur l’ensemble des saisines clôturées. En retard : première réponse après ' +
  'l’échéance du partenaire, ou aucune réponse alors que l’échéance est passée (à la clôture, ou aujourd’hui pour une ' +
  'saisine ouverte). La part en retard ne compte que les saisines jugées : répondues, ou sans réponse après ' +
  'l’échéance ; une saisine encore dans son délai n’y entre pas.';
