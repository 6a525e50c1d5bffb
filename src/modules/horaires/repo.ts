import { and, asc, eq, gt, gte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { utilisateurs } from '../comptes/tables.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { arrets, fermetures, sites, structures } from '../structures/tables.ts';
import type { RegleSemaine53 } from './semaine53.ts';

const dansLaPortee = (portee: Portee) => dansPortee(portee, structures.departement, structures.id);

/** The condition "this site exists and its structure is in the scope", for writes on the site and its children. */
const siteDansPortee = (portee: Portee, siteId: string) =>
  sql`exists (select 1 from ${sites} inner join ${structures} on ${structures.id} = ${sites.structureId}
    where ${sites.id} = ${siteId} and ${dansLaPortee(portee)})`;

/** A site's hours and what decides who may edit them, if it is in the scope. */
export async function trouverSite(db: Executor, portee: Portee, id: string) {
  const [s] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      genre: sites.genre,
      actif: sites.actif,
      horaires: sites.horaires,
      fuseauHoraire: sites.fuseauHoraire,
      semaine53: sites.semaine53,
      structureId: structures.id,
      structureNom: structures.nom,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, id), dansLaPortee(portee)))
    .limit(1);
  return s ?? null;
}

/** The stops of an itinerant site in the scope, in tour order. */
export async function arretsDuSite(db: Executor, portee: Portee, siteId: string) {
  return db
    .select({
      id: arrets.id,
      nom: arrets.nom,
      commune: arrets.commune,
      codePostal: arrets.codePostal,
      horaires: arrets.horaires,
      semaines: arrets.semaines,
      actif: arrets.actif,
    })
    .from(arrets)
    .where(and(eq(arrets.siteId, siteId), siteDansPortee(portee, siteId)))
    .orderBy(asc(arrets.ordre), asc(arrets.nom));
}

/** Stores the hours (OSM text), the time zone and a tour's week 53 rule of a site in the scope. */
export async function enregistrerHoraires(
  db: Executor,
  portee: Portee,
  siteId: string,
  valeurs: { horaires?: string; fuseauHoraire: string; semaine53?: RegleSemaine53 },
) {
  await db
    .update(sites)
    .set({ ...valeurs, modifieLe: sql`now()` })
    .where(and(eq(sites.id, siteId), siteDansPortee(portee, siteId)));
}

/** Closures of a site in the scope ending on or after `depuis`, with the name of who announced them. */
export async function fermeturesDuSite(db: Executor, portee: Portee, siteId: string, depuis: string) {
  return db
    .select({
      id: fermetures.id,
      debut: fermetures.debut,
      fin: fermetures.fin,
      motif: fermetures.motif,
      motifUrgence: fermetures.motifUrgence,
      annonceLe: fermetures.annonceLe,
      annonceParPrenom: utilisateurs.prenom,
      annonceParNom: utilisateurs.nom,
    })
    .from(fermetures)
    .leftJoin(utilisateurs, eq(utilisateurs.id, fermetures.annoncePar))
    .where(and(eq(fermetures.siteId, siteId), gte(fermetures.fin, depuis), siteDansPortee(portee, siteId)))
    .orderBy(asc(fermetures.debut), asc(fermetures.fin));
}

export interface NouvelleFermeture {
  debut: string;
  fin: string;
  motif: string;
  motifUrgence: string | null;
  annonceLe: Date;
  annoncePar: string;
}

/** Records a closure of a site in the scope; returns its id, or null when the site is not in the scope. */
export async function insererFermeture(
  db: Executor,
  portee: Portee,
  siteId: string,
  f: NouvelleFermeture,
): Promise<string | null> {
  const r = await db.execute<{ id: string }>(sql`
    insert into ${fermetures} (site_id, debut, fin, motif, motif_urgence, annonce_le, annonce_par)
    select ${siteId}, ${f.debut}, ${f.fin}, ${f.motif}, ${f.motifUrgence}, ${f.annonceLe.toISOString()}, ${f.annoncePar}
    where ${siteDansPortee(portee, siteId)}
    returning id`);
  return r.rows[0]?.id ?? null;
}

/** One closure of a site in the scope. */
export async function trouverFermeture(db: Executor, portee: Portee, siteId: string, id: string) {
  const [f] = await db
    .select({ id: fermetures.id, debut: fermetures.debut, fin: fermetures.fin })
    .from(fermetures)
    .where(and(eq(fermetures.id, id), eq(fermetures.siteId, siteId), siteDansPortee(portee, siteId)))
    .limit(1);
  return f ?? null;
}

/** Deletes a closure of a site in the scope if it starts after `apres` (a past or current one is history). */
export async function supprimerFermeture(
  db: Executor,
  portee: Portee,
  siteId: string,
  id: string,
  apres: string,
): Promise<boolean> {
  const r = await db
    .delete(fermetures)
    .where(
      and(
        eq(fermetures.id, id),
        eq(fermetures.siteId, siteId),
        gt(fermetures.debut, apres),
        siteDansPortee(portee, siteId),
      ),
    )
    .returning({ id: fermetures.id });
  return r.length > 0;
}
