// Rate limits of messages written to a site (issue 12), kept in PostgreSQL (`limites_contact`) rather than in memory, so
// that they hold across processes and restarts, and without a third-party captcha. The sender's IP address is never
// stored: only an HMAC of it under the session secret, which identifies nobody once the secret rotates; the marks are
// purged after a day (retention rule contacts.limites).

import { signature } from '../../platform/auth/jetons.ts';
import type { Executor } from '../../platform/db/client.ts';
import { consommerLimites } from './repo-reception.ts';

/** Messages accepted from one IP address within an hour (the form; the SMTP receiver may use it for a sending host). */
export const LIMITE_IP_HEURE = 5;
/** Messages accepted by one site within an hour, whatever their origin: bounds what a flood costs its agents. */
export const LIMITE_SITE_HEURE = 50;
const HEURE_MS = 3_600_000;

/** The key of an IP address: an HMAC under the session secret, never the address itself. */
export function cleIp(secret: string, ip: string): string {
  return `ip:${signature(secret, `contacts.limites.ip:${ip}`)}`;
}

/** Which limit refused a message: one sender too many times, or one site too many times. */
export type LimiteAtteinte = 'ip' | 'site';

/**
 * Counts one message from `ip` (when given) to `siteId` against the hourly limits, in the caller's transaction if it
 * is one; returns which limit is already reached (nothing is then counted), or null when the message may go on.
 */
export async function consommerLimitesContact(
  db: Executor,
  secret: string,
  quoi: { ip?: string; siteId: string },
  maintenant: Date = new Date(),
): Promise<LimiteAtteinte | null> {
  const site = `site:${quoi.siteId}`;
  const limites = [{ cle: site, max: LIMITE_SITE_HEURE }];
  if (quoi.ip) limites.push({ cle: cleIp(secret, quoi.ip), max: LIMITE_IP_HEURE });
  const pleine = await db.transaction((tx) =>
    consommerLimites(tx, limites, new Date(maintenant.getTime() - HEURE_MS), maintenant),
  );
  if (pleine === null) return null;
  return pleine === site ? 'site' : 'ip';
}
