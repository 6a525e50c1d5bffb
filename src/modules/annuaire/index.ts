// What other modules may use of annuaire (the public directory: search, nearest sites, travel time).

export {
  communeProbable,
  type IndicesCommune,
  type ResultatRecherche,
  rechercherCommunes,
} from './recherche.ts';
export { oublierRegistre } from './service.ts';
export {
  distancePourMinutes,
  estimerTrajet,
  MODELE_TRAJET,
  type ModeleTrajet,
  minutesEnVoiture,
  OBJECTIF_MINUTES,
  type Trajet,
  type TrancheVitesse,
} from './trajet.ts';
export { FormulaireRecherche } from './views/recherche.tsx';
