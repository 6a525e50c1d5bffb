import {
  type Acteur,
  type CibleStructure,
  estAdminNational,
  gereStructure,
  type Habilitation,
  type Role,
} from '../portee/index.ts';

const a = (acteur: Acteur, role: Role) => acteur.habilitations.filter((h) => h.role === role);

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
