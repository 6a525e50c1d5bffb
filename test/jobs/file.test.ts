import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connect, type Database } from '../../src/platform/db/client.ts';
import {
  arreterTaches,
  attendreTaches,
  type DefinitionTache,
  definirTache,
  demarrerTaches,
  planifier,
} from '../../src/platform/jobs/index.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// The job queue on a real PostgreSQL: enqueueing inside a transaction, keys, retries, final failure, schedules, and
// two instances sharing one database (as two guichet processes would).

const silencieux = { info() {}, warn() {}, error() {} };

function tachesDeTest(): DefinitionTache[] {
  const compter = definirTache({
    nom: 'test.compter',
    charge: z.object({ n: z.number().int() }),
    async executer({ n }, ctx) {
      await ctx.db.execute(sql`insert into executions (n, tache) values (${n}, ${ctx.id})`);
      // A little work, so that both instances are busy at the same time.
      await new Promise((r) => setTimeout(r, Math.random() * 5));
    },
  });
  const capricieuse = definirTache({
    nom: 'test.capricieuse',
    charge: z.object({ n: z.number().int() }),
    reessais: { limite: 2, delaiSecondes: 0, exponentiel: false },
    async executer({ n }, ctx) {
      const r = await ctx.db.execute(sql`insert into executions (n, tache) values (${n}, ${ctx.id}) returning id`);
      const { rows } = await ctx.db.execute<{ c: string }>(sql`select count(*) as c from executions where n = ${n}`);
      if (Number(rows[0]?.c) < 2) throw new Error(`first attempt fails (${r.rows.length})`);
    },
  });
  const impossible = definirTache({
    nom: 'test.impossible',
    charge: z.object({ n: z.number().int() }),
    reessais: { limite: 0, delaiSecondes: 0 },
    async executer() {
      throw new Error('toujours en échec');
    },
    async siEchec({ n }, ctx, erreur) {
      await ctx.db.execute(sql`insert into echecs (n, erreur) values (${n}, ${erreur})`);
    },
  });
  const periodique = definirTache({
    nom: 'test.periodique',
    charge: z.object({}),
    planification: { cron: '17 3 * * *', charge: {} },
    async executer() {},
  });
  return [compter, capricieuse, impossible, periodique] as DefinitionTache[];
}

let ctx: Contexte;
let a: Database;
let b: Database;
const taches = tachesDeTest();
const [compter, capricieuse, impossible] = taches as [DefinitionTache, DefinitionTache, DefinitionTache];

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.sql('create table executions (id serial primary key, n int not null, tache uuid not null)');
  await ctx.sql('create table echecs (n int not null, erreur text not null)');
  // Two queue instances on the same database, each with its own pool: two guichet processes.
  a = connect(ctx.url, { max: 5 });
  b = connect(ctx.url, { max: 5 });
  for (const d of [a, b]) await demarrerTaches({ ...d, config: ctx.config, log: silencieux, taches });
}, 60_000);

afterAll(async () => {
  for (const d of [a, b]) {
    await arreterTaches(d.db);
    await d.close();
  }
  await ctx?.fermer();
});

describe('job queue', () => {
  it('two instances on one database run each of 300 jobs exactly once', async () => {
    const N = 300;
    for (let n = 0; n < N; n++) await planifier(n % 2 ? a.db : b.db, compter, { n });
    await attendreTaches(a.db, { noms: ['test.compter'], delaiMs: 60_000 });
    const lignes = await ctx.sql<{ n: number; fois: string }>(
      'select n, count(*) as fois from executions where n < $1 group by n',
      [N],
    );
    expect(lignes).toHaveLength(N);
    expect(lignes.filter((l) => Number(l.fois) !== 1)).toEqual([]);
  }, 90_000);

  it('a job enqueued in a rolled-back transaction never exists; a committed one runs', async () => {
    await expect(
      a.db.transaction(async (tx) => {
        await planifier(tx, compter, { n: 1001 });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await a.db.transaction(async (tx) => {
      await planifier(tx, compter, { n: 1002 });
    });
    await attendreTaches(a.db, { noms: ['test.compter'] });
    const lignes = await ctx.sql<{ n: number }>('select n from executions where n in (1001, 1002)');
    expect(lignes.map((l) => l.n)).toEqual([1002]);
  });

  it('a key enqueues one job however many times it is given', async () => {
    const premier = await planifier(a.db, compter, { n: 2000 }, { cle: 'unique-2000' });
    const second = await planifier(b.db, compter, { n: 2000 }, { cle: 'unique-2000' });
    expect(premier).not.toBeNull();
    expect(second).toBeNull();
    await attendreTaches(a.db, { noms: ['test.compter'] });
    expect(await ctx.sql('select 1 from executions where n = 2000')).toHaveLength(1);
  });

  it('refuses an invalid payload when enqueueing, and a job no instance declared', async () => {
    await expect(planifier(a.db, compter, { n: 'x' } as never)).rejects.toThrow();
    const inconnue = definirTache({ nom: 'test.inconnue', charge: z.object({}), async executer() {} });
    await expect(planifier(a.db, inconnue, {})).rejects.toThrow(/no queue for job test\.inconnue/);
  });

  it('retries a failed job, and calls siEchec once when it has failed for good', async () => {
    await planifier(a.db, capricieuse, { n: 3000 });
    await planifier(a.db, impossible, { n: 4000 });
    await attendreTaches(a.db, { noms: ['test.capricieuse', 'test.impossible', 'test.impossible.echec'] });
    expect(await ctx.sql('select 1 from executions where n = 3000')).toHaveLength(2);
    const etat = await ctx.sql<{ state: string }>(`select state from pgboss.job where name = 'test.capricieuse'`);
    expect(etat.map((e) => e.state)).toEqual(['completed']);
    expect(await ctx.sql('select n, erreur from echecs')).toEqual([{ n: 4000, erreur: 'toujours en échec' }]);
  }, 30_000);

  it('registers the cron of a periodic job, once for both instances', async () => {
    const s = await ctx.sql<{ name: string; cron: string }>('select name, cron from pgboss.schedule');
    expect(s).toEqual([{ name: 'test.periodique', cron: '17 3 * * *' }]);
  });
});
