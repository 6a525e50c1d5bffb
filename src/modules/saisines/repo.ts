// SQL of cases (issue 13, points 2 and 3). A case is visible within a scope through its own columns: its site,
// structure and département for the network's people (`dansPortee`), its partner and département for référents
// (`dansPorteePartenaire`); every function on cases takes the scope and puts it in its WHERE clause, so a case outside
// it is not found. Routing reads the référent directory (`referentsCandidats`), which belongs to no place.

import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires, situations } from '../catalogue/tables.ts';
import { habilitations, utilisateurs } from '../comptes/tables.ts';
import { dansPortee, dansPorteePartenaire, type Portee } from '../portee/index.ts';
import { sollicitations } from '../sollicitations/tables.ts';
import { sites, structures } from '../structures/tables.ts';
import type { ReferentCandidat } from './routage.ts';
import { messagesSaisines, referents, saisines } from './tables.ts';
import type { FiltreSaisines, IssueSaisine, Urgence } from './validation.ts';

/** The most cases a list shows at once. */
export const SAISINES_MAX = 500;

/** A case is within the scope by its place, or by its partner and département (référents). */
const saisineDansPortee = (p: Portee): SQL =>
  or(
    dansPortee(p, saisines.departement, saisines.structureId, saisines.siteId),
    dansPorteePartenaire(p, saisines.partenaireId, saisines.departement),
  ) as SQL;

/** The active directory entries of a partner for a département, oldest first, each marked away on `jour` or not. */
export async function referentsCandidats(
  db: Executor,
  partenaireId: string,
  departement: string,
  jour: string,
): Promise<ReferentCandidat[]> {
  return db
    .select({
      id: referents.id,
      rang: referents.rang,
      structureIds: referents.structures,
      // Drizzle writes the columns of a one-table select unqualified: the correlated sub-query names them itself.
      absent: sql<boolean>`exists (select 1 from absences_referents a where a.referent_id = "referents"."id" and ${jour}::date between a.du and a.au)`,
      prenom: referents.prenom,
      nom: referents.nom,
      courriel: referents.courriel,
    })
    .from(referents)
    .where(
      and(eq(referents.partenaireId, partenaireId), eq(referents.departement, departement), eq(referents.actif, true)),
    )
    .orderBy(asc(referents.creeLe), asc(referents.id))
    .limit(200);
}

/** A site within the scope with what a case needs (its structure, département, zone); null otherwise. */
export async function siteDeSaisine(db: Executor, p: Portee, siteId: string) {
  const [s] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      structureId: sites.structureId,
      departement: structures.departement,
      fuseau: sites.fuseauHoraire,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), dansPortee(p, structures.departement, sites.structureId, sites.id)))
    .limit(1);
  return s ?? null;
}

export type SiteDeSaisine = NonNullable<Awaited<ReturnType<typeof siteDeSaisine>>>;

/** The active sites of these structures within the scope, by name (where the actor may create a case). */
export async function sitesDesStructures(db: Executor, p: Portee, structureIds: string[]) {
  if (structureIds.length === 0) return [];
  return db
    .select({ id: sites.id, nom: sites.nom, structureId: sites.structureId })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(
      and(
        inArray(sites.structureId, structureIds),
        eq(sites.actif, true),
        dansPortee(p, structures.departement, sites.structureId, sites.id),
      ),
    )
    .orderBy(asc(sites.nom), asc(sites.id))
    .limit(200);
}

/** The partners a case may go to from a structure within the scope: the national ones and its own local ones. */
export async function partenairesSaisissables(db: Executor, p: Portee, structureId: string) {
  return db
    .select({ id: partenaires.id, nom: partenaires.nom, nomCourt: partenaires.nomCourt })
    .from(partenaires)
    .leftJoin(structures, eq(structures.id, partenaires.structureId))
    .where(
      and(
        eq(partenaires.actif, true),
        or(
          eq(partenaires.national, true),
          and(eq(partenaires.structureId, structureId), dansPortee(p, structures.departement, structures.id)),
        ),
      ),
    )
    .orderBy(desc(partenaires.national), asc(partenaires.nomCourt))
    .limit(300);
}

/** A logged request of the site within the scope, to prefill a case: its partners and its situation's name. */
export async function sollicitationDuSite(db: Executor, p: Portee, siteId: string, sollicitationId: string) {
  const [s] = await db
    .select({ id: sollicitations.id, partenaires: sollicitations.partenaires, situation: situations.nom })
    .from(sollicitations)
    .innerJoin(situations, eq(situations.id, sollicitations.situationId))
    .where(
      and(
        eq(sollicitations.id, sollicitationId),
        eq(sollicitations.siteId, siteId),
        dansPortee(p, sollicitations.departement, sollicitations.structureId, sollicitations.siteId),
      ),
    )
    .limit(1);
  return s ?? null;
}

export interface NouvelleSaisine {
  site: SiteDeSaisine;
  partenaireId: string;
  referentId: string | null;
  sollicitationId: string | null;
  prenom: string;
  nom: string;
  dateNaissance: string;
  numeroDossier: string | null;
  question: string;
  urgence: Urgence;
  creePar: string;
  creeLe: Date;
  echeance: Date;
  /** Under a mandate (issue 14): the mandate and the citizen; the legal basis is then the mandate, not a consent. */
  lien?: { mandatId: string; citoyenId: string };
}

/**
 * Writes a new case at a site within the scope, its consent recorded at `creeLe` (or, under a mandate, the mandate and
 * the citizen); null when the site is not in it.
 */
export async function insererSaisine(tx: Executor, p: Portee, n: NouvelleSaisine): Promise<string | null> {
  if (!(await siteDeSaisine(tx, p, n.site.id))) return null;
  const [r] = await tx
    .insert(saisines)
    .values({
      siteId: n.site.id,
      structureId: n.site.structureId,
      departement: n.site.departement,
      partenaireId: n.partenaireId,
      referentId: n.referentId,
      sollicitationId: n.sollicitationId,
      baseLegale: n.lien ? 'mandat' : 'consentement',
      consentementLe: n.lien ? null : n.creeLe,
      mandatId: n.lien?.mandatId ?? null,
      citoyenId: n.lien?.citoyenId ?? null,
      prenom: n.prenom,
      nom: n.nom,
      dateNaissance: n.dateNaissance,
      numeroDossier: n.numeroDossier,
      question: n.question,
      urgence: n.urgence,
      creePar: n.creePar,
      creeLe: n.creeLe,
      echeance: n.echeance,
    })
    .returning({ id: saisines.id });
  return r?.id ?? null;
}

const colonnesSaisine = {
  id: saisines.id,
  siteId: saisines.siteId,
  structureId: saisines.structureId,
  departement: saisines.departement,
  partenaireId: saisines.partenaireId,
  referentId: saisines.referentId,
  sollicitationId: saisines.sollicitationId,
  baseLegale: saisines.baseLegale,
  consentementLe: saisines.consentementLe,
  prenom: saisines.prenom,
  nom: saisines.nom,
  dateNaissance: saisines.dateNaissance,
  numeroDossier: saisines.numeroDossier,
  question: saisines.question,
  urgence: saisines.urgence,
  statut: saisines.statut,
  issue: saisines.issue,
  creePar: saisines.creePar,
  creeLe: saisines.creeLe,
  echeance: saisines.echeance,
  priseEnChargeLe: saisines.priseEnChargeLe,
  premiereReponseLe: saisines.premiereReponseLe,
  clotureLe: saisines.clotureLe,
  anonymiseLe: saisines.anonymiseLe,
  partenaire: partenaires.nomCourt,
  site: sites.nom,
  fuseau: sites.fuseauHoraire,
  referentPrenom: referents.prenom,
  referentNom: referents.nom,
  referentCourriel: referents.courriel,
};

/** The cases within the scope for a filter: open ones urgent first then by deadline; closed ones latest first. */
export async function listerSaisines(db: Executor, p: Portee, filtre: FiltreSaisines) {
  const conditions: SQL[] = [saisineDansPortee(p)];
  if (filtre === 'ouvertes') conditions.push(ne(saisines.statut, 'cloturee'));
  else if (filtre !== 'toutes') conditions.push(eq(saisines.statut, filtre));
  const ordre =
    filtre === 'cloturee'
      ? [desc(saisines.clotureLe), asc(saisines.id)]
      : [
          sql`${saisines.statut} = 'cloturee'`,
          sql`${saisines.urgence} = 'aucune'`,
          asc(saisines.echeance),
          asc(saisines.id),
        ];
  return db
    .select(colonnesSaisine)
    .from(saisines)
    .innerJoin(partenaires, eq(partenaires.id, saisines.partenaireId))
    .innerJoin(sites, eq(sites.id, saisines.siteId))
    .leftJoin(referents, eq(referents.id, saisines.referentId))
    .where(and(...conditions))
    .orderBy(...ordre)
    .limit(SAISINES_MAX);
}

export type LigneSaisine = Awaited<ReturnType<typeof listerSaisines>>[number];

/** One case within the scope (locked when `verrou`, for a change), with its creator's address; null otherwise. */
export async function saisineDansLaPortee(db: Executor, p: Portee, id: string, verrou = false) {
  const requete = db
    .select({ ...colonnesSaisine, agentCourriel: utilisateurs.courriel })
    .from(saisines)
    .innerJoin(partenaires, eq(partenaires.id, saisines.partenaireId))
    .innerJoin(sites, eq(sites.id, saisines.siteId))
    .leftJoin(referents, eq(referents.id, saisines.referentId))
    .leftJoin(utilisateurs, and(eq(utilisateurs.id, saisines.creePar), eq(utilisateurs.actif, true)))
    .where(and(eq(saisines.id, id), saisineDansPortee(p)))
    .limit(1);
  const [s] = verrou ? await requete.for('update', { of: saisines }) : await requete;
  return s ?? null;
}

export type FicheSaisineLue = NonNullable<Awaited<ReturnType<typeof saisineDansLaPortee>>>;

/** The thread of a case within the scope, oldest first, with each author's name. */
export async function filDeSaisine(db: Executor, p: Portee, saisineId: string) {
  return db
    .select({
      id: messagesSaisines.id,
      auteur: messagesSaisines.auteur,
      corps: messagesSaisines.corps,
      creeLe: messagesSaisines.creeLe,
      auteurPrenom: utilisateurs.prenom,
      auteurNom: utilisateurs.nom,
    })
    .from(messagesSaisines)
    .innerJoin(saisines, eq(saisines.id, messagesSaisines.saisineId))
    .leftJoin(utilisateurs, eq(utilisateurs.id, messagesSaisines.auteurId))
    .where(and(eq(messagesSaisines.saisineId, saisineId), saisineDansPortee(p)))
    .orderBy(asc(messagesSaisines.creeLe), asc(messagesSaisines.id))
    .limit(1000);
}

/** Appends a line to the thread of a case within the scope; false when the case is not in it. */
export async function ajouterMessage(
  tx: Executor,
  p: Portee,
  m: { saisineId: string; auteur: 'agent' | 'referent' | 'coordinateur' | 'systeme'; auteurId: string | null },
  corps: string,
  maintenant: Date,
): Promise<boolean> {
  const r = await tx.execute(
    sql`insert into ${messagesSaisines} (saisine_id, auteur, auteur_id, corps, cree_le)
        select ${saisines.id}, ${m.auteur}, ${m.auteurId}, ${corps}, ${maintenant}
        from ${saisines} where ${saisines.id} = ${m.saisineId} and ${saisineDansPortee(p)}`,
  );
  return (r.rowCount ?? 0) > 0;
}

/** A new case taken in hand by its référent; false unless it was `nouvelle` and within the scope. */
export async function prendreEnCharge(tx: Executor, p: Portee, id: string, maintenant: Date): Promise<boolean> {
  const r = await tx
    .update(saisines)
    .set({ statut: 'prise_en_charge', priseEnChargeLe: maintenant })
    .where(and(eq(saisines.id, id), eq(saisines.statut, 'nouvelle'), saisineDansPortee(p)))
    .returning({ id: saisines.id });
  return r.length > 0;
}

/** A référent's answer: the first one sets the first answer time and the status `reponse_apportee`. */
export async function marquerReponse(tx: Executor, p: Portee, id: string, maintenant: Date): Promise<boolean> {
  const r = await tx
    .update(saisines)
    .set({
      premiereReponseLe: sql`coalesce(${saisines.premiereReponseLe}, ${maintenant})`,
      statut: sql`case when ${saisines.statut} in ('nouvelle', 'prise_en_charge') then 'reponse_apportee'::statut_saisine else ${saisines.statut} end`,
    })
    .where(and(eq(saisines.id, id), ne(saisines.statut, 'cloturee'), saisineDansPortee(p)))
    .returning({ id: saisines.id });
  return r.length > 0;
}

/** Closes an open case within the scope with its outcome; false when it was closed already or erased. */
export async function clore(tx: Executor, p: Portee, id: string, issue: IssueSaisine, maintenant: Date) {
  const r = await tx
    .update(saisines)
    .set({ statut: 'cloturee', issue, clotureLe: maintenant })
    .where(
      and(eq(saisines.id, id), ne(saisines.statut, 'cloturee'), isNull(saisines.anonymiseLe), saisineDansPortee(p)),
    )
    .returning({ id: saisines.id });
  return r.length > 0;
}

/** The active coordinators of a département (told of a case no référent could take), by address. */
export async function coordinateursDuDepartement(db: Executor, departement: string) {
  return db
    .selectDistinct({ courriel: utilisateurs.courriel })
    .from(habilitations)
    .innerJoin(utilisateurs, eq(utilisateurs.id, habilitations.utilisateurId))
    .where(
      and(
        inArray(habilitations.role, ['coordinateur']),
        sql`${departement} = any(${habilitations.departements})`,
        eq(utilisateurs.actif, true),
      ),
    )
    .orderBy(asc(utilisateurs.courriel))
    .limit(50);
}
