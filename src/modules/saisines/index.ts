// What other modules may use of saisines: cases handed to partners' référents (issue 13).
export {
  ajouterJoursOuvres,
  type CalendrierOuvre,
  DELAI_NATIONAL_JOURS,
  delaiPartenaire,
  echeanceSaisine,
  estJourOuvre,
} from './delais.ts';
export { choisirReferent, type ReferentCandidat, type Routage, router } from './routage.ts';
export { LIBELLES_ISSUES_SAISINE, LIBELLES_STATUTS, LIBELLES_URGENCES } from './validation.ts';
