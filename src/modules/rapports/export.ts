import ExcelJS from 'exceljs';
import { versCsv } from '../../platform/formats/csv.ts';
import { NOMS_JOURS_SEMAINE } from '../horaires/index.ts';
import type { Ligne, Rapport } from './service.ts';

const ENTETES = ['Rubrique', 'Libellé', 'Période', 'Période précédente', 'Même période un an avant'] as const;

/** Every breakdown of a report as rows (section, label, period, previous, year before), the grid last. */
function lignes(r: Rapport): Array<[string, string, number, number, number]> {
  const bloc = (rubrique: string, l: Ligne[]) =>
    l.map(
      (x) => [rubrique, x.libelle, x.n, x.precedente, x.anneePrecedente] as [string, string, number, number, number],
    );
  return [
    ...bloc('Total', [r.total]),
    ...bloc('Repères', r.reperes),
    ...bloc('Partenaire', r.partenaires),
    ...bloc('Thème', r.themes),
    ...bloc('Situation de vie', r.situations),
    ...bloc('Canal', r.canaux),
    ...bloc('Niveau d’aide', r.niveaux),
    ...bloc('Issue', r.issues),
    ...bloc('Durée', r.durees),
    ...bloc('Tranche d’âge', r.tranchesAge),
    ...bloc(r.lieux.titre.replace(/^Par /, 'Lieu – '), r.lieux.lignes),
  ];
}

const enTete = (r: Rapport) =>
  `${r.perimetre.libelle} – ${r.periode.libelle} (précédente : ${r.precedente.libelle} ; un an avant : ${r.anneePrecedente.libelle})`;

/** The report as CSV (UTF-8 with BOM); the weekday × hour grid follows as "Créneau" rows. */
export function rapportCsv(r: Rapport): string {
  const grille = r.grille.jours.flatMap((ligne, j) =>
    ligne.map((n, h) => ['Créneau', `${NOMS_JOURS_SEMAINE[j]} ${r.grille.heures[h]} h`, n, '', ''] as const),
  );
  return `\uFEFF${versCsv(ENTETES, [['Rapport', enTete(r), '', '', ''], ...lignes(r), ...grille])}`;
}

/** The report as a workbook: the breakdowns on one sheet, the weekday × hour grid on another. */
export async function rapportXlsx(r: Rapport): Promise<Buffer> {
  const classeur = new ExcelJS.Workbook();
  classeur.creator = 'guichet';
  classeur.title = `Rapport d’activité – ${r.perimetre.libelle}`;
  const feuille = classeur.addWorksheet('Rapport', { views: [{ state: 'frozen', ySplit: 3 }] });
  feuille.addRow([`Rapport d’activité – ${enTete(r)}`]).font = { bold: true };
  feuille.addRow([]);
  feuille.addRow([...ENTETES]).font = { bold: true };
  for (const l of lignes(r)) feuille.addRow(l);
  feuille.columns = [{ width: 24 }, { width: 48 }, { width: 12 }, { width: 20 }, { width: 24 }];
  const grille = classeur.addWorksheet('Jours et heures');
  grille.addRow(['', ...r.grille.heures.map((h) => `${h} h`)]).font = { bold: true };
  r.grille.jours.forEach((ligne, j) => {
    grille.addRow([NOMS_JOURS_SEMAINE[j], ...ligne]);
  });
  return Buffer.from(await classeur.xlsx.writeBuffer());
}
