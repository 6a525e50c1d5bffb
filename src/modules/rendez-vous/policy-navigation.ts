import { type Acteur, peutVoirAdministration } from '../portee/index.ts';
import { peutVoirGestionRendezVous } from './policy.ts';
import { peutReserverPourLeSite } from './policy-guichet.ts';

// Which of a site's appointment pages a person may open from another one: the day board, the agenda and booking for
// those who handle its appointments; the manager's page and the appointments to take up for those who see its
// structure in the administration. Links to a page the person would be refused are never shown.

/** A site as the navigation's policies need it. */
export interface SiteNavigable {
  id: string;
  structureId: string;
  departement: string;
}

export interface LiensDuLieu {
  /** The day board, the agenda and booking (`/sites/:id/…`). */
  guichet: boolean;
  /** The manager's page and the appointments to take up (`/admin/sites/:id/rendez-vous…`). */
  gestion: boolean;
  /** The site's mandates (`/sites/:id/mandats`): the agents and managers of its structure (issue 14). */
  mandats: boolean;
}

/** The site's appointment pages this person may open. */
export function liensDuLieu(acteur: Acteur, site: SiteNavigable): LiensDuLieu {
  return {
    guichet: peutReserverPourLeSite(acteur, site),
    gestion: peutVoirAdministration(acteur) && peutVoirGestionRendezVous(acteur, site),
    mandats: acteur.habilitations.some(
      (h) => (h.role === 'agent' || h.role === 'gestionnaire') && h.structureId === site.structureId,
    ),
  };
}
