import type { Role } from '../portee/index.ts';

export const LIBELLES_ROLES: Record<Role, string> = {
  admin_national: 'Administration nationale',
  coordinateur: 'Coordination départementale',
  gestionnaire: 'Gestion de structure',
  agent: 'Agent France services',
  referent: 'Référent partenaire',
};
