import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Symmetric encryption of the few secrets the application must read back (the TOTP shared secret, ADR 0032):
 * AES-256-GCM under a key derived from the application's secret by HKDF-SHA-256 with a label per use, so that a key
 * never serves two purposes and the CSRF or link signatures never share a key with it.
 *
 * Stored form: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. `contexte` is authenticated data (not stored): a value
 * encrypted for one person cannot be moved to another's row and still decrypt.
 */
const VERSION = 'v1';

function cle(secret: string, usage: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `guichet:${usage}`, 32));
}

export function chiffrer(secret: string, usage: string, clair: string, contexte = ''): string {
  const iv = randomBytes(12);
  const chiffreur = createCipheriv('aes-256-gcm', cle(secret, usage), iv);
  chiffreur.setAAD(Buffer.from(contexte));
  const donnees = Buffer.concat([chiffreur.update(clair, 'utf8'), chiffreur.final()]);
  return [VERSION, iv, chiffreur.getAuthTag(), donnees]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The clear text, or null when the value was altered, moved, or encrypted under another secret or label. */
export function dechiffrer(secret: string, usage: string, chiffre: string, contexte = ''): string | null {
  const [version, iv, tag, donnees, ...reste] = chiffre.split('.');
  if (version !== VERSION || !iv || !tag || donnees === undefined || reste.length > 0) return null;
  try {
    const dechiffreur = createDecipheriv('aes-256-gcm', cle(secret, usage), Buffer.from(iv, 'base64url'));
    dechiffreur.setAAD(Buffer.from(contexte));
    dechiffreur.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([dechiffreur.update(Buffer.from(donnees, 'base64url')), dechiffreur.final()]).toString('utf8');
  } catch {
    return null;
  }
}
