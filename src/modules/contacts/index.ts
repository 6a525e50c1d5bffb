// What other modules may use of contacts: the answer clock of messages written to a site (issue 12, ADR 0028).
export {
  type BaseCalendrier,
  type CalendrierSite,
  type Delai,
  delaiReponse,
  HEURES_OUVREES,
  HORAIRES_PAR_DEFAUT,
  HORIZON_JOURS,
} from './delai.ts';
export { type DelaiSite, delaiReponseSite } from './service.ts';
