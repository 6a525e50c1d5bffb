// Who a signed-in person is and what they reach: the vocabulary of tenancy, shared by every module (ADR 0007).

export const ROLES = ['admin_national', 'coordinateur', 'gestionnaire', 'agent', 'referent'] as const;
export type Role = (typeof ROLES)[number];

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

/** A partner référent's reach: one partner's cases in some départements. */
export interface PorteePartenaire {
  partenaireId: string;
  departements: string[];
}

/**
 * What an actor may see of the network: everything (`national`), whole départements, whole structures, single sites,
 * and a partner's cases in some départements. Every repo function on tenant data takes one and puts it in its WHERE
 * clause (`dansPortee()`).
 */
export interface Portee {
  national: boolean;
  departements: string[];
  structures: string[];
  /** Single sites (an agent restricted to some sites, in the request-log view only). */
  sites: string[];
  /** Partner × départements (référents); read only by `dansPorteePartenaire()` until escalated cases exist. */
  partenaires: PorteePartenaire[];
}
