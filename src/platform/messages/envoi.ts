import { and, asc, eq, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { Config } from '../../config/index.ts';
import type { Db } from '../db/client.ts';
import { type Fournisseurs, RefusDefinitif } from './fournisseurs.ts';
import { ErreurModele, rendre } from './modeles.ts';
import { messages } from './tables.ts';

// The sender (ADR 0021): claims pending messages with FOR UPDATE SKIP LOCKED under a lease, renders them, hands them
// to the provider with their idempotency key, and records the outcome. At least once: a crash after the provider
// accepted a message but before it is marked sent sends it again once the lease expires, with the same key.

export const BAIL_SECONDES = 120;
export const TENTATIVES_MAX = 8;
const LOT = 20;

/** Delay before attempt n+1 after n failed attempts: 30 s, doubling, at most 6 hours. */
export function delaiAvantEssai(tentatives: number): number {
  return Math.min(30 * 2 ** Math.max(0, tentatives - 1), 6 * 3600);
}

export type EnvoiConfig = Pick<Config, 'publicUrl' | 'sessionSecret' | 'mailFrom'>;

export interface Bilan {
  envoyes: number;
  /** Failures that will be retried. */
  reportes: number;
  /** Definitive failures (refused, or attempts exhausted). */
  echecs: number;
}

/** Puts back to pending the messages whose sender died holding them (lease expired), and cancels expired links. */
async function remettreEnOrdre(db: Db, maintenant: Date) {
  await db
    .update(messages)
    .set({ statut: 'en_attente', bailJusquA: null })
    .where(and(eq(messages.statut, 'envoi'), lt(messages.bailJusquA, maintenant)));
  await db
    .update(messages)
    .set({ statut: 'annule', derniereErreur: 'Lien expiré avant l’envoi : message non envoyé.' })
    .where(and(eq(messages.statut, 'en_attente'), isNotNull(messages.expireLe), lte(messages.expireLe, maintenant)));
}

/** Claims up to `lot` due messages of the channels that have a provider: they become `envoi` under a lease. */
async function reserver(db: Db, canaux: Array<'courriel' | 'sms'>, lot: number, maintenant: Date) {
  if (canaux.length === 0) return [];
  const dus = db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.statut, 'en_attente'),
        lte(messages.prochainEssaiLe, maintenant),
        inArray(messages.canal, canaux),
      ),
    )
    .orderBy(asc(messages.prochainEssaiLe))
    .limit(lot)
    .for('update', { skipLocked: true });
  return db
    .update(messages)
    .set({
      statut: 'envoi',
      tentatives: sql`${messages.tentatives} + 1`,
      bailJusquA: new Date(maintenant.getTime() + BAIL_SECONDES * 1000),
    })
    .where(inArray(messages.id, dus))
    .returning();
}

type Ligne = typeof messages.$inferSelect;

async function envoyerUn(db: Db, config: EnvoiConfig, fournisseurs: Fournisseurs, m: Ligne): Promise<keyof Bilan> {
  try {
    const rendu = rendre(m, {
      urlPublique: config.publicUrl,
      secret: config.sessionSecret,
      expediteur: config.mailFrom,
    });
    let idFournisseur: string | null = null;
    if (rendu.canal === 'courriel' && fournisseurs.courriel) {
      ({ idFournisseur } = await fournisseurs.courriel.envoyer({
        de: config.mailFrom,
        a: m.destinataire,
        sujet: rendu.sujet,
        texte: rendu.texte,
        html: rendu.html,
        piecesJointes: rendu.piecesJointes,
        cle: m.cle,
        entetes: rendu.entetes,
      }));
    } else if (rendu.canal === 'sms' && fournisseurs.sms) {
      ({ idFournisseur } = await fournisseurs.sms.envoyer({ a: m.destinataire, texte: rendu.texte, cle: m.cle }));
    } else throw new Error(`no provider for channel ${m.canal}`);
    await db
      .update(messages)
      .set({ statut: 'envoye', envoyeLe: new Date(), bailJusquA: null, idFournisseur, derniereErreur: null })
      .where(eq(messages.id, m.id));
    return 'envoyes';
  } catch (error) {
    const definitif =
      error instanceof RefusDefinitif || error instanceof ErreurModele || m.tentatives >= TENTATIVES_MAX;
    const erreur = String((error as Error).message ?? error).slice(0, 500);
    await db
      .update(messages)
      .set(
        definitif
          ? { statut: 'echec', bailJusquA: null, derniereErreur: erreur }
          : {
              statut: 'en_attente',
              bailJusquA: null,
              derniereErreur: erreur,
              prochainEssaiLe: new Date(Date.now() + delaiAvantEssai(m.tentatives) * 1000),
            },
      )
      .where(eq(messages.id, m.id));
    return definitif ? 'echecs' : 'reportes';
  }
}

/** Sends one batch of due messages (at most `lot`, concurrently); returns what became of them. */
export async function envoyerLot(
  db: Db,
  config: EnvoiConfig,
  fournisseurs: Fournisseurs,
  options: { lot?: number; maintenant?: Date } = {},
): Promise<Bilan> {
  const maintenant = options.maintenant ?? new Date();
  await remettreEnOrdre(db, maintenant);
  const canaux = (['courriel', 'sms'] as const).filter((c) => fournisseurs[c]);
  const reserves = await reserver(db, canaux, options.lot ?? LOT, maintenant);
  const bilan: Bilan = { envoyes: 0, reportes: 0, echecs: 0 };
  for (const issue of await Promise.all(reserves.map((m) => envoyerUn(db, config, fournisseurs, m)))) bilan[issue]++;
  return bilan;
}

/** Sends batches until none is due, or for at most `dureeMaxMs` (the job then ends; the next run goes on). */
export async function envoyerTout(
  db: Db,
  config: EnvoiConfig,
  fournisseurs: Fournisseurs,
  options: { lot?: number; dureeMaxMs?: number } = {},
): Promise<Bilan> {
  const fin = Date.now() + (options.dureeMaxMs ?? 60_000);
  const total: Bilan = { envoyes: 0, reportes: 0, echecs: 0 };
  for (;;) {
    const b = await envoyerLot(db, config, fournisseurs, { lot: options.lot });
    total.envoyes += b.envoyes;
    total.reportes += b.reportes;
    total.echecs += b.echecs;
    if (b.envoyes + b.reportes + b.echecs === 0 || Date.now() > fin) return total;
  }
}
