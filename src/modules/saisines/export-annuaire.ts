import ExcelJS from 'exceljs';
import { versCsv } from '../../platform/formats/csv.ts';
import { dateEnClair } from '../../platform/http/dates.ts';
import { nomDepartement } from '../territoires/index.ts';
import type { Referent, TableauReferents } from './service-annuaire.ts';
import { LIBELLES_RANGS } from './validation-annuaire.ts';

// The "tableau récapitulatif des référents" of a département (convention annexe 6) as files: CSV and XLSX carry the
// same rows as the page, one per active entry, in the same order; the PDF is drawn in pdf-annuaire.ts.

export const COLONNES_TABLEAU = [
  'Département',
  'Partenaire',
  'Rang',
  'Prénom',
  'Nom',
  'Fonction',
  'Téléphone',
  'Adresse électronique',
  'Périmètre',
  'Absences à venir',
  'Compte guichet',
  'Délai de première réponse (jours ouvrés)',
] as const;

/** One entry as the cells of the tableau, in the order of `COLONNES_TABLEAU`. */
export function cellulesReferent(t: TableauReferents, r: Referent): string[] {
  const delai = t.delais.find((d) => d.id === r.partenaireId)?.jours ?? t.delaiNational;
  return [
    r.departement,
    r.partenaireNom,
    LIBELLES_RANGS[r.rang],
    r.prenom,
    r.nom,
    r.fonction ?? '',
    r.telephone ?? '',
    r.courriel,
    r.nomsStructures.length === 0 ? 'Tout le département' : r.nomsStructures.join(', '),
    r.absences.map((a) => `${dateEnClair(a.du)} – ${dateEnClair(a.au)}`).join(' ; '),
    r.compte ? 'Oui' : 'Non',
    String(delai),
  ];
}

/** The file name of a département's tableau, without extension. */
export const nomFichierTableau = (t: TableauReferents) => `referents-${t.departement.toLowerCase()}`;

/** The tableau as CSV (UTF-8 with BOM, for spreadsheets), formula-safe. */
export function tableauCsv(t: TableauReferents): string {
  return `\uFEFF${versCsv(
    COLONNES_TABLEAU,
    t.referents.map((r) => cellulesReferent(t, r)),
  )}`;
}

/** The tableau as a workbook: the référents on one sheet, the partners' offers at the sites on another. */
export async function tableauXlsx(t: TableauReferents): Promise<Buffer> {
  const classeur = new ExcelJS.Workbook();
  classeur.creator = 'guichet';
  classeur.title = `Tableau récapitulatif des référents – ${nomDepartement(t.departement)}`;
  const feuille = classeur.addWorksheet('Référents', { views: [{ state: 'frozen', ySplit: 1 }] });
  feuille.addRow([...COLONNES_TABLEAU]).font = { bold: true };
  for (const r of t.referents) feuille.addRow(cellulesReferent(t, r));
  feuille.columns.forEach((c, i) => {
    c.width = [12, 30, 14, 16, 18, 30, 16, 32, 30, 26, 10, 16][i] ?? 16;
  });
  const offres = classeur.addWorksheet('Offre des partenaires', { views: [{ state: 'frozen', ySplit: 1 }] });
  offres.addRow(['Lieu', 'Partenaire', 'Permanence', 'Rendez-vous', 'Visio', 'Modalités']).font = { bold: true };
  for (const o of t.offres)
    offres.addRow([
      o.site,
      o.partenaire,
      o.permanence ? 'Oui' : 'Non',
      o.rendezVous ? 'Oui' : 'Non',
      o.visio ? 'Oui' : 'Non',
      o.modalites,
    ]);
  offres.columns.forEach((c, i) => {
    c.width = [32, 20, 12, 12, 10, 60][i] ?? 16;
  });
  return Buffer.from(await classeur.xlsx.writeBuffer());
}
