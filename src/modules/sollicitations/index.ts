// What other modules may use of the request log (sollicitations).

export { debutTrimestre } from './policy.ts';
export {
  type Canal,
  type Duree,
  type Issue,
  LIBELLES_CANAUX,
  LIBELLES_DUREES,
  LIBELLES_ISSUES,
  LIBELLES_NIVEAUX,
  LIBELLES_TRANCHES_AGE,
  type Niveau,
} from './validation.ts';
