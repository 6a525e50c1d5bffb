import { type Acteur, gereStructure, peutVoirStructure } from '../portee/index.ts';

// Who may manage a site's appointments (motifs, who receives, absences): the same people as its opening hours
// (horaires/policy.ts), since capacity lies within the hours and both change together.

/** A site as the appointment policies need it: its structure and that structure's département. */
export interface CibleSiteRdv {
  structureId: string;
  departement: string;
}

/** The structure's managers, the coordinator of its département and the national administration. */
export function peutGererRendezVous(acteur: Acteur, site: CibleSiteRdv): boolean {
  return gereStructure(acteur, { id: site.structureId, departement: site.departement });
}

/** Anyone with a role on the site's structure (its agents too) may read its motifs and who receives, not change them. */
export function peutVoirGestionRendezVous(acteur: Acteur, site: CibleSiteRdv): boolean {
  return peutVoirStructure(acteur, { id: site.structureId, departement: site.departement });
}
