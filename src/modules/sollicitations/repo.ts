import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/client.ts';
import { situations } from '../catalogue/tables.ts';
import { utilisateurs } from '../comptes/tables.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { arrets, sites, structures } from '../structures/tables.ts';
import { journalSollicitations, sollicitations } from './tables.ts';

// What the actor may see of the request log: their départements, structures, or (agents) sites.
const sitesDansPortee = (p: Portee) => dansPortee(p, structures.departement, sites.structureId, sites.id);
const lignesDansPortee = (p: Portee) =>
  dansPortee(p, sollicitations.departement, sollicitations.structureId, sollicitations.siteId);

const colonnesSite = {
  id: sites.id,
  nom: sites.nom,
  genre: sites.genre,
  fuseauHoraire: sites.fuseauHoraire,
  semaine53: sites.semaine53,
  structureId: sites.structureId,
  structureNom: structures.nom,
  departement: structures.departement,
};
export type SiteDeSaisie = {
  id: string;
  nom: string;
  genre: string;
  fuseauHoraire: string;
  /** A tour's week 53 rule (horaires/semaine53.ts). */
  semaine53: 'impaire' | 'paire' | 'aucune' | 'alterner';
  structureId: string;
  structureNom: string;
  departement: string;
};

/** Active sites of active structures in the scope, by structure then name. */
export async function sitesDansLaPortee(db: Executor, p: Portee): Promise<SiteDeSaisie[]> {
  return db
    .select(colonnesSite)
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.actif, true), eq(structures.actif, true), sitesDansPortee(p)))
    .orderBy(asc(structures.nom), asc(sites.nom))
    .limit(500);
}

/** One site in the scope (active or not: past records stay readable). */
export async function trouverSite(db: Executor, p: Portee, id: string): Promise<SiteDeSaisie | null> {
  const [s] = await db
    .select(colonnesSite)
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, id), sitesDansPortee(p)))
    .limit(1);
  return s ?? null;
}

/** The stops of a tour (the caller has loaded the site through its scope). */
export async function arretsDuSite(db: Executor, siteId: string) {
  return db
    .select({
      id: arrets.id,
      nom: arrets.nom,
      commune: arrets.commune,
      horaires: arrets.horaires,
      semaines: arrets.semaines,
      actif: arrets.actif,
    })
    .from(arrets)
    .where(eq(arrets.siteId, siteId))
    .orderBy(asc(arrets.ordre), asc(arrets.nom));
}

/** How often each situation was logged at a site since a date: the counter's habits, most used first. */
export async function usageDesSituations(db: Executor, siteId: string, depuis: string) {
  const r = await db
    .select({ situationId: sollicitations.situationId, n: sql<number>`count(*)::int` })
    .from(sollicitations)
    .where(and(eq(sollicitations.siteId, siteId), gte(sollicitations.jour, depuis)))
    .groupBy(sollicitations.situationId);
  return new Map(r.map((x) => [x.situationId, x.n]));
}

/** The most frequent level, outcome and duration at a site since a date (null when nothing was logged). */
export async function valeursFrequentes(db: Executor, siteId: string, depuis: string) {
  const r = await db.execute<{ niveau: string | null; issue: string | null; duree: string | null }>(sql`
    select mode() within group (order by niveau) as niveau, mode() within group (order by issue) as issue,
           mode() within group (order by duree) as duree
    from ${sollicitations} where site_id = ${siteId} and jour >= ${depuis}`);
  return r.rows[0] ?? { niveau: null, issue: null, duree: null };
}

const colonnesEntree = {
  id: sollicitations.id,
  siteId: sollicitations.siteId,
  arretId: sollicitations.arretId,
  structureId: sollicitations.structureId,
  departement: sollicitations.departement,
  agentId: sollicitations.agentId,
  survenueLe: sollicitations.survenueLe,
  jour: sollicitations.jour,
  canal: sollicitations.canal,
  situationId: sollicitations.situationId,
  themeId: sollicitations.themeId,
  partenaires: sollicitations.partenaires,
  niveau: sollicitations.niveau,
  issue: sollicitations.issue,
  duree: sollicitations.duree,
  nonRecours: sollicitations.nonRecours,
  difficulteNumerique: sollicitations.difficulteNumerique,
  premiereVisite: sollicitations.premiereVisite,
  trancheAge: sollicitations.trancheAge,
  communeResidence: sollicitations.communeResidence,
  note: sollicitations.note,
  creeLe: sollicitations.creeLe,
  modifieLe: sollicitations.modifieLe,
};
export type Entree = Awaited<ReturnType<typeof trouver>> & {};

/** The actor's most recent entry (at one site when given). */
export async function derniereDe(db: Executor, agentId: string, siteId?: string) {
  const [e] = await db
    .select(colonnesEntree)
    .from(sollicitations)
    .where(and(eq(sollicitations.agentId, agentId), siteId ? eq(sollicitations.siteId, siteId) : undefined))
    .orderBy(desc(sollicitations.creeLe))
    .limit(1);
  return e ?? null;
}

/** One entry in the scope. */
export async function trouver(db: Executor, p: Portee, id: string) {
  const [e] = await db
    .select(colonnesEntree)
    .from(sollicitations)
    .where(and(eq(sollicitations.id, id), lignesDansPortee(p)))
    .limit(1);
  return e ?? null;
}

const duJour = (p: Portee, siteId: string, jour: string) =>
  and(eq(sollicitations.siteId, siteId), eq(sollicitations.jour, jour), lignesDansPortee(p));

/**
 * A site's entries for one day, in time order, with the name of who logged them: one page of them (`limite` rows
 * after `decalage`), or the one entry `id`.
 */
export async function entreesDuJour(
  db: Executor,
  p: Portee,
  siteId: string,
  jour: string,
  choix: { limite: number; decalage: number } | { id: string },
) {
  const requete = db
    .select({ ...colonnesEntree, agentPrenom: utilisateurs.prenom, agentNom: utilisateurs.nom })
    .from(sollicitations)
    .innerJoin(utilisateurs, eq(utilisateurs.id, sollicitations.agentId))
    .where(and(duJour(p, siteId, jour), 'id' in choix ? eq(sollicitations.id, choix.id) : undefined))
    .orderBy(asc(sollicitations.survenueLe), asc(sollicitations.creeLe), asc(sollicitations.id));
  return 'id' in choix ? requete.limit(1) : requete.limit(choix.limite).offset(choix.decalage);
}

/**
 * A site's counts for one day, over all its entries: the total, by channel, and by partner (an entry counts once for
 * each of its partners).
 */
export async function comptesDuJour(db: Executor, p: Portee, siteId: string, jour: string) {
  const [parCanal, parPartenaire] = await Promise.all([
    db
      .select({ canal: sollicitations.canal, n: sql<number>`count(*)::int` })
      .from(sollicitations)
      .where(duJour(p, siteId, jour))
      .groupBy(sollicitations.canal),
    db.execute<{ partenaire: string; n: number }>(sql`
      select p.partenaire, count(*)::int as n
      from ${sollicitations} cross join lateral unnest(${sollicitations.partenaires}) as p(partenaire)
      where ${duJour(p, siteId, jour)} group by p.partenaire`),
  ]);
  return {
    total: parCanal.reduce((n, c) => n + c.n, 0),
    parCanal,
    parPartenaire: parPartenaire.rows,
  };
}

export interface ValeursEntree {
  siteId: string;
  arretId: string | null;
  structureId: string;
  departement: string;
  survenueLe: Date;
  jour: string;
  canal: (typeof sollicitations.$inferInsert)['canal'];
  situationId: string;
  partenaires: string[];
  niveau: (typeof sollicitations.$inferInsert)['niveau'];
  issue: (typeof sollicitations.$inferInsert)['issue'];
  duree: (typeof sollicitations.$inferInsert)['duree'];
  nonRecours: boolean;
  difficulteNumerique: boolean;
  premiereVisite: boolean;
  trancheAge: (typeof sollicitations.$inferInsert)['trancheAge'];
  communeResidence: string | null;
  note: string | null;
}

/**
 * Runs writes in a transaction that names the actor: the journal trigger reads `guichet.acteur` and refuses any change
 * to a request that does not say who makes it.
 */
async function auNomDe<T>(db: Db, acteurId: string, f: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('guichet.acteur', ${acteurId}, true)`);
    return f(tx);
  });
}

/** The theme is the situation's at the time of the request. */
const themeDe = (situationId: string) =>
  sql`(select ${situations.themeId} from ${situations} where ${situations.id} = ${situationId})`;

/** The mandate and the citizen a request done in a person's name carries (issue 14). */
export interface LienCitoyen {
  mandatId?: string;
  citoyenId?: string;
}

/** Wraps the write in its transaction: under a mandate, the mandate's check before and its journal after (mandats). */
export type Garde<R> = (tx: Executor, ecrire: (lien: LienCitoyen) => Promise<string>) => Promise<R>;

/** Inserts a request, through `garde` when given (which may refuse it: then nothing is written). */
export async function inserer<R = string>(db: Db, agentId: string, v: ValeursEntree, garde?: Garde<R>): Promise<R> {
  return auNomDe(db, agentId, async (tx) => {
    const ecrire = async (lien: LienCitoyen = {}) => {
      const [r] = await tx
        .insert(sollicitations)
        .values({ ...v, ...lien, agentId, themeId: themeDe(v.situationId) })
        .returning({ id: sollicitations.id });
      if (!r) throw new Error('insert returned nothing');
      return r.id;
    };
    return garde ? garde(tx, ecrire) : ((await ecrire()) as R);
  });
}

/** Changes an entry in the scope; false when it is not (or no longer) there. */
export async function modifier(db: Db, p: Portee, acteurId: string, id: string, v: ValeursEntree) {
  return auNomDe(db, acteurId, async (tx) => {
    const r = await tx
      .update(sollicitations)
      .set({ ...v, themeId: themeDe(v.situationId), modifieLe: sql`now()`, modifiePar: acteurId })
      .where(and(eq(sollicitations.id, id), lignesDansPortee(p)))
      .returning({ id: sollicitations.id });
    return r.length > 0;
  });
}

/** Deletes an entry in the scope (the journal keeps what it was); false when it is not there. */
export async function supprimer(db: Db, p: Portee, acteurId: string, id: string) {
  return auNomDe(db, acteurId, async (tx) => {
    const r = await tx
      .delete(sollicitations)
      .where(and(eq(sollicitations.id, id), lignesDansPortee(p)))
      .returning({ id: sollicitations.id });
    return r.length > 0;
  });
}

/** The journal of one request, oldest first, with who made each change (the caller has checked the scope). */
export async function journalDe(db: Executor, p: Portee, id: string) {
  return db
    .select({
      operation: journalSollicitations.operation,
      le: journalSollicitations.le,
      avant: journalSollicitations.avant,
      apres: journalSollicitations.apres,
      prenom: utilisateurs.prenom,
      nom: utilisateurs.nom,
    })
    .from(journalSollicitations)
    .innerJoin(sites, eq(sites.id, journalSollicitations.siteId))
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .leftJoin(utilisateurs, eq(utilisateurs.id, journalSollicitations.par))
    .where(and(eq(journalSollicitations.sollicitationId, id), sitesDansPortee(p)))
    .orderBy(asc(journalSollicitations.id));
}

/** A structure's entries between two dates (inclusive), for export, with site, stop and agent names. */
export async function entreesPourExport(db: Executor, p: Portee, structureId: string, du: string, au: string) {
  return db
    .select({
      ...colonnesEntree,
      siteNom: sites.nom,
      fuseau: sites.fuseauHoraire,
      arretNom: arrets.nom,
      agentPrenom: utilisateurs.prenom,
      agentNom: utilisateurs.nom,
    })
    .from(sollicitations)
    .innerJoin(sites, eq(sites.id, sollicitations.siteId))
    .leftJoin(arrets, eq(arrets.id, sollicitations.arretId))
    .innerJoin(utilisateurs, eq(utilisateurs.id, sollicitations.agentId))
    .where(
      and(
        eq(sollicitations.structureId, structureId),
        gte(sollicitations.jour, du),
        lte(sollicitations.jour, au),
        lignesDansPortee(p),
      ),
    )
    .orderBy(asc(sollicitations.survenueLe), asc(sollicitations.creeLe));
}

/** Structures in the scope, for the export form. */
export async function structuresDansLaPortee(db: Executor, p: Portee) {
  return db
    .selectDistinct({ id: structures.id, nom: structures.nom, departement: structures.departement })
    .from(structures)
    .innerJoin(sites, eq(sites.structureId, structures.id))
    .where(sitesDansPortee(p))
    .orderBy(asc(structures.nom))
    .limit(1000);
}
