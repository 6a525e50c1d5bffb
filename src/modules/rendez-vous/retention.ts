import { and, isNull, lt } from 'drizzle-orm';
import { definirRegle } from '../../platform/retention/index.ts';
import { passages, rendezVous } from './tables.ts';

// How long an appointment keeps the person's name, email and phone (ADR 0024, docs/donnees-personnelles.md). They
// serve the appointment itself: the confirmation, the reminders, a cancellation by the site, and the questions that
// follow it ("I was there", "I never got the message", a second visit to finish the file), which come within weeks.
// GDPR art. 5(1)(c) and (e): three months after the end they are erased; the row stays (site, motif, resource, times,
// status, channel of booking) because the no-show rates and the activity reports count it, and it names no one then.
// The confirmation messages that carried them go within 30 days (rule messages.sortants), the cancel link with its
// appointment's start (rule liens.citoyens).

export const REGLES_RENDEZ_VOUS = [
  definirRegle({
    nom: 'rendez-vous.personnes',
    table: 'rendez_vous',
    donnees: 'name, email and phone of the person booked, reason of a cancellation by the site',
    evenement: 'end of the appointment',
    delai: { mois: 3 },
    action: 'anonymiser',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .update(rendezVous)
        .set({ nom: null, courriel: null, telephone: null, raisonAnnulation: null, anonymiseLe: new Date() })
        .where(and(isNull(rendezVous.anonymiseLe), lt(rendezVous.fin, limite)))
        .returning({ id: rendezVous.id });
      return rows.length;
    },
  }),
  // A visit at the counter (the day board) may carry a first name or a label, to call the person: it serves that day
  // and the questions of the weeks after, like an appointment's name; erased three months after the arrival. The row
  // stays (site, day, ticket, times, status) for waiting-time statistics.
  definirRegle({
    nom: 'rendez-vous.passages',
    table: 'passages',
    donnees: 'first name or label of a visitor at the counter',
    evenement: 'arrival at the counter',
    delai: { mois: 3 },
    action: 'anonymiser',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .update(passages)
        .set({ libelle: null, anonymiseLe: new Date() })
        .where(and(isNull(passages.anonymiseLe), lt(passages.arriveLe, limite)))
        .returning({ id: passages.id });
      return rows.length;
    },
  }),
];
