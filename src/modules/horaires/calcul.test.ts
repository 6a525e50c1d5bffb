import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  etatOuverture,
  intervallesOuverture,
  type ParametresHoraires,
  type Semaines,
  semaineIso,
  semaineType,
  semaineTypeTournee,
  validerHoraires,
} from './index.ts';

const iso = (s: string) => new Date(s);
const enTexte = (liste: Array<{ debut: Date; fin: Date }>) =>
  liste.map((i) => `${i.debut.toISOString()} → ${i.fin.toISOString()}`);

const paris = (horaires: string): ParametresHoraires => ({ horaires, fuseau: 'Europe/Paris', territoire: 'metropole' });

describe('validerHoraires', () => {
  it('accepts the OSM subset used by France services', () => {
    for (const texte of [
      'Mo-Fr 09:00-12:00,13:30-17:00',
      'Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00; PH off',
      'Mo 09:30-12:30,13:30-15:30; PH off',
      'Mo,We 09:00 - 12:00, 14:00 - 17:00',
      'Mo 10:00-12:00, We 14:00-16:00',
      'Mo-Fr 09:00-17:00; We off',
      'Mo-Fr 08:00-24:00',
      '24/7',
    ]) {
      expect(validerHoraires(texte), texte).toEqual({ ok: true });
    }
  });

  it('rejects what it cannot evaluate exactly, with a French message and an example', () => {
    for (const texte of [
      '',
      'Jan-Mar Mo 10:00-12:00',
      'week 1-53/2 Mo 09:00-12:00',
      'Mo-Fr 09:00-12:00 "sur rendez-vous"',
      'Mo-Fr 09:00-12:00 || "sur rendez-vous"',
      'SH off',
      'Mo-Fr sunrise-sunset',
      'Mo-Fr 18:00-02:00',
      'Mo-Fr 09:00-25:00',
      'Mo-Fr 9:00-12:00',
      'Mo-Fr',
      'lundi 09:00-12:00',
    ]) {
      const r = validerHoraires(texte);
      expect(r.ok, texte).toBe(false);
      if (!r.ok)
        expect(r.message).toMatch(/^Horaires (illisibles|vides).*exemple attendu : Mo-Fr 09:00-12:00,14:00-17:00\)$/);
    }
  });
});

describe('etatOuverture around daylight-saving changes in Paris', () => {
  const dimanche = paris('Su 10:00-12:00');

  it('uses summer time on the spring-forward Sunday (29 March 2026)', () => {
    // 10:30 CEST = 08:30 UTC: open (a fixed +01:00 offset would say 09:30, closed).
    expect(etatOuverture({ ...dimanche, maintenant: iso('2026-03-29T08:30:00Z') })).toEqual({
      ouvert: true,
      jusqua: iso('2026-03-29T10:00:00Z'),
    });
    // 12:30 CEST = 10:30 UTC: closed until next Sunday 10:00 CEST.
    expect(etatOuverture({ ...dimanche, maintenant: iso('2026-03-29T10:30:00Z') })).toEqual({
      ouvert: false,
      prochaineOuverture: iso('2026-04-05T08:00:00Z'),
    });
  });

  it('announces the next opening with the offset of that day, not of today', () => {
    const semaine = paris('Mo-Fr 09:00-12:00');
    // Friday 27 March 13:00 CET; Monday 30 March 09:00 is already CEST (07:00 UTC).
    expect(etatOuverture({ ...semaine, maintenant: iso('2026-03-27T12:00:00Z') })).toEqual({
      ouvert: false,
      prochaineOuverture: iso('2026-03-30T07:00:00Z'),
    });
    // Friday 23 October 13:00 CEST; Monday 26 October 09:00 is CET (08:00 UTC).
    expect(etatOuverture({ ...semaine, maintenant: iso('2026-10-23T11:00:00Z') })).toEqual({
      ouvert: false,
      prochaineOuverture: iso('2026-10-26T08:00:00Z'),
    });
  });

  it('opens a range that starts in the skipped hour at 03:00 summer time', () => {
    const nuit = paris('Su 02:00-04:00');
    expect(enTexte(intervallesOuverture({ ...nuit, du: '2026-03-29', au: '2026-03-29' }))).toEqual([
      '2026-03-29T01:00:00.000Z → 2026-03-29T02:00:00.000Z',
    ]);
    expect(etatOuverture({ ...nuit, maintenant: iso('2026-03-29T00:30:00Z') })).toEqual({
      ouvert: false,
      prochaineOuverture: iso('2026-03-29T01:00:00Z'),
    });
  });

  it('uses winter time on the fall-back Sunday (25 October 2026)', () => {
    // 10:30 CET = 09:30 UTC: open until 12:00 CET = 11:00 UTC.
    expect(etatOuverture({ ...dimanche, maintenant: iso('2026-10-25T09:30:00Z') })).toEqual({
      ouvert: true,
      jusqua: iso('2026-10-25T11:00:00Z'),
    });
    // 09:30 CET = 08:30 UTC: still closed (a fixed +02:00 offset would say 10:30, open).
    expect(etatOuverture({ ...dimanche, maintenant: iso('2026-10-25T08:30:00Z') })).toEqual({
      ouvert: false,
      prochaineOuverture: iso('2026-10-25T09:00:00Z'),
    });
  });

  it('counts the repeated hour of the fall-back night (01:00-04:00 lasts four real hours)', () => {
    const nuit = paris('Su 01:00-04:00');
    expect(enTexte(intervallesOuverture({ ...nuit, du: '2026-10-25', au: '2026-10-25' }))).toEqual([
      '2026-10-24T23:00:00.000Z → 2026-10-25T03:00:00.000Z',
    ]);
  });
});

describe('overseas sites run on their own clock', () => {
  const horaires = 'Mo-Fr 08:00-12:00,13:00-16:00';
  const reunion: ParametresHoraires = { horaires, fuseau: 'Indian/Reunion', territoire: 'reunion' };

  it('is open in La Réunion at an instant when the same hours in Paris are closed', () => {
    const maintenant = iso('2026-06-15T05:00:00Z'); // Monday: 09:00 in Saint-Denis, 07:00 in Paris
    expect(etatOuverture({ ...reunion, maintenant })).toEqual({ ouvert: true, jusqua: iso('2026-06-15T08:00:00Z') });
    expect(etatOuverture({ ...paris(horaires), maintenant })).toEqual({
      ouvert: false,
      prochaineOuverture: iso('2026-06-15T06:00:00Z'),
    });
  });

  it('closes on 20 December in La Réunion and not in Paris', () => {
    const maintenant = iso('2027-12-20T06:00:00Z'); // Monday 20 December 2027: 10:00 in Réunion, 07:00 in Paris
    expect(etatOuverture({ ...reunion, maintenant })).toEqual({
      ouvert: false,
      prochaineOuverture: iso('2027-12-21T04:00:00Z'),
    });
    expect(intervallesOuverture({ ...paris(horaires), du: '2027-12-20', au: '2027-12-20' })).toHaveLength(2);
  });
});

describe('public holidays and exceptional closures', () => {
  it('closes on public holidays when the text does not mention PH', () => {
    expect(intervallesOuverture({ ...paris('Mo-Fr 09:00-17:00'), du: '2026-05-01', au: '2026-05-01' })).toEqual([]);
  });

  it('follows the text when it mentions PH, with OSM rule order', () => {
    const matin = paris('Mo-Fr 09:00-17:00; PH 10:00-12:00');
    expect(enTexte(intervallesOuverture({ ...matin, du: '2026-05-01', au: '2026-05-01' }))).toEqual([
      '2026-05-01T08:00:00.000Z → 2026-05-01T10:00:00.000Z',
    ]);
    // A later weekday rule replaces an earlier PH rule: open as usual on holidays.
    const ouvert = paris('PH off; Mo-Fr 09:00-17:00');
    expect(intervallesOuverture({ ...ouvert, du: '2026-05-01', au: '2026-05-01' })).toHaveLength(1);
  });

  it('removes whole days of exceptional closure', () => {
    const site = {
      ...paris('Mo-Fr 09:00-17:00'),
      fermetures: [{ debut: '2026-06-15', fin: '2026-06-16', motif: 'Travaux' }],
    };
    const jours = intervallesOuverture({ ...site, du: '2026-06-15', au: '2026-06-19' }).map((i) =>
      i.debut.toISOString().slice(0, 10),
    );
    expect(jours).toEqual(['2026-06-17', '2026-06-18', '2026-06-19']);
    expect(etatOuverture({ ...site, maintenant: iso('2026-06-15T08:00:00Z') })).toEqual({
      ouvert: false,
      prochaineOuverture: iso('2026-06-17T07:00:00Z'),
    });
  });

  it('keeps a 24/7 place open across midnight and stops at the next holiday', () => {
    expect(etatOuverture({ ...paris('24/7'), maintenant: iso('2026-12-20T12:00:00Z') })).toEqual({
      ouvert: true,
      jusqua: iso('2026-12-24T23:00:00Z'),
    });
  });
});

describe('a Charente bus stop on odd ISO weeks', () => {
  const arret: ParametresHoraires = {
    ...paris('Mo 09:30-12:30,13:30-15:30; PH off'),
    semaines: 'impaires',
  };

  it('has the expected ISO weeks around Easter 2026', () => {
    expect(semaineIso('2026-04-06')).toBe(15); // Easter Monday: odd week
    expect(semaineIso('2026-04-13')).toBe(16);
    expect(semaineIso('2026-04-20')).toBe(17);
  });

  it('opens on a Monday of an odd week', () => {
    expect(enTexte(intervallesOuverture({ ...arret, du: '2026-04-20', au: '2026-04-20' }))).toEqual([
      '2026-04-20T07:30:00.000Z → 2026-04-20T10:30:00.000Z',
      '2026-04-20T11:30:00.000Z → 2026-04-20T13:30:00.000Z',
    ]);
  });

  it('does not come on a Monday of an even week', () => {
    expect(intervallesOuverture({ ...arret, du: '2026-04-13', au: '2026-04-13' })).toEqual([]);
    expect(etatOuverture({ ...arret, maintenant: iso('2026-04-13T08:00:00Z') })).toEqual({
      ouvert: false,
      prochaineOuverture: iso('2026-04-20T07:30:00Z'),
    });
  });

  it('does not come on Easter Monday although it falls in an odd week', () => {
    expect(intervallesOuverture({ ...arret, du: '2026-04-06', au: '2026-04-06' })).toEqual([]);
    expect(etatOuverture({ ...arret, maintenant: iso('2026-04-06T08:00:00Z') }).prochaineOuverture).toEqual(
      iso('2026-04-20T07:30:00Z'),
    );
  });
});

describe('semaineType', () => {
  it('counts 32.5 hours over 5 days for Mo-Fr 09:00-12:00,13:30-17:00', () => {
    expect(semaineType('Mo-Fr 09:00-12:00,13:30-17:00', 'Europe/Paris')).toEqual({
      heures: 32.5,
      jours: 5,
      parJour: { lu: 6.5, ma: 6.5, me: 6.5, je: 6.5, ve: 6.5, sa: 0, di: 0 },
    });
  });

  it('counts a short week', () => {
    expect(semaineType('Mo-Th 09:00-12:00; PH off', 'Europe/Paris')).toMatchObject({ heures: 12, jours: 4 });
    expect(semaineType('Mo-Fr 09:00-17:00; We off')).toMatchObject({ heures: 32, jours: 4 });
  });

  it('averages the two-week cycle of the Charente bus (23 h over 4.5 days)', () => {
    const donnees = JSON.parse(
      readFileSync(new URL('../../../data/bus-france-services-charente.json', import.meta.url), 'utf8'),
    ) as Array<{ horaires: string; ouverture: string }>;
    const arrets = donnees.map((a) => ({
      horaires: a.horaires,
      semaines: (a.ouverture === 'Semaine impaire' ? 'impaires' : 'paires') as Semaines,
    }));
    const tournee = semaineTypeTournee(arrets);
    expect(tournee.semaineImpaire).toMatchObject({ heures: 25.5, jours: 5 });
    expect(tournee.semainePaire).toMatchObject({ heures: 20.5, jours: 4 });
    expect(tournee).toMatchObject({ heures: 23, jours: 4.5 });
    expect(tournee.parJour).toEqual({ lu: 2.5, ma: 5.5, me: 5.25, je: 4.75, ve: 5, sa: 0, di: 0 });
  });

  it('does not count twice two stops open at the same time, and counts weekly stops in both weeks', () => {
    const tournee = semaineTypeTournee([
      { horaires: 'Mo 09:00-12:00', semaines: 'toutes' },
      { horaires: 'Mo 10:00-13:00', semaines: 'toutes' },
    ]);
    expect(tournee).toMatchObject({ heures: 4, jours: 1 });
  });
});
