// Messages written to sites in the activity report (issue 12, point 5): per site, structure and département, how many
// were received, answered, answered in time, late, the share answered in time and the median time to the first
// answer in working hours. Pure: the requests come from repo-contacts.ts, their working hours from service-contacts.ts.

import type { DemandeRapport } from './repo-contacts.ts';

/** One line of the messages tables. */
export interface LigneContacts {
  cle: string;
  libelle: string;
  /** Received in the period (those closed as unwanted left out). */
  recues: number;
  /** With a first answer (a reply sent; an internal note or a closure is none). */
  repondues: number;
  /** First answer at or before the due instant promised at receipt. */
  dansDelai: number;
  /** First answer after the due instant, or none yet while the due instant has passed. */
  enRetard: number;
  /** dansDelai / (dansDelai + enRetard); null when no request of the line is judged yet. */
  part: number | null;
  /** Median working hours from receipt to the first answer, over the answered requests; null when none. */
  mediane: number | null;
}

export interface ContactsRapport {
  total: LigneContacts;
  departements: LigneContacts[];
  structures: LigneContacts[];
  sites: LigneContacts[];
}

/** How a request counts in the share answered in time, at `maintenant`. */
export function verdict(d: DemandeRapport, maintenant: Date): 'dans_delai' | 'en_retard' | null {
  if (d.echeance === null) return null;
  if (d.premiereReponseLe) return d.premiereReponseLe.getTime() <= d.echeance.getTime() ? 'dans_delai' : 'en_retard';
  if (!d.close && d.echeance.getTime() <= maintenant.getTime()) return 'en_retard';
  return null;
}

/** The median of some numbers (the mean of the two middle ones for an even count); null for none. */
export function mediane(valeurs: number[]): number | null {
  if (valeurs.length === 0) return null;
  const v = [...valeurs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
}

interface Accumulateur {
  cle: string;
  libelle: string;
  recues: number;
  repondues: number;
  dansDelai: number;
  enRetard: number;
  heures: number[];
}

const ordre = (a: LigneContacts, b: LigneContacts) => b.recues - a.recues || a.libelle.localeCompare(b.libelle, 'fr');

/**
 * Sums the requests per site, structure and département and in total; `heures` gives each answered request's working
 * hours to its first answer, `nomDepartement` a département's name.
 */
export function agregerContacts(
  demandes: DemandeRapport[],
  heures: (d: DemandeRapport) => number | null,
  maintenant: Date,
  nomDepartement: (code: string) => string,
): ContactsRapport {
  const nouveau = (cle: string, libelle: string): Accumulateur => ({
    cle,
    libelle,
    recues: 0,
    repondues: 0,
    dansDelai: 0,
    enRetard: 0,
    heures: [],
  });
  const total = nouveau('total', 'Total');
  const groupes = { departements: new Map(), structures: new Map(), sites: new Map() } as Record<
    'departements' | 'structures' | 'sites',
    Map<string, Accumulateur>
  >;
  const dans = (groupe: keyof typeof groupes, cle: string, libelle: () => string) => {
    let a = groupes[groupe].get(cle);
    if (!a) {
      a = nouveau(cle, libelle());
      groupes[groupe].set(cle, a);
    }
    return a;
  };
  for (const d of demandes) {
    const v = verdict(d, maintenant);
    const h = d.premiereReponseLe ? heures(d) : null;
    for (const a of [
      total,
      dans('departements', d.departement, () => nomDepartement(d.departement)),
      dans('structures', d.structureId, () => d.structureNom),
      dans('sites', d.siteId, () => d.siteNom),
    ]) {
      a.recues++;
      if (d.premiereReponseLe) a.repondues++;
      if (v === 'dans_delai') a.dansDelai++;
      if (v === 'en_retard') a.enRetard++;
      if (h !== null) a.heures.push(h);
    }
  }
  const finir = ({ heures: liste, ...a }: Accumulateur): LigneContacts => ({
    ...a,
    part: a.dansDelai + a.enRetard === 0 ? null : a.dansDelai / (a.dansDelai + a.enRetard),
    mediane: mediane(liste),
  });
  const liste = (g: keyof typeof groupes) => [...groupes[g].values()].map(finir).sort(ordre);
  return {
    total: finir(total),
    departements: liste('departements'),
    structures: liste('structures'),
    sites: liste('sites'),
  };
}

/** Column headings of the messages tables (page, workbook, PDF), the label column first. */
export const COLONNES_CONTACTS = [
  'Reçus',
  'Répondus',
  'Dans le délai',
  'En retard',
  'Part dans le délai',
  'Délai médian de première réponse (heures ouvrées)',
] as const;

/** The figures of a line in the order of COLONNES_CONTACTS (the share as a fraction, the median in hours). */
export const valeursContacts = (l: LigneContacts): [number, number, number, number, number | null, number | null] => [
  l.recues,
  l.repondues,
  l.dansDelai,
  l.enRetard,
  l.part,
  l.mediane,
];

const POURCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const HEURES = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "87,5 %", or "—" when no request is judged yet. */
export const formaterPart = (part: number | null) => (part === null ? '—' : POURCENT.format(part));
/** "5,3 h", or "—" when no request was answered. */
export const formaterHeures = (h: number | null) => (h === null ? '—' : `${HEURES.format(h)}\u00a0h`);

/** How the figures are defined, for the page's help text and the PDF (kept equal to docs/glossaire.md). */
export const DEFINITION_CONTACTS =
  'Messages reçus dans la période (jour du lieu), par le formulaire ou par courriel, hors messages clos comme ' +
  'indésirables. Dans le délai : première réponse envoyée au plus tard à l’échéance promise à la réception ' +
  '(72 heures ouvrées). En retard : première réponse après l’échéance, ou aucune réponse alors que l’échéance est ' +
  'passée et le message pas clos. La part dans le délai ne compte que ces deux cas : un message encore dans son délai ' +
  'ou clos sans réponse n’y entre pas. Délai médian : heures ouvrées (24 heures par jour ouvré du lieu) de la ' +
  'réception à la première réponse, calculées sur le calendrier actuel du lieu.';
