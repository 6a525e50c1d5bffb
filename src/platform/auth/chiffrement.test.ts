import { describe, expect, it } from 'vitest';
import { chiffrer, dechiffrer } from './chiffrement.ts';

const SECRET = 'un secret d’application d’au moins trente-deux caractères';

describe('encryption of stored secrets (AES-256-GCM, HKDF-derived key)', () => {
  it('decrypts what it encrypted, with a fresh IV each time', () => {
    const a = chiffrer(SECRET, 'totp', 'JBSWY3DPEHPK3PXP', 'personne-1');
    const b = chiffrer(SECRET, 'totp', 'JBSWY3DPEHPK3PXP', 'personne-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(dechiffrer(SECRET, 'totp', a, 'personne-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(dechiffrer(SECRET, 'totp', b, 'personne-1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another secret, another label, another context, an altered or malformed value', () => {
    const c = chiffrer(SECRET, 'totp', 'JBSWY3DPEHPK3PXP', 'personne-1');
    expect(dechiffrer(`${SECRET}!`, 'totp', c, 'personne-1')).toBeNull();
    expect(dechiffrer(SECRET, 'autre-usage', c, 'personne-1')).toBeNull();
    expect(dechiffrer(SECRET, 'totp', c, 'personne-2')).toBeNull();
    const [v, iv, tag, donnees] = c.split('.') as [string, string, string, string];
    const altere = Buffer.from(donnees, 'base64url');
    altere[0] = (altere[0] ?? 0) ^ 1;
    expect(dechiffrer(SECRET, 'totp', [v, iv, tag, altere.toString('base64url')].join('.'), 'personne-1')).toBeNull();
    for (const mauvais of ['', 'v1', 'v2.a.b.c', `${c}.x`, 'v1.!!.??.--'])
      expect(dechiffrer(SECRET, 'totp', mauvais, 'personne-1')).toBeNull();
  });
});
