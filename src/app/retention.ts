import { z } from 'zod';
import { REGLES_COMPTES } from '../modules/comptes/retention.ts';
import { REGLES_CONTACTS } from '../modules/contacts/retention.ts';
import { REGLES_IMPORTS } from '../modules/imports/retention.ts';
import { REGLES_MANDATS } from '../modules/mandats/retention.ts';
import { REGLES_VIOLATIONS } from '../modules/mandats/retention-violations.ts';
import { REGLES_RENDEZ_VOUS } from '../modules/rendez-vous/retention.ts';
import { REGLES_SAISINES } from '../modules/saisines/retention.ts';
import { REGLES_SOLLICITATIONS } from '../modules/sollicitations/retention.ts';
import type { Db } from '../platform/db/client.ts';
import { definirTache } from '../platform/jobs/index.ts';
import { REGLES_LIENS } from '../platform/liens/retention.ts';
import { REGLES_MESSAGES } from '../platform/messages/index.ts';
import { appliquerRegles, type BilanRegle, type RegleRetention } from '../platform/retention/index.ts';

// The one registry of retention rules (ADR 0024): each table holding personal data declares its rule beside its
// definition, and is listed here. docs/donnees-personnelles.md lists the same rules (test/retention/registre.test.ts).
export const REGLES_RETENTION: RegleRetention[] = [
  ...REGLES_COMPTES,
  ...REGLES_SOLLICITATIONS,
  ...REGLES_IMPORTS,
  ...REGLES_RENDEZ_VOUS,
  ...REGLES_CONTACTS,
  ...REGLES_SAISINES,
  // After cases and appointments: a citizen record goes the night its last live reference is anonymised.
  ...REGLES_MANDATS,
  ...REGLES_VIOLATIONS,
  ...REGLES_MESSAGES,
  ...REGLES_LIENS,
];

/** Applies every retention rule as of `maintenant` (tests move it forward); returns the count of each rule. */
export function appliquerRetention(db: Db, maintenant = new Date()): Promise<BilanRegle[]> {
  return appliquerRegles(db, REGLES_RETENTION, maintenant);
}

/** Every night at 03:15 UTC: personal data past its delay is deleted or anonymised; counts are logged, nothing else. */
export const tacheRetention = definirTache({
  nom: 'retention.appliquer',
  charge: z.object({}),
  planification: { cron: '15 3 * * *', charge: {} },
  async executer(_charge, ctx) {
    const bilans = await appliquerRetention(ctx.db);
    for (const b of bilans) ctx.log.info({ regle: b.nom, table: b.table, lignes: b.lignes }, 'retention rule applied');
    const echecs = bilans.filter((b) => b.erreur);
    if (echecs.length > 0) {
      for (const e of echecs) ctx.log.error({ regle: e.nom, erreur: e.erreur }, 'retention rule failed');
      // Rules are idempotent: the retry applies them all again.
      throw new Error(`retention: ${echecs.map((e) => e.nom).join(', ')} failed`);
    }
  },
});
