import { cpus } from 'node:os';
import autocannon, { type Resultat } from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { construireApp } from '../src/app/app.ts';
import { genererActivite } from '../src/cli/generation/index.ts';
import { chargerConfig } from '../src/config/index.ts';
import { chargerDonneesDemo, MOT_DE_PASSE_DEMO } from '../src/demo/donnees.ts';
import { connect, type Database, migrer } from '../src/platform/db/client.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { creerBaseSiAbsente } from '../src/platform/db/preparer.ts';
import { type FiguresCreneaux, mesurerCreneaux, tableauCreneaux } from './creneaux.ts';
import { ENTREES_JOURNEE, preparerJourneeChargee } from './journee.ts';
import { type FiguresMessages, mesurerMessages, tableauMessages } from './messages.ts';
import { construireAppNue } from './nu.ts';
import { type FiguresPlusProches, mesurerPlusProches, tableauPlusProches } from './plus-proches.ts';
import { type FiguresRapportContacts, mesurerRapportContacts, tableauRapportContacts } from './rapport-contacts.ts';
import { type FiguresRapports, mesurerRapports, tableauRapports } from './rapports.ts';
import { type FiguresRecherche, importerRegistre, mesurerRecherche, tableauRecherche } from './recherche.ts';
import {
  type FiguresRendezVousHttp,
  LIMITE_BENCH,
  mesurerRendezVousHttp,
  rendezVousHttpOk,
  tableauRendezVousHttp,
} from './rendez-vous-http.ts';
import { type FiguresSaisie, mesurerSaisie, REPETITIONS, tableauSaisie } from './saisie.ts';
import { type FiguresTaches, mesurerTaches, tableauTaches } from './taches.ts';

// `npm run bench`: requests/s and latency of the login page and of a signed-in dashboard, in the production
// configuration, next to a bare Fastify route doing the same database queries. One run, one table. Then the
// nearest-sites index, the public search page, and the counter's quick entry driven in a real Chromium.

const CONNEXIONS = 10;
const ECHAUFFEMENT_S = 2;
const COMPTE = 'gestion.sceaux@guichet.test';
// What a current browser sends, so the real app compresses pages as it would in production.
// BENCH_ACCEPT_ENCODING=identity measures without compression.
const ENTETES_NAVIGATEUR = {
  accept: 'text/html',
  'accept-encoding': process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br, zstd',
};

function dureeMesure(): number {
  const brut = process.env.BENCH_SECONDS ?? '10';
  const secondes = Number(brut);
  if (!Number.isInteger(secondes) || secondes < 1) {
    process.stderr.write(`BENCH_SECONDS must be a whole number ≥ 1, got "${brut}"\n`);
    process.exit(1);
  }
  return secondes;
}

const journal = (message: string) => process.stderr.write(`${message}\n`);

async function ecouter(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const adresse = app.server.address();
  if (!adresse || typeof adresse === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${adresse.port}`;
}

/** `name=value` of every Set-Cookie of a response. */
function cookiesPoses(res: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const ligne of res.headers.getSetCookie()) {
    const [paire = ''] = ligne.split(';');
    const i = paire.indexOf('=');
    if (i > 0) cookies.set(paire.slice(0, i), paire.slice(i + 1));
  }
  return cookies;
}

function champCsrf(html: string): string {
  const trouve = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!trouve) throw new Error('no _csrf field in the page');
  return trouve;
}

/** Signs in over real HTTP like a browser; returns the Cookie header of the signed-in browser. */
async function seConnecter(base: string): Promise<string> {
  const page = await fetch(`${base}/connexion`, { redirect: 'manual' });
  const csrf = cookiesPoses(page).get('guichet_csrf');
  if (page.status !== 200 || !csrf) throw new Error(`GET /connexion answered ${page.status} without a CSRF cookie`);
  const corps = new URLSearchParams({
    courriel: COMPTE,
    motDePasse: MOT_DE_PASSE_DEMO,
    _csrf: champCsrf(await page.text()),
  });
  const res = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `guichet_csrf=${csrf}` },
    body: corps.toString(),
  });
  const session = cookiesPoses(res).get('guichet_session');
  if (res.status !== 303 || !session) throw new Error(`sign-in as ${COMPTE} failed: ${res.status}`);
  return `guichet_csrf=${csrf}; guichet_session=${session}`;
}

/** Fetches a page once and refuses to go on unless it is a 200 (never benchmark a redirect or an error page). */
async function pageOk(url: string, headers: Record<string, string>, doitContenir?: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual', headers });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status} instead of 200`);
  if (doitContenir && !html.includes(doitContenir)) throw new Error(`${url} does not contain "${doitContenir}"`);
  return html;
}

interface Cible {
  nom: string;
  url: string;
  headers: Record<string, string>;
  /** Name of the bare target this real page is compared with. */
  comparerA?: string;
}

interface Mesure {
  cible: Cible;
  resultat: Resultat;
  echecsEchauffement: number;
}

const echecs = (r: Resultat) => r.errors + r.timeouts + r.non2xx;

async function mesurer(cible: Cible, secondes: number): Promise<Mesure> {
  // The client runs in a worker thread so that it does not share the event loop of the servers it measures.
  const options = { url: cible.url, headers: cible.headers, connections: CONNEXIONS, workers: 1 };
  journal(`  ${cible.nom}: ${ECHAUFFEMENT_S} s warm-up, ${secondes} s measured…`);
  const echauffement = await autocannon({ ...options, duration: ECHAUFFEMENT_S });
  const resultat = await autocannon({ ...options, duration: secondes });
  return { cible, resultat, echecsEchauffement: echecs(echauffement) };
}

function tableau(mesures: Mesure[]): string {
  const parNom = new Map(mesures.map((m) => [m.cible.nom, m]));
  const lignes = mesures.map(({ cible, resultat: r }) => {
    const nu = cible.comparerA ? parNom.get(cible.comparerA) : undefined;
    const ratio = nu ? `${(r.requests.mean / nu.resultat.requests.mean).toFixed(2)}× the bare route` : '';
    return [
      cible.nom,
      r.requests.mean.toFixed(0),
      r.latency.p50.toFixed(0),
      r.latency.p99.toFixed(0),
      String(r.non2xx),
      String(r.errors + r.timeouts),
      ratio,
    ];
  });
  const entete = ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'real/bare req/s'];
  const largeurs = entete.map((e, i) => Math.max(e.length, ...lignes.map((l) => (l[i] ?? '').length)));
  const texte = [entete, ...lignes].map((l) =>
    l
      .map((c, i) => (i === 0 || i === l.length - 1 ? c.padEnd(largeurs[i] ?? 0) : c.padStart(largeurs[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  texte.splice(1, 0, largeurs.map((l) => '-'.repeat(l)).join('  '));
  return texte.join('\n');
}

async function main() {
  const secondes = dureeMesure();
  let pg: EmbeddedServer | undefined;
  let base: Database | undefined;
  const apps: FastifyInstance[] = [];
  let echoue = false;
  let plusProches: FiguresPlusProches | undefined;
  let creneauxFig: FiguresCreneaux | undefined;
  let rapportContacts: FiguresRapportContacts | undefined;
  let rendezVousHttp: FiguresRendezVousHttp | undefined;
  let recherche: FiguresRecherche | undefined;
  let saisie: FiguresSaisie | undefined;
  let rapports: FiguresRapports | undefined;
  let taches: FiguresTaches | undefined;
  let messagerie: FiguresMessages | undefined;
  try {
    // In-process nearest-sites index first, while no server runs on this machine.
    journal('Measuring the nearest-sites index (10,000 queries)…');
    plusProches = mesurerPlusProches();
    journal('Measuring appointment slots (1 site × 5 agents × 4 weeks; next availability 11 months ahead)…');
    creneauxFig = mesurerCreneaux();
    journal('Measuring the messages section of a report (10,000 requests over 2,500 sites, working hours)…');
    rapportContacts = mesurerRapportContacts();
    journal('Starting the embedded PostgreSQL (.data/bench-pg, port 54335)…');
    pg = await startEmbeddedPostgres({ dataDir: '.data/bench-pg', port: 54335 });
    await creerBaseSiAbsente(pg.url('postgres'), 'guichet_bench');
    const url = pg.url('guichet_bench');
    base = connect(url, { max: 20 });
    await migrer(base.db);
    await chargerDonneesDemo(base.db);

    const config = chargerConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
      DATABASE_URL: url,
      PUBLIC_URL: 'http://localhost',
      LOG_LEVEL: 'silent',
      // The 50-way booking race comes from one address: the per-IP booking limit would turn most of it into 429s.
      RDV_RESERVATIONS_PAR_MINUTE: LIMITE_BENCH,
    });
    const app = await construireApp({ db: base.db, pool: base.pool, config });
    apps.push(app);
    const reelle = await ecouter(app);

    const cookie = await seConnecter(reelle);
    const connexionHtml = await pageOk(`${reelle}/connexion`, ENTETES_NAVIGATEUR);
    const tableauHtml = await pageOk(`${reelle}/tableau-de-bord`, { ...ENTETES_NAVIGATEUR, cookie }, 'Bonjour');
    const debut = tableauHtml.indexOf('<h1');
    const fin = tableauHtml.indexOf('</main>');
    if (debut < 0 || fin < debut) throw new Error('unexpected dashboard markup');

    const nue = construireAppNue(base.pool, {
      connexion: connexionHtml,
      tableauAvant: tableauHtml.slice(0, debut),
      tableauApres: tableauHtml.slice(fin),
    });
    apps.push(nue);
    const nu = await ecouter(nue);
    await pageOk(`${nu}/connexion`, ENTETES_NAVIGATEUR);
    const tableauNu = await pageOk(`${nu}/tableau-de-bord`, { ...ENTETES_NAVIGATEUR, cookie }, 'Bonjour');
    const journee = await preparerJourneeChargee(base.pool);
    await pageOk(`${reelle}${journee}`, { ...ENTETES_NAVIGATEUR, cookie }, '1\u202f000 sollicitations');

    const cibles: Cible[] = [
      {
        nom: 'GET /connexion (real)',
        url: `${reelle}/connexion`,
        headers: ENTETES_NAVIGATEUR,
        comparerA: 'bare login route',
      },
      { nom: 'bare login route', url: `${nu}/connexion`, headers: ENTETES_NAVIGATEUR },
      {
        nom: 'GET /tableau-de-bord (real)',
        url: `${reelle}/tableau-de-bord`,
        headers: { ...ENTETES_NAVIGATEUR, cookie },
        comparerA: 'bare dashboard route',
      },
      { nom: 'bare dashboard route', url: `${nu}/tableau-de-bord`, headers: { ...ENTETES_NAVIGATEUR, cookie } },
      {
        nom: `GET /sollicitations, ${ENTREES_JOURNEE.toLocaleString('en')} entries in the day (real)`,
        url: `${reelle}${journee}`,
        headers: { ...ENTETES_NAVIGATEUR, cookie },
      },
    ];
    journal(`Measuring ${cibles.length} targets, ${CONNEXIONS} connections each:`);
    const mesures: Mesure[] = [];
    for (const cible of cibles) mesures.push(await mesurer(cible, secondes));

    journal(
      `Appointments over HTTP: GET disponibilites at 50 connections (${secondes} s), then 10 rounds of a 50-way booking race…`,
    );
    rendezVousHttp = await mesurerRendezVousHttp(reelle, base.pool, secondes);

    // Sign out so that bench runs do not pile up live sessions in the bench database.
    journal('Importing the national list into the bench database…');
    const nombreSites = await importerRegistre(base.db);
    journal(`  GET /recherche: 2 s warm-up, ${secondes} s measured…`);
    recherche = await mesurerRecherche(reelle, secondes, nombreSites);

    // After the load tests, so that the browser shares the machine with nothing else.
    journal(
      `Quick entry at the counter in Chromium: 3 scenarios, ${REPETITIONS} runs each at human and machine speed…`,
    );
    try {
      saisie = await mesurerSaisie(reelle);
    } catch (error) {
      process.stderr.write(
        `quick entry measurement failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      echoue = true;
    }

    // Reports: synthetic activity over the imported network (BENCH_ANNEES × BENCH_PAR_AN requests; the issue's
    // national scale is BENCH_ANNEES=4 BENCH_PAR_AN=9000000), then the naive query against the guichet report.
    const annees = Number(process.env.BENCH_ANNEES ?? 2);
    const parAn = Number(process.env.BENCH_PAR_AN ?? 300_000);
    journal(`Generating ${annees} × ${parAn} synthetic requests (COPY)…`);
    await genererActivite(base, { annees, parAn, remplacer: true, importerReseau: false });
    journal('Measuring the reports…');
    rapports = await mesurerRapports(base.db, base.pool);
    journal('Measuring the job queue: enqueue → start latency…');
    taches = await mesurerTaches(url);
    journal('Measuring the outbox: local SMTP and Octopush servers, enqueue → sent…');
    messagerie = await mesurerMessages(url);

    const deconnexion = await fetch(`${reelle}/deconnexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: champCsrf(tableauHtml) }).toString(),
    });
    if (deconnexion.status !== 303) journal(`warning: sign-out answered ${deconnexion.status}`);

    const processeur = cpus()[0]?.model.trim() ?? 'unknown CPU';
    process.stdout.write(
      `\nguichet bench: Node ${process.version}, ${cpus().length} × ${processeur}; production config; ` +
        `${CONNEXIONS} connections, ${secondes} s per target after a ${ECHAUFFEMENT_S} s warm-up; ` +
        `signed in as ${COMPTE}\n\n${tableau(mesures)}\n\n`,
    );
    process.stdout.write(
      [
        'The bare routes are a plain Fastify instance (no plugins, no hooks) on the same pool: the login route sends the',
        'HTML of the real page as a static string (the real page runs no query for a visitor without a session cookie);',
        'the dashboard route runs the same SQL as the real page (session join, habilitations with their sites, count of',
        'structures and sites in scope, with plain `pg`) and fills the same HTML with template strings. They do it without',
        'Preact templates, CSRF, helmet, compression, cookie parsing (a regex picks the session cookie), logging or Drizzle.',
        `Page sizes, uncompressed: login ${connexionHtml.length} B, dashboard ${tableauHtml.length} B (bare ${tableauNu.length} B).`,
        `The day page is that of a day with ${ENTREES_JOURNEE} requests at Sceaux (bench/journee.ts): it shows one page of entries`,
        'and counts the whole day by partner and channel in SQL.',
        'Client and servers share this machine (autocannon runs in a worker thread); compare the ratios, not absolute figures.',
        '',
      ].join('\n'),
    );
    process.stdout.write(
      `\n${tableauPlusProches(plusProches)}\n\n` +
        'Nearest sites: in-process k-d tree over the ANCT list (2,683 sites), 10 nearest to random points of metropolitan\n' +
        'France (commune centres moved by up to 3 km), timed one query at a time; no HTTP, no database.\n\n',
    );
    if (creneauxFig) process.stdout.write(`${tableauCreneaux(creneauxFig)}\n\n`);
    if (rapportContacts) process.stdout.write(`${tableauRapportContacts(rapportContacts)}\n\n`);
    if (rendezVousHttp) process.stdout.write(`${tableauRendezVousHttp(rendezVousHttp)}\n\n`);
    if (rendezVousHttp && !rendezVousHttpOk(rendezVousHttp)) echoue = true;
    if (recherche) process.stdout.write(`${tableauRecherche(recherche)}\n\n`);
    if (saisie) process.stdout.write(`${tableauSaisie(saisie)}\n\n`);
    if (rapports) process.stdout.write(`${tableauRapports(rapports)}\n\n`);
    if (taches) process.stdout.write(`${tableauTaches(taches)}\n\n`);
    if (messagerie) process.stdout.write(`${tableauMessages(messagerie)}\n\n`);
    if (recherche && recherche.echecs > 0) echoue = true;
    const total = mesures.reduce((n, m) => n + echecs(m.resultat) + m.echecsEchauffement, 0);
    if (total > 0) {
      process.stderr.write(`${total} request(s) failed (errors, timeouts or non-2xx answers, warm-ups included)\n`);
      echoue = true;
    }
  } catch (error) {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    echoue = true;
  } finally {
    for (const app of apps.reverse()) await app.close().catch(() => {});
    await base?.close().catch(() => {});
    await pg?.stop().catch(() => {});
  }
  process.exit(echoue ? 1 : 0);
}

await main();
