import { inArray } from 'drizzle-orm';
import { facteursTotp, utilisateurs } from '../modules/comptes/tables.ts';
import { chiffrerSecret, codeCourant } from '../modules/comptes/totp.ts';
import type { Executor } from '../platform/db/client.ts';

/**
 * The TOTP secret of the demo accounts whose roles require the second factor (national administration and
 * coordination, ADR 0032). Public on purpose, like the demo password: demo data is never loaded in production. Add it
 * to an authenticator app by hand, or print the current code with `npm run totp:demo`.
 */
export const SECRET_TOTP_DEMO = 'GUICHETDEMOTOTPGUICHETDEMOTOTP23';
export const COMPTES_TOTP_DEMO = ['admin@guichet.test', 'coordination@guichet.test'];

/** The demo accounts' current TOTP code. */
export function codeTotpDemo(instant = Date.now()): string {
  return codeCourant(SECRET_TOTP_DEMO, instant);
}

/** Gives the demo accounts that need it an active factor with the demo secret; leaves an existing factor alone. */
export async function chargerTotpDemo(tx: Executor, sessionSecret: string) {
  const comptes = await tx
    .select({ id: utilisateurs.id })
    .from(utilisateurs)
    .where(inArray(utilisateurs.courriel, COMPTES_TOTP_DEMO));
  if (comptes.length === 0) return;
  await tx
    .insert(facteursTotp)
    .values(
      comptes.map((c) => ({
        utilisateurId: c.id,
        secretChiffre: chiffrerSecret(sessionSecret, c.id, SECRET_TOTP_DEMO),
        activeLe: new Date(),
      })),
    )
    .onConflictDoNothing();
}
