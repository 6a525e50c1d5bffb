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
});
