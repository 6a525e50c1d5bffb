import type { Acteur } from '../portee/index.ts';

// Who does what with the register of personal-data breaches (issue 14 point 7, GDPR art. 33). A structure's agents
// and managers read its register; its agents may declare a breach (whoever sees one first records it, the 72 hours
// run from discovery), its managers keep the entry (edit, decide on the notification, close). Coordinators read the
// registers of the structures of their départements. The national administration reads every register, keeps its own
// (structure null: a breach of the platform itself) and may edit any entry.

/** An entry as the policy needs it: its structure (null for the national level) and that structure's département. */
export interface CibleViolation {
  structureId: string | null;
  departement: string | null;
}

const roles = (acteur: Acteur, role: string) => acteur.habilitations.filter((h) => h.role === role);

export const estAdminNationalViolations = (acteur: Acteur) => roles(acteur, 'admin_national').length > 0;

/** Manages the structure (its gestionnaire). */
const gere = (acteur: Acteur, structureId: string | null) =>
  structureId !== null && roles(acteur, 'gestionnaire').some((h) => h.structureId === structureId);

/** Works at the structure (agent or manager). */
const travaille = (acteur: Acteur, structureId: string | null) =>
  structureId !== null &&
  acteur.habilitations.some((h) => (h.role === 'agent' || h.role === 'gestionnaire') && h.structureId === structureId);

/** Reads the entry: the nation; the structure's agents and managers; the coordinators of its département. */
export function peutLireViolation(acteur: Acteur, v: CibleViolation): boolean {
  if (estAdminNationalViolations(acteur)) return true;
  if (travaille(acteur, v.structureId)) return true;
  const departement = v.departement;
  return departement !== null && roles(acteur, 'coordinateur').some((h) => h.departements.includes(departement));
}

/** Declares a breach at that level: the structure's agents and managers; the nation for the national level only. */
export function peutDeclarerViolation(acteur: Acteur, structureId: string | null): boolean {
  return structureId === null ? estAdminNationalViolations(acteur) : travaille(acteur, structureId);
}

/** Edits the entry and changes its status: the structure's managers, and the national administration for any. */
export function peutModifierViolation(acteur: Acteur, v: CibleViolation): boolean {
  return estAdminNationalViolations(acteur) || gere(acteur, v.structureId);
}

/** The structures where the actor may declare a breach (agents and managers). */
export function structuresDeclarables(acteur: Acteur): string[] {
  return [
    ...new Set(
      acteur.habilitations
        .filter((h) => (h.role === 'agent' || h.role === 'gestionnaire') && h.structureId)
        .map((h) => h.structureId as string),
    ),
  ];
}

/** Sees the register at all (the navigation link): every role but the partners' référents. */
export function peutVoirRegistreViolations(acteur: Pick<Acteur, 'habilitations'>): boolean {
  return acteur.habilitations.some(
    (h) =>
      h.role === 'admin_national' ||
      (h.role === 'coordinateur' && h.departements.length > 0) ||
      ((h.role === 'agent' || h.role === 'gestionnaire') && h.structureId !== null),
  );
}
