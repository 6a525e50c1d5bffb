import { and, asc, count, eq, gt, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/client.ts';
import { partenaires } from '../catalogue/tables.ts';
import { type Acteur, dansPortee, type Habilitation, type Portee, type Role } from '../portee/index.ts';
import { sites, structures } from '../structures/tables.ts';
import { habilitationSites, habilitations, jetons, sessions, tentativesConnexion, utilisateurs } from './tables.ts';

// ---------- authentication (not tenant data: looked up by secret or by email) ----------

export async function trouverCompteParCourriel(db: Executor, courriel: string) {
  const [u] = await db
    .select({ id: utilisateurs.id, motDePasse: utilisateurs.motDePasse, actif: utilisateurs.actif })
    .from(utilisateurs)
    .where(eq(sql`lower(${utilisateurs.courriel})`, courriel.toLowerCase()))
    .limit(1);
  return u ?? null;
}

/** The habilitations of some people, with the sites of agents. */
export async function habilitationsDe(db: Executor, utilisateurIds: string[]): Promise<Map<string, Habilitation[]>> {
  const parUtilisateur = new Map<string, Habilitation[]>();
  if (utilisateurIds.length === 0) return parUtilisateur;
  const rows = await db
    .select({
      id: habilitations.id,
      utilisateurId: habilitations.utilisateurId,
      role: habilitations.role,
      structureId: habilitations.structureId,
      partenaireId: habilitations.partenaireId,
      departements: habilitations.departements,
      siteIds: sql<
        string[]
      >`coalesce((select array_agg(hs.site_id order by hs.site_id) from ${habilitationSites} hs where hs.habilitation_id = "habilitations"."id"), '{}')`,
    })
    .from(habilitations)
    .where(sql`${habilitations.utilisateurId} in ${utilisateurIds}`)
    .orderBy(asc(habilitations.creeLe));
  for (const { utilisateurId, ...h } of rows) {
    const liste = parUtilisateur.get(utilisateurId) ?? [];
    liste.push(h);
    parUtilisateur.set(utilisateurId, liste);
  }
  return parUtilisateur;
}

/**
 * The actor behind a live session, or null; the session must be neither idle-expired nor older than its absolute
 * lifetime, and the person active.
 */
export async function acteurDeSession(
  db: Db,
  sessionId: string,
  dureeAbsolueMs: number,
): Promise<{ acteur: Acteur; vuLe: Date } | null> {
  const [row] = await db
    .select({
      id: utilisateurs.id,
      courriel: utilisateurs.courriel,
      prenom: utilisateurs.prenom,
      nom: utilisateurs.nom,
      vuLe: sessions.vuLe,
    })
    .from(sessions)
    .innerJoin(utilisateurs, eq(utilisateurs.id, sessions.utilisateurId))
    .where(
      and(
        eq(sessions.id, sessionId),
        // A session whose second factor is still due has no actor: it opens only the second-factor pages.
        eq(sessions.secondFacteurEnAttente, false),
        gt(sessions.expireLe, sql`now()`),
        gt(sessions.creeLe, sql`now() - make_interval(secs => ${dureeAbsolueMs / 1000})`),
        eq(utilisateurs.actif, true),
      ),
    )
    .limit(1);
  if (!row) return null;
  const { vuLe, ...u } = row;
  const habs = await habilitationsDe(db, [u.id]);
  return { acteur: { ...u, habilitations: habs.get(u.id) ?? [] }, vuLe };
}

export async function creerSession(
  db: Executor,
  id: string,
  utilisateurId: string,
  expireLe: Date,
  options: { secondFacteurEnAttente?: boolean } = {},
) {
  await db.insert(sessions).values({ id, utilisateurId, expireLe, ...options });
}

/** Slides the idle expiry, never past the session's absolute end. */
export async function prolongerSession(db: Executor, id: string, expireLe: Date, dureeAbsolueMs: number) {
  await db
    .update(sessions)
    .set({
      vuLe: sql`now()`,
      expireLe: sql`least(${expireLe.toISOString()}::timestamptz, ${sessions.creeLe} + make_interval(secs => ${dureeAbsolueMs / 1000}))`,
    })
    .where(eq(sessions.id, id));
}

export async function supprimerSession(db: Executor, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function supprimerSessionsDe(db: Executor, utilisateurId: string) {
  await db.delete(sessions).where(eq(sessions.utilisateurId, utilisateurId));
}

export async function noterConnexion(db: Executor, utilisateurId: string) {
  await db.update(utilisateurs).set({ derniereConnexionLe: sql`now()` }).where(eq(utilisateurs.id, utilisateurId));
}

export async function compterTentatives(db: Executor, cle: string, depuis: Date): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(tentativesConnexion)
    .where(and(eq(tentativesConnexion.cle, cle), gt(tentativesConnexion.le, depuis)));
  return r?.n ?? 0;
}

/**
 * Takes a transaction-scoped lock on each throttling key, in a fixed order (no deadlock between two requests sharing a
 * key), so that counting and recording an attempt on a key is one step for concurrent requests.
 */
export async function verrouillerCles(db: Executor, cles: string[]) {
  for (const cle of [...new Set(cles)].sort()) {
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`guichet:tentatives:${cle}`}))`);
  }
}

/** Records one attempt per key; returns the new rows' ids. */
export async function ajouterTentatives(db: Executor, cles: string[]): Promise<number[]> {
  const rows = await db
    .insert(tentativesConnexion)
    .values(cles.map((cle) => ({ cle })))
    .returning({ id: tentativesConnexion.id });
  return rows.map((r) => r.id);
}

export async function supprimerTentatives(db: Executor, ids: number[]) {
  if (ids.length > 0) await db.delete(tentativesConnexion).where(inArray(tentativesConnexion.id, ids));
}

export async function effacerTentatives(db: Executor, cle: string) {
  await db.delete(tentativesConnexion).where(eq(tentativesConnexion.cle, cle));
}

/** Stores a new one-time link's hash; the person's older links (reset or invitation) stop working. */
export async function creerJeton(
  db: Executor,
  j: { utilisateurId: string; empreinte: string; objet: 'reinitialisation' | 'invitation'; expireLe: Date },
) {
  // The person's row is locked so that two links issued at the same moment cannot both survive.
  await db.select({ id: utilisateurs.id }).from(utilisateurs).where(eq(utilisateurs.id, j.utilisateurId)).for('update');
  await supprimerJetonsDe(db, j.utilisateurId);
  await db.insert(jetons).values(j);
}

/** Voids the person's links not used yet. */
export async function supprimerJetonsDe(db: Executor, utilisateurId: string) {
  await db.delete(jetons).where(and(eq(jetons.utilisateurId, utilisateurId), isNull(jetons.utiliseLe)));
}

/** Takes a one-time token (marks it used) if it is valid; returns its owner. Atomic: a token works once. */
export async function consommerJeton(db: Executor, empreinte: string): Promise<string | null> {
  const [j] = await db
    .update(jetons)
    .set({ utiliseLe: sql`now()` })
    .where(
      and(
        eq(jetons.empreinte, empreinte),
        isNull(jetons.utiliseLe),
        gt(jetons.expireLe, sql`now()`),
        sql`exists (select 1 from ${utilisateurs} u where u.id = ${jetons.utilisateurId} and u.actif)`,
      ),
    )
    .returning({ utilisateurId: jetons.utilisateurId });
  return j?.utilisateurId ?? null;
}

export async function jetonValide(db: Executor, empreinte: string): Promise<boolean> {
  const [j] = await db
    .select({ id: jetons.id })
    .from(jetons)
    .innerJoin(utilisateurs, eq(utilisateurs.id, jetons.utilisateurId))
    .where(
      and(
        eq(jetons.empreinte, empreinte),
        isNull(jetons.utiliseLe),
        gt(jetons.expireLe, sql`now()`),
        eq(utilisateurs.actif, true),
      ),
    )
    .limit(1);
  return j !== undefined;
}

export async function definirMotDePasse(db: Executor, utilisateurId: string, motDePasse: string) {
  await db.update(utilisateurs).set({ motDePasse, modifieLe: sql`now()` }).where(eq(utilisateurs.id, utilisateurId));
}

// ---------- people as tenant data: every function takes the scope ----------

/** People visible in a scope: holding a role on a structure of the scope, or a département role overlapping it. */
function utilisateurDansPortee(portee: Portee): SQL {
  if (portee.national) return sql`true`;
  const deps = portee.departements;
  return sql`exists (
    select 1 from ${habilitations} h
    left join ${structures} s on s.id = h.structure_id
    where h.utilisateur_id = ${utilisateurs.id}
      and (${dansPortee(portee, sql`s.departement`, sql`s.id`)}
        ${deps.length > 0 ? sql`or h.departements && ${sql.raw(`'{${deps.map((d) => d.replace(/[^0-9AB]/g, '')).join(',')}}'`)}::varchar[]` : sql``})
  )`;
}

export interface FiltreUtilisateurs {
  recherche?: string;
  inclureInactifs?: boolean;
}

export async function listerUtilisateurs(db: Executor, portee: Portee, filtre: FiltreUtilisateurs = {}) {
  const conditions: SQL[] = [utilisateurDansPortee(portee)];
  if (!filtre.inclureInactifs) conditions.push(eq(utilisateurs.actif, true));
  if (filtre.recherche) {
    const motif = `%${filtre.recherche.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(ilike(utilisateurs.nom, motif), ilike(utilisateurs.prenom, motif), ilike(utilisateurs.courriel, motif)) as SQL,
    );
  }
  const rows = await db
    .select({
      id: utilisateurs.id,
      courriel: utilisateurs.courriel,
      prenom: utilisateurs.prenom,
      nom: utilisateurs.nom,
      actif: utilisateurs.actif,
      derniereConnexionLe: utilisateurs.derniereConnexionLe,
      invitationEnCours: sql<boolean>`${utilisateurs.motDePasse} is null`,
    })
    .from(utilisateurs)
    .where(and(...conditions))
    .orderBy(asc(utilisateurs.nom), asc(utilisateurs.prenom))
    .limit(500);
  const habs = await habilitationsDe(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, habilitations: habs.get(r.id) ?? [] }));
}

/** One person if visible in the scope, else null (the caller answers 404). */
export async function trouverUtilisateur(db: Executor, portee: Portee, id: string) {
  const [u] = await db
    .select({
      id: utilisateurs.id,
      courriel: utilisateurs.courriel,
      prenom: utilisateurs.prenom,
      nom: utilisateurs.nom,
      actif: utilisateurs.actif,
      derniereConnexionLe: utilisateurs.derniereConnexionLe,
      invitationEnCours: sql<boolean>`${utilisateurs.motDePasse} is null`,
    })
    .from(utilisateurs)
    .where(and(eq(utilisateurs.id, id), utilisateurDansPortee(portee)))
    .limit(1);
  if (!u) return null;
  const habs = await habilitationsDe(db, [id]);
  return { ...u, habilitations: habs.get(id) ?? [] };
}

export async function courrielPris(db: Executor, courriel: string, saufId?: string): Promise<boolean> {
  const [r] = await db
    .select({ id: utilisateurs.id })
    .from(utilisateurs)
    .where(
      and(
        eq(sql`lower(${utilisateurs.courriel})`, courriel.toLowerCase()),
        saufId ? sql`${utilisateurs.id} <> ${saufId}` : undefined,
      ),
    )
    .limit(1);
  return r !== undefined;
}

export async function insererUtilisateur(
  db: Executor,
  u: { courriel: string; prenom: string; nom: string; motDePasse?: string | null },
): Promise<string> {
  const [r] = await db.insert(utilisateurs).values(u).returning({ id: utilisateurs.id });
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

export async function modifierIdentite(
  db: Executor,
  portee: Portee,
  id: string,
  u: { courriel: string; prenom: string; nom: string },
) {
  await db
    .update(utilisateurs)
    .set({ ...u, modifieLe: sql`now()` })
    .where(and(eq(utilisateurs.id, id), utilisateurDansPortee(portee)));
}

export async function changerActivation(db: Executor, portee: Portee, id: string, actif: boolean) {
  await db
    .update(utilisateurs)
    .set({ actif, modifieLe: sql`now()` })
    .where(and(eq(utilisateurs.id, id), utilisateurDansPortee(portee)));
}

export interface NouvelleHabilitation {
  role: Role;
  structureId: string | null;
  partenaireId: string | null;
  departements: string[];
  siteIds: string[];
}

export async function insererHabilitation(db: Executor, utilisateurId: string, h: NouvelleHabilitation) {
  const [r] = await db
    .insert(habilitations)
    .values({
      utilisateurId,
      role: h.role,
      structureId: h.structureId,
      partenaireId: h.partenaireId,
      departements: h.departements,
    })
    .returning({ id: habilitations.id });
  if (!r) throw new Error('insert returned no row');
  if (h.siteIds.length > 0) {
    await db.insert(habilitationSites).values(h.siteIds.map((siteId) => ({ habilitationId: r.id, siteId })));
  }
  return r.id;
}

export async function supprimerHabilitation(
  db: Executor,
  portee: Portee,
  utilisateurId: string,
  habilitationId: string,
) {
  await db
    .delete(habilitations)
    .where(
      and(
        eq(habilitations.id, habilitationId),
        eq(habilitations.utilisateurId, utilisateurId),
        sql`${habilitations.utilisateurId} in (select ${utilisateurs.id} from ${utilisateurs} where ${utilisateurDansPortee(portee)})`,
      ),
    );
}

/** Partner organisations a référent may be attached to (national ones). */
export function partenairesNationaux(db: Executor) {
  return db
    .select({ id: partenaires.id, nom: partenaires.nom })
    .from(partenaires)
    .where(and(eq(partenaires.national, true), eq(partenaires.actif, true)))
    .orderBy(asc(partenaires.nom));
}

/** Sites of one structure, to restrict an agent's habilitation. */
export function sitesDeStructure(db: Executor, portee: Portee, structureId: string) {
  return db
    .select({ id: sites.id, nom: sites.nom })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(
      and(
        eq(sites.structureId, structureId),
        eq(sites.actif, true),
        dansPortee(portee, structures.departement, structures.id),
      ),
    )
    .orderBy(asc(sites.nom));
}

/** Replaces the sites of an agent's habilitation; the service has checked that the habilitation is in scope. */
export async function remplacerSitesHabilitation(db: Executor, habilitationId: string, siteIds: string[]) {
  await db.delete(habilitationSites).where(eq(habilitationSites.habilitationId, habilitationId));
  if (siteIds.length > 0)
    await db.insert(habilitationSites).values(siteIds.map((siteId) => ({ habilitationId, siteId })));
}
