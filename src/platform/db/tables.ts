import { pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/** One-off data loads already done on this database (the demo data, say), so that a restart does not repeat them. */
export const amorcages = pgTable('amorcages', {
  nom: varchar('nom', { length: 100 }).primaryKey(),
  le: timestamp('le', { withTimezone: true }).notNull().defaultNow(),
});
