import { inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPorteeActivite, type PorteeActivite } from '../sollicitations/index.ts';
import { sollicitations } from '../sollicitations/tables.ts';
import { arrets, sites, structures } from '../structures/tables.ts';
import { decouper, type Periode } from './periode.ts';
import { statsDepartementJour, statsDepartementMois } from './tables.ts';

export interface Compte {
  /** Index of the period in the list asked for. */
  p: number;
  dimension: string;
  valeur: string;
  n: number;
}

/**
 * Counts by dimension for départements (all of them when `departements` is null), from the counters the trigger keeps:
 * whole months from the monthly table, the loose days at the ends from the daily one.
 */
export async function compterParDepartements(
  db: Executor,
  departements: string[] | null,
  periodes: Periode[],
): Promise<Compte[]> {
  const parties: SQL[] = [];
  periodes.forEach((periode, p) => {
    const { mois, jours } = decouper(periode);
    if (mois.length > 0) {
      parties.push(sql`select ${p}::int as p, departement, dimension, valeur, n from ${statsDepartementMois}
        where mois in (${sql.join(
          mois.map((m) => sql`${m}::date`),
          sql`, `,
        )})${departements ? sql` and ${inArray(statsDepartementMois.departement, departements)}` : sql``}`);
    }
    for (const j of jours) {
      parties.push(sql`select ${p}::int as p, departement, dimension, valeur, n from ${statsDepartementJour}
        where jour between ${j.du}::date and ${j.au}::date${departements ? sql` and ${inArray(statsDepartementJour.departement, departements)}` : sql``}`);
    }
  });
  if (parties.length === 0 || (departements && departements.length === 0)) return [];
  // Per-département totals come along as the dimension "departement" (the "by place" table of a national report).
  const r = await db.execute<{ p: number; dimension: string; valeur: string; n: string }>(sql`
    with c as (${sql.join(parties, sql` union all `)})
    select p, dimension, valeur, sum(n) as n from c group by p, dimension, valeur having sum(n) <> 0
    union all
    select p, 'departement', departement, sum(n) from c where dimension = 'total' group by p, departement having sum(n) <> 0`);
  return r.rows.map((x) => ({ p: Number(x.p), dimension: x.dimension, valeur: x.valeur, n: Number(x.n) }));
}

/**
 * Counts by dimension straight from the requests of a structure or a site, with the same dimension definitions as the
 * counters (`stats_dimensions`): a structure's few thousand rows a quarter are counted faster than looked up.
 */
export async function compterDepuisLesSollicitations(
  db: Executor,
  filtre: { structureId: string } | { siteId: string },
  periodes: Periode[],
): Promise<Compte[]> {
  const condition =
    'structureId' in filtre ? sql`s.structure_id = ${filtre.structureId}` : sql`s.site_id = ${filtre.siteId}`;
  const r = await db.execute<{ p: number; dimension: string; valeur: string; n: string }>(sql`
    select p.i as p, d.dimension, d.valeur, count(*) as n
    from (values ${sql.join(
      periodes.map((x, i) => sql`(${i}::int, ${x.du}::date, ${x.au}::date)`),
      sql`, `,
    )}) as p(i, du, au)
    join ${sollicitations} s on ${condition} and s.jour between p.du and p.au
    cross join lateral stats_dimensions(s) d
    group by 1, 2, 3`);
  return r.rows.map((x) => ({ p: Number(x.p), dimension: x.dimension, valeur: x.valeur, n: Number(x.n) }));
}

/** Names of sites and stops by id (for the "by place" table). */
export async function nomsDesLieux(db: Executor, siteIds: string[], arretIds: string[]) {
  const [s, a] = await Promise.all([
    siteIds.length
      ? db.select({ id: sites.id, nom: sites.nom }).from(sites).where(inArray(sites.id, siteIds))
      : Promise.resolve([]),
    arretIds.length
      ? db
          .select({ id: arrets.id, nom: arrets.nom, siteId: arrets.siteId })
          .from(arrets)
          .where(inArray(arrets.id, arretIds))
      : Promise.resolve([]),
  ]);
  return { sites: new Map(s.map((x) => [x.id, x.nom])), arrets: new Map(a.map((x) => [x.id, x])) };
}

/** A structure in the scope (any of its sites in the scope makes it visible to that site's agent). */
export async function trouverStructure(db: Executor, portee: PorteeActivite, id: string) {
  const [s] = await db
    .selectDistinct({ id: structures.id, nom: structures.nom, departement: structures.departement })
    .from(structures)
    .innerJoin(sites, sql`${sites.structureId} = ${structures.id}`)
    .where(
      sql`${structures.id} = ${id} and ${dansPorteeActivite(portee, { departement: structures.departement, structureId: structures.id, siteId: sites.id })}`,
    );
  return s ?? null;
}

/** A site in the scope. */
export async function trouverSite(db: Executor, portee: PorteeActivite, id: string) {
  const [s] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      structureId: sites.structureId,
      departement: structures.departement,
      fuseau: sites.fuseauHoraire,
    })
    .from(sites)
    .innerJoin(structures, sql`${structures.id} = ${sites.structureId}`)
    .where(
      sql`${sites.id} = ${id} and ${dansPorteeActivite(portee, { departement: structures.departement, structureId: structures.id, siteId: sites.id })}`,
    );
  return s ?? null;
}

/** Structures and sites in the scope of someone working at the structure level (not used for national scopes). */
export async function lieuxProposes(db: Executor, portee: PorteeActivite) {
  return db
    .select({ siteId: sites.id, siteNom: sites.nom, structureId: structures.id, structureNom: structures.nom })
    .from(sites)
    .innerJoin(structures, sql`${structures.id} = ${sites.structureId}`)
    .where(
      sql`${sites.actif} and ${dansPorteeActivite(portee, { departement: structures.departement, structureId: structures.id, siteId: sites.id })}`,
    )
    .orderBy(structures.nom, sites.nom)
    .limit(200);
}
