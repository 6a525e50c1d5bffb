// SQL of the reception of requests (issue 12): a public site's identity, inserting a request with its first message,
// appending a message of the person, and the rate-limit marks. Reception is not an agent's act: no `Portee` here (the
// site is public; the request is reached only by its id, which the caller obtained from a thread or a citizen link).

import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { sites, structures } from '../structures/tables.ts';
import { demandesContact, limitesContact, messagesContact } from './tables.ts';

/** An active site of an active structure, with what a request copies and what the acknowledgement says. */
export async function siteReception(db: Executor, siteId: string) {
  const [site] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      idFs: sites.idFs,
      adresse: sites.adresse,
      codePostal: sites.codePostal,
      commune: sites.commune,
      structureId: sites.structureId,
      structureNom: structures.nom,
      departement: structures.departement,
      fuseau: sites.fuseauHoraire,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), eq(sites.actif, true), eq(structures.actif, true)))
    .limit(1);
  return site ?? null;
}

export type NouvelleDemande = typeof demandesContact.$inferInsert;

/** Inserts a request and its first incoming message; returns the request's id. */
export async function insererDemande(
  tx: Executor,
  demande: NouvelleDemande,
  message: { corps: string; messageId?: string; piecesIgnorees: number; creeLe: Date },
): Promise<string> {
  const [ligne] = await tx.insert(demandesContact).values(demande).returning({ id: demandesContact.id });
  if (!ligne) throw new Error('insert of demandes_contact returned nothing');
  await tx.insert(messagesContact).values({ demandeId: ligne.id, sens: 'entrant', ...message });
  return ligne.id;
}

/** The request a message already recorded with this Message-ID belongs to (a mail delivered twice), if any. */
export async function demandeDuMessageId(db: Executor, messageId: string): Promise<string | null> {
  const [ligne] = await db
    .select({ demandeId: messagesContact.demandeId })
    .from(messagesContact)
    .where(eq(messagesContact.messageId, messageId))
    .limit(1);
  return ligne?.demandeId ?? null;
}

/** A request, locked for the update that a new message of the person makes. */
export async function demandePourMessage(tx: Executor, demandeId: string) {
  const [ligne] = await tx
    .select({
      id: demandesContact.id,
      siteId: demandesContact.siteId,
      canal: demandesContact.canal,
      statut: demandesContact.statut,
      echeance: demandesContact.echeance,
      closeLe: demandesContact.closeLe,
      anonymiseLe: demandesContact.anonymiseLe,
      nom: demandesContact.nom,
      courriel: demandesContact.courriel,
      telephone: demandesContact.telephone,
      objet: demandesContact.objet,
    })
    .from(demandesContact)
    .where(eq(demandesContact.id, demandeId))
    .limit(1)
    .for('update');
  return ligne ?? null;
}

/** Appends a message of the person to a request and sets the request's status (reopening it when answered or closed). */
export async function ajouterEntrant(
  tx: Executor,
  demandeId: string,
  message: { corps: string; messageId?: string; piecesIgnorees: number; creeLe: Date },
  rouvrir: boolean,
): Promise<string> {
  const [ligne] = await tx
    .insert(messagesContact)
    .values({ demandeId, sens: 'entrant', ...message })
    .returning({ id: messagesContact.id });
  if (rouvrir) {
    await tx
      .update(demandesContact)
      .set({ statut: 'en_cours', closeLe: null, issue: null })
      .where(eq(demandesContact.id, demandeId));
  }
  if (!ligne) throw new Error('insert of messages_contact returned nothing');
  return ligne.id;
}

/**
 * Records one mark under each key unless one of them already holds `max` marks since `depuis`; the keys are locked
 * (advisory, transaction-wide) so that two submissions cannot both pass the last free place. Returns the first key
 * found full, or null when the marks were recorded.
 */
export async function consommerLimites(
  tx: Executor,
  limites: Array<{ cle: string; max: number }>,
  depuis: Date,
  maintenant: Date,
): Promise<string | null> {
  const triees = [...limites].sort((a, b) => a.cle.localeCompare(b.cle));
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
}
