import { tacheAlertesContacts } from '../modules/contacts/alertes.ts';
import { TACHES_IMPORTS } from '../modules/imports/jobs.ts';
import { tacheAlertesViolations } from '../modules/mandats/alertes-violations.ts';
import { tacheEcheancesMandats } from '../modules/mandats/echeances.ts';
import { tacheRappel } from '../modules/rendez-vous/rappels.ts';
import { tacheRelancesSaisines } from '../modules/saisines/relances.ts';
import type { DefinitionTache } from '../platform/jobs/index.ts';
import { tacheEnvoiMessages } from '../platform/messages/index.ts';
import { tacheRetention } from './retention.ts';

// Every module's jobs (declared in its `jobs.ts`), registered by the application at start (ADR 0020).
// Add a module's jobs here with one line.
export const TACHES: DefinitionTache[] = [
  tacheRetention,
  ...TACHES_IMPORTS,
  tacheEnvoiMessages,
  tacheRappel,
  tacheAlertesContacts,
  tacheRelancesSaisines,
  tacheAlertesViolations,
  tacheEcheancesMandats,
];
