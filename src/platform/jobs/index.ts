import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Db, Executor } from '../db/client.ts';
import type { DefinitionTache } from './definition.ts';
import { CANAL, demarrerFile, type File, type OptionsFile, SCHEMA } from './file.ts';

export { type ContexteTache, type DefinitionTache, definirTache } from './definition.ts';
export { CANAL, type OptionsFile, SCHEMA } from './file.ts';

// One started queue per database (an application per test file has its own): the key is the Drizzle handle.
const files = new WeakMap<Db, File>();

// Enqueueing needs no started queue: this instance only builds pg-boss's insert, run on the caller's executor.
const emetteur = new PgBoss({ schema: SCHEMA, supervise: false, schedule: false, migrate: false });

/** pg-boss's `{ executeSql }` over a Drizzle database or transaction, so that its SQL joins the caller's transaction. */
function surExecuteur(executor: Executor): PgBoss.Db {
  return {
    async executeSql(texte: string, valeurs: unknown[] = []) {
      const morceaux = texte.split(/\$(\d+)/);
      const parties: SQL[] = [];
      morceaux.forEach((m, i) => {
        parties.push(i % 2 === 0 ? sql.raw(m) : sql`${sql.param(valeurs[Number(m) - 1])}`);
      });
      const r = await executor.execute(sql.join(parties));
      return { rows: r.rows as unknown[] as object[] };
    },
  };
}

/** The job id a key stands for: the same key on the same job is the same job, inserted once. */
function idDeCle(nom: string, cle: string): string {
  const h = createHash('sha256').update(`${nom}\u0000${cle}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Enqueues a job in the caller's transaction (it exists only if that commits) after checking its payload; with `cle`,
 * a job already enqueued under the same key and not yet archived (12 hours after it ends) is not enqueued again.
 * Returns the job's id, or null when the key was already taken.
 */
export async function planifier<S extends z.ZodType>(
  executor: Executor,
  tache: DefinitionTache<S>,
  charge: z.input<S>,
  options: { cle?: string; apres?: Date | number } = {},
): Promise<string | null> {
  const donnees = tache.charge.parse(charge) as object;
  const db = surExecuteur(executor);
  const id = await emetteur.send(tache.nom, donnees ?? {}, {
    db,
    ...(options.cle ? { id: idDeCle(tache.nom, options.cle), singletonKey: options.cle } : {}),
    ...(options.apres === undefined
      ? {}
      : { startAfter: typeof options.apres === 'number' ? options.apres : options.apres.toISOString() }),
  });
  if (id === null) {
    const { rows } = await db.executeSql(`select 1 from ${SCHEMA}.queue where name = $1`, [tache.nom]);
    if (rows.length === 0) throw new Error(`no queue for job ${tache.nom}: is it listed in src/app/taches.ts?`);
    return null;
  }
  // Delivered when the transaction commits: wakes the workers of every instance at once instead of at their next poll.
  await executor.execute(sql`select pg_notify(${CANAL}, ${tache.nom})`);
  return id;
}

/** Starts the job queue on a database (schema, queues, workers, schedules) and keeps it for `arreterTaches`. */
export async function demarrerTaches(options: OptionsFile): Promise<File> {
  if (files.has(options.db)) throw new Error('the job queue is already started on this database handle');
  const file = await demarrerFile(options);
  files.set(options.db, file);
  return file;
}

/** Stops the workers of a database gracefully: running jobs get `delaiMs` to finish, then are failed and retried. */
export async function arreterTaches(db: Db, options: { delaiMs?: number } = {}): Promise<void> {
  const file = files.get(db);
  files.delete(db);
  await file?.arreter(options);
}

/**
 * Jobs not yet finished (created, waiting for a retry, or running), by job name; `noms` narrows it. A job created to
 * start later (`planifier(…, { apres })`, a reminder due tomorrow) is not counted until it is due.
 */
export async function tachesEnAttente(db: Db, noms?: string[]): Promise<Record<string, number>> {
  const r = await db.execute<{ name: string; n: string }>(
    sql`select name, count(*) as n from ${sql.raw(SCHEMA)}.job
        where state < 'completed' and left(name, 8) <> '__pgboss'
          and not (state = 'created' and start_after > now())
          ${
            noms?.length
              ? sql`and name in (${sql.join(
                  noms.map((n) => sql`${n}`),
                  sql`, `,
                )})`
              : sql``
          }
        group by name`,
  );
  return Object.fromEntries(r.rows.map((l) => [l.name, Number(l.n)]));
}

/** Waits until no job (of `noms`, or of any queue) is left to run; throws after `delaiMs` listing what remains. */
export async function attendreTaches(db: Db, options: { noms?: string[]; delaiMs?: number } = {}): Promise<void> {
  const fin = Date.now() + (options.delaiMs ?? 20_000);
  for (;;) {
    const restantes = await tachesEnAttente(db, options.noms);
    if (Object.keys(restantes).length === 0) return;
    if (Date.now() > fin) throw new Error(`jobs still waiting: ${JSON.stringify(restantes)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
