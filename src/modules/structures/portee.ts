import { type AnyColumn, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Portee } from '../comptes/index.ts';

/**
 * The WHERE condition that limits rows to a scope, given the columns holding the département and the structure id
 * (and the site id, for a scope that also lists single sites, like the request log's `porteeActivite`).
 * Every repo query on tenant data goes through here, so scoping is written once.
 */
export function dansPortee(
  portee: Portee & { sites?: string[] },
  departement: AnyColumn | SQL,
  structureId: AnyColumn | SQL,
  siteId?: AnyColumn | SQL,
): SQL {
  if (portee.national) return sql`true`;
  const conditions: SQL[] = [];
  if (portee.departements.length > 0) conditions.push(inArray(departement as AnyColumn, portee.departements));
  if (portee.structures.length > 0) conditions.push(inArray(structureId as AnyColumn, portee.structures));
  if (siteId && portee.sites && portee.sites.length > 0) conditions.push(inArray(siteId as AnyColumn, portee.sites));
  return conditions.length === 0 ? sql`false` : (or(...conditions) as SQL);
}
