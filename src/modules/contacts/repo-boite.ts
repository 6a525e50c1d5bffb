// SQL of a site's inbox (issue 12, point 4): its requests, their threads, who may be assigned, and the changes agents
// make. Every function takes the actor's scope and puts it in its WHERE clause, on the request's own site, structure
// and département columns (copied on receipt): a request outside the scope, or of another site, is not found. The
// person's thread page (citizen link) reads through `demandePourLien` and `filPublic`, found by the link's subject.

import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { habilitationSites, habilitations, utilisateurs } from '../comptes/tables.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { sites, structures } from '../structures/tables.ts';
import { demandesContact, messagesContact } from './tables.ts';

export type StatutDemande = (typeof demandesContact.statut.enumValues)[number];
export type IssueDemande = NonNullable<typeof demandesContact.$inferSelect.issue>;
export type SensMessage = (typeof messagesContact.sens.enumValues)[number];

const demandeDansPortee = (p: Portee) =>
  dansPortee(p, demandesContact.departement, demandesContact.structureId, demandesContact.siteId);

/** The most rows the inbox lists at once (the oldest due first). */
export const LIGNES_MAX = 500;

/** A site within the scope with what its inbox needs (its clock's calendar, its own address); null otherwise. */
export async function siteDeLaBoite(db: Executor, p: Portee, siteId: string) {
  const [s] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      idFs: sites.idFs,
      structureId: sites.structureId,
      departement: structures.departement,
      fuseau: sites.fuseauHoraire,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), dansPortee(p, structures.departement, sites.structureId, sites.id)))
    .limit(1);
  return s ?? null;
}

export type SiteDeLaBoite = NonNullable<Awaited<ReturnType<typeof siteDeLaBoite>>>;

const colonnesDemande = {
  id: demandesContact.id,
  siteId: demandesContact.siteId,
  canal: demandesContact.canal,
  nom: demandesContact.nom,
  courriel: demandesContact.courriel,
  telephone: demandesContact.telephone,
  objet: demandesContact.objet,
  recuLe: demandesContact.recuLe,
  echeance: demandesContact.echeance,
  statut: demandesContact.statut,
  assigneA: demandesContact.assigneA,
  premiereReponseLe: demandesContact.premiereReponseLe,
  closeLe: demandesContact.closeLe,
  issue: demandesContact.issue,
  anonymiseLe: demandesContact.anonymiseLe,
  agentPrenom: utilisateurs.prenom,
  agentNom: utilisateurs.nom,
};

/**
 * The site's requests for a filter: open ones (all, the actor's, unassigned) unanswered first, by due instant; closed
 * ones by closure, latest first. At most `LIGNES_MAX`.
 */
export async function demandesDuSite(
  db: Executor,
  p: Portee,
  siteId: string,
  filtre: 'ouvertes' | 'moi' | 'non-assignees' | 'closes',
  acteurId: string,
) {
  const conditions: SQL[] = [eq(demandesContact.siteId, siteId), demandeDansPortee(p)];
  if (filtre === 'closes') conditions.push(eq(demandesContact.statut, 'close'));
  else conditions.push(ne(demandesContact.statut, 'close'));
  if (filtre === 'moi') conditions.push(eq(demandesContact.assigneA, acteurId));
  if (filtre === 'non-assignees') conditions.push(isNull(demandesContact.assigneA));
  const ordre =
    filtre === 'closes'
      ? [desc(demandesContact.closeLe), asc(demandesContact.id)]
      : [
          sql`${demandesContact.premiereReponseLe} is not null`,
          sql`${demandesContact.echeance} asc nulls last`,
          asc(demandesContact.recuLe),
          asc(demandesContact.id),
        ];
  return db
    .select(colonnesDemande)
    .from(demandesContact)
    .leftJoin(utilisateurs, eq(utilisateurs.id, demandesContact.assigneA))
    .where(and(...conditions))
    .orderBy(...ordre)
    .limit(LIGNES_MAX);
}

export type LigneDemande = Awaited<ReturnType<typeof demandesDuSite>>[number];

/** How many requests of the site are open (not closed), within the scope. */
export async function compterOuvertes(db: Executor, p: Portee, siteId: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(demandesContact)
    .where(and(eq(demandesContact.siteId, siteId), ne(demandesContact.statut, 'close'), demandeDansPortee(p)));
  return r?.n ?? 0;
}

/** One request of the site within the scope (locked when `verrou`, for a change); null otherwise. */
export async function demandeDuSite(
  db: Executor,
  p: Portee,
  siteId: string,
  demandeId: string,
  verrou = false,
): Promise<LigneDemande | null> {
  const requete = db
    .select(colonnesDemande)
    .from(demandesContact)
    .leftJoin(utilisateurs, eq(utilisateurs.id, demandesContact.assigneA))
    .where(and(eq(demandesContact.id, demandeId), eq(demandesContact.siteId, siteId), demandeDansPortee(p)))
    .limit(1);
  const [d] = verrou ? await requete.for('update', { of: demandesContact }) : await requete;
  return d ?? null;
}

/** The thread of a request within the scope, oldest first, with the author of each reply and note. */
export async function filDe(db: Executor, p: Portee, demandeId: string) {
  return db
    .select({
      id: messagesContact.id,
      sens: messagesContact.sens,
      corps: messagesContact.corps,
      messageId: messagesContact.messageId,
      piecesIgnorees: messagesContact.piecesIgnorees,
      creeLe: messagesContact.creeLe,
      auteurPrenom: utilisateurs.prenom,
      auteurNom: utilisateurs.nom,
    })
    .from(messagesContact)
    .innerJoin(demandesContact, eq(demandesContact.id, messagesContact.demandeId))
    .leftJoin(utilisateurs, eq(utilisateurs.id, messagesContact.auteurId))
    .where(and(eq(messagesContact.demandeId, demandeId), demandeDansPortee(p)))
    .orderBy(asc(messagesContact.creeLe), asc(messagesContact.id))
    .limit(1000);
}

/** The people who may be assigned a site's requests: active agents of its structure working there, and its managers. */
export async function agentsDuSite(db: Executor, p: Portee, site: { id: string; structureId: string }) {
  const lignes = await db
    .selectDistinct({ id: utilisateurs.id, prenom: utilisateurs.prenom, nom: utilisateurs.nom })
    .from(habilitations)
    .innerJoin(utilisateurs, eq(utilisateurs.id, habilitations.utilisateurId))
    .innerJoin(structures, eq(structures.id, habilitations.structureId))
    .where(
      and(
        eq(habilitations.structureId, site.structureId),
        eq(utilisateurs.actif, true),
        inArray(habilitations.role, ['agent', 'gestionnaire']),
        or(
          eq(habilitations.role, 'gestionnaire'),
          sql`not exists (select 1 from ${habilitationSites} where ${habilitationSites.habilitationId} = ${habilitations.id})`,
          sql`exists (select 1 from ${habilitationSites} where ${habilitationSites.habilitationId} = ${habilitations.id} and ${habilitationSites.siteId} = ${site.id})`,
        ),
        dansPortee(p, structures.departement, structures.id, sql`${site.id}::uuid`),
      ),
    )
    .orderBy(asc(utilisateurs.nom), asc(utilisateurs.prenom), asc(utilisateurs.id))
    .limit(500);
  return lignes;
}

/** Sets (or clears) the agent in charge of an open request of the site within the scope; false when none changed. */
export async function assigner(
  tx: Executor,
  p: Portee,
  siteId: string,
  demandeId: string,
  agentId: string | null,
): Promise<boolean> {
  const r = await tx
    .update(demandesContact)
    .set({ assigneA: agentId })
    .where(
      and(
        eq(demandesContact.id, demandeId),
        eq(demandesContact.siteId, siteId),
        ne(demandesContact.statut, 'close'),
        demandeDansPortee(p),
      ),
    )
    .returning({ id: demandesContact.id });
  return r.length > 0;
}

/** Appends an agent's reply or note to a request within the scope; false when the request is not in it. */
export async function ajouterMessageAgent(
  tx: Executor,
  p: Portee,
  m: { id: string; demandeId: string; sens: 'reponse' | 'note'; auteurId: string; corps: string; messageId?: string },
  maintenant: Date,
): Promise<boolean> {
  const [d] = await tx
    .select({ id: demandesContact.id })
    .from(demandesContact)
    .where(and(eq(demandesContact.id, m.demandeId), demandeDansPortee(p)))
    .limit(1);
  if (!d) return false;
  await tx.insert(messagesContact).values({ ...m, creeLe: maintenant });
  return true;
}

/** A reply sent: the request becomes `repondue`, and its first answer time is set once (never moved later). */
export async function marquerRepondue(tx: Executor, p: Portee, demandeId: string, maintenant: Date) {
  await tx
    .update(demandesContact)
    .set({
      statut: 'repondue',
      premiereReponseLe: sql`coalesce(${demandesContact.premiereReponseLe}, greatest(${maintenant.toISOString()}::timestamptz, ${demandesContact.recuLe}))`,
    })
    .where(and(eq(demandesContact.id, demandeId), ne(demandesContact.statut, 'close'), demandeDansPortee(p)));
}

/** Closes an open request of the site with its outcome; false when it was not open (or not in the scope). */
export async function clore(
  tx: Executor,
  p: Portee,
  siteId: string,
  demandeId: string,
  issue: IssueDemande,
  maintenant: Date,
): Promise<boolean> {
  const r = await tx
    .update(demandesContact)
    .set({ statut: 'close', closeLe: maintenant, issue })
    .where(
      and(
        eq(demandesContact.id, demandeId),
        eq(demandesContact.siteId, siteId),
        ne(demandesContact.statut, 'close'),
        demandeDansPortee(p),
      ),
    )
    .returning({ id: demandesContact.id });
  return r.length > 0;
}

/** Reopens a closed request of the site (not anonymised): answered ones go back to `repondue`, others to `en_cours`. */
export async function rouvrir(tx: Executor, p: Portee, siteId: string, demandeId: string): Promise<boolean> {
  const r = await tx
    .update(demandesContact)
    .set({
      statut: sql`case when ${demandesContact.premiereReponseLe} is null then 'en_cours' else 'repondue' end::statut_contact`,
      closeLe: null,
      issue: null,
    })
    .where(
      and(
        eq(demandesContact.id, demandeId),
        eq(demandesContact.siteId, siteId),
        eq(demandesContact.statut, 'close'),
        isNull(demandesContact.anonymiseLe),
        demandeDansPortee(p),
      ),
    )
    .returning({ id: demandesContact.id });
  return r.length > 0;
}

/**
 * A request as the person's thread page shows it, found by the subject of their citizen link (no agent's scope: the
 * link's unguessable token is the person's authority); null when it no longer exists.
 */
export async function demandePourLien(db: Executor, demandeId: string) {
  const [d] = await db
    .select({
      id: demandesContact.id,
      statut: demandesContact.statut,
      objet: demandesContact.objet,
      recuLe: demandesContact.recuLe,
      anonymiseLe: demandesContact.anonymiseLe,
      siteNom: sites.nom,
      fuseau: sites.fuseauHoraire,
    })
    .from(demandesContact)
    .innerJoin(sites, eq(sites.id, demandesContact.siteId))
    .where(eq(demandesContact.id, demandeId))
    .limit(1);
  return d ?? null;
}

/** The person's side of a thread (their messages and the site's replies; never the internal notes), oldest first. */
export async function filPublic(db: Executor, demandeId: string) {
  return db
    .select({
      id: messagesContact.id,
      sens: messagesContact.sens,
      corps: messagesContact.corps,
      creeLe: messagesContact.creeLe,
    })
    .from(messagesContact)
    .where(
      and(
        eq(messagesContact.demandeId, demandeId),
        inArray(messagesContact.sens, ['entrant', 'reponse']),
        isNotNull(messagesContact.corps),
      ),
    )
    .orderBy(asc(messagesContact.creeLe), asc(messagesContact.id))
    .limit(1000);
}
