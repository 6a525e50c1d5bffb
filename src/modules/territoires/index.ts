// What other modules may use of territoires.
export {
  CODES_DEPARTEMENTS,
  DEPARTEMENTS,
  type Departement,
  departement,
  fuseauHoraireDepartement,
  nomDepartement,
  REGIONS,
  type Region,
} from './departements.ts';
