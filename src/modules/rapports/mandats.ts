// Mandates in the activity report (issue 14, point 6): per structure, how many mandates were signed in the period, how
// many were active at its end, revoked (by an agent, or by the person with their code or link) and expired. Counts
// only, never a name: anonymised mandates count as the others (their row keeps structure, dates, status and origin).
// Pure: the counts per structure come from repo-mandats.ts.

/** One line of the mandates table. */
export interface LigneMandats {
  cle: string;
  libelle: string;
  signes: number;
  /** Active at the end of the period (today for a period still running). */
  actifs: number;
  /** Revoked in the period by an agent of the structure. */
  revoquesAgent: number;
  /** Revoked in the period by the person: the code of their original or the link they were sent. */
  revoquesPersonne: number;
  /** Expired in the period: their end reached, or their one procedure done. */
  expires: number;
}

export interface MandatsRapport {
  total: LigneMandats;
  structures: LigneMandats[];
}

const CHIFFRES = ['signes', 'actifs', 'revoquesAgent', 'revoquesPersonne', 'expires'] as const;

/** The total line and the structures' lines, the most signed first. */
export function agregerMandats(lignes: LigneMandats[]): MandatsRapport {
  const total: LigneMandats = {
    cle: 'total',
    libelle: 'Total',
    signes: 0,
    actifs: 0,
    revoquesAgent: 0,
    revoquesPersonne: 0,
    expires: 0,
  };
  for (const l of lignes) for (const c of CHIFFRES) total[c] += l[c];
  const structures = lignes
    .filter((l) => CHIFFRES.some((c) => l[c] > 0))
    .sort((a, b) => b.signes - a.signes || b.actifs - a.actifs || a.libelle.localeCompare(b.libelle, 'fr'));
  return { total, structures };
}

/** Column headings of the mandates table (page, workbook, PDF), the label column first. */
export const COLONNES_MANDATS = [
  'Signés',
  'Actifs en fin de période',
  'Révoqués par un agent',
  'Révoqués par la personne',
  'Expirés',
] as const;

/** The figures of a line in the order of COLONNES_MANDATS. */
export const valeursMandats = (l: LigneMandats): number[] => CHIFFRES.map((c) => l[c]);

/** How the figures are defined, for the page's help text and the PDF. */
export const DEFINITION_MANDATS =
  'Mandats signés au guichet par les personnes accompagnées, par structure. Signés : signés dans la période (jour du ' +
  'lieu). Actifs en fin de période : signés, ni révoqués ni expirés au dernier jour de la période (aujourd’hui pour une ' +
  'période en cours). Révoqués : par un agent de la structure, ou par la personne elle-même avec le code de son ' +
  'exemplaire ou le lien reçu. Expirés : arrivés à échéance, ou démarche unique terminée. Des décomptes seulement : ' +
  'aucun nom, les mandats anonymisés après leur durée de conservation restant comptés.';
