import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { chiffrer, dechiffrer } from '../../platform/auth/chiffrement.ts';
import { empreinte } from '../../platform/auth/jetons.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { Role } from '../portee/index.ts';
import { habilitationsDe } from './repo.ts';
import { aUnFacteurActif } from './totp-repo.ts';

// The TOTP second factor (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps (ADR 0032).

const EMETTEUR = 'guichet';
const USAGE_CHIFFREMENT = 'totp-secret';
/** A code of the step before or after the server's is accepted (clock drift), no further. */
const FENETRE_PAS = 1;
export const NOMBRE_CODES_SECOURS = 10;
/** A session waiting for its second factor lives 15 minutes (enough to open an app or enrol one), then is refused. */
export const DUREE_ATTENTE_SECOND_FACTEUR_MS = 15 * 60 * 1000;
/** Crockford's base 32: no I, L, O, U, so that codes read back from paper are not misread. */
const ALPHABET_SECOURS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Roles that always need the second factor on a password sign-in; the configuration may add others. */
export const ROLES_SECOND_FACTEUR_TOUJOURS: readonly Role[] = ['admin_national', 'coordinateur'];

/** Whether a person holding these roles must use the second factor (issue 15: nation and coordinators always). */
export function secondFacteurExigePour(roles: readonly Role[], rolesConfigures: readonly Role[]): boolean {
  return roles.some((r) => ROLES_SECOND_FACTEUR_TOUJOURS.includes(r) || rolesConfigures.includes(r));
}

function totp(secretBase32: string, compte = '') {
  return new TOTP({
    issuer: EMETTEUR,
    label: compte,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random shared secret (160 bits, the size RFC 4226 recommends), in base 32. */
export function nouveauSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The secret as a person types it into an app: groups of 4 characters. */
export function secretGroupe(secretBase32: string): string {
  return secretBase32.match(/.{1,4}/g)?.join(' ') ?? secretBase32;
}

/** The `otpauth://` URI that the QR code carries (Google Authenticator's key URI format). */
export function uriTotp(secretBase32: string, courriel: string): string {
  return totp(secretBase32, courriel).toString();
}

/** The QR code of the URI, drawn on the server as SVG, for an `<img src="data:…">` (no script, no external call). */
export async function qrCodeSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The current code of a secret (for the demo's `npm run totp:demo` and the tests). */
export function codeCourant(secretBase32: string, instant = Date.now()): string {
  return totp(secretBase32).generate({ timestamp: instant });
}

/**
 * The time step a code belongs to, within ±1 step of now, or null when it is not a code of this secret then. The
 * caller refuses a step not after the last one accepted (a replayed code).
 */
export function pasDuCode(secretBase32: string, code: string, instant = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const t = totp(secretBase32);
  const delta = t.validate({ token: code, timestamp: instant, window: FENETRE_PAS });
  return delta === null ? null : TOTP.counter({ period: 30, timestamp: instant }) + delta;
}

/** What a person types: spaces, dashes and case do not matter; a 6-digit code is a TOTP code. */
export function normaliserCode(saisie: string): string {
  return saisie.replace(/[\s-]/g, '').toUpperCase();
}

export function chiffrerSecret(sessionSecret: string, utilisateurId: string, secretBase32: string): string {
  return chiffrer(sessionSecret, USAGE_CHIFFREMENT, secretBase32, utilisateurId);
}

export function dechiffrerSecret(sessionSecret: string, utilisateurId: string, chiffre: string): string | null {
  return dechiffrer(sessionSecret, USAGE_CHIFFREMENT, chiffre, utilisateurId);
}

/** Ten fresh recovery codes of 16 characters (80 bits each), shown as `XXXX-XXXX-XXXX-XXXX`. */
export function nouveauxCodesSecours(): string[] {
  return Array.from({ length: NOMBRE_CODES_SECOURS }, () => {
    const brut = Array.from({ length: 16 }, () => ALPHABET_SECOURS[randomInt(ALPHABET_SECOURS.length)]).join('');
    return brut.match(/.{4}/g)?.join('-') ?? brut;
  });
}

/**
 * What is stored of a recovery code: the SHA-256 of the person's id and the normalised code. The codes carry 80 random
 * bits, so a slow hash adds nothing against guessing them; the id keeps equal codes of two people apart.
 */
export function empreinteCodeSecours(utilisateurId: string, code: string): string {
  const normalise = normaliserCode(code).replace(/[IL]/g, '1').replace(/O/g, '0');
  return empreinte(`codes-secours:${utilisateurId}:${normalise}`);
}

/** What remains of a sign-in after a right password: nothing, a code, or enrolling a factor first. */
export type EtapeSecondFacteur = 'aucun' | 'code' | 'enrolement';

/**
 * The second-factor step of a person's password sign-in: a code when they have an active factor (whatever their
 * roles), enrolment when their roles require one they do not have yet, nothing otherwise.
 */
export async function etapeSecondFacteur(
  db: Executor,
  utilisateurId: string,
  rolesConfigures: readonly Role[],
): Promise<EtapeSecondFacteur> {
  if (await aUnFacteurActif(db, utilisateurId)) return 'code';
  const roles = ((await habilitationsDe(db, [utilisateurId])).get(utilisateurId) ?? []).map((h) => h.role);
  return secondFacteurExigePour(roles, rolesConfigures) ? 'enrolement' : 'aucun';
}
