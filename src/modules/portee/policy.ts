// The one computation of an actor's scope, and the pure predicates about what their habilitations reach (ADR 0007).

import { type Acteur, type Portee, type PorteePartenaire, ROLES, type Role } from './types.ts';

/** A structure as policies need it. */
export interface CibleStructure {
  id: string;
  departement: string;
}

export interface OptionsPortee {
  /**
   * Narrow an agent restricted to some sites (`habilitation_sites`) to those sites, as the request log and the reports
   * do; without it the agent reaches their whole structure (the administration pages, read-only).
   */
  sitesDesAgents?: boolean;
  /** Count only these roles (the compliance page leaves out agents and référents). */
  roles?: readonly Role[];
}

/** Everything: the national administration's scope, and the one of tools run by whoever holds the database (CLI). */
export const PORTEE_NATIONALE: Portee = Object.freeze({
  national: true,
  departements: [],
  structures: [],
  sites: [],
  partenaires: [],
});

/** The union of what every habilitation of the actor lets them see; the only place a scope is computed. */
export function porteeDe(acteur: Pick<Acteur, 'habilitations'>, options: OptionsPortee = {}): Portee {
  const roles = new Set<Role>(options.roles ?? ROLES);
  let national = false;
  const departements = new Set<string>();
  const structures = new Set<string>();
  const sites = new Set<string>();
  const partenaires = new Map<string, Set<string>>();
  for (const h of acteur.habilitations) {
    if (!roles.has(h.role)) continue;
    if (h.role === 'admin_national') national = true;
    if (h.role === 'coordinateur') for (const d of h.departements) departements.add(d);
    if (h.role === 'gestionnaire' && h.structureId) structures.add(h.structureId);
    if (h.role === 'agent' && h.structureId) {
      if (options.sitesDesAgents && h.siteIds.length > 0) for (const s of h.siteIds) sites.add(s);
      else structures.add(h.structureId);
    }
    if (h.role === 'referent' && h.partenaireId) {
      const deps = partenaires.get(h.partenaireId) ?? new Set<string>();
      for (const d of h.departements) deps.add(d);
      partenaires.set(h.partenaireId, deps);
    }
  }
  return {
    national,
    departements: [...departements],
    structures: [...structures],
    sites: [...sites],
    partenaires: [...partenaires].map(
      ([partenaireId, deps]): PorteePartenaire => ({
        partenaireId,
        departements: [...deps],
      }),
    ),
  };
}

/**
 * What an actor may see of the request log and the reports: wider than the counter (coordinators see their
 * départements, managers their structures); an agent sees only the sites they work at (all of their structure's when
 * none is listed).
 */
export const porteeActivite = (acteur: Pick<Acteur, 'habilitations'>): Portee =>
  porteeDe(acteur, { sitesDesAgents: true });

const ROLES_CONFORMITE: readonly Role[] = ['admin_national', 'coordinateur', 'gestionnaire'];

/**
 * What an actor may see on the compliance page: everything (national admin), their départements (coordinator),
 * their structures (manager); null for agents and référents, who follow their own site elsewhere.
 */
export function porteeConformite(acteur: Pick<Acteur, 'habilitations'>): Portee | null {
  const portee = porteeDe(acteur, { roles: ROLES_CONFORMITE });
  return porteeVide(portee) ? null : portee;
}

/** Reaches no place of the network (a référent's partner cases alone are no place). */
export function porteeVide(portee: Portee): boolean {
  return (
    !portee.national && portee.departements.length === 0 && portee.structures.length === 0 && portee.sites.length === 0
  );
}

/** Does the scope cover a partner's cases in this département (référents; the national administration sees all)? */
export function couvrePartenaire(portee: Portee, partenaireId: string, departement: string): boolean {
  return (
    portee.national ||
    portee.partenaires.some((p) => p.partenaireId === partenaireId && p.departements.includes(departement))
  );
}

const a = (acteur: Acteur, role: Role) => acteur.habilitations.filter((h) => h.role === role);

export const estAdminNational = (acteur: Acteur) => a(acteur, 'admin_national').length > 0;

export function coordonneDepartement(acteur: Acteur, departement: string): boolean {
  return estAdminNational(acteur) || a(acteur, 'coordinateur').some((h) => h.departements.includes(departement));
}

export function gereStructure(acteur: Acteur, structure: CibleStructure): boolean {
  return (
    coordonneDepartement(acteur, structure.departement) ||
    a(acteur, 'gestionnaire').some((h) => h.structureId === structure.id)
  );
}

/** Anyone with a role on the structure, or above it, may read it. */
export function peutVoirStructure(acteur: Acteur, structure: CibleStructure): boolean {
  return gereStructure(acteur, structure) || a(acteur, 'agent').some((h) => h.structureId === structure.id);
}

/** Sees the administration pages (structures, sites, people), possibly read-only. */
export function peutVoirAdministration(acteur: Acteur): boolean {
  return !porteeVide(porteeDe(acteur));
}
