import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { chargerConfig } from '../src/config/index.ts';
import { connect, migrer } from '../src/platform/db/client.ts';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { creerBaseSiAbsente } from '../src/platform/db/preparer.ts';
import { arreterTaches, attendreTaches, definirTache, demarrerTaches, planifier } from '../src/platform/jobs/index.ts';

// Job queue latency (ADR 0020): from `planifier` returning (the job committed) to its handler starting, on an idle
// queue fed one job at a time and on a burst of jobs enqueued at once. Worker and producer share one process and one
// database, as in a single guichet. `npx tsx bench/taches.ts` alone, or as part of `npm run bench`.

const JOBS = Number(process.env.BENCH_JOBS ?? 1_000);
const PAS_MS = 10;

export interface FiguresTaches {
  jobs: number;
  isole: { p50Ms: number; p99Ms: number; maxMs: number };
  rafale: { p50Ms: number; p99Ms: number; maxMs: number; dureeMs: number };
}

function quantiles(valeurs: number[]) {
  const t = [...valeurs].sort((a, b) => a - b);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))] ?? Number.NaN;
  return { p50Ms: q(0.5), p99Ms: q(0.99), maxMs: t[t.length - 1] ?? Number.NaN };
}

const attendre = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Enqueues `JOBS` jobs paced 10 ms apart, then `JOBS` at once, on a queue of its own started on `url`. */
export async function mesurerTaches(url: string): Promise<FiguresTaches> {
  const base = connect(url, { max: 10 });
  const debuts = new Map<number, number>();
  const tache = definirTache({
    nom: 'bench.latence',
    charge: z.object({ n: z.number().int() }),
    reessais: { limite: 0, delaiSecondes: 0 },
    async executer({ n }) {
      debuts.set(n, performance.now());
    },
  });
  const config = chargerConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const silencieux = { info() {}, warn() {}, error() {} };
  await demarrerTaches({ ...base, config, log: silencieux, taches: [tache] });
  try {
    const envois = new Map<number, number>();
    const latences = (de: number, a: number) => {
      const l: number[] = [];
      for (let n = de; n < a; n++) l.push((debuts.get(n) ?? Number.NaN) - (envois.get(n) ?? 0));
      return l;
    };
    // Warm-up: the first jobs pay for JIT and connection set-up.
    for (let n = -50; n < 0; n++) await planifier(base.db, tache, { n });
    await attendreTaches(base.db, { noms: [tache.nom] });

    for (let n = 0; n < JOBS; n++) {
      await planifier(base.db, tache, { n });
      envois.set(n, performance.now());
      await attendre(PAS_MS);
    }
    await attendreTaches(base.db, { noms: [tache.nom], delaiMs: 120_000 });
    const isole = quantiles(latences(0, JOBS));

    const debutRafale = performance.now();
    await Promise.all(
      Array.from({ length: JOBS }, async (_, i) => {
        await planifier(base.db, tache, { n: JOBS + i });
        envois.set(JOBS + i, performance.now());
      }),
    );
    await attendreTaches(base.db, { noms: [tache.nom], delaiMs: 120_000 });
    const fin = Math.max(...latences(JOBS, 2 * JOBS).map((_, i) => debuts.get(JOBS + i) ?? 0));
    return { jobs: JOBS, isole, rafale: { ...quantiles(latences(JOBS, 2 * JOBS)), dureeMs: fin - debutRafale } };
  } finally {
    await arreterTaches(base.db);
    await base.close();
  }
}

export function tableauTaches(f: FiguresTaches): string {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const lignes: Array<[string, string]> = [
    [`one job every ${PAS_MS} ms × ${f.jobs}: enqueue → start p50`, ms(f.isole.p50Ms)],
    ['  p99', ms(f.isole.p99Ms)],
    ['  max', ms(f.isole.maxMs)],
    [`burst of ${f.jobs} jobs at once: enqueue → start p50`, ms(f.rafale.p50Ms)],
    ['  p99', ms(f.rafale.p99Ms)],
    ['  all started after', ms(f.rafale.dureeMs)],
  ];
  const largeur = Math.max(...lignes.map(([a]) => a.length));
  const valeur = Math.max(...lignes.map(([, b]) => b.length));
  return [
    `${'job queue (pg-boss)'.padEnd(largeur)}  ${'value'.padStart(valeur)}`,
    `${'-'.repeat(largeur)}  ${'-'.repeat(valeur)}`,
    ...lignes.map(([a, b]) => `${a.padEnd(largeur)}  ${b.padStart(valeur)}`),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Alone: a PostgreSQL of its own, so as not to disturb a full bench running at the same time.
  const pg = await startEmbeddedPostgres({ dataDir: '.data/bench-taches-pg', port: 54337 });
  try {
    await creerBaseSiAbsente(pg.url('postgres'), 'guichet_bench_taches');
    const url = pg.url('guichet_bench_taches');
    const base = connect(url, { max: 2 });
    await migrer(base.db);
    await base.close();
    const f = await mesurerTaches(url);
    process.stdout.write(`\nguichet job queue bench: Node ${process.version}\n\n${tableauTaches(f)}\n\n`);
  } finally {
    await pg.stop();
  }
}
