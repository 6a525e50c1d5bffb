import { and, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { definirRegle } from '../../platform/retention/index.ts';
import { journalSollicitations, sollicitations } from './tables.ts';

// How long the request log keeps personal data (ADR 0024, docs/donnees-personnelles.md). A request is anonymous by
// design (no name, no identifier; age band and commune only, which the reports need), but its free note (200
// characters, "to follow up") may name a citizen or describe their situation despite the form's warning. GDPR art.
// 5(1)(c) and (e): the note serves the follow-up of the request, which is over within months; it is cleared after 6,
// in the request and in the journal's copies of it. The rest of the row stays: it is the activity the statistics count.
// Agents' ids in both tables lose their identity with the account (rule comptes.utilisateurs).

/**
 * Lets this transaction clear notes through the journal's guards (migration 0007): the journal trigger records nothing
 * for an update that only clears a note, and the append-only journal accepts an update that only clears its copies.
 */
const AUTORISER = sql`select set_config('guichet.retention', 'notes', true)`;

export const REGLES_SOLLICITATIONS = [
  definirRegle({
    nom: 'sollicitations.notes',
    table: 'sollicitations',
    donnees: 'free note, which may name a citizen by mistake',
    evenement: 'date of the request',
    delai: { mois: 6 },
    action: 'anonymiser',
    async appliquer(tx, { limite }) {
      await tx.execute(AUTORISER);
      const rows = await tx
        .update(sollicitations)
        .set({ note: null })
        .where(and(isNotNull(sollicitations.note), lt(sollicitations.survenueLe, limite)))
        .returning({ id: sollicitations.id });
      return rows.length;
    },
  }),
  definirRegle({
    nom: 'sollicitations.journal-notes',
    table: 'journal_sollicitations',
    donnees: 'copies of the note in the before/after snapshots',
    evenement: 'date of the request (in the snapshot)',
    delai: { mois: 6 },
    action: 'anonymiser',
    async appliquer(tx, { limite }) {
      await tx.execute(AUTORISER);
      // Each snapshot is cleared on its own date: an edit that moved a request's date keeps the newer copy's clock.
      const vieille = (c: AnyPgColumn) =>
        sql`(${c}->>'note' is not null and (${c}->>'survenue_le')::timestamptz < ${limite.toISOString()}::timestamptz)`;
      const sansNote = (c: AnyPgColumn) =>
        sql`case when ${vieille(c)} then jsonb_set(${c}, '{note}', 'null'::jsonb) else ${c} end`;
      const rows = await tx
        .update(journalSollicitations)
        .set({ avant: sansNote(journalSollicitations.avant), apres: sansNote(journalSollicitations.apres) })
        .where(or(vieille(journalSollicitations.avant), vieille(journalSollicitations.apres)))
        .returning({ id: journalSollicitations.id });
      return rows.length;
    },
  }),
];
