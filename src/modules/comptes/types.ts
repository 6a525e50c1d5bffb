export const ROLES = ['admin_national', 'coordinateur', 'gestionnaire', 'agent', 'referent'] as const;
export type Role = (typeof ROLES)[number];

export const LIBELLES_ROLES: Record<Role, string> = {
  admin_national: 'Administration nationale',
  coordinateur: 'Coordination départementale',
  gestionnaire: 'Gestion de structure',
  agent: 'Agent France services',
  referent: 'Référent partenaire',
};

/** A role held by a person, with its scope. */
export interface Habilitation {
  id: string;
  role: Role;
  structureId: string | null;
  partenaireId: string | null;
  departements: string[];
  /** For an agent: the sites they work at; empty means every site of the structure. */
  siteIds: string[];
}

/** The signed-in person, as every service and policy sees them. */
export interface Acteur {
  id: string;
  courriel: string;
  prenom: string;
  nom: string;
  habilitations: Habilitation[];
}

/**
 * What an actor may see of the network: everything, some départements, or some structures.
 * Every repo function on tenant data takes one and puts it in its WHERE clause.
 */
export interface Portee {
  national: boolean;
  departements: string[];
  structures: string[];
}
