import { and, eq, isNull, lt, notExists, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { definirRegle } from '../../platform/retention/index.ts';
import { rendezVous } from '../rendez-vous/tables.ts';
import { saisines } from '../saisines/tables.ts';
import { citoyens, mandats } from './tables.ts';

// How long mandates and citizen records keep personal data (issue 14 point 6, ADR 0031, docs/donnees-personnelles.md).
// A mandate is a contract (code civil art. 1984): what was done in the person's name under it may be questioned by
// them, or held against the structure, for the civil limitation period of five years from the day the holder of the
// right knew the facts (code civil art. 2224), which at the latest is the day the mandate ended. So a mandate keeps its
// link to the citizen record and the hash of its revocation code for 5 years after it ended (expiry, procedure done or
// revocation: `termineLe`), then is anonymised: the row stays (structure, site, duration, scope, identity document
// kind, dates, status, who revoked it) for the counts of the reports, naming no one. A draft never signed binds no one
// and serves only the few days until its signature: anonymised 30 days after it was typed (GDPR art. 5(1)(c) and (e)).
// A citizen record exists only for the procedures that need it (a mandate, a case): it is deleted when nothing live
// refers to it any more (no mandate, case or appointment not yet anonymised), once a day has passed since it was
// typed (a record created at the desk a minute ago is not swept before its mandate is saved); the links left on
// requests, appointments and cases are set null by their foreign keys.
// The journal of mandates is append-only and keeps its entries: it names no citizen (ids of the mandate, structure,
// agent and object, the kind of action, non-personal details), and its `mandat_id` has no foreign key: once the mandate
// is anonymised and the citizen record gone, nothing joins an entry to a person any more. The same holds for the copies
// of a request in `journal_sollicitations` (its `citoyen_id` then names a record that no longer exists).

/** Months an ended mandate keeps its citizen: the five years of the civil limitation (code civil art. 2224). */
export const MOIS_APRES_FIN = 60;
/** Days a draft never signed keeps its citizen. */
export const JOURS_BROUILLON = 30;
/** Days a citizen record nothing refers to is left alone after its creation (a record being typed). */
export const JOURS_CITOYEN_ORPHELIN = 1;

/**
 * The actor the journal of requests records for the links the retention job clears (the request journal's trigger
 * refuses a change that names no one; migration 0003): the nil UUID, no account.
 */
export const ACTEUR_RETENTION = '00000000-0000-0000-0000-000000000000';

const anonymiser = (maintenant: Date) => ({ citoyenId: null, empreinteCode: null, anonymiseLe: maintenant });

export const REGLES_MANDATS = [
  definirRegle({
    nom: 'mandats.termines',
    table: 'mandats',
    donnees: 'link to the citizen record and hash of the revocation code of an ended mandate',
    evenement: 'mandate ended (expired, procedure done or revoked)',
    delai: { mois: MOIS_APRES_FIN },
    action: 'anonymiser',
    async appliquer(tx, { maintenant, limite }) {
      const rows = await tx
        .update(mandats)
        .set(anonymiser(maintenant))
        .where(and(isNull(mandats.anonymiseLe), lt(mandats.termineLe, limite)))
        .returning({ id: mandats.id });
      return rows.length;
    },
  }),
  definirRegle({
    nom: 'mandats.brouillons',
    table: 'mandats',
    donnees: 'link to the citizen record and hash of the revocation code of a draft never signed',
    evenement: 'draft typed',
    delai: { jours: JOURS_BROUILLON },
    action: 'anonymiser',
    async appliquer(tx, { maintenant, limite }) {
      const rows = await tx
        .update(mandats)
        .set(anonymiser(maintenant))
        .where(and(isNull(mandats.anonymiseLe), eq(mandats.statut, 'brouillon'), lt(mandats.creeLe, limite)))
        .returning({ id: mandats.id });
      return rows.length;
    },
  }),
  // Runs after the two rules above (registry order): a record whose last mandate is anonymised goes the same night.
  definirRegle({
    nom: 'mandats.citoyens',
    table: 'citoyens',
    donnees: 'name, birth date, email and phone of a person the structure acts for',
    evenement: 'no mandate, case or appointment not yet anonymised refers to it (and created a day ago at least)',
    delai: { jours: JOURS_CITOYEN_ORPHELIN },
    action: 'supprimer',
    async appliquer(tx, { limite }) {
      // Deleting sets `sollicitations.citoyen_id` null: the request journal's trigger records that change by this actor.
      await tx.execute(sql`select set_config('guichet.acteur', ${ACTEUR_RETENTION}, true)`);
      const vivant = (t: { citoyenId: AnyPgColumn; anonymiseLe: AnyPgColumn }, table: PgTable) =>
        notExists(
          tx
            .select({ un: sql`1` })
            .from(table)
            .where(and(eq(t.citoyenId, citoyens.id), isNull(t.anonymiseLe))),
        );
      const rows = await tx
        .delete(citoyens)
        .where(
          and(
            lt(citoyens.creeLe, limite),
            vivant(mandats, mandats),
            vivant(saisines, saisines),
            vivant(rendezVous, rendezVous),
          ),
        )
        .returning({ id: citoyens.id });
      return rows.length;
    },
  }),
];
