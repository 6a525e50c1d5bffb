// What other modules may use of tenancy: the scope type, its one computation and its SQL condition (ADR 0007).
// Depends on nothing but drizzle-orm, so every module may import it without a cycle.
export { dansPortee, dansPorteePartenaire } from './condition.ts';
export {
  type CibleStructure,
  coordonneDepartement,
  couvrePartenaire,
  estAdminNational,
  gereStructure,
  type OptionsPortee,
  PORTEE_NATIONALE,
  peutVoirAdministration,
  peutVoirStructure,
  porteeActivite,
  porteeConformite,
  porteeDe,
  porteeVide,
} from './policy.ts';
export { type Acteur, type Habilitation, type Portee, type PorteePartenaire, ROLES, type Role } from './types.ts';
