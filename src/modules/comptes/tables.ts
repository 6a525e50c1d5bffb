import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
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
import { sites, structures } from '../structures/tables.ts';

export const roleEnum = pgEnum('role', ['admin_national', 'coordinateur', 'gestionnaire', 'agent', 'referent']);

/** A person who signs in. Several habilitations (roles with scope) may hang off one person. */
export const utilisateurs = pgTable(
  'utilisateurs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courriel: varchar('courriel', { length: 254 }).notNull(),
    prenom: varchar('prenom', { length: 100 }).notNull(),
    nom: varchar('nom', { length: 100 }).notNull(),
    /** argon2id hash; null until an invited person chooses a password. */
    motDePasse: text('mot_de_passe'),
    actif: boolean('actif').notNull().default(true),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
    derniereConnexionLe: timestamp('derniere_connexion_le', { withTimezone: true }),
  },
  (t) => [uniqueIndex('utilisateurs_courriel_unique').on(sql`lower(${t.courriel})`)],
);

/** A role held by a person, with its scope. The check constraint keeps each role's scope well-formed. */
export const habilitations = pgTable(
  'habilitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    utilisateurId: uuid('utilisateur_id')
      .notNull()
      .references(() => utilisateurs.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    structureId: uuid('structure_id').references(() => structures.id),
    partenaireId: uuid('partenaire_id').references(() => partenaires.id),
    departements: varchar('departements', { length: 3 }).array().notNull().default(sql`'{}'::varchar[]`),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('habilitations_utilisateur_idx').on(t.utilisateurId),
    index('habilitations_structure_idx').on(t.structureId),
    check(
      'habilitation_portee_coherente',
      sql`case ${t.role}
        when 'admin_national' then ${t.structureId} is null and ${t.partenaireId} is null and cardinality(${t.departements}) = 0
        when 'coordinateur' then ${t.structureId} is null and ${t.partenaireId} is null and cardinality(${t.departements}) > 0
        when 'gestionnaire' then ${t.structureId} is not null and ${t.partenaireId} is null and cardinality(${t.departements}) = 0
        when 'agent' then ${t.structureId} is not null and ${t.partenaireId} is null and cardinality(${t.departements}) = 0
        when 'referent' then ${t.structureId} is null and ${t.partenaireId} is not null and cardinality(${t.departements}) > 0
      end`,
    ),
  ],
);

/** Optional restriction of an agent's habilitation to some sites of their structure. */
export const habilitationSites = pgTable(
  'habilitation_sites',
  {
    habilitationId: uuid('habilitation_id')
      .notNull()
      .references(() => habilitations.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
  },
  (t) => [primaryKey({ columns: [t.habilitationId, t.siteId] })],
);

export const methodeConnexionEnum = pgEnum('methode_connexion', ['mot_de_passe', 'proconnect']);

/** Server-side sessions; the id is the SHA-256 of the cookie's random token, so a database leak gives no session. */
export const sessions = pgTable(
  'sessions',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    utilisateurId: uuid('utilisateur_id')
      .notNull()
      .references(() => utilisateurs.id, { onDelete: 'cascade' }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    vuLe: timestamp('vu_le', { withTimezone: true }).notNull().defaultNow(),
    expireLe: timestamp('expire_le', { withTimezone: true }).notNull(),
    /** How the person signed in: their password (and TOTP when required), or ProConnect (issue 15). */
    methode: methodeConnexionEnum('methode').notNull().default('mot_de_passe'),
    /**
     * The password was right but the second factor is still due: such a session opens only the second-factor pages,
     * and is replaced by a new one (new id) once the code is checked.
     */
    secondFacteurEnAttente: boolean('second_facteur_en_attente').notNull().default(false),
    /** ProConnect's ID token for the end-session request's `id_token_hint`, encrypted (AES-256-GCM, bound to the id). */
    idToken: text('id_token'),
  },
  (t) => [index('sessions_utilisateur_idx').on(t.utilisateurId), index('sessions_expire_idx').on(t.expireLe)],
);

/**
 * A person's ProConnect identity (issue 15, ADR 0032): the provider's `sub` with the identity provider it came
 * through (`idp_id`). Accounts are found by it, never by email, once linked; the link is made once, at the first
 * ProConnect sign-in of an invited person (verified email, pending invitation) or by the signed-in person themselves.
 */
export const identitesProconnect = pgTable(
  'identites_proconnect',
  {
    utilisateurId: uuid('utilisateur_id')
      .primaryKey()
      .references(() => utilisateurs.id, { onDelete: 'cascade' }),
    sub: varchar('sub', { length: 255 }).notNull(),
    idpId: varchar('idp_id', { length: 255 }).notNull(),
    lieLe: timestamp('lie_le', { withTimezone: true }).notNull().defaultNow(),
    derniereConnexionLe: timestamp('derniere_connexion_le', { withTimezone: true }),
  },
  (t) => [uniqueIndex('identites_proconnect_sub_idx').on(t.sub, t.idpId)],
);

/**
 * A password account's TOTP second factor (RFC 6238). The shared secret must be read back to check codes, so it is
 * stored encrypted (AES-256-GCM under a key derived from the application's secret), never in clear; `activeLe` null
 * while the person has not yet confirmed a first code; `dernierPas` refuses a code replayed within its time step.
 */
export const facteursTotp = pgTable('facteurs_totp', {
  utilisateurId: uuid('utilisateur_id')
    .primaryKey()
    .references(() => utilisateurs.id, { onDelete: 'cascade' }),
  secretChiffre: text('secret_chiffre').notNull(),
  activeLe: timestamp('active_le', { withTimezone: true }),
  dernierPas: bigint('dernier_pas', { mode: 'number' }),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
});

/** One-time recovery codes of the second factor, stored as hashes only; a used code stays, marked, until renewed. */
export const codesSecours = pgTable(
  'codes_secours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    utilisateurId: uuid('utilisateur_id')
      .notNull()
      .references(() => utilisateurs.id, { onDelete: 'cascade' }),
    empreinte: text('empreinte').notNull(),
    utiliseLe: timestamp('utilise_le', { withTimezone: true }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('codes_secours_utilisateur_idx').on(t.utilisateurId)],
);

/** Failed sign-in attempts, keyed by a hash of the account or by IP, for throttling. */
export const tentativesConnexion = pgTable(
  'tentatives_connexion',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cle: varchar('cle', { length: 100 }).notNull(),
    le: timestamp('le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tentatives_cle_le_idx').on(t.cle, t.le)],
);

export const objetJetonEnum = pgEnum('objet_jeton', ['reinitialisation', 'invitation']);

/** One-time links (password reset, invitation); only the token's hash is stored. */
export const jetons = pgTable('jetons', {
  id: uuid('id').primaryKey().defaultRandom(),
  utilisateurId: uuid('utilisateur_id')
    .notNull()
    .references(() => utilisateurs.id, { onDelete: 'cascade' }),
  empreinte: varchar('empreinte', { length: 64 }).notNull().unique(),
  objet: objetJetonEnum('objet').notNull(),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  expireLe: timestamp('expire_le', { withTimezone: true }).notNull(),
  utiliseLe: timestamp('utilise_le', { withTimezone: true }),
});
