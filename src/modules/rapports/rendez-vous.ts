// Appointments in the activity report (issue 11, point 5): per site and per motif, how many were booked, seen, missed
// (no-show) or cancelled, and the no-show rate. Pure: the counts come from repo-rendez-vous.ts.

import type { CompteRendezVous } from './repo-rendez-vous.ts';

/** One line of the appointments tables. */
export interface LigneRendezVous {
  cle: string;
  libelle: string;
  /** Every appointment whose start falls in the period, cancelled ones included. */
  reserves: number;
  vus: number;
  absents: number;
  annulesUsager: number;
  annulesSite: number;
  /** Still "réservé" or "arrivé": to come, or not yet closed on the day board. */
  nonClotures: number;
  /** absents / (vus + absents); null when no appointment of the period was closed as seen or missed. */
  taux: number | null;
}

export interface RendezVousRapport {
  total: LigneRendezVous;
  sites: LigneRendezVous[];
  motifs: LigneRendezVous[];
}

/** The no-show rate: missed appointments over those that took place or were missed (cancellations left out). */
export function tauxAbsence(vus: number, absents: number): number | null {
  return vus + absents === 0 ? null : absents / (vus + absents);
}

function vide(cle: string, libelle: string): LigneRendezVous {
  return {
    cle,
    libelle,
    reserves: 0,
    vus: 0,
    absents: 0,
    annulesUsager: 0,
    annulesSite: 0,
    nonClotures: 0,
    taux: null,
  };
}

function ajouter(l: LigneRendezVous, statut: string, n: number) {
  l.reserves += n;
  if (statut === 'vu') l.vus += n;
  else if (statut === 'absent') l.absents += n;
  else if (statut === 'annule_usager') l.annulesUsager += n;
  else if (statut === 'annule_site') l.annulesSite += n;
  else l.nonClotures += n;
}

const ordre = (a: LigneRendezVous, b: LigneRendezVous) =>
  b.reserves - a.reserves || a.libelle.localeCompare(b.libelle, 'fr');

/** Sums the counts per site, per motif (named with its site when the report covers several) and in total. */
export function agregerRendezVous(comptes: CompteRendezVous[]): RendezVousRapport {
  const total = vide('total', 'Total');
  const sites = new Map<string, LigneRendezVous>();
  const motifs = new Map<string, LigneRendezVous & { siteNom: string; motifNom: string }>();
  for (const c of comptes) {
    ajouter(total, c.statut, c.n);
    const s = sites.get(c.siteId) ?? vide(c.siteId, c.siteNom);
    sites.set(c.siteId, s);
    ajouter(s, c.statut, c.n);
    const m = motifs.get(c.motifId) ?? { ...vide(c.motifId, c.motifNom), siteNom: c.siteNom, motifNom: c.motifNom };
    motifs.set(c.motifId, m);
    ajouter(m, c.statut, c.n);
  }
  const plusieurs = sites.size > 1;
  const finir = (l: LigneRendezVous): LigneRendezVous => ({ ...l, taux: tauxAbsence(l.vus, l.absents) });
  return {
    total: finir(total),
    sites: [...sites.values()].map(finir).sort(ordre),
    motifs: [...motifs.values()]
      .map(({ siteNom, motifNom, ...l }) => finir({ ...l, libelle: plusieurs ? `${motifNom} (${siteNom})` : motifNom }))
      .sort(ordre),
  };
}

/** Column headings of the appointments tables (page, workbook, PDF), the label column first. */
export const COLONNES_RENDEZ_VOUS = [
  'Réservés',
  'Vus',
  'Absents',
  'Annulés par l’usager',
  'Annulés par le lieu',
  'Non clôturés',
  'Taux d’absence',
] as const;

/** The figures of a line in the order of COLONNES_RENDEZ_VOUS (the rate last, as a fraction or null). */
export const valeursRendezVous = (
  l: LigneRendezVous,
): [number, number, number, number, number, number, number | null] => [
  l.reserves,
  l.vus,
  l.absents,
  l.annulesUsager,
  l.annulesSite,
  l.nonClotures,
  l.taux,
];

const POURCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** "11,2 %", or "—" when no appointment was closed as seen or missed. */
export const formaterTaux = (taux: number | null) => (taux === null ? '—' : POURCENT.format(taux));

/** How the rate is defined, for the page's help text and the PDF. */
export const DEFINITION_TAUX =
  'Taux d’absence = absents ÷ (vus + absents) : les rendez-vous annulés et ceux qui ne sont pas encore clôturés ' +
  'n’entrent pas dans le calcul. Repères : 11,2 % quand les personnes choisissent elles-mêmes leur créneau ' +
  '(RDV-Insertion), 6 % dans l’expérimentation « Lapins ».';
