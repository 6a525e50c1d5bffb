import { z } from 'zod';
import { definirTache } from '../jobs/index.ts';
import { envoyerTout } from './envoi.ts';
import { fournisseursDe } from './fournisseurs.ts';

/**
 * The outbox's sender (ADR 0021): enqueued by `mettreEnFile` in the business transaction, and run every minute to
 * pick up retries whose backoff has elapsed and messages whose sender died (expired lease). Idempotent by
 * construction: it only sends what it claims, and claims are exclusive (`FOR UPDATE SKIP LOCKED`).
 */
export const tacheEnvoiMessages = definirTache({
  nom: 'messages.envoyer',
  charge: z.object({}),
  reessais: { limite: 2, delaiSecondes: 30, exponentiel: true },
  expirationSecondes: 5 * 60,
  planification: { cron: '* * * * *', charge: {} },
  async executer(_charge, { db, config, log }) {
    const bilan = await envoyerTout(db, config, fournisseursDe(config));
    if (bilan.envoyes + bilan.echecs + bilan.reportes > 0) log.info({ ...bilan }, 'outbox batch');
  },
});
