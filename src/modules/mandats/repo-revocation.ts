// Queries of revocation and expiry (issue 14 point 3): the mandate with what its pages and messages show (the
// person's first name and contact, the structure, the site's clock, the scope), the guarded status changes.

import { and, count, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires, situations } from '../catalogue/tables.ts';
import { limitesContact } from '../contacts/tables.ts';
import { sites, structures } from '../structures/tables.ts';
import { citoyens, mandats, perimetresMandats } from './tables.ts';

const colonnes = {
  id: mandats.id,
  reference: mandats.reference,
  structureId: mandats.structureId,
  siteId: mandats.siteId,
  statut: mandats.statut,
  duree: mandats.duree,
  debut: mandats.debut,
  fin: mandats.fin,
  termineLe: mandats.termineLe,
  origineRevocation: mandats.origineRevocation,
  empreinteCode: mandats.empreinteCode,
  anonymiseLe: mandats.anonymiseLe,
  prenom: citoyens.prenom,
  nom: citoyens.nom,
  courriel: citoyens.courriel,
  telephone: citoyens.telephone,
  structure: structures.nom,
  site: sites.nom,
  fuseau: sites.fuseauHoraire,
};

/** A mandate with its citizen's first name and contact, its structure and site; `verrou` locks its row. */
export async function mandatEtContact(db: Executor, mandatId: string, verrou = false) {
  const q = db
    .select(colonnes)
    .from(mandats)
    .innerJoin(structures, eq(structures.id, mandats.structureId))
    .innerJoin(sites, eq(sites.id, mandats.siteId))
    .leftJoin(citoyens, eq(citoyens.id, mandats.citoyenId))
    .where(eq(mandats.id, mandatId));
  const [m] = await (verrou ? q.for('update', { of: mandats }) : q);
  return m ?? null;
}

export type MandatContact = NonNullable<Awaited<ReturnType<typeof mandatEtContact>>>;

/** The same, found by its reference (the public page). */
export async function mandatParReference(db: Executor, reference: string) {
  const [m] = await db.select({ id: mandats.id }).from(mandats).where(eq(mandats.reference, reference));
  return m ? mandatEtContact(db, m.id) : null;
}

/** The scope of a mandate in words: each partner, with its life situations when limited to some. */
export async function perimetreEnClair(db: Executor, mandatId: string): Promise<string[]> {
  const rows = await db
    .select({ partenaire: partenaires.nom, situation: situations.nom })
    .from(perimetresMandats)
    .innerJoin(partenaires, eq(partenaires.id, perimetresMandats.partenaireId))
    .leftJoin(situations, eq(situations.id, perimetresMandats.situationId))
    .where(eq(perimetresMandats.mandatId, mandatId))
    .orderBy(partenaires.nom);
  const parPartenaire = new Map<string, string[]>();
  for (const r of rows) {
    const l = parPartenaire.get(r.partenaire) ?? [];
    if (r.situation) l.push(r.situation);
    parPartenaire.set(r.partenaire, l);
  }
  return [...parPartenaire].map(([p, s]) => (s.length > 0 ? `${p} : ${s.join(', ')}` : `${p} : toutes démarches`));
}

/** Revokes a mandate still in force (signed or active); false when it no longer was (nothing written then). */
export async function revoquer(
  tx: Executor,
  mandatId: string,
  origine: 'agent' | 'code' | 'lien',
  revoquePar: string | null,
  maintenant: Date,
): Promise<boolean> {
  const rows = await tx
    .update(mandats)
    .set({ statut: 'revoque', termineLe: maintenant, origineRevocation: origine, revoquePar })
    .where(
      and(eq(mandats.id, mandatId), inArray(mandats.statut, ['signe', 'actif']), sql`${mandats.fin} > ${maintenant}`),
    )
    .returning({ id: mandats.id });
  return rows.length === 1;
}

/** Active mandates whose end has passed (the expiry job), oldest first, a batch at a time. */
export async function mandatsEchus(db: Executor, maintenant: Date, lot = 200) {
  return db
    .select({ id: mandats.id, structureId: mandats.structureId, fin: mandats.fin })
    .from(mandats)
    .where(and(inArray(mandats.statut, ['actif', 'signe']), sql`${mandats.fin} <= ${maintenant}`))
    .orderBy(mandats.fin)
    .limit(lot);
}

/** Marks a mandate expired at its end, if still in force; false when another sweep or a revocation came first. */
export async function expirer(tx: Executor, mandatId: string, maintenant: Date): Promise<{ fin: Date } | null> {
  const [m] = await tx
    .update(mandats)
    .set({ statut: 'expire', termineLe: sql`${mandats.fin}` })
    .where(
      and(eq(mandats.id, mandatId), inArray(mandats.statut, ['signe', 'actif']), sql`${mandats.fin} <= ${maintenant}`),
    )
    .returning({ fin: mandats.fin });
  return m?.fin ? { fin: m.fin } : null;
}

/** Mandates of six or twelve months (or one month) in force whose end comes within `joursMax` days. */
export async function mandatsProchesDeLaFin(db: Executor, maintenant: Date, joursMax: number, lot = 500) {
  return db
    .select({
      id: mandats.id,
      reference: mandats.reference,
      structureId: mandats.structureId,
      siteId: mandats.siteId,
      duree: mandats.duree,
      fin: mandats.fin,
      rappelsEnvoyes: mandats.rappelsEnvoyes,
      site: sites.nom,
      fuseau: sites.fuseauHoraire,
    })
    .from(mandats)
    .innerJoin(sites, eq(sites.id, mandats.siteId))
    .where(
      and(
        inArray(mandats.statut, ['signe', 'actif']),
        inArray(mandats.duree, ['mois', 'six_mois', 'douze_mois']),
        sql`${mandats.fin} > ${maintenant}`,
        sql`${mandats.fin} <= ${maintenant}::timestamptz + make_interval(days => ${joursMax})`,
      ),
    )
    .orderBy(mandats.fin)
    .limit(lot);
}

/**
 * Records the reminders `jours` as sent (the one due and the earlier ones it replaces), unless the one due already
 * was: the guard of "each once", in the transaction that queues its emails.
 */
export async function marquerRappel(tx: Executor, mandatId: string, du: number, jours: number[]): Promise<boolean> {
  const rows = await tx
    .update(mandats)
    .set({
      rappelsEnvoyes: sql`(select coalesce(array_agg(distinct j order by j desc), '{}') from unnest(${mandats.rappelsEnvoyes} || ${sql.raw(`array[${jours.map((j) => Math.trunc(j)).join(',')}]::integer[]`)}) j)`,
    })
    .where(and(eq(mandats.id, mandatId), sql`not (${du}::integer = any(${mandats.rappelsEnvoyes}))`))
    .returning({ id: mandats.id });
  return rows.length === 1;
}

/**
 * Who is reminded of a mandate's end: the structure's managers; failing them, its agents working at the site (no site
 * restriction, or one that includes it). Active accounts only.
 */
export async function destinatairesRappel(db: Executor, structureId: string, siteId: string) {
  const { rows } = await db.execute<{ id: string; courriel: string; role: string }>(sql`
    select distinct u.id::text as id, u.courriel, h.role::text as role
    from habilitations h join utilisateurs u on u.id = h.utilisateur_id
    where u.actif and h.structure_id = ${structureId}
      and (h.role = 'gestionnaire' or (h.role = 'agent' and (
        not exists (select 1 from habilitation_sites hs where hs.habilitation_id = h.id)
        or exists (select 1 from habilitation_sites hs where hs.habilitation_id = h.id and hs.site_id = ${siteId}))))
    order by u.courriel`);
  const gestionnaires = rows.filter((r) => r.role === 'gestionnaire');
  const choisis = gestionnaires.length > 0 ? gestionnaires : rows;
  return [...new Map(choisis.map((r) => [r.id, { id: r.id, courriel: r.courriel }])).values()];
}

/** The sites where the objects named by journal entries were handled (requests, appointments, cases), by object id. */
export async function sitesDesObjets(db: Executor, objets: Array<{ type: string; id: string }>) {
  const ids = (type: string) => [...new Set(objets.filter((o) => o.type === type).map((o) => o.id))];
  const resultat = new Map<string, string>();
  const requetes: Array<[string, string[]]> = [
    ['sollicitations', ids('sollicitation')],
    ['rendez_vous', ids('rendez_vous')],
    ['saisines', ids('saisine')],
  ];
  for (const [table, liste] of requetes) {
    if (liste.length === 0) continue;
    const { rows } = await db.execute<{ id: string; site: string }>(sql`
      select o.id::text as id, s.nom as site from ${sql.identifier(table)} o join sites s on s.id = o.site_id
      where o.id in ${liste}`);
    for (const r of rows) resultat.set(r.id, r.site);
  }
  return resultat;
}

const HEURE_MS = 3_600_000;

/**
 * Counts one attempt at the public revocation page against hourly limits (keys `mandats:ip:<HMAC>`,
 * `mandats:ref:<reference>`), in the table of the contact form's limits (purged after a day by its rule); returns the
 * key already full (nothing counted then), or null.
 */
export async function consommerTentative(
  db: Executor,
  limites: Array<{ cle: string; max: number }>,
  maintenant: Date,
): Promise<string | null> {
  const depuis = new Date(maintenant.getTime() - HEURE_MS);
  const triees = [...limites].sort((a, b) => a.cle.localeCompare(b.cle));
  return db.transaction(async (tx) => {
    for (const { cle } of triees) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`limites_contact:${cle}`}, 0))`);
    }
    for (const { cle, max } of triees) {
      const [ligne] = await tx
        .select({ n: count() })
        .from(limitesContact)
        .where(and(eq(limitesContact.cle, cle), gte(limitesContact.le, depuis)));
      if ((ligne?.n ?? 0) >= max) return cle;
    }
    await tx.insert(limitesContact).values(triees.map(({ cle }) => ({ cle, le: maintenant })));
    return null;
  });
}

/** The oldest attempt still counted under a key: when it leaves the hour, one more attempt is allowed. */
export async function premiereTentative(db: Executor, cle: string, maintenant: Date): Promise<Date | null> {
  const [l] = await db
    .select({ le: sql<Date>`min(${limitesContact.le})` })
    .from(limitesContact)
    .where(and(eq(limitesContact.cle, cle), gte(limitesContact.le, new Date(maintenant.getTime() - HEURE_MS))));
  return l?.le ? new Date(l.le) : null;
}
