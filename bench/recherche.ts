import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { importerFranceServices } from '../src/modules/imports/index.ts';
import { communes } from '../src/modules/territoires/index.ts';
import type { Db } from '../src/platform/db/client.ts';

// The public search page end to end over HTTP, with the whole national list imported: what a citizen waits for.

export interface FiguresRecherche {
  sites: number;
  requetes: number;
  rps: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  echecs: number;
}

/** 200 searches a citizen might type: commune names and postcodes spread over France, fixed order (seeded). */
function requetesVariees(): string[] {
  const toutes = communes().filter((c) => c.population > 2000);
  let graine = 42;
  const hasard = () => {
    graine = (graine * 1103515245 + 12345) % 2 ** 31;
    return graine / 2 ** 31;
  };
  return Array.from({ length: 200 }, (_, i) => {
    const c = toutes[Math.floor(hasard() * toutes.length)];
    if (!c) return 'Sceaux';
    return i % 3 === 0 ? (c.codesPostaux[0] ?? c.nom) : c.nom;
  });
}

/** Imports the national list into the bench database (idempotent: a re-run updates). */
export async function importerRegistre(db: Db): Promise<number> {
  const rapport = await importerFranceServices(
    db,
    { national: true, departements: [], structures: [], sites: [], partenaires: [] },
    readFileSync(new URL('../data/france-services-2022-12-01.csv', import.meta.url)),
  );
  return rapport.creees + rapport.misesAJour;
}

/** Load on GET /recherche?q=… cycling through varied places; the first request warms the registry cache. */
export async function mesurerRecherche(base: string, secondes: number, sites: number): Promise<FiguresRecherche> {
  const chemins = requetesVariees().map((q) => ({ path: `/recherche?q=${encodeURIComponent(q)}` }));
  const premier = await fetch(`${base}${chemins[0]?.path}`);
  if (premier.status !== 200 || !(await premier.text()).includes('lieux les plus proches')) {
    throw new Error(`the search page answered ${premier.status} without results`);
  }
  const options = {
    url: base,
    connections: 10,
    workers: 1,
    headers: { accept: 'text/html', 'accept-encoding': 'gzip' },
    requests: chemins,
  };
  await autocannon({ ...options, duration: 2 });
  const r = await autocannon({ ...options, duration: secondes });
  return {
    sites,
    requetes: r.requests.total,
    rps: r.requests.mean,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    echecs: r.errors + r.timeouts + r.non2xx,
  };
}

export function tableauRecherche(f: FiguresRecherche): string {
  return [
    `Public search page, GET /recherche?q=… over HTTP, ${f.sites} imported sites, 200 different places in turn, 10 connections:`,
    `  ${Math.round(f.rps)} req/s, latency p50 ${f.p50} ms, p90 ${f.p90} ms, p97.5 ${f.p97_5} ms, p99 ${f.p99} ms ` +
      `(${f.requetes} requests, ${f.echecs} failed). Target: p95 < 30 ms (p95 lies between p90 and p97.5).`,
  ].join('\n');
}
