import { type AnyColumn, and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires } from '../catalogue/tables.ts';
import { habilitations, utilisateurs } from '../comptes/tables.ts';
import { dansPortee, dansPorteePartenaire, type Portee } from '../portee/index.ts';
import { sites, structures } from '../structures/tables.ts';
import { type CibleAnnuaire, couvreAnnuaire, departementsDe } from './policy-annuaire.ts';
import { absencesReferents, delaisPartenaires, offresPartenaires, referents } from './tables.ts';
import type { SaisieOffre } from './validation-annuaire.ts';

// The directory's SQL (issue 13, point 1). Every function takes a directory scope from policy-annuaire.ts (reading or
// keeping) and puts it in its WHERE clause: whole départements, or a partner in some départements.

type Colonne = AnyColumn | SQL;

/** The WHERE condition of a directory scope on a partner and a département column. */
export function dansAnnuaire(portee: Portee, partenaireId: Colonne, departement: Colonne): SQL {
  if (portee.national) return sql`true`;
  const conditions: SQL[] = [];
  if (portee.departements.length > 0) conditions.push(inArray(departement as AnyColumn, portee.departements));
  if (portee.partenaires.length > 0) conditions.push(dansPorteePartenaire(portee, partenaireId, departement));
  return conditions.length === 0 ? sql`false` : (or(...conditions) as SQL);
}

export interface AbsenceReferent {
  id: string;
  du: string;
  au: string;
}

const colonnesReferent = (aujourdhui: string) => ({
  id: referents.id,
  partenaireId: referents.partenaireId,
  partenaire: partenaires.nomCourt,
  partenaireNom: partenaires.nom,
  departement: referents.departement,
  structures: referents.structures,
  nomsStructures: sql<
    string[]
  >`coalesce(array(select s.nom from ${structures} s where s.id = any(${referents.structures}) order by s.nom), '{}')`,
  rang: referents.rang,
  prenom: referents.prenom,
  nom: referents.nom,
  fonction: referents.fonction,
  telephone: referents.telephone,
  courriel: referents.courriel,
  actif: referents.actif,
  desactiveLe: referents.desactiveLe,
  compte: sql<string | null>`(select u.courriel from ${utilisateurs} u where u.id = ${referents.utilisateurId})`,
  absences: sql<
    AbsenceReferent[]
  >`coalesce((select json_agg(json_build_object('id', a.id, 'du', a.du, 'au', a.au) order by a.du)
    from ${absencesReferents} a where a.referent_id = ${referents.id} and a.au >= ${aujourdhui}::date), '[]'::json)`,
});

export type LigneReferent = Awaited<ReturnType<typeof listerReferents>>[number];

/** Entries in scope, by département, partner, rank and name; current and coming absences from `aujourdhui`. */
export async function listerReferents(
  db: Executor,
  portee: Portee,
  filtre: { departement?: string; partenaireId?: string; inclureInactifs?: boolean; aujourdhui: string },
) {
  const conditions: SQL[] = [dansAnnuaire(portee, referents.partenaireId, referents.departement)];
  if (filtre.departement) conditions.push(eq(referents.departement, filtre.departement));
  if (filtre.partenaireId) conditions.push(eq(referents.partenaireId, filtre.partenaireId));
  if (!filtre.inclureInactifs) conditions.push(eq(referents.actif, true));
  return db
    .select(colonnesReferent(filtre.aujourdhui))
    .from(referents)
    .innerJoin(partenaires, eq(partenaires.id, referents.partenaireId))
    .where(and(...conditions))
    .orderBy(
      asc(referents.departement),
      asc(partenaires.nomCourt),
      asc(referents.rang),
      asc(referents.nom),
      asc(referents.prenom),
    )
    .limit(2000);
}

/** One entry if it is in the scope, with its absences from `aujourdhui`; else null. */
export async function trouverReferent(db: Executor, portee: Portee, id: string, aujourdhui: string) {
  const [r] = await db
    .select(colonnesReferent(aujourdhui))
    .from(referents)
    .innerJoin(partenaires, eq(partenaires.id, referents.partenaireId))
    .where(and(eq(referents.id, id), dansAnnuaire(portee, referents.partenaireId, referents.departement)))
    .limit(1);
  return r ?? null;
}

export interface ValeursReferent {
  rang: 'titulaire' | 'suppleant';
  prenom: string;
  nom: string;
  fonction: string | null;
  telephone: string | null;
  courriel: string;
  structures: string[];
  utilisateurId: string | null;
}

/** A new entry for a partner and département the scope keeps (checked again here); its id. */
export async function insererReferent(db: Executor, portee: Portee, cible: CibleAnnuaire, v: ValeursReferent) {
  if (!couvreAnnuaire(portee, cible)) throw new Error('directory entry outside the scope');
  const [r] = await db
    .insert(referents)
    .values({ ...cible, ...v })
    .returning({ id: referents.id });
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

/** Updates an active entry in the scope; false when there is none. */
export async function modifierReferent(db: Executor, portee: Portee, id: string, v: ValeursReferent) {
  const r = await db
    .update(referents)
    .set({ ...v, modifieLe: sql`now()` })
    .where(
      and(
        eq(referents.id, id),
        eq(referents.actif, true),
        dansAnnuaire(portee, referents.partenaireId, referents.departement),
      ),
    )
    .returning({ id: referents.id });
  return r.length > 0;
}

/** Deactivates an entry in the scope (never deleted: `desactive_le` starts its retention delay); false if none. */
export async function desactiverReferent(db: Executor, portee: Portee, id: string) {
  const r = await db
    .update(referents)
    .set({ actif: false, desactiveLe: sql`now()`, modifieLe: sql`now()` })
    .where(
      and(
        eq(referents.id, id),
        eq(referents.actif, true),
        dansAnnuaire(portee, referents.partenaireId, referents.departement),
      ),
    )
    .returning({ id: referents.id });
  return r.length > 0;
}

/** Records an absence of an active entry in the scope; false when there is none. */
export async function ajouterAbsence(db: Executor, portee: Portee, referentId: string, du: string, au: string) {
  const r = await db.execute(sql`insert into ${absencesReferents} (referent_id, du, au)
    select ${referents.id}, ${du}::date, ${au}::date from ${referents}
    where ${referents.id} = ${referentId} and ${referents.actif}
      and ${dansAnnuaire(portee, referents.partenaireId, referents.departement)}
    returning id`);
  return r.rows.length > 0;
}

/** Removes an absence of an entry in the scope; false when there is none. */
export async function supprimerAbsence(db: Executor, portee: Portee, referentId: string, absenceId: string) {
  const r = await db
    .delete(absencesReferents)
    .where(
      and(
        eq(absencesReferents.id, absenceId),
        eq(absencesReferents.referentId, referentId),
        sql`exists (select 1 from ${referents} where ${referents.id} = ${absencesReferents.referentId} and ${dansAnnuaire(portee, referents.partenaireId, referents.departement)})`,
      ),
    )
    .returning({ id: absencesReferents.id });
  return r.length > 0;
}

/**
 * The active person with this email holding a référent habilitation for the partner and département, when the scope
 * keeps that partner there: the account an entry may be linked to. Null otherwise.
 */
export async function compteReferent(db: Executor, portee: Portee, courriel: string, cible: CibleAnnuaire) {
  if (!couvreAnnuaire(portee, cible)) return null;
  const [u] = await db
    .select({ id: utilisateurs.id })
    .from(utilisateurs)
    .innerJoin(habilitations, eq(habilitations.utilisateurId, utilisateurs.id))
    .where(
      and(
        sql`lower(${utilisateurs.courriel}) = ${courriel.toLowerCase()}`,
        eq(utilisateurs.actif, true),
        eq(habilitations.role, 'referent'),
        eq(habilitations.partenaireId, cible.partenaireId),
        sql`${cible.departement}::varchar = any(${habilitations.departements})`,
      ),
    )
    .limit(1);
  return u?.id ?? null;
}

/** Partners that have a directory: the active national ones, or only the référent's own for a référent alone. */
export async function partenairesAnnuaire(db: Executor, portee: Portee) {
  const tous = portee.national || portee.departements.length > 0;
  const propres = portee.partenaires.map((p) => p.partenaireId);
  if (!tous && propres.length === 0) return [];
  return db
    .select({ id: partenaires.id, nom: partenaires.nom, nomCourt: partenaires.nomCourt })
    .from(partenaires)
    .where(
      and(
        eq(partenaires.national, true),
        eq(partenaires.actif, true),
        tous ? sql`true` : inArray(partenaires.id, propres),
      ),
    )
    .orderBy(asc(partenaires.nomCourt));
}

/** Active structures of départements the scope reaches, to narrow entries to some of them. */
export async function structuresDesDepartements(db: Executor, portee: Portee, departements: string[]) {
  const permis = departements.filter(
    (d) =>
      portee.national || portee.departements.includes(d) || portee.partenaires.some((p) => p.departements.includes(d)),
  );
  if (permis.length === 0) return [];
  return db
    .select({ id: structures.id, nom: structures.nom, departement: structures.departement })
    .from(structures)
    .where(and(eq(structures.actif, true), inArray(structures.departement, permis)))
    .orderBy(asc(structures.departement), asc(structures.nom))
    .limit(1000);
}

/** The départements of these structures (an agent's or a manager's), read to build their directory scope. */
export async function departementsDesStructures(db: Executor, portee: Portee, ids: string[]) {
  if (ids.length === 0) return [];
  const r = await db
    .selectDistinct({ departement: structures.departement })
    .from(structures)
    .where(and(inArray(structures.id, ids), dansPortee(portee, structures.departement, structures.id)));
  return r.map((x) => x.departement);
}

// ——— Offers at sites ———————————————————————————————————————————————————————————————————————————————————————

/**
 * A site as the offers page needs it, when a scope reaches it: `lieux` by its structure (the administration's scope)
 * or `annuaire` by its département (the directory's reading scope: référents see their départements' sites).
 */
export async function siteDesOffres(db: Executor, lieux: Portee, annuaire: Portee, id: string) {
  const departements = departementsDe(annuaire);
  const [s] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      actif: sites.actif,
      structureId: sites.structureId,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(
      and(
        eq(sites.id, id),
        or(
          dansPortee(lieux, structures.departement, structures.id),
          annuaire.national ? sql`true` : sql`false`,
          departements.length > 0 ? inArray(structures.departement, departements) : sql`false`,
        ),
      ),
    )
    .limit(1);
  return s ?? null;
}

export type OffreSite = Awaited<ReturnType<typeof offres>>[number];

/** Offers of partners in the scope at active sites of some départements, or at one site. */
export async function offres(db: Executor, portee: Portee, o: { departement?: string; siteId?: string }) {
  const conditions: SQL[] = [dansAnnuaire(portee, offresPartenaires.partenaireId, structures.departement)];
  if (o.departement) conditions.push(eq(structures.departement, o.departement), eq(sites.actif, true));
  if (o.siteId) conditions.push(eq(sites.id, o.siteId));
  return db
    .select({
      id: offresPartenaires.id,
      siteId: sites.id,
      site: sites.nom,
      departement: structures.departement,
      partenaireId: offresPartenaires.partenaireId,
      partenaire: partenaires.nomCourt,
      modalites: offresPartenaires.modalites,
      permanence: offresPartenaires.permanence,
      rendezVous: offresPartenaires.rendezVous,
      visio: offresPartenaires.visio,
    })
    .from(offresPartenaires)
    .innerJoin(sites, eq(sites.id, offresPartenaires.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .innerJoin(partenaires, eq(partenaires.id, offresPartenaires.partenaireId))
    .where(and(...conditions))
    .orderBy(asc(sites.nom), asc(partenaires.nomCourt))
    .limit(2000);
}

/** Saves a partner's offer at a site (one per partner and site) when the scope keeps that partner there. */
export async function enregistrerOffre(
  db: Executor,
  portee: Portee,
  cible: CibleAnnuaire & { siteId: string },
  v: SaisieOffre,
) {
  if (!couvreAnnuaire(portee, cible)) throw new Error('offer outside the scope');
  await db
    .insert(offresPartenaires)
    .values({ siteId: cible.siteId, partenaireId: cible.partenaireId, ...v })
    .onConflictDoUpdate({
      target: [offresPartenaires.siteId, offresPartenaires.partenaireId],
      set: { ...v, modifieLe: sql`now()` },
    });
}

/** Removes a partner's offer at a site when the scope keeps that partner there. */
export async function supprimerOffre(db: Executor, portee: Portee, cible: CibleAnnuaire & { siteId: string }) {
  if (!couvreAnnuaire(portee, cible)) throw new Error('offer outside the scope');
  await db
    .delete(offresPartenaires)
    .where(and(eq(offresPartenaires.siteId, cible.siteId), eq(offresPartenaires.partenaireId, cible.partenaireId)));
}

// ——— Per-partner deadlines ——————————————————————————————————————————————————————————————————————————————————

/** Each active national partner with its own deadline (null: the national default); readers get them all. */
export async function delais(db: Executor, portee: Portee) {
  const liste = await partenairesAnnuaire(db, portee);
  const propres = await db
    .select({ partenaireId: delaisPartenaires.partenaireId, jours: delaisPartenaires.joursOuvres })
    .from(delaisPartenaires);
  const parPartenaire = new Map(propres.map((d) => [d.partenaireId, d.jours]));
  return liste.map((p) => ({ ...p, jours: parPartenaire.get(p.id) ?? null }));
}

/** Sets (a number) or clears (null: national default) the deadlines of partners; the national scope only. */
export async function enregistrerDelais(db: Executor, portee: Portee, valeurs: Map<string, number | null>) {
  if (!portee.national) throw new Error('deadlines are national');
  for (const [partenaireId, jours] of valeurs) {
    if (jours === null) await db.delete(delaisPartenaires).where(eq(delaisPartenaires.partenaireId, partenaireId));
    else
      await db
        .insert(delaisPartenaires)
        .values({ partenaireId, joursOuvres: jours })
        .onConflictDoUpdate({
          target: delaisPartenaires.partenaireId,
          set: { joursOuvres: jours, modifieLe: sql`now()` },
        });
  }
}
