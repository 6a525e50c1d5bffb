import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { situations, themes } from '../catalogue/tables.ts';
import { utilisateurs } from '../comptes/tables.ts';
import { citoyens, mandats } from '../mandats/tables.ts';
import { arrets, sites, structures } from '../structures/tables.ts';

export const canalEnum = pgEnum('canal', [
  'accueil_physique',
  'telephone',
  'courriel_formulaire',
  'visio',
  'hors_les_murs',
]);
export const niveauAideEnum = pgEnum('niveau_aide', [
  'information_orientation',
  'accompagnement_numerique',
  'aide_demarche',
  'mise_en_relation',
  'prise_rdv',
]);
export const issueEnum = pgEnum('issue_sollicitation', [
  'resolu',
  'a_suivre',
  'oriente_partenaire',
  'transmis_referent',
]);
export const dureeEnum = pgEnum('tranche_duree', ['moins_10', 'de_10_a_30', 'de_30_a_60', 'plus_60']);
export const trancheAgeEnum = pgEnum('tranche_age', [
  'moins_26',
  'de_26_a_39',
  'de_40_a_54',
  'de_55_a_64',
  'de_65_a_74',
  'plus_75',
]);

/**
 * One request handled at a counter (a sollicitation). Anonymous by design: no name, no identifier, only an optional
 * age band and commune of residence. Site, structure, département and theme are copied onto the row when it is written
 * so that reports group without joins and keep the attribution the request had when it was made.
 */
export const sollicitations = pgTable(
  'sollicitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    /** For a tour: the stop where the request was made (it counts for the tour's site). */
    arretId: uuid('arret_id').references(() => arrets.id),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    departement: varchar('departement', { length: 3 }).notNull(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => utilisateurs.id),
    survenueLe: timestamp('survenue_le', { withTimezone: true }).notNull(),
    /** The civil date of `survenueLe` in the site's time zone. */
    jour: date('jour').notNull(),
    canal: canalEnum('canal').notNull(),
    situationId: uuid('situation_id')
      .notNull()
      .references(() => situations.id),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => themes.id),
    partenaires: uuid('partenaires').array().notNull(),
    niveau: niveauAideEnum('niveau').notNull(),
    issue: issueEnum('issue').notNull(),
    duree: dureeEnum('duree').notNull(),
    nonRecours: boolean('non_recours').notNull().default(false),
    difficulteNumerique: boolean('difficulte_numerique').notNull().default(false),
    premiereVisite: boolean('premiere_visite').notNull().default(false),
    trancheAge: trancheAgeEnum('tranche_age'),
    communeResidence: varchar('commune_residence', { length: 5 }),
    note: varchar('note', { length: 200 }),
    /** The mandate the agent acted under, when the request was done in the person's name (issue 14). */
    mandatId: uuid('mandat_id').references(() => mandats.id),
    /** The citizen record of the person, when one exists (erased with the record). */
    citoyenId: uuid('citoyen_id').references(() => citoyens.id, { onDelete: 'set null' }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }),
    modifiePar: uuid('modifie_par').references(() => utilisateurs.id),
  },
  (t) => [
    index('sollicitations_site_jour_idx').on(t.siteId, t.jour),
    index('sollicitations_structure_jour_idx').on(t.structureId, t.jour),
    index('sollicitations_agent_cree_idx').on(t.agentId, t.creeLe),
    check('sollicitation_partenaires', sql`cardinality(${t.partenaires}) between 1 and 12`),
  ],
);

export const operationJournalEnum = pgEnum('operation_journal', ['creation', 'modification', 'suppression']);

/**
 * Every create, change and delete of a request, written by a database trigger (who, when, before, after).
 * Append-only: triggers refuse UPDATE, DELETE and TRUNCATE (migration 0003).
 */
export const journalSollicitations = pgTable(
  'journal_sollicitations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sollicitationId: uuid('sollicitation_id').notNull(),
    structureId: uuid('structure_id').notNull(),
    siteId: uuid('site_id').notNull(),
    operation: operationJournalEnum('operation').notNull(),
    par: uuid('par').notNull(),
    le: timestamp('le', { withTimezone: true }).notNull().defaultNow(),
    avant: jsonb('avant'),
    apres: jsonb('apres'),
  },
  (t) => [index('journal_sollicitation_idx').on(t.sollicitationId), index('journal_structure_idx').on(t.structureId)],
);
