// The alerts of the breach register (issue 14 point 7), swept every 15 minutes. An entry still open (no notification
// to the CNIL, no reasoned decision not to notify) 24 hours after its discovery, then 48 hours after, is emailed to its
// structure's managers (none for the national level) and to every national admin: no personal data, only the
// reference, the hours left and a link behind sign-in. Each step goes once: a guarded UPDATE of `alertes_envoyees`
// records it in the same transaction as its outbox entries, whose keys are unique per entry, step and recipient. A
// sweep sends only the latest step due (a sweep down for a day sends the 48-hour alert, not both).

import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { definirTache } from '../../platform/jobs/index.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import { destinatairesAlerteViolation, marquerAlerteViolation, violationsAAlerter } from './repo-alertes-violations.ts';
import {
  echeanceViolation,
  etapeAlerteDue,
  fuseauViolation,
  heuresRestantes,
  instantEnClair,
} from './violations-delai.ts';

/** Entries looked at per sweep, the oldest discovery first; the next sweep takes the rest. */
const LIMITE_BALAYAGE = 1000;

/** What a sweep did: alerts per step, and the emails queued. */
export interface BilanAlertesViolations {
  h24: number;
  h48: number;
  courriels: number;
}

/**
 * One sweep at `maintenant` (tests move it): for each open entry 24 or 48 hours after its discovery, the latest step
 * due, once, emailed to its structure's managers and the national admins.
 */
export async function balayerAlertesViolations(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  maintenant = new Date(),
): Promise<BilanAlertesViolations> {
  const bilan: BilanAlertesViolations = { h24: 0, h48: 0, courriels: 0 };
  for (const v of await violationsAAlerter(db, maintenant, LIMITE_BALAYAGE)) {
    const etape = etapeAlerteDue(v.decouverteLe, maintenant);
    if (!etape || v.alertesEnvoyees.some((e) => e >= etape)) continue;
    const envoyes = await db.transaction(async (tx) => {
      if (!(await marquerAlerteViolation(tx, v.id, etape))) return null;
      const destinataires = await destinatairesAlerteViolation(tx, v.structureId);
      const fuseau = fuseauViolation(v.departement);
      const parametres = {
        violationId: v.id,
        reference: v.reference,
        etape,
        heuresRestantes: Math.max(0, heuresRestantes(v.decouverteLe, maintenant)),
        echeance: instantEnClair(echeanceViolation(v.decouverteLe), fuseau),
        registre: v.structure ?? 'niveau national',
      };
      for (const courriel of destinataires) {
        await mettreEnFile(tx, config, {
          modele: 'violations.alerte',
          destinataire: courriel,
          parametres,
          cle: `violations.alerte:${v.id}:${etape}:${courriel.toLowerCase()}`,
        });
      }
      return destinataires.length;
    });
    if (envoyes === null) continue;
    if (etape === 24) bilan.h24++;
    else bilan.h48++;
    bilan.courriels += envoyes;
  }
  return bilan;
}

/** The sweep as a periodic job: every 15 minutes; idempotent (each step recorded once, its emails keyed). */
export const tacheAlertesViolations = definirTache({
  nom: 'violations.alertes',
  charge: z.object({}),
  reessais: { limite: 2, delaiSecondes: 60 },
  expirationSecondes: 10 * 60,
  planification: { cron: '*/15 * * * *', charge: {} },
  async executer(_charge, { db, config, log }) {
    const bilan = await balayerAlertesViolations(db, config);
    if (bilan.h24 + bilan.h48 > 0) log.info({ ...bilan }, 'violations: alerts before the CNIL deadline');
  },
});
