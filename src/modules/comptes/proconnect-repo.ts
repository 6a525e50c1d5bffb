import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { identitesProconnect, jetons, sessions, utilisateurs } from './tables.ts';

// ProConnect sign-in (ADR 0032): authentication lookups by the provider's identity, not tenant data.

/** The account linked to a ProConnect identity (`sub` with the identity provider it came through). */
export async function compteParIdentite(db: Executor, sub: string, idpId: string) {
  const [u] = await db
    .select({ id: utilisateurs.id, actif: utilisateurs.actif })
    .from(identitesProconnect)
    .innerJoin(utilisateurs, eq(utilisateurs.id, identitesProconnect.utilisateurId))
    .where(and(eq(identitesProconnect.sub, sub), eq(identitesProconnect.idpId, idpId)))
    .limit(1);
  return u ?? null;
}

/**
 * The invited account an email may be linked to, once: it holds a pending invitation (unused, unexpired), has no
 * ProConnect identity yet and has never signed in. Locked until the end of the transaction, so that two first
 * sign-ins at the same moment cannot both link it.
 */
export async function compteInviteParCourriel(db: Executor, courriel: string) {
  const [u] = await db
    .select({ id: utilisateurs.id, actif: utilisateurs.actif })
    .from(utilisateurs)
    .where(
      and(
        eq(sql`lower(${utilisateurs.courriel})`, courriel.toLowerCase()),
        isNull(utilisateurs.derniereConnexionLe),
        sql`not exists (select 1 from ${identitesProconnect} i where i.utilisateur_id = ${utilisateurs.id})`,
        sql`exists (select 1 from ${jetons} j where j.utilisateur_id = ${utilisateurs.id} and j.objet = 'invitation'
          and j.utilise_le is null and j.expire_le > now())`,
      ),
    )
    .for('update')
    .limit(1);
  return u ?? null;
}

/** Marks the person's pending invitations used: the link they carried is spent by the ProConnect sign-in. */
export async function consommerInvitations(db: Executor, utilisateurId: string) {
  await db
    .update(jetons)
    .set({ utiliseLe: sql`now()` })
    .where(
      and(
        eq(jetons.utilisateurId, utilisateurId),
        eq(jetons.objet, 'invitation'),
        isNull(jetons.utiliseLe),
        gt(jetons.expireLe, sql`now()`),
      ),
    );
}

/** Links an identity to an account; false when the account already has one or the identity is someone else's. */
export async function lierIdentite(db: Executor, utilisateurId: string, sub: string, idpId: string): Promise<boolean> {
  const lignes = await db
    .insert(identitesProconnect)
    .values({ utilisateurId, sub, idpId })
    .onConflictDoNothing()
    .returning({ id: identitesProconnect.utilisateurId });
  return lignes.length === 1;
}

export async function identiteDe(db: Executor, utilisateurId: string) {
  const [i] = await db
    .select({ sub: identitesProconnect.sub, idpId: identitesProconnect.idpId, lieLe: identitesProconnect.lieLe })
    .from(identitesProconnect)
    .where(eq(identitesProconnect.utilisateurId, utilisateurId));
  return i ?? null;
}

export async function noterConnexionProConnect(db: Executor, utilisateurId: string) {
  await db
    .update(identitesProconnect)
    .set({ derniereConnexionLe: sql`now()` })
    .where(eq(identitesProconnect.utilisateurId, utilisateurId));
}

/**
 * A ProConnect session. Its clock starts when the person authenticated at ProConnect (`auth_time`) if that is earlier
 * than now, so that the 12-hour absolute lifetime, counted from `cree_le`, never outlives ProConnect's own session.
 */
export async function creerSessionProConnect(
  db: Executor,
  s: { id: string; utilisateurId: string; idToken: string; creeLe: Date; expireLe: Date },
) {
  await db.insert(sessions).values({ ...s, vuLe: new Date(), methode: 'proconnect', secondFacteurEnAttente: false });
}

/** How a session was opened, and its ID token for the end-session request. */
export async function methodeDeSession(db: Executor, id: string) {
  const [s] = await db
    .select({ methode: sessions.methode, idToken: sessions.idToken })
    .from(sessions)
    .where(eq(sessions.id, id));
  return s ?? null;
}
