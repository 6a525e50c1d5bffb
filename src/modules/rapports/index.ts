// What other modules may use of the reports.
export {
  anneePrecedente,
  libellePeriode,
  type Periode,
  periodePrecedente,
  trimestreDe,
} from './periode.ts';
export { type Ligne, type Perimetre, type Rapport, rapport } from './service.ts';
