import { afterAll, describe, expect, it } from 'vitest';
import {
  etatOuverture,
  fermetureTardive,
  grilleDepuisHoraires,
  intervallesOuverture,
  joursFeries,
  semaineIso,
  validerFermeture,
} from './index.ts';

// The results must not move with the server's TZ. Node re-reads process.env.TZ when it is assigned, so this file
// runs the same computations under several odd zones (this file has its own process: pool 'forks').
const TZ_ORIGINE = process.env.TZ;
afterAll(() => {
  if (TZ_ORIGINE === undefined) delete process.env.TZ;
  else process.env.TZ = TZ_ORIGINE;
});

function calculs() {
  const arret = {
    horaires: 'Mo 09:30-12:30,13:30-15:30; PH off',
    fuseau: 'Europe/Paris',
    territoire: 'metropole' as const,
    semaines: 'impaires' as const,
  };
  return {
    feries: joursFeries(2026, 'reunion').map((j) => j.date),
    semaine: semaineIso('2026-04-06'),
    arret: intervallesOuverture({ ...arret, du: '2026-04-01', au: '2026-04-30' }).map((i) => [
      i.debut.toISOString(),
      i.fin.toISOString(),
    ]),
    printemps: etatOuverture({
      horaires: 'Su 10:00-12:00',
      fuseau: 'Europe/Paris',
      territoire: 'metropole',
      maintenant: new Date('2026-03-29T08:30:00Z'),
    }),
    reunion: etatOuverture({
      horaires: 'Mo-Fr 08:00-12:00,13:00-16:00',
      fuseau: 'Indian/Reunion',
      territoire: 'reunion',
      maintenant: new Date('2027-12-20T06:00:00Z'),
    }),
    tardive: fermetureTardive({
      debut: '2026-06-15',
      annonceLe: new Date('2026-06-07T22:00:00Z'),
      fuseau: 'Europe/Paris',
    }),
    fermeture: validerFermeture({
      debut: '2026-06-14',
      fin: '2026-06-14',
      motif: 'Inondation',
      motifUrgence: 'Inondation',
      maintenant: new Date('2026-06-14T21:00:00Z'),
      fuseau: 'Indian/Reunion',
    }).ok,
    grille: grilleDepuisHoraires('Mo-Fr 09:00-12:00; PH off')?.lu,
  };
}

const ATTENDU = {
  feries: [
    '2026-01-01',
    '2026-04-06',
    '2026-05-01',
    '2026-05-08',
    '2026-05-14',
    '2026-05-25',
    '2026-07-14',
    '2026-08-15',
    '2026-11-01',
    '2026-11-11',
    '2026-12-20',
    '2026-12-25',
  ],
  semaine: 15,
  arret: [
    ['2026-04-20T07:30:00.000Z', '2026-04-20T10:30:00.000Z'],
    ['2026-04-20T11:30:00.000Z', '2026-04-20T13:30:00.000Z'],
  ],
  printemps: { ouvert: true, jusqua: new Date('2026-03-29T10:00:00Z') },
  reunion: { ouvert: false, prochaineOuverture: new Date('2027-12-21T04:00:00Z') },
  tardive: false,
  fermeture: false,
  grille: [{ debut: '09:00', fin: '12:00' }],
};

describe('independence from the process time zone', () => {
  for (const [tz, heureLocaleDeMinuitUtc] of [
    ['Pacific/Auckland', 13], // UTC+13 on 1 January
    ['Pacific/Kiritimati', 14], // UTC+14, the earliest clock on Earth
    ['Etc/GMT+12', 12], // UTC-12: 12:00 on the previous day
    ['America/Los_Angeles', 16],
  ] as const) {
    it(`gives the same results with TZ=${tz}`, () => {
      process.env.TZ = tz;
      // The zone really changed for Date's local methods…
      expect(new Date('2026-01-01T00:00:00Z').getHours()).toBe(heureLocaleDeMinuitUtc);
      // …and the opening-hours engine does not care.
      expect(calculs()).toEqual(ATTENDU);
    });
  }
});
