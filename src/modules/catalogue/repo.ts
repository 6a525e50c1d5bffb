import { type AnyColumn, and, asc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { structures } from '../structures/tables.ts';
import { partenaires, prestations, situationPartenaires, situations, themes } from './tables.ts';

/** National entries, plus those local to the structure when one is given. */
const visiblesPour = (
  structureId: string | null,
  colonne: typeof situations.structureId | typeof partenaires.structureId,
) => (structureId ? or(isNull(colonne), eq(colonne, structureId)) : isNull(colonne));

/**
 * What a counter at a structure logs against: active themes, the active national situations and the structure's own,
 * each with its partners in order (the first is the default one), and the active partners it may choose.
 */
export async function catalogueDeSaisie(db: Executor, structureId: string | null) {
  const [lignesThemes, lignesSituations, lignesPartenaires] = await Promise.all([
    db
      .select({ id: themes.id, code: themes.code, nom: themes.nom })
      .from(themes)
      .where(eq(themes.actif, true))
      .orderBy(asc(themes.ordre)),
    db
      .select({
        id: situations.id,
        code: situations.code,
        nom: situations.nom,
        themeId: situations.themeId,
        local: sql<boolean>`${situations.structureId} is not null`,
        partenaires: sql<string[]>`coalesce(array(
          select sp.partenaire_id from ${situationPartenaires} sp join ${partenaires} p on p.id = sp.partenaire_id
          where sp.situation_id = ${situations.id} and p.actif order by sp.ordre), '{}')`,
      })
      .from(situations)
      .innerJoin(themes, eq(themes.id, situations.themeId))
      .where(and(eq(situations.actif, true), eq(themes.actif, true), visiblesPour(structureId, situations.structureId)))
      .orderBy(asc(themes.ordre), asc(situations.ordre), asc(situations.nom)),
    db
      .select({
        id: partenaires.id,
        code: partenaires.code,
        nom: partenaires.nom,
        nomCourt: partenaires.nomCourt,
        national: partenaires.national,
        local: sql<boolean>`${partenaires.structureId} is not null`,
      })
      .from(partenaires)
      .where(and(eq(partenaires.actif, true), visiblesPour(structureId, partenaires.structureId)))
      .orderBy(
        sql`${partenaires.national} desc`,
        sql`${partenaires.structureId} is not null`,
        asc(partenaires.nomCourt),
      ),
  ]);
  return { themes: lignesThemes, situations: lignesSituations, partenaires: lignesPartenaires };
}

/** Names of every theme, situation and partner, retired ones included, to show past records. */
export async function libellesCatalogue(db: Executor) {
  const [t, s, p] = await Promise.all([
    db.select({ id: themes.id, nom: themes.nom }).from(themes),
    db.select({ id: situations.id, nom: situations.nom }).from(situations),
    db.select({ id: partenaires.id, nom: partenaires.nomCourt }).from(partenaires),
  ]);
  const table = (l: Array<{ id: string; nom: string }>) => new Map(l.map((x) => [x.id, x.nom]));
  return { themes: table(t), situations: table(s), partenaires: table(p) };
}

// ---------- administration of the catalogue ----------
// Local entries are tenant data: every query below puts `visibleDans(portee, …)` in its WHERE, so that a structure's
// local situations and partners exist only for those whose scope holds that structure. National entries (no
// structure) are visible to every scope.

/** A row is visible when it is national (no structure) or its structure is in the scope. */
function visibleDans(portee: Portee, colonne: AnyColumn): SQL {
  return or(
    isNull(colonne),
    sql`${colonne} in (select ${structures.id} from ${structures} where ${dansPortee(portee, structures.departement, structures.id)})`,
  ) as SQL;
}

const situationVisible = (portee: Portee, id: string) =>
  sql`(select ${situations.id} from ${situations} where ${situations.id} = ${id} and ${visibleDans(portee, situations.structureId)})`;

/** Serialises writes to the catalogue, so that two people cannot create the same name at once. */
export async function verrouillerCatalogue(db: Executor) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('guichet:catalogue'))`);
}

export function listerThemes(db: Executor) {
  return db
    .select({ id: themes.id, code: themes.code, nom: themes.nom, actif: themes.actif })
    .from(themes)
    .orderBy(asc(themes.ordre));
}

export async function trouverTheme(db: Executor, id: string) {
  const [t] = await db
    .select({ id: themes.id, code: themes.code, nom: themes.nom, actif: themes.actif })
    .from(themes)
    .where(eq(themes.id, id))
    .limit(1);
  return t ?? null;
}

/** True when another theme already has this name (case-insensitive). */
export async function themeNomme(db: Executor, nom: string, saufId: string) {
  const [t] = await db
    .select({ id: themes.id })
    .from(themes)
    .where(and(sql`lower(${themes.nom}) = lower(${nom})`, ne(themes.id, saufId)))
    .limit(1);
  return t !== undefined;
}

export async function renommerTheme(db: Executor, id: string, nom: string) {
  await db.update(themes).set({ nom }).where(eq(themes.id, id));
}

export interface PartenaireDeListe {
  id: string;
  nomCourt: string;
  actif: boolean;
}

/** Every situation visible in the scope, retired ones included, with its partners in order. */
export function listerSituations(db: Executor, portee: Portee) {
  return db
    .select({
      id: situations.id,
      nom: situations.nom,
      themeId: situations.themeId,
      actif: situations.actif,
      structureId: situations.structureId,
      structureNom: structures.nom,
      departement: structures.departement,
      partenaires: sql<PartenaireDeListe[]>`coalesce((
        select json_agg(json_build_object('id', p.id, 'nomCourt', p.nom_court, 'actif', p.actif) order by sp.ordre)
        from ${situationPartenaires} sp join ${partenaires} p on p.id = sp.partenaire_id
        where sp.situation_id = ${situations.id}), '[]'::json)`,
    })
    .from(situations)
    .leftJoin(structures, eq(structures.id, situations.structureId))
    .where(visibleDans(portee, situations.structureId))
    .orderBy(asc(situations.ordre), asc(situations.nom))
    .limit(5000);
}

/** Every partner visible in the scope, retired ones included: national, then "other", then local ones by structure. */
export function listerPartenaires(db: Executor, portee: Portee) {
  return db
    .select({
      id: partenaires.id,
      code: partenaires.code,
      nom: partenaires.nom,
      nomCourt: partenaires.nomCourt,
      national: partenaires.national,
      actif: partenaires.actif,
      structureId: partenaires.structureId,
      structureNom: structures.nom,
      departement: structures.departement,
    })
    .from(partenaires)
    .leftJoin(structures, eq(structures.id, partenaires.structureId))
    .where(visibleDans(portee, partenaires.structureId))
    .orderBy(
      sql`${partenaires.national} desc`,
      sql`${partenaires.structureId} is not null`,
      asc(structures.nom),
      asc(partenaires.nomCourt),
    )
    .limit(5000);
}

/**
 * The partners a situation of these structures (or of the national catalogue, with an empty list) may name: the
 * national ones and "other", plus the local ones of the given structures; retired ones included, flagged.
 */
export function partenairesProposes(db: Executor, portee: Portee, structureIds: string[]) {
  return db
    .select({
      id: partenaires.id,
      nom: partenaires.nom,
      nomCourt: partenaires.nomCourt,
      actif: partenaires.actif,
      structureId: partenaires.structureId,
      structureNom: structures.nom,
    })
    .from(partenaires)
    .leftJoin(structures, eq(structures.id, partenaires.structureId))
    .where(
      and(
        visibleDans(portee, partenaires.structureId),
        structureIds.length > 0
          ? or(isNull(partenaires.structureId), inArray(partenaires.structureId, structureIds))
          : isNull(partenaires.structureId),
      ),
    )
    .orderBy(
      sql`${partenaires.national} desc`,
      sql`${partenaires.structureId} is not null`,
      asc(structures.nom),
      asc(partenaires.nom),
    );
}

const colonnesSituation = {
  id: situations.id,
  code: situations.code,
  nom: situations.nom,
  themeId: situations.themeId,
  themeNom: themes.nom,
  actif: situations.actif,
  structureId: situations.structureId,
  structureNom: structures.nom,
  departement: structures.departement,
};

/** One situation if it is visible in the scope, else null. */
export async function trouverSituation(db: Executor, portee: Portee, id: string) {
  const [s] = await db
    .select(colonnesSituation)
    .from(situations)
    .innerJoin(themes, eq(themes.id, situations.themeId))
    .leftJoin(structures, eq(structures.id, situations.structureId))
    .where(and(eq(situations.id, id), visibleDans(portee, situations.structureId)))
    .limit(1);
  return s ?? null;
}

/** The partners of a situation visible in the scope, in order (the first is the usual one). */
export function partenairesDeSituation(db: Executor, portee: Portee, id: string) {
  return db
    .select({
      id: partenaires.id,
      nom: partenaires.nom,
      nomCourt: partenaires.nomCourt,
      actif: partenaires.actif,
      structureId: partenaires.structureId,
    })
    .from(situationPartenaires)
    .innerJoin(partenaires, eq(partenaires.id, situationPartenaires.partenaireId))
    .where(sql`${situationPartenaires.situationId} in ${situationVisible(portee, id)}`)
    .orderBy(asc(situationPartenaires.ordre));
}

/** Every item of a situation visible in the scope, retired ones included, in order. */
export function prestationsDeSituation(db: Executor, portee: Portee, id: string) {
  return db
    .select({
      id: prestations.id,
      rubrique: prestations.rubrique,
      libelle: prestations.libelle,
      ordre: prestations.ordre,
      actif: prestations.actif,
    })
    .from(prestations)
    .where(sql`${prestations.situationId} in ${situationVisible(portee, id)}`)
    .orderBy(asc(prestations.ordre), asc(prestations.libelle));
}

/**
 * A situation with this name (case-insensitive) where it would be confusing: among the national ones for a national
 * situation; among the national ones and the structure's for a local one. Only a yes/no (and whether it is retired)
 * comes back, and only from what the structure itself sees.
 */
export async function situationNommee(db: Executor, nom: string, structureId: string | null, saufId?: string) {
  const [s] = await db
    .select({ actif: situations.actif })
    .from(situations)
    .where(
      and(
        sql`lower(${situations.nom}) = lower(${nom})`,
        structureId ? visiblesPour(structureId, situations.structureId) : isNull(situations.structureId),
        saufId ? ne(situations.id, saufId) : undefined,
      ),
    )
    .orderBy(sql`${situations.actif} desc`)
    .limit(1);
  return s ?? null;
}

export async function codeSituationPris(db: Executor, code: string) {
  const [s] = await db.select({ id: situations.id }).from(situations).where(eq(situations.code, code)).limit(1);
  return s !== undefined;
}

export async function codePartenairePris(db: Executor, code: string) {
  const [p] = await db.select({ id: partenaires.id }).from(partenaires).where(eq(partenaires.code, code)).limit(1);
  return p !== undefined;
}

/** Adds a situation at the end of the bouquet's order; the service has checked its structure is in the scope. */
export async function insererSituation(
  db: Executor,
  v: { code: string; nom: string; themeId: string; structureId: string | null },
): Promise<string> {
  const [r] = await db
    .insert(situations)
    .values({ ...v, ordre: sql`(select coalesce(max(${situations.ordre}), 0) + 1 from ${situations})` })
    .returning({ id: situations.id });
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

/** Renames a situation or moves it to another theme, if it is visible in the scope; false when it is not. */
export async function modifierSituation(
  db: Executor,
  portee: Portee,
  id: string,
  v: { nom: string; themeId: string },
): Promise<boolean> {
  const r = await db
    .update(situations)
    .set(v)
    .where(and(eq(situations.id, id), visibleDans(portee, situations.structureId)))
    .returning({ id: situations.id });
  return r.length > 0;
}

export async function changerActivationSituation(db: Executor, portee: Portee, id: string, actif: boolean) {
  await db
    .update(situations)
    .set({ actif })
    .where(and(eq(situations.id, id), visibleDans(portee, situations.structureId)));
}

/**
 * Sets the partners of a situation visible in the scope, in this order. The links carry no history of their own:
 * past requests keep their partners in their own row.
 */
export async function remplacerPartenairesSituation(db: Executor, portee: Portee, id: string, ids: string[]) {
  await db
    .delete(situationPartenaires)
    .where(sql`${situationPartenaires.situationId} in ${situationVisible(portee, id)}`);
  if (ids.length === 0) return;
  await db.execute(sql`
    insert into ${situationPartenaires} (situation_id, partenaire_id, ordre)
    select ${situations.id}, x.partenaire, x.ordre
    from ${situations}, unnest(${sql.param(ids)}::uuid[]) with ordinality as x(partenaire, ordre)
    where ${situations.id} = ${id} and ${visibleDans(portee, situations.structureId)}`);
}

/** Changes the order and state of existing items of a situation visible in the scope (never deletes them). */
export async function majPrestations(
  db: Executor,
  portee: Portee,
  id: string,
  changements: Array<{ id: string; ordre: number; actif: boolean }>,
) {
  for (const c of changements) {
    await db
      .update(prestations)
      .set({ ordre: c.ordre, actif: c.actif })
      .where(and(eq(prestations.id, c.id), sql`${prestations.situationId} in ${situationVisible(portee, id)}`));
  }
}

/** Adds items to a situation visible in the scope. */
export async function insererPrestations(
  db: Executor,
  portee: Portee,
  id: string,
  lignes: Array<{ rubrique: string; libelle: string; ordre: number }>,
) {
  if (lignes.length === 0) return;
  await db.execute(sql`
    insert into ${prestations} (situation_id, rubrique, libelle, ordre)
    select ${situations.id}, x.rubrique::rubrique, x.libelle, x.ordre
    from ${situations}, unnest(
      ${sql.param(lignes.map((l) => l.rubrique))}::text[],
      ${sql.param(lignes.map((l) => l.libelle))}::text[],
      ${sql.param(lignes.map((l) => l.ordre))}::int[]
    ) as x(rubrique, libelle, ordre)
    where ${situations.id} = ${id} and ${visibleDans(portee, situations.structureId)}`);
}

/** One partner if it is visible in the scope, else null. */
export async function trouverPartenaire(db: Executor, portee: Portee, id: string) {
  const [p] = await db
    .select({
      id: partenaires.id,
      code: partenaires.code,
      nom: partenaires.nom,
      nomCourt: partenaires.nomCourt,
      national: partenaires.national,
      actif: partenaires.actif,
      structureId: partenaires.structureId,
      structureNom: structures.nom,
      departement: structures.departement,
    })
    .from(partenaires)
    .leftJoin(structures, eq(structures.id, partenaires.structureId))
    .where(and(eq(partenaires.id, id), visibleDans(portee, partenaires.structureId)))
    .limit(1);
  return p ?? null;
}

/** The situations visible in the scope that name this partner. */
export function situationsDuPartenaire(db: Executor, portee: Portee, id: string) {
  return db
    .select({ id: situations.id, nom: situations.nom, actif: situations.actif, ordre: situationPartenaires.ordre })
    .from(situationPartenaires)
    .innerJoin(situations, eq(situations.id, situationPartenaires.situationId))
    .where(and(eq(situationPartenaires.partenaireId, id), visibleDans(portee, situations.structureId)))
    .orderBy(asc(situations.ordre), asc(situations.nom));
}

/**
 * Which of a partner's names (full or short, case-insensitive) another partner already uses where it would be
 * confusing: among the national-level ones, plus the structure's own for a local partner.
 */
export async function partenaireNomme(
  db: Executor,
  noms: { nom: string; nomCourt: string },
  structureId: string | null,
  saufId?: string,
) {
  const [p] = await db
    .select({
      nom: sql<boolean>`bool_or(lower(${partenaires.nom}) = lower(${noms.nom}))`,
      nomCourt: sql<boolean>`bool_or(lower(${partenaires.nomCourt}) = lower(${noms.nomCourt}))`,
    })
    .from(partenaires)
    .where(
      and(
        structureId ? visiblesPour(structureId, partenaires.structureId) : isNull(partenaires.structureId),
        saufId ? ne(partenaires.id, saufId) : undefined,
      ),
    );
  return { nom: p?.nom === true, nomCourt: p?.nomCourt === true };
}

/** Adds a local partner; the service has checked its structure is in the scope. */
export async function insererPartenaire(
  db: Executor,
  v: { code: string; nom: string; nomCourt: string; structureId: string },
): Promise<string> {
  const [r] = await db
    .insert(partenaires)
    .values({ ...v, national: false })
    .returning({ id: partenaires.id });
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

export async function modifierPartenaire(
  db: Executor,
  portee: Portee,
  id: string,
  v: { nom: string; nomCourt: string },
): Promise<boolean> {
  const r = await db
    .update(partenaires)
    .set(v)
    .where(and(eq(partenaires.id, id), visibleDans(portee, partenaires.structureId)))
    .returning({ id: partenaires.id });
  return r.length > 0;
}

export async function changerActivationPartenaire(db: Executor, portee: Portee, id: string, actif: boolean) {
  await db
    .update(partenaires)
    .set({ actif })
    .where(and(eq(partenaires.id, id), visibleDans(portee, partenaires.structureId)));
}
