import { boolean, index, pgEnum, pgTable, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const porteurEnum = pgEnum('porteur', [
  'commune',
  'intercommunalite',
  'departement',
  'association',
  'la_poste',
  'etat',
  'autre',
]);

export const genreSiteEnum = pgEnum('genre_site', ['principal', 'antenne', 'multisite', 'itinerant']);

/** A labelled France services structure; its département decides which coordinator sees it. */
export const structures = pgTable(
  'structures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    nom: varchar('nom', { length: 200 }).notNull(),
    departement: varchar('departement', { length: 3 }).notNull(),
    porteur: porteurEnum('porteur').notNull(),
    actif: boolean('actif').notNull().default(true),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('structures_departement_idx').on(t.departement)],
);

/** A place where the public is welcomed: a fixed site, an antenna, one site of a multi-site network, or a tour. */
export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    nom: varchar('nom', { length: 200 }).notNull(),
    genre: genreSiteEnum('genre').notNull(),
    adresse: varchar('adresse', { length: 200 }).notNull(),
    complementAdresse: varchar('complement_adresse', { length: 200 }),
    codePostal: varchar('code_postal', { length: 5 }).notNull(),
    commune: varchar('commune', { length: 120 }).notNull(),
    codeInsee: varchar('code_insee', { length: 5 }),
    telephone: varchar('telephone', { length: 20 }),
    courriel: varchar('courriel', { length: 254 }),
    agencePostale: boolean('agence_postale').notNull().default(false),
    actif: boolean('actif').notNull().default(true),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sites_structure_idx').on(t.structureId)],
);
