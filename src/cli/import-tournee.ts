// npm run import:tour -- FILE
// Imports an itinerant tour in the national mediation-place format (JSON array, one place per stop): one itinerant
// site whose stops are replaced by the file's. Exit code 0, or 1 when the file cannot be read.
import { importerTournee } from '../modules/imports/index.ts';
import { executerImport } from '../modules/imports/ligne-de-commande.ts';

await executerImport('npm run import:tour -- data/bus-france-services-charente.json', importerTournee, {
  tournee: true,
});
