import { type AnyColumn, and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Portee } from './types.ts';

type Colonne = AnyColumn | SQL;

/**
 * The WHERE condition that limits rows to a scope, given the columns holding the département and the structure id
 * (and the site id, for a scope that lists single sites, like the request log's `porteeActivite`).
 * Every repo query on tenant data goes through here, so scoping is written once.
 */
export function dansPortee(portee: Portee, departement: Colonne, structureId: Colonne, siteId?: Colonne): SQL {
  if (portee.national) return sql`true`;
  const conditions: SQL[] = [];
  if (portee.departements.length > 0) conditions.push(inArray(departement as AnyColumn, portee.departements));
  if (portee.structures.length > 0) conditions.push(inArray(structureId as AnyColumn, portee.structures));
  if (siteId && portee.sites.length > 0) conditions.push(inArray(siteId as AnyColumn, portee.sites));
  return conditions.length === 0 ? sql`false` : (or(...conditions) as SQL);
}

/**
 * The WHERE condition on a partner's cases (escalations to référents): the national administration sees all, a référent
 * their partner's in their départements, anyone else nothing.
 */
export function dansPorteePartenaire(portee: Portee, partenaireId: Colonne, departement: Colonne): SQL {
  if (portee.national) return sql`true`;
  const conditions = portee.partenaires
    .filter((p) => p.departements.length > 0)
    .map(
      (p) =>
        and(eq(partenaireId as AnyColumn, p.partenaireId), inArray(departement as AnyColumn, p.departements)) as SQL,
    );
  return conditions.length === 0 ? sql`false` : (or(...conditions) as SQL);
}
