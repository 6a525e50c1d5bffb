import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Config } from '../../config/index.ts';
import type { Db } from '../db/client.ts';
import type { ContexteTache, DefinitionTache } from './definition.ts';

// The job queue (ADR 0020): pg-boss in its own schema `pgboss` of the application's database, reached through the
// application's pool. One queue per declared job, created or updated at start with the job's retry policy. Workers
// poll every few seconds and are also woken at once by a NOTIFY sent in the transaction that enqueues a job.

export const SCHEMA = 'pgboss';
/** The channel on which `planifier` announces a new job (delivered by PostgreSQL only if its transaction commits). */
export const CANAL = 'guichet_taches';
/** Suffix of the dead-letter queue of a job that declares `siEchec`. */
export const SUFFIXE_ECHEC = '.echec';

const DEFAUTS = { limite: 3, delaiSecondes: 30, exponentiel: true };
const EXPIRATION_DEFAUT_S = 15 * 60;
/** Jobs a worker takes at once (run concurrently); a full batch makes it fetch again without waiting. */
const LOT = 5;
/** Fallback polling when a NOTIFY was missed (scheduled runs, retries after their delay). */
const SONDAGE_S = 2;

export interface Journal {
  info(o: object | string, m?: string): void;
  warn(o: object | string, m?: string): void;
  error(o: object | string, m?: string): void;
}

export interface OptionsFile {
  db: Db;
  pool: pg.Pool;
  config: Config;
  log: Journal;
  taches: readonly DefinitionTache[];
  /** Run the workers and the scheduler (default true); false only creates the schema and the queues. */
  travailler?: boolean;
}

/** A started queue on one database. */
export interface File {
  boss: PgBoss;
  arreter(options?: { delaiMs?: number }): Promise<void>;
}

/** pg-boss's `db` option over a pg pool or client: every SQL of the queue goes through it. */
function adaptateur(pool: pg.Pool, suivi: { enCours: number; ferme: boolean }): PgBoss.Db {
  return {
    async executeSql(texte: string, valeurs: unknown[]) {
      // After shutdown a late poll finds nothing rather than querying a pool about to close.
      if (suivi.ferme) return { rows: [] };
      suivi.enCours++;
      try {
        return await pool.query(texte, valeurs as unknown[]);
      } finally {
        suivi.enCours--;
      }
    },
  };
}

function politique(t: DefinitionTache) {
  const r = { ...DEFAUTS, ...t.reessais };
  return {
    retryLimit: r.limite,
    retryDelay: r.delaiSecondes,
    retryBackoff: r.exponentiel,
    expireInSeconds: t.expirationSecondes ?? EXPIRATION_DEFAUT_S,
  };
}

async function assurerFile(boss: PgBoss, nom: string, options: PgBoss.Queue | Omit<PgBoss.Queue, 'name'>) {
  const file = { ...options, name: nom };
  if (await boss.getQueue(nom)) await boss.updateQueue(nom, file);
  else await boss.createQueue(nom, file);
}

function messageErreur(sortie: unknown): string {
  const o = sortie as { message?: unknown; value?: { message?: unknown } } | null;
  const m = o?.message ?? o?.value?.message;
  return typeof m === 'string' ? m : 'échec sans message';
}

const delai = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the queue on an application's database: installs or migrates the `pgboss` schema, creates one queue per job
 * with its policy, and (unless `travailler: false`) runs the workers, the cron schedules and the expiry of dead runs.
 */
export async function demarrerFile(options: OptionsFile): Promise<File> {
  const { db, pool, config, log, taches } = options;
  const travailler = options.travailler ?? true;
  const suivi = { enCours: 0, ferme: false };
  const boss = new PgBoss({
    db: adaptateur(pool, suivi),
    schema: SCHEMA,
    supervise: travailler,
    schedule: travailler,
    // Expiry of runs whose process died is checked this often (by one instance at a time).
    maintenanceIntervalSeconds: 30,
    archiveCompletedAfterSeconds: 12 * 60 * 60,
    deleteAfterDays: 7,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();

  const noms = new Set<string>();
  for (const t of taches) {
    if (noms.has(t.nom)) throw new Error(`job ${t.nom} is declared twice`);
    noms.add(t.nom);
    const p = politique(t);
    if (t.siEchec) await assurerFile(boss, `${t.nom}${SUFFIXE_ECHEC}`, { retryLimit: 3, retryDelay: 30 });
    await assurerFile(boss, t.nom, { ...p, ...(t.siEchec ? { deadLetter: `${t.nom}${SUFFIXE_ECHEC}` } : {}) });
  }

  const travailleurs = new Map<string, string[]>();
  const enCours = new Set<Promise<unknown>>();
  let arret = false;
  let ecoute: pg.Client | undefined;

  const contexte = (id: string): ContexteTache => ({ db, config, log, id });

  async function travailler1(t: DefinitionTache, job: PgBoss.Job<unknown>) {
    const charge = t.charge.safeParse(job.data);
    if (!charge.success) throw new Error(`invalid payload for ${t.nom}: ${charge.error.message}`);
    await t.executer(charge.data, contexte(job.id));
  }

  async function ajouterTravailleur(nom: string, executer: (job: PgBoss.JobWithMetadata<unknown>) => Promise<void>) {
    const ids: string[] = [];
    travailleurs.set(nom, ids);
    const id = await boss.work<unknown>(
      nom,
      { batchSize: LOT, pollingIntervalSeconds: SONDAGE_S, includeMetadata: true },
      async (jobs) => {
        // A batch fetched while stopping is handed back: it fails now and is retried by another run.
        if (arret) throw new Error('job queue stopping');
        const lot = Promise.allSettled(
          jobs.map(async (job) => {
            try {
              await executer(job);
            } catch (err) {
              log.warn({ err, tache: nom, idTache: job.id }, 'job failed');
              // Only this job fails (and is retried); the rest of the batch is completed by pg-boss.
              await boss.fail(nom, job.id, err instanceof Error ? { message: err.message } : { message: String(err) });
            }
          }),
        );
        enCours.add(lot);
        await lot;
        enCours.delete(lot);
        if (jobs.length === LOT) for (const w of ids) boss.notifyWorker(w);
      },
    );
    ids.push(id);
  }

  if (travailler) {
    for (const t of taches) {
      await ajouterTravailleur(t.nom, (job) => travailler1(t, job));
      const siEchec = t.siEchec;
      if (siEchec) {
        await ajouterTravailleur(`${t.nom}${SUFFIXE_ECHEC}`, async (job) => {
          const charge = t.charge.safeParse(job.data);
          if (charge.success) await siEchec(charge.data, contexte(job.id), messageErreur(job.output));
        });
      }
      if (t.planification) {
        const charge = t.charge.parse(t.planification.charge);
        await boss.schedule(t.nom, t.planification.cron, charge as object, { tz: 'UTC' });
      }
    }
    // Schedules of jobs no longer declared would otherwise keep firing into a queue without a worker.
    for (const s of await boss.getSchedules()) {
      if (!taches.some((t) => t.nom === s.name && t.planification)) await boss.unschedule(s.name);
    }
    // Runs of a process that died and whose time is up are retried now rather than at the first maintenance.
    await boss.expire();
    ecoute = new pg.Client(pool.options);
    ecoute.on('error', (err) => log.warn({ err }, 'job notification connection lost; polling only'));
    ecoute.on('notification', (n) => {
      for (const w of travailleurs.get(n.payload ?? '') ?? []) boss.notifyWorker(w);
    });
    await ecoute.connect();
    await ecoute.query(`listen ${CANAL}`);
  }

  return {
    boss,
    async arreter({ delaiMs = 15_000 } = {}) {
      if (arret) return;
      arret = true;
      await ecoute?.end().catch(() => {});
      // Waits for running jobs up to the delay; those still running are failed, hence retried later.
      await boss.stop({ graceful: true, wait: true, timeout: delaiMs });
      await Promise.allSettled([...enCours]);
      // pg-boss completes a batch without awaiting it: let those last queries finish before the pool closes.
      const fin = Date.now() + 5_000;
      do await delai(10);
      while (suivi.enCours > 0 && Date.now() < fin);
      suivi.ferme = true;
    },
  };
}
