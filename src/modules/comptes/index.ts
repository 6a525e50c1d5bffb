// What other modules may use of comptes.
export {
  coordonneDepartement,
  estAdminNational,
  gereStructure,
  peutVoirAdministration,
  peutVoirStructure,
  porteeDe,
} from './policy.ts';
export { purgerExpires } from './service.ts';
export { type Acteur, type Habilitation, LIBELLES_ROLES, type Portee, ROLES, type Role } from './types.ts';
