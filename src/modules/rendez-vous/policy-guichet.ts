import type { Acteur } from '../portee/index.ts';

/** A site as the desk's policies need it. */
export interface SiteGuichet {
  id: string;
  structureId: string;
  departement: string;
}

/**
 * Books, moves and cancels appointments of a site: its agents (those restricted to some sites, at those only), the
 * managers of its structure, the coordinators of its département and the national administration (who also answer
 * the phone for a site). The same people see the site's appointments (`porteeActivite`).
 */
export function peutReserverPourLeSite(acteur: Acteur, site: SiteGuichet): boolean {
  return acteur.habilitations.some(
    (h) =>
      h.role === 'admin_national' ||
      (h.role === 'coordinateur' && h.departements.includes(site.departement)) ||
      (h.structureId === site.structureId &&
        (h.role === 'gestionnaire' || (h.role === 'agent' && (h.siteIds.length === 0 || h.siteIds.includes(site.id))))),
  );
}

/** A booked appointment not yet started may still be moved or cancelled; any other is history. */
export function estModifiable(rdv: { statut: string; debut: Date }, maintenant: Date): boolean {
  return rdv.statut === 'reserve' && rdv.debut.getTime() > maintenant.getTime();
}
