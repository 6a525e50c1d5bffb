// All SQL of contacts (issue 12). The answer clock reads a public site's calendar: what it returns (hours, stops,
// closures) is published anyway, so it takes no scope. The inbox's reads, later, will take a `Portee`.

import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { arrets, fermetures, sites, structures } from '../structures/tables.ts';

/**
 * An active site of an active structure with what the answer clock needs (zone, département, hours, a tour's active
 * stops, week-53 rule) and its closures overlapping the civil dates `du`..`au`; null when the site is not public.
 */
export async function calendrierPublic(db: Executor, siteId: string, du: string, au: string) {
  const [site] = await db
    .select({
      id: sites.id,
      genre: sites.genre,
      horaires: sites.horaires,
      fuseau: sites.fuseauHoraire,
      semaine53: sites.semaine53,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), eq(sites.actif, true), eq(structures.actif, true)))
    .limit(1);
  if (!site) return null;
  const lesArrets =
    site.genre === 'itinerant'
      ? await db
          .select({ horaires: arrets.horaires, semaines: arrets.semaines })
          .from(arrets)
          .where(and(eq(arrets.siteId, siteId), eq(arrets.actif, true)))
          .orderBy(asc(arrets.ordre))
      : [];
  const lesFermetures = await db
    .select({ debut: fermetures.debut, fin: fermetures.fin, motif: fermetures.motif })
    .from(fermetures)
    .where(and(eq(fermetures.siteId, siteId), lte(fermetures.debut, au), gte(fermetures.fin, du)));
  return { ...site, arrets: lesArrets, fermetures: lesFermetures };
}
