import { integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/** The email outbox: written in the business transaction, delivered afterwards. */
export const courriels = pgTable('courriels', {
  id: uuid('id').primaryKey().defaultRandom(),
  destinataire: varchar('destinataire', { length: 254 }).notNull(),
  sujet: varchar('sujet', { length: 300 }).notNull(),
  texte: text('texte').notNull(),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  envoyeLe: timestamp('envoye_le', { withTimezone: true }),
  tentatives: integer('tentatives').notNull().default(0),
  derniereErreur: text('derniere_erreur'),
  /**
   * Set on a message that carries a one-time link, to the link's expiry: the message is not sent after it, its body is
   * erased as soon as it is sent, and an unsent one is deleted then (ADR 0009).
   */
  expireLe: timestamp('expire_le', { withTimezone: true }),
});
