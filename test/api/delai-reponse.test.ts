import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DocumentOpenApi, ReponseOpenApi } from '../../src/modules/donnees/openapi.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { verifierSchema } from './schema.ts';

// GET /api/v1/sites/{id}/delai-reponse (issue 12, point 3; ADR 0028): when the answer to a message is due.

let ctx: Contexte;
let document: DocumentOpenApi;
beforeAll(async () => {
  ctx = await demarrerApp();
  document = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as DocumentOpenApi;
});
afterEach(() => vi.useRealTimers());
afterAll(() => ctx.fermer());

interface Delai {
  siteId: string;
  timeZone: string;
  workingHours: number;
  basis: 'openingHours' | 'weekdays';
  receivedAt: string;
  countingFrom: string | null;
  dueAt: string | null;
  detail?: string;
}

const CHEMIN = '/api/v1/sites/{id}/delai-reponse';

async function idSite(nom: string) {
  const [r] = await ctx.sql<{ id: string }>('select id from sites where nom = $1', [nom]);
  return r?.id as string;
}

/** `recu` is encoded as a client should (`+` as %2B), unless given already in the query. */
async function delai(id: string, recu?: string) {
  const requete = recu === undefined ? '' : `?recu=${encodeURIComponent(recu)}`;
  const r = await ctx.app.inject({ url: `/api/v1/sites/${id}/delai-reponse${requete}` });
  return { r, corps: r.json() as Delai };
}

function schema(statut: string) {
  const reponse = document.paths[CHEMIN]?.get?.responses[statut] as ReponseOpenApi;
  const [contenu] = Object.values(reponse.content ?? {});
  return contenu?.schema ?? {};
}

async function siteParis(horaires: string | null) {
  const id = await creerSite(ctx, await creerStructure(ctx, '92'));
  await ctx.sql('update sites set horaires = $2 where id = $1', [id, horaires]);
  return id;
}

describe('the due instant of a fixed site', () => {
  it('counts Friday from 16:00, Saturday (Sceaux opens then) and Monday: due Tuesday 16:00', async () => {
    const id = await idSite('France services de Sceaux');
    const { r, corps } = await delai(id, '2027-01-08T16:00:00+01:00');
    expect(r.statusCode).toBe(200);
    expect(corps).toEqual({
      siteId: id,
      timeZone: 'Europe/Paris',
      workingHours: 72,
      basis: 'openingHours',
      receivedAt: '2027-01-08T16:00:00+01:00',
      countingFrom: '2027-01-08T16:00:00+01:00',
      dueAt: '2027-01-12T16:00:00+01:00',
    });
    expect(verifierSchema(corps, schema('200'), document)).toEqual([]);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('reads any offset or Z and answers with the site’s offset of each instant', async () => {
    const id = await idSite('France services de Sceaux');
    const attendu = '2027-01-12T16:00:00+01:00';
    expect((await delai(id, '2027-01-08T15:00:00Z')).corps.dueAt).toBe(attendu);
    const inde = await delai(id, '2027-01-08T20:30:00+05:30');
    expect(inde.corps).toMatchObject({ receivedAt: '2027-01-08T16:00:00+01:00', dueAt: attendu });
    // Easter Monday 29 March 2027 is skipped, and summer time has begun by then.
    expect((await delai(id, '2027-03-26T16:00:00+01:00')).corps.dueAt).toBe('2027-03-31T16:00:00+02:00');
  });

  it('reads an unencoded `+` (a space once decoded) as the offset’s sign', async () => {
    const id = await idSite('France services de Sceaux');
    const r = await ctx.app.inject({ url: `/api/v1/sites/${id}/delai-reponse?recu=2027-01-08T16:00:00+01:00` });
    expect(r.statusCode).toBe(200);
    expect((r.json() as Delai).receivedAt).toBe('2027-01-08T16:00:00+01:00');
  });

  it('skips an exceptional closure in the middle of the count', async () => {
    const id = await siteParis('Mo-Fr 09:00-17:00');
    await ctx.sql(
      `insert into fermetures (site_id, debut, fin, motif) values ($1, '2027-01-12', '2027-01-13', 'Travaux')`,
      [id],
    );
    expect((await delai(id, '2027-01-11T10:00:00+01:00')).corps.dueAt).toBe('2027-01-18T10:00:00+01:00');
  });

  it('counts Monday to Friday for a site without hours, and says so', async () => {
    const { corps } = await delai(await idSite('Mairie de quartier de Puyricard'), '2027-01-08T16:00:00+01:00');
    expect(corps).toMatchObject({ basis: 'weekdays', dueAt: '2027-01-13T16:00:00+01:00' });
  });

  it('says clearly when no due instant can be promised within 366 days', async () => {
    const id = await siteParis('Mo-Fr 09:00-17:00');
    for (const [debut, fin] of [
      ['2027-01-01', '2027-04-02'],
      ['2027-04-03', '2027-07-03'],
      ['2027-07-04', '2027-10-03'],
      ['2027-10-04', '2028-01-03'],
      ['2028-01-04', '2028-04-04'],
    ]) {
      await ctx.sql(`insert into fermetures (site_id, debut, fin, motif) values ($1, $2, $3, 'Reconstruction')`, [
        id,
        debut,
        fin,
      ]);
    }
    const { r, corps } = await delai(id, '2027-01-11T10:00:00+01:00');
    expect(r.statusCode).toBe(200);
    expect(corps).toMatchObject({ dueAt: null, countingFrom: null, receivedAt: '2027-01-11T10:00:00+01:00' });
    expect(corps.detail).toMatch(/aucune échéance de réponse ne peut être promise/);
    expect(verifierSchema(corps, schema('200'), document)).toEqual([]);
  });

  it('takes now when `recu` is left out, and is then never cached', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-10T09:00:00Z'));
    const { r, corps } = await delai(await idSite('France services de Sceaux'));
    expect(r.headers['cache-control']).toBe('no-store');
    // Sunday: counting starts Monday 00:00; Monday, Tuesday, Wednesday.
    expect(corps).toMatchObject({
      receivedAt: '2027-01-10T10:00:00+01:00',
      countingFrom: '2027-01-11T00:00:00+01:00',
      dueAt: '2027-01-14T00:00:00+01:00',
    });
  });
});

describe('tours and overseas sites', () => {
  it('counts a tour’s days with a stop anywhere (Agen: Tuesday to Friday)', async () => {
    const { corps } = await delai(await idSite('Permanences itinérantes d’Agen'), '2026-12-07T10:00:00+01:00');
    expect(corps).toMatchObject({
      basis: 'openingHours',
      countingFrom: '2026-12-08T00:00:00+01:00',
      dueAt: '2026-12-11T00:00:00+01:00',
    });
  });

  it('counts in La Réunion’s time and holidays (+04:00, 20 December)', async () => {
    const id = await creerSite(ctx, await creerStructure(ctx, '974'), 'France services de Saint-Paul');
    await ctx.sql(
      `update sites set horaires = 'Mo-Fr 08:00-12:00; PH off', fuseau_horaire = 'Indian/Reunion' where id = $1`,
      [id],
    );
    const { corps } = await delai(id, '2027-12-17T11:00:00Z');
    expect(corps).toMatchObject({
      timeZone: 'Indian/Reunion',
      receivedAt: '2027-12-17T15:00:00+04:00',
      dueAt: '2027-12-23T15:00:00+04:00',
    });
  });
});

describe('refusals', () => {
  it('answers 404 in problem+json for an unknown, malformed or closed site, or one of a closed structure', async () => {
    const ferme = await siteParis('Mo-Fr 09:00-17:00');
    await ctx.sql('update sites set actif = false where id = $1', [ferme]);
    const structureFermee = await creerStructure(ctx, '92');
    const siteDeStructureFermee = await creerSite(ctx, structureFermee);
    await ctx.sql('update structures set actif = false where id = $1', [structureFermee]);
    for (const id of [randomUUID(), 'pas-un-uuid', ferme, siteDeStructureFermee]) {
      const { r } = await delai(id, '2027-01-08T16:00:00+01:00');
      expect(r.statusCode, id).toBe(404);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json()).toMatchObject({
        status: 404,
        detail: 'Aucun lieu France services ouvert au public ne porte cet identifiant.',
      });
    }
  });

  const CAS: Array<[requete: string, extrait: RegExp]> = [
    ['recu=2027-01-08T16:00:00', /avec son décalage horaire ou Z/],
    ['recu=2027-01-08', /avec son décalage horaire ou Z/],
    ['recu=demain', /avec son décalage horaire ou Z/],
    ['recu=2027-02-30T10:00:00Z', /instant ISO 8601/],
    ['recu=2027-01-08T16:00:00%2B23:00', /entre -12:00 et \+14:00/],
    ['recu=1999-12-31T23:00:00Z', /entre le 2000-01-01 et le 20\d\d-12-31/],
    ['recu=9999-01-01T00:00:00Z', /entre le 2000-01-01 et le 20\d\d-12-31/],
    ['recu=', /est vide/],
    ['recu=2027-01-08T15:00:00Z&recu=2027-01-08T16:00:00Z', /ne peut apparaître qu’une fois/],
  ];
  for (const [requete, extrait] of CAS) {
    it(`refuses ?${requete} with a French 422`, async () => {
      const id = await idSite('France services de Sceaux');
      const r = await ctx.app.inject({ url: `/api/v1/sites/${id}/delai-reponse?${requete}` });
      expect(r.statusCode).toBe(422);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const p = r.json() as { detail: string; errors: Array<{ parameter: string }> };
      expect(p.detail).toMatch(extrait);
      expect(p.errors.map((e) => e.parameter)).toEqual(['recu']);
      expect(verifierSchema(p, schema('422'), document)).toEqual([]);
    });
  }
});

describe('documentation', () => {
  it('lists the path in the OpenAPI document and on the API page', async () => {
    expect(document.paths[CHEMIN]?.get?.operationId).toBe('getResponseDeadline');
    const page = await ctx.app.inject({ url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/api/v1/sites/{id}/delai-reponse');
  });
});
