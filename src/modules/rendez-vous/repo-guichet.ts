// SQL of the desk (staff booking, agenda, appointment page) and of moves and cancellations. Reads for staff take a
// `Portee` (the request log's view, `porteeActivite`: an agent restricted to some sites sees those); the writes act on
// an appointment the service has just loaded within that scope, or through its citizen link, in the same transaction.

import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { sites, structures } from '../structures/tables.ts';
import { motifs, rendezVous, ressources } from './tables.ts';

/** A site of the network for its staff's appointment pages, within the scope; null otherwise. */
export async function siteDuGuichet(db: Executor, portee: Portee, siteId: string) {
  const [site] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      commune: sites.commune,
      fuseauHoraire: sites.fuseauHoraire,
      structureId: sites.structureId,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), dansPortee(portee, structures.departement, structures.id, sites.id)))
    .limit(1);
  return site ?? null;
}

/** The active motifs of a site within the scope (agents-only ones included), by name. */
export async function motifsDuGuichet(db: Executor, portee: Portee, siteId: string) {
  return db
    .select({
      id: motifs.id,
      nom: motifs.nom,
      duree: motifs.duree,
      canal: motifs.canal,
      reservableEnLigne: motifs.reservableEnLigne,
      fenetreJours: motifs.fenetreJours,
      instructions: motifs.instructions,
    })
    .from(motifs)
    .innerJoin(sites, eq(sites.id, motifs.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(
      and(
        eq(motifs.siteId, siteId),
        eq(motifs.actif, true),
        dansPortee(portee, structures.departement, structures.id, sites.id),
      ),
    )
    .orderBy(asc(motifs.nom));
}

export type MotifGuichet = Awaited<ReturnType<typeof motifsDuGuichet>>[number];

const colonnesRdv = {
  id: rendezVous.id,
  debut: rendezVous.debut,
  fin: rendezVous.fin,
  statut: rendezVous.statut,
  nom: rendezVous.nom,
  courriel: rendezVous.courriel,
  telephone: rendezVous.telephone,
  origine: rendezVous.origine,
  creeLe: rendezVous.creeLe,
  annuleLe: rendezVous.annuleLe,
  raisonAnnulation: rendezVous.raisonAnnulation,
  sequence: rendezVous.sequence,
  motifId: rendezVous.motifId,
  motifNom: motifs.nom,
  motifDuree: motifs.duree,
  canal: motifs.canal,
  ressource: ressources.libelle,
};

/** A site's appointments starting in [du, au), with their motif and who receives, within the scope. */
export async function rendezVousDuJour(db: Executor, portee: Portee, siteId: string, du: Date, au: Date) {
  return db
    .select(colonnesRdv)
    .from(rendezVous)
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .innerJoin(ressources, eq(ressources.id, rendezVous.ressourceId))
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(
      and(
        eq(rendezVous.siteId, siteId),
        gte(rendezVous.debut, du),
        sql`${rendezVous.debut} < ${au.toISOString()}::timestamptz`,
        dansPortee(portee, structures.departement, structures.id, sites.id),
      ),
    )
    .orderBy(asc(rendezVous.debut), asc(ressources.libelle))
    .limit(1000);
}

/** One appointment of a site, within the scope; null otherwise (another site's appointment is unknown here). */
export async function rendezVousDuGuichet(db: Executor, portee: Portee, siteId: string, rdvId: string) {
  const [r] = await db
    .select(colonnesRdv)
    .from(rendezVous)
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .innerJoin(ressources, eq(ressources.id, rendezVous.ressourceId))
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(
      and(
        eq(rendezVous.id, rdvId),
        eq(rendezVous.siteId, siteId),
        dansPortee(portee, structures.departement, structures.id, sites.id),
      ),
    )
    .limit(1);
  return r ?? null;
}

export type RendezVousGuichet = NonNullable<Awaited<ReturnType<typeof rendezVousDuGuichet>>>;

/** An appointment as a move needs it to find its new slot; locked (FOR UPDATE) unless `verrou` is false. */
export async function rendezVousADeplacer(db: Executor, rdvId: string, verrou = true) {
  const requete = db
    .select({
      id: rendezVous.id,
      siteId: rendezVous.siteId,
      motifId: rendezVous.motifId,
      ressourceId: rendezVous.ressourceId,
      statut: rendezVous.statut,
      debut: rendezVous.debut,
      fin: rendezVous.fin,
      courriel: rendezVous.courriel,
      telephone: rendezVous.telephone,
      sequence: rendezVous.sequence,
    })
    .from(rendezVous)
    .where(eq(rendezVous.id, rdvId))
    .limit(1);
  const [r] = verrou ? await requete.for('update') : await requete;
  return r ?? null;
}

/**
 * Moves a booked appointment in place (same row, same id, so its links and messages still point to it): new
 * resource, times and held range, one more revision. The exclusion constraint checks the new range against the other
 * appointments (SQLSTATE 23P01 when taken). Returns the new revision, or null when it was no longer booked.
 */
export async function deplacerEnPlace(
  db: Executor,
  rdvId: string,
  nouveau: { ressourceId: string; debut: Date; fin: Date; tamponApres: number },
): Promise<number | null> {
  const finOccupee = new Date(nouveau.fin.getTime() + nouveau.tamponApres * 60_000);
  const [ligne] = await db
    .update(rendezVous)
    .set({
      ressourceId: nouveau.ressourceId,
      debut: nouveau.debut,
      fin: nouveau.fin,
      tamponApres: nouveau.tamponApres,
      occupe: sql`tstzrange(${nouveau.debut.toISOString()}::timestamptz, ${finOccupee.toISOString()}::timestamptz, '[)')`,
      sequence: sql`${rendezVous.sequence} + 1`,
    })
    .where(and(eq(rendezVous.id, rdvId), eq(rendezVous.statut, 'reserve')))
    .returning({ sequence: rendezVous.sequence });
  return ligne?.sequence ?? null;
}

/** Cancels a booked appointment for the site, with its reason; false when it was no longer booked. */
export async function annulerPourLeSite(
  db: Executor,
  rdvId: string,
  raison: string,
  maintenant: Date,
): Promise<boolean> {
  const lignes = await db
    .update(rendezVous)
    .set({ statut: 'annule_site', annuleLe: maintenant, raisonAnnulation: raison })
    .where(and(eq(rendezVous.id, rdvId), eq(rendezVous.statut, 'reserve')))
    .returning({ id: rendezVous.id });
  return lignes.length > 0;
}
