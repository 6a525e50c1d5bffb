import { and, asc, eq, gte, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { arrets, fermetures, sites, structures } from '../structures/tables.ts';

/** Active sites of active structures in the scope, optionally in one département. */
function sitesVisibles(portee: Portee, departement?: string): SQL {
  return and(
    eq(sites.actif, true),
    eq(structures.actif, true),
    dansPortee(portee, structures.departement, structures.id),
    departement ? eq(structures.departement, departement) : undefined,
  ) as SQL;
}

/**
 * What the compliance check needs of every site in the scope: hours, active stops, and closures starting on or after
 * `depuis`. Three queries whatever the number of sites (each scoped by the same condition), grouped in memory.
 */
export async function sitesPourConformite(
  db: Executor,
  portee: Portee,
  filtre: { departement?: string; depuis: string },
) {
  const visibles = sitesVisibles(portee, filtre.departement);
  const [lignes, lesArrets, lesFermetures] = await Promise.all([
    db
      .select({
        id: sites.id,
        nom: sites.nom,
        genre: sites.genre,
        commune: sites.commune,
        codePostal: sites.codePostal,
        horaires: sites.horaires,
        fuseauHoraire: sites.fuseauHoraire,
        semaine53: sites.semaine53,
        structureId: structures.id,
        structureNom: structures.nom,
        departement: structures.departement,
      })
      .from(sites)
      .innerJoin(structures, eq(structures.id, sites.structureId))
      // No ORDER BY: the service sorts by the column the user chose.
      .where(visibles),
    db
      .select({
        siteId: arrets.siteId,
        id: arrets.id,
        nom: arrets.nom,
        commune: arrets.commune,
        horaires: arrets.horaires,
        semaines: arrets.semaines,
      })
      .from(arrets)
      .innerJoin(sites, eq(sites.id, arrets.siteId))
      .innerJoin(structures, eq(structures.id, sites.structureId))
      .where(and(visibles, eq(arrets.actif, true))),
    db
      .select({ siteId: fermetures.siteId, debut: fermetures.debut, annonceLe: fermetures.annonceLe })
      .from(fermetures)
      .innerJoin(sites, eq(sites.id, fermetures.siteId))
      .innerJoin(structures, eq(structures.id, sites.structureId))
      .where(and(visibles, gte(fermetures.debut, filtre.depuis))),
  ]);
  const arretsParSite = grouperPar(lesArrets, (a) => a.siteId);
  const fermeturesParSite = grouperPar(lesFermetures, (f) => f.siteId);
  return lignes.map((l) => ({
    ...l,
    arrets: arretsParSite.get(l.id) ?? [],
    fermetures: fermeturesParSite.get(l.id) ?? [],
  }));
}

export type SitePourConformite = Awaited<ReturnType<typeof sitesPourConformite>>[number];

/** The départements holding at least one active site in the scope, for the filter's choices. */
export async function departementsDansPortee(db: Executor, portee: Portee): Promise<string[]> {
  const lignes = await db
    .selectDistinct({ departement: structures.departement })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(sitesVisibles(portee))
    .orderBy(asc(structures.departement));
  return lignes.map((l) => l.departement);
}

function grouperPar<T, K>(elements: readonly T[], cle: (e: T) => K): Map<K, T[]> {
  const groupes = new Map<K, T[]>();
  for (const e of elements) {
    const k = cle(e);
    const groupe = groupes.get(k);
    if (groupe) groupe.push(e);
    else groupes.set(k, [e]);
  }
  return groupes;
}
