// References and the revocation code of mandates (issue 14). References ("M-7KQ2X9HD", "V-…" for a breach) are read
// aloud and typed: an alphabet without 0/O, 1/I/L or U. The revocation code printed on the citizen's original is
// derived from the application's secret and the mandate's id (a reprint shows the same code; nothing secret is
// stored), and only its SHA-256 is kept to check it: 12 characters of 32, 60 bits, tried at a limited rate.

import { createHash, createHmac, randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const ALPHABET_CODE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford's base 32

/** A new reference: the prefix, a dash and 8 characters (30^8, drawn at random; the unique index catches a repeat). */
export function nouvelleReference(prefixe: 'M' | 'V'): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefixe}-${s}`;
}

/** A typed reference in its stored form ("m-7kq2 x9hd" → "M-7KQ2X9HD"), or null when it cannot be one. */
export function normaliserReference(texte: string, prefixe: 'M' | 'V'): string | null {
  const s = texte.toUpperCase().replace(/[\s\u00a0-]/g, '');
  const corps = s.startsWith(prefixe) ? s.slice(1) : s;
  return new RegExp(`^[${ALPHABET}]{8}$`).test(corps) ? `${prefixe}-${corps}` : null;
}

/** The revocation code of a mandate, as printed: "K7QM-2XD9-P4TA". */
export function codeRevocation(secret: string, mandatId: string): string {
  const mac = createHmac('sha256', secret).update(`mandats.revocation:${mandatId}`).digest();
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET_CODE[(mac[i] as number) % 32];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** A typed code in canonical form (case, spaces and dashes ignored; O read as 0, I and L as 1), or null. */
export function normaliserCode(texte: string): string | null {
  const s = texte
    .toUpperCase()
    .replace(/[\s\u00a0-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(s) ? s : null;
}

/** What is stored of a code: the SHA-256 (hex) of its canonical form. */
export function empreinteCodeRevocation(code: string): string {
  const canonique = normaliserCode(code);
  if (!canonique) throw new Error('not a revocation code');
  return createHash('sha256').update(canonique).digest('hex');
}
