import type { Acteur } from '../portee/index.ts';

// Who opens what from a citizen record (issue 14 point 1). The record itself is read by the agents and managers of its
// structure (portee.ts). The pages of its appointments and cases are the sites': an agent restricted to some sites
// opens those only, a manager all of the structure's (as `peutReserverPourLeSite` and `estDuSite` in their modules).

/** Opens the pages of an object of this site: the site's agents (restricted ones, at their sites) and managers. */
export function ouvreLeSite(acteur: Pick<Acteur, 'habilitations'>, o: { siteId: string; structureId: string }) {
  return acteur.habilitations.some(
    (h) =>
      h.structureId === o.structureId &&
      (h.role === 'gestionnaire' || (h.role === 'agent' && (h.siteIds.length === 0 || h.siteIds.includes(o.siteId)))),
  );
}

/** A mandate allows new actions while active and before its end (the expiry job may not have run yet). */
export function mandatEnVigueur(m: { statut: string; fin: Date | null }, maintenant: Date): boolean {
  return m.statut === 'actif' && m.fin !== null && m.fin.getTime() > maintenant.getTime();
}
