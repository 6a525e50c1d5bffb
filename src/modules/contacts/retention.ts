import { and, eq, inArray, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import { definirRegle } from '../../platform/retention/index.ts';
import { HEURES_LIMITES, MOIS_APRES_CLOTURE, MOIS_SANS_CLOTURE } from './conservation.ts';
import { demandesContact, limitesContact, messagesContact } from './tables.ts';

// How long a request written to a site keeps the person's words (ADR 0024, docs/donnees-personnelles.md). The name,
// email, phone, subject and the thread's texts serve the answer and the questions that follow it, which come within
// weeks: GDPR art. 5(1)(c) and (e), they are erased three months after the request is closed, as an appointment's
// contact is three months after it. A request nobody closes is erased all the same a year after it was received. The
// row stays (site, structure, département, channel, times received, due and answered, status, outcome) because the
// reports count it ("answered in time"), and it names no one then. The acknowledgement and the replies sent go with
// the outbox's rule (messages.sortants, 30 days). The rate-limit marks hold an HMAC of an IP address: a day.

const effacer = { nom: null, courriel: null, telephone: null, objet: null };

export const REGLES_CONTACTS = [
  definirRegle({
    nom: 'contacts.demandes-closes',
    table: 'demandes_contact',
    donnees: 'name, email, phone and subject of the person who wrote to a site',
    evenement: 'request closed',
    delai: { mois: MOIS_APRES_CLOTURE },
    action: 'anonymiser',
    async appliquer(tx, { maintenant, limite }) {
      const rows = await tx
        .update(demandesContact)
        .set({ ...effacer, anonymiseLe: maintenant })
        .where(
          and(
            isNull(demandesContact.anonymiseLe),
            eq(demandesContact.statut, 'close'),
            lt(demandesContact.closeLe, limite),
          ),
        )
        .returning({ id: demandesContact.id });
      return rows.length;
    },
  }),
  definirRegle({
    nom: 'contacts.demandes-ouvertes',
    table: 'demandes_contact',
    donnees: 'name, email, phone and subject of the person who wrote to a site',
    evenement: 'receipt of a request never closed',
    delai: { mois: MOIS_SANS_CLOTURE },
    action: 'anonymiser',
    async appliquer(tx, { maintenant, limite }) {
      const rows = await tx
        .update(demandesContact)
        .set({ ...effacer, anonymiseLe: maintenant })
        .where(
          and(
            isNull(demandesContact.anonymiseLe),
            ne(demandesContact.statut, 'close'),
            lt(demandesContact.recuLe, limite),
          ),
        )
        .returning({ id: demandesContact.id });
      return rows.length;
    },
  }),
  // Runs after the two rules above (registry order): the thread goes with its request, the same night.
  definirRegle({
    nom: 'contacts.messages',
    table: 'messages_contact',
    donnees: 'texts of a request’s thread (messages, replies, internal notes) and email Message-IDs',
    evenement: 'its request anonymised (rules above)',
    delai: {},
    action: 'anonymiser',
    async appliquer(tx) {
      const anonymisees = tx
        .select({ id: demandesContact.id })
        .from(demandesContact)
        .where(isNotNull(demandesContact.anonymiseLe));
      const rows = await tx
        .update(messagesContact)
        .set({ corps: null, messageId: null })
        .where(
          and(
            inArray(messagesContact.demandeId, anonymisees),
            or(isNotNull(messagesContact.corps), isNotNull(messagesContact.messageId)),
          ),
        )
        .returning({ id: messagesContact.id });
      return rows.length;
    },
  }),
  definirRegle({
    nom: 'contacts.limites',
    table: 'limites_contact',
    donnees: 'HMAC of the IP address or email address that sent a message (never the address), site id',
    evenement: 'message sent (form or email)',
    delai: { heures: HEURES_LIMITES },
    action: 'supprimer',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .delete(limitesContact)
        .where(lt(limitesContact.le, limite))
        .returning({ id: limitesContact.id });
      return rows.length;
    },
  }),
];
