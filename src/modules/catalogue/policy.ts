import { type Acteur, estAdminNational, gereStructure, peutVoirAdministration } from '../portee/index.ts';

/** A structure as the catalogue policies need it. */
export interface CibleStructure {
  id: string;
  departement: string;
}

/** A catalogue entry (situation or partner): national when it has no structure, else local to that structure. */
export interface CibleEntree {
  structure: CibleStructure | null;
}

/** Everyone with a scope in the network reads the catalogue; a référent alone has none. */
export function peutVoirCatalogue(acteur: Acteur): boolean {
  return peutVoirAdministration(acteur);
}

/** The national catalogue (themes, national situations, national partners) is edited by the national administration. */
export function peutModifierNational(acteur: Acteur): boolean {
  return estAdminNational(acteur);
}

/** Local entries of a structure are added and edited by whoever manages it (manager, coordinator, national admin). */
export function peutGererLocal(acteur: Acteur, structure: CibleStructure): boolean {
  return gereStructure(acteur, structure);
}

/** Who may edit, retire or reactivate an entry: national ones by the national admin, local ones by their managers. */
export function peutModifierEntree(acteur: Acteur, entree: CibleEntree): boolean {
  return entree.structure === null ? peutModifierNational(acteur) : peutGererLocal(acteur, entree.structure);
}
