// npm run verify:journal
// Checks the hash chain of the mandates' journal (issue 14 point 4, ADR 0031) in the database of `npm start`
// (DATABASE_URL, else the embedded server in DATA_DIR/pg): every entry's hash is recomputed here from its stored fields
// and compared with the next entry's link. Exit 0 and a summary when the chain holds; exit 2 and the first broken
// link's number and reason otherwise (1 for a usage or connection error).
import { baseDeLOutil, sortir } from '../modules/imports/ligne-de-commande.ts';
import { verifierJournal } from '../modules/mandats/index.ts';

if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) sortir('Usage : npm run verify:journal', 0);

const outil = await baseDeLOutil('de la vérification', 'vérifiez une base PostgreSQL externe', 2);
let code = 0;
try {
  const bilan = await verifierJournal(outil.database.db);
  if (bilan.rupture) {
    process.stdout.write(
      `Journal des mandats ROMPU à l’entrée n° ${bilan.rupture.numero} : ${bilan.rupture.raison}.\n` +
        `${bilan.derniere ? `Dernière entrée intègre : n° ${bilan.derniere.numero} (${bilan.derniere.empreinte}).` : 'Aucune entrée intègre avant elle.'}\n`,
    );
    code = 2;
  } else {
    process.stdout.write(
      bilan.derniere
        ? `Journal des mandats intègre : ${bilan.entrees} entrée(s), dernière n° ${bilan.derniere.numero}, empreinte ${bilan.derniere.empreinte}.\n`
        : 'Journal des mandats vide : rien à vérifier.\n',
    );
  }
} catch (error) {
  process.stderr.write(`Vérification impossible : ${error instanceof Error ? error.message : String(error)}\n`);
  code = 1;
} finally {
  await outil.fermer();
}
process.exit(code);
