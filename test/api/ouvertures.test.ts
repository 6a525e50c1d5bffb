import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// GET /api/v1/sites/{id}/openings: real intervals in the site's zone, holidays and closures applied.

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterEach(() => vi.useRealTimers());
afterAll(() => ctx.fermer());

interface Ouvertures {
  siteId: string;
  timeZone: string;
  from: string;
  to: string;
  intervals: Array<{
    start: string;
    end: string;
    stop?: { name: string; commune: string; latitude: number | null; longitude: number | null };
  }>;
  closures: Array<{ start: string; end: string; reason: string }>;
  holidays: Array<{ date: string; name: string }>;
}

async function idSite(nom: string) {
  const [r] = await ctx.sql<{ id: string }>('select id from sites where nom = $1', [nom]);
  return r?.id as string;
}

async function ouvertures(id: string, requete = '') {
  const r = await ctx.app.inject({ url: `/api/v1/sites/${id}/openings${requete}` });
  return { r, corps: r.json() as Ouvertures };
}

const plages = (o: Ouvertures) => o.intervals.map((i) => `${i.start}/${i.end.slice(11)}`);

describe('openings of a fixed site', () => {
  it('skips public holidays and announced closures, in Paris time', async () => {
    const id = await idSite('France services de Sceaux');
    await ctx.sql(
      `insert into fermetures (site_id, debut, fin, motif) values ($1, '2026-12-28', '2026-12-31', 'Inventaire annuel')`,
      [id],
    );
    const { r, corps } = await ouvertures(id, '?from=2026-12-21&to=2026-12-31');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(corps).toMatchObject({ siteId: id, timeZone: 'Europe/Paris', from: '2026-12-21', to: '2026-12-31' });
    expect(plages(corps)).toEqual([
      '2026-12-21T09:30:00+01:00/12:30:00+01:00',
      '2026-12-21T14:30:00+01:00/17:30:00+01:00',
      '2026-12-22T09:30:00+01:00/12:30:00+01:00',
      '2026-12-22T14:30:00+01:00/17:30:00+01:00',
      '2026-12-23T09:30:00+01:00/12:30:00+01:00',
      '2026-12-23T14:30:00+01:00/17:30:00+01:00',
      '2026-12-24T09:30:00+01:00/12:30:00+01:00',
      // Friday 25: Christmas. Saturday 26 open. 28 to 31: closed for the inventory.
      '2026-12-26T09:00:00+01:00/12:00:00+01:00',
    ]);
    expect(corps.intervals.every((i) => i.stop === undefined)).toBe(true);
    expect(corps.holidays).toEqual([{ date: '2026-12-25', name: 'Noël' }]);
    expect(corps.closures).toEqual([{ start: '2026-12-28', end: '2026-12-31', reason: 'Inventaire annuel' }]);
  });

  it('gives each instant the offset of its day across the autumn clock change', async () => {
    const { corps } = await ouvertures(await idSite('France services de Sceaux'), '?from=2026-10-23&to=2026-10-26');
    expect(corps.intervals.map((i) => i.start)).toEqual([
      '2026-10-23T09:30:00+02:00',
      '2026-10-23T14:30:00+02:00',
      '2026-10-24T09:00:00+02:00',
      '2026-10-26T09:30:00+01:00',
      '2026-10-26T14:30:00+01:00',
    ]);
    expect(new Date(corps.intervals[3]?.start ?? '').toISOString()).toBe('2026-10-26T08:30:00.000Z');
  });

  it('works on the site’s own clock and holidays overseas (Indian/Reunion)', async () => {
    const id = await creerSite(ctx, await creerStructure(ctx, '974'), 'France services de Saint-Paul');
    await ctx.sql(
      `update sites set horaires = 'Mo-Fr 08:00-12:00; PH off', fuseau_horaire = 'Indian/Reunion' where id = $1`,
      [id],
    );
    // 20 December: abolition of slavery, a public holiday in La Réunion only.
    const { corps } = await ouvertures(id, '?from=2027-12-20&to=2027-12-21');
    expect(corps.timeZone).toBe('Indian/Reunion');
    expect(corps.holidays).toEqual([{ date: '2027-12-20', name: "Abolition de l'esclavage" }]);
    expect(plages(corps)).toEqual(['2027-12-21T08:00:00+04:00/12:00:00+04:00']);
    const { corps: rouen } = await ouvertures(await idSite('Maison du Plateau'), '?from=2027-12-20&to=2027-12-20');
    expect(rouen.holidays).toEqual([]);
    expect(rouen.intervals).toHaveLength(2);

    // Sunday 6 December 2026, 22:30 in Paris, is already Monday 7 at 01:30 in La Réunion: "today" is the site's.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T21:30:00Z'));
    const { corps: parDefaut } = await ouvertures(id);
    expect(parDefaut).toMatchObject({ from: '2026-12-07', to: '2026-12-13' });
    expect(parDefaut.intervals[0]?.start).toBe('2026-12-07T08:00:00+04:00');
    expect(parDefaut.intervals).toHaveLength(5);
    const { corps: sceaux } = await ouvertures(await idSite('France services de Sceaux'));
    expect(sceaux).toMatchObject({ from: '2026-12-06', to: '2026-12-12' });
  });

  it('lists nothing for a site without hours, and takes a closure that already ended', async () => {
    const id = await idSite('Mairie de quartier de Puyricard');
    await ctx.sql(
      `insert into fermetures (site_id, debut, fin, motif) values ($1, '2025-03-03', '2025-03-04', 'Travaux')`,
      [id],
    );
    const { corps } = await ouvertures(id, '?from=2025-03-01&to=2025-03-31');
    expect(corps.intervals).toEqual([]);
    expect(corps.closures).toEqual([{ start: '2025-03-03', end: '2025-03-04', reason: 'Travaux' }]);
  });
});

describe('openings of a tour', () => {
  it('gives each interval its stop, sorted, and skips holidays', async () => {
    const id = await idSite('Permanences itinérantes d’Agen');
    const { corps } = await ouvertures(id, '?from=2026-12-07&to=2026-12-13');
    expect(corps.intervals).toEqual([
      {
        start: '2026-12-08T09:00:00+01:00',
        end: '2026-12-08T12:00:00+01:00',
        stop: { name: 'Mairie de Pont-du-Casse', commune: 'Pont-du-Casse', latitude: 44.2297, longitude: 0.6786 },
      },
      {
        start: '2026-12-09T09:00:00+01:00',
        end: '2026-12-09T12:00:00+01:00',
        stop: { name: 'Mairie de Foulayronnes', commune: 'Foulayronnes', latitude: 44.2426, longitude: 0.6436 },
      },
      {
        start: '2026-12-10T14:00:00+01:00',
        end: '2026-12-10T17:00:00+01:00',
        stop: { name: 'Espace public numérique de Montanou', commune: 'Agen', latitude: 44.1939, longitude: 0.6297 },
      },
      {
        start: '2026-12-11T14:00:00+01:00',
        end: '2026-12-11T17:00:00+01:00',
        stop: { name: 'Espace public numérique de Bartelé', commune: 'Agen', latitude: 44.2146, longitude: 0.6213 },
      },
    ]);
    const { corps: noel } = await ouvertures(id, '?from=2026-12-21&to=2026-12-27');
    expect(noel.intervals.map((i) => i.stop?.name)).toEqual([
      'Mairie de Pont-du-Casse',
      'Mairie de Foulayronnes',
      'Espace public numérique de Montanou',
    ]);
    expect(noel.holidays).toEqual([{ date: '2026-12-25', name: 'Noël' }]);
  });

  it('serves a stop only on its ISO weeks', async () => {
    const id = await idSite('Permanences itinérantes d’Agen');
    await ctx.sql(`update arrets set semaines = 'impaires' where nom = 'Mairie de Pont-du-Casse'`);
    try {
      // ISO week 50 (even) then 51 (odd).
      const { corps } = await ouvertures(id, '?from=2026-12-07&to=2026-12-20');
      expect(corps.intervals.filter((i) => i.stop?.commune === 'Pont-du-Casse').map((i) => i.start)).toEqual([
        '2026-12-15T09:00:00+01:00',
      ]);
      expect(corps.intervals).toHaveLength(7);
    } finally {
      await ctx.sql(`update arrets set semaines = 'toutes' where nom = 'Mairie de Pont-du-Casse'`);
    }
  });
});

describe('openings with bad parameters', () => {
  const CAS: Array<[requete: string, parametre: string, extrait: RegExp]> = [
    ['?from=2026-02-30', 'from', /date réelle au format AAAA-MM-JJ/],
    ['?from=07/12/2026', 'from', /date réelle au format AAAA-MM-JJ/],
    ['?to=2026-12-7', 'to', /date réelle/],
    ['?from=1999-12-31&to=2000-01-01', 'from', /entre 2000-01-01 et 20\d\d-12-31/],
    ['?from=2026-12-07&to=9999-12-31', 'to', /entre 2000-01-01 et 20\d\d-12-31/],
    ['?from=2026-12-10&to=2026-12-01', 'to', /égale ou postérieure à la date from/],
    ['?from=2026-01-01&to=2026-04-03', 'to', /dépasse 92 jours/],
    ['?from=2026-12-07&from=2026-12-08', 'from', /ne peut apparaître qu’une fois/],
  ];
  for (const [requete, parametre, extrait] of CAS) {
    it(`refuses ${requete} with a French problem+json`, async () => {
      const { r } = await ouvertures(await idSite('France services de Sceaux'), requete);
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const p = r.json() as { detail: string; errors: Array<{ parameter: string; detail: string }> };
      expect(p).toMatchObject({ title: 'Requête invalide', status: 400 });
      expect(p.detail).toMatch(extrait);
      expect(p.errors.map((e) => e.parameter)).toEqual([parametre]);
    });
  }

  it('accepts a window of exactly 92 days', async () => {
    const { r } = await ouvertures(await idSite('France services de Sceaux'), '?from=2026-01-01&to=2026-04-02');
    expect(r.statusCode).toBe(200);
  });

  it('refuses a `to` before today when `from` is left to its default', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
    const { r } = await ouvertures(await idSite('France services de Sceaux'), '?to=2026-12-01');
    expect(r.statusCode).toBe(400);
    expect((r.json() as { detail: string }).detail).toContain('date from (2026-12-07)');
  });

  it('answers 404 problem+json for an unknown, malformed or deactivated site', async () => {
    const inactif = await creerSite(ctx, await creerStructure(ctx, '92'));
    await ctx.sql('update sites set actif = false where id = $1', [inactif]);
    for (const id of [randomUUID(), 'pas-un-identifiant', inactif]) {
      const { r } = await ouvertures(id);
      expect(r.statusCode, id).toBe(404);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((r.json() as { detail: string }).detail).toBe(
        'Aucun lieu France services ouvert au public ne porte cet identifiant.',
      );
    }
  });
});
