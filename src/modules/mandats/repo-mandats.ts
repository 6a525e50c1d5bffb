// SQL of mandates at the desk (issue 14 points 1-2). A mandate and a citizen record belong to one structure: every
// function takes the mandates' scope (a `Portee` of the structures whose agents and managers the actor is, built by
// the service from `structuresDesMandats`) and puts it in its WHERE clause, so another structure's rows are not found.

import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires, situationPartenaires, situations } from '../catalogue/tables.ts';
import { utilisateurs } from '../comptes/tables.ts';
import type { Portee } from '../portee/index.ts';
import { sites, structures } from '../structures/tables.ts';
import { citoyens, mandats, perimetresMandats } from './tables.ts';
import type { DureeMandat, FiltreMandats, PieceIdentite } from './validation.ts';

/** The most mandates a list shows at once. */
export const MANDATS_MAX = 500;

const dansLaStructure = (p: Portee, colonne: AnyPgColumn | SQL): SQL =>
  p.structures.length === 0 ? sql`false` : inArray(colonne as SQL, p.structures);

/** A site of one of the scope's structures, with what a mandate prints of it; null otherwise. */
export async function siteDesMandats(db: Executor, p: Portee, siteId: string) {
  const [s] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      structureId: sites.structureId,
      structure: structures.nom,
      adresse: sites.adresse,
      codePostal: sites.codePostal,
      commune: sites.commune,
      fuseau: sites.fuseauHoraire,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), dansLaStructure(p, sites.structureId)))
    .limit(1);
  return s ?? null;
}

export type SiteDesMandats = NonNullable<Awaited<ReturnType<typeof siteDesMandats>>>;

/** The active sites of the scope's structures, by name (where the actor may prepare a mandate). */
export async function sitesDesMandats(db: Executor, p: Portee) {
  return db
    .select({ id: sites.id, nom: sites.nom, structureId: sites.structureId })
    .from(sites)
    .where(and(eq(sites.actif, true), dansLaStructure(p, sites.structureId)))
    .orderBy(asc(sites.nom), asc(sites.id))
    .limit(200);
}

/** The partners a mandate of a structure may cover (national ones and its own), each with its procedures. */
export async function catalogueDuMandat(db: Executor, p: Portee, structureId: string) {
  if (!p.structures.includes(structureId)) return [];
  const [liste, demarches] = await Promise.all([
    db
      .select({ id: partenaires.id, nom: partenaires.nom, nomCourt: partenaires.nomCourt })
      .from(partenaires)
      .where(
        and(
          eq(partenaires.actif, true),
          or(eq(partenaires.national, true), eq(partenaires.structureId, structureId)),
          dansLaStructure(p, sql`coalesce(${partenaires.structureId}, ${structureId}::uuid)`),
        ),
      )
      .orderBy(desc(partenaires.national), asc(partenaires.nomCourt))
      .limit(300),
    db
      .select({ partenaireId: situationPartenaires.partenaireId, id: situations.id, nom: situations.nom })
      .from(situationPartenaires)
      .innerJoin(situations, eq(situations.id, situationPartenaires.situationId))
      .where(
        and(eq(situations.actif, true), or(isNull(situations.structureId), eq(situations.structureId, structureId))),
      )
      .orderBy(asc(situations.ordre), asc(situations.nom))
      .limit(3000),
  ]);
  return liste.map((x) => ({ ...x, situations: demarches.filter((d) => d.partenaireId === x.id) }));
}

/** The citizen records of a structure born on a day (the service compares names, case and accents aside). */
export async function citoyensNesLe(tx: Executor, p: Portee, structureId: string, dateNaissance: string) {
  return tx
    .select({ id: citoyens.id, prenom: citoyens.prenom, nom: citoyens.nom })
    .from(citoyens)
    .where(
      and(
        eq(citoyens.structureId, structureId),
        eq(citoyens.dateNaissance, dateNaissance),
        dansLaStructure(p, citoyens.structureId),
      ),
    )
    .orderBy(asc(citoyens.creeLe))
    .limit(50);
}

export interface NouveauCitoyen {
  structureId: string;
  siteId: string;
  prenom: string;
  nom: string;
  dateNaissance: string;
  courriel: string | null;
  telephone: string | null;
  creePar: string;
  creeLe: Date;
}

/** A new citizen record on the legal basis of the mandate. */
export async function insererCitoyen(tx: Executor, p: Portee, c: NouveauCitoyen): Promise<string | null> {
  if (!p.structures.includes(c.structureId)) return null;
  const [r] = await tx
    .insert(citoyens)
    .values({ ...c, baseLegale: 'mandat', modifieLe: c.creeLe })
    .returning({ id: citoyens.id });
  return r?.id ?? null;
}

/** Keeps the contact the person gave again (to be sent the revocation link), leaving the other one as it was. */
export async function completerContact(
  tx: Executor,
  p: Portee,
  id: string,
  contact: { courriel: string | null; telephone: string | null },
  maintenant: Date,
) {
  if (!contact.courriel && !contact.telephone) return;
  await tx
    .update(citoyens)
    .set({
      ...(contact.courriel ? { courriel: contact.courriel } : {}),
      ...(contact.telephone ? { telephone: contact.telephone } : {}),
      modifieLe: maintenant,
    })
    .where(and(eq(citoyens.id, id), dansLaStructure(p, citoyens.structureId)));
}

export interface NouveauMandat {
  id: string;
  reference: string;
  structureId: string;
  siteId: string;
  citoyenId: string;
  duree: DureeMandat;
  pieceIdentite: PieceIdentite;
  versionNotice: string;
  empreinteTexte: string;
  empreinteCode: string;
  creePar: string;
  creeLe: Date;
}

/** A draft mandate and its scope rows (a unique violation on the reference is the caller's to retry). */
export async function insererMandat(
  tx: Executor,
  p: Portee,
  m: NouveauMandat,
  perimetre: Array<{ partenaireId: string; situationId: string | null }>,
): Promise<boolean> {
  if (!p.structures.includes(m.structureId)) return false;
  await tx.insert(mandats).values({ ...m, statut: 'brouillon' });
  await tx.insert(perimetresMandats).values(perimetre.map((x) => ({ mandatId: m.id, ...x })));
  return true;
}

/** The structure's mandates (or all the scope's), newest first, filtered by status and by a name or reference. */
export async function listerMandats(
  db: Executor,
  p: Portee,
  filtre: { structureId?: string; statut: FiltreMandats; q?: string },
) {
  const conditions: SQL[] = [dansLaStructure(p, mandats.structureId)];
  if (filtre.structureId) conditions.push(eq(mandats.structureId, filtre.structureId));
  if (filtre.statut === 'actif') conditions.push(inArray(mandats.statut, ['signe', 'actif']));
  else if (filtre.statut !== 'tous') conditions.push(eq(mandats.statut, filtre.statut));
  if (filtre.q) {
    const motif = `%${filtre.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(mandats.reference, motif),
        ilike(citoyens.nom, motif),
        ilike(citoyens.prenom, motif),
        ilike(sql`${citoyens.prenom} || ' ' || ${citoyens.nom}`, motif),
      ) as SQL,
    );
  }
  return db
    .select({
      id: mandats.id,
      reference: mandats.reference,
      statut: mandats.statut,
      duree: mandats.duree,
      creeLe: mandats.creeLe,
      fin: mandats.fin,
      termineLe: mandats.termineLe,
      prenom: citoyens.prenom,
      nom: citoyens.nom,
      site: sites.nom,
      fuseau: sites.fuseauHoraire,
      perimetre: sql<string[]>`array(
        select distinct pa.nom_court from perimetres_mandats pm join partenaires pa on pa.id = pm.partenaire_id
        where pm.mandat_id = ${mandats.id} order by 1)`,
    })
    .from(mandats)
    .innerJoin(sites, eq(sites.id, mandats.siteId))
    .leftJoin(citoyens, eq(citoyens.id, mandats.citoyenId))
    .where(and(...conditions))
    .orderBy(desc(mandats.creeLe), asc(mandats.id))
    .limit(MANDATS_MAX);
}

export type LigneMandat = Awaited<ReturnType<typeof listerMandats>>[number];

/** One mandate within the scope with its person, site and structure; locked for an update when `verrou`. */
export async function mandatDansLaPortee(db: Executor, p: Portee, id: string, verrou = false) {
  const requete = db
    .select({
      id: mandats.id,
      reference: mandats.reference,
      structureId: mandats.structureId,
      structure: structures.nom,
      siteId: mandats.siteId,
      site: sites.nom,
      adresse: sites.adresse,
      codePostal: sites.codePostal,
      commune: sites.commune,
      fuseau: sites.fuseauHoraire,
      citoyenId: mandats.citoyenId,
      prenom: citoyens.prenom,
      nom: citoyens.nom,
      dateNaissance: citoyens.dateNaissance,
      courriel: citoyens.courriel,
      telephone: citoyens.telephone,
      duree: mandats.duree,
      statut: mandats.statut,
      pieceIdentite: mandats.pieceIdentite,
      versionNotice: mandats.versionNotice,
      empreinteTexte: mandats.empreinteTexte,
      creePar: mandats.creePar,
      agentPrenom: utilisateurs.prenom,
      agentNom: utilisateurs.nom,
      creeLe: mandats.creeLe,
      signeLe: mandats.signeLe,
      debut: mandats.debut,
      fin: mandats.fin,
      termineLe: mandats.termineLe,
      origineRevocation: mandats.origineRevocation,
      anonymiseLe: mandats.anonymiseLe,
    })
    .from(mandats)
    .innerJoin(sites, eq(sites.id, mandats.siteId))
    .innerJoin(structures, eq(structures.id, mandats.structureId))
    .leftJoin(citoyens, eq(citoyens.id, mandats.citoyenId))
    .leftJoin(utilisateurs, eq(utilisateurs.id, mandats.creePar))
    .where(and(eq(mandats.id, id), dansLaStructure(p, mandats.structureId)))
    .limit(1);
  const [m] = verrou ? await requete.for('update', { of: mandats }) : await requete;
  return m ?? null;
}

export type MandatLu = NonNullable<Awaited<ReturnType<typeof mandatDansLaPortee>>>;

/** The scope of a mandate within the scope: its partners, each with the procedures named (none: all of them). */
export async function perimetreDuMandat(db: Executor, p: Portee, mandatId: string) {
  const lignes = await db
    .select({
      partenaireId: perimetresMandats.partenaireId,
      partenaire: partenaires.nom,
      situationId: perimetresMandats.situationId,
      situation: situations.nom,
    })
    .from(perimetresMandats)
    .innerJoin(mandats, eq(mandats.id, perimetresMandats.mandatId))
    .innerJoin(partenaires, eq(partenaires.id, perimetresMandats.partenaireId))
    .leftJoin(situations, eq(situations.id, perimetresMandats.situationId))
    .where(and(eq(perimetresMandats.mandatId, mandatId), dansLaStructure(p, mandats.structureId)))
    .limit(3000);
  return lignes;
}

const INTERVALLES: Record<DureeMandat, string> = {
  demarche: '30 days',
  jour: '1 day',
  mois: '1 month',
  six_mois: '6 months',
  douze_mois: '12 months',
};

/** The draft becomes active from now to now plus its duration (calendar months, as PostgreSQL counts them). */
export async function activerALaSignature(tx: Executor, p: Portee, id: string, maintenant: Date) {
  const [m] = await tx
    .update(mandats)
    .set({
      statut: 'actif',
      signeLe: maintenant,
      debut: maintenant,
      fin: sql`${maintenant.toISOString()}::timestamptz + (case ${mandats.duree} ${sql.join(
        Object.entries(INTERVALLES).map(([d, i]) => sql`when ${d} then ${i}::interval`),
        sql` `,
      )} end)`,
    })
    .where(and(eq(mandats.id, id), eq(mandats.statut, 'brouillon'), dansLaStructure(p, mandats.structureId)))
    .returning({ fin: mandats.fin });
  return m?.fin ?? null;
}

/** An active one-procedure mandate ends now: its procedure is done. */
export async function terminerDemarche(tx: Executor, p: Portee, id: string, maintenant: Date): Promise<boolean> {
  const r = await tx
    .update(mandats)
    .set({ statut: 'expire', termineLe: maintenant })
    .where(
      and(
        eq(mandats.id, id),
        eq(mandats.statut, 'actif'),
        eq(mandats.duree, 'demarche'),
        dansLaStructure(p, mandats.structureId),
      ),
    )
    .returning({ id: mandats.id });
  return r.length === 1;
}
