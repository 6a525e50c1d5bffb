import { and, count, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { codesSecours, facteursTotp, sessions, utilisateurs } from './tables.ts';

// The second factor's queries (ADR 0032). Not tenant data: looked up by the person's own id or by a session's hash.

/** A live session whose password step is done and whose second factor is still due. */
export async function sessionEnAttente(db: Executor, sessionId: string, dureeAbsolueMs: number) {
  const [row] = await db
    .select({
      id: sessions.id,
      utilisateurId: sessions.utilisateurId,
      creeLe: sessions.creeLe,
      courriel: utilisateurs.courriel,
    })
    .from(sessions)
    .innerJoin(utilisateurs, eq(utilisateurs.id, sessions.utilisateurId))
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.secondFacteurEnAttente, true),
        gt(sessions.expireLe, sql`now()`),
        gt(sessions.creeLe, sql`now() - make_interval(secs => ${dureeAbsolueMs / 1000})`),
        eq(utilisateurs.actif, true),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Creates a session; a pending one opens only the second-factor pages, a full one keeps its password step's start. */
export async function insererSession(
  db: Executor,
  s: { id: string; utilisateurId: string; expireLe: Date; creeLe?: Date; secondFacteurEnAttente: boolean },
) {
  await db.insert(sessions).values({ ...s, methode: 'mot_de_passe' });
}

/** Deletes a pending session; true when it was still there (two right codes at once: one wins). */
export async function supprimerSessionEnAttente(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.secondFacteurEnAttente, true)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export async function facteurDe(db: Executor, utilisateurId: string) {
  const [f] = await db.select().from(facteursTotp).where(eq(facteursTotp.utilisateurId, utilisateurId)).limit(1);
  return f ?? null;
}

export async function aUnFacteurActif(db: Executor, utilisateurId: string): Promise<boolean> {
  const [f] = await db
    .select({ u: facteursTotp.utilisateurId })
    .from(facteursTotp)
    .where(and(eq(facteursTotp.utilisateurId, utilisateurId), isNotNull(facteursTotp.activeLe)))
    .limit(1);
  return Boolean(f);
}

/** Whether the person signs in with a password at all (a ProConnect-only account has none). */
export async function aUnMotDePasse(db: Executor, utilisateurId: string): Promise<boolean> {
  const [u] = await db
    .select({ u: utilisateurs.id })
    .from(utilisateurs)
    .where(and(eq(utilisateurs.id, utilisateurId), isNotNull(utilisateurs.motDePasse)))
    .limit(1);
  return Boolean(u);
}

/** Starts (or restarts) an enrolment with a new secret; refused (false) once a factor is active. */
export async function preparerFacteur(db: Executor, utilisateurId: string, secretChiffre: string): Promise<boolean> {
  const rows = await db
    .insert(facteursTotp)
    .values({ utilisateurId, secretChiffre })
    .onConflictDoUpdate({
      target: facteursTotp.utilisateurId,
      set: { secretChiffre, creeLe: sql`now()`, dernierPas: null },
      setWhere: isNull(facteursTotp.activeLe),
    })
    .returning({ u: facteursTotp.utilisateurId });
  return rows.length > 0;
}

/**
 * Records that a code of this step was accepted, only if no code of this step or a later one was: of two requests
 * bearing the same code, one wins. With `activer`, the factor becomes active (once).
 */
export async function accepterPas(
  db: Executor,
  utilisateurId: string,
  pas: number,
  activer: boolean,
): Promise<boolean> {
  const rows = await db
    .update(facteursTotp)
    .set(activer ? { dernierPas: pas, activeLe: sql`now()` } : { dernierPas: pas })
    .where(
      and(
        eq(facteursTotp.utilisateurId, utilisateurId),
        activer ? isNull(facteursTotp.activeLe) : isNotNull(facteursTotp.activeLe),
        or(isNull(facteursTotp.dernierPas), lt(facteursTotp.dernierPas, pas)),
      ),
    )
    .returning({ u: facteursTotp.utilisateurId });
  return rows.length > 0;
}

export async function supprimerFacteur(db: Executor, utilisateurId: string) {
  await db.delete(facteursTotp).where(eq(facteursTotp.utilisateurId, utilisateurId));
  await db.delete(codesSecours).where(eq(codesSecours.utilisateurId, utilisateurId));
}

export async function remplacerCodesSecours(db: Executor, utilisateurId: string, empreintes: string[]) {
  await db.delete(codesSecours).where(eq(codesSecours.utilisateurId, utilisateurId));
  await db.insert(codesSecours).values(empreintes.map((empreinte) => ({ utilisateurId, empreinte })));
}

/** Marks an unused recovery code used; false when it is unknown or already used (of two uses at once, one wins). */
export async function consommerCodeSecours(db: Executor, utilisateurId: string, empreinte: string): Promise<boolean> {
  const rows = await db
    .update(codesSecours)
    .set({ utiliseLe: sql`now()` })
    .where(
      and(
        eq(codesSecours.utilisateurId, utilisateurId),
        eq(codesSecours.empreinte, empreinte),
        isNull(codesSecours.utiliseLe),
      ),
    )
    .returning({ id: codesSecours.id });
  return rows.length > 0;
}

export async function codesSecoursRestants(db: Executor, utilisateurId: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(codesSecours)
    .where(and(eq(codesSecours.utilisateurId, utilisateurId), isNull(codesSecours.utiliseLe)));
  return r?.n ?? 0;
}
