// The mandates section of the report's CSV and workbook (issue 14): the same counts as the page, never a name.

import type ExcelJS from 'exceljs';
import { COLONNES_MANDATS, type LigneMandats, valeursMandats } from './mandats.ts';
import type { Rapport } from './service.ts';

/** The mandates as CSV rows of the period column (none when the reader may count no mandate). */
export function lignesMandatsCsv(r: Rapport): Array<[string, string, number, '', '']> {
  const m = r.mandats;
  if (!m) return [];
  const bloc = (rubrique: string, lignes: LigneMandats[]) =>
    lignes.flatMap((l) =>
      valeursMandats(l).map(
        (v, i) =>
          [rubrique, `${l.libelle} – ${(COLONNES_MANDATS[i] ?? '').toLowerCase()}`, v, '', ''] as [
            string,
            string,
            number,
            '',
            '',
          ],
      ),
    );
  return [...bloc('Mandats', [m.total]), ...bloc('Mandats par structure', m.structures)];
}

/** The mandates sheet of the workbook: the total, then one row per structure. */
export function feuilleMandats(classeur: ExcelJS.Workbook, r: Rapport): void {
  const m = r.mandats;
  if (!m) return;
  const feuille = classeur.addWorksheet('Mandats', { views: [{ state: 'frozen', ySplit: 1 }] });
  feuille.addRow(['Rubrique', 'Libellé', ...COLONNES_MANDATS]).font = { bold: true };
  feuille.addRow(['Total', m.total.libelle, ...valeursMandats(m.total)]).font = { bold: true };
  for (const l of m.structures) feuille.addRow(['Structure', l.libelle, ...valeursMandats(l)]);
  feuille.columns.forEach((c, i) => {
    c.width = i === 1 ? 40 : i === 0 ? 14 : 18;
  });
}
