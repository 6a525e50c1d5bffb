import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { empreinte, jetonAleatoire } from '../auth/jetons.ts';
import type { Executor } from '../db/client.ts';
import { liensCitoyens } from './tables.ts';

/**
 * What a citizen link lets its holder do. Each module adds its purposes here (a stored string, so no migration) and
 * registers the page that handles them (`enregistrerTraitementLien`).
 */
export type ObjetLien =
  | 'rendez-vous.annuler'
  | 'rendez-vous.deplacer'
  | 'contact.suivre'
  | 'contact.fil'
  | 'mandat.revoquer';

export type UsageLien = 'unique' | 'multiple';

/** 32 random bytes in base64url: exactly 43 characters of this alphabet. Anything else is not a link of ours. */
const FORME_JETON = /^[A-Za-z0-9_-]{43}$/;

/** The longest a link may live: a link outliving what it acts on is a liability. */
export const DUREE_MAX_MS = 366 * 24 * 3600 * 1000;

export interface DemandeLien {
  objet: ObjetLien;
  sujet: string;
  usage: UsageLien;
  /** Either an instant or a duration from now. */
  expireLe?: Date;
  duree?: { jours?: number; heures?: number; minutes?: number };
  /** A token derived with `jetonDeLienCitoyen` when a message will carry the link (else a random one is drawn). */
  jeton?: string;
}

export interface LienCree {
  id: string;
  /** The secret: shown once in the message sent to the citizen, never stored or logged. */
  jeton: string;
  /** `PUBLIC_URL` + `/l/<jeton>`. */
  url: string;
  expireLe: Date;
}

export interface LienValide {
  id: string;
  objet: string;
  sujet: string;
  usage: UsageLien;
  expireLe: Date;
  utilisations: number;
}

/** Why a link does not work: `inconnu` (never issued, purged, or malformed) is a 404, the others a 410. */
export type EtatLien = 'inconnu' | 'utilise' | 'expire' | 'revoque';

export type LectureLien = { ok: true; lien: LienValide } | { ok: false; etat: EtatLien };

function echeance(demande: DemandeLien, maintenant: Date): Date {
  if (demande.expireLe) return demande.expireLe;
  const d = demande.duree ?? {};
  const ms = ((d.jours ?? 0) * 24 * 60 + (d.heures ?? 0) * 60 + (d.minutes ?? 0)) * 60_000;
  return new Date(maintenant.getTime() + ms);
}

/** Issues a link for a purpose and a subject, in the caller's transaction; only the token's hash is stored. */
export async function creerLien(
  executor: Executor,
  demande: DemandeLien,
  publicUrl: string,
  maintenant = new Date(),
): Promise<LienCree> {
  const expireLe = echeance(demande, maintenant);
  const duree = expireLe.getTime() - maintenant.getTime();
  if (!(duree > 0 && duree <= DUREE_MAX_MS)) throw new RangeError('a citizen link lives between 1 ms and 366 days');
  const jeton = demande.jeton ?? jetonAleatoire(32);
  if (!FORME_JETON.test(jeton)) throw new RangeError('a citizen link token has 43 base64url characters');
  const [ligne] = await executor
    .insert(liensCitoyens)
    .values({ empreinte: empreinte(jeton), objet: demande.objet, sujet: demande.sujet, usage: demande.usage, expireLe })
    .returning({ id: liensCitoyens.id });
  if (!ligne) throw new Error('citizen link not stored');
  return { id: ligne.id, jeton, url: `${publicUrl.replace(/\/$/, '')}/l/${jeton}`, expireLe };
}

/** The hash to look up, or null for a string that cannot be one of our tokens (no database access then). */
function empreinteDe(jeton: string): string | null {
  return FORME_JETON.test(jeton) ? empreinte(jeton) : null;
}

/** Checks a link without using it: valid, or why not (revoked, then used, then expired). */
export async function lireLien(executor: Executor, jeton: string, maintenant = new Date()): Promise<LectureLien> {
  const hash = empreinteDe(jeton);
  if (!hash) return { ok: false, etat: 'inconnu' };
  const [l] = await executor.select().from(liensCitoyens).where(eq(liensCitoyens.empreinte, hash)).limit(1);
  if (!l) return { ok: false, etat: 'inconnu' };
  if (l.revoqueLe) return { ok: false, etat: 'revoque' };
  if (l.usage === 'unique' && l.utiliseLe) return { ok: false, etat: 'utilise' };
  if (l.expireLe.getTime() <= maintenant.getTime()) return { ok: false, etat: 'expire' };
  return {
    ok: true,
    lien: {
      id: l.id,
      objet: l.objet,
      sujet: l.sujet,
      usage: l.usage,
      expireLe: l.expireLe,
      utilisations: l.utilisations,
    },
  };
}

/**
 * Uses a link, atomically: a single-use link succeeds once however many requests race for it (one UPDATE guarded by
 * `utilise_le IS NULL`). Call it in the transaction of the action the link allows, so that both happen or neither.
 */
export async function consommerLien(executor: Executor, jeton: string, maintenant = new Date()): Promise<LectureLien> {
  const hash = empreinteDe(jeton);
  if (!hash) return { ok: false, etat: 'inconnu' };
  const [l] = await executor
    .update(liensCitoyens)
    .set({ utiliseLe: maintenant, utilisations: sql`${liensCitoyens.utilisations} + 1` })
    .where(
      and(
        eq(liensCitoyens.empreinte, hash),
        isNull(liensCitoyens.revoqueLe),
        gt(liensCitoyens.expireLe, maintenant),
        or(eq(liensCitoyens.usage, 'multiple'), isNull(liensCitoyens.utiliseLe)),
      ),
    )
    .returning();
  if (l) {
    const { id, objet, sujet, usage, expireLe, utilisations } = l;
    return { ok: true, lien: { id, objet, sujet, usage, expireLe, utilisations } };
  }
  // Not taken: say why, from the row as it is now.
  const etat = await lireLien(executor, jeton, maintenant);
  return etat.ok ? { ok: false, etat: 'utilise' } : etat;
}

/** Revokes every live link of a purpose on a subject (an appointment cancelled by the counter, say); returns how many. */
export async function revoquerLiens(
  executor: Executor,
  objet: ObjetLien,
  sujet: string,
  maintenant = new Date(),
): Promise<number> {
  const rows = await executor
    .update(liensCitoyens)
    .set({ revoqueLe: maintenant })
    .where(and(eq(liensCitoyens.objet, objet), eq(liensCitoyens.sujet, sujet), isNull(liensCitoyens.revoqueLe)))
    .returning({ id: liensCitoyens.id });
  return rows.length;
}

/**
 * Moves the expiry of every live link of a purpose on a subject (an appointment moved: its link lives until the new
 * start); returns how many. Revoked and used single-use links stay dead.
 */
export async function prolongerLiens(
  executor: Executor,
  objet: ObjetLien,
  sujet: string,
  expireLe: Date,
  maintenant = new Date(),
): Promise<number> {
  const duree = expireLe.getTime() - maintenant.getTime();
  if (!(duree > 0 && duree <= DUREE_MAX_MS)) throw new RangeError('a citizen link lives between 1 ms and 366 days');
  const rows = await executor
    .update(liensCitoyens)
    .set({ expireLe })
    .where(
      and(
        eq(liensCitoyens.objet, objet),
        eq(liensCitoyens.sujet, sujet),
        isNull(liensCitoyens.revoqueLe),
        or(eq(liensCitoyens.usage, 'multiple'), isNull(liensCitoyens.utiliseLe)),
      ),
    )
    .returning({ id: liensCitoyens.id });
  return rows.length;
}
