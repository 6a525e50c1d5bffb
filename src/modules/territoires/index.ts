// What other modules may use of territoires.

export { type Commune, communeParCode, communes, communesDeleguees, communesParCodePostal } from './communes.ts';
export {
  CODES_DEPARTEMENTS,
  CODES_TERRITOIRES,
  COLLECTIVITES,
  DEPARTEMENTS,
  type Departement,
  departement,
  estCollectivite,
  fuseauHoraireDepartement,
  libelleTerritoire,
  nomDepartement,
  REGIONS,
  type Region,
  TERRITOIRES,
  territoire,
} from './departements.ts';
