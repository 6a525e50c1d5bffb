// SQL of the appointments to take up again (issue 11, point 6): a site's future booked appointments and what decides
// whether they still lie in its opening hours. Every function takes the scope (`Portee`) and puts it in its WHERE.

import { and, asc, eq, gt, gte, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { arrets, fermetures, sites, structures } from '../structures/tables.ts';
import { motifs, rendezVous } from './tables.ts';

/** At most this many appointments are checked and listed for one site (the nearest first). */
export const REPRISE_MAX = 500;

const enPortee = (portee: Portee) => dansPortee(portee, structures.departement, structures.id, sites.id);

/** A site in the scope with its hours, zone and tour rules, and what decides who may act on it; null otherwise. */
export async function siteAReprendre(db: Executor, portee: Portee, siteId: string) {
  const [s] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      genre: sites.genre,
      horaires: sites.horaires,
      fuseau: sites.fuseauHoraire,
      semaine53: sites.semaine53,
      structureId: structures.id,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), enPortee(portee)))
    .limit(1);
  return s ?? null;
}

/** The active stops of a site in the scope, in tour order. */
export async function arretsActifs(db: Executor, portee: Portee, siteId: string) {
  return db
    .select({ id: arrets.id, horaires: arrets.horaires, semaines: arrets.semaines })
    .from(arrets)
    .innerJoin(sites, eq(sites.id, arrets.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(arrets.siteId, siteId), eq(arrets.actif, true), enPortee(portee)))
    .orderBy(asc(arrets.ordre));
}

/** Closures of a site in the scope meeting the civil dates `du`..`au`. */
export async function fermeturesEntre(db: Executor, portee: Portee, siteId: string, du: string, au: string) {
  return db
    .select({ debut: fermetures.debut, fin: fermetures.fin, motif: fermetures.motif })
    .from(fermetures)
    .innerJoin(sites, eq(sites.id, fermetures.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(fermetures.siteId, siteId), lte(fermetures.debut, au), gte(fermetures.fin, du), enPortee(portee)));
}

/** Booked appointments of a site in the scope starting after `depuis` and before `jusqua`, nearest first. */
export async function rendezVousReserves(db: Executor, portee: Portee, siteId: string, depuis: Date, jusqua: Date) {
  return db
    .select({
      id: rendezVous.id,
      debut: rendezVous.debut,
      fin: rendezVous.fin,
      nom: rendezVous.nom,
      courriel: rendezVous.courriel,
      telephone: rendezVous.telephone,
      motifNom: motifs.nom,
    })
    .from(rendezVous)
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .where(
      and(
        eq(rendezVous.siteId, siteId),
        eq(rendezVous.statut, 'reserve'),
        gt(rendezVous.debut, depuis),
        sql`${rendezVous.debut} < ${jusqua.toISOString()}::timestamptz`,
        enPortee(portee),
      ),
    )
    .orderBy(asc(rendezVous.debut))
    .limit(REPRISE_MAX);
}

/** The id of an appointment of a site in the scope, or null (another site's appointment is unknown here). */
export async function rendezVousDuSite(db: Executor, portee: Portee, siteId: string, rdvId: string) {
  const [r] = await db
    .select({ id: rendezVous.id })
    .from(rendezVous)
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(rendezVous.id, rdvId), eq(rendezVous.siteId, siteId), enPortee(portee)))
    .limit(1);
  return r ?? null;
}
