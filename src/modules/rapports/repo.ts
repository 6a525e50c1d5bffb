import { inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { sollicitations } from '../sollicitations/tables.ts';
import { arrets, sites, structures } from '../structures/tables.ts';
import { decouper, type Periode } from './periode.ts';
import { statsDepartementJour, statsDepartementMois, statsSiteMois } from './tables.ts';

/** Sites (and their structures) the actor may see of the request log. */
const lieuxDansPortee = (portee: Portee) => dansPortee(portee, structures.departement, structures.id, sites.id);

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
 * The dimensions counted from the rows, as SQL expressions over `s` (sollicitations) and `si` (its site). They must
 * say exactly what `stats_dimensions()` says (migration 0004); the exactness tests compare both paths.
 */
const DIMENSIONS_LIGNES: Array<[string, string]> = [
  ['canal', 's.canal::text'],
  ['theme', 's.theme_id::text'],
  ['situation', 's.situation_id::text'],
  ['niveau', 's.niveau::text'],
  ['issue', 's.issue::text'],
  ['duree', 's.duree::text'],
  ['site', 's.site_id::text'],
  ['arret', 's.arret_id::text'],
  ['tranche_age', 's.tranche_age::text'],
  ['non_recours', "case when s.non_recours then '' end"],
  ['difficulte_numerique', "case when s.difficulte_numerique then '' end"],
  ['premiere_visite', "case when s.premiere_visite then '' end"],
  [
    'creneau',
    "extract(isodow from s.jour)::text || '-' || lpad(extract(hour from s.survenue_le at time zone si.fuseau_horaire)::text, 2, '0')",
  ],
];

/** The WHERE condition on `s` (sollicitations) of a structure, a site, or a partner's requests in some départements. */
function conditionLignes(filtre: Filtre | FiltrePartenaire): SQL {
  if ('structureId' in filtre) return sql`s.structure_id = ${filtre.structureId}`;
  if ('siteId' in filtre) return sql`s.site_id = ${filtre.siteId}`;
  const partenaire = sql`s.partenaires @> array[${filtre.partenaireId}]::uuid[]`;
  if (!filtre.departements) return partenaire;
  const departements = sql.join(
    filtre.departements.map((d) => sql`${d}`),
    sql`, `,
  );
  return sql`${partenaire} and s.departement in (${departements})`;
}

/**
 * Counts by dimension straight from the requests of a structure or a site, in one pass (GROUPING SETS) plus one for
 * the partners: a structure's few thousand rows a quarter are counted faster than its counters would be summed.
 */
export async function compterDepuisLesSollicitations(
  db: Executor,
  filtre: Filtre | FiltrePartenaire,
  plages: Array<Periode & { p: number }>,
): Promise<Compte[]> {
  if (plages.length === 0) return [];
  if ('partenaireId' in filtre && filtre.departements?.length === 0) return [];
  const condition = conditionLignes(filtre);
  const valeursPeriodes = sql.join(
    plages.map((x) => sql`(${x.p}::int, ${x.du}::date, ${x.au}::date)`),
    sql`, `,
  );
  const colonnes = sql.raw(DIMENSIONS_LIGNES.map(([, expression], i) => `${expression} as d${i}`).join(', '));
  const ensembles = sql.raw(['(p)', ...DIMENSIONS_LIGNES.map((_, i) => `(p, d${i})`)].join(', '));
  const quelle = sql.raw(`grouping(${DIMENSIONS_LIGNES.map((_, i) => `d${i}`).join(', ')})`);
  const [groupes, partenaires] = await Promise.all([
    db.execute<Record<string, string | number | null>>(sql`
      with l as (
        select p.i as p, ${colonnes}
        from (values ${valeursPeriodes}) as p(i, du, au)
        join ${sollicitations} s on ${condition} and s.jour between p.du and p.au
        join ${sites} si on si.id = s.site_id
      )
      select p, ${quelle} as g, ${sql.raw(DIMENSIONS_LIGNES.map((_, i) => `d${i}`).join(', '))}, count(*) as n
      from l group by grouping sets (${ensembles})`),
    db.execute<{ p: number; valeur: string; n: string }>(sql`
      select p.i as p, x::text as valeur, count(*) as n
      from (values ${valeursPeriodes}) as p(i, du, au)
      join ${sollicitations} s on ${condition} and s.jour between p.du and p.au
      cross join unnest(s.partenaires) as x
      group by 1, 2`),
  ]);
  const tous = (1 << DIMENSIONS_LIGNES.length) - 1;
  const comptes: Compte[] = [];
  for (const r of groupes.rows) {
    const g = Number(r.g);
    const n = Number(r.n);
    if (g === tous) {
      comptes.push({ p: Number(r.p), dimension: 'total', valeur: '', n });
      continue;
    }
    // grouping() sets a bit per column left out, the first column being the highest bit.
    const i = DIMENSIONS_LIGNES.findIndex((_, k) => (g & (1 << (DIMENSIONS_LIGNES.length - 1 - k))) === 0);
    const valeur = r[`d${i}`];
    const dimension = DIMENSIONS_LIGNES[i]?.[0];
    if (dimension && valeur !== null && valeur !== undefined)
      comptes.push({ p: Number(r.p), dimension, valeur: String(valeur), n });
  }
  for (const r of partenaires.rows)
    comptes.push({ p: Number(r.p), dimension: 'partenaire', valeur: r.valeur, n: Number(r.n) });
  return comptes;
}

export type Filtre = { structureId: string } | { siteId: string };
/** A partner's requests (its id in `partenaires`) in some départements (all when null): a référent's report. */
export type FiltrePartenaire = { partenaireId: string; departements: string[] | null };

/**
 * Counts by dimension for a structure or a site: whole months from the site-month counters the trigger keeps, the
 * loose days at the ends counted from the requests themselves.
 */
export async function compterLieux(db: Executor, filtre: Filtre, periodes: Periode[]): Promise<Compte[]> {
  const mois: Array<{ p: number; mois: string }> = [];
  const jours: Array<Periode & { p: number }> = [];
  periodes.forEach((periode, p) => {
    const d = decouper(periode);
    for (const m of d.mois) mois.push({ p, mois: m });
    for (const j of d.jours) jours.push({ ...j, p });
  });
  const condition =
    'structureId' in filtre ? sql`c.structure_id = ${filtre.structureId}` : sql`c.site_id = ${filtre.siteId}`;
  const [parMois, parJours] = await Promise.all([
    mois.length === 0
      ? Promise.resolve({ rows: [] as Array<{ p: number; dimension: string; valeur: string; n: string }> })
      : db.execute<{ p: number; dimension: string; valeur: string; n: string }>(sql`
          select m.p, c.dimension, c.valeur, sum(c.n) as n
          from (values ${sql.join(
            mois.map((x) => sql`(${x.p}::int, ${x.mois}::date)`),
            sql`, `,
          )}) as m(p, mois)
          join ${statsSiteMois} c on c.mois = m.mois and ${condition}
          group by 1, 2, 3 having sum(c.n) <> 0`),
    compterDepuisLesSollicitations(db, filtre, jours),
  ]);
  return [
    ...parMois.rows.map((x) => ({ p: Number(x.p), dimension: x.dimension, valeur: x.valeur, n: Number(x.n) })),
    ...parJours,
  ];
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
export async function trouverStructure(db: Executor, portee: Portee, id: string) {
  const [s] = await db
    .selectDistinct({ id: structures.id, nom: structures.nom, departement: structures.departement })
    .from(structures)
    .innerJoin(sites, sql`${sites.structureId} = ${structures.id}`)
    .where(sql`${structures.id} = ${id} and ${lieuxDansPortee(portee)}`);
  return s ?? null;
}

/** A site in the scope. */
export async function trouverSite(db: Executor, portee: Portee, id: string) {
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
    .where(sql`${sites.id} = ${id} and ${lieuxDansPortee(portee)}`);
  return s ?? null;
}

/** Structures and sites in the scope of someone working at the structure level (not used for national scopes). */
export async function lieuxProposes(db: Executor, portee: Portee) {
  return db
    .select({ siteId: sites.id, siteNom: sites.nom, structureId: structures.id, structureNom: structures.nom })
    .from(sites)
    .innerJoin(structures, sql`${structures.id} = ${sites.structureId}`)
    .where(sql`${sites.actif} and ${lieuxDansPortee(portee)}`)
    .orderBy(structures.nom, sites.nom)
    .limit(200);
}
