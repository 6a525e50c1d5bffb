import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires } from '../catalogue/tables.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { arrets, sitePartenaires, sites, structures } from '../structures/tables.ts';

type Porteur = typeof structures.$inferInsert.porteur;

/** The fields of a site that an import sets (activation, post office and services stay as people edited them). */
export type ValeursSiteImporte = Pick<
  typeof sites.$inferInsert,
  | 'structureId'
  | 'nom'
  | 'genre'
  | 'adresse'
  | 'complementAdresse'
  | 'codePostal'
  | 'commune'
  | 'codeInsee'
  | 'telephone'
  | 'courriel'
  | 'latitude'
  | 'longitude'
  | 'coordonneesApprochees'
  | 'horaires'
  | 'horairesSource'
  | 'fuseauHoraire'
  | 'dateLabellisation'
  | 'idFs'
  | 'idFsProvisoire'
  | 'commentaire'
> & { services?: string[] };

export type ValeursArret = Omit<typeof arrets.$inferInsert, 'id' | 'siteId' | 'actif'>;

/**
 * Serialises imports until the end of the current transaction: two imports of the same list at once then see each
 * other's committed rows instead of both inserting the same id_fs.
 */
export async function verrouillerImports(db: Executor) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('guichet:imports'))`);
}

const dansLaPortee = (portee: Portee) => dansPortee(portee, structures.departement, structures.id);

/** The active national partners (reference data, not tenant data). */
export async function partenairesNationaux(db: Executor): Promise<string[]> {
  const lignes = await db
    .select({ id: partenaires.id })
    .from(partenaires)
    .where(and(eq(partenaires.national, true), eq(partenaires.actif, true)))
    .orderBy(asc(partenaires.code));
  return lignes.map((l) => l.id);
}

const siteConnu = {
  id: sites.id,
  structureId: sites.structureId,
  idFs: sites.idFs,
  idFsProvisoire: sites.idFsProvisoire,
  nom: sites.nom,
  codeInsee: sites.codeInsee,
};

/** The site with this ANCT identifier, with its structure, if it is in the scope. */
export async function siteParIdFs(db: Executor, portee: Portee, idFs: number) {
  const [s] = await db
    .select(siteConnu)
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.idFs, idFs), dansLaPortee(portee)))
    .limit(1);
  return s ?? null;
}

/** The site of the scope still known by this provisional identifier (`temp_12`). */
export async function siteParIdFsProvisoire(db: Executor, portee: Portee, idFsProvisoire: string) {
  const [s] = await db
    .select(siteConnu)
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.idFsProvisoire, idFsProvisoire), dansLaPortee(portee)))
    .limit(1);
  return s ?? null;
}

/** The sites of the scope in a commune, oldest first (a few at most: France services are one or two per commune). */
export async function sitesDeLaCommune(db: Executor, portee: Portee, codeInsee: string) {
  return db
    .select(siteConnu)
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.codeInsee, codeInsee), dansLaPortee(portee)))
    .orderBy(asc(sites.creeLe));
}

export async function insererStructureImportee(
  db: Executor,
  s: { nom: string; departement: string; porteur: Porteur },
): Promise<string> {
  const [r] = await db.insert(structures).values(s).returning({ id: structures.id });
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

/** Renames a structure and sets its département; the porteur only changes when the import knows it. */
export async function modifierStructureImportee(
  db: Executor,
  portee: Portee,
  id: string,
  s: { nom: string; departement: string; porteur?: Porteur },
) {
  await db
    .update(structures)
    .set({ ...s, modifieLe: sql`now()` })
    .where(and(eq(structures.id, id), dansLaPortee(portee)));
}

export async function insererSiteImporte(db: Executor, valeurs: ValeursSiteImporte): Promise<string> {
  const [r] = await db.insert(sites).values(valeurs).returning({ id: sites.id });
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

/** Updates a site whose current structure is in the scope (the new structure was checked by the service). */
export async function modifierSiteImporte(db: Executor, portee: Portee, id: string, valeurs: ValeursSiteImporte) {
  await db
    .update(sites)
    .set({ ...valeurs, modifieLe: sql`now()` })
    .where(
      and(
        eq(sites.id, id),
        sql`${sites.structureId} in (select ${structures.id} from ${structures} where ${dansLaPortee(portee)})`,
      ),
    );
}

/** Adds the partners to a site; those already present stay as they are. */
export async function ajouterPartenaires(db: Executor, siteId: string, partenaireIds: string[]) {
  if (partenaireIds.length === 0) return;
  await db
    .insert(sitePartenaires)
    .values(partenaireIds.map((partenaireId) => ({ siteId, partenaireId })))
    .onConflictDoNothing();
}

/** A structure of the scope by its exact name in a département (the oldest when several share it). */
export async function structureParNom(db: Executor, portee: Portee, nom: string, departement: string) {
  const [s] = await db
    .select({ id: structures.id })
    .from(structures)
    .where(and(eq(structures.nom, nom), eq(structures.departement, departement), dansLaPortee(portee)))
    .orderBy(asc(structures.creeLe))
    .limit(1);
  return s ?? null;
}

/** An itinerant site of the scope by its exact name in a département. */
export async function siteItinerantParNom(db: Executor, portee: Portee, nom: string, departement: string) {
  const [s] = await db
    .select({ id: sites.id, structureId: sites.structureId })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(
      and(
        eq(sites.nom, nom),
        eq(sites.genre, 'itinerant'),
        eq(structures.departement, departement),
        dansLaPortee(portee),
      ),
    )
    .orderBy(asc(sites.creeLe))
    .limit(1);
  return s ?? null;
}

/** Replaces every stop of a site of the scope by the given ones. */
export async function remplacerArrets(db: Executor, portee: Portee, siteId: string, nouveaux: ValeursArret[]) {
  const visible = await db
    .select({ id: sites.id })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), dansLaPortee(portee)))
    .limit(1);
  if (visible.length === 0) throw new Error('site outside the scope');
  await db.delete(arrets).where(eq(arrets.siteId, siteId));
  if (nouveaux.length > 0) await db.insert(arrets).values(nouveaux.map((a) => ({ ...a, siteId })));
}
