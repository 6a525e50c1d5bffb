// What other modules may use of horaires: opening hours, public holidays, closures, compliance (ADR 0013).
export {
  etatOuverture,
  FENETRE_MAX_JOURS,
  type FermetureExceptionnelle,
  type Intervalle,
  intervallesOuverture,
  JOURS,
  type JourCle,
  joursOuverture,
  type ParametresHoraires,
  type Semaines,
  type SemaineType,
  semaineType,
  semaineTypeTournee,
  validerHoraires,
} from './calcul.ts';
export {
  type Conformite,
  conformite,
  DUREE_MAX_FERMETURE_JOURS,
  fermetureTardive,
  HEURES_MIN_SEMAINE,
  JOURS_MIN_SEMAINE,
  MOTIF_MAX_CARACTERES,
  PREAVIS_FERMETURE_JOURS,
  validerFermeture,
} from './conformite.ts';
export {
  type ConversionAnct,
  convertirHorairesAnct,
  JOURS_ANCT,
  type JourAnct,
  type JoursAnct,
  lireJourAnct,
} from './conversion-anct.ts';
export {
  dimancheDePaques,
  estFerie,
  ferieDu,
  fuseauParDefaut,
  type JourFerie,
  joursFeries,
  type Territoire,
  territoireDe,
} from './feries.ts';
export { ajouterJours, dateLocale, fuseauValide, instantMural, partiesMurales, semaineIso } from './fuseau.ts';
export {
  type Grille,
  type GrilleSaisie,
  grilleDepuisHoraires,
  horairesDepuisGrille,
  PLAGES_MAX_PAR_JOUR,
  type PlageGrille,
} from './grille.ts';
export { peutVoirConformite } from './service-conformite.ts';
export { NOMS_JOURS, NOMS_JOURS_SEMAINE, nomFuseau } from './validation.ts';
