import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contexte, demarrerApp } from '../harnais.ts';

// GET /api/v1/sites on the demo network: 14 active sites (Sceaux 92, Rouen 76, 10 district town halls of
// Aix-en-Provence 13 without hours nor position, Agen 47: Léon Blum and an itinerant service with 4 stops).

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

interface Item {
  id: string;
  name: string;
  kind: string;
  departement: string;
  hoursPerWeek: number | null;
  openDays: number | null;
  compliant: boolean | null;
  distanceKm?: number | null;
  stops: Array<{ name: string; commune: string; weeks: string }>;
  url: string;
}
interface PageSites {
  total: number;
  page: number;
  limit: number;
  items: Item[];
}

async function lister(requete = '') {
  const r = await ctx.app.inject({ url: `/api/v1/sites${requete}` });
  return { r, corps: r.json() as PageSites };
}

const noms = (p: PageSites) => p.items.map((i) => i.name);

describe('GET /api/v1/sites', () => {
  it('pages through every active site with a total and Link headers', async () => {
    const { r, corps } = await lister();
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(corps).toMatchObject({ total: 14, page: 1, limit: 20 });
    expect(corps.items).toHaveLength(14);

    const pages = await Promise.all([1, 2, 3, 4].map((n) => lister(`?limit=5&page=${n}`)));
    expect(pages.map((p) => p.corps.items.length)).toEqual([5, 5, 4, 0]);
    expect(pages.every((p) => p.corps.total === 14)).toBe(true);
    const ids = pages.flatMap((p) => p.corps.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(14);
    expect(ids.sort()).toEqual(corps.items.map((i) => i.id).sort());

    const lien = String(pages[1]?.r.headers.link);
    expect(lien).toContain('<http://guichet.test/api/v1/sites?limit=5&page=3>; rel="next"');
    expect(lien).toContain('<http://guichet.test/api/v1/sites?limit=5&page=1>; rel="prev"');
    expect(lien).toContain('<http://guichet.test/api/v1/sites?limit=5&page=3>; rel="last"');
    expect(String(pages[2]?.r.headers.link)).not.toContain('rel="next"');
  });

  it('sorts nearest first from a position, tours by their nearest stop, sites without position last', async () => {
    const { corps } = await lister('?lat=48.778201&lon=2.284643&limit=100');
    expect(corps.items[0]?.name).toBe('France services de Sceaux');
    expect(corps.items[0]?.distanceKm).toBeLessThan(0.01);
    expect(corps.items[1]?.name).toBe('Maison du Plateau');
    const distances = corps.items.map((i) => i.distanceKm);
    const positionnees = distances.filter((d): d is number => typeof d === 'number');
    expect(positionnees).toEqual([...positionnees].sort((a, b) => a - b));
    expect(positionnees).toHaveLength(4);
    // The 10 Aix district town halls have no position: listed after the others, distance unknown.
    expect(distances.slice(4)).toEqual(Array(10).fill(null));

    // From the stop at Pont-du-Casse, the tour is nearer than the Agen site it is attached to.
    const { corps: agen } = await lister('?lat=44.2297&lon=0.6786&limit=2');
    expect(noms(agen)).toEqual(['Permanences itinérantes d’Agen', 'France services Agen Léon Blum']);
    expect(agen.items[0]?.distanceKm).toBe(0);
    expect(agen.total).toBe(14);
  });

  it('pages a sorted list the same way, and keeps the position in the Link header', async () => {
    const { corps: tout } = await lister('?lat=44.2297&lon=0.6786&limit=100');
    const { r, corps } = await lister('?lat=44.2297&lon=0.6786&limit=3&page=2');
    expect(corps.items.map((i) => i.id)).toEqual(tout.items.slice(3, 6).map((i) => i.id));
    expect(String(r.headers.link)).toContain('?lat=44.2297&lon=0.6786&limit=3&page=3>; rel="next"');
  });

  it('gives each site its typical week and its compliance with the 24 h / 5 days rule', async () => {
    const { corps } = await lister('?limit=100');
    const par = (nom: string) => corps.items.find((i) => i.name === nom);
    expect(par('Maison du Plateau')).toMatchObject({ hoursPerWeek: 29, openDays: 5, compliant: true });
    expect(par('France services de Sceaux')).toMatchObject({ hoursPerWeek: 30, openDays: 6, compliant: true });
    expect(par('France services Agen Léon Blum')).toMatchObject({ hoursPerWeek: 32.5, openDays: 6, compliant: true });
    // Four 3-hour permanences a week: 12 h over 4 days.
    expect(par('Permanences itinérantes d’Agen')).toMatchObject({
      kind: 'itinerant',
      hoursPerWeek: 12,
      openDays: 4,
      compliant: false,
    });
    expect(par('Mairie de quartier de Puyricard')).toMatchObject({
      hoursPerWeek: null,
      openDays: null,
      compliant: null,
    });
    const tournee = par('Permanences itinérantes d’Agen');
    expect(tournee?.stops.map((s) => s.commune)).toEqual(['Pont-du-Casse', 'Foulayronnes', 'Agen', 'Agen']);
    expect(tournee?.stops[0]).toMatchObject({ name: 'Mairie de Pont-du-Casse', weeks: 'all' });
    expect(tournee?.url).toBe(`http://guichet.test/lieux/${tournee?.id}`);
  });

  it('filters on compliance: sites with unknown hours are neither compliant nor non-compliant', async () => {
    const { corps: non } = await lister('?compliant=false');
    expect(non.total).toBe(1);
    expect(noms(non)).toEqual(['Permanences itinérantes d’Agen']);
    const { corps: oui } = await lister('?compliant=true');
    expect(noms(oui).sort()).toEqual([
      'France services Agen Léon Blum',
      'France services de Sceaux',
      'Maison du Plateau',
    ]);
    expect(oui.items.every((i) => i.compliant === true)).toBe(true);
    // The 10 Aix sites (no hours) are in neither list.
    expect(non.total + oui.total).toBe(4);
  });

  it('finds sites by name, commune, postcode, département or a stop’s commune, accents and case aside', async () => {
    expect(noms((await lister('?q=SCEAUX')).corps)).toEqual(['France services de Sceaux']);
    expect((await lister('?q=aix-en-provence')).corps.total).toBe(10);
    expect((await lister('?q=13090')).corps.total).toBe(5);
    expect(noms((await lister('?q=pont%20du%20casse')).corps)).toEqual(['Permanences itinérantes d’Agen']);
    // The structure's name counts too: the tour belongs to the Léon Blum structure.
    expect(noms((await lister('?q=leon%20blum')).corps)).toEqual([
      'France services Agen Léon Blum',
      'Permanences itinérantes d’Agen',
    ]);
    expect(noms((await lister('?q=Encagnane')).corps)).toEqual(['Mairie de quartier d’Encagnane-Corsy']);
    expect((await lister('?q=introuvable')).corps).toMatchObject({ total: 0, items: [] });
    // Filters combine, and a search can be sorted from a position.
    expect((await lister('?q=agen&departement=47&compliant=false')).corps.total).toBe(1);
    expect(noms((await lister('?departement=47&lat=44.2426&lon=0.6436')).corps)).toEqual([
      'Permanences itinérantes d’Agen',
      'France services Agen Léon Blum',
    ]);
    expect((await lister('?departement=2A')).corps.total).toBe(0);
  });

  it('shows an edit once the registry is reloaded', async () => {
    const { oublierRegistreApi } = await import('../../src/modules/donnees/api-service.ts');
    await ctx.sql(`update sites set horaires = 'Mo-Fr 09:00-12:00; PH off' where nom = 'Maison du Plateau'`);
    oublierRegistreApi(ctx.database.db);
    const { corps } = await lister('?q=plateau');
    expect(corps.items[0]).toMatchObject({ hoursPerWeek: 15, openDays: 5, compliant: false });
    await ctx.sql(
      `update sites set horaires = 'Mo,We-Fr 09:00-12:00,13:30-17:00; Tu 09:00-12:00; PH off' where nom = 'Maison du Plateau'`,
    );
    oublierRegistreApi(ctx.database.db);
  });
});

describe('GET /api/v1/sites with bad parameters', () => {
  const CAS: Array<[requete: string, parametres: string[], extrait: RegExp]> = [
    ['?lat=48.7', ['lon'], /vont ensemble/],
    ['?lon=2.28', ['lat'], /vont ensemble/],
    ['?lat=91&lon=2', ['lat'], /latitude \(lat\) doit être un nombre entre -90 et 90/],
    ['?lat=48&lon=-181', ['lon'], /longitude \(lon\) doit être un nombre entre -180 et 180/],
    ['?lat=abc&lon=2', ['lat'], /latitude/],
    ['?lat=&lon=2', ['lat'], /latitude/],
    ['?lat=1e2&lon=2', ['lat'], /latitude/],
    ['?limit=101', ['limit'], /entier entre 1 et 100/],
    ['?limit=0', ['limit'], /entier entre 1 et 100/],
    ['?limit=2.5', ['limit'], /entier entre 1 et 100/],
    ['?page=0', ['page'], /la première page est 1/],
    ['?page=deux', ['page'], /numéro de page/],
    ['?page=-1', ['page'], /numéro de page/],
    ['?compliant=oui', ['compliant'], /vaut true ou false/],
    ['?compliant=', ['compliant'], /vaut true ou false/],
    ['?departement=999', ['departement'], /code officiel/],
    [`?q=${'a'.repeat(201)}`, ['q'], /200 caractères au plus/],
    ['?limit=5&limit=6', ['limit'], /ne peut apparaître qu’une fois/],
    ['?limit=500&page=0&compliant=peut-etre', ['compliant', 'limit', 'page'], /limit/],
  ];
  for (const [requete, parametres, extrait] of CAS) {
    it(`refuses ${requete.slice(0, 40)} with a French problem+json`, async () => {
      const r = await ctx.app.inject({ url: `/api/v1/sites${requete}` });
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const p = r.json() as { title: string; status: number; detail: string; errors: Array<{ parameter: string }> };
      expect(p).toMatchObject({ type: 'about:blank', title: 'Requête invalide', status: 400 });
      expect(p.detail).toMatch(extrait);
      expect(p.errors.map((e) => e.parameter).sort()).toEqual(parametres);
    });
  }
});

describe('cross-origin reading and caching', () => {
  it('lets any origin GET the API and the open data, cached a minute, without cookies', async () => {
    for (const url of ['/api/v1/sites', '/api/v1/sites?limit=0', '/donnees/france-services.csv']) {
      const r = await ctx.app.inject({ url, headers: { origin: 'https://exemple.fr' } });
      expect(r.headers['access-control-allow-origin'], url).toBe('*');
      expect(r.headers['set-cookie'], url).toBeUndefined();
    }
    const r = await ctx.app.inject({ url: '/api/v1/sites' });
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.headers['access-control-expose-headers']).toBe('Link');
  });

  it('allows nothing else: no other path, no preflight, no other method', async () => {
    for (const url of ['/api/openapi.json', '/api/docs', '/recherche', '/connexion']) {
      const r = await ctx.app.inject({ url, headers: { origin: 'https://exemple.fr' } });
      expect(r.headers['access-control-allow-origin'], url).toBeUndefined();
    }
    const preflight = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/sites',
      headers: { origin: 'https://exemple.fr', 'access-control-request-method': 'DELETE' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    const post = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: { origin: 'https://exemple.fr' },
    });
    expect(post.statusCode).toBeGreaterThanOrEqual(400);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
  });
});
