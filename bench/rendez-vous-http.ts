import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import autocannon, { type Resultat } from 'autocannon';
import type pg from 'pg';
import { construireApp } from '../src/app/app.ts';
import { chargerConfig } from '../src/config/index.ts';
import { connect, migrer } from '../src/platform/db/client.ts';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { creerBaseSiAbsente } from '../src/platform/db/preparer.ts';

// Appointments over real HTTP (issue 11): GET /api/v1/sites/{id}/disponibilites for 1 site × 5 agents × 4 weeks (half
// of each agent's slots booked, staggered, as in bench/creneaux.ts) at 50 connections, then the 50-way race: rounds of
// 50 concurrent POST /api/v1/rendez-vous at one slot of a one-agent motif (one winner expected, 49 French 409s).
// The per-IP booking limit must be lifted for the race (RDV_RESERVATIONS_PAR_MINUTE, set by the caller's config).
// `npx tsx bench/rendez-vous-http.ts` alone (a PostgreSQL of its own), or as part of `npm run bench`.

export const CONNEXIONS_DISPONIBILITES = 50;
const AGENTS = 5;
const COURSE = 50;
const MANCHES = 10;
const ECHAUFFEMENT_S = 2;
/** The booking limit per IP and minute the bench's configuration must set (every race request comes from 127.0.0.1). */
export const LIMITE_BENCH = '100000';

export interface FiguresRendezVousHttp {
  creneaux: number;
  rendezVous: number;
  disponibilites: Resultat;
  manches: Array<{ gagnants: number; perdants: number; autres: number; dureeMs: number }>;
  latenceP50Ms: number;
  latenceP99Ms: number;
  secondes: number;
}

const JOURS = ['lu', 'ma', 'me', 'je', 've'];
const plages = [
  { debut: '09:00', fin: '12:00' },
  { debut: '13:30', fin: '17:00' },
];

/** Monday of next week (UTC calendar: the site is in Paris, a day either way does not matter here). */
function lundiProchain(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}
const plus = (jour: string, n: number) =>
  new Date(Date.parse(`${jour}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A fresh Paris site with `agents` agents receiving one 30-minute online motif (10-minute buffer) on weekdays. */
async function siteDeBench(pool: pg.Pool, agents: number, nom: string) {
  const suffixe = randomBytes(3).toString('hex');
  const { rows: s } = await pool.query<{ id: string }>(
    `insert into structures (nom, departement, porteur) values ($1, '92', 'commune') returning id`,
    [`${nom} ${suffixe}`],
  );
  const { rows: si } = await pool.query<{ id: string }>(
    `insert into sites (structure_id, nom, genre, adresse, code_postal, commune, horaires)
     values ($1, $2, 'antenne', '1 place de la Mairie', '92330', 'Sceaux', 'Mo-Fr 09:00-12:00,13:30-17:00; PH off')
     returning id`,
    [s[0]?.id, `${nom} ${suffixe}`],
  );
  const site = si[0]?.id as string;
  const { rows: m } = await pool.query<{ id: string }>(
    `insert into motifs (site_id, nom, duree, tampon_apres, canal, reservable_en_ligne, fenetre_jours)
     values ($1, 'Carte grise', 30, 10, 'sur_place', true, 60) returning id`,
    [site],
  );
  const motif = m[0]?.id as string;
  const regles = JSON.stringify({
    modeles: [{ siteId: site, jours: Object.fromEntries(JOURS.map((j) => [j, plages])) }],
  });
  const ressources: string[] = [];
  for (let i = 0; i < agents; i++) {
    const { rows: r } = await pool.query<{ id: string }>(
      `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', $2, $3) returning id`,
      [site, `Agent ${i + 1}`, regles],
    );
    ressources.push(r[0]?.id as string);
    await pool.query('insert into motif_ressources (motif_id, ressource_id, ordre) values ($1, $2, $3)', [
      motif,
      r[0]?.id,
      i,
    ]);
  }
  return { site, motif, ressources };
}

async function creneauxOfferts(base: string, site: string, motif: string, du: string, au: string) {
  const res = await fetch(`${base}/api/v1/sites/${site}/disponibilites?motif=${motif}&from=${du}&to=${au}`);
  if (res.status !== 200) throw new Error(`disponibilites answered ${res.status}`);
  return ((await res.json()) as { slots: Array<{ start: string }> }).slots.map((s) => s.start);
}

function rang(valeurs: number[], q: number): number {
  const tries = [...valeurs].sort((a, b) => a - b);
  return tries[Math.min(tries.length - 1, Math.max(0, Math.ceil(q * tries.length) - 1))] ?? 0;
}

/** One POST over a kept-alive socket of `agent`: its status and its latency. */
function poster(agent: http.Agent, base: string, corps: string): Promise<{ statut: number; ms: number }> {
  const url = new URL('/api/v1/rendez-vous', base);
  return new Promise((resoudre, rejeter) => {
    const t0 = performance.now();
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(corps) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resoudre({ statut: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    req.on('error', rejeter);
    req.end(corps);
  });
}

/** Sets up both sites on `pool`, then measures the slots listing and the race against the app listening at `base`. */
export async function mesurerRendezVousHttp(
  base: string,
  pool: pg.Pool,
  secondes: number,
): Promise<FiguresRendezVousHttp> {
  const du = lundiProchain();
  const au = plus(du, 27);
  const liste = await siteDeBench(pool, AGENTS, 'Bench rendez-vous');
  const debuts = await creneauxOfferts(base, liste.site, liste.motif, du, au);
  // Half of each agent's slots booked, staggered (slot i, agent j booked when i + j is even).
  const lignes = debuts.flatMap((debut, i) =>
    liste.ressources.filter((_, j) => (i + j) % 2 === 0).map((ressource) => [ressource, debut]),
  );
  await pool.query(
    `insert into rendez_vous (site_id, motif_id, ressource_id, debut, fin, tampon_apres, occupe, nom, origine)
     select $1, $2, x.ressource, x.debut, x.debut + interval '30 minutes', 10,
       tstzrange(x.debut, x.debut + interval '40 minutes'), 'Personne du bench', 'guichet'
     from unnest($3::uuid[], $4::timestamptz[]) as x(ressource, debut)`,
    [liste.site, liste.motif, lignes.map((l) => l[0]), lignes.map((l) => l[1])],
  );
  const url = `${base}/api/v1/sites/${liste.site}/disponibilites?motif=${liste.motif}&from=${du}&to=${au}`;
  const creneaux = (await creneauxOfferts(base, liste.site, liste.motif, du, au)).length;
  const options = { url, connections: CONNEXIONS_DISPONIBILITES, workers: 1 };
  await autocannon({ ...options, duration: ECHAUFFEMENT_S });
  const disponibilites = await autocannon({ ...options, duration: secondes });

  // The race: one agent, a fresh slot per round, 50 sockets opened beforehand so that connecting is not measured.
  const course = await siteDeBench(pool, 1, 'Bench course');
  const slots = await creneauxOfferts(base, course.site, course.motif, du, plus(du, 4));
  if (slots.length < MANCHES) throw new Error(`only ${slots.length} slots for ${MANCHES} rounds`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: COURSE });
  const manches: FiguresRendezVousHttp['manches'] = [];
  const latences: number[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: COURSE },
        () =>
          new Promise<void>((ok, ko) => {
            http.get(new URL('/healthz', base), { agent }, (r) => r.resume().on('end', ok)).on('error', ko);
          }),
      ),
    );
    for (let m = 0; m < MANCHES; m++) {
      const start = slots[m] as string;
      const corps = Array.from({ length: COURSE }, (_, i) =>
        JSON.stringify({
          motif: course.motif,
          start,
          name: `Personne ${i}`,
          email: `course.${m}.${i}@exemple.fr`,
          consent: true,
        }),
      );
      const t0 = performance.now();
      const reponses = await Promise.all(corps.map((c) => poster(agent, base, c)));
      const dureeMs = performance.now() - t0;
      latences.push(...reponses.map((r) => r.ms));
      const gagnants = reponses.filter((r) => r.statut === 201).length;
      const perdants = reponses.filter((r) => r.statut === 409).length;
      manches.push({ gagnants, perdants, autres: COURSE - gagnants - perdants, dureeMs });
    }
  } finally {
    agent.destroy();
  }
  return {
    creneaux,
    rendezVous: lignes.length,
    disponibilites,
    manches,
    latenceP50Ms: rang(latences, 0.5),
    latenceP99Ms: rang(latences, 0.99),
    secondes,
  };
}

/** The figures as a small text table, for the bench output. */
export function tableauRendezVousHttp(f: FiguresRendezVousHttp): string {
  const d = f.disponibilites;
  const durees = f.manches.map((m) => m.dureeMs);
  const somme = (cle: 'gagnants' | 'perdants' | 'autres') => f.manches.reduce((s, m) => s + m[cle], 0);
  const lignes: Array<[string, string]> = [
    [`GET …/disponibilites: 1 site × ${AGENTS} agents × 4 weeks, ${f.rendezVous} appointments`, `${f.creneaux} slots`],
    [`  ${CONNEXIONS_DISPONIBILITES} connections, ${f.secondes} s: req/s`, d.requests.mean.toFixed(0)],
    ['  latency p50 / p99', `${d.latency.p50.toFixed(0)} / ${d.latency.p99.toFixed(0)} ms`],
    ['  non-2xx / errors', `${d.non2xx} / ${d.errors + d.timeouts}`],
    [
      `POST /api/v1/rendez-vous: ${f.manches.length} rounds of ${COURSE} at one slot, 1 agent`,
      `${somme('gagnants')} won, ${somme('perdants')} lost (409), ${somme('autres')} other`,
    ],
    ['  winners per round', f.manches.map((m) => m.gagnants).join(' ')],
    ['  round time, median / max', `${rang(durees, 0.5).toFixed(0)} / ${Math.max(...durees).toFixed(0)} ms`],
    [
      `  request latency p50 / p99 (${f.manches.length * COURSE} requests)`,
      `${f.latenceP50Ms.toFixed(0)} / ${f.latenceP99Ms.toFixed(0)} ms`,
    ],
  ];
  const largeur = Math.max(...lignes.map(([a]) => a.length));
  const valeur = Math.max(...lignes.map(([, b]) => b.length));
  return [
    `${'appointments over HTTP'.padEnd(largeur)}  ${'value'.padStart(valeur)}`,
    `${'-'.repeat(largeur)}  ${'-'.repeat(valeur)}`,
    ...lignes.map(([a, b]) => `${a.padEnd(largeur)}  ${b.padStart(valeur)}`),
  ].join('\n');
}

/** True when every round had exactly one winner and 49 French refusals, and the listing never failed. */
export const rendezVousHttpOk = (f: FiguresRendezVousHttp) =>
  f.manches.every((m) => m.gagnants === 1 && m.perdants === COURSE - 1) &&
  f.disponibilites.non2xx + f.disponibilites.errors + f.disponibilites.timeouts === 0;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Alone: a PostgreSQL of its own, so as not to disturb a full bench running at the same time.
  const secondes = Number(process.env.BENCH_SECONDS ?? 10);
  const serveur = await startEmbeddedPostgres({ dataDir: '.data/bench-rdv-pg', port: 54339 });
  let code = 0;
  try {
    await creerBaseSiAbsente(serveur.url('postgres'), 'guichet_bench_rdv');
    const url = serveur.url('guichet_bench_rdv');
    const base = connect(url, { max: 20 });
    await migrer(base.db);
    const config = chargerConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
      DATABASE_URL: url,
      PUBLIC_URL: 'http://localhost',
      LOG_LEVEL: 'silent',
      RDV_RESERVATIONS_PAR_MINUTE: LIMITE_BENCH,
    });
    const app = await construireApp({ db: base.db, pool: base.pool, config });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const adresse = app.server.address();
    if (!adresse || typeof adresse === 'string') throw new Error('no TCP address');
    try {
      const f = await mesurerRendezVousHttp(`http://127.0.0.1:${adresse.port}`, base.pool, secondes);
      process.stdout.write(`\nguichet appointments bench: Node ${process.version}\n\n${tableauRendezVousHttp(f)}\n\n`);
      if (!rendezVousHttpOk(f)) code = 1;
    } finally {
      await app.close();
      await base.close();
    }
  } finally {
    await serveur.stop();
  }
  process.exit(code);
}
