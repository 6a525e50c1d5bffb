// The calendars of several sites at once (issue 12, points 4 and 5): what the answer clock needs of each (zone,
// département, hours, a tour's active stops, week-53 rule, closures over some days), for the alert sweep and the
// reports, which hold requests of those sites already. Published facts about places: no person, no scope needed.

import { and, asc, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { arrets, fermetures, sites, structures } from '../structures/tables.ts';

/** One site's calendar as stored: its hours or its stops, and its closures overlapping `du`..`au`. */
export interface CalendrierStocke {
  id: string;
  genre: (typeof sites.$inferSelect)['genre'];
  horaires: string | null;
  fuseau: string;
  semaine53: (typeof sites.$inferSelect)['semaine53'];
  departement: string;
  arrets: Array<{ horaires: string; semaines: (typeof arrets.$inferSelect)['semaines'] }>;
  fermetures: Array<{ debut: string; fin: string; motif: string }>;
}

/**
 * The calendars of these sites (active or not: a request outlives its site's activity) with their closures overlapping
 * the civil dates `du`..`au`.
 */
export async function calendriersDesSites(
  db: Executor,
  siteIds: string[],
  du: string,
  au: string,
): Promise<CalendrierStocke[]> {
  if (siteIds.length === 0) return [];
  const lesSites = await db
    .select({
      id: sites.id,
      genre: sites.genre,
      horaires: sites.horaires,
      fuseau: sites.fuseauHoraire,
      semaine53: sites.semaine53,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, sql`${structures.id} = ${sites.structureId}`)
    .where(inArray(sites.id, siteIds));
  const lesArrets = await db
    .select({ siteId: arrets.siteId, horaires: arrets.horaires, semaines: arrets.semaines })
    .from(arrets)
    .where(and(inArray(arrets.siteId, siteIds), sql`${arrets.actif}`))
    .orderBy(asc(arrets.siteId), asc(arrets.ordre));
  const lesFermetures = await db
    .select({ siteId: fermetures.siteId, debut: fermetures.debut, fin: fermetures.fin, motif: fermetures.motif })
    .from(fermetures)
    .where(and(inArray(fermetures.siteId, siteIds), lte(fermetures.debut, au), gte(fermetures.fin, du)));
  const parSite = new Map<string, CalendrierStocke>(lesSites.map((s) => [s.id, { ...s, arrets: [], fermetures: [] }]));
  for (const { siteId, ...a } of lesArrets) parSite.get(siteId)?.arrets.push(a);
  for (const { siteId, ...f } of lesFermetures) parSite.get(siteId)?.fermetures.push(f);
  return [...parSite.values()];
}
