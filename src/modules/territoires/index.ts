// What other modules may use of territoires.

export { type Commune, communeParCode, communes, communesDeleguees, communesParCodePostal } from './communes.ts';
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
