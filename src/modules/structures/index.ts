// What other modules may use of structures.
export {
  ciblesStructures,
  listerStructures as listerStructuresDansPortee,
  trouverStructure as structureDansPortee,
} from './repo.ts';
export { chiffresPortee } from './service.ts';
export { LIBELLES_GENRES, LIBELLES_PORTEURS } from './validation.ts';
