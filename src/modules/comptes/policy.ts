import type { Acteur, Habilitation, Portee, Role } from './types.ts';

/** A structure as policies need it. */
export interface CibleStructure {
  id: string;
  departement: string;
}

const a = (acteur: Acteur, role: Role) => acteur.habilitations.filter((h) => h.role === role);

export const estAdminNational = (acteur: Acteur) => a(acteur, 'admin_national').length > 0;

/** The union of what every habilitation of the actor lets them see of structures and sites. */
export function porteeDe(acteur: Acteur): Portee {
  const departements = new Set<string>();
  const structures = new Set<string>();
  let national = false;
  for (const h of acteur.habilitations) {
    if (h.role === 'admin_national') national = true;
    if (h.role === 'coordinateur') for (const d of h.departements) departements.add(d);
    if ((h.role === 'gestionnaire' || h.role === 'agent') && h.structureId) structures.add(h.structureId);
  }
  return { national, departements: [...departements], structures: [...structures] };
}

export function porteeVide(portee: Portee): boolean {
  return !portee.national && portee.departements.length === 0 && portee.structures.length === 0;
}

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

/** Roles that an actor may grant on a given structure (or without structure for national/département roles). */
export function rolesAttribuables(acteur: Acteur): Role[] {
  if (estAdminNational(acteur)) return ['admin_national', 'coordinateur', 'gestionnaire', 'agent', 'referent'];
  if (a(acteur, 'coordinateur').length > 0 || a(acteur, 'gestionnaire').length > 0) return ['gestionnaire', 'agent'];
  return [];
}

/** May this actor grant (or withdraw) this habilitation? */
export function peutGererHabilitation(
  acteur: Acteur,
  h: Pick<Habilitation, 'role' | 'departements'>,
  structure: CibleStructure | null,
): boolean {
  if (estAdminNational(acteur)) return true;
  if (h.role !== 'gestionnaire' && h.role !== 'agent') return false;
  return structure !== null && gereStructure(acteur, structure);
}

/** May this actor change a person's identity or deactivate them: only if they manage every role the person holds. */
export function peutModifierUtilisateur(
  acteur: Acteur,
  cible: { id: string; habilitations: Array<{ role: Role; departements: string[]; structure: CibleStructure | null }> },
): boolean {
  if (estAdminNational(acteur)) return true;
  if (cible.id === acteur.id) return false;
  if (cible.habilitations.length === 0) return false;
  return cible.habilitations.every((h) => peutGererHabilitation(acteur, h, h.structure));
}

/** May this actor create people at all (used to show the button). */
export const peutCreerUtilisateur = (acteur: Acteur) => rolesAttribuables(acteur).length > 0;
