// What other modules may use of mandats: the journal (issue 14), and whether a mandate allows a new action.
export {
  ACTIONS_JOURNAL,
  type ActionJournal,
  type BilanJournal,
  type EntreeJournal,
  journaliser,
  verifierJournal,
} from './journal.ts';
export {
  type ActionSousMandat,
  agirSousMandat,
  type LienMandat,
  type MandatDuFormulaire,
  mandatPourFormulaire,
  type ResultatSousMandat,
} from './liens.ts';
export { porteeDesMandats, structuresDesMandats, travailleAvecMandats } from './portee.ts';
export {
  codeRevocation,
  empreinteCodeRevocation,
  normaliserCode,
  normaliserReference,
  nouvelleReference,
} from './references.ts';
export {
  type MandatUtilisable,
  mandatUtilisable,
  type RaisonRefusMandat,
  type VerificationMandat,
} from './validite.ts';
export { ChampMandat } from './views/citoyen-mandat.tsx';
export { peutVoirRegistreViolations } from './violations-policy.ts';
