import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Acteur } from '../src/modules/portee/index.ts';
import { rapport, trimestreDe } from '../src/modules/rapports/index.ts';
import { anneePrecedente, periodePrecedente } from '../src/modules/rapports/periode.ts';
import type { Db } from '../src/platform/db/client.ts';

// Reports at national scale: the time of the guichet report (counters kept by triggers, structure reports from the
// rows) against the naive way of getting the same figures (GROUP BY over the raw requests), on whatever the database
// holds. `npm run generate:activity -- --years 4 --per-year 9000000` fills it to national size.

export interface FiguresRapports {
  lignes: number;
  trimestre: string;
  naifMs: number;
  nationalMs: number;
  structureLignes: number;
  structureMs: number;
  medianeLignes: number;
  medianeMs: number;
}

const ADMIN: Acteur = {
  id: '00000000-0000-4000-8000-000000000000',
  courriel: 'bench@guichet.test',
  prenom: 'Bench',
  nom: 'Bench',
  habilitations: [
    { id: 'bench', role: 'admin_national', structureId: null, partenaireId: null, departements: [], siteIds: [] },
  ],
};

const mediane = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function chrono(f: () => Promise<unknown>, fois: number): Promise<number> {
  const temps: number[] = [];
  for (let i = 0; i < fois; i++) {
    const t = performance.now();
    await f();
    temps.push(performance.now() - t);
  }
  return mediane(temps);
}

/** The same figures as the national report, the naive way: GROUP BY over every raw row of the three periods. */
async function naif(pool: pg.Pool, periodes: Array<{ du: string; au: string }>) {
  for (const p of periodes) {
    await pool.query(
      `select canal, theme_id, situation_id, niveau, issue, duree, tranche_age, departement, non_recours,
              difficulte_numerique, premiere_visite, extract(isodow from jour) as j, extract(hour from survenue_le) as h, count(*)
       from sollicitations where jour between $1 and $2
       group by grouping sets ((), (canal), (theme_id), (situation_id), (niveau), (issue), (duree), (tranche_age),
         (departement), (non_recours), (difficulte_numerique), (premiere_visite), (j, h))`,
      [p.du, p.au],
    );
    await pool.query(
      `select p, count(*) from sollicitations s cross join unnest(s.partenaires) p where jour between $1 and $2 group by p`,
      [p.du, p.au],
    );
  }
}

export async function mesurerRapports(db: Db, pool: pg.Pool): Promise<FiguresRapports> {
  const [{ n, max } = { n: 0, max: null }] = (
    await db.execute<{ n: string; max: string | null }>(
      sql`select count(*) as n, max(jour)::text as max from sollicitations`,
    )
  ).rows.map((r) => ({ n: Number(r.n), max: r.max }));
  // The last complete quarter with data (the current one when data stops inside it).
  const fin = max ?? new Date().toISOString().slice(0, 10);
  const courant = trimestreDe(fin);
  const trimestre = courant.au <= fin ? courant : periodePrecedente(courant);
  const periodes = [trimestre, periodePrecedente(trimestre), anneePrecedente(trimestre)];

  await rapport(db, ADMIN, { type: 'nation' }, trimestre); // warm-up
  const nationalMs = await chrono(() => rapport(db, ADMIN, { type: 'nation' }, trimestre), 5);
  const naifMs = await chrono(() => naif(pool, periodes), 1);

  // The largest structure of the quarter and the median one.
  const parTaille = (
    await db.execute<{ id: string; n: string }>(sql`select structure_id as id, count(*) as n from sollicitations
      where jour between ${trimestre.du} and ${trimestre.au} group by 1 order by 2 desc`)
  ).rows;
  const grande = parTaille[0];
  const mediane = parTaille[Math.floor(parTaille.length / 2)];
  const mesurerStructure = async (id: string) => {
    await rapport(db, ADMIN, { type: 'structure', id }, trimestre);
    return chrono(() => rapport(db, ADMIN, { type: 'structure', id }, trimestre), 20);
  };
  const structureMs = grande ? await mesurerStructure(grande.id) : 0;
  const medianeMs = mediane ? await mesurerStructure(mediane.id) : 0;
  return {
    lignes: n,
    trimestre: `${trimestre.du} → ${trimestre.au}`,
    naifMs,
    nationalMs,
    structureLignes: Number(grande?.n ?? 0),
    structureMs,
    medianeLignes: Number(mediane?.n ?? 0),
    medianeMs,
  };
}

export function tableauRapports(f: FiguresRapports): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return [
    `\nReports (${f.lignes.toLocaleString('en')} requests in the database; quarter ${f.trimestre}, with its two comparison periods)`,
    '| what | time |',
    '|---|---|',
    `| naive GROUP BY over the raw rows (same figures, 3 periods) | ${ms(f.naifMs)} |`,
    `| guichet national report (median of 5) | ${ms(f.nationalMs)} |`,
    `| ratio naive / guichet | ${f.nationalMs > 0 ? (f.naifMs / f.nationalMs).toFixed(1) : '—'}× |`,
    `| guichet report of the largest structure (${f.structureLignes.toLocaleString('en')} requests in the quarter, median of 20) | ${ms(f.structureMs)} |`,
    `| guichet report of the median structure (${f.medianeLignes.toLocaleString('en')} requests in the quarter, median of 20) | ${ms(f.medianeMs)} |`,
  ].join('\n');
}
