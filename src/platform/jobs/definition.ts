import type { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Db } from '../db/client.ts';

// The contract every module's `jobs.ts` follows (ADR 0020): a job has a name, a zod payload, an idempotent handler
// and its retry policy; periodic jobs carry their cron schedule. The queue itself (pg-boss) lives in ./file.ts.

/** What a job handler gets besides its payload. */
export interface ContexteTache {
  db: Db;
  config: Config;
  /** Structured logger (pino), without personal data (ADR 0011). */
  log: {
    info(o: object | string, m?: string): void;
    warn(o: object | string, m?: string): void;
    error(o: object | string, m?: string): void;
  };
  /** The job's id in the queue (for logs and idempotency). */
  id: string;
}

export interface DefinitionTache<S extends z.ZodType = z.ZodType> {
  /** `module.action`, e.g. `messages.envoyer`, `imports.liste-nationale`, `retention.appliquer`. */
  nom: string;
  /** The payload's schema: checked when the job is enqueued and again when it runs. */
  charge: S;
  /** Must be idempotent: a job may run again after a crash between its work and its completion. */
  executer(charge: z.output<S>, ctx: ContexteTache): Promise<void>;
  /** Retries after a failure (default: 3, 30 s apart, doubling). */
  reessais?: { limite: number; delaiSecondes: number; exponentiel?: boolean };
  /** A run longer than this is considered dead and retried (default 15 minutes). */
  expirationSecondes?: number;
  /**
   * Called once when the job has failed for good (its retries spent, or its last run expired because its process died),
   * with the last error, so that the failure is recorded where people see it. Must be idempotent too.
   */
  siEchec?(charge: z.output<S>, ctx: ContexteTache, erreur: string): Promise<void>;
  /** Periodic jobs: a cron expression (in UTC) and the payload of each run. */
  planification?: { cron: string; charge: z.input<S> };
}

/** Declares a job (identity function: it types the handler's payload from the schema). */
export function definirTache<S extends z.ZodType>(definition: DefinitionTache<S>): DefinitionTache<S> {
  return definition;
}
