// SQL of the breach register (issue 14 point 7). An entry belongs to a structure (its agents and managers, the
// coordinators of its département, the nation) or to the national level (`structure_id` null: the nation only). Every
// function takes the scope (`porteeDe(acteur)`) and puts it in its WHERE clause, so an entry outside it is not found.

import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { structures } from '../structures/tables.ts';
import { violations } from './tables.ts';
import type { StatutViolation } from './violations-validation.ts';

/** The most entries a list shows at once. */
export const VIOLATIONS_MAX = 500;

/** An entry is within the scope through its structure; a national-level one only for the nation. */
function violationDansPortee(db: Executor, p: Portee): SQL {
  if (p.national) return sql`true`;
  const visibles = db
    .select({ id: structures.id })
    .from(structures)
    .where(dansPortee(p, structures.departement, structures.id));
  return inArray(violations.structureId, visibles);
}

const colonnes = {
  id: violations.id,
  reference: violations.reference,
  structureId: violations.structureId,
  structure: structures.nom,
  departement: structures.departement,
  titre: violations.titre,
  nature: violations.nature,
  description: violations.description,
  survenueLe: violations.survenueLe,
  decouverteLe: violations.decouverteLe,
  categoriesDonnees: violations.categoriesDonnees,
  categoriesPersonnes: violations.categoriesPersonnes,
  nombrePersonnes: violations.nombrePersonnes,
  nombreEnregistrements: violations.nombreEnregistrements,
  consequences: violations.consequences,
  mesuresPrises: violations.mesuresPrises,
  mesuresEnvisagees: violations.mesuresEnvisagees,
  informationPersonnes: violations.informationPersonnes,
  statut: violations.statut,
  notifieeLe: violations.notifieeLe,
  numeroCnil: violations.numeroCnil,
  motifNonNotification: violations.motifNonNotification,
  nonNotifieeLe: violations.nonNotifieeLe,
  alertesEnvoyees: violations.alertesEnvoyees,
  creeLe: violations.creeLe,
  modifieLe: violations.modifieLe,
  closeLe: violations.closeLe,
};

/** The entries within the scope: open ones first by deadline (the most urgent first), then the others, newest first. */
export async function listerViolations(db: Executor, p: Portee) {
  return db
    .select({
      id: violations.id,
      reference: violations.reference,
      structureId: violations.structureId,
      structure: structures.nom,
      departement: structures.departement,
      titre: violations.titre,
      decouverteLe: violations.decouverteLe,
      statut: violations.statut,
    })
    .from(violations)
    .leftJoin(structures, eq(structures.id, violations.structureId))
    .where(violationDansPortee(db, p))
    .orderBy(
      sql`(${violations.statut} = 'ouverte') desc`,
      sql`case when ${violations.statut} = 'ouverte' then ${violations.decouverteLe} end asc`,
      desc(violations.decouverteLe),
      asc(violations.reference),
    )
    .limit(VIOLATIONS_MAX);
}

export type LigneViolation = Awaited<ReturnType<typeof listerViolations>>[number];

/** One entry within the scope (locked when `verrou`, for a change); null otherwise. */
export async function violationDansLaPortee(db: Executor, p: Portee, id: string, verrou = false) {
  const requete = db
    .select(colonnes)
    .from(violations)
    .leftJoin(structures, eq(structures.id, violations.structureId))
    .where(and(eq(violations.id, id), violationDansPortee(db, p)))
    .limit(1);
  const [v] = verrou ? await requete.for('update', { of: violations }) : await requete;
  return v ?? null;
}

export type FicheViolationLue = NonNullable<Awaited<ReturnType<typeof violationDansLaPortee>>>;

/** These structures, as far as they are within the scope: id, name, département (the declaration form's choices). */
export async function structuresDansLaPortee(db: Executor, p: Portee, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: structures.id, nom: structures.nom, departement: structures.departement })
    .from(structures)
    .where(and(inArray(structures.id, ids), dansPortee(p, structures.departement, structures.id)))
    .orderBy(asc(structures.nom))
    .limit(200);
}

/** The columns an entry's form sets. */
export interface ChampsViolation {
  titre: string;
  nature: string[];
  description: string;
  survenueLe: Date | null;
  decouverteLe: Date;
  categoriesDonnees: string;
  categoriesPersonnes: string;
  nombrePersonnes: number | null;
  nombreEnregistrements: number | null;
  consequences: string | null;
  mesuresPrises: string;
  mesuresEnvisagees: string | null;
  informationPersonnes: string | null;
}

/**
 * Records a new entry at a level within the scope (a structure of it, or the national level for the nation); null
 * when that level is outside the scope.
 */
export async function insererViolation(
  tx: Executor,
  p: Portee,
  v: ChampsViolation & { reference: string; structureId: string | null; declarePar: string; creeLe: Date },
): Promise<string | null> {
  if (v.structureId === null ? !p.national : (await structuresDansLaPortee(tx, p, [v.structureId])).length === 0) {
    return null;
  }
  const [r] = await tx
    .insert(violations)
    .values({ ...v, modifieLe: v.creeLe })
    .returning({ id: violations.id });
  return r?.id ?? null;
}

/** Rewrites the described fields of an entry within the scope; false when it is not found. */
export async function modifierViolation(
  tx: Executor,
  p: Portee,
  id: string,
  v: ChampsViolation,
  maintenant: Date,
): Promise<boolean> {
  const r = await tx
    .update(violations)
    .set({ ...v, modifieLe: maintenant })
    .where(and(eq(violations.id, id), violationDansPortee(tx, p)))
    .returning({ id: violations.id });
  return r.length > 0;
}

/** What a status change sets besides the status. */
export interface ChangementStatut {
  statut: StatutViolation;
  notifieeLe?: Date;
  numeroCnil?: string;
  motifNonNotification?: string;
  nonNotifieeLe?: Date;
  closeLe?: Date;
}

/** Moves an entry within the scope to a status, if it is in one of `depuis`; false otherwise (nothing changed). */
export async function changerStatutViolation(
  tx: Executor,
  p: Portee,
  id: string,
  depuis: StatutViolation[],
  c: ChangementStatut,
  maintenant: Date,
): Promise<boolean> {
  const r = await tx
    .update(violations)
    .set({ ...c, modifieLe: maintenant })
    .where(and(eq(violations.id, id), inArray(violations.statut, depuis), violationDansPortee(tx, p)))
    .returning({ id: violations.id });
  return r.length > 0;
}
