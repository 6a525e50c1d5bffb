// All SQL of appointments. Public reads (a public site's online motifs and what slot computation needs of it) take
// no scope: they are what a citizen sees anyway and never return people. Staff reads take a `Portee`.

import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { arrets, fermetures, sites, structures } from '../structures/tables.ts';
import { absences, motifRessources, motifs, rendezVous, ressources } from './tables.ts';

/** Statuses that hold their resource (the exclusion constraint's WHERE clause). */
export const STATUTS_ACTIFS = ['reserve', 'arrive', 'vu'] as const;

/** An active site of an active structure, with what slot computation needs; null when not public. */
export async function siteAccueilPublic(db: Executor, siteId: string) {
  const [site] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      genre: sites.genre,
      adresse: sites.adresse,
      codePostal: sites.codePostal,
      commune: sites.commune,
      horaires: sites.horaires,
      fuseau: sites.fuseauHoraire,
      semaine53: sites.semaine53,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), eq(sites.actif, true), eq(structures.actif, true)))
    .limit(1);
  if (!site) return null;
  const lesArrets =
    site.genre === 'itinerant'
      ? await db
          .select({ id: arrets.id, horaires: arrets.horaires, semaines: arrets.semaines })
          .from(arrets)
          .where(and(eq(arrets.siteId, siteId), eq(arrets.actif, true)))
          .orderBy(asc(arrets.ordre))
      : [];
  return { ...site, arrets: lesArrets };
}

/** Closures of a public site overlapping the civil dates `du`..`au`. */
export async function fermeturesDuSite(db: Executor, siteId: string, du: string, au: string) {
  return db
    .select({ debut: fermetures.debut, fin: fermetures.fin, motif: fermetures.motif })
    .from(fermetures)
    .where(and(eq(fermetures.siteId, siteId), lte(fermetures.debut, au), gte(fermetures.fin, du)));
}

const colonnesMotif = {
  id: motifs.id,
  siteId: motifs.siteId,
  nom: motifs.nom,
  duree: motifs.duree,
  tamponApres: motifs.tamponApres,
  pas: motifs.pas,
  canal: motifs.canal,
  partenaireId: motifs.partenaireId,
  reservableEnLigne: motifs.reservableEnLigne,
  fenetreJours: motifs.fenetreJours,
  delaiMinimal: motifs.delaiMinimal,
  maxParPersonneJour: motifs.maxParPersonneJour,
  instructions: motifs.instructions,
  lienVisio: motifs.lienVisio,
};

/** Active online-bookable motifs of a site (the caller has checked the site is public), by name. */
export async function motifsEnLigne(db: Executor, siteId: string) {
  return db
    .select(colonnesMotif)
    .from(motifs)
    .where(and(eq(motifs.siteId, siteId), eq(motifs.actif, true), eq(motifs.reservableEnLigne, true)))
    .orderBy(asc(motifs.nom));
}

export type LigneMotif = Awaited<ReturnType<typeof motifsEnLigne>>[number];

/** An active motif of a site, or null (any other site's motif is unknown here). */
export async function motifActif(db: Executor, siteId: string, motifId: string): Promise<LigneMotif | null> {
  const [m] = await db
    .select(colonnesMotif)
    .from(motifs)
    .where(and(eq(motifs.id, motifId), eq(motifs.siteId, siteId), eq(motifs.actif, true)))
    .limit(1);
  return m ?? null;
}

/** The active resources of the site that receive a motif, in the motif's order, each with its absences. */
export async function ressourcesDuMotif(db: Executor, siteId: string, motifId: string) {
  const lignes = await db
    .select({
      id: ressources.id,
      type: ressources.type,
      libelle: ressources.libelle,
      partenaireId: ressources.partenaireId,
      regles: ressources.regles,
    })
    .from(motifRessources)
    .innerJoin(ressources, eq(ressources.id, motifRessources.ressourceId))
    .where(and(eq(motifRessources.motifId, motifId), eq(ressources.siteId, siteId), eq(ressources.actif, true)))
    .orderBy(asc(motifRessources.ordre), asc(ressources.libelle));
  if (lignes.length === 0) return [];
  const lesAbsences = await db
    .select({ ressourceId: absences.ressourceId, debut: absences.debut, fin: absences.fin })
    .from(absences)
    .where(
      inArray(
        absences.ressourceId,
        lignes.map((l) => l.id),
      ),
    );
  return lignes.map((l) => ({ ...l, absences: lesAbsences.filter((a) => a.ressourceId === l.id) }));
}

/** Live appointments of these resources whose held range meets [du, au). */
export async function occupations(db: Executor, ressourceIds: string[], du: Date, au: Date) {
  if (ressourceIds.length === 0) return [];
  return db
    .select({
      ressourceId: rendezVous.ressourceId,
      debut: rendezVous.debut,
      fin: rendezVous.fin,
      tamponApres: rendezVous.tamponApres,
    })
    .from(rendezVous)
    .where(
      and(
        inArray(rendezVous.ressourceId, ressourceIds),
        inArray(rendezVous.statut, [...STATUTS_ACTIFS]),
        sql`${rendezVous.occupe} && tstzrange(${du.toISOString()}::timestamptz, ${au.toISOString()}::timestamptz)`,
      ),
    );
}

/**
 * Live appointments of one motif for one person (same email or same phone) starting in [du, au): the bound "at most
 * N per person and day".
 */
export async function compterPourPersonne(
  db: Executor,
  motifId: string,
  personne: { courriel?: string; telephone?: string },
  du: Date,
  au: Date,
): Promise<number> {
  const qui = [
    ...(personne.courriel ? [eq(rendezVous.courriel, personne.courriel)] : []),
    ...(personne.telephone ? [eq(rendezVous.telephone, personne.telephone)] : []),
  ];
  if (qui.length === 0) return 0;
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rendezVous)
    .where(
      and(
        eq(rendezVous.motifId, motifId),
        inArray(rendezVous.statut, [...STATUTS_ACTIFS]),
        gte(rendezVous.debut, du),
        sql`${rendezVous.debut} < ${au.toISOString()}::timestamptz`,
        sql`(${sql.join(qui, sql` or `)})`,
      ),
    );
  return r?.n ?? 0;
}

export interface NouveauRendezVous {
  siteId: string;
  motifId: string;
  ressourceId: string;
  debut: Date;
  fin: Date;
  tamponApres: number;
  nom: string;
  courriel?: string;
  telephone?: string;
  consentementLe?: Date;
  origine: 'en_ligne' | 'guichet';
  creePar?: string;
  /** The mandate and citizen of a booking made in a person's name (issue 14). */
  mandatId?: string;
  citoyenId?: string;
}

/** Inserts an appointment holding `[debut, fin + buffer)`; the exclusion constraint may refuse it (SQLSTATE 23P01). */
export async function insererRendezVous(db: Executor, r: NouveauRendezVous): Promise<string> {
  const finOccupee = new Date(r.fin.getTime() + r.tamponApres * 60_000);
  const [ligne] = await db
    .insert(rendezVous)
    .values({
      ...r,
      occupe: sql`tstzrange(${r.debut.toISOString()}::timestamptz, ${finOccupee.toISOString()}::timestamptz, '[)')`,
    })
    .returning({ id: rendezVous.id });
  if (!ligne) throw new Error('appointment not stored');
  return ligne.id;
}

/** The site of an active motif (the public API books by motif), or null. */
export async function siteDuMotif(db: Executor, motifId: string): Promise<string | null> {
  const [m] = await db
    .select({ siteId: motifs.siteId })
    .from(motifs)
    .where(and(eq(motifs.id, motifId), eq(motifs.actif, true)))
    .limit(1);
  return m?.siteId ?? null;
}

/** An appointment with its site and motif names; locked for update (cancellation) unless `verrou` is false. */
export async function rendezVousPourMaj(db: Executor, id: string, verrou = true) {
  const requete = db
    .select({
      id: rendezVous.id,
      statut: rendezVous.statut,
      debut: rendezVous.debut,
      fin: rendezVous.fin,
      sequence: rendezVous.sequence,
      courriel: rendezVous.courriel,
      telephone: rendezVous.telephone,
      siteNom: sites.nom,
      fuseau: sites.fuseauHoraire,
      adresse: sites.adresse,
      codePostal: sites.codePostal,
      commune: sites.commune,
      motifNom: motifs.nom,
      canal: motifs.canal,
      lienVisio: motifs.lienVisio,
    })
    .from(rendezVous)
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .where(eq(rendezVous.id, id))
    .limit(1);
  const [r] = verrou ? await requete.for('update', { of: rendezVous }) : await requete;
  return r ?? null;
}

/** Sets the status of a live appointment to a cancellation; false when it was no longer live. */
export async function annuler(
  db: Executor,
  id: string,
  statut: 'annule_usager' | 'annule_site',
  maintenant: Date,
): Promise<boolean> {
  const lignes = await db
    .update(rendezVous)
    .set({ statut, annuleLe: maintenant })
    .where(and(eq(rendezVous.id, id), inArray(rendezVous.statut, ['reserve'])))
    .returning({ id: rendezVous.id });
  return lignes.length > 0;
}

/** A site's appointments between two instants, for its staff: within the scope, or nothing. */
export async function rendezVousDuSite(db: Executor, portee: Portee, siteId: string, du: Date, au: Date) {
  return db
    .select({
      id: rendezVous.id,
      debut: rendezVous.debut,
      fin: rendezVous.fin,
      statut: rendezVous.statut,
      nom: rendezVous.nom,
      motifNom: motifs.nom,
      ressourceId: rendezVous.ressourceId,
    })
    .from(rendezVous)
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .where(
      and(
        eq(rendezVous.siteId, siteId),
        gte(rendezVous.debut, du),
        sql`${rendezVous.debut} < ${au.toISOString()}::timestamptz`,
        dansPortee(portee, structures.departement, structures.id, sites.id),
      ),
    )
    .orderBy(asc(rendezVous.debut));
}
