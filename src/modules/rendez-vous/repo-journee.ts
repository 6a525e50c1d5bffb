// All SQL of a site's day board (issue 11, point 8): visits at the counter (`passages`) and the day's appointments.
// Every function takes the actor's scope and puts it in its WHERE clause; a site outside it returns nothing.

import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { utilisateurs } from '../comptes/tables.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { sites, structures } from '../structures/tables.ts';
import { motifs, passages, rendezVous, type statutPassageEnum, type statutRdvEnum } from './tables.ts';

export type StatutPassage = (typeof statutPassageEnum.enumValues)[number];
export type StatutRdv = (typeof statutRdvEnum.enumValues)[number];

const siteDansPortee = (p: Portee) => dansPortee(p, structures.departement, sites.structureId, sites.id);

/** The ids of the sites in the scope, as a sub-query for updates. */
const sitesVisibles = (db: Executor, p: Portee) =>
  db
    .select({ id: sites.id })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(siteDansPortee(p));

/** An active site of an active structure within the scope, with its zone; null otherwise. */
export async function siteDuGuichet(db: Executor, p: Portee, siteId: string) {
  const [s] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      fuseau: sites.fuseauHoraire,
      structureId: sites.structureId,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), eq(sites.actif, true), eq(structures.actif, true), siteDansPortee(p)))
    .limit(1);
  return s ?? null;
}

export type SiteDuGuichet = NonNullable<Awaited<ReturnType<typeof siteDuGuichet>>>;

/** The active sites of some active structures within the scope, by name (at most `limite`). */
export async function sitesDesStructures(db: Executor, p: Portee, structureIds: string[], limite: number) {
  if (structureIds.length === 0) return [];
  return db
    .select({ id: sites.id, nom: sites.nom, structureId: sites.structureId })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(
      and(
        inArray(sites.structureId, structureIds),
        eq(sites.actif, true),
        eq(structures.actif, true),
        siteDansPortee(p),
      ),
    )
    .orderBy(asc(sites.nom))
    .limit(limite);
}

/** The site's appointments starting in [du, au), cancelled ones left out, each with its visit if checked in. */
export async function rendezVousDuJour(db: Executor, p: Portee, siteId: string, du: Date, au: Date) {
  return db
    .select({
      id: rendezVous.id,
      debut: rendezVous.debut,
      fin: rendezVous.fin,
      statut: rendezVous.statut,
      nom: rendezVous.nom,
      motifNom: motifs.nom,
      canal: motifs.canal,
      passageId: passages.id,
    })
    .from(rendezVous)
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .leftJoin(passages, eq(passages.rendezVousId, rendezVous.id))
    .where(
      and(
        eq(rendezVous.siteId, siteId),
        gte(rendezVous.debut, du),
        sql`${rendezVous.debut} < ${au.toISOString()}::timestamptz`,
        inArray(rendezVous.statut, ['reserve', 'arrive', 'vu', 'absent']),
        siteDansPortee(p),
      ),
    )
    .orderBy(asc(rendezVous.debut), asc(rendezVous.id))
    .limit(500);
}

/** The site's visits of one civil day, in order of arrival, with their appointment and who served them. */
export async function passagesDuJour(db: Executor, p: Portee, siteId: string, jour: string) {
  return db
    .select({
      id: passages.id,
      numero: passages.numero,
      libelle: passages.libelle,
      statut: passages.statut,
      arriveLe: passages.arriveLe,
      prisEnChargeLe: passages.prisEnChargeLe,
      termineLe: passages.termineLe,
      rendezVousId: passages.rendezVousId,
      rdvDebut: rendezVous.debut,
      rdvNom: rendezVous.nom,
      motifNom: motifs.nom,
      agentPrenom: utilisateurs.prenom,
      agentNom: utilisateurs.nom,
    })
    .from(passages)
    .innerJoin(sites, eq(sites.id, passages.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .leftJoin(rendezVous, eq(rendezVous.id, passages.rendezVousId))
    .leftJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .leftJoin(utilisateurs, eq(utilisateurs.id, passages.prisEnChargePar))
    .where(and(eq(passages.siteId, siteId), eq(passages.jour, jour), siteDansPortee(p)))
    .orderBy(asc(passages.arriveLe), asc(passages.numero))
    .limit(2000);
}

export type LignePassage = Awaited<ReturnType<typeof passagesDuJour>>[number];

/**
 * Records an arrival with the next ticket number of the site and day. Numbers are allocated under a transaction-level
 * advisory lock on (site, day), so concurrent arrivals queue for a few microseconds and each reads the previous
 * one's number; the unique constraint `passages_ticket` is the guarantee. Must run inside a transaction. Null when
 * the site is outside the scope.
 */
export async function creerPassage(
  tx: Executor,
  p: Portee,
  v: { siteId: string; jour: string; libelle?: string; rendezVousId?: string; arriveLe: Date },
): Promise<{ id: string; numero: number } | null> {
  if (!(await siteDuGuichet(tx, p, v.siteId))) return null;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`passages:${v.siteId}:${v.jour}`}, 0))`);
  const [dernier] = await tx
    .select({ n: sql<number>`coalesce(max(${passages.numero}), 0)::int` })
    .from(passages)
    .where(and(eq(passages.siteId, v.siteId), eq(passages.jour, v.jour)));
  const [ligne] = await tx
    .insert(passages)
    .values({ ...v, numero: (dernier?.n ?? 0) + 1 })
    .returning({ id: passages.id, numero: passages.numero });
  return ligne ?? null;
}

/** A visit of the site within the scope, locked for update, with its appointment's motif; null otherwise. */
export async function passagePourMaj(tx: Executor, p: Portee, siteId: string, id: string) {
  const [r] = await tx
    .select({
      id: passages.id,
      statut: passages.statut,
      jour: passages.jour,
      numero: passages.numero,
      arriveLe: passages.arriveLe,
      rendezVousId: passages.rendezVousId,
      canal: motifs.canal,
      partenaireId: motifs.partenaireId,
      situationId: motifs.situationId,
    })
    .from(passages)
    .innerJoin(sites, eq(sites.id, passages.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .leftJoin(rendezVous, eq(rendezVous.id, passages.rendezVousId))
    .leftJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .where(and(eq(passages.id, id), eq(passages.siteId, siteId), siteDansPortee(p)))
    .limit(1)
    .for('update', { of: passages });
  return r ?? null;
}

/** Moves a visit of a site in the scope from one status to the next; false when it was no longer in `depuis`. */
export async function changerPassage(
  tx: Executor,
  p: Portee,
  id: string,
  depuis: StatutPassage,
  valeurs: { statut: StatutPassage; prisEnChargeLe?: Date; prisEnChargePar?: string; termineLe?: Date },
): Promise<boolean> {
  const lignes = await tx
    .update(passages)
    .set(valeurs)
    .where(and(eq(passages.id, id), eq(passages.statut, depuis), inArray(passages.siteId, sitesVisibles(tx, p))))
    .returning({ id: passages.id });
  return lignes.length > 0;
}

/** An appointment of the site within the scope, locked for update, with its motif; null otherwise. */
export async function rendezVousDuSitePourMaj(tx: Executor, p: Portee, siteId: string, id: string) {
  const [r] = await tx
    .select({
      id: rendezVous.id,
      statut: rendezVous.statut,
      debut: rendezVous.debut,
      nom: rendezVous.nom,
      canal: motifs.canal,
      partenaireId: motifs.partenaireId,
    })
    .from(rendezVous)
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(rendezVous.id, id), eq(rendezVous.siteId, siteId), siteDansPortee(p)))
    .limit(1)
    .for('update', { of: rendezVous });
  return r ?? null;
}

/** Moves an appointment of a site in the scope to a status of the day (arrived, seen, no-show). */
export async function changerStatutRendezVous(
  tx: Executor,
  p: Portee,
  id: string,
  depuis: StatutRdv[],
  statut: 'arrive' | 'vu' | 'absent',
): Promise<boolean> {
  const lignes = await tx
    .update(rendezVous)
    .set({ statut })
    .where(
      and(eq(rendezVous.id, id), inArray(rendezVous.statut, depuis), inArray(rendezVous.siteId, sitesVisibles(tx, p))),
    )
    .returning({ id: rendezVous.id });
  return lignes.length > 0;
}
