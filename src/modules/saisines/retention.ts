import { and, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import { definirRegle } from '../../platform/retention/index.ts';
import { effacerPieces } from './repo-pieces.ts';
import { absencesReferents, messagesSaisines, referents, saisines } from './tables.ts';

// How long the cases handed to partners' référents keep personal data (issue 13 point 7, ADR 0030,
// docs/donnees-personnelles.md). A case's identity (name, birth date, partner's file number) and question, and its
// thread, serve the case and the questions that follow its closure (a right reopened, a blocked file that blocks again:
// the agent and the référent come back to it within weeks, sometimes a few months): GDPR art. 5(1)(c) and (e), they are
// erased 6 months after closure, and 12 months after creation for a case nobody closes. The row stays (site,
// structure, département, partner, référent, urgency, status, outcome, instants, escalation) for the statistics of
// point 6, naming no one. Documents serve the transmission only: their bytes go at closure (pieces.ts) and after 29
// days here (the job runs once a day, so a document never lives past 30 days, as the page says). A référent's contact
// is the directory's: kept 12 months after deactivation (the cases it handled can name whom they were sent to), then
// erased; an absence is forgotten 12 months after its end. Offers and deadlines of partners name no one.

/** Months a closed case keeps its identity, question and thread. */
export const MOIS_APRES_CLOTURE = 6;
/** Months after creation a case never closed keeps them. */
export const MOIS_SANS_CLOTURE = 12;
/** Days after upload the bytes of a document are erased at the latest by the daily job (30 days with its period). */
export const JOURS_PIECES = 29;
/** Months a deactivated référent's contact and an ended absence are kept. */
export const MOIS_REFERENTS = 12;

const effacer = { prenom: null, nom: null, dateNaissance: null, numeroDossier: null, question: null };

export const REGLES_SAISINES = [
  definirRegle({
    nom: 'saisines.closes',
    table: 'saisines',
    donnees: 'name, birth date, partner’s file number and question of the person a case is about',
    evenement: 'case closed',
    delai: { mois: MOIS_APRES_CLOTURE },
    action: 'anonymiser',
    async appliquer(tx, { maintenant, limite }) {
      const rows = await tx
        .update(saisines)
        .set({ ...effacer, anonymiseLe: maintenant })
        .where(and(isNull(saisines.anonymiseLe), isNotNull(saisines.clotureLe), lt(saisines.clotureLe, limite)))
        .returning({ id: saisines.id });
      return rows.length;
    },
  }),
  definirRegle({
    nom: 'saisines.ouvertes',
    table: 'saisines',
    donnees: 'name, birth date, partner’s file number and question of the person a case is about',
    evenement: 'creation of a case never closed',
    delai: { mois: MOIS_SANS_CLOTURE },
    action: 'anonymiser',
    async appliquer(tx, { maintenant, limite }) {
      const rows = await tx
        .update(saisines)
        .set({ ...effacer, anonymiseLe: maintenant })
        .where(and(isNull(saisines.anonymiseLe), ne(saisines.statut, 'cloturee'), lt(saisines.creeLe, limite)))
        .returning({ id: saisines.id });
      return rows.length;
    },
  }),
  // Runs after the two rules above (registry order): the thread and the documents go with their case, the same night.
  definirRegle({
    nom: 'saisines.messages',
    table: 'messages_saisines',
    donnees: 'texts of a case’s thread between the agent, the référent and the coordination',
    evenement: 'its case anonymised (rules above)',
    delai: {},
    action: 'anonymiser',
    async appliquer(tx) {
      const anonymisees = tx.select({ id: saisines.id }).from(saisines).where(isNotNull(saisines.anonymiseLe));
      const rows = await tx
        .update(messagesSaisines)
        .set({ corps: null })
        .where(and(inArray(messagesSaisines.saisineId, anonymisees), isNotNull(messagesSaisines.corps)))
        .returning({ id: messagesSaisines.id });
      return rows.length;
    },
  }),
  definirRegle({
    nom: 'saisines.pieces',
    table: 'pieces_saisines',
    donnees: 'documents attached to a case (contents; the name and SHA-256 stay)',
    evenement: 'upload (closure of the case erases them at once)',
    delai: { jours: JOURS_PIECES },
    action: 'anonymiser',
    // Those of closed cases too, should a closure ever have missed them.
    async appliquer(tx, { maintenant, limite }) {
      return (
        (await effacerPieces(tx, { deposesAvant: limite }, maintenant)) +
        (await effacerPieces(tx, { saisinesCloses: true }, maintenant))
      );
    },
  }),
  definirRegle({
    nom: 'saisines.referents',
    table: 'referents',
    donnees: 'name, job title, direct phone and email of a partner’s référent',
    evenement: 'directory entry deactivated',
    delai: { mois: MOIS_REFERENTS },
    action: 'anonymiser',
    async appliquer(tx, { maintenant, limite }) {
      const rows = await tx
        .update(referents)
        .set({
          prenom: 'Référent',
          nom: 'anonymisé',
          fonction: null,
          telephone: null,
          courriel: sql`${referents.id}::text || '@anonyme.invalid'`,
          utilisateurId: null,
          modifieLe: maintenant,
        })
        .where(
          and(
            ne(referents.actif, true),
            lt(referents.desactiveLe, limite),
            sql`${referents.courriel} not like '%@anonyme.invalid'`,
          ),
        )
        .returning({ id: referents.id });
      return rows.length;
    },
  }),
  definirRegle({
    nom: 'saisines.absences',
    table: 'absences_referents',
    donnees: 'dates a named référent is away',
    evenement: 'end of the absence',
    delai: { mois: MOIS_REFERENTS },
    action: 'supprimer',
    async appliquer(tx, { limite }) {
      const rows = await tx
        .delete(absencesReferents)
        .where(lt(absencesReferents.au, limite.toISOString().slice(0, 10)))
        .returning({ id: absencesReferents.id });
      return rows.length;
    },
  }),
];
