import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { utilisateurs } from '../comptes/tables.ts';
import type { RapportImport } from './service.ts';

const octets = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * One import of the national list started from the upload page: the file itself until the run ends, its progress and
 * its report. Run by the job `imports.liste-nationale` (ADR 0020), so that it survives a restart of the server.
 */
export const importsListe = pgTable(
  'imports_liste',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What the page calls the file, e.g. "liste nationale (CSV)". */
    fichier: text('fichier').notNull(),
    /** The uploaded bytes; erased once the run has ended. */
    contenu: octets('contenu'),
    auteur: uuid('auteur').references(() => utilisateurs.id, { onDelete: 'set null' }),
    etat: text('etat', { enum: ['en_attente', 'en_cours', 'terminee', 'echec'] })
      .notNull()
      .default('en_attente'),
    /** Runs started: more than one when the import was resumed after a restart. */
    tentatives: integer('tentatives').notNull().default(0),
    faites: integer('faites').notNull().default(0),
    total: integer('total').notNull().default(0),
    rapport: jsonb('rapport').$type<RapportImport>(),
    erreur: text('erreur'),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    debuteLe: timestamp('debute_le', { withTimezone: true }),
    termineLe: timestamp('termine_le', { withTimezone: true }),
  },
  (t) => [
    check('imports_liste_etat', sql`${t.etat} in ('en_attente', 'en_cours', 'terminee', 'echec')`),
    index('imports_liste_cree_le').on(t.creeLe),
  ],
);
