import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits of randomness, URL-safe. */
export function jetonAleatoire(octets = 32): string {
  return randomBytes(octets).toString('base64url');
}

/** What is stored in place of a secret token: its SHA-256, hex. */
export function empreinte(jeton: string): string {
  return createHash('sha256').update(jeton).digest('hex');
}

export function signature(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('base64url');
}

/**
 * The token of a citizen link that a message carries, derived from a non-secret reference ("rendez-vous.annuler:<id>"):
 * the message stores the reference, the link table the token's hash, and the token itself exists only in what was sent
 * (ADR 0021, 0023). Its form is that of a random link token (43 base64url characters).
 */
export function jetonDeLienCitoyen(secret: string, reference: string): string {
  return signature(secret, `liens.citoyen:${reference}`);
}

export function egaliteSure(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
