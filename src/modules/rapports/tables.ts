import { date, index, integer, pgTable, primaryKey, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Counters of the request log by département, kept exact by a trigger on `sollicitations` (migration 0004): for each
 * day and département, how many requests carry each value of each dimension ("canal" = "telephone", "partenaire" =
 * <id>, "site" = <id>, "creneau" = "2-14" for Tuesdays 14:00-14:59, "total" = ""...). Reports above a structure read
 * these instead of the raw rows.
 */
export const statsDepartementJour = pgTable(
  'stats_departement_jour',
  {
    jour: date('jour').notNull(),
    departement: varchar('departement', { length: 3 }).notNull(),
    dimension: varchar('dimension', { length: 24 }).notNull(),
    valeur: varchar('valeur', { length: 40 }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jour, t.departement, t.dimension, t.valeur] })],
);

/** The same counters by calendar month (`mois` is the first day of the month). */
export const statsDepartementMois = pgTable(
  'stats_departement_mois',
  {
    mois: date('mois').notNull(),
    departement: varchar('departement', { length: 3 }).notNull(),
    dimension: varchar('dimension', { length: 24 }).notNull(),
    valeur: varchar('valeur', { length: 40 }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mois, t.departement, t.dimension, t.valeur] }),
    index('stats_mois_dimension_idx').on(t.dimension, t.mois),
  ],
);

/**
 * The same counters by site and calendar month (structure copied for its reports): a structure's or a site's report
 * over whole months reads a few hundred rows here instead of counting thousands of requests.
 */
export const statsSiteMois = pgTable(
  'stats_site_mois',
  {
    siteId: uuid('site_id').notNull(),
    mois: date('mois').notNull(),
    structureId: uuid('structure_id').notNull(),
    dimension: varchar('dimension', { length: 24 }).notNull(),
    valeur: varchar('valeur', { length: 40 }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.mois, t.dimension, t.valeur] }),
    index('stats_site_mois_structure_idx').on(t.structureId, t.mois),
  ],
);
