// What other modules may use of contacts: the answer clock of messages written to a site (issue 12, ADR 0028).
export { adresseContact } from './adresse.ts';
export { calendriers } from './calendriers.ts';
export {
  type BaseCalendrier,
  type CalendrierSite,
  compteurHeuresOuvrees,
  type Delai,
  delaiReponse,
  HEURES_OUVREES,
  HORAIRES_PAR_DEFAUT,
  HORIZON_JOURS,
  heuresOuvreesEntre,
} from './delai.ts';
export {
  consommerLimitesContact,
  LIMITE_IP_HEURE,
  LIMITE_SITE_HEURE,
  type LimiteAtteinte,
} from './limites.ts';
export { type DelaiSite, delaiReponseSite } from './service.ts';
export { compterDemandesOuvertes } from './service-boite.ts';
export {
  ajouterMessageEntrant,
  type ConfigReception,
  type DemandeRecue,
  echeanceEnClair,
  type MessageEntrant,
  REOUVERTURE_JOURS,
  type Reception,
  type ResultatMessageEntrant,
  type ResultatReception,
  recevoirDemande,
  referenceDemande,
} from './service-reception.ts';
export { demarrerReceptionContacts } from './smtp-reception.ts';
