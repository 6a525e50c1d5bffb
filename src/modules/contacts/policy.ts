import type { Acteur } from '../portee/index.ts';

// Who answers the messages written to a site (issue 12, point 4): the people who receive there, as for the request
// log and the day board (`peutSaisir`, `peutTenirLeGuichet`): an agent of the structure (one restricted to some sites,
// only at those) or a manager of the structure. Coordinators and the national administration read a site's inbox
// within their scope (`porteeActivite`), and do not act on it.

/** A site as the inbox's policy needs it. */
export interface SiteBoite {
  id: string;
  structureId: string;
}

/** Assigns, answers, notes, closes and reopens the requests of a site: its agents and its structure's managers. */
export function peutTraiterDemandes(acteur: Acteur, site: SiteBoite): boolean {
  return acteur.habilitations.some(
    (h) =>
      h.structureId === site.structureId &&
      (h.role === 'gestionnaire' || (h.role === 'agent' && (h.siteIds.length === 0 || h.siteIds.includes(site.id)))),
  );
}
