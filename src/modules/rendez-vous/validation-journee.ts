import { z } from 'zod';
import { texteFacultatif } from '../../platform/http/formulaire.ts';

/** Longest first name or label of a walk-in (the column's length). */
export const LIBELLE_MAX = 60;

/** The walk-in form: an optional first name or label, so that the agent can call the person. */
export const SaisiePassage = z.object({
  libelle: texteFacultatif('le prénom ou le repère', LIBELLE_MAX),
});
export type SaisiePassage = z.infer<typeof SaisiePassage>;

export const LIBELLES_CHAMPS_PASSAGE: Record<string, string> = { libelle: 'Prénom ou repère' };

/** The board's query string: the ticket just given, shown big; a malformed one is ignored (a stale link). */
export const RequeteJournee = z.object({ ticket: z.uuid().optional().catch(undefined) });
