import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { Portee } from '../comptes/index.ts';
import { dansPortee } from './portee.ts';
import { sites, structures } from './tables.ts';
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

export async function trouverSite(db: Executor, portee: Portee, id: string) {
  const [s] = await db
    .select(colonnesSite)
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, id), dansPortee(portee, structures.departement, structures.id)))
    .limit(1);
  return s ?? null;
}

function valeursSite(s: SaisieSite) {
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
  };
}

export async function insererSite(db: Executor, s: SaisieSite): Promise<string> {
  const [r] = await db.insert(sites).values(valeursSite(s)).returning({ id: sites.id });
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

/** Updates a site only if its current structure is in the scope (the new structure is checked by the service). */
export async function modifierSite(db: Executor, portee: Portee, id: string, s: SaisieSite) {
  await db
    .update(sites)
    .set({ ...valeursSite(s), modifieLe: sql`now()` })
    .where(
      and(
        eq(sites.id, id),
        sql`${sites.structureId} in (select ${structures.id} from ${structures} where ${dansPortee(portee, structures.departement, structures.id)})`,
      ),
    );
}

export async function changerActivationSite(db: Executor, portee: Portee, id: string, actif: boolean) {
  await db
    .update(sites)
    .set({ actif, modifieLe: sql`now()` })
    .where(
      and(
        eq(sites.id, id),
        sql`${sites.structureId} in (select ${structures.id} from ${structures} where ${dansPortee(portee, structures.departement, structures.id)})`,
      ),
    );
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
