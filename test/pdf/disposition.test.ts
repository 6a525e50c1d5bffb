import { describe, expect, it } from 'vitest';
import { formerArabe } from '../../src/platform/pdf/arabe.ts';
import { disposer, lesMarianne } from '../../src/platform/pdf/ecritures.ts';

// How a line is cut into runs of one font and direction (src/platform/pdf/ecritures.ts), and how Arabic letters are
// shaped (arabe.ts): the pieces a PDF is drawn with.

const cps = (texte: string) => [...texte].map((c) => (c.codePointAt(0) ?? 0).toString(16).toUpperCase());
/** Each run: its font's name, its text as drawn, its offset and width rounded (1/1000 em). */
const runs = (texte: string, graisse: 'regular' | 'bold' = 'regular') =>
  disposer(texte, graisse).morceaux.map((m) => ({ police: m.police.nom, texte: m.texte, x: Math.round(m.x) }));

describe('cutting a line into runs', () => {
  it('keeps a Latin name, Polish, Romanian and Vietnamese letters included, in one Marianne run', () => {
    expect(runs('Łukasz Ştefănescu-Nguyễn Țurcanu')).toEqual([
      { police: 'regular', texte: 'Łukasz Ştefănescu-Nguyễn Țurcanu', x: 0 },
    ]);
    expect(runs('Łukasz', 'bold')[0]?.police).toBe('bold');
  });

  it('draws Cyrillic, Greek and the ʻokina Marianne lacks in Noto Sans, the rest in Marianne', () => {
    expect(runs('Олександр Шевченко').map((r) => r.police)).toEqual(['noto-sans-cyrillic-regular']);
    expect(runs('Γιώργος', 'bold').map((r) => r.police)).toEqual(['noto-sans-greek-bold']);
    expect(runs('Keʻala').map((r) => [r.police, r.texte])).toEqual([
      ['regular', 'Ke'],
      ['noto-sans-latin-regular', 'ʻ'],
      ['regular', 'ala'],
    ]);
  });

  it('lays an Arabic name out right to left in one run, space included, between left-to-right runs', () => {
    const { morceaux, largeur } = disposer('Nom : محمد الأحمد (92)', 'regular');
    expect(morceaux.map((m) => m.police.nom)).toEqual(['regular', 'noto-sans-arabic-arabic-regular', 'regular']);
    const [avant, arabe, apres] = morceaux;
    // Drawn left to right: the last word first, each letter in its contextual form, the lam-alef as one ligature.
    expect(cps(arabe?.texte ?? '')).toEqual(
      cps('\uFEAA\uFEE4\uFEA3\uFEF7\uFE8D \uFEAA\uFEE4\uFEA4\uFEE3'.normalize('NFC')),
    );
    expect(arabe?.x).toBeCloseTo(avant?.largeur ?? 0);
    expect(apres?.x).toBeCloseTo((avant?.largeur ?? 0) + (arabe?.largeur ?? 0));
    expect(largeur).toBeCloseTo(morceaux.reduce((s, m) => s + m.largeur, 0));
    // Each form drawn reads back as the letter typed.
    expect(arabe?.lettres?.get(0xfee3)).toEqual([0x645]);
    expect(arabe?.lettres?.get(0xfef7)).toEqual([0x623, 0x644]);
  });

  it('draws Chinese characters in the Noto Sans SC files covering them, loaded only then', () => {
    const r = runs('李小龙');
    expect(r.map((m) => m.texte)).toEqual(['李', '小', '龙']);
    for (const m of r) expect(m.police).toMatch(/^noto-sans-sc-\d+-regular$/);
    expect(r[1]?.x).toBeGreaterThan(0);
  });

  it('falls back to Marianne (a blank box) for a character no font has', () => {
    expect(runs('\u{10FFFD}').map((r) => r.police)).toEqual(['regular']);
    expect(lesMarianne().regular.lecteur.hasGlyphForCodePoint(0x10fffd)).toBe(false);
  });
});

describe('shaping Arabic', () => {
  it('gives each letter its isolated, initial, medial or final form', () => {
    expect(cps(formerArabe('محمد').texte)).toEqual(['FEE3', 'FEA4', 'FEE4', 'FEAA']); // initial, medial, medial, final
    expect(cps(formerArabe('فاطمة').texte)).toEqual(['FED3', 'FE8E', 'FEC3', 'FEE4', 'FE94']); // alef breaks the join
    expect(cps(formerArabe('د').texte)).toEqual(['FEA9']);
    expect(cps(formerArabe('پژمان').texte)).toEqual(['FB58', 'FB8B', 'FEE3', 'FE8E', 'FEE5']); // Persian letters
  });

  it('joins lam and alef in one ligature, final after a joining letter', () => {
    expect(cps(formerArabe('لا').texte)).toEqual(['FEFB']);
    expect(cps(formerArabe('سلام').texte)).toEqual(['FEB3', 'FEFC', 'FEE1']);
  });
});
