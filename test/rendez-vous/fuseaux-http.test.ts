import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// Issue 11, point 11, over HTTP: the public API gives a site's slots at 09:00 on its own clock, written with the
// offset of that day (before and after the daylight-saving switches of Sunday 28 March and Sunday 31 October 2027 in
// Paris; overseas at their own offsets, Saint-Pierre-et-Miquelon with its own switch), and books the instant it gave.
// The process clock is set to 15 February 2027 (Date only, and it keeps running) so that these days stay ahead.

let ctx: Contexte;
let adresse = 0;
const JOURS = ['lu', 'ma', 'me', 'je', 've', 'sa', 'di'];

beforeAll(async () => {
  ctx = await demarrerApp();
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2027-02-15T12:00:00Z'));
});
afterAll(async () => {
  vi.useRealTimers();
  await ctx.fermer();
});

/** A site of a département in its zone, open every day 08:00–18:00 except holidays, one agent 09:00–12:00 daily. */
async function site(departement: string, fuseau: string) {
  const id = await creerSite(ctx, await creerStructure(ctx, departement));
  await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-18:00; PH off', fuseau_horaire = $2 where id = $1`, [
    id,
    fuseau,
  ]);
  const plages = [{ debut: '09:00', fin: '12:00' }];
  const regles = { modeles: [{ siteId: id, jours: Object.fromEntries(JOURS.map((j) => [j, plages])) }] };
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal, reservable_en_ligne, fenetre_jours)
     values ($1, 'Démarche accompagnée', 60, 'sur_place', true, 366) returning id`,
    [id],
  );
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent', $2) returning id`,
    [id, JSON.stringify(regles)],
  );
  await ctx.sql('insert into motif_ressources (motif_id, ressource_id) values ($1, $2)', [m?.id, r?.id]);
  return { site: id, motif: m?.id as string };
}

/** The starts the API offers from `du` to `au`, as it writes them, and the zone it names. */
async function debuts(s: { site: string; motif: string }, du: string, au = du) {
  const r = await ctx.app.inject({
    url: `/api/v1/sites/${s.site}/disponibilites?motif=${s.motif}&from=${du}&to=${au}`,
  });
  expect(r.statusCode).toBe(200);
  const corps = r.json() as { timeZone: string; slots: Array<{ start: string; end: string }> };
  return { fuseau: corps.timeZone, debuts: corps.slots.map((c) => c.start), fins: corps.slots.map((c) => c.end) };
}

function reserver(motif: string, start: string) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/rendez-vous',
    remoteAddress: `10.1.0.${++adresse}`,
    payload: { motif, start, name: 'Camille Martin', email: `camille.${adresse}@exemple.fr`, consent: true },
  });
}

const journee = (jour: string, decalage: string) => ['09', '10', '11'].map((h) => `${jour}T${h}:00:00${decalage}`);

describe('daylight-saving days in Paris, over HTTP', () => {
  it('gives 09:00 at +01:00 before 28 March 2027, at +02:00 from that Sunday on, none on Easter Monday', async () => {
    const s = await site('92', 'Europe/Paris');
    const r = await debuts(s, '2027-03-27', '2027-03-30');
    expect(r.fuseau).toBe('Europe/Paris');
    // 28 March 2027 is also Easter Sunday: Monday 29 March is a public holiday, the site is closed.
    expect(r.debuts).toEqual([
      ...journee('2027-03-27', '+01:00'),
      ...journee('2027-03-28', '+02:00'),
      ...journee('2027-03-30', '+02:00'),
    ]);
    expect(r.fins[0]).toBe('2027-03-27T10:00:00+01:00');
    // The same wall-clock time, one hour less of UTC offset after the switch.
    expect(new Date(r.debuts[0] as string).toISOString()).toBe('2027-03-27T08:00:00.000Z');
    expect(new Date(r.debuts[6] as string).toISOString()).toBe('2027-03-30T07:00:00.000Z');
  });

  it('gives 09:00 at +02:00 before 31 October 2027 and at +01:00 from that Sunday on, none on 1 November', async () => {
    const s = await site('92', 'Europe/Paris');
    const r = await debuts(s, '2027-10-30', '2027-11-02');
    expect(r.debuts).toEqual([
      ...journee('2027-10-30', '+02:00'),
      ...journee('2027-10-31', '+01:00'),
      ...journee('2027-11-02', '+01:00'),
    ]);
    expect(new Date(r.debuts[0] as string).toISOString()).toBe('2027-10-30T07:00:00.000Z');
    expect(new Date(r.debuts[6] as string).toISOString()).toBe('2027-11-02T08:00:00.000Z');
  });

  it('books the instant it offered on both Sundays, whatever offset the client writes it with', async () => {
    const s = await site('92', 'Europe/Paris');
    const printemps = await reserver(s.motif, '2027-03-28T09:00:00+02:00');
    expect(printemps.statusCode).toBe(201);
    expect(printemps.json()).toMatchObject({ start: '2027-03-28T09:00:00+02:00', end: '2027-03-28T10:00:00+02:00' });
    // 08:00 UTC on 31 October is 09:00 in Paris, winter time.
    const automne = await reserver(s.motif, '2027-10-31T08:00:00Z');
    expect(automne.statusCode).toBe(201);
    expect(automne.json()).toMatchObject({ start: '2027-10-31T09:00:00+01:00', end: '2027-10-31T10:00:00+01:00' });
    const enBase = await ctx.sql<{ debut: Date }>(`select debut from rendez_vous where site_id = $1 order by debut`, [
      s.site,
    ]);
    expect(enBase.map((l) => l.debut.toISOString())).toEqual(['2027-03-28T07:00:00.000Z', '2027-10-31T08:00:00.000Z']);
    // Both are gone from the slots, the others of those days remain.
    expect((await debuts(s, '2027-03-28')).debuts).toEqual(journee('2027-03-28', '+02:00').slice(1));
    expect((await debuts(s, '2027-10-31')).debuts).toEqual(journee('2027-10-31', '+01:00').slice(1));
    // 09:00 in summer time written as winter time is 10:00, which is taken once and no more.
    const dix = await reserver(s.motif, '2027-03-28T09:00:00+01:00');
    expect(dix.statusCode).toBe(201);
    expect(dix.json().start).toBe('2027-03-28T10:00:00+02:00');
    const encore = await reserver(s.motif, '2027-03-28T10:00:00+02:00');
    expect(encore.statusCode).toBe(409);
  });
});

describe('overseas sites, over HTTP', () => {
  const cas: Array<[string, string, string, string]> = [
    ['La Réunion', '974', 'Indian/Reunion', '+04:00'],
    ['Guadeloupe', '971', 'America/Guadeloupe', '-04:00'],
    ['Mayotte', '976', 'Indian/Mayotte', '+03:00'],
  ];
  for (const [nom, departement, fuseau, decalage] of cas) {
    it(`${nom}: 09:00 local at ${decalage}, booked as such`, async () => {
      const s = await site(departement, fuseau);
      const r = await debuts(s, '2027-03-02');
      expect(r.fuseau).toBe(fuseau);
      expect(r.debuts).toEqual(journee('2027-03-02', decalage));
      const reponse = await reserver(s.motif, r.debuts[0] as string);
      expect(reponse.statusCode).toBe(201);
      expect(reponse.json().start).toBe(`2027-03-02T09:00:00${decalage}`);
    });
  }

  it('Saint-Pierre-et-Miquelon: 09:00 at −03:00, then at −02:00 after its own switch (Sunday 14 March 2027)', async () => {
    const s = await site('975', 'America/Miquelon');
    const r = await debuts(s, '2027-03-13', '2027-03-15');
    expect(r.debuts).toEqual([
      ...journee('2027-03-13', '-03:00'),
      ...journee('2027-03-14', '-02:00'),
      ...journee('2027-03-15', '-02:00'),
    ]);
    const hiver = await debuts(s, '2027-11-06', '2027-11-08');
    expect(hiver.debuts).toEqual([
      ...journee('2027-11-06', '-02:00'),
      ...journee('2027-11-07', '-03:00'),
      ...journee('2027-11-08', '-03:00'),
    ]);
    const reponse = await reserver(s.motif, '2027-03-15T12:00:00Z');
    expect(reponse.statusCode).toBe(201);
    expect(reponse.json().start).toBe('2027-03-15T10:00:00-02:00');
  });
});
