import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * The outbox of emails and SMS (ADR 0021): written in the business transaction, rendered from its template and sent
 * afterwards by the `messages.envoyer` job. No body is stored: the parameters are rendered at send time, and a
 * one-time link is derived then from the key (`cle`) and a server secret, so it is never stored in clear.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    canal: varchar('canal', { length: 10 }).notNull().$type<'courriel' | 'sms'>(),
    /** An email address or a phone number in E.164 form. */
    destinataire: varchar('destinataire', { length: 254 }).notNull(),
    /** The template's key in the registry (`modeles.ts`). */
    modele: varchar('modele', { length: 100 }).notNull(),
    parametres: jsonb('parametres').notNull().$type<Record<string, unknown>>(),
    /** Idempotency key: one message per key, also given to the provider (Message-ID, request_id). */
    cle: varchar('cle', { length: 200 }).notNull().unique(),
    statut: varchar('statut', { length: 12 })
      .notNull()
      .default('en_attente')
      .$type<'en_attente' | 'envoi' | 'envoye' | 'echec' | 'annule'>(),
    tentatives: integer('tentatives').notNull().default(0),
    /** When a pending message may next be tried (exponential backoff after a failure). */
    prochainEssaiLe: timestamp('prochain_essai_le', { withTimezone: true }).notNull().defaultNow(),
    /** While `envoi`: the claim's lease; past it, the sender is presumed dead and the message pending again. */
    bailJusquA: timestamp('bail_jusqu_a', { withTimezone: true }),
    derniereErreur: text('derniere_erreur'),
    /** The provider's id of the message (SMTP answer's queue id, SMS ticket), to match delivery receipts. */
    idFournisseur: varchar('id_fournisseur', { length: 200 }),
    /** Delivery as reported by the provider (SMS receipts: `DELIVERED`, `NOT_DELIVERED`…), and when. */
    remise: varchar('remise', { length: 40 }),
    remiseLe: timestamp('remise_le', { withTimezone: true }),
    /** SMS: number of segments of the rendered text (GSM-7 or UCS-2), counted at enqueue. */
    segments: integer('segments'),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    envoyeLe: timestamp('envoye_le', { withTimezone: true }),
    /** For a message carrying a one-time link: the link's expiry; not sent after it (cancelled), purged then. */
    expireLe: timestamp('expire_le', { withTimezone: true }),
  },
  (t) => [
    index('messages_a_envoyer').on(t.statut, t.prochainEssaiLe),
    index('messages_fournisseur').on(t.idFournisseur),
    check('messages_canal', sql`${t.canal} in ('courriel', 'sms')`),
    check('messages_statut', sql`${t.statut} in ('en_attente', 'envoi', 'envoye', 'echec', 'annule')`),
  ],
);
