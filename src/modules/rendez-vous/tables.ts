import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { partenaires, situations } from '../catalogue/tables.ts';
import { utilisateurs } from '../comptes/tables.ts';
import { citoyens, mandats } from '../mandats/tables.ts';
import { sites } from '../structures/tables.ts';

/** A PostgreSQL `tstzrange`, read back as its text ("["2027-01-05 09:00:00+00","2027-01-05 10:00:00+00")"). */
const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });

export const canalRdvEnum = pgEnum('canal_rdv', ['sur_place', 'telephone', 'visio', 'domicile', 'arret']);
export const typeRessourceEnum = pgEnum('type_ressource', ['agent', 'permanence']);
export const statutRdvEnum = pgEnum('statut_rdv', [
  'reserve',
  'arrive',
  'vu',
  'absent',
  'annule_usager',
  'annule_site',
]);
export const origineRdvEnum = pgEnum('origine_rdv', ['en_ligne', 'guichet']);

/** What an appointment is for at one site, and the rules of its slots (ADR 0027, `motif.ts` bounds the same numbers). */
export const motifs = pgTable(
  'motifs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    nom: varchar('nom', { length: 120 }).notNull(),
    duree: integer('duree').notNull(),
    tamponApres: integer('tampon_apres').notNull().default(0),
    /** Grid step in minutes; null: duration plus buffer. */
    pas: integer('pas'),
    canal: canalRdvEnum('canal').notNull(),
    partenaireId: uuid('partenaire_id').references(() => partenaires.id),
    /** The life situation a visit for this motif is logged under (prefills the request log when the visit ends). */
    situationId: uuid('situation_id').references(() => situations.id),
    /** Citizens may book it online; otherwise only agents book it (at the desk, by phone). */
    reservableEnLigne: boolean('reservable_en_ligne').notNull().default(false),
    fenetreJours: integer('fenetre_jours').notNull().default(60),
    /** Minimum notice in minutes. */
    delaiMinimal: integer('delai_minimal').notNull().default(0),
    maxParPersonneJour: integer('max_par_personne_jour').notNull().default(1),
    /** Plain-language instructions (what to bring), shown before booking and in the confirmation. */
    instructions: varchar('instructions', { length: 1000 }).notNull().default(''),
    /** The video meeting's address (https only) for a visio motif; the manager's form requires it for that channel. */
    lienVisio: varchar('lien_visio', { length: 500 }),
    actif: boolean('actif').notNull().default(true),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('motifs_site_idx').on(t.siteId),
    check('motif_duree', sql`${t.duree} between 5 and 480`),
    check('motif_tampon', sql`${t.tamponApres} between 0 and 240`),
    check('motif_pas', sql`${t.pas} is null or ${t.pas} between 5 and 720`),
    check('motif_fenetre', sql`${t.fenetreJours} between 1 and 366`),
    check('motif_delai', sql`${t.delaiMinimal} between 0 and 43200`),
    check('motif_max_personne', sql`${t.maxParPersonneJour} between 1 and 20`),
    check('motif_lien_visio', sql`${t.lienVisio} is null or ${t.lienVisio} like 'https://%'`),
  ],
);

/**
 * Who receives at a site: an agent (weekly patterns) or a partner's permanence (weekly or monthly rules). `regles` is
 * JSON checked by the zod schemas of `capacite.ts` when written and when read: for an agent `{ modeles:
 * ModeleTravail[] }`, for a permanence `{ occurrences, canaux, valideDu?, valideAu? }` (site and partner are columns).
 */
export const ressources = pgTable(
  'ressources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    type: typeRessourceEnum('type').notNull(),
    utilisateurId: uuid('utilisateur_id').references(() => utilisateurs.id),
    partenaireId: uuid('partenaire_id').references(() => partenaires.id),
    libelle: varchar('libelle', { length: 120 }).notNull(),
    regles: jsonb('regles').notNull(),
    actif: boolean('actif').notNull().default(true),
  },
  (t) => [
    index('ressources_site_idx').on(t.siteId),
    check('ressource_permanence_partenaire', sql`${t.type} <> 'permanence' or ${t.partenaireId} is not null`),
  ],
);

/** Which resources receive which motif. */
export const motifRessources = pgTable(
  'motif_ressources',
  {
    motifId: uuid('motif_id')
      .notNull()
      .references(() => motifs.id, { onDelete: 'cascade' }),
    ressourceId: uuid('ressource_id')
      .notNull()
      .references(() => ressources.id, { onDelete: 'cascade' }),
    ordre: integer('ordre').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.motifId, t.ressourceId] })],
);

/** When a resource does not receive: leave, training, a cancelled permanence. */
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ressourceId: uuid('ressource_id')
      .notNull()
      .references(() => ressources.id, { onDelete: 'cascade' }),
    debut: timestamp('debut', { withTimezone: true }).notNull(),
    fin: timestamp('fin', { withTimezone: true }).notNull(),
    motif: varchar('motif', { length: 200 }),
  },
  (t) => [
    index('absences_ressource_idx').on(t.ressourceId, t.debut),
    check('absence_dates', sql`${t.fin} > ${t.debut}`),
  ],
);

/**
 * An appointment. `occupe` is the range it holds its resource, `[debut, fin + buffer)`: the exclusion constraint
 * `rendez_vous_sans_chevauchement` (hand-written in migration 0010, btree_gist) refuses two live appointments of one
 * resource whose ranges meet, whatever the application does (ADR 0027). The person's name and contact are erased three
 * months after the end (retention rule `rendez-vous.personnes`); the row stays for statistics.
 */
export const rendezVous = pgTable(
  'rendez_vous',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    motifId: uuid('motif_id')
      .notNull()
      .references(() => motifs.id),
    ressourceId: uuid('ressource_id')
      .notNull()
      .references(() => ressources.id),
    debut: timestamp('debut', { withTimezone: true }).notNull(),
    fin: timestamp('fin', { withTimezone: true }).notNull(),
    /** The motif's buffer when booked: the motif may change later, the held range does not. */
    tamponApres: integer('tampon_apres').notNull().default(0),
    occupe: tstzrange('occupe').notNull(),
    statut: statutRdvEnum('statut').notNull().default('reserve'),
    nom: varchar('nom', { length: 100 }),
    courriel: varchar('courriel', { length: 254 }),
    telephone: varchar('telephone', { length: 20 }),
    consentementLe: timestamp('consentement_le', { withTimezone: true }),
    origine: origineRdvEnum('origine').notNull(),
    /** The agent who booked it (no foreign key: the record outlives the account). */
    creePar: uuid('cree_par'),
    annuleLe: timestamp('annule_le', { withTimezone: true }),
    /** Why the site cancelled (told to the person); erased with the name and contact. */
    raisonAnnulation: varchar('raison_annulation', { length: 300 }),
    /** The mandate the booking was made under, when an agent booked for a person they act for (issue 14). */
    mandatId: uuid('mandat_id').references(() => mandats.id),
    /** The citizen record of the person, when one exists (erased with the record). */
    citoyenId: uuid('citoyen_id').references(() => citoyens.id, { onDelete: 'set null' }),
    /** The invitation's revision (iCalendar SEQUENCE): 0 when booked, one more on each move. */
    sequence: integer('sequence').notNull().default(0),
    anonymiseLe: timestamp('anonymise_le', { withTimezone: true }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rendez_vous_ressource_idx').on(t.ressourceId, t.debut),
    index('rendez_vous_site_idx').on(t.siteId, t.debut),
    index('rendez_vous_fin_idx').on(t.fin),
    check('rendez_vous_dates', sql`${t.fin} > ${t.debut}`),
    check('rendez_vous_occupe', sql`lower(${t.occupe}) = ${t.debut} and upper(${t.occupe}) >= ${t.fin}`),
    check('rendez_vous_tampon', sql`${t.tamponApres} between 0 and 240`),
    check('rendez_vous_sequence', sql`${t.sequence} between 0 and 10000`),
    // Online, a contact and the consent are required; at the desk the person may give neither.
    check(
      'rendez_vous_contact',
      sql`${t.origine} = 'guichet' or ${t.anonymiseLe} is not null or ${t.courriel} is not null or ${t.telephone} is not null`,
    ),
    check('rendez_vous_consentement', sql`${t.origine} = 'guichet' or ${t.consentementLe} is not null`),
    check('rendez_vous_nom', sql`${t.nom} is not null or ${t.anonymiseLe} is not null`),
  ],
);

export const statutPassageEnum = pgEnum('statut_passage', ['attente', 'en_cours', 'termine', 'parti']);

/**
 * One visit at a site's counter on one civil day (the day board, issue 11): a walk-in or a checked-in appointment,
 * with its ticket number (1, 2, 3… per site and day, allocated under an advisory lock, unique by constraint), when the
 * person arrived, who served them and when, and when the visit ended. Waiting time is `prisEnChargeLe − arriveLe`.
 * The first name or label is erased three months after arrival (retention rule `rendez-vous.passages`).
 */
export const passages = pgTable(
  'passages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    /** Civil date of the arrival in the site's time zone. */
    jour: date('jour').notNull(),
    numero: integer('numero').notNull(),
    /** A first name or a label ("dame au manteau rouge"), optional. */
    libelle: varchar('libelle', { length: 60 }),
    /** The appointment checked in, for a visit that was booked. */
    rendezVousId: uuid('rendez_vous_id').references(() => rendezVous.id),
    statut: statutPassageEnum('statut').notNull().default('attente'),
    arriveLe: timestamp('arrive_le', { withTimezone: true }).notNull(),
    prisEnChargeLe: timestamp('pris_en_charge_le', { withTimezone: true }),
    /** The agent who served (no foreign key: the record outlives the account). */
    prisEnChargePar: uuid('pris_en_charge_par'),
    termineLe: timestamp('termine_le', { withTimezone: true }),
    anonymiseLe: timestamp('anonymise_le', { withTimezone: true }),
  },
  (t) => [
    unique('passages_ticket').on(t.siteId, t.jour, t.numero),
    unique('passages_rendez_vous').on(t.rendezVousId),
    index('passages_arrive_idx').on(t.arriveLe),
    check('passage_numero', sql`${t.numero} between 1 and 9999`),
    check('passage_prise', sql`${t.prisEnChargeLe} is null or ${t.prisEnChargeLe} >= ${t.arriveLe}`),
    check('passage_fin', sql`${t.termineLe} is null or ${t.termineLe} >= ${t.arriveLe}`),
    check(
      'passage_statut',
      sql`(${t.statut} = 'attente' and ${t.prisEnChargeLe} is null and ${t.termineLe} is null)
        or (${t.statut} = 'en_cours' and ${t.prisEnChargeLe} is not null and ${t.termineLe} is null)
        or (${t.statut} = 'termine' and ${t.prisEnChargeLe} is not null and ${t.termineLe} is not null)
        or (${t.statut} = 'parti' and ${t.prisEnChargeLe} is null and ${t.termineLe} is not null)`,
    ),
  ],
);
