import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { partenaires } from '../catalogue/tables.ts';

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

/** What a tour's stops with an ISO week parity do in week 53 (horaires/semaine53.ts). */
export const regleSemaine53Enum = pgEnum('regle_semaine_53', ['impaire', 'paire', 'aucune', 'alterner']);

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
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** True when the position is the commune's centre, not the site's address. */
    coordonneesApprochees: boolean('coordonnees_approchees').notNull().default(false),
    /** Opening hours in OSM `opening_hours` syntax; for an itinerant service, the hours are its stops'. */
    horaires: text('horaires'),
    /** The hours as first received (ANCT weekday text), kept verbatim: { lundi: '09:00 - 12:00 / 13:30 - 17:00', … }. */
    horairesSource: jsonb('horaires_source').$type<Record<string, string>>(),
    /** IANA time zone: overseas sites are not on Paris time. */
    fuseauHoraire: varchar('fuseau_horaire', { length: 40 }).notNull().default('Europe/Paris'),
    /** For a tour: what its stops with a parity do in ISO week 53, chosen by its manager (odd, as ISO says, by default). */
    semaine53: regleSemaine53Enum('semaine_53').notNull().default('impaire'),
    accessibilite: text('accessibilite'),
    services: text('services').array().notNull().default(sql`'{}'::text[]`),
    dateLabellisation: date('date_labellisation'),
    /** The ANCT's identifier of the site in the national list, when known. */
    idFs: integer('id_fs'),
    /**
     * The provisional identifier (`temp_12`) under which the national list published a site before numbering it;
     * cleared when a later list gives the site its id_fs.
     */
    idFsProvisoire: varchar('id_fs_provisoire', { length: 20 }),
    commentaire: text('commentaire'),
    actif: boolean('actif').notNull().default(true),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sites_structure_idx').on(t.structureId),
    uniqueIndex('sites_id_fs_unique').on(t.idFs),
    uniqueIndex('sites_id_fs_provisoire_unique').on(t.idFsProvisoire),
  ],
);

/** Partners present at a site (through trained agents, permanences or référents). */
export const sitePartenaires = pgTable(
  'site_partenaires',
  {
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    partenaireId: uuid('partenaire_id')
      .notNull()
      .references(() => partenaires.id),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.partenaireId] })],
);

export const semainesEnum = pgEnum('semaines', ['toutes', 'paires', 'impaires']);

/** A stop of an itinerant service (bus or travelling agent): where it stands and when, on which ISO weeks. */
export const arrets = pgTable(
  'arrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    nom: varchar('nom', { length: 200 }).notNull(),
    adresse: varchar('adresse', { length: 200 }).notNull(),
    codePostal: varchar('code_postal', { length: 5 }).notNull(),
    commune: varchar('commune', { length: 120 }).notNull(),
    codeInsee: varchar('code_insee', { length: 5 }),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** OSM `opening_hours` of this stop, e.g. `Mo 09:30-12:30,13:30-15:30; PH off`. */
    horaires: text('horaires').notNull(),
    semaines: semainesEnum('semaines').notNull().default('toutes'),
    ordre: integer('ordre').notNull().default(0),
    actif: boolean('actif').notNull().default(true),
  },
  (t) => [index('arrets_site_idx').on(t.siteId)],
);

/** An exceptional closure of a site (inclusive dates), with when it was announced: the charter wants 7 days' notice. */
export const fermetures = pgTable(
  'fermetures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    debut: date('debut').notNull(),
    fin: date('fin').notNull(),
    motif: varchar('motif', { length: 300 }).notNull(),
    /** Required when announced less than 7 days ahead. */
    motifUrgence: varchar('motif_urgence', { length: 300 }),
    annonceLe: timestamp('annonce_le', { withTimezone: true }).notNull().defaultNow(),
    /** The person who announced it (no foreign key: the record outlives the account). */
    annoncePar: uuid('annonce_par'),
  },
  (t) => [index('fermetures_site_idx').on(t.siteId, t.debut), check('fermeture_dates', sql`${t.fin} >= ${t.debut}`)],
);
