// Requests, appointments and cases done under a mandate (issue 14 point 5, ADR 0031). The forms of those modules read
// the mandate they were opened with (`mandatPourFormulaire`, for the line "Sous le mandat M-… de …") and, on POST,
// write through `agirSousMandat` in their own transaction: the mandate is checked (`mandatUtilisable`, its row locked
// against a revocation committing meanwhile), the row is written with the mandate and the citizen, and the action is
// journalled; refused, nothing is written and the French reason comes back for the form.

import type { Executor } from '../../platform/db/client.ts';
import type { Acteur } from '../portee/index.ts';
import { type ActionJournal, type EntreeJournal, journaliser } from './journal.ts';
import { porteeDesMandats } from './portee.ts';
import * as repo from './repo-citoyens.ts';
import { mandatUtilisable, type RaisonRefusMandat } from './validite.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A mandate as a form shows it, with its citizen's identity to prefill, and why it cannot be used if it cannot. */
export interface MandatDuFormulaire {
  id: string;
  reference: string;
  fin: Date | null;
  citoyen: {
    id: string;
    prenom: string;
    nom: string;
    dateNaissance: string;
    courriel: string | null;
    telephone: string | null;
  };
  /** The refusal of `mandatUtilisable` at the site's structure (partners not known yet), or null. */
  refus: string | null;
}

/**
 * The mandate a form was opened with, if the actor works with its structure's mandates (null otherwise, as for an
 * unknown id): its reference, its end, its citizen; `refus` says already why it cannot be used at this structure.
 */
export async function mandatPourFormulaire(
  db: Executor,
  acteur: Pick<Acteur, 'habilitations'>,
  mandatId: string | undefined,
  cible: { structureId: string; maintenant: Date },
): Promise<MandatDuFormulaire | null> {
  if (!mandatId || !UUID.test(mandatId)) return null;
  const m = await repo.mandatAvecCitoyen(db, porteeDesMandats(acteur), mandatId);
  if (!m) return null;
  const v = await mandatUtilisable(db, acteur, m.id, { ...cible, partenaireIds: [] });
  return {
    id: m.id,
    reference: m.reference,
    fin: m.fin,
    citoyen: {
      id: m.citoyenId,
      prenom: m.prenom,
      nom: m.nom,
      dateNaissance: m.dateNaissance,
      courriel: m.courriel,
      telephone: m.telephone,
    },
    refus: v.ok ? null : v.message,
  };
}

/** What the row written under a mandate carries. */
export interface LienMandat {
  mandatId: string;
  citoyenId: string;
}

/** `id` null: `ecrire` wrote nothing after all (a slot taken meanwhile), so nothing was journalled. */
export type ResultatSousMandat =
  | { ok: true; id: string | null; lien: LienMandat }
  | { ok: false; raison: RaisonRefusMandat; message: string };

/** An action done under a mandate: where, for which partners, and how the journal names it. */
export interface ActionSousMandat {
  mandatId: string;
  structureId: string;
  partenaireIds: string[];
  maintenant: Date;
  action: Extract<ActionJournal, 'sollicitation.enregistree' | 'rendez_vous.reserve' | 'saisine.creee'>;
  objetType: NonNullable<EntreeJournal['objetType']>;
  /** More non-personal details for the journal (the partners are always there). */
  details?: Record<string, string | number | boolean | null | string[]>;
}

/**
 * Checks the mandate in the caller's transaction, then writes the row through `ecrire` (given the mandate and the
 * citizen) and journals the action on it. Refused: `ecrire` is not called and nothing is written. `ecrire` may answer
 * null when it wrote nothing after all; then nothing is journalled.
 */
export async function agirSousMandat(
  tx: Executor,
  acteur: Pick<Acteur, 'id' | 'habilitations'>,
  a: ActionSousMandat,
  ecrire: (lien: LienMandat) => Promise<string | null>,
): Promise<ResultatSousMandat> {
  const v = await mandatUtilisable(tx, acteur, a.mandatId, {
    structureId: a.structureId,
    partenaireIds: a.partenaireIds,
    maintenant: a.maintenant,
  });
  if (!v.ok) return v;
  const lien = { mandatId: v.mandat.id, citoyenId: v.mandat.citoyenId };
  const id = await ecrire(lien);
  if (id === null) return { ok: true, id, lien };
  await journaliser(tx, {
    mandatId: v.mandat.id,
    structureId: v.mandat.structureId,
    auteurId: acteur.id,
    action: a.action,
    objetType: a.objetType,
    objetId: id,
    details: { ...a.details, partenaires: a.partenaireIds },
  });
  return { ok: true, id, lien };
}
