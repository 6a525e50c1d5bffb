import { and, count, desc, eq, min, sql } from 'drizzle-orm';
import type { Config } from '../../config/index.ts';
import type { Db } from '../db/client.ts';
import { planifier } from '../jobs/index.ts';
import { tacheEnvoiMessages } from './jobs.ts';
import { rendre } from './modeles.ts';
import { messages } from './tables.ts';

// Following the outbox: the health check's backlog, the national administrator's list (recipients masked) and retry,
// the SMS delivery receipts, and the development page.

export type Statut = (typeof messages.$inferSelect)['statut'];

/** `jeanne.dupont@mairie.fr` → `j***@m***.fr`; `+33612345678` → `06 ** ** ** 78`: enough to recognise, not to reuse. */
export function masquerDestinataire(canal: 'courriel' | 'sms', destinataire: string): string {
  if (canal === 'courriel') {
    const [local = '', domaine = ''] = destinataire.split('@');
    const point = domaine.lastIndexOf('.');
    const tld = point > 0 ? domaine.slice(point) : '';
    return `${local.slice(0, 1)}***@${domaine.slice(0, 1)}***${tld}`;
  }
  const chiffres = destinataire.replace(/\D/g, '');
  if (destinataire.startsWith('+33') && chiffres.length === 11)
    return `0${chiffres.slice(2, 3)} ** ** ** ${chiffres.slice(-2)}`;
  return `+${chiffres.slice(0, 2)} … ${chiffres.slice(-2)}`;
}

/** The backlog for /healthz: pending messages and the age of the oldest (no personal data). */
export async function etatFile(db: Db, maintenant = new Date()) {
  const [r] = await db
    .select({ n: count(), plusAncien: min(messages.creeLe) })
    .from(messages)
    .where(sql`${messages.statut} in ('en_attente', 'envoi')`);
  const plusAncien = r?.plusAncien ? new Date(r.plusAncien) : null;
  return {
    enAttente: Number(r?.n ?? 0),
    plusAncienSecondes: plusAncien ? Math.max(0, Math.round((maintenant.getTime() - plusAncien.getTime()) / 1000)) : 0,
  };
}

export interface MessageListe {
  id: string;
  canal: 'courriel' | 'sms';
  destinataire: string;
  modele: string;
  statut: Statut;
  tentatives: number;
  derniereErreur: string | null;
  remise: string | null;
  segments: number | null;
  creeLe: Date;
  envoyeLe: Date | null;
}

/** The latest messages (`statut` narrows it), recipients masked: the administrator's page never sees an address. */
export async function listerMessages(
  db: Db,
  options: { statut?: Statut; limite?: number } = {},
): Promise<MessageListe[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(options.statut ? eq(messages.statut, options.statut) : undefined)
    .orderBy(desc(messages.creeLe))
    .limit(options.limite ?? 100);
  return rows.map((m) => ({
    id: m.id,
    canal: m.canal,
    destinataire: masquerDestinataire(m.canal, m.destinataire),
    modele: m.modele,
    statut: m.statut,
    tentatives: m.tentatives,
    derniereErreur: m.derniereErreur,
    remise: m.remise,
    segments: m.segments,
    creeLe: m.creeLe,
    envoyeLe: m.envoyeLe,
  }));
}

/** Puts a failed message back in the queue for a fresh series of attempts (only a failed one). */
export async function relancerMessage(db: Db, id: string): Promise<'relance' | 'pas_en_echec' | 'inconnu'> {
  return db.transaction(async (tx) => {
    const r = await tx
      .update(messages)
      .set({ statut: 'en_attente', tentatives: 0, prochainEssaiLe: new Date() })
      .where(and(eq(messages.id, id), eq(messages.statut, 'echec')))
      .returning({ id: messages.id });
    if (r.length === 0) {
      const existe = await tx.select({ id: messages.id }).from(messages).where(eq(messages.id, id));
      return existe.length > 0 ? 'pas_en_echec' : 'inconnu';
    }
    await planifier(tx, tacheEnvoiMessages, {}, { cle: `messages.relance:${id}:${Date.now()}` });
    return 'relance';
  });
}

/** Records a delivery receipt reported by the SMS provider; false when no message has this provider id. */
export async function enregistrerRemise(db: Db, idFournisseur: string, statut: string, le: Date): Promise<boolean> {
  const r = await db
    .update(messages)
    .set({ remise: statut.slice(0, 40), remiseLe: le })
    .where(and(eq(messages.idFournisseur, idFournisseur), eq(messages.canal, 'sms')))
    .returning({ id: messages.id });
  return r.length > 0;
}

/** Development page: the latest emails as they are (or will be) delivered, links included. */
export async function derniersCourriels(db: Db, config: Pick<Config, 'publicUrl' | 'sessionSecret'>, limite = 50) {
  const rows = await db
    .select()
    .from(messages)
    .where(eq(messages.canal, 'courriel'))
    .orderBy(desc(messages.creeLe))
    .limit(limite);
  return rows.map((m) => {
    let sujet = m.modele;
    let texte = '';
    try {
      const r = rendre(m, { urlPublique: config.publicUrl, secret: config.sessionSecret });
      if (r.canal === 'courriel') ({ sujet, texte } = r);
    } catch {
      texte = '(modèle inconnu)';
    }
    return { id: m.id, destinataire: m.destinataire, sujet, texte, creeLe: m.creeLe, envoyeLe: m.envoyeLe };
  });
}
