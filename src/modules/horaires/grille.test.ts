import { describe, expect, it } from 'vitest';
import { grilleDepuisHoraires, horairesDepuisGrille } from './index.ts';

const allerRetour = (osm: string) => {
  const grille = grilleDepuisHoraires(osm);
  if (!grille) throw new Error(`pas de grille pour ${osm}`);
  const r = horairesDepuisGrille(grille);
  if (!r.ok) throw new Error(JSON.stringify(r.erreurs));
  return r.horaires;
};

describe('grilleDepuisHoraires and horairesDepuisGrille', () => {
  it('reads a typical OSM text as a weekly grid', () => {
    expect(grilleDepuisHoraires('Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00; PH off')).toEqual({
      lu: [
        { debut: '09:00', fin: '12:00' },
        { debut: '13:30', fin: '17:00' },
      ],
      ma: [
        { debut: '09:00', fin: '12:00' },
        { debut: '13:30', fin: '17:00' },
      ],
      me: [
        { debut: '09:00', fin: '12:00' },
        { debut: '13:30', fin: '17:00' },
      ],
      je: [
        { debut: '09:00', fin: '12:00' },
        { debut: '13:30', fin: '17:00' },
      ],
      ve: [
        { debut: '09:00', fin: '12:00' },
        { debut: '13:30', fin: '17:00' },
      ],
      sa: [{ debut: '09:00', fin: '12:00' }],
      di: [],
    });
  });

  it('round-trips canonical texts unchanged', () => {
    for (const osm of [
      'Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00; PH off',
      'Mo 09:30-12:30,13:30-15:30; PH off',
      'Mo,We,Fr 08:30-12:00; Tu,Th 08:30-12:00,13:30-17:00,17:30-19:00; PH off',
      'Mo-We 09:00-12:00; Th,Fr 14:00-18:00; PH off',
      'off',
    ]) {
      expect(allerRetour(osm)).toBe(osm);
    }
  });

  it('writes any equivalent text in the canonical form, with holidays closed', () => {
    expect(allerRetour('Mo-Fr 09:00-12:00; We off')).toBe('Mo,Tu,Th,Fr 09:00-12:00; PH off');
    expect(allerRetour('Mo,Tu,We,Th,Fr 09:00-12:00')).toBe('Mo-Fr 09:00-12:00; PH off');
    expect(allerRetour('Mo 09:00-10:00,10:00-12:00')).toBe('Mo 09:00-12:00; PH off');
  });

  it('returns null when a grid cannot say it', () => {
    expect(grilleDepuisHoraires('Mo-Fr 09:00-17:00; PH 10:00-12:00')).toBeNull();
    expect(grilleDepuisHoraires('PH off; Mo-Fr 09:00-17:00')).toBeNull();
    expect(grilleDepuisHoraires('Mo 08:00-09:00,10:00-11:00,12:00-13:00,14:00-15:00')).toBeNull();
    expect(grilleDepuisHoraires('Jan-Mar Mo 10:00-12:00')).toBeNull();
  });

  it('accepts loosely typed times and blank ranges', () => {
    expect(
      horairesDepuisGrille({
        lu: [
          { debut: '13h30', fin: '17h' },
          { debut: '9h', fin: '12:00' },
          { debut: '', fin: '' },
        ],
        ma: [{ debut: ' 9:00 ', fin: '12H00' }],
      }),
    ).toMatchObject({ ok: true, horaires: 'Mo 09:00-12:00,13:30-17:00; Tu 09:00-12:00; PH off' });
  });

  it('explains each bad range in French, keyed by day and position', () => {
    const r = horairesDepuisGrille({
      lu: [{ debut: '14:00', fin: '12:00' }],
      ma: [
        { debut: '09:00', fin: '12:00' },
        { debut: '11:00', fin: '13:00' },
      ],
      me: [{ debut: '25:00', fin: '26:00' }],
      je: [{ debut: 'midi', fin: '14:00' }],
      ve: [{ debut: '09:00', fin: '' }],
      sa: [
        { debut: '08:00', fin: '09:00' },
        { debut: '10:00', fin: '11:00' },
        { debut: '12:00', fin: '13:00' },
        { debut: '14:00', fin: '15:00' },
      ],
    });
    expect(r).toEqual({
      ok: false,
      erreurs: {
        'lu.0': "L'heure de fin (12:00) doit être après l'heure de début (14:00).",
        'ma.1': 'Cette plage chevauche la plage 09:00-12:00.',
        'me.0': 'Heure invalide : « 25:00 » (format attendu : 09:30).',
        'je.0': 'Heure invalide : « midi » (format attendu : 09:30).',
        've.0': "Indiquez l'heure de début et l'heure de fin.",
        sa: '3 plages au plus par jour.',
      },
    });
  });
});
