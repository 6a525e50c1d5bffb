import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import type { Db, Executor } from '../db/client.ts';
import { courriels } from './tables.ts';

export interface Courriel {
  destinataire: string;
  sujet: string;
  texte: string;
  /** For a message carrying a one-time link: the link's expiry (see `courriels.expireLe`). */
  expireLe?: Date;
}

/** What remains of a message carrying a one-time link once it has been sent. */
export const TEXTE_EFFACE = 'Contenu effacé après l’envoi : ce message contenait un lien à usage unique.';

/** How long sent (and abandoned) messages are kept, for delivery questions, before the purge deletes them. */
export const RETENTION_COURRIELS_JOURS = 30;

/** Queues an email in the caller's transaction: it leaves only if the business change commits. */
export async function mettreEnFile(db: Executor, courriel: Courriel): Promise<void> {
  await db.insert(courriels).values(courriel);
}

export function derniersCourriels(db: Db, limite = 50) {
  return db.select().from(courriels).orderBy(desc(courriels.creeLe)).limit(limite);
}

export function creerTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

/**
 * Sends queued emails (at most `lot` per call, 5 attempts each, never a one-time link past its expiry); returns how
 * many left. The body of a message carrying a one-time link is erased once sent: the link then exists only in the
 * recipient's mailbox.
 */
export async function envoyerEnAttente(db: Db, transport: Transporter, expediteur: string, lot = 20) {
  const enAttente = await db
    .select()
    .from(courriels)
    .where(
      and(
        isNull(courriels.envoyeLe),
        lt(courriels.tentatives, 5),
        or(isNull(courriels.expireLe), gt(courriels.expireLe, sql`now()`)),
      ),
    )
    .orderBy(asc(courriels.creeLe))
    .limit(lot);
  let envoyes = 0;
  for (const c of enAttente) {
    try {
      await transport.sendMail({ from: expediteur, to: c.destinataire, subject: c.sujet, text: c.texte });
      await db
        .update(courriels)
        .set({ envoyeLe: new Date(), ...(c.expireLe ? { texte: TEXTE_EFFACE } : {}) })
        .where(eq(courriels.id, c.id));
      envoyes++;
    } catch (error) {
      await db
        .update(courriels)
        .set({ tentatives: c.tentatives + 1, derniereErreur: String((error as Error).message).slice(0, 500) })
        .where(eq(courriels.id, c.id));
    }
  }
  return envoyes;
}

/**
 * Deletes messages whose one-time link has expired (unsent ones die with their link), and other sent or abandoned
 * (5 failed attempts) messages after 30 days. Run at start and every hour with the other purges.
 */
export async function purgerCourriels(db: Executor): Promise<void> {
  const retention = sql`now() - make_interval(days => ${RETENTION_COURRIELS_JOURS})`;
  await db
    .delete(courriels)
    .where(
      or(
        and(isNotNull(courriels.expireLe), lt(courriels.expireLe, sql`now()`)),
        lt(courriels.envoyeLe, retention),
        and(isNull(courriels.envoyeLe), sql`${courriels.tentatives} >= 5`, lt(courriels.creeLe, retention)),
      ),
    );
}
