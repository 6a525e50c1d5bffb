import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
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

/** The 6 themes of the bouquet de services ("Formation, emploi et retraite", ...). */
export const themes = pgTable('themes', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: varchar('code', { length: 60 }).notNull().unique(),
  nom: varchar('nom', { length: 200 }).notNull(),
  ordre: integer('ordre').notNull().default(0),
  actif: boolean('actif').notNull().default(true),
});

/**
 * A life situation ("Je prépare ma retraite"): national (structure null, edited by the national administration) or
 * local to one structure. Never deleted: retiring it (actif = false) keeps every past request that points to it.
 */
export const situations = pgTable(
  'situations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: varchar('code', { length: 80 }).notNull().unique(),
    nom: varchar('nom', { length: 200 }).notNull(),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => themes.id),
    structureId: uuid('structure_id').references(() => structures.id),
    ordre: integer('ordre').notNull().default(0),
    actif: boolean('actif').notNull().default(true),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('situations_structure_idx').on(t.structureId)],
);

/** The partners concerned by a situation; the first (lowest `ordre`) is the default partner of a request. */
export const situationPartenaires = pgTable(
  'situation_partenaires',
  {
    situationId: uuid('situation_id')
      .notNull()
      .references(() => situations.id),
    partenaireId: uuid('partenaire_id')
      .notNull()
      .references(() => partenaires.id),
    ordre: integer('ordre').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.situationId, t.partenaireId] })],
);

export const rubriqueEnum = pgEnum('rubrique', ['accompagnement', 'numerique', 'demarches']);

/** What the agent does for a situation, under Accompagnement / Numérique / Démarches (the bouquet's items). */
export const prestations = pgTable(
  'prestations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    situationId: uuid('situation_id')
      .notNull()
      .references(() => situations.id),
    rubrique: rubriqueEnum('rubrique').notNull(),
    libelle: varchar('libelle', { length: 500 }).notNull(),
    ordre: integer('ordre').notNull().default(0),
    actif: boolean('actif').notNull().default(true),
  },
  (t) => [index('prestations_situation_idx').on(t.situationId)],
);
