import { describe, expect, it } from 'vitest';
import {
  CODES_DEPARTEMENTS,
  CODES_TERRITOIRES,
  DEPARTEMENTS,
  departement,
  fuseauHoraireDepartement,
  libelleTerritoire,
  nomDepartement,
  REGIONS,
  territoire,
} from './departements.ts';

describe('départements', () => {
  it('lists the 101 départements with unique codes', () => {
    expect(DEPARTEMENTS).toHaveLength(101);
    expect(CODES_DEPARTEMENTS.size).toBe(101);
  });

  it('lists the 18 regions with unique codes', () => {
    expect(REGIONS).toHaveLength(18);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(18);
  });

  it('attaches every département to an existing region, and every region has a département', () => {
    const codesRegions = new Set(REGIONS.map((r) => r.code));
    for (const d of DEPARTEMENTS) {
      expect(codesRegions.has(d.region), `${d.code} → ${d.region}`).toBe(true);
    }
    expect(new Set(DEPARTEMENTS.map((d) => d.region))).toEqual(codesRegions);
  });

  it('uses 2A and 2B for Corsica, not 20', () => {
    expect(departement('2A')?.nom).toBe('Corse-du-Sud');
    expect(departement('2B')?.nom).toBe('Haute-Corse');
    expect(departement('20')).toBeUndefined();
    expect(CODES_DEPARTEMENTS.has('20')).toBe(false);
  });

  it('keeps the overseas collectivities apart from the départements, as territories of their own', () => {
    expect(departement('975')).toBeUndefined();
    expect(departement('978')).toBeUndefined();
    expect(territoire('978')?.nom).toBe('Saint-Martin');
    expect([...CODES_TERRITOIRES].filter((c) => !CODES_DEPARTEMENTS.has(c))).toEqual(['975', '977', '978']);
    expect(libelleTerritoire('978')).toBe('Collectivité 978 – Saint-Martin');
    expect(libelleTerritoire('92')).toBe('Département 92 – Hauts-de-Seine');
    expect(fuseauHoraireDepartement('978')).toBe('America/Marigot');
    expect(fuseauHoraireDepartement('975')).toBe('America/Miquelon');
    expect(() => fuseauHoraireDepartement('988')).toThrow(RangeError);
  });

  it('formats a label and falls back to the code when unknown', () => {
    expect(nomDepartement('92')).toBe('92 – Hauts-de-Seine');
    expect(nomDepartement('974')).toBe('974 – La Réunion');
    expect(nomDepartement('99')).toBe('99');
  });

  it('gives the IANA time zone of a département', () => {
    expect(fuseauHoraireDepartement('75')).toBe('Europe/Paris');
    expect(fuseauHoraireDepartement('2A')).toBe('Europe/Paris');
    expect(fuseauHoraireDepartement('974')).toBe('Indian/Reunion');
    expect(fuseauHoraireDepartement('973')).toBe('America/Cayenne');
    expect(() => fuseauHoraireDepartement('20')).toThrow(RangeError);
  });

  it('uses time zones the runtime knows', () => {
    for (const code of CODES_TERRITOIRES) {
      const zone = fuseauHoraireDepartement(code);
      expect(() => new Intl.DateTimeFormat('fr-FR', { timeZone: zone })).not.toThrow();
    }
  });
});
