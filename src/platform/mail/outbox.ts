import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import type { Db, Executor } from '../db/client.ts';
import { courriels } from './tables.ts';

export interface Courriel {
  destinataire: string;
  sujet: string;
  texte: string;
}

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

/** Sends queued emails (at most `lot` per call, 5 attempts each); returns how many left. */
export async function envoyerEnAttente(db: Db, transport: Transporter, expediteur: string, lot = 20) {
  const enAttente = await db
    .select()
    .from(courriels)
    .where(and(isNull(courriels.envoyeLe), lt(courriels.tentatives, 5)))
    .orderBy(asc(courriels.creeLe))
    .limit(lot);
  let envoyes = 0;
  for (const c of enAttente) {
    try {
      await transport.sendMail({ from: expediteur, to: c.destinataire, subject: c.sujet, text: c.texte });
      await db.update(courriels).set({ envoyeLe: new Date() }).where(eq(courriels.id, c.id));
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
