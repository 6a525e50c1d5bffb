// npm run generate:activity -- [--years N] [--per-year N] [--seed N] [--replace]
// Fills the database of `npm start` (DATABASE_URL, else the embedded server in DATA_DIR/pg) with synthetic requests
// for load tests and demonstrations: N years ending yesterday, per-year requests a year on average. Imports the
// national list first when the database has fewer than 1,000 sites. Progress on stderr, summary on stdout.
import { parseArgs } from 'node:util';
import { baseDeLOutil, sortir } from '../modules/imports/ligne-de-commande.ts';
import { GenerationImpossible, genererActivite } from './generation/index.ts';

const USAGE = 'Usage : npm run generate:activity -- [--years 1] [--per-year 100000] [--seed 1] [--replace]';

function entier(nom: string, texte: string | undefined, defaut: number, min: number): number {
  if (texte === undefined) return defaut;
  const n = Number(texte.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min)
    sortir(`--${nom} : un nombre entier ≥ ${min} est attendu (reçu « ${texte} »).`, 1);
  return n;
}

let valeurs: ReturnType<typeof lireArguments>;
function lireArguments() {
  return parseArgs({
    options: {
      years: { type: 'string' },
      'per-year': { type: 'string' },
      seed: { type: 'string' },
      replace: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
}
try {
  valeurs = lireArguments();
} catch (error) {
  sortir(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 1);
}
if (valeurs.help) sortir(USAGE, 0);
const annees = entier('years', valeurs.years, 1, 1);
const parAn = entier('per-year', valeurs['per-year'], 100_000, 0);
const graine = entier('seed', valeurs.seed, 1, 0);

const outil = await baseDeLOutil('de la génération', 'utilisez une base PostgreSQL externe', 4);
const database = outil.database;
const depart = performance.now();
let code = 0;
try {
  const bilan = await genererActivite(database, {
    annees,
    parAn,
    graine,
    remplacer: valeurs.replace,
    journal: (ligne) => process.stderr.write(`[${((performance.now() - depart) / 1000).toFixed(1)} s] ${ligne}\n`),
  });
  const mo = (bilan.tailleTable / 1024 ** 3).toFixed(2);
  process.stdout.write(
    [
      `${bilan.lignes.toLocaleString('fr-FR')} sollicitations synthétiques générées sur ${bilan.annees} an(s), ` +
        `du ${bilan.du} au ${bilan.au}, ${bilan.sites} lieux (graine ${graine}).`,
      `  par année (la plus récente d’abord) : ${bilan.parAnnee
        .map((a) => `${a.du}→${a.au} ${a.lignes.toLocaleString('fr-FR')}`)
        .join(' ; ')}`,
      `  --per-year est la moyenne annuelle : ${parAn.toLocaleString('fr-FR')} × ${annees} = total demandé.`,
      ...(valeurs.replace
        ? [`  ${bilan.supprimees.toLocaleString('fr-FR')} sollicitations synthétiques précédentes supprimées.`]
        : []),
      ...(bilan.sitesImportes > 0 ? [`  ${bilan.sitesImportes} lieux importés de la liste nationale.`] : []),
      `  durée ${bilan.secondes.toFixed(1)} s, ${Math.round(bilan.lignesParSeconde).toLocaleString('fr-FR')} lignes/s` +
        (bilan.indexReconstruits.length > 0 ? ` (index reconstruits : ${bilan.indexReconstruits.join(', ')})` : ''),
      `  taille de la table sollicitations (index compris) : ${mo} Gio`,
      '',
    ].join('\n'),
  );
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    error instanceof GenerationImpossible ? `${message}\n` : `La génération a échoué : ${message}\n`,
  );
  code = 1;
} finally {
  await outil.fermer();
}
process.exit(code);
