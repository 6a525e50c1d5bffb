import { describe, expect, it } from 'vitest';
import { dimancheDePaques, estFerie, ferieDu, fuseauParDefaut, joursFeries, territoireDe } from './index.ts';

const dates = (annee: number, t: Parameters<typeof joursFeries>[1]) => joursFeries(annee, t).map((j) => j.date);

describe('dimancheDePaques', () => {
  it('matches known Easter Sundays, including the earliest and latest possible dates', () => {
    expect(dimancheDePaques(2024)).toBe('2024-03-31');
    expect(dimancheDePaques(2025)).toBe('2025-04-20');
    expect(dimancheDePaques(2026)).toBe('2026-04-05');
    expect(dimancheDePaques(2027)).toBe('2027-03-28');
    expect(dimancheDePaques(2285)).toBe('2285-03-22');
    expect(dimancheDePaques(2038)).toBe('2038-04-25');
  });
});

describe('joursFeries', () => {
  it('gives the 11 national public holidays of 2026 in metropolitan France', () => {
    expect(joursFeries(2026, 'metropole')).toEqual([
      { date: '2026-01-01', nom: "Jour de l'an" },
      { date: '2026-04-06', nom: 'Lundi de Pâques' },
      { date: '2026-05-01', nom: 'Fête du Travail' },
      { date: '2026-05-08', nom: 'Victoire 1945' },
      { date: '2026-05-14', nom: 'Ascension' },
      { date: '2026-05-25', nom: 'Lundi de Pentecôte' },
      { date: '2026-07-14', nom: 'Fête nationale' },
      { date: '2026-08-15', nom: 'Assomption' },
      { date: '2026-11-01', nom: 'Toussaint' },
      { date: '2026-11-11', nom: 'Armistice 1918' },
      { date: '2026-12-25', nom: 'Noël' },
    ]);
  });

  it('moves the Easter-based holidays in 2027 (Easter on 28 March)', () => {
    expect(dates(2027, 'metropole')).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const alsace = joursFeries(2026, 'alsace-moselle');
    expect(alsace).toHaveLength(13);
    expect(alsace).toContainEqual({ date: '2026-04-03', nom: 'Vendredi saint' });
    expect(alsace).toContainEqual({ date: '2026-12-26', nom: 'Saint-Étienne' });
    expect(dates(2027, 'alsace-moselle')).toContain('2027-03-26');
    expect(dates(2026, 'metropole')).not.toContain('2026-04-03');
  });

  it('adds each overseas territory its own abolition-of-slavery day', () => {
    expect(ferieDu('2026-12-20', 'reunion')?.nom).toBe("Abolition de l'esclavage");
    expect(ferieDu('2026-05-22', 'martinique')?.nom).toBe("Abolition de l'esclavage");
    expect(ferieDu('2027-05-22', 'martinique')).toBeDefined();
    expect(estFerie('2026-05-27', 'guadeloupe')).toBe(true);
    expect(estFerie('2026-06-10', 'guyane')).toBe(true);
    expect(estFerie('2026-04-27', 'mayotte')).toBe(true);
    expect(estFerie('2026-05-28', 'saint-martin')).toBe(true);
    expect(estFerie('2026-10-09', 'saint-barthelemy')).toBe(true);
    expect(estFerie('2026-12-20', 'metropole')).toBe(false);
    expect(estFerie('2026-05-22', 'guadeloupe')).toBe(false);
  });

  it('adds Victor Schœlcher day (21 July) in Guadeloupe and Martinique only', () => {
    expect(ferieDu('2026-07-21', 'guadeloupe')?.nom).toBe('Fête de Victor Schœlcher');
    expect(estFerie('2026-07-21', 'martinique')).toBe(true);
    expect(estFerie('2026-07-21', 'guyane')).toBe(false);
    expect(joursFeries(2026, 'martinique')).toHaveLength(13);
    expect(joursFeries(2026, 'reunion')).toHaveLength(12);
  });

  it('returns copies that callers cannot corrupt', () => {
    const liste = joursFeries(2026, 'metropole');
    (liste[0] as { date: string }).date = '1999-01-01';
    liste.pop();
    expect(joursFeries(2026, 'metropole')[0]?.date).toBe('2026-01-01');
    expect(joursFeries(2026, 'metropole')).toHaveLength(11);
  });

  it('rejects malformed dates instead of answering false', () => {
    expect(() => estFerie('06/04/2026', 'metropole')).toThrow(RangeError);
    expect(() => estFerie('2026-02-30', 'metropole')).toThrow(RangeError);
  });
});

describe('territoireDe and fuseauParDefaut', () => {
  it('maps département codes to holiday profiles', () => {
    expect(territoireDe('57')).toBe('alsace-moselle');
    expect(territoireDe('67')).toBe('alsace-moselle');
    expect(territoireDe('68')).toBe('alsace-moselle');
    expect(territoireDe('75')).toBe('metropole');
    expect(territoireDe('2A')).toBe('metropole');
    expect(territoireDe('2b')).toBe('metropole');
    expect(territoireDe('01')).toBe('metropole');
    expect(territoireDe('971')).toBe('guadeloupe');
    expect(territoireDe('972')).toBe('martinique');
    expect(territoireDe('973')).toBe('guyane');
    expect(territoireDe('974')).toBe('reunion');
    expect(territoireDe('976')).toBe('mayotte');
    expect(territoireDe('978')).toBe('saint-martin');
  });

  it('refuses codes it cannot place', () => {
    expect(() => territoireDe('20')).toThrow(RangeError);
    expect(() => territoireDe('96')).toThrow(RangeError);
    expect(() => territoireDe('988')).toThrow(RangeError);
  });

  it('gives overseas sites their own time zone', () => {
    expect(fuseauParDefaut('92')).toBe('Europe/Paris');
    expect(fuseauParDefaut('974')).toBe('Indian/Reunion');
    expect(fuseauParDefaut('972')).toBe('America/Martinique');
    expect(fuseauParDefaut('973')).toBe('America/Cayenne');
  });
});
