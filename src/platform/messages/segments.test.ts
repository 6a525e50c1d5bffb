import { describe, expect, it } from 'vitest';
import { compterSegments } from './segments.ts';

describe('SMS segments', () => {
  it('counts GSM-7 texts: 160 in one SMS, then 153 a segment', () => {
    expect(compterSegments('a'.repeat(160))).toEqual({ codage: 'gsm7', unites: 160, segments: 1 });
    expect(compterSegments('a'.repeat(161))).toEqual({ codage: 'gsm7', unites: 161, segments: 2 });
    expect(compterSegments('a'.repeat(306)).segments).toBe(2);
    expect(compterSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the extension characters twice', () => {
    expect(compterSegments('€'.repeat(80))).toEqual({ codage: 'gsm7', unites: 160, segments: 1 });
    expect(compterSegments(`${'€'.repeat(80)}a`).segments).toBe(2);
    expect(compterSegments('[a]{b}|~^\\').unites).toBe(18);
  });

  it('keeps French accents of the GSM alphabet in GSM-7, and switches to UCS-2 for the others', () => {
    expect(compterSegments('Votre rendez-vous à Évry : mardi, 14 h. Ça marche ?').codage).toBe('gsm7');
    const ucs2 = compterSegments('Rendez-vous confirmé à la Maison France services, côté mairie');
    expect(ucs2.codage).toBe('ucs2');
    expect(compterSegments('ê'.repeat(70))).toEqual({ codage: 'ucs2', unites: 70, segments: 1 });
    expect(compterSegments('ê'.repeat(71)).segments).toBe(2);
    expect(compterSegments('ê'.repeat(134)).segments).toBe(2);
    expect(compterSegments('ê'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UTF-16 units', () => {
    expect(compterSegments('👍').unites).toBe(2);
  });
});
