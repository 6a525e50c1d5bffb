import { and, isNull, lt } from 'drizzle-orm';
import { definirRegle } from '../../platform/retention/index.ts';
import { rendezVous } from './tables.ts';

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
    donnees: 'name, email and phone of the person booked',
    evenement: 'end of the appointment',
    delai: { mois: 3 },
    action: 'anonymiser',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .update(rendezVous)
        .set({ nom: null, courriel: null, telephone: null, anonymiseLe: new Date() })
        .where(and(isNull(rendezVous.anonymiseLe), lt(rendezVous.fin, limite)))
        .returning({ id: rendezVous.id });
      return rows.length;
    },
  }),
];
