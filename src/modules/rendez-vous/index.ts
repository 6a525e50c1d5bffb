// What other modules may use of rendez-vous: capacity (who receives, when) and the one slot generator (ADR 0027).
export {
  Absence,
  CANAUX,
  type Canal,
  decrireRegle,
  disponibilites,
  intervallesAgent,
  intervallesPermanence,
  ModeleTravail,
  type Periode,
  Permanence,
  Plage,
  RegleRecurrence,
  type Ressource,
  regleCouvre,
} from './capacite.ts';
export {
  type ContexteCreneaux,
  type Creneau,
  creneaux,
  MOIS_RECHERCHE,
  prochaineDisponibilite,
  type Refus,
  type RendezVousExistant,
  type SiteAccueil,
  verifierCreneau,
} from './creneaux.ts';
export { DUREE_MAX, DUREE_MIN, FENETRE_MAX_JOURS, Motif, type MotifValide } from './motif.ts';
export { isoAvecDecalage } from './temps.ts';
