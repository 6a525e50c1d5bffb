import { describe, expect, it } from 'vitest';
import {
  ajouterJours,
  dateLocale,
  dimancheDePaques,
  intervallesOuverture,
  joursOuverture,
  territoireDe,
} from '../horaires/index.ts';
import { isoAvecDecalage } from '../rendez-vous/index.ts';
import { type CalendrierSite, type Delai, delaiReponse, HORIZON_JOURS } from './delai.ts';

// The "72 heures ouvrées" clock (issue 12, point 3; ADR 0028), without a database.

const PARIS: CalendrierSite = {
  fuseau: 'Europe/Paris',
  territoire: 'metropole',
  horaires: 'Mo-Fr 09:00-12:00,14:00-17:00',
};

function echeance(site: CalendrierSite, recu: string, heures?: number): string {
  const d = delaiReponse(site, new Date(recu), heures);
  if (!d.ok) throw new Error(d.message);
  return isoAvecDecalage(d.echeance, site.fuseau);
}
const debut = (d: Delai, fuseau = 'Europe/Paris') => (d.ok ? isoAvecDecalage(d.debut, fuseau) : d.message);

describe('weekdays of a site open Monday to Friday in Paris', () => {
  it('counts the rest of a Friday from 16:00, then Monday and Tuesday: due Wednesday 16:00', () => {
    expect(echeance(PARIS, '2027-01-08T16:00:00+01:00')).toBe('2027-01-13T16:00:00+01:00');
  });

  it('starts a message received on a Sunday at 00:00 on Monday: due at the end of Wednesday', () => {
    const d = delaiReponse(PARIS, new Date('2027-01-10T10:00:00+01:00'));
    expect(debut(d)).toBe('2027-01-11T00:00:00+01:00');
    expect(echeance(PARIS, '2027-01-10T10:00:00+01:00')).toBe('2027-01-14T00:00:00+01:00');
  });

  it('counts one minute for a message received at 23:59 on a working day', () => {
    expect(echeance(PARIS, '2027-01-11T23:59:00+01:00')).toBe('2027-01-14T23:59:00+01:00');
  });

  it('counts a working day from its 00:00 on, whatever the opening time', () => {
    const d = delaiReponse(PARIS, new Date('2027-01-11T00:00:00+01:00'));
    expect(debut(d)).toBe('2027-01-11T00:00:00+01:00');
    expect(echeance(PARIS, '2027-01-11T00:00:00+01:00')).toBe('2027-01-14T00:00:00+01:00');
  });

  it('keeps seconds and milliseconds of the instant received', () => {
    const d = delaiReponse(PARIS, new Date('2027-01-08T15:00:30.250Z'));
    expect(d.ok && d.echeance.toISOString()).toBe('2027-01-13T15:00:30.250Z');
  });

  it('gives any other count of working hours, e.g. 75 % of the clock for the alert', () => {
    expect(echeance(PARIS, '2027-01-08T16:00:00+01:00', 54)).toBe('2027-01-12T22:00:00+01:00');
  });
});

describe('public holidays of the territory', () => {
  it('skips Christmas 2026 (a Friday) and New Year’s Day 2027 (a Friday too)', () => {
    expect(echeance(PARIS, '2026-12-24T10:00:00+01:00')).toBe('2026-12-30T10:00:00+01:00');
    expect(echeance(PARIS, '2026-12-30T12:00:00+01:00')).toBe('2027-01-05T12:00:00+01:00');
  });

  it('starts a message received on Christmas Day on the next working day', () => {
    expect(echeance(PARIS, '2026-12-25T10:00:00+01:00')).toBe('2026-12-31T00:00:00+01:00');
  });

  it('skips Easter Monday, 29 March 2027, and changes offset with summer time', () => {
    expect(dimancheDePaques(2027)).toBe('2027-03-28');
    expect(echeance(PARIS, '2027-03-26T16:00:00+01:00')).toBe('2027-04-01T16:00:00+02:00');
  });

  it('skips Good Friday in Alsace-Moselle (Bas-Rhin), not in the rest of mainland France', () => {
    const strasbourg = { ...PARIS, territoire: territoireDe('67') };
    expect(echeance(strasbourg, '2027-03-25T10:00:00+01:00')).toBe('2027-04-01T10:00:00+02:00');
    expect(echeance(PARIS, '2027-03-25T10:00:00+01:00')).toBe('2027-03-31T10:00:00+02:00');
    // 26 December (Saint-Étienne) in Alsace-Moselle: a Monday in 2022.
    expect(echeance(strasbourg, '2022-12-23T10:00:00+01:00')).toBe('2022-12-29T10:00:00+01:00');
    expect(echeance(PARIS, '2022-12-23T10:00:00+01:00')).toBe('2022-12-28T10:00:00+01:00');
  });

  it('counts a holiday on which the hours say the site opens (a PH rule)', () => {
    const ouvertFerie = { ...PARIS, horaires: 'Mo-Fr 09:00-12:00; PH 10:00-12:00' };
    expect(echeance(ouvertFerie, '2026-12-24T10:00:00+01:00')).toBe('2026-12-29T10:00:00+01:00');
  });
});

describe('exceptional closures', () => {
  it('skips the closed days in the middle of the count', () => {
    const ferme = { ...PARIS, fermetures: [{ debut: '2027-01-12', fin: '2027-01-13', motif: 'Travaux' }] };
    expect(echeance(ferme, '2027-01-11T10:00:00+01:00')).toBe('2027-01-18T10:00:00+01:00');
  });

  it('starts at 00:00 of the first working day after a closure covering the day received', () => {
    const ferme = { ...PARIS, fermetures: [{ debut: '2027-01-11', fin: '2027-01-11', motif: 'Inventaire' }] };
    const d = delaiReponse(ferme, new Date('2027-01-11T10:00:00+01:00'));
    expect(debut(d)).toBe('2027-01-12T00:00:00+01:00');
  });

  it('promises nothing when no working day comes within 366 days, and says so', () => {
    const ferme = { ...PARIS, fermetures: [{ debut: '2027-01-01', fin: '2028-06-30', motif: 'Fermeture' }] };
    const d = delaiReponse(ferme, new Date('2027-01-11T10:00:00+01:00'));
    expect(d.ok).toBe(false);
    expect(!d.ok && d.message).toBe(
      `Ce lieu n’a pas assez de jours ouvrés dans les ${HORIZON_JOURS} jours suivant la réception : aucune échéance de réponse ne peut être promise.`,
    );
  });

  it('finds the due date far ahead, within the 366 days', () => {
    const ferme = { ...PARIS, fermetures: [{ debut: '2027-01-01', fin: '2027-09-30', motif: 'Reconstruction' }] };
    expect(echeance(ferme, '2027-01-11T10:00:00+01:00')).toBe('2027-10-06T00:00:00+02:00');
  });
});

describe('sites open on few days, tours', () => {
  it('counts only Tuesdays and Thursdays for a site open two days a week', () => {
    const deuxJours = { ...PARIS, horaires: 'Tu,Th 09:00-12:00' };
    const d = delaiReponse(deuxJours, new Date('2027-01-11T09:00:00+01:00'));
    expect(debut(d)).toBe('2027-01-12T00:00:00+01:00');
    expect(echeance(deuxJours, '2027-01-11T09:00:00+01:00')).toBe('2027-01-20T00:00:00+01:00');
  });

  const tournee: CalendrierSite = {
    fuseau: 'Europe/Paris',
    territoire: 'metropole',
    horaires: null,
    arrets: [
      { horaires: 'Tu 09:00-12:00', semaines: 'toutes' },
      { horaires: 'Th 14:00-17:00', semaines: 'impaires' },
    ],
  };

  it('counts a tour’s days with a stop anywhere, each stop on its ISO weeks', () => {
    // Week 2 (even): Tuesday 12 only; week 3 (odd): Tuesday 19 and Thursday 21.
    expect(echeance(tournee, '2027-01-11T09:00:00+01:00')).toBe('2027-01-22T00:00:00+01:00');
  });

  it('follows the tour’s week-53 rule (28 December 2026 – 3 January 2027)', () => {
    // Week 52: Tuesday 22; week 53: Tuesday 29, and Thursday 31 when week 53 counts as odd.
    expect(echeance({ ...tournee, semaine53: 'impaire' }, '2026-12-21T09:00:00+01:00')).toBe(
      '2027-01-01T00:00:00+01:00',
    );
    expect(echeance({ ...tournee, semaine53: 'aucune' }, '2026-12-21T09:00:00+01:00')).toBe(
      '2027-01-06T00:00:00+01:00',
    );
  });

  it('ignores a tour’s own hours: only its stops say where it stops', () => {
    expect(echeance({ ...tournee, horaires: 'Mo-Fr 09:00-17:00' }, '2027-01-11T09:00:00+01:00')).toBe(
      '2027-01-22T00:00:00+01:00',
    );
  });
});

describe('sites without hours', () => {
  it('count Monday to Friday, holidays and closures excepted, and say so', () => {
    const sansHoraires = { ...PARIS, horaires: null };
    const d = delaiReponse(sansHoraires, new Date('2027-01-08T16:00:00+01:00'));
    expect(d.ok && d.base).toBe('semaine');
    expect(echeance(sansHoraires, '2027-01-08T16:00:00+01:00')).toBe('2027-01-13T16:00:00+01:00');
    expect(echeance({ ...PARIS, horaires: '  ' }, '2026-12-24T10:00:00+01:00')).toBe('2026-12-30T10:00:00+01:00');
    expect(delaiReponse(PARIS, new Date('2027-01-08T16:00:00+01:00'))).toMatchObject({ base: 'horaires' });
  });

  it('treat hours outside the supported subset, or a tour without stops, the same way', () => {
    expect(delaiReponse({ ...PARIS, horaires: 'Mo-Fr 09:00-17:00 || "sur rendez-vous"' }, new Date())).toMatchObject({
      base: 'semaine',
    });
    expect(delaiReponse({ ...PARIS, horaires: null, arrets: [] }, new Date())).toMatchObject({ base: 'semaine' });
  });
});

describe('daylight-saving days count 24 wall-clock hours (Paris, 28 March and 31 October 2027)', () => {
  const toujours: CalendrierSite = {
    fuseau: 'Europe/Paris',
    territoire: 'metropole',
    horaires: 'Mo-Su,PH 08:00-20:00',
  };
  const heuresReelles = (recu: string) => {
    const d = delaiReponse(toujours, new Date(recu));
    return d.ok ? (d.echeance.getTime() - d.recu.getTime()) / 3_600_000 : Number.NaN;
  };

  it('counts Sunday 28 March (23 real hours) as 24: 71 real hours from Saturday 00:00', () => {
    expect(echeance(toujours, '2027-03-27T00:00:00+01:00')).toBe('2027-03-30T00:00:00+02:00');
    expect(heuresReelles('2027-03-27T00:00:00+01:00')).toBe(71);
  });

  it('counts Sunday 31 October (25 real hours) as 24: 73 real hours from Saturday 00:00', () => {
    expect(echeance(toujours, '2027-10-30T00:00:00+02:00')).toBe('2027-11-02T00:00:00+01:00');
    expect(heuresReelles('2027-10-30T00:00:00+02:00')).toBe(73);
  });

  it('puts a due time in the skipped hour one hour later (02:30 → 03:30 summer time)', () => {
    expect(echeance(toujours, '2027-03-25T02:30:00+01:00')).toBe('2027-03-28T03:30:00+02:00');
  });

  it('gives both 02:30 of 31 October, an hour apart, the same due instant (the first 02:30)', () => {
    const premier = echeance(toujours, '2027-10-31T02:30:00+02:00');
    expect(premier).toBe('2027-11-03T02:30:00+01:00');
    expect(echeance(toujours, '2027-10-31T02:30:00+01:00')).toBe(premier);
  });
});

describe('overseas: La Réunion (+04:00, no daylight saving)', () => {
  const saintPaul: CalendrierSite = {
    fuseau: 'Indian/Reunion',
    territoire: territoireDe('974'),
    horaires: 'Mo-Fr 08:00-12:00; PH off',
  };

  it('skips 20 December (abolition of slavery) on the site’s own clock, whatever the offset received', () => {
    expect(echeance(saintPaul, '2027-12-17T15:00:00+04:00')).toBe('2027-12-23T15:00:00+04:00');
    expect(echeance(saintPaul, '2027-12-17T11:00:00Z')).toBe('2027-12-23T15:00:00+04:00');
    expect(
      echeance({ ...saintPaul, fuseau: 'Europe/Paris', territoire: 'metropole' }, '2027-12-17T15:00:00+01:00'),
    ).toBe('2027-12-22T15:00:00+01:00');
  });

  it('takes the day of the site, not of Paris: Sunday 22:30 in Paris is Monday 01:30 in Saint-Paul', () => {
    const d = delaiReponse(saintPaul, new Date('2027-01-10T21:30:00Z'));
    expect(debut(d, 'Indian/Reunion')).toBe('2027-01-11T01:30:00+04:00');
    expect(echeance(saintPaul, '2027-01-10T21:30:00Z')).toBe('2027-01-14T01:30:00+04:00');
  });
});

describe('bad input', () => {
  it('throws on an invalid instant, zone or count (callers validate first)', () => {
    expect(() => delaiReponse(PARIS, new Date('x'))).toThrow(RangeError);
    expect(() => delaiReponse({ ...PARIS, fuseau: 'Mars/Olympus' }, new Date())).toThrow(RangeError);
    expect(() => delaiReponse(PARIS, new Date(), 0)).toThrow(RangeError);
  });
});

describe('the engine’s working days', () => {
  it('are the days on which the engine’s instants open, for a tour over a year with week 53', () => {
    const p = {
      fuseau: 'Europe/Paris',
      territoire: 'metropole' as const,
      semaine53: 'alterner' as const,
      fermetures: [{ debut: '2027-02-01', fin: '2027-02-10', motif: 'Panne' }],
      du: '2026-06-01',
      au: '2027-06-30',
    };
    for (const arret of [
      { horaires: 'Tu 09:00-12:00; PH off', semaines: 'paires' as const },
      { horaires: 'Mo-Su,PH 00:00-24:00', semaines: 'impaires' as const },
    ]) {
      const parInstants = new Set(
        intervallesOuverture({ ...p, ...arret }).flatMap((i) => {
          const jours: string[] = [];
          const dernier = dateLocale(new Date(i.fin.getTime() - 1), p.fuseau);
          for (let d = dateLocale(i.debut, p.fuseau); d <= dernier; d = ajouterJours(d, 1)) jours.push(d);
          return jours;
        }),
      );
      expect(joursOuverture({ ...p, ...arret })).toEqual([...parInstants].sort());
    }
  });
});
