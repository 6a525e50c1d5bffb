// SQL of the SMTP receiver (issue 12, ADR 0029): which public site an address designates, and which of its requests a
// reply belongs to. The receiver acts for no one: no `Portee` here (the site is public, and a request is reached only
// by the Message-IDs of its own thread, at that site).

import { and, between, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { sites, structures } from '../structures/tables.ts';
import type { CibleAdresse } from './adresse.ts';
import { demandesContact, messagesContact } from './tables.ts';

/**
 * The active site of an active structure an address designates (by its national id, or by the first 12 hex digits
 * of its uuid: null if two sites shared them); null for none.
 */
export async function siteDeAdresse(db: Executor, cible: NonNullable<CibleAdresse>): Promise<string | null> {
  const lignes = await db
    .select({ id: sites.id })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(
      and(
        'idFs' in cible
          ? eq(sites.idFs, cible.idFs)
          : // A range on the primary key, so that the index serves the prefix.
            between(
              sites.id,
              `${cible.prefixeUuid}-0000-0000-000000000000`,
              `${cible.prefixeUuid}-ffff-ffff-ffffffffffff`,
            ),
        eq(sites.actif, true),
        eq(structures.actif, true),
      ),
    )
    .limit(2);
  return lignes.length === 1 ? (lignes[0]?.id ?? null) : null;
}

/** The request of this site whose thread holds one of these Message-IDs (the latest message first); null if none. */
export async function demandeDuFil(db: Executor, siteId: string, ids: string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const [ligne] = await db
    .select({ id: demandesContact.id })
    .from(messagesContact)
    .innerJoin(demandesContact, eq(demandesContact.id, messagesContact.demandeId))
    .where(and(eq(demandesContact.siteId, siteId), inArray(messagesContact.messageId, ids)))
    .orderBy(desc(messagesContact.creeLe))
    .limit(1);
  return ligne?.id ?? null;
}

/** What a second acknowledgement of a request needs: its site, the person's email, its due instant, first answer. */
export async function demandePourAccuse(db: Executor, demandeId: string) {
  const [ligne] = await db
    .select({
      siteId: demandesContact.siteId,
      courriel: demandesContact.courriel,
      echeance: demandesContact.echeance,
      premiereReponseLe: demandesContact.premiereReponseLe,
    })
    .from(demandesContact)
    .where(eq(demandesContact.id, demandeId))
    .limit(1);
  return ligne ?? null;
}

/** The latest requests (at most `n`) of this site from this email address, to recognise a reply to their acknowledgement. */
export async function demandesDeLExpediteur(db: Executor, siteId: string, courriel: string, n = 50) {
  return db
    .select({ id: demandesContact.id })
    .from(demandesContact)
    .where(and(eq(demandesContact.siteId, siteId), eq(demandesContact.courriel, courriel)))
    .orderBy(desc(demandesContact.recuLe))
    .limit(n);
}
