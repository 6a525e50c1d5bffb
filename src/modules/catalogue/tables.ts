import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { structures } from '../structures/tables.ts';

/** National partners (the 9 of the accord-cadre) and local partners added by one structure. */
export const partenaires = pgTable(
  'partenaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: varchar('code', { length: 60 }).notNull().unique(),
    nom: varchar('nom', { length: 200 }).notNull(),
    nomCourt: varchar('nom_court', { length: 60 }).notNull(),
    national: boolean('national').notNull().default(false),
    /** Set for a local partner: only this structure sees it. */
    structureId: uuid('structure_id').references(() => structures.id),
    actif: boolean('actif').notNull().default(true),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    description: text('description'),
  },
  (t) => [
    check('partenaire_national_ou_local', sql`(${t.national} and ${t.structureId} is null) or not ${t.national}`),
  ],
);
