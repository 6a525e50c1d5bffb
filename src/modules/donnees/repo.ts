import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires } from '../catalogue/tables.ts';
import { arrets, fermetures, sitePartenaires, sites, structures } from '../structures/tables.ts';

/**
 * Every active site of every active structure, with its stops: open data is national and public by nature,
 * so this is the one listing that takes no scope.
 */
export async function sitesPublics(db: Executor, filtre: { id?: string } = {}) {
  const lignes = await db
    .select({
      id: sites.id,
      idFs: sites.idFs,
      idFsProvisoire: sites.idFsProvisoire,
      nom: sites.nom,
      genre: sites.genre,
      adresse: sites.adresse,
      complementAdresse: sites.complementAdresse,
      codePostal: sites.codePostal,
      commune: sites.commune,
      codeInsee: sites.codeInsee,
      latitude: sites.latitude,
      longitude: sites.longitude,
      coordonneesApprochees: sites.coordonneesApprochees,
      telephone: sites.telephone,
      courriel: sites.courriel,
      horaires: sites.horaires,
      horairesSource: sites.horairesSource,
      fuseauHoraire: sites.fuseauHoraire,
      semaine53: sites.semaine53,
      accessibilite: sites.accessibilite,
      services: sites.services,
      dateLabellisation: sites.dateLabellisation,
      commentaire: sites.commentaire,
      agencePostale: sites.agencePostale,
      modifieLe: sites.modifieLe,
      structureId: structures.id,
      structureNom: structures.nom,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.actif, true), eq(structures.actif, true), filtre.id ? eq(sites.id, filtre.id) : undefined))
    .orderBy(asc(structures.departement), asc(sites.commune), asc(sites.nom));
  const ids = lignes.map((l) => l.id);
  const [lesArrets, lesPartenaires, lesFermetures] =
    ids.length === 0
      ? [[], [], []]
      : await Promise.all([
          db
            .select()
            .from(arrets)
            .where(and(inArray(arrets.siteId, ids), eq(arrets.actif, true)))
            .orderBy(asc(arrets.ordre)),
          db
            .select({ siteId: sitePartenaires.siteId, nom: partenaires.nomCourt })
            .from(sitePartenaires)
            .innerJoin(partenaires, eq(partenaires.id, sitePartenaires.partenaireId))
            .where(inArray(sitePartenaires.siteId, ids)),
          // Closures not over yet (a day of margin covers every time zone).
          db
            .select({
              siteId: fermetures.siteId,
              debut: fermetures.debut,
              fin: fermetures.fin,
              motif: fermetures.motif,
              annonceLe: fermetures.annonceLe,
            })
            .from(fermetures)
            .where(and(inArray(fermetures.siteId, ids), gte(fermetures.fin, sql`current_date - 1`)))
            .orderBy(asc(fermetures.debut)),
        ]);
  const arretsParSite = grouperPar(lesArrets, (a) => a.siteId);
  const partenairesParSite = grouperPar(lesPartenaires, (p) => p.siteId);
  const fermeturesParSite = grouperPar(lesFermetures, (f) => f.siteId);
  const sitesParStructure = grouperPar(lignes, (l) => l.structureId);
  return lignes.map((l) => ({
    ...l,
    arrets: arretsParSite.get(l.id) ?? [],
    partenaires: (partenairesParSite.get(l.id) ?? []).map((p) => p.nom),
    fermetures: (fermeturesParSite.get(l.id) ?? []).map(({ siteId: _, ...f }) => f),
    /** Sites of the same structure: the ANCT's `groupe` column links them. */
    nombreSitesStructure: sitesParStructure.get(l.structureId)?.length ?? 1,
  }));
}

/** Map.groupBy, which Node 20 lacks. */
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

/** One active site, as the public sees it, or null. */
export async function sitePublic(db: Executor, id: string): Promise<SitePublic | null> {
  const [site] = await sitesPublics(db, { id });
  return site ?? null;
}

export type SitePublic = Awaited<ReturnType<typeof sitesPublics>>[number];

/** Closures of one site overlapping the civil dates `du`..`au` (past ones included), by start date. */
export async function fermeturesEntre(db: Executor, siteId: string, du: string, au: string) {
  return db
    .select({ debut: fermetures.debut, fin: fermetures.fin, motif: fermetures.motif })
    .from(fermetures)
    .where(and(eq(fermetures.siteId, siteId), lte(fermetures.debut, au), gte(fermetures.fin, du)))
    .orderBy(asc(fermetures.debut));
}
