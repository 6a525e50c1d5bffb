// The cases section of the report's CSV and workbook (issue 13, point 6): the same figures as the page.

import type ExcelJS from 'exceljs';
import {
  COLONNES_ISSUES_SAISINES,
  COLONNES_SAISINES,
  type LigneSaisines,
  MEDIANES_SAISINES,
  PARTS_SAISINES,
  valeursIssuesSaisines,
  valeursSaisines,
} from './saisines.ts';
import type { Rapport } from './service.ts';

/** How each figure of a cases line is named in the CSV, in the order of `valeursSaisines` then the outcomes. */
const LIBELLES_CSV = [
  'créées',
  'répondues',
  'délai médian de première réponse (heures)',
  'délai médian de première réponse (jours ouvrés)',
  'clôturées',
  'part résolue (%)',
  'en retard',
  'part en retard (%)',
  ...COLONNES_ISSUES_SAISINES.slice(1).map((c) => `issue ${c.toLowerCase()}`),
];

/** A figure for a file: shares in percent with one decimal, medians with one decimal, '' when there is none. */
function arrondi(v: number | null, i: number): number | string {
  if (v === null) return '';
  if (PARTS_SAISINES.has(i)) return Math.round(v * 1000) / 10;
  if (MEDIANES_SAISINES.has(i)) return Math.round(v * 10) / 10;
  return v;
}

const figures = (l: LigneSaisines): Array<number | null> => [
  ...valeursSaisines(l),
  ...valeursIssuesSaisines(l).slice(1),
];

/** The cases as CSV rows of the period column (none when the reader may count no case). */
export function lignesSaisinesCsv(r: Rapport): Array<[string, string, number | string, '', '']> {
  const s = r.saisines;
  if (!s) return [];
  const bloc = (rubrique: string, lignes: LigneSaisines[]) =>
    lignes.flatMap((l) =>
      figures(l).map(
        (v, i) =>
          [rubrique, `${l.libelle} – ${LIBELLES_CSV[i]}`, arrondi(v, i), '', ''] as [
            string,
            string,
            number | string,
            '',
            '',
          ],
      ),
    );
  return [
    ...bloc('Saisines', [s.total]),
    ...bloc('Saisines par partenaire', s.partenaires),
    ...bloc('Saisines par département', s.departements),
  ];
}

/** The cases sheet of the workbook: one row per line (total, partners, départements), shares formatted as percents. */
export function feuilleSaisines(classeur: ExcelJS.Workbook, r: Rapport): void {
  const s = r.saisines;
  if (!s) return;
  const feuille = classeur.addWorksheet('Saisines', { views: [{ state: 'frozen', ySplit: 1 }] });
  feuille.addRow(['Rubrique', 'Libellé', ...COLONNES_SAISINES, ...COLONNES_ISSUES_SAISINES.slice(1)]).font = {
    bold: true,
  };
  const ajouter = (rubrique: string, l: LigneSaisines) => feuille.addRow([rubrique, l.libelle, ...figures(l)]);
  ajouter('Total', s.total).font = { bold: true };
  for (const l of s.partenaires) ajouter('Partenaire', l);
  for (const l of s.departements) ajouter('Département', l);
  for (const i of PARTS_SAISINES) feuille.getColumn(i + 3).numFmt = '0.0%';
  for (const i of MEDIANES_SAISINES) feuille.getColumn(i + 3).numFmt = '0.0';
  feuille.columns.forEach((c, i) => {
    c.width = i === 1 ? 40 : i === 0 ? 14 : 16;
  });
}
