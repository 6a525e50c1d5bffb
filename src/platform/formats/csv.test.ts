import { describe, expect, it } from 'vitest';
import { texteLu, texteSur, versCsv } from './csv.ts';

describe('formula-safe CSV', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Cliquez")', `'=HYPERLINK("http://evil.example","Cliquez")`],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['- liste à puces', "'- liste à puces"],
  ])('neutralises %j', (brut, sur) => {
    expect(texteSur(brut)).toBe(sur);
    expect(texteLu(sur)).toBe(brut);
  });

  it.each(['-0.34742', '-21.209', '-', '+33 1 23 45 67 89', '+12 %', 'Caf', "l'Isle", ''])(
    'leaves %j as it is (arithmetic on constants calls nothing)',
    (valeur) => {
      expect(texteSur(valeur)).toBe(valeur);
      expect(texteLu(valeur)).toBe(valeur);
    },
  );

  it('applies to every text cell that versCsv writes, numbers untouched', () => {
    expect(versCsv(['a', 'b', 'c'], [['=1+1', -3, '@x,y']])).toBe(`a,b,c\r\n'=1+1,-3,"'@x,y"\r\n`);
  });
});
