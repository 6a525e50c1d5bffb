// The SQL of deadlines and reminders (issue 13 point 4, ADR 0030): the partner's deadline setting, the cases the sweep
// looks at, the guarded marks that make each step happen once however many sweeps run, and who receives it. The
// sweep acts for no one in particular: these functions take no scope (see test/portee/repos-scopes.test.ts).

import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires } from '../catalogue/tables.ts';
import { habilitations, utilisateurs } from '../comptes/tables.ts';
import { sites } from '../structures/tables.ts';
import { absencesReferents, delaisPartenaires, messagesSaisines, referents, saisines } from './tables.ts';

/** The partner's own number of working days for a first answer, or null when it has none (national default). */
export async function delaiDuPartenaire(db: Executor, partenaireId: string): Promise<number | null> {
  const [ligne] = await db
    .select({ jours: delaisPartenaires.joursOuvres })
    .from(delaisPartenaires)
    .where(eq(delaisPartenaires.partenaireId, partenaireId));
  return ligne?.jours ?? null;
}

/** Where a case waiting for its first answer stands in the reminder steps. */
export type Escalade = 'referent' | 'suppleant' | 'coordinateur';

/** A case past its deadline without a first answer, whose last step (the coordinators) has not been taken. */
export interface SaisineEnRetard {
  id: string;
  siteNom: string;
  fuseau: string;
  structureId: string;
  departement: string;
  partenaireId: string;
  partenaireNom: string;
  referentId: string | null;
  creeLe: Date;
  echeance: Date;
  escalade: Escalade;
  relancee: boolean;
  urgente: boolean;
}

/** Open cases past their deadline at `maintenant`, without a first answer and not at the last step (oldest first). */
export async function saisinesEnRetard(db: Executor, maintenant: Date, limite: number): Promise<SaisineEnRetard[]> {
  const s = saisines;
  const r = await db.execute<{
    id: string;
    site_nom: string;
    fuseau: string;
    structure_id: string;
    departement: string;
    partenaire_id: string;
    partenaire_nom: string;
    referent_id: string | null;
    cree_le: string;
    echeance: string;
    escalade: Escalade;
    relancee: boolean;
    urgente: boolean;
  }>(sql`
    select ${s.id} as id, ${sites.nom} as site_nom, ${sites.fuseauHoraire} as fuseau, ${s.structureId} as structure_id,
      ${s.departement} as departement, ${s.partenaireId} as partenaire_id, ${partenaires.nom} as partenaire_nom,
      ${s.referentId} as referent_id, ${s.creeLe} as cree_le, ${s.echeance} as echeance, ${s.escalade} as escalade,
      ${s.derniereRelanceLe} is not null as relancee, ${s.urgence} <> 'aucune' as urgente
    from ${s} join ${sites} on ${sites.id} = ${s.siteId} join ${partenaires} on ${partenaires.id} = ${s.partenaireId}
    where ${s.statut} <> 'cloturee' and ${s.premiereReponseLe} is null and ${s.anonymiseLe} is null
      and ${s.escalade} <> 'coordinateur' and ${s.echeance} < ${maintenant.toISOString()}::timestamptz
    order by ${s.echeance}
    limit ${limite}`);
  return r.rows.map((x) => ({
    id: x.id,
    siteNom: x.site_nom,
    fuseau: x.fuseau,
    structureId: x.structure_id,
    departement: x.departement,
    partenaireId: x.partenaire_id,
    partenaireNom: x.partenaire_nom,
    referentId: x.referent_id,
    creeLe: new Date(x.cree_le),
    echeance: new Date(x.echeance),
    escalade: x.escalade,
    relancee: x.relancee,
    urgente: x.urgente,
  }));
}

/**
 * Records a step if the case still waits for its first answer and has not reached it: one guarded UPDATE … RETURNING,
 * so that of concurrent sweeps exactly one takes it. The reminder keeps the level `referent` and sets the last
 * reminder's instant; an escalation raises the level. True when this call recorded it.
 */
export async function marquerEtape(tx: Executor, id: string, etape: Escalade, le: Date): Promise<boolean> {
  const s = saisines;
  const avant = {
    referent: sql`${s.escalade} = 'referent' and ${s.derniereRelanceLe} is null`,
    suppleant: sql`${s.escalade} = 'referent'`,
    coordinateur: sql`${s.escalade} in ('referent', 'suppleant')`,
  }[etape];
  const r = await tx.execute(sql`
    update ${s} set ${sql.identifier(s.escalade.name)} = ${etape}::niveau_escalade,
      ${sql.identifier(s.derniereRelanceLe.name)} = ${le.toISOString()}::timestamptz
    where ${s.id} = ${id} and ${avant} and ${s.premiereReponseLe} is null and ${s.statut} <> 'cloturee'
      and ${s.anonymiseLe} is null
    returning ${s.id}`);
  return r.rows.length > 0;
}

/** Adds the system's own line to a case's thread (no author). */
export async function ajouterLigneSysteme(tx: Executor, saisineId: string, corps: string, le: Date): Promise<void> {
  await tx.insert(messagesSaisines).values({ saisineId, auteur: 'systeme', auteurId: null, corps, creeLe: le });
}

/** Someone a reminder is emailed to. */
export interface DestinataireRelance {
  cle: string;
  courriel: string;
}

/** The référent the case is routed to, if still active in the directory. */
export async function referentDeLaSaisine(tx: Executor, referentId: string): Promise<DestinataireRelance[]> {
  const r = await tx
    .select({ id: referents.id, courriel: referents.courriel })
    .from(referents)
    .where(sql`${referents.id} = ${referentId} and ${referents.actif}`);
  return r.map((x) => ({ cle: `referent:${x.id}`, courriel: x.courriel }));
}

/**
 * The backup of the case's référent: the active entries of the other rank (the suppléant of a titulaire, the
 * titulaire of a suppléant) of the partner and département that apply to the case's structure (narrowed to it, or
 * département-wide), not away on `jour`; without a référent, every such entry of either rank.
 */
export async function suppleantsDe(
  tx: Executor,
  c: { partenaireId: string; departement: string; structureId: string; referentId: string | null },
  jour: string,
): Promise<DestinataireRelance[]> {
  const r = referents;
  const rangAutre = c.referentId
    ? sql`and ${r.id} <> ${c.referentId} and ${r.rang} <> (select rang from ${r} where id = ${c.referentId})`
    : sql``;
  const lignes = await tx.execute<{ id: string; courriel: string }>(sql`
    select ${r.id} as id, ${r.courriel} as courriel from ${r}
    where ${r.partenaireId} = ${c.partenaireId} and ${r.departement} = ${c.departement} and ${r.actif}
      and (cardinality(${r.structures}) = 0 or ${c.structureId}::uuid = any(${r.structures})) ${rangAutre}
      and not exists (select 1 from ${absencesReferents} a
        where a.referent_id = ${r.id} and ${jour}::date between a.du and a.au)
    order by ${r.creeLe}`);
  return lignes.rows.map((x) => ({ cle: `referent:${x.id}`, courriel: x.courriel }));
}

/** The active coordinators of the département (their guichet accounts). */
export async function coordinateursDe(tx: Executor, departement: string): Promise<DestinataireRelance[]> {
  const r = await tx.execute<{ id: string; courriel: string }>(sql`
    select distinct ${utilisateurs.id} as id, ${utilisateurs.courriel} as courriel
    from ${utilisateurs} join ${habilitations} on ${habilitations.utilisateurId} = ${utilisateurs.id}
    where ${utilisateurs.actif} and ${habilitations.role} = 'coordinateur'
      and ${departement} = any(${habilitations.departements})
    order by 2`);
  return r.rows.map((x) => ({ cle: `utilisateur:${x.id}`, courriel: x.courriel }));
}
