// What other modules may use of mandats: the journal (issue 14), and whether a mandate allows a new action.
export {
  ACTIONS_JOURNAL,
  type ActionJournal,
  type BilanJournal,
  type EntreeJournal,
  journaliser,
  verifierJournal,
} from './journal.ts';
