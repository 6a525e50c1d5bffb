// Who reaches mandates and citizen records (issue 14, ADR 0031). A mandate is signed between a person and a France
// Services structure: the structure's agents and managers work with it. Nobody above the structure reads a citizen's
// identity: coordinators and the national administration see counts (the reports), never names, as in
// Administration+ where administrators have no access to the usager's data.

import type { Acteur, Portee } from '../portee/index.ts';

/** The structures whose mandates the actor works with: those where they are an agent or a manager. */
export function structuresDesMandats(acteur: Pick<Acteur, 'habilitations'>): string[] {
  return [
    ...new Set(
      acteur.habilitations
        .filter((h) => (h.role === 'agent' || h.role === 'gestionnaire') && h.structureId)
        .map((h) => h.structureId as string),
    ),
  ];
}

/** That reach as a `Portee` of structures only: what every repo function on mandates and citizen records takes. */
export function porteeDesMandats(acteur: Pick<Acteur, 'habilitations'>): Portee {
  return { national: false, departements: [], structures: structuresDesMandats(acteur), sites: [], partenaires: [] };
}

/** May the actor work with mandates at all (the navigation link, the site page's button)? */
export const travailleAvecMandats = (acteur: Pick<Acteur, 'habilitations'>) => structuresDesMandats(acteur).length > 0;
