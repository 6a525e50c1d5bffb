import type { Acteur } from '../portee/index.ts';

/** A site as the policies need it. */
export interface SiteActivite {
  id: string;
  structureId: string;
  departement: string;
}

/** Logs requests at a site: an agent who works there, or a manager of its structure. */
export function peutSaisir(acteur: Acteur, site: SiteActivite): boolean {
  return acteur.habilitations.some(
    (h) =>
      h.structureId === site.structureId &&
      (h.role === 'gestionnaire' || (h.role === 'agent' && (h.siteIds.length === 0 || h.siteIds.includes(site.id)))),
  );
}

export const gereActivite = (acteur: Acteur, structureId: string) =>
  acteur.habilitations.some((h) => h.role === 'gestionnaire' && h.structureId === structureId);

/** Exports records: managers of the structure, coordinators of its département, the national administration. */
export function peutExporter(acteur: Acteur, structure: { id: string; departement: string }): boolean {
  return acteur.habilitations.some(
    (h) =>
      h.role === 'admin_national' ||
      (h.role === 'coordinateur' && h.departements.includes(structure.departement)) ||
      (h.role === 'gestionnaire' && h.structureId === structure.id),
  );
}

/** Agents change their own entries for this long after writing them. */
export const DELAI_AGENT_JOURS = 7;
/** "Undo" right after saving: the author deletes their entry within this delay. */
export const DELAI_ANNULATION_MINUTES = 10;

/** The first day of the calendar quarter of a civil date (2026-11-24 → 2026-10-01). */
export function debutTrimestre(date: string): string {
  const [a, m] = date.split('-').map(Number) as [number, number];
  const mois = Math.floor((m - 1) / 3) * 3 + 1;
  return `${a}-${String(mois).padStart(2, '0')}-01`;
}

interface Entree {
  agentId: string;
  structureId: string;
  creeLe: Date;
  /** Civil date of the request at its site. */
  jour: string;
}

/**
 * Who may change or delete an entry: its author for 7 days after writing it, a manager of its structure while its
 * date is in the current quarter (`aujourdhui`: today at the site).
 */
export function peutModifier(acteur: Acteur, e: Entree, maintenant: Date, aujourdhui: string): boolean {
  const auteur = e.agentId === acteur.id && maintenant.getTime() - e.creeLe.getTime() <= DELAI_AGENT_JOURS * 86_400_000;
  const gestionnaire = gereActivite(acteur, e.structureId) && e.jour >= debutTrimestre(aujourdhui);
  return auteur || gestionnaire;
}

export function peutAnnuler(acteur: Acteur, e: Entree, maintenant: Date): boolean {
  return e.agentId === acteur.id && maintenant.getTime() - e.creeLe.getTime() <= DELAI_ANNULATION_MINUTES * 60_000;
}
