import { describe, expect, it } from 'vitest';
import { territoireDe } from '../horaires/index.ts';
import { type CalendrierSite, delaiReponse, heuresOuvreesEntre } from './delai.ts';

// Working hours between two instants (issue 12, point 5): the inverse of the answer clock, on the same rule (ADR 0028),
// for the reports' "time to first answer in working hours".

const PARIS: CalendrierSite = {
  fuseau: 'Europe/Paris',
  territoire: 'metropole',
  horaires: 'Mo-Fr 09:00-12:00,14:00-17:00',
};
const h = (site: CalendrierSite, debut: string, fin: string) =>
  heuresOuvreesEntre(site, new Date(debut), new Date(fin));

describe('working hours between two instants', () => {
  it('counts the wall-clock hours of the working days only (Friday 16:00 → Monday 10:00: 8 + 10)', () => {
    expect(h(PARIS, '2027-01-08T16:00:00+01:00', '2027-01-11T10:00:00+01:00')).toBe(18);
    expect(h(PARIS, '2027-01-11T09:00:00+01:00', '2027-01-11T09:30:00+01:00')).toBe(0.5);
  });

  it('counts nothing on a weekend, and nothing when the end is not after the start', () => {
    expect(h(PARIS, '2027-01-09T10:00:00+01:00', '2027-01-10T20:00:00+01:00')).toBe(0);
    expect(h(PARIS, '2027-01-11T10:00:00+01:00', '2027-01-11T10:00:00+01:00')).toBe(0);
    expect(h(PARIS, '2027-01-12T10:00:00+01:00', '2027-01-11T10:00:00+01:00')).toBe(0);
  });

  it('is the inverse of delaiReponse: 72 hours to the due instant, 54 to the 75 % alert', () => {
    const cas: Array<[CalendrierSite, string]> = [
      [PARIS, '2027-01-08T16:00:00+01:00'],
      [PARIS, '2027-01-10T10:00:00+01:00'],
      [PARIS, '2026-12-24T10:00:00+01:00'],
      [PARIS, '2027-03-26T16:00:00+01:00'],
      [
        { ...PARIS, fermetures: [{ debut: '2027-01-12', fin: '2027-01-13', motif: 'Travaux' }] },
        '2027-01-11T10:00:00+01:00',
      ],
      [{ ...PARIS, horaires: 'Tu,Th 09:00-12:00' }, '2027-01-11T09:00:00+01:00'],
      [
        { fuseau: 'Indian/Reunion', territoire: territoireDe('974'), horaires: 'Mo-Fr 08:00-12:00' },
        '2027-12-17T15:00:00+04:00',
      ],
    ];
    for (const [site, recu] of cas) {
      for (const heures of [72, 54]) {
        const d = delaiReponse(site, new Date(recu), heures);
        if (!d.ok) throw new Error(d.message);
        expect(heuresOuvreesEntre(site, new Date(recu), d.echeance)).toBe(heures);
      }
    }
  });

  it('skips a public holiday and an exceptional closure in the middle', () => {
    // Christmas 2026 is a Friday: Thursday 14 h, Monday 24 h, Tuesday 10 h.
    expect(h(PARIS, '2026-12-24T10:00:00+01:00', '2026-12-29T10:00:00+01:00')).toBe(48);
    const ferme = { ...PARIS, fermetures: [{ debut: '2027-01-12', fin: '2027-01-12', motif: 'Travaux' }] };
    expect(h(ferme, '2027-01-11T12:00:00+01:00', '2027-01-13T12:00:00+01:00')).toBe(24);
  });

  it('counts a daylight-saving day as 24 hours, as the clock does', () => {
    const toujours = { ...PARIS, horaires: 'Mo-Su,PH 00:00-24:00' };
    // Sunday 28 March 2027 has 23 real hours; Sunday 31 October 2027 has 25.
    expect(h(toujours, '2027-03-28T00:00:00+01:00', '2027-03-29T00:00:00+02:00')).toBe(24);
    expect(h(toujours, '2027-10-31T00:00:00+02:00', '2027-11-01T00:00:00+01:00')).toBe(24);
  });

  it('counts over more than a year (several windows of the engine)', () => {
    const toujours = { ...PARIS, horaires: 'Mo-Su,PH 00:00-24:00' };
    expect(h(toujours, '2026-01-01T00:00:00+01:00', '2028-01-01T00:00:00+01:00')).toBe(730 * 24);
  });

  it('throws on an invalid instant or zone', () => {
    expect(() => heuresOuvreesEntre(PARIS, new Date('x'), new Date())).toThrow(RangeError);
    expect(() => heuresOuvreesEntre({ ...PARIS, fuseau: 'Mars/Olympus' }, new Date(), new Date())).toThrow(RangeError);
  });
});
