import { describe, expect, it } from 'vitest';
import { ajouterJoursOuvres, DELAI_NATIONAL_JOURS, estJourOuvre } from './delais.ts';

const PARIS = { fuseau: 'Europe/Paris', territoire: 'metropole' } as const;
const ALSACE = { fuseau: 'Europe/Paris', territoire: 'alsace-moselle' } as const;
const REUNION = { fuseau: 'Indian/Reunion', territoire: 'reunion' } as const;

describe('ajouterJoursOuvres', () => {
  it('ends at 23:59:59.999 on the site’s wall clock of the Nth working day after creation', () => {
    // Monday 2027-03-01 at 10:00 in Paris (+01:00): Tuesday to Monday are days 1 to 5.
    const echeance = ajouterJoursOuvres(new Date('2027-03-01T09:00:00Z'), DELAI_NATIONAL_JOURS, PARIS);
    expect(echeance.toISOString()).toBe('2027-03-08T22:59:59.999Z');
  });

  it('gives the same deadline to a case created early and one created late on the same day', () => {
    const matin = ajouterJoursOuvres(new Date('2027-03-05T07:05:00Z'), 2, PARIS);
    const soir = ajouterJoursOuvres(new Date('2027-03-05T16:55:00Z'), 2, PARIS);
    expect(matin).toEqual(soir);
    expect(soir.toISOString()).toBe('2027-03-09T22:59:59.999Z'); // Friday → Monday 8, Tuesday 9
  });

  it('counts from the civil day in the site’s zone, not in UTC', () => {
    // 23:30 UTC on Thursday 2027-03-04 is already Friday 00:30 in Paris.
    expect(ajouterJoursOuvres(new Date('2027-03-04T23:30:00Z'), 1, PARIS).toISOString()).toBe(
      '2027-03-08T22:59:59.999Z',
    );
  });

  it('skips Easter Monday 2027 and follows the change to summer time', () => {
    // Thursday 2027-03-25: Fri 26, (Mon 29 Easter Monday), Tue 30, Wed 31, Thu 1, Fri 2 April, in summer time.
    expect(estJourOuvre('2027-03-29', 'metropole')).toBe(false);
    const echeance = ajouterJoursOuvres(new Date('2027-03-25T10:00:00Z'), 5, PARIS);
    expect(echeance.toISOString()).toBe('2027-04-02T21:59:59.999Z');
  });

  it('does not count 1 May and 8 May 2027 twice: they fall on Saturdays; Ascension on Thursday 6 May is skipped', () => {
    // Thursday 2027-04-29: Fri 30, Mon 3, Tue 4, Wed 5, (Thu 6 Ascension), Fri 7.
    expect(ajouterJoursOuvres(new Date('2027-04-29T08:00:00Z'), 5, PARIS).toISOString()).toBe(
      '2027-05-07T21:59:59.999Z',
    );
    // Then Mon 10 to Fri 14 and Tue 18 (Whit Monday 17 May).
    expect(ajouterJoursOuvres(new Date('2027-05-07T08:00:00Z'), 6, PARIS).toISOString()).toBe(
      '2027-05-18T21:59:59.999Z',
    );
  });

  it('skips 1 May and 8 May when they fall on weekdays (Fridays in 2026)', () => {
    // Thursday 2026-04-30: (Fri 1 May), Mon 4, Tue 5, Wed 6, Thu 7, (Fri 8 May), Mon 11.
    expect(ajouterJoursOuvres(new Date('2026-04-30T08:00:00Z'), 5, PARIS).toISOString()).toBe(
      '2026-05-11T21:59:59.999Z',
    );
  });

  it('skips Christmas', () => {
    // Wednesday 2026-12-23: Thu 24, (Fri 25 Christmas), Mon 28.
    expect(ajouterJoursOuvres(new Date('2026-12-23T10:00:00Z'), 2, PARIS).toISOString()).toBe(
      '2026-12-28T22:59:59.999Z',
    );
  });

  it('skips 26 December in Alsace-Moselle only', () => {
    // Friday 2028-12-22: Mon 25 is Christmas; Tue 26 is Saint-Étienne in Alsace-Moselle.
    const cree = new Date('2028-12-22T10:00:00Z');
    expect(ajouterJoursOuvres(cree, 2, PARIS).toISOString()).toBe('2028-12-27T22:59:59.999Z');
    expect(ajouterJoursOuvres(cree, 2, ALSACE).toISOString()).toBe('2028-12-28T22:59:59.999Z');
  });

  it('skips 20 December in La Réunion, in the island’s own zone', () => {
    // Friday 2027-12-17: Monday 20 is the abolition of slavery's day in La Réunion, not in mainland France.
    const cree = new Date('2027-12-17T06:00:00Z');
    expect(ajouterJoursOuvres(cree, 1, PARIS).toISOString()).toBe('2027-12-20T22:59:59.999Z');
    expect(ajouterJoursOuvres(cree, 1, REUNION).toISOString()).toBe('2027-12-21T19:59:59.999Z');
  });

  it('never counts the day of creation, even a Sunday', () => {
    expect(ajouterJoursOuvres(new Date('2027-03-07T10:00:00Z'), 1, PARIS).toISOString()).toBe(
      '2027-03-08T22:59:59.999Z',
    );
  });

  it('refuses an unknown zone, an invalid instant and an out-of-range number of days', () => {
    expect(() => ajouterJoursOuvres(new Date('x'), 1, PARIS)).toThrow(RangeError);
    expect(() => ajouterJoursOuvres(new Date(), 1, { ...PARIS, fuseau: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => ajouterJoursOuvres(new Date(), -1, PARIS)).toThrow(RangeError);
    expect(() => ajouterJoursOuvres(new Date(), 1.5, PARIS)).toThrow(RangeError);
  });
});
