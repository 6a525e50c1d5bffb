import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { partenaires } from '../catalogue/tables.ts';
import { utilisateurs } from '../comptes/tables.ts';
import { citoyens, mandats } from '../mandats/tables.ts';
import { sollicitations } from '../sollicitations/tables.ts';
import { sites, structures } from '../structures/tables.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** A named référent of a partner for a département: the one cases go to, or the backup when the first is away. */
export const rangReferentEnum = pgEnum('rang_referent', ['titulaire', 'suppleant']);

/**
 * The référent directory (issue 13, convention annexe 6): named people of a partner reachable directly, per
 * département, optionally narrowed to some structures (`structures` empty: the whole département). Kept by the
 * département's coordinator and by the référents themselves. `utilisateurId` links the person's guichet account (a
 * `referent` habilitation) when they work in guichet; without one, cases reach them by email only.
 */
export const referents = pgTable(
  'referents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partenaireId: uuid('partenaire_id')
      .notNull()
      .references(() => partenaires.id),
    departement: varchar('departement', { length: 3 }).notNull(),
    structures: uuid('structures').array().notNull().default(sql`'{}'::uuid[]`),
    rang: rangReferentEnum('rang').notNull(),
    utilisateurId: uuid('utilisateur_id').references(() => utilisateurs.id),
    prenom: varchar('prenom', { length: 100 }).notNull(),
    nom: varchar('nom', { length: 100 }).notNull(),
    fonction: varchar('fonction', { length: 150 }),
    telephone: varchar('telephone', { length: 20 }),
    courriel: varchar('courriel', { length: 254 }).notNull(),
    actif: boolean('actif').notNull().default(true),
    /** When it was deactivated: its contact is erased on the retention rule's delay after that. */
    desactiveLe: timestamp('desactive_le', { withTimezone: true }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('referents_partenaire_idx').on(t.partenaireId, t.departement)],
);

/** When a référent is away (cases then go to the backup). Civil dates, inclusive. */
export const absencesReferents = pgTable(
  'absences_referents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referentId: uuid('referent_id')
      .notNull()
      .references(() => referents.id, { onDelete: 'cascade' }),
    du: date('du').notNull(),
    au: date('au').notNull(),
  },
  (t) => [
    index('absences_referents_idx').on(t.referentId, t.du),
    check('absence_referent_dates', sql`${t.au} >= ${t.du}`),
  ],
);

/** The partner's complementary offer at a site (convention annexe 5): permanences, appointment and visio modalities. */
export const offresPartenaires = pgTable(
  'offres_partenaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partenaireId: uuid('partenaire_id')
      .notNull()
      .references(() => partenaires.id),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    modalites: varchar('modalites', { length: 1000 }).notNull(),
    permanence: boolean('permanence').notNull().default(false),
    rendezVous: boolean('rendez_vous').notNull().default(false),
    visio: boolean('visio').notNull().default(false),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
  },
  // One offer per partner and site: the edit form saves it in place.
  (t) => [uniqueIndex('offres_partenaires_site_idx').on(t.siteId, t.partenaireId)],
);

/** Per-partner deadline for a first answer, in working days (a national default applies to partners without a row). */
export const delaisPartenaires = pgTable(
  'delais_partenaires',
  {
    partenaireId: uuid('partenaire_id')
      .notNull()
      .references(() => partenaires.id),
    joursOuvres: integer('jours_ouvres').notNull(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partenaireId] }),
    check('delai_partenaire_jours', sql`${t.joursOuvres} between 1 and 60`),
  ],
);

export const baseLegaleSaisineEnum = pgEnum('base_legale_saisine', ['consentement', 'mandat']);
export const urgenceSaisineEnum = pgEnum('urgence_saisine', ['aucune', 'droits_bloques', 'revenus_coupes']);
/** Set by people, never guessed (issue 13 point 3). */
export const statutSaisineEnum = pgEnum('statut_saisine', [
  'nouvelle',
  'prise_en_charge',
  'reponse_apportee',
  'cloturee',
]);
export const issueSaisineEnum = pgEnum('issue_saisine', [
  'droit_ouvert_ou_retabli',
  'dossier_debloque',
  'reoriente',
  'sans_suite',
]);
/** Who a case is waiting on after the deadlines: its référent, then the backup, then the coordinator. */
export const niveauEscaladeEnum = pgEnum('niveau_escalade', ['referent', 'suppleant', 'coordinateur']);

/**
 * A case (saisine) handed by a counter to a partner's référent. The citizen's minimal identity and its legal basis;
 * site, structure and département copied on creation (scope and statistics, as `sollicitations`). `referentId` is the
 * référent it is routed to (the backup when the first was away). `echeance` is the deadline of the first answer in
 * the partner's working days. Identity, question and thread texts are erased on the retention rule's delay after
 * closure; the row stays for statistics.
 */
export const saisines = pgTable(
  'saisines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    departement: varchar('departement', { length: 3 }).notNull(),
    partenaireId: uuid('partenaire_id')
      .notNull()
      .references(() => partenaires.id),
    referentId: uuid('referent_id').references(() => referents.id),
    /** The logged request it comes from, when created from one. */
    sollicitationId: uuid('sollicitation_id').references(() => sollicitations.id),
    /** The mandate it relies on (legal basis `mandat`, issue 14). */
    mandatId: uuid('mandat_id').references(() => mandats.id),
    /** The citizen record of the person the case is about (erased with the record). */
    citoyenId: uuid('citoyen_id').references(() => citoyens.id, { onDelete: 'set null' }),
    baseLegale: baseLegaleSaisineEnum('base_legale').notNull(),
    consentementLe: timestamp('consentement_le', { withTimezone: true }),
    prenom: varchar('prenom', { length: 100 }),
    nom: varchar('nom', { length: 100 }),
    dateNaissance: date('date_naissance'),
    numeroDossier: varchar('numero_dossier', { length: 50 }),
    question: varchar('question', { length: 5000 }),
    urgence: urgenceSaisineEnum('urgence').notNull().default('aucune'),
    statut: statutSaisineEnum('statut').notNull().default('nouvelle'),
    issue: issueSaisineEnum('issue'),
    /** The agent who created it (no foreign key: the record outlives the account). */
    creePar: uuid('cree_par').notNull(),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    echeance: timestamp('echeance', { withTimezone: true }).notNull(),
    priseEnChargeLe: timestamp('prise_en_charge_le', { withTimezone: true }),
    premiereReponseLe: timestamp('premiere_reponse_le', { withTimezone: true }),
    clotureLe: timestamp('cloture_le', { withTimezone: true }),
    escalade: niveauEscaladeEnum('escalade').notNull().default('referent'),
    derniereRelanceLe: timestamp('derniere_relance_le', { withTimezone: true }),
    anonymiseLe: timestamp('anonymise_le', { withTimezone: true }),
  },
  (t) => [
    index('saisines_site_idx').on(t.siteId, t.creeLe),
    index('saisines_partenaire_idx').on(t.partenaireId, t.departement, t.statut),
    index('saisines_echeance_idx').on(t.echeance),
    check(
      'saisine_base_legale',
      sql`(${t.baseLegale} = 'consentement' and ${t.consentementLe} is not null) or (${t.baseLegale} = 'mandat' and ${t.mandatId} is not null)`,
    ),
    check('saisine_cloture', sql`(${t.statut} = 'cloturee') = (${t.clotureLe} is not null and ${t.issue} is not null)`),
    check(
      'saisine_identite',
      sql`${t.anonymiseLe} is not null or (${t.nom} is not null and ${t.question} is not null)`,
    ),
  ],
);

/** Who wrote a message of a case's thread. */
export const auteurMessageSaisineEnum = pgEnum('auteur_message_saisine', [
  'agent',
  'referent',
  'coordinateur',
  'systeme',
]);

/** The thread of a case between the agent and the référent (and the coordinator after escalation). */
export const messagesSaisines = pgTable(
  'messages_saisines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    saisineId: uuid('saisine_id')
      .notNull()
      .references(() => saisines.id, { onDelete: 'cascade' }),
    auteur: auteurMessageSaisineEnum('auteur').notNull(),
    /** The person who wrote it (no foreign key); null for the system's own lines (routing, escalation). */
    auteurId: uuid('auteur_id'),
    corps: varchar('corps', { length: 5000 }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('messages_saisines_idx').on(t.saisineId, t.creeLe)],
);

/**
 * Documents attached for transmission only (PDF, JPEG, PNG; type checked by content, size-limited): their bytes are
 * deleted when the case closes and at the latest 30 days after upload (`supprimeLe` set, `contenu` null); the row
 * remains so the thread can say a document was there.
 */
export const piecesSaisines = pgTable(
  'pieces_saisines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    saisineId: uuid('saisine_id')
      .notNull()
      .references(() => saisines.id, { onDelete: 'cascade' }),
    nomFichier: varchar('nom_fichier', { length: 200 }).notNull(),
    typeMime: varchar('type_mime', { length: 50 }).notNull(),
    taille: integer('taille').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    contenu: bytea('contenu'),
    deposePar: uuid('depose_par').notNull(),
    deposeLe: timestamp('depose_le', { withTimezone: true }).notNull().defaultNow(),
    supprimeLe: timestamp('supprime_le', { withTimezone: true }),
  },
  (t) => [
    index('pieces_saisines_idx').on(t.saisineId),
    index('pieces_saisines_depot_idx').on(t.deposeLe),
    check('piece_saisine_type', sql`${t.typeMime} in ('application/pdf', 'image/jpeg', 'image/png')`),
    check('piece_saisine_taille', sql`${t.taille} between 1 and 10485760`),
    check('piece_saisine_contenu', sql`(${t.contenu} is null) = (${t.supprimeLe} is not null)`),
  ],
);
