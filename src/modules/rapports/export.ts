import ExcelJS from 'exceljs';
import { versCsv } from '../../platform/formats/csv.ts';
import { NOMS_JOURS_SEMAINE } from '../horaires/index.ts';
import { COLONNES_CONTACTS, type LigneContacts, valeursContacts } from './contacts.ts';
import { feuilleMandats, lignesMandatsCsv } from './export-mandats.ts';
import { feuilleSaisines, lignesSaisinesCsv } from './export-saisines.ts';
import { COLONNES_RENDEZ_VOUS, type LigneRendezVous, valeursRendezVous } from './rendez-vous.ts';
import { avecSectionsDesLieux, type Ligne, type Rapport } from './service.ts';

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

/** Appointments as rows of the period column: one per line and figure, the rate in percent with one decimal. */
function lignesRendezVous(r: Rapport): Array<[string, string, number | string, '', '']> {
  const bloc = (rubrique: string, l: LigneRendezVous[]) =>
    l.flatMap((x) =>
      valeursRendezVous(x).map(
        (v, i) =>
          [
            rubrique,
            `${x.libelle} – ${(COLONNES_RENDEZ_VOUS[i] ?? '').toLowerCase()}${i === 6 ? ' (%)' : ''}`,
            v === null ? '' : i === 6 ? Math.round(v * 1000) / 10 : v,
            '',
            '',
          ] as [string, string, number | string, '', ''],
      ),
    );
  return [
    ...bloc('Rendez-vous', [r.rendezVous.total]),
    ...bloc('Rendez-vous par lieu', r.rendezVous.sites),
    ...bloc('Rendez-vous par motif', r.rendezVous.motifs),
  ];
}

/** How each figure of a messages line is named in the CSV, in the order of `valeursContacts`. */
const LIBELLES_CSV_CONTACTS = [
  'reçus',
  'répondus',
  'dans le délai',
  'en retard',
  'part dans le délai (%)',
  'délai médian (heures ouvrées)',
];

/** Messages written to the sites as rows of the period column: the share in percent, the median in hours (1 decimal). */
function lignesContacts(r: Rapport): Array<[string, string, number | string, '', '']> {
  const arrondi = (v: number | null, i: number) =>
    v === null ? '' : i === 4 ? Math.round(v * 1000) / 10 : i === 5 ? Math.round(v * 10) / 10 : v;
  const bloc = (rubrique: string, l: LigneContacts[]) =>
    l.flatMap((x) =>
      valeursContacts(x).map(
        (v, i) =>
          [rubrique, `${x.libelle} – ${LIBELLES_CSV_CONTACTS[i]}`, arrondi(v, i), '', ''] as [
            string,
            string,
            number | string,
            '',
            '',
          ],
      ),
    );
  return [
    ...bloc('Messages', [r.contacts.total]),
    ...bloc('Messages par département', r.contacts.departements),
    ...bloc('Messages par structure', r.contacts.structures),
    ...bloc('Messages par lieu', r.contacts.sites),
  ];
}

/**
 * The report as CSV (UTF-8 with BOM); the weekday × hour grid follows as "Créneau" rows, then the appointments and
 * the messages written to the sites.
 */
export function rapportCsv(r: Rapport): string {
  const grille = r.grille.jours.flatMap((ligne, j) =>
    ligne.map((n, h) => ['Créneau', `${NOMS_JOURS_SEMAINE[j]} ${r.grille.heures[h]} h`, n, '', ''] as const),
  );
  const tout = [
    ['Rapport', enTete(r), '', '', ''] as const,
    ...lignes(r),
    ...grille,
    ...(avecSectionsDesLieux(r) ? [...lignesRendezVous(r), ...lignesContacts(r)] : []),
    ...lignesSaisinesCsv(r),
    ...lignesMandatsCsv(r),
  ];
  return `\uFEFF${versCsv(ENTETES, tout)}`;
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
  // A partner's report has no appointment nor message sheet: the cases and mandates sheets come last in every report.
  const finir = async () => {
    feuilleSaisines(classeur, r);
    feuilleMandats(classeur, r);
    return Buffer.from(await classeur.xlsx.writeBuffer());
  };
  if (!avecSectionsDesLieux(r)) return finir();
  const rdv = classeur.addWorksheet('Rendez-vous', { views: [{ state: 'frozen', ySplit: 1 }] });
  rdv.addRow(['Rubrique', 'Libellé', ...COLONNES_RENDEZ_VOUS]).font = { bold: true };
  const ajouter = (rubrique: string, l: LigneRendezVous) => rdv.addRow([rubrique, l.libelle, ...valeursRendezVous(l)]);
  ajouter('Total', r.rendezVous.total).font = { bold: true };
  for (const l of r.rendezVous.sites) ajouter('Lieu', l);
  for (const l of r.rendezVous.motifs) ajouter('Motif', l);
  rdv.getColumn(9).numFmt = '0.0%';
  rdv.columns.forEach((c, i) => {
    c.width = i === 1 ? 48 : i === 0 ? 12 : 14;
  });
  const messages = classeur.addWorksheet('Messages', { views: [{ state: 'frozen', ySplit: 1 }] });
  messages.addRow(['Rubrique', 'Libellé', ...COLONNES_CONTACTS]).font = { bold: true };
  const message = (rubrique: string, l: LigneContacts) => messages.addRow([rubrique, l.libelle, ...valeursContacts(l)]);
  message('Total', r.contacts.total).font = { bold: true };
  for (const l of r.contacts.departements) message('Département', l);
  for (const l of r.contacts.structures) message('Structure', l);
  for (const l of r.contacts.sites) message('Lieu', l);
  messages.getColumn(7).numFmt = '0.0%';
  messages.getColumn(8).numFmt = '0.0';
  messages.columns.forEach((c, i) => {
    c.width = i === 1 ? 48 : i === 0 ? 14 : 16;
  });
  return finir();
}
