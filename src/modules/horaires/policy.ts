import { type Acteur, gereStructure } from '../portee/index.ts';

/** A site as the hours policies need it: its structure and that structure's département. */
export interface CibleSite {
  structureId: string;
  departement: string;
}

/** Hours, time zone and exceptional closures are edited by whoever manages the site's structure. */
export function peutGererHoraires(acteur: Acteur, site: CibleSite): boolean {
  return gereStructure(acteur, { id: site.structureId, departement: site.departement });
}
