import { type Acteur, coordonneDepartement, gereStructure, peutVoirStructure } from '../portee/index.ts';

export interface CibleStructure {
  id: string;
  departement: string;
}

/** Creating a structure in a département is for the national admin and that département's coordinator. */
export function peutCreerStructure(acteur: Acteur, departement: string): boolean {
  return coordonneDepartement(acteur, departement);
}

/** A manager edits their structure's details; moving it to another département needs the right to create there. */
export function peutModifierStructure(acteur: Acteur, s: CibleStructure): boolean {
  return gereStructure(acteur, s);
}

/** Only a coordinator of its département or the national admin may deactivate a structure. */
export function peutDesactiverStructure(acteur: Acteur, s: CibleStructure): boolean {
  return coordonneDepartement(acteur, s.departement);
}

/** Sites are created, edited and deactivated by whoever manages their structure; agents only read. */
export function peutGererSites(acteur: Acteur, s: CibleStructure): boolean {
  return gereStructure(acteur, s);
}

export function peutLireStructure(acteur: Acteur, s: CibleStructure): boolean {
  return peutVoirStructure(acteur, s);
}
