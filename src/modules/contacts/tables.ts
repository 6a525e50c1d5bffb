import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { sites, structures } from '../structures/tables.ts';

/** How the message reached the site: its public contact form, or an email to the site's address. */
export const canalContactEnum = pgEnum('canal_contact', ['formulaire', 'courriel']);
/** Set by people, never guessed: a reply sent makes it `repondue`; a new message from the person makes it `en_cours`. */
export const statutContactEnum = pgEnum('statut_contact', ['nouvelle', 'en_cours', 'repondue', 'close']);
/** The outcome recorded when an agent closes the request. */
export const issueContactEnum = pgEnum('issue_contact', [
  'reponse_apportee',
  'rendez_vous_propose',
  'oriente_partenaire',
  'sans_suite',
  'indesirable',
]);
/** One entry of a request's thread: what the person wrote, an agent's reply (sent), or an internal note (never sent). */
export const sensMessageContactEnum = pgEnum('sens_message_contact', ['entrant', 'reponse', 'note']);

/**
 * A request written to a site (issue 12): by its form or by email. The due instant of the "72 heures ouvrées"
 * promise is computed once on receipt by `delaiReponse` (ADR 0028) and kept (null when the site has no working day
 * within a year). Structure and département are copied on receipt, as in `sollicitations`, for the scope and the
 * reports. Names, contacts, subject and the thread's texts are erased on the delay of the retention rule.
 */
export const demandesContact = pgTable(
  'demandes_contact',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    departement: varchar('departement', { length: 3 }).notNull(),
    canal: canalContactEnum('canal').notNull(),
    nom: varchar('nom', { length: 100 }),
    courriel: varchar('courriel', { length: 254 }),
    telephone: varchar('telephone', { length: 20 }),
    objet: varchar('objet', { length: 200 }),
    recuLe: timestamp('recu_le', { withTimezone: true }).notNull(),
    echeance: timestamp('echeance', { withTimezone: true }),
    statut: statutContactEnum('statut').notNull().default('nouvelle'),
    /** The agent in charge (no foreign key: the record outlives the account). */
    assigneA: uuid('assigne_a'),
    premiereReponseLe: timestamp('premiere_reponse_le', { withTimezone: true }),
    closeLe: timestamp('close_le', { withTimezone: true }),
    issue: issueContactEnum('issue'),
    consentementLe: timestamp('consentement_le', { withTimezone: true }),
    /** When the 75 % alert and the breach alert were queued (each at most once). */
    alerteTroisQuartsLe: timestamp('alerte_trois_quarts_le', { withTimezone: true }),
    alerteDepassementLe: timestamp('alerte_depassement_le', { withTimezone: true }),
    anonymiseLe: timestamp('anonymise_le', { withTimezone: true }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('demandes_contact_site_idx').on(t.siteId, t.statut, t.echeance),
    index('demandes_contact_echeance_idx').on(t.echeance),
    index('demandes_contact_departement_idx').on(t.departement, t.recuLe),
    check(
      'demande_contact_joignable',
      sql`${t.anonymiseLe} is not null or ${t.courriel} is not null or ${t.telephone} is not null`,
    ),
    check(
      'demande_contact_close',
      sql`(${t.statut} = 'close') = (${t.closeLe} is not null and ${t.issue} is not null)`,
    ),
    check('demande_contact_reponse', sql`${t.premiereReponseLe} is null or ${t.premiereReponseLe} >= ${t.recuLe}`),
  ],
);

/**
 * The thread of a request. `messageId` is the RFC 5322 Message-ID of an email received or sent, so that replies
 * (`In-Reply-To`, `References`) land on the same request. Attachments are never kept: `piecesIgnorees` counts those
 * dropped, and the sender is told.
 */
export const messagesContact = pgTable(
  'messages_contact',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandeId: uuid('demande_id')
      .notNull()
      .references(() => demandesContact.id, { onDelete: 'cascade' }),
    sens: sensMessageContactEnum('sens').notNull(),
    /** The agent who wrote a reply or a note (no foreign key). */
    auteurId: uuid('auteur_id'),
    corps: varchar('corps', { length: 20000 }),
    messageId: varchar('message_id', { length: 300 }),
    piecesIgnorees: integer('pieces_ignorees').notNull().default(0),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('messages_contact_demande_idx').on(t.demandeId, t.creeLe),
    uniqueIndex('messages_contact_message_id_idx').on(t.messageId),
    check('message_contact_pieces', sql`${t.piecesIgnorees} between 0 and 1000`),
  ],
);

/**
 * Rate-limit marks of the contact form and the SMTP receiver, kept in PostgreSQL (no third-party captcha): one row per
 * accepted or attempted submission under a key ("ip:<HMAC of the address>", "site:<uuid>"). Purged after a day.
 */
export const limitesContact = pgTable(
  'limites_contact',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cle: varchar('cle', { length: 100 }).notNull(),
    le: timestamp('le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('limites_contact_cle_idx').on(t.cle, t.le)],
);
