import type { Acteur } from '../portee/index.ts';

// Who keeps a site's day board: the people who receive there, as for the request log (sollicitations/policy.ts
// `peutSaisir`): an agent of the structure (restricted to some sites, only at those) or a manager of the structure.
// Coordinators and the national administration may look at the board of a site in their scope, not act on it.

/** A site as the board's policy needs it. */
export interface SiteDuJour {
  id: string;
  structureId: string;
}

/** Welcomes, checks in, serves and closes visits at a site: its agents and its structure's managers. */
export function peutTenirLeGuichet(acteur: Acteur, site: SiteDuJour): boolean {
  return acteur.habilitations.some(
    (h) =>
      h.structureId === site.structureId &&
      (h.role === 'gestionnaire' || (h.role === 'agent' && (h.siteIds.length === 0 || h.siteIds.includes(site.id)))),
  );
}
