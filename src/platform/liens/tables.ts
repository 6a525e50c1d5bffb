import { index, integer, pgEnum, pgTable, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const usageLienEnum = pgEnum('usage_lien', ['unique', 'multiple']);

/**
 * Links handed to citizens without an account (ADR 0023): only the SHA-256 of the random token is stored, so a
 * database leak gives no working link. `objet` is a purpose declared in code (`ObjetLien`), not an enum, so that a
 * module adds its purposes without a migration.
 */
export const liensCitoyens = pgTable(
  'liens_citoyens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    empreinte: varchar('empreinte', { length: 64 }).notNull().unique(),
    objet: varchar('objet', { length: 60 }).notNull(),
    /** The id of what the link acts on (an appointment, a contact request, a mandate). */
    sujet: uuid('sujet').notNull(),
    expireLe: timestamp('expire_le', { withTimezone: true }).notNull(),
    usage: usageLienEnum('usage').notNull(),
    utilisations: integer('utilisations').notNull().default(0),
    /** The last use (the only one for a single-use link). */
    utiliseLe: timestamp('utilise_le', { withTimezone: true }),
    revoqueLe: timestamp('revoque_le', { withTimezone: true }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('liens_citoyens_sujet_idx').on(t.objet, t.sujet), index('liens_citoyens_expire_idx').on(t.expireLe)],
);
