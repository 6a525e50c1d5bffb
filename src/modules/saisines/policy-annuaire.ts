import { type Acteur, estAdminNational, type Portee, type PorteePartenaire } from '../portee/index.ts';

// Who reads and who keeps the référent directory (issue 13, point 1). Everyone of the network reads the référents of
// their départements, since "l'agent France Services contactera directement le référent": coordinators their
// départements, agents and managers their structures' départements, référents their own partner in their
// départements. The directory is kept by the national administration (everywhere), the département's coordinators
// and the référents themselves (their own partner in their départements). Per-partner deadlines are the national
// administration's.

/** A directory entry (or a partner's offer at a site) as the policies see it. */
export interface CibleAnnuaire {
  partenaireId: string;
  departement: string;
}

const du = (acteur: Pick<Acteur, 'habilitations'>, role: string) => acteur.habilitations.filter((h) => h.role === role);

/** The partner × départements the actor's référent roles reach, merged per partner. */
function partenairesDe(acteur: Pick<Acteur, 'habilitations'>): PorteePartenaire[] {
  const parPartenaire = new Map<string, Set<string>>();
  for (const h of du(acteur, 'referent')) {
    if (!h.partenaireId) continue;
    const deps = parPartenaire.get(h.partenaireId) ?? new Set<string>();
    for (const d of h.departements) deps.add(d);
    parPartenaire.set(h.partenaireId, deps);
  }
  return [...parPartenaire].map(([partenaireId, deps]) => ({ partenaireId, departements: [...deps].sort() }));
}

const coordonnes = (acteur: Pick<Acteur, 'habilitations'>) => du(acteur, 'coordinateur').flatMap((h) => h.departements);

/** The structures where the actor is an agent or a manager: their départements give what they read. */
export const structuresDe = (acteur: Pick<Acteur, 'habilitations'>): string[] => [
  ...new Set(
    acteur.habilitations
      .filter((h) => (h.role === 'agent' || h.role === 'gestionnaire') && h.structureId)
      .map((h) => h.structureId as string),
  ),
];

/**
 * What the actor reads of the directory: whole départements (coordinated, or holding one of their structures) and
 * their own partner's entries in their départements as a référent. `departementsDesStructures` are the départements
 * of `structuresDe(acteur)`, read by the service.
 */
export function porteeLectureAnnuaire(acteur: Acteur, departementsDesStructures: string[]): Portee {
  return {
    national: estAdminNational(acteur),
    departements: [...new Set([...coordonnes(acteur), ...departementsDesStructures])].sort(),
    structures: [],
    sites: [],
    partenaires: partenairesDe(acteur),
  };
}

/** What the actor keeps in the directory: everything (nation), their départements (coordinator), own partner (référent). */
export function porteeEcritureAnnuaire(acteur: Acteur): Portee {
  return {
    national: estAdminNational(acteur),
    departements: [...new Set(coordonnes(acteur))].sort(),
    structures: [],
    sites: [],
    partenaires: partenairesDe(acteur),
  };
}

/** Does a scope built above reach this partner in this département? */
export function couvreAnnuaire(portee: Portee, cible: CibleAnnuaire): boolean {
  return (
    portee.national ||
    portee.departements.includes(cible.departement) ||
    portee.partenaires.some((p) => p.partenaireId === cible.partenaireId && p.departements.includes(cible.departement))
  );
}

/** Edits, deactivates an entry and records its absences: the nation, the département's coordinators, its référents. */
export function peutModifierReferent(acteur: Acteur, cible: CibleAnnuaire): boolean {
  return couvreAnnuaire(porteeEcritureAnnuaire(acteur), cible);
}

/** Adds entries somewhere: anyone who keeps at least one partner × département. */
export function peutAjouterReferents(acteur: Acteur): boolean {
  const p = porteeEcritureAnnuaire(acteur);
  return p.national || p.departements.length > 0 || p.partenaires.some((x) => x.departements.length > 0);
}

/** Edits a partner's complementary offer at a site: the same people as its directory entries. */
export const peutModifierOffre = peutModifierReferent;

/** Sets the per-partner deadlines: the national administration only. */
export const peutModifierDelais = (acteur: Acteur) => estAdminNational(acteur);

/** The départements of a scope, for filters and the tableau (the nation has them all, listed by the caller). */
export function departementsDe(portee: Portee): string[] {
  return [...new Set([...portee.departements, ...portee.partenaires.flatMap((p) => p.departements)])].sort();
}
