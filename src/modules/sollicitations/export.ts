import ExcelJS from 'exceljs';
import { versCsv } from '../../platform/formats/csv.ts';
import { partiesMurales } from '../horaires/index.ts';
import type * as service from './service.ts';
import {
  type Canal,
  type Duree,
  type Issue,
  LIBELLES_CANAUX,
  LIBELLES_DUREES,
  LIBELLES_ISSUES,
  LIBELLES_NIVEAUX,
  LIBELLES_TRANCHES_AGE,
  type Niveau,
  type TrancheAge,
} from './validation.ts';

type Export = Awaited<ReturnType<typeof service.exporter>>;

export const COLONNES_EXPORT = [
  'Date',
  'Heure',
  'Lieu',
  'Arrêt',
  'Agent',
  'Canal',
  'Thème',
  'Situation de vie',
  'Partenaires',
  'Niveau d’aide',
  'Issue',
  'Durée',
  'Non-recours repéré',
  'Difficulté avec le numérique',
  'Première visite',
  'Tranche d’âge',
  'Commune de résidence (code INSEE)',
  'Note',
  'Enregistrée le',
  'Modifiée le',
  'Identifiant',
] as const;

const heure = (instant: Date, fuseau: string) => {
  const m = Math.floor(partiesMurales(instant, fuseau).minutes);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};
const oui = (b: boolean) => (b ? 'oui' : 'non');

/**
 * One row per request, every cell as text, in COLONNES_EXPORT order (each site's zone for the time of day). The CSV
 * writer makes every cell formula-safe; XLSX cells are typed as text, never read as formulas.
 */
function lignes(e: Export): string[][] {
  const { libelles } = e;
  return e.lignes.map((l) => [
    l.jour,
    heure(l.survenueLe, l.fuseau),
    l.siteNom,
    l.arretNom ?? '',
    `${l.agentPrenom} ${l.agentNom}`,
    LIBELLES_CANAUX[l.canal as Canal],
    libelles.themes.get(l.themeId) ?? '',
    libelles.situations.get(l.situationId) ?? '',
    l.partenaires.map((p) => libelles.partenaires.get(p) ?? '').join(', '),
    LIBELLES_NIVEAUX[l.niveau as Niveau],
    LIBELLES_ISSUES[l.issue as Issue],
    LIBELLES_DUREES[l.duree as Duree],
    oui(l.nonRecours),
    oui(l.difficulteNumerique),
    oui(l.premiereVisite),
    l.trancheAge ? LIBELLES_TRANCHES_AGE[l.trancheAge as TrancheAge] : '',
    l.communeResidence ?? '',
    l.note ?? '',
    l.creeLe.toISOString(),
    l.modifieLe ? l.modifieLe.toISOString() : '',
    l.id,
  ]);
}

/** CSV with a UTF-8 byte-order mark (spreadsheets then read the accents right). */
export function exportCsv(e: Export): string {
  return `\uFEFF${versCsv(COLONNES_EXPORT, lignes(e))}`;
}

/** An XLSX workbook with one sheet of requests, a frozen bold header and column widths. */
export async function exportXlsx(e: Export, titre: string): Promise<Buffer> {
  const classeur = new ExcelJS.Workbook();
  classeur.creator = 'guichet';
  classeur.title = titre;
  const feuille = classeur.addWorksheet('Sollicitations', { views: [{ state: 'frozen', ySplit: 1 }] });
  feuille.columns = COLONNES_EXPORT.map((c) => ({ header: c, width: Math.min(40, Math.max(12, c.length + 2)) }));
  feuille.getRow(1).font = { bold: true };
  for (const l of lignes(e)) feuille.addRow(l);
  feuille.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLONNES_EXPORT.length } };
  return Buffer.from(await classeur.xlsx.writeBuffer());
}
