import { and, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { definirRegle, limiteDe } from '../retention/index.ts';
import { messages } from './tables.ts';

// A finished message (sent, failed, cancelled) is kept 30 days to answer "did they get it?" (provider id, delivery),
// then deleted (GDPR art. 5(1)(e)); an unsent one whose one-time link has expired (pending, or cancelled for that
// reason) can never be sent: it goes at once. Pending messages are otherwise never purged: they are the backlog /healthz reports.

export const DELAI_MESSAGES = { jours: 30 };

async function appliquer(tx: Executor, maintenant: Date, limite: Date): Promise<number> {
  const rows = await tx
    .delete(messages)
    .where(
      or(
        and(
          inArray(messages.statut, ['envoye', 'echec', 'annule']),
          lt(sql`coalesce(${messages.remiseLe}, ${messages.envoyeLe}, ${messages.creeLe})`, limite),
        ),
        and(
          isNotNull(messages.expireLe),
          lt(messages.expireLe, maintenant),
          inArray(messages.statut, ['en_attente', 'annule']),
        ),
      ),
    )
    .returning({ id: messages.id });
  return rows.length;
}

export const REGLES_MESSAGES = [
  definirRegle({
    nom: 'messages.sortants',
    table: 'messages',
    donnees: 'recipient email or phone number, template parameters (names), provider id and delivery status',
    evenement:
      'message sent, failed or cancelled (its last delivery report); a pending link-bearing message: its expiry',
    delai: DELAI_MESSAGES,
    action: 'supprimer',
    appliquer: (tx, { maintenant, limite }) => appliquer(tx, maintenant, limite),
  }),
];

/** Deletes finished messages after 30 days and unsent ones whose link has expired; returns how many. */
export function purgerMessages(db: Executor, maintenant = new Date()): Promise<number> {
  return appliquer(db, maintenant, limiteDe(maintenant, DELAI_MESSAGES));
}
