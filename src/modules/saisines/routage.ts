// Routing of a new case (issue 13, point 2): to the référent of its partner for the site's département. Entries
// narrowed to some structures that include the site's structure win over département-wide ones (`structures` empty);
// entries narrowed to other structures do not apply. Within the winning entries, the titulaire unless away today, then
// the suppléant unless away; when all of them are away, the département-wide entries are tried the same way. Nobody:
// the case is created routed to nobody (the service tells the coordination). Pure, except `router()` which reads the
// directory.

import type { Executor } from '../../platform/db/client.ts';
import { referentsCandidats } from './repo.ts';

/** A directory entry as routing sees it (active entries of the partner and département only). */
export interface ReferentCandidat {
  id: string;
  rang: 'titulaire' | 'suppleant';
  structureIds: string[];
  /** Away on the day of routing (absences_referents). */
  absent: boolean;
  prenom: string;
  nom: string;
  courriel: string;
}

export interface Routage {
  referent: ReferentCandidat;
  /** The titulaire was away (or absent from the directory): the case goes to the backup. */
  suppleance: boolean;
}

/**
 * The référent a case goes to, among the active entries of its partner and département (in directory order, oldest
 * first), for a site of `structureId`; null when no one applies or all are away.
 */
export function choisirReferent(candidats: readonly ReferentCandidat[], structureId: string): Routage | null {
  const restreints = candidats.filter((c) => c.structureIds.includes(structureId));
  const departementaux = candidats.filter((c) => c.structureIds.length === 0);
  for (const groupe of [restreints, departementaux]) {
    const titulaire = groupe.find((c) => c.rang === 'titulaire' && !c.absent);
    if (titulaire) return { referent: titulaire, suppleance: false };
    const suppleant = groupe.find((c) => c.rang === 'suppleant' && !c.absent);
    if (suppleant) return { referent: suppleant, suppleance: true };
  }
  return null;
}

/** Routes a case of a partner at a site of this structure and département, on the civil day `jour` (site's clock). */
export async function router(
  db: Executor,
  cible: { partenaireId: string; departement: string; structureId: string; jour: string },
): Promise<Routage | null> {
  const candidats = await referentsCandidats(db, cible.partenaireId, cible.departement, cible.jour);
  return choisirReferent(candidats, cible.structureId);
}
