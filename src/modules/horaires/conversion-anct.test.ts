import { describe, expect, it } from 'vitest';
import { convertirHorairesAnct, type JoursAnct, lireJourAnct } from './conversion-anct.ts';

const SEMAINE = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'] as const;

/** The same text Monday to Friday, as most rows of the list have it. */
function lundiAuVendredi(texte: string, samedi?: string): JoursAnct {
  const jours: JoursAnct = Object.fromEntries(SEMAINE.map((j) => [j, texte]));
  if (samedi !== undefined) jours.samedi = samedi;
  return jours;
}

describe('convertirHorairesAnct on whole rows of the 2022-12-01 list', () => {
  it('groups the days with the same ranges and closes public holidays (id_fs 1, Valserhône)', () => {
    expect(
      convertirHorairesAnct({
        lundi: '09:00 - 12:00 / 13:30 - 17:00',
        mardi: '09:00 - 12:00 / 13:30 - 17:00',
        mercredi: '09:00 - 12:00 / 13:30 - 17:00',
        jeudi: '09:00 - 12:00 / 13:30 - 17:00',
        vendredi: '09:00 - 12:00 / 13:30 - 16:00',
        samedi: '',
      }),
    ).toEqual({ osm: 'Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00,13:30-16:00; PH off', erreurs: [] });
  });

  it('converts Monday to Friday alike into Mo-Fr', () => {
    expect(convertirHorairesAnct(lundiAuVendredi('09:00 - 12:00 / 13:30 - 17:00')).osm).toBe(
      'Mo-Fr 09:00-12:00,13:30-17:00; PH off',
    );
  });

  it('lists non-consecutive days with the same hours together (id_fs 2541, Sceaux)', () => {
    expect(
      convertirHorairesAnct({
        lundi: '09:30 - 12:30 / 14:30 - 17:30',
        mardi: '09:30 - 12:30 / 14:30 - 17:30',
        mercredi: '09:30 - 12:30 / 14:30 - 17:30',
        jeudi: '09:30 - 12:30',
        vendredi: '09:30 - 12:30 / 14:30 - 17:30',
        samedi: '09:00 - 12:00',
      }).osm,
    ).toBe('Mo-We,Fr 09:30-12:30,14:30-17:30; Th 09:30-12:30; Sa 09:00-12:00; PH off');
  });

  it('keeps a different Friday and a Saturday morning (id_fs 898, Agen)', () => {
    expect(
      convertirHorairesAnct({
        lundi: '09:00 - 12:00 / 13:30 - 16:30',
        mardi: '09:00 - 12:00 / 13:30 - 16:30',
        mercredi: '09:00 - 12:00 / 13:30 - 16:30',
        jeudi: '09:00 - 12:00 / 13:30 - 16:30',
        vendredi: '09:30 - 12:00 / 13:30 - 16:30',
        samedi: '09:00 - 12:00',
      }).osm,
    ).toBe('Mo-Th 09:00-12:00,13:30-16:30; Fr 09:30-12:00,13:30-16:30; Sa 09:00-12:00; PH off');
  });

  it('writes two days in a row as a list (id_fs 7 style: Saturday morning, short Friday)', () => {
    expect(
      convertirHorairesAnct({
        lundi: '',
        mardi: '',
        mercredi: '09:00 - 12:00',
        jeudi: '09:00 - 12:00',
        vendredi: '14:00 - 17:00',
      }).osm,
    ).toBe('We,Th 09:00-12:00; Fr 14:00-17:00; PH off');
  });

  it('reads the "-" of the provisional rows as closed (temp_46: only Friday open)', () => {
    expect(
      convertirHorairesAnct({
        lundi: '-',
        mardi: '-',
        mercredi: '-',
        jeudi: '-',
        vendredi: '09:00-12:00,13:00-17:00',
        samedi: '-',
      }).osm,
    ).toBe('Fr 09:00-12:00,13:00-17:00; PH off');
  });

  it('reports a row without any hours instead of inventing a closed site (id_fs 263)', () => {
    expect(convertirHorairesAnct({ lundi: '', mardi: '', mercredi: '', jeudi: '', vendredi: '', samedi: '' })).toEqual({
      osm: null,
      erreurs: ['aucun jour d’ouverture renseigné'],
    });
  });

  it('reports only the "00:00 - 00:00" placeholder as no hours (id_fs 230)', () => {
    const r = convertirHorairesAnct({ lundi: '00:00 - 00:00', mardi: '00:00 - 00:00', mercredi: '00:00 - 00:00' });
    expect(r.osm).toBeNull();
    expect(r.erreurs).toEqual(['aucun jour d’ouverture renseigné']);
  });

  it('gives no hours at all when one day is unreadable, and says which (id_fs 1679: "01:00 - 17:00")', () => {
    const r = convertirHorairesAnct({
      lundi: '',
      mardi: '01:00 - 17:00',
      mercredi: '01:00 - 17:00',
      jeudi: '01:00 - 17:00',
      vendredi: '01:00 - 17:00',
    });
    expect(r.osm).toBeNull();
    expect(r.erreurs).toHaveLength(4);
    expect(r.erreurs[0]).toBe('mardi « 01:00 - 17:00 » : ouverture invraisemblable à 01:00');
  });
});

describe('lireJourAnct on the unusual values of the 2022-12-01 list', () => {
  const plages = (texte: string) => {
    const r = lireJourAnct(texte);
    if ('erreur' in r) throw new Error(r.erreur);
    return r.plages.map(
      ([d, f]) =>
        `${String(Math.floor(d / 60)).padStart(2, '0')}:${String(d % 60).padStart(2, '0')}-${String(Math.floor(f / 60)).padStart(2, '0')}:${String(f % 60).padStart(2, '0')}`,
    );
  };

  it.each([
    // [real value, id_fs and day where it appears, expected ranges]
    ['09:00-12:00/13:30-17:00', 'temp_1 and 435 other values', ['09:00-12:00', '13:30-17:00']],
    ['09:00-12:00,13:00-17:00', 'temp_46 vendredi', ['09:00-12:00', '13:00-17:00']],
    ['08:30-12:00,13:30-17:30', 'temp_51 mercredi', ['08:30-12:00', '13:30-17:30']],
    ['09:00-12:00 14:00-16:30', 'temp_134 lundi', ['09:00-12:00', '14:00-16:30']],
    ['09:00-12:30-13:30-17:00', 'temp_28 lundi', ['09:00-12:30', '13:30-17:00']],
    ['09:00-12:00-14:00-17:00', 'temp_152 jeudi', ['09:00-12:00', '14:00-17:00']],
    ['08:00-13:00/13 :30-17:00', 'temp_56 mercredi', ['08:00-13:00', '13:30-17:00']],
    ['08 :00-12:00/14:00-17:00', 'temp_57 vendredi', ['08:00-12:00', '14:00-17:00']],
    ['08 :30-12:00', 'temp_65 samedi', ['08:30-12:00']],
    ['09:00-12h00', 'temp_44 jeudi', ['09:00-12:00']],
    ['07:30:12:30', 'temp_67 vendredi', ['07:30-12:30']],
    ['09:30-12:30/\n\n 13:30-18:00', 'temp_148 vendredi', ['09:30-12:30', '13:30-18:00']],
    ['-', 'temp_1 samedi', []],
    ['00:00 - 00:00', '230 lundi', []],
    ['00:00 - 00:00 / 08:30 - 12:00 / 13:30 - 17:00', '969 mercredi', ['08:30-12:00', '13:30-17:00']],
    ['09:00 - 12:30 / 09:00 - 12:30 / 13:30 - 16:30', '732 mardi', ['09:00-12:30', '13:30-16:30']],
    ['09:00 - 12:30 / 13:30 - 16:30 / 13:30 - 16:30', '828 lundi', ['09:00-12:30', '13:30-16:30']],
    ['08:30 - 17:30 / 08:30 - 17:30 / 08:30 - 12:30 / 08:30 - 12:30', '1355 lundi', ['08:30-17:30']],
    ['09:00 - 12:00 / 14:00 - 17:00 / 15:00 - 18:00', '2061 mardi', ['09:00-12:00', '14:00-18:00']],
    ['09:15 - 12:15 / 13:30 - 17:00 / 14:00 - 16:00', '2098 mercredi', ['09:15-12:15', '13:30-17:00']],
    [
      '08:45 - 09:45 / 10:30 - 11:30 / 13:30 - 14:30 / 15:00 - 16:15',
      '1892 lundi',
      ['08:45-09:45', '10:30-11:30', '13:30-14:30', '15:00-16:15'],
    ],
    [
      '08:45 - 10:15 / 10:30 - 11:30 / 10:30 - 12:00 / 13:30 - 14:30 / 15:00 - 16:15',
      '1892 vendredi',
      ['08:45-10:15', '10:30-12:00', '13:30-14:30', '15:00-16:15'],
    ],
    ['06:00 - 14:00', '585 lundi', ['06:00-14:00']],
    ['10:00 - 12:00 / 14:00 - 21:00', '456 mercredi', ['10:00-12:00', '14:00-21:00']],
  ])('reads « %s » (%s)', (texte, _ou, attendu) => {
    expect(plages(texte)).toEqual(attendu);
  });

  it.each([
    ['01:00 - 17:00', '1679 mardi', 'ouverture invraisemblable à 01:00'],
    ['09:00-13:00-/3:00-16:00', 'temp_29 mardi', 'ouverture invraisemblable à 03:00'],
  ])('reports « %s » (%s) rather than guess', (texte, _ou, erreur) => {
    expect(lireJourAnct(texte)).toEqual({ erreur });
  });
});

describe('lireJourAnct on shapes absent from the 2022 list but written by hand elsewhere', () => {
  it.each([
    ['9h-12h', [[540, 720]]],
    [
      '9h30 - 12h / 14h - 17h30',
      [
        [570, 720],
        [840, 1050],
      ],
    ],
    [
      '9h à 12h et 14h à 17h',
      [
        [540, 720],
        [840, 1020],
      ],
    ],
    ['Fermé', []],
    ['fermée', []],
    ['18:00 - 00:00', [[1080, 1440]]],
    ['', []],
  ])('reads « %s »', (texte, attendu) => {
    expect(lireJourAnct(texte)).toEqual({ plages: attendu });
  });

  it.each([
    ['Sur rendez-vous', 'ce ne sont pas des plages horaires'],
    ['9 heures - 12 heures', 'ce ne sont pas des plages horaires'],
    ['09:00', 'nombre impair d’heures (1)'],
    ['14:00 - 12:00', 'la plage 14:00-12:00 finit avant de commencer'],
    ['09:00 - 25:00', 'heure impossible « 25:00 »'],
    ['09:75 - 12:00', 'heure impossible « 09:75 »'],
  ])('reports « %s »', (texte, erreur) => {
    expect(lireJourAnct(texte)).toEqual({ erreur });
  });
});
