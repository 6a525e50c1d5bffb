// What other modules may use of rendez-vous: capacity (who receives, when) and the one slot generator (ADR 0027).
export {
  Absence,
  CANAUX,
  type Canal,
  decrireRegle,
  disponibilites as disponibilitesRessource,
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
export { planifierRappels } from './rappels.ts';
export {
  annulerParUsager,
  type DemandeReservation,
  disponibilites,
  invitationRendezVous,
  MESSAGE_PRIS,
  type MotifPublic,
  motifsDuSitePublic,
  motifsReservables,
  OBJET_LIEN_ANNULATION,
  type ResultatAnnulation,
  type ResultatDisponibilites,
  type ResultatReservation,
  reserver,
  siteDuMotif,
} from './service.ts';
export {
  annulerParSite,
  deplacerRendezVous,
  type ResultatAnnulationSite,
  type ResultatDeplacement,
} from './service-deplacement.ts';
export { sitesDuGuichetDe } from './service-journee.ts';
export { resumeAReprendre } from './service-reprise.ts';
export { isoAvecDecalage } from './temps.ts';
export { PERIODE_MAX_JOURS } from './validation.ts';
