import { and, asc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires } from '../catalogue/tables.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { sitePartenaires, sites, structures } from './tables.ts';
import type { SaisieSite, SaisieStructure } from './validation.ts';

const motif = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface Filtre {
  recherche?: string;
  inclureInactifs?: boolean;
  structureId?: string;
}

export async function listerStructures(db: Executor, portee: Portee, filtre: Filtre = {}) {
  const conditions: (SQL | undefined)[] = [dansPortee(portee, structures.departement, structures.id)];
  if (!filtre.inclureInactifs) conditions.push(eq(structures.actif, true));
  if (filtre.recherche) conditions.push(ilike(structures.nom, motif(filtre.recherche)));
  return db
    .select({
      id: structures.id,
      nom: structures.nom,
      departement: structures.departement,
      porteur: structures.porteur,
      actif: structures.actif,
      nombreSites: sql<number>`(select count(*)::int from ${sites} where ${sites.structureId} = ${structures.id} and ${sites.actif})`,
    })
    .from(structures)
    .where(and(...conditions))
    .orderBy(asc(structures.departement), asc(structures.nom))
    .limit(1000);
}

/** One structure if it is in the scope, else null. */
export async function trouverStructure(db: Executor, portee: Portee, id: string) {
  const [s] = await db
    .select()
    .from(structures)
    .where(and(eq(structures.id, id), dansPortee(portee, structures.departement, structures.id)))
    .limit(1);
  return s ?? null;
}

/** The département of some structures, whoever may see them: used by policies about a person's roles. */
export async function ciblesStructures(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: structures.id, departement: structures.departement, nom: structures.nom })
    .from(structures)
    .where(inArray(structures.id, ids));
}

export async function insererStructure(db: Executor, s: SaisieStructure): Promise<string> {
  const [r] = await db.insert(structures).values(s).returning({ id: structures.id });
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

export async function modifierStructure(db: Executor, portee: Portee, id: string, s: SaisieStructure) {
  await db
    .update(structures)
    .set({ ...s, modifieLe: sql`now()` })
    .where(and(eq(structures.id, id), dansPortee(portee, structures.departement, structures.id)));
}

export async function changerActivationStructure(db: Executor, portee: Portee, id: string, actif: boolean) {
  await db
    .update(structures)
    .set({ actif, modifieLe: sql`now()` })
    .where(and(eq(structures.id, id), dansPortee(portee, structures.departement, structures.id)));
}

const colonnesSite = {
  id: sites.id,
  structureId: sites.structureId,
  structureNom: structures.nom,
  departement: structures.departement,
  nom: sites.nom,
  genre: sites.genre,
  adresse: sites.adresse,
  complementAdresse: sites.complementAdresse,
  codePostal: sites.codePostal,
  commune: sites.commune,
  codeInsee: sites.codeInsee,
  telephone: sites.telephone,
  courriel: sites.courriel,
  agencePostale: sites.agencePostale,
  actif: sites.actif,
};

export async function listerSites(db: Executor, portee: Portee, filtre: Filtre = {}) {
  const conditions: (SQL | undefined)[] = [dansPortee(portee, structures.departement, structures.id)];
  if (!filtre.inclureInactifs) conditions.push(eq(sites.actif, true));
  if (filtre.structureId) conditions.push(eq(sites.structureId, filtre.structureId));
  if (filtre.recherche) {
    const m = motif(filtre.recherche);
    conditions.push(or(ilike(sites.nom, m), ilike(sites.commune, m), ilike(sites.codePostal, m)));
  }
  return db
    .select(colonnesSite)
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(...conditions))
    .orderBy(asc(structures.departement), asc(sites.commune), asc(sites.nom))
    .limit(1000);
}

/** What the site's page and edit form show, beyond the list's columns. */
const colonnesFiche = {
  ...colonnesSite,
  latitude: sites.latitude,
  longitude: sites.longitude,
  coordonneesApprochees: sites.coordonneesApprochees,
  horaires: sites.horaires,
  fuseauHoraire: sites.fuseauHoraire,
  accessibilite: sites.accessibilite,
  commentaire: sites.commentaire,
  services: sites.services,
  dateLabellisation: sites.dateLabellisation,
  idFs: sites.idFs,
  idFsProvisoire: sites.idFsProvisoire,
};

export async function trouverSite(db: Executor, portee: Portee, id: string) {
  const [s] = await db
    .select(colonnesFiche)
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, id), dansPortee(portee, structures.departement, structures.id)))
    .limit(1);
  return s ?? null;
}

/** Set by the service, not typed: the time zone of a new site, whether its position is only the commune's. */
export interface ValeursDeduites {
  fuseauHoraire?: string;
  coordonneesApprochees: boolean;
}

function valeursSite(s: SaisieSite, d: ValeursDeduites) {
  return {
    structureId: s.structureId,
    nom: s.nom,
    genre: s.genre,
    adresse: s.adresse,
    complementAdresse: s.complementAdresse ?? null,
    codePostal: s.codePostal,
    commune: s.commune,
    codeInsee: s.codeInsee ?? null,
    telephone: s.telephone ?? null,
    courriel: s.courriel ?? null,
    agencePostale: s.agencePostale,
    latitude: s.latitude ?? null,
    longitude: s.longitude ?? null,
    coordonneesApprochees: d.coordonneesApprochees,
    accessibilite: s.accessibilite ?? null,
    commentaire: s.commentaire ?? null,
    services: s.services,
    dateLabellisation: s.dateLabellisation ?? null,
    idFs: s.idFs ?? null,
    ...(d.fuseauHoraire ? { fuseauHoraire: d.fuseauHoraire } : {}),
  };
}

export async function insererSite(db: Executor, s: SaisieSite, d: ValeursDeduites): Promise<string> {
  const [r] = await db.insert(sites).values(valeursSite(s, d)).returning({ id: sites.id });
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

const siteDansPortee = (portee: Portee, id: string) =>
  and(
    eq(sites.id, id),
    sql`${sites.structureId} in (select ${structures.id} from ${structures} where ${dansPortee(portee, structures.departement, structures.id)})`,
  );

/** Updates a site only if its current structure is in the scope (the new structure is checked by the service). */
export async function modifierSite(db: Executor, portee: Portee, id: string, s: SaisieSite, d: ValeursDeduites) {
  await db
    .update(sites)
    .set({ ...valeursSite(s, d), modifieLe: sql`now()` })
    .where(siteDansPortee(portee, id));
}

/**
 * True when another site already holds this ANCT identifier. Deliberately not scoped: the identifier is unique in the
 * whole network (and public in the ANCT list), and only a yes/no comes back.
 */
export async function idFsPris(db: Executor, idFs: number, saufSite?: string): Promise<boolean> {
  const [r] = await db
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.idFs, idFs), saufSite ? ne(sites.id, saufSite) : undefined))
    .limit(1);
  return r !== undefined;
}

/** The active national partners with these codes (reference data, not tenant data). */
export async function partenairesNationaux(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .select({ id: partenaires.id, code: partenaires.code })
    .from(partenaires)
    .where(and(eq(partenaires.national, true), eq(partenaires.actif, true), inArray(partenaires.code, [...codes])));
}

/**
 * Sets which national partners are present at a site, if the site is in the scope; local partners of the structure
 * are left as they are.
 */
export async function remplacerPartenairesNationaux(db: Executor, portee: Portee, siteId: string, ids: string[]) {
  await db
    .delete(sitePartenaires)
    .where(
      and(
        sql`${sitePartenaires.siteId} in (select ${sites.id} from ${sites} where ${siteDansPortee(portee, siteId)})`,
        sql`${sitePartenaires.partenaireId} in (select ${partenaires.id} from ${partenaires} where ${partenaires.national})`,
      ),
    );
  if (ids.length === 0) return;
  await db
    .insert(sitePartenaires)
    .select(
      db
        .select({ siteId: sites.id, partenaireId: partenaires.id })
        .from(sites)
        .innerJoin(partenaires, inArray(partenaires.id, ids))
        .where(siteDansPortee(portee, siteId)),
    );
}

/** Partners present at a site in the scope, national first, by name. */
export async function partenairesDuSite(db: Executor, portee: Portee, siteId: string) {
  return db
    .select({ code: partenaires.code, nom: partenaires.nom, national: partenaires.national })
    .from(sitePartenaires)
    .innerJoin(partenaires, eq(partenaires.id, sitePartenaires.partenaireId))
    .innerJoin(sites, eq(sites.id, sitePartenaires.siteId))
    .where(siteDansPortee(portee, siteId))
    .orderBy(sql`${partenaires.national} desc`, asc(partenaires.nom));
}

export async function changerActivationSite(db: Executor, portee: Portee, id: string, actif: boolean) {
  await db.update(sites).set({ actif, modifieLe: sql`now()` }).where(siteDansPortee(portee, id));
}

export async function compterDansPortee(db: Executor, portee: Portee) {
  const [r] = await db
    .select({
      structures: sql<number>`count(distinct ${structures.id})::int`,
      sites: sql<number>`count(${sites.id})::int`,
    })
    .from(structures)
    .leftJoin(sites, and(eq(sites.structureId, structures.id), eq(sites.actif, true)))
    .where(and(eq(structures.actif, true), dansPortee(portee, structures.departement, structures.id)));
  return r ?? { structures: 0, sites: 0 };
}
