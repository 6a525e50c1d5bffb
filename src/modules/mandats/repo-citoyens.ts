// SQL of citizen records and of what names them (issue 14 points 1 and 5). The scope is the mandates' reach
// (`porteeDesMandats`: the structures where the actor is an agent or a manager, from `structuresDesMandats`, the same
// reach as every mandates repo): every function takes it and puts it in its WHERE clause, on the record's structure
// and on each linked object's own structure, so a record or an object of another structure is never read.

import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires } from '../catalogue/tables.ts';
import type { Portee } from '../portee/index.ts';
import { motifs, rendezVous } from '../rendez-vous/tables.ts';
import { saisines } from '../saisines/tables.ts';
import { sollicitations } from '../sollicitations/tables.ts';
import { sites } from '../structures/tables.ts';
import { citoyens, mandats } from './tables.ts';

/** The most linked objects of one kind a page lists (newest first). */
export const OBJETS_MAX = 200;

/** A structure column within the mandates' reach (false for an empty reach). */
function dansStructures(p: Portee, colonne: AnyPgColumn): SQL {
  return p.structures.length === 0 ? sql`false` : inArray(colonne, p.structures);
}

/** A citizen record within the reach, or null. */
export async function citoyenDansPortee(db: Executor, p: Portee, id: string) {
  const [c] = await db
    .select({
      id: citoyens.id,
      structureId: citoyens.structureId,
      siteId: citoyens.siteId,
      prenom: citoyens.prenom,
      nom: citoyens.nom,
      dateNaissance: citoyens.dateNaissance,
      courriel: citoyens.courriel,
      telephone: citoyens.telephone,
      baseLegale: citoyens.baseLegale,
      creeLe: citoyens.creeLe,
      site: sites.nom,
    })
    .from(citoyens)
    .innerJoin(sites, eq(sites.id, citoyens.siteId))
    .where(and(eq(citoyens.id, id), dansStructures(p, citoyens.structureId)))
    .limit(1);
  return c ?? null;
}

/** The mandates of a citizen within the reach, newest first. */
export async function mandatsDuCitoyen(db: Executor, p: Portee, citoyenId: string) {
  return db
    .select({
      id: mandats.id,
      reference: mandats.reference,
      statut: mandats.statut,
      duree: mandats.duree,
      debut: mandats.debut,
      fin: mandats.fin,
      termineLe: mandats.termineLe,
      creeLe: mandats.creeLe,
      siteId: mandats.siteId,
    })
    .from(mandats)
    .where(and(eq(mandats.citoyenId, citoyenId), dansStructures(p, mandats.structureId)))
    .orderBy(desc(mandats.creeLe), asc(mandats.id))
    .limit(OBJETS_MAX);
}

/** A mandate within the reach with its citizen's name and contact (to prefill a form under it), or null. */
export async function mandatAvecCitoyen(db: Executor, p: Portee, mandatId: string) {
  const [m] = await db
    .select({
      id: mandats.id,
      reference: mandats.reference,
      statut: mandats.statut,
      structureId: mandats.structureId,
      fin: mandats.fin,
      citoyenId: citoyens.id,
      prenom: citoyens.prenom,
      nom: citoyens.nom,
      dateNaissance: citoyens.dateNaissance,
      courriel: citoyens.courriel,
      telephone: citoyens.telephone,
    })
    .from(mandats)
    .innerJoin(citoyens, eq(citoyens.id, mandats.citoyenId))
    .where(and(eq(mandats.id, mandatId), isNull(mandats.anonymiseLe), dansStructures(p, mandats.structureId)))
    .limit(1);
  return m ?? null;
}

/** Which rows an object list reads: those naming the citizen, or one of these mandates. */
export interface Cible {
  citoyenId?: string;
  mandatIds: string[];
}

function nomme(cible: Cible, citoyen: AnyPgColumn, mandat: AnyPgColumn): SQL {
  const conditions: SQL[] = [];
  if (cible.citoyenId) conditions.push(eq(citoyen, cible.citoyenId));
  if (cible.mandatIds.length > 0) conditions.push(inArray(mandat, cible.mandatIds));
  return conditions.length === 0 ? sql`false` : (or(...conditions) as SQL);
}

/** The logged requests naming the citizen or their mandates, within the reach, newest first. */
export async function sollicitationsLiees(db: Executor, p: Portee, cible: Cible) {
  return db
    .select({
      id: sollicitations.id,
      le: sollicitations.survenueLe,
      siteId: sollicitations.siteId,
      structureId: sollicitations.structureId,
      site: sites.nom,
      fuseau: sites.fuseauHoraire,
      partenaires: sollicitations.partenaires,
      issue: sollicitations.issue,
      mandatId: sollicitations.mandatId,
    })
    .from(sollicitations)
    .innerJoin(sites, eq(sites.id, sollicitations.siteId))
    .where(
      and(
        nomme(cible, sollicitations.citoyenId, sollicitations.mandatId),
        dansStructures(p, sollicitations.structureId),
      ),
    )
    .orderBy(desc(sollicitations.survenueLe), asc(sollicitations.id))
    .limit(OBJETS_MAX);
}

/** The appointments naming the citizen or their mandates, within the reach (by their site's structure), newest first. */
export async function rendezVousLies(db: Executor, p: Portee, cible: Cible) {
  return db
    .select({
      id: rendezVous.id,
      le: rendezVous.debut,
      siteId: rendezVous.siteId,
      structureId: sites.structureId,
      site: sites.nom,
      fuseau: sites.fuseauHoraire,
      motif: motifs.nom,
      partenaire: partenaires.nomCourt,
      statut: rendezVous.statut,
      mandatId: rendezVous.mandatId,
    })
    .from(rendezVous)
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .leftJoin(partenaires, eq(partenaires.id, motifs.partenaireId))
    .where(and(nomme(cible, rendezVous.citoyenId, rendezVous.mandatId), dansStructures(p, sites.structureId)))
    .orderBy(desc(rendezVous.debut), asc(rendezVous.id))
    .limit(OBJETS_MAX);
}

/** The cases naming the citizen or their mandates, within the reach, newest first. */
export async function saisinesLiees(db: Executor, p: Portee, cible: Cible) {
  return db
    .select({
      id: saisines.id,
      le: saisines.creeLe,
      siteId: saisines.siteId,
      structureId: saisines.structureId,
      site: sites.nom,
      fuseau: sites.fuseauHoraire,
      partenaire: partenaires.nomCourt,
      statut: saisines.statut,
      mandatId: saisines.mandatId,
    })
    .from(saisines)
    .innerJoin(sites, eq(sites.id, saisines.siteId))
    .innerJoin(partenaires, eq(partenaires.id, saisines.partenaireId))
    .where(and(nomme(cible, saisines.citoyenId, saisines.mandatId), dansStructures(p, saisines.structureId)))
    .orderBy(desc(saisines.creeLe), asc(saisines.id))
    .limit(OBJETS_MAX);
}

/** Short names of partners by id (requests store an array of partner ids): national ones and the reach's own. */
export async function nomsDesPartenaires(db: Executor, p: Portee, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const lignes = await db
    .select({ id: partenaires.id, nom: partenaires.nomCourt })
    .from(partenaires)
    .where(
      and(
        inArray(partenaires.id, [...new Set(ids)]),
        or(isNull(partenaires.structureId), dansStructures(p, partenaires.structureId)),
      ),
    )
    .limit(500);
  return new Map(lignes.map((l) => [l.id, l.nom]));
}
