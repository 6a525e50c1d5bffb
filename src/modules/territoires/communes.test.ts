import { describe, expect, it } from 'vitest';
import { communeParCode, communes, communesDeleguees, communesParCodePostal } from './communes.ts';
import { CODES_DEPARTEMENTS, estCollectivite } from './departements.ts';

describe('communes', () => {
  it('has one entry per INSEE code, about 35,000 communes and districts', () => {
    const liste = communes();
    expect(liste.length).toBeGreaterThan(34_900);
    expect(liste.length).toBeLessThan(35_100);
    expect(new Set(liste.map((c) => c.code)).size).toBe(liste.length);
    expect(liste.filter((c) => c.type === 'ARM')).toHaveLength(45);
  });

  it('gives every commune a known département, a region, a position and a postcode', () => {
    const incompletes = communes().filter(
      (c) =>
        !(CODES_DEPARTEMENTS.has(c.departement) || c.departement.startsWith('97')) ||
        (c.region === '') !== estCollectivite(c.departement) ||
        !Number.isFinite(c.latitude) ||
        !Number.isFinite(c.longitude) ||
        c.codesPostaux.length === 0,
    );
    expect(incompletes.map((c) => c.code)).toEqual([]);
  });

  it('finds Sceaux by its INSEE code, with its postcode and its centre', () => {
    const sceaux = communeParCode('92071');
    expect(sceaux).toMatchObject({
      nom: 'Sceaux',
      departement: '92',
      region: '11',
      codesPostaux: ['92330'],
      type: 'COM',
    });
    expect(sceaux?.latitude).toBeCloseTo(48.78, 1);
    expect(sceaux?.longitude).toBeCloseTo(2.29, 1);
    expect(sceaux?.population).toBeGreaterThan(15_000);
    expect(communesParCodePostal('92330').map((c) => c.code)).toEqual(['92071']);
  });

  it('merges the postcodes of a commune that has several', () => {
    const ajaccio = communeParCode('2A004');
    expect(ajaccio?.codesPostaux).toEqual(['20000', '20090', '20167']);
    expect(communesParCodePostal('20090').map((c) => c.nom)).toContain('Ajaccio');
  });

  it('keeps the article of the official name apart', () => {
    expect(communeParCode('01001')).toMatchObject({
      nom: 'Abergement-Clémenciat',
      nomAvecArticle: "L'Abergement-Clémenciat",
    });
  });

  it("gives a delegated commune its parent's code, département and region", () => {
    const bellegarde = communesDeleguees().find((c) => c.nom === 'Bellegarde-sur-Valserine');
    expect(bellegarde).toMatchObject({
      code: '01033',
      codeParent: '01033',
      departement: '01',
      region: '84',
      type: 'COMD',
    });
    expect(communeParCode('01033')?.nom).toBe('Valserhône');
    for (const d of communesDeleguees()) expect(d.departement, d.nom).not.toBe('');
  });

  it('adds Paris, Lyon and Marseille on top of their districts', () => {
    const paris = communeParCode('75056');
    expect(paris).toMatchObject({ nom: 'Paris', departement: '75', type: 'COM' });
    expect(paris?.codesPostaux).toContain('75015');
    expect(paris?.population).toBeGreaterThan(2_000_000);
    expect(communeParCode('69123')?.nom).toBe('Lyon');
    expect(communeParCode('13055')?.nom).toBe('Marseille');
    expect(communesParCodePostal('75002').map((c) => c.code)).toEqual(['75102', '75056']);
  });

  it('places a new commune without coordinates near the communes sharing its postcode', () => {
    const oie = communeParCode('85165');
    expect(oie?.coordonneesApprochees).toBe(true);
    expect(oie?.latitude).toBeCloseTo(46.8, 0);
    expect(oie?.longitude).toBeCloseTo(-1.2, 0);
  });

  it('knows the communes of the overseas collectivities, by INSEE code and postcode', () => {
    expect(communeParCode('97801')).toMatchObject({ nom: 'Saint-Martin', departement: '978', codesPostaux: ['97150'] });
    expect(communeParCode('97701')).toMatchObject({ nom: 'Saint-Barthélemy', codesPostaux: ['97133'] });
    expect(communesParCodePostal('97500').map((c) => c.code)).toEqual(['97502', '97501']);
    expect(communeParCode('97801')?.latitude).toBeCloseTo(18.07, 1);
  });

  it('answers nothing for unknown codes', () => {
    expect(communeParCode('99999')).toBeUndefined();
    expect(communesParCodePostal('00000')).toEqual([]);
  });
});
