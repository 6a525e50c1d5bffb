import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config/index.ts';
import type { Executor } from '../db/client.ts';
import { planifier } from '../jobs/index.ts';
import { tacheEnvoiMessages } from './jobs.ts';
import { type CleModele, MODELES, type Modele, type ParametresDe, rendre } from './modeles.ts';
import { compterSegments, SEGMENTS_MAX } from './segments.ts';
import { messages } from './tables.ts';

export interface NouveauMessage<K extends CleModele> {
  modele: K;
  destinataire: string;
  parametres: ParametresDe<K>;
  /** Idempotency key; queuing twice with one key queues once. Default: a new random key. */
  cle?: string;
  /** For a message carrying a one-time link: the link's expiry (not sent after it). */
  expireLe?: Date;
}

/** An SMS whose rendered text takes more than `SEGMENTS_MAX` segments: refused when queued. */
export class SmsTropLong extends Error {}

/** A new idempotency key for a message: `prefixe:` and a random UUID. */
export function nouvelleCle(prefixe: string): string {
  return `${prefixe}:${randomUUID()}`;
}

/**
 * The sender job's key: the enqueuing transaction's id, so that a transaction queuing many messages starts one job,
 * and that job exists only once they are committed (a job keyed on time could be skipped by a late message).
 */
async function cleTache(tx: Executor): Promise<string> {
  const r = await tx.execute<{ txid: string }>(sql`select txid_current()::text as txid`);
  return `messages.envoyer:${r.rows[0]?.txid}`;
}

/**
 * Queues a message in the caller's transaction (it exists, and its sender job too, only if that commits). Parameters
 * are checked against the template; an SMS is rendered once to count its segments (refused above the bound), and
 * nothing rendered is stored. Returns the message's id, or null when its key was already queued.
 */
export async function mettreEnFile<K extends CleModele>(
  tx: Executor,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  m: NouveauMessage<K>,
): Promise<string | null> {
  const modele: Modele = MODELES[m.modele];
  const parametres = modele.parametres.parse(m.parametres) as Record<string, unknown>;
  const cle = m.cle ?? nouvelleCle(m.modele);
  let segments: number | null = null;
  if (modele.canal === 'sms') {
    const rendu = rendre(
      { modele: m.modele, parametres, cle },
      { urlPublique: config.publicUrl, secret: config.sessionSecret },
    );
    segments = compterSegments(rendu.canal === 'sms' ? rendu.texte : '').segments;
    if (segments > SEGMENTS_MAX) throw new SmsTropLong(`SMS of ${segments} segments (at most ${SEGMENTS_MAX})`);
  }
  const [ligne] = await tx
    .insert(messages)
    .values({
      canal: modele.canal,
      destinataire: m.destinataire,
      modele: m.modele,
      parametres,
      cle,
      segments,
      expireLe: m.expireLe,
    })
    .onConflictDoNothing({ target: messages.cle })
    .returning({ id: messages.id });
  if (!ligne) return null;
  await planifier(tx, tacheEnvoiMessages, {}, { cle: await cleTache(tx) });
  return ligne.id;
}
