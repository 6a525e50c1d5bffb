// npm run import:france-services -- FILE
// Imports the ANCT national list of France services (CSV) and prints a report: every row created, updated by its
// id_fs, or rejected with its line and reason. Exit code 0, or 1 when the file cannot be read.
import { importerFranceServices } from '../modules/imports/index.ts';
import { executerImport } from '../modules/imports/ligne-de-commande.ts';

await executerImport('npm run import:france-services -- data/france-services-2022-12-01.csv', importerFranceServices);
