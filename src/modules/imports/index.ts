// What other modules (and the command-line tools) may use of imports.
export {
  analyserListeAnct,
  importerFranceServices,
  type LigneRapport,
  type OptionsImport,
  type RapportImport,
} from './service.ts';
export { importerTournee, type RapportTournee } from './tournee.ts';
