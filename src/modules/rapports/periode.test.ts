import { describe, expect, it } from 'vitest';
import {
  ajouterJours,
  anneePrecedente,
  decouper,
  libellePeriode,
  periodePrecedente,
  trimestreDe,
  unAnAvant,
} from './periode.ts';

describe('report periods', () => {
  it('finds the calendar quarter of a date, with the right last day', () => {
    expect(trimestreDe('2026-11-24')).toEqual({ du: '2026-10-01', au: '2026-12-31' });
    expect(trimestreDe('2026-01-01')).toEqual({ du: '2026-01-01', au: '2026-03-31' });
    expect(trimestreDe('2024-05-31')).toEqual({ du: '2024-04-01', au: '2024-06-30' });
  });

  it('compares a quarter with the previous quarter even when their lengths differ', () => {
    expect(periodePrecedente({ du: '2026-01-01', au: '2026-03-31' })).toEqual({ du: '2025-10-01', au: '2025-12-31' });
    expect(periodePrecedente({ du: '2026-10-01', au: '2026-12-31' })).toEqual({ du: '2026-07-01', au: '2026-09-30' });
  });

  it('compares a month with the previous month, a year with the previous year, else as many days before', () => {
    expect(periodePrecedente({ du: '2024-03-01', au: '2024-03-31' })).toEqual({ du: '2024-02-01', au: '2024-02-29' });
    expect(periodePrecedente({ du: '2026-01-01', au: '2026-12-31' })).toEqual({ du: '2025-01-01', au: '2025-12-31' });
    expect(periodePrecedente({ du: '2026-11-10', au: '2026-11-16' })).toEqual({ du: '2026-11-03', au: '2026-11-09' });
  });

  it('takes the same period a year before, leap days included', () => {
    expect(unAnAvant('2024-02-29')).toBe('2023-02-28');
    expect(anneePrecedente({ du: '2025-02-01', au: '2025-02-28' })).toEqual({ du: '2024-02-01', au: '2024-02-29' });
    expect(anneePrecedente({ du: '2026-10-01', au: '2026-12-31' })).toEqual({ du: '2025-10-01', au: '2025-12-31' });
    expect(anneePrecedente({ du: '2026-11-10', au: '2026-11-16' })).toEqual({ du: '2025-11-10', au: '2025-11-16' });
  });

  it('cuts a period into whole months and loose days at the ends', () => {
    expect(decouper({ du: '2026-10-01', au: '2026-12-31' })).toEqual({
      mois: ['2026-10-01', '2026-11-01', '2026-12-01'],
      jours: [],
    });
    expect(decouper({ du: '2026-09-15', au: '2026-12-10' })).toEqual({
      mois: ['2026-10-01', '2026-11-01'],
      jours: [
        { du: '2026-09-15', au: '2026-09-30' },
        { du: '2026-12-01', au: '2026-12-10' },
      ],
    });
    expect(decouper({ du: '2026-11-03', au: '2026-11-05' })).toEqual({
      mois: [],
      jours: [{ du: '2026-11-03', au: '2026-11-05' }],
    });
  });

  it('cannot loop past the calendar: the last quarter of year 9999 and a period of centuries are refused', () => {
    // Year 10000 is written "+010000-…", which sorts before "9999-…": a loop on string dates never ended (issue 9).
    expect(() => decouper({ du: '9999-10-01', au: '9999-12-31' })).toThrow(RangeError);
    expect(() => decouper({ du: '2000-01-01', au: '2199-12-31' })).toThrow(RangeError);
    expect(() => ajouterJours('9999-12-31', 1)).toThrow(RangeError);
    expect(decouper({ du: '2026-12-31', au: '2026-12-01' })).toEqual({ mois: [], jours: [] });
  });

  it('names quarters, and other periods by their dates', () => {
    expect(libellePeriode({ du: '2026-10-01', au: '2026-12-31' })).toBe('4e trimestre 2026');
    expect(libellePeriode({ du: '2026-01-01', au: '2026-03-31' })).toBe('1er trimestre 2026');
    expect(libellePeriode({ du: '2026-11-03', au: '2026-11-05' })).toBe('du 03/11/2026 au 05/11/2026');
  });
});

describe('a period still running', () => {
  it('is compared to date: the same number of days from the start of each comparison period', async () => {
    const { comparaisons } = await import('./service.ts');
    expect(comparaisons({ du: '2026-10-01', au: '2026-12-31' }, '2026-11-24')).toEqual([
      { du: '2026-07-01', au: '2026-08-24' },
      { du: '2025-10-01', au: '2025-11-24' },
    ]);
    expect(comparaisons({ du: '2026-07-01', au: '2026-09-30' }, '2026-11-24')).toEqual([
      { du: '2026-04-01', au: '2026-06-30' },
      { du: '2025-07-01', au: '2025-09-30' },
    ]);
  });
});
