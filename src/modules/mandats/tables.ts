import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { partenaires, situations } from '../catalogue/tables.ts';
import { sites, structures } from '../structures/tables.ts';

// Mandates (issue 14, convention 4.6 and annexe 7, ADR 0031): a citizen record created only when a procedure needs
// one, the mandate signed at the desk, its scope, the hash-chained journal of every action done under it, and the
// register of personal-data breaches.

/** Why guichet holds a citizen record (GDPR art. 6): the mandate signed, or the consent given for a case. */
export const baseLegaleCitoyenEnum = pgEnum('base_legale_citoyen', ['mandat', 'consentement']);

/**
 * A person the structure acts for, recorded only when a procedure needs it (a mandate, a case): the fewest fields that
 * identify them on a mandate, and how to reach them to revoke it (optional). Owned by one structure (tenant); erased
 * when nothing live refers to it any more (rule `mandats.citoyens`).
 */
export const citoyens = pgTable(
  'citoyens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    /** The site where the record was created. */
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    prenom: varchar('prenom', { length: 100 }).notNull(),
    nom: varchar('nom', { length: 100 }).notNull(),
    dateNaissance: date('date_naissance').notNull(),
    courriel: varchar('courriel', { length: 254 }),
    telephone: varchar('telephone', { length: 20 }),
    baseLegale: baseLegaleCitoyenEnum('base_legale').notNull(),
    /** The agent who created it (no foreign key: the record outlives the account). */
    creePar: uuid('cree_par').notNull(),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('citoyens_structure_idx').on(t.structureId, t.nom)],
);

/** How long a mandate lasts (Aidants Connect's durations; one procedure ends when the agent records it done). */
export const dureeMandatEnum = pgEnum('duree_mandat', ['demarche', 'jour', 'mois', 'six_mois', 'douze_mois']);

/**
 * draft (typed, printed, not signed) → signed (the agent recorded that both signed on site) → active (from its start,
 * which is the signature unless a later start was chosen) → expired (its end passed, or its one procedure done) or
 * revoked (by the agent, or by the citizen with the code on their copy or a link).
 */
export const statutMandatEnum = pgEnum('statut_mandat', ['brouillon', 'signe', 'actif', 'expire', 'revoque']);

/** The kind of identity document the agent saw: never a copy, never its number (issue 14 point 2). */
export const pieceIdentiteEnum = pgEnum('piece_identite', [
  'carte_identite',
  'passeport',
  'titre_sejour',
  'permis_conduire',
  'autre',
]);

/** Who revoked a mandate. */
export const origineRevocationEnum = pgEnum('origine_revocation', ['agent', 'code', 'lien']);

export const mandats = pgTable(
  'mandats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Printed and typed on the public revocation page with the code: "M-" and 8 characters of an unambiguous alphabet. */
    reference: varchar('reference', { length: 12 }).notNull(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    /** Null once erased by the retention rule (the row stays, naming no one, for the counts). */
    citoyenId: uuid('citoyen_id').references(() => citoyens.id, { onDelete: 'set null' }),
    duree: dureeMandatEnum('duree').notNull(),
    statut: statutMandatEnum('statut').notNull().default('brouillon'),
    pieceIdentite: pieceIdentiteEnum('piece_identite').notNull(),
    /** The version of the information notice shown and printed (its text is in the code, pinned by this version). */
    versionNotice: varchar('version_notice', { length: 20 }).notNull(),
    /** SHA-256 (hex) of the mandate's text as printed on every page of both originals. */
    empreinteTexte: char('empreinte_texte', { length: 64 }).notNull(),
    /** SHA-256 (hex) of the revocation code printed on the citizen's original; null once erased. */
    empreinteCode: char('empreinte_code', { length: 64 }),
    /** The agent who is the mandataire (no foreign key: the record outlives the account). */
    creePar: uuid('cree_par').notNull(),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    signeLe: timestamp('signe_le', { withTimezone: true }),
    debut: timestamp('debut', { withTimezone: true }),
    /** The end: set at signature from the duration (a one-procedure mandate ends at most 30 days on). */
    fin: timestamp('fin', { withTimezone: true }),
    /** When it stopped being usable: expiry, procedure done or revocation. */
    termineLe: timestamp('termine_le', { withTimezone: true }),
    origineRevocation: origineRevocationEnum('origine_revocation'),
    revoquePar: uuid('revoque_par'),
    /** Expiry reminders sent to the structure (days before the end: 30, then 7), each once. */
    rappelsEnvoyes: integer('rappels_envoyes').array().notNull().default(sql`'{}'::integer[]`),
    anonymiseLe: timestamp('anonymise_le', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mandats_reference_idx').on(t.reference),
    index('mandats_structure_idx').on(t.structureId, t.statut),
    index('mandats_citoyen_idx').on(t.citoyenId),
    index('mandats_fin_idx').on(t.fin),
    check('mandat_citoyen', sql`${t.anonymiseLe} is not null or ${t.citoyenId} is not null`),
    check('mandat_signe', sql`${t.statut} = 'brouillon' or (${t.signeLe} is not null and ${t.fin} is not null)`),
    check('mandat_termine', sql`(${t.statut} in ('expire', 'revoque')) = (${t.termineLe} is not null)`),
    check('mandat_revoque', sql`(${t.statut} = 'revoque') = (${t.origineRevocation} is not null)`),
    check('mandat_periode', sql`${t.fin} is null or ${t.fin} > ${t.debut}`),
  ],
);

/**
 * What a mandate covers: partners of the catalogue, each for all its procedures (`situationId` null) or for some of the
 * catalogue's life situations. The row is a procedure scope, naming no one.
 */
export const perimetresMandats = pgTable(
  'perimetres_mandats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mandatId: uuid('mandat_id')
      .notNull()
      .references(() => mandats.id, { onDelete: 'cascade' }),
    partenaireId: uuid('partenaire_id')
      .notNull()
      .references(() => partenaires.id),
    situationId: uuid('situation_id').references(() => situations.id),
  },
  (t) => [
    uniqueIndex('perimetres_mandats_idx').on(
      t.mandatId,
      t.partenaireId,
      sql`coalesce(${t.situationId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/**
 * The journal of mandates (issue 14 point 4, ADR 0031): one entry per action done under a mandate or on it, append-only
 * (UPDATE, DELETE and TRUNCATE raise in the database) and hash-chained by the database itself: its insert trigger
 * (migration 0014) numbers the entry after the last one under a lock, sets `empreintePrecedente` to the last entry's
 * `empreinte` (64 zeros for the first) and `empreinte` to the SHA-256 of the entry's canonical text (`texteEntree` in
 * journal.ts, `journal_mandats_texte` in SQL), whatever the caller sent. It names no citizen: the mandate's id, the
 * structure, the agent, the kind of action and the object it touched.
 */
export const journalMandats = pgTable(
  'journal_mandats',
  {
    numero: bigint('numero', { mode: 'number' }).primaryKey(),
    le: timestamp('le', { withTimezone: true }).notNull(),
    /** No foreign key: the journal outlives what it names. */
    mandatId: uuid('mandat_id').notNull(),
    structureId: uuid('structure_id').notNull(),
    /** The account that acted; null for the citizen (revocation by code or link) and for the system (expiry). */
    auteurId: uuid('auteur_id'),
    action: varchar('action', { length: 40 }).notNull(),
    /** What the action touched: `sollicitation`, `rendez_vous`, `saisine`… and its id. */
    objetType: varchar('objet_type', { length: 30 }),
    objetId: uuid('objet_id'),
    /** Non-personal details (the partner, the duration, the origin of a revocation…). */
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    empreintePrecedente: char('empreinte_precedente', { length: 64 }).notNull(),
    empreinte: char('empreinte', { length: 64 }).notNull(),
  },
  (t) => [
    index('journal_mandats_mandat_idx').on(t.mandatId, t.numero),
    uniqueIndex('journal_mandats_empreinte_idx').on(t.empreinte),
  ],
);

/** The level of a breach register entry: one structure's, or the national administration's. */
export const statutViolationEnum = pgEnum('statut_violation', ['ouverte', 'notifiee', 'non_notifiee', 'close']);

/**
 * The register of personal-data breaches (GDPR art. 33(5), convention 4.6): every breach is recorded, with what was
 * known when; the CNIL is notified within 72 hours of discovery unless the breach is unlikely to result in a risk
 * (then the reason is recorded). `structureId` null: a breach of the national level (the platform itself).
 */
export const violations = pgTable(
  'violations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: varchar('reference', { length: 12 }).notNull(),
    structureId: uuid('structure_id').references(() => structures.id),
    titre: varchar('titre', { length: 200 }).notNull(),
    /** What happened (nature of the breach: confidentiality, integrity, availability). */
    nature: varchar('nature', { length: 60 }).array().notNull(),
    description: varchar('description', { length: 5000 }).notNull(),
    survenueLe: timestamp('survenue_le', { withTimezone: true }),
    decouverteLe: timestamp('decouverte_le', { withTimezone: true }).notNull(),
    categoriesDonnees: varchar('categories_donnees', { length: 2000 }).notNull(),
    categoriesPersonnes: varchar('categories_personnes', { length: 2000 }).notNull(),
    nombrePersonnes: integer('nombre_personnes'),
    nombreEnregistrements: integer('nombre_enregistrements'),
    consequences: varchar('consequences', { length: 5000 }),
    mesuresPrises: varchar('mesures_prises', { length: 5000 }).notNull(),
    mesuresEnvisagees: varchar('mesures_envisagees', { length: 5000 }),
    /** Whether and how the people concerned were told (art. 34). */
    informationPersonnes: varchar('information_personnes', { length: 2000 }),
    statut: statutViolationEnum('statut').notNull().default('ouverte'),
    notifieeLe: timestamp('notifiee_le', { withTimezone: true }),
    /** The CNIL's acknowledgement number, when notified. */
    numeroCnil: varchar('numero_cnil', { length: 50 }),
    /** Why it was not notified (no risk to people's rights and freedoms), required for that status. */
    motifNonNotification: varchar('motif_non_notification', { length: 2000 }),
    /** When the decision not to notify was recorded (the retention rule runs from it, as from `notifieeLe`). */
    nonNotifieeLe: timestamp('non_notifiee_le', { withTimezone: true }),
    /** Alerts sent at 24 and 48 hours after discovery, each once. */
    alertesEnvoyees: integer('alertes_envoyees').array().notNull().default(sql`'{}'::integer[]`),
    declarePar: uuid('declare_par').notNull(),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
    closeLe: timestamp('close_le', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('violations_reference_idx').on(t.reference),
    index('violations_structure_idx').on(t.structureId, t.decouverteLe),
    check('violation_notifiee', sql`(${t.statut} = 'notifiee') <= (${t.notifieeLe} is not null)`),
    check('violation_non_notifiee', sql`${t.statut} <> 'non_notifiee' or ${t.motifNonNotification} is not null`),
    check('violation_nombres', sql`coalesce(${t.nombrePersonnes}, 0) between 0 and 100000000`),
    check('violation_decouverte', sql`${t.survenueLe} is null or ${t.survenueLe} <= ${t.decouverteLe}`),
  ],
);
