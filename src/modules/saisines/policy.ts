import type { Acteur } from '../portee/index.ts';

// Who does what with a case (issue 13, point 3). Reading goes by scope (repo): the site's people, the partner's
// référents in their départements, the coordination, the nation. Actions are people's, never the system's: the site's
// agents and managers create cases, write in the thread and close; the partner's référents for the département take a
// case in hand, answer and close; the département's coordinators write in the thread (after escalation); the national
// administration reads.

/** A site as the policy needs it. */
export interface SiteSaisine {
  id: string;
  structureId: string;
}

/** A case as the policy needs it. */
export interface CibleSaisine {
  siteId: string;
  structureId: string;
  partenaireId: string;
  departement: string;
}

/** The site's agents (those restricted to some sites, only there) and its structure's managers. */
export function estDuSite(acteur: Acteur, site: SiteSaisine): boolean {
  return acteur.habilitations.some(
    (h) =>
      h.structureId === site.structureId &&
      (h.role === 'gestionnaire' || (h.role === 'agent' && (h.siteIds.length === 0 || h.siteIds.includes(site.id)))),
  );
}

/** Creates a case at a site: its agents and managers. */
export const peutCreerSaisine = (acteur: Acteur, site: SiteSaisine) => estDuSite(acteur, site);

/** A référent of the case's partner for its département. */
export function estReferentDe(acteur: Acteur, s: Pick<CibleSaisine, 'partenaireId' | 'departement'>): boolean {
  return acteur.habilitations.some(
    (h) => h.role === 'referent' && h.partenaireId === s.partenaireId && h.departements.includes(s.departement),
  );
}

/** A coordinator of the case's département. */
export function coordonneSaisine(acteur: Acteur, s: Pick<CibleSaisine, 'departement'>): boolean {
  return acteur.habilitations.some((h) => h.role === 'coordinateur' && h.departements.includes(s.departement));
}

/** Who the actor writes as in the case's thread, or null when they only read it. */
export function auteurDans(acteur: Acteur, s: CibleSaisine): 'referent' | 'agent' | 'coordinateur' | null {
  if (estReferentDe(acteur, s)) return 'referent';
  if (estDuSite(acteur, { id: s.siteId, structureId: s.structureId })) return 'agent';
  if (coordonneSaisine(acteur, s)) return 'coordinateur';
  return null;
}

/** Takes the case in hand: its partner's référents for the département. */
export const peutPrendreEnCharge = (acteur: Acteur, s: CibleSaisine) => estReferentDe(acteur, s);

/** Closes the case with its outcome: the référent, or the site's agents and managers. */
export function peutClore(acteur: Acteur, s: CibleSaisine): boolean {
  return estReferentDe(acteur, s) || estDuSite(acteur, { id: s.siteId, structureId: s.structureId });
}
