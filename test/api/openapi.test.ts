import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentOpenApi, ReponseOpenApi, Schema } from '../../src/modules/donnees/openapi.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { verifierSchema } from './schema.ts';

// The OpenAPI document is written by hand: these tests keep it true to the routes and to the real answers.

let ctx: Contexte;
let document: DocumentOpenApi;
beforeAll(async () => {
  ctx = await demarrerApp();
  const r = await ctx.app.inject({ url: '/api/openapi.json' });
  expect(r.statusCode).toBe(200);
  document = r.json() as DocumentOpenApi;
});
afterAll(() => ctx.fermer());

function resoudre<T>(valeur: T | { $ref: string }): T {
  if (valeur && typeof valeur === 'object' && '$ref' in valeur) {
    let cible: unknown = document;
    for (const etape of valeur.$ref.replace(/^#\//, '').split('/')) cible = (cible as Record<string, unknown>)[etape];
    if (!cible) throw new Error(`unresolved ${valeur.$ref}`);
    return cible as T;
  }
  return valeur as T;
}

/** The schema of a documented answer: path, status, media type (and method, GET by default). */
function schemaDe(
  chemin: string,
  statut: string,
  methode: 'get' | 'post' = 'get',
): { schema: Schema; example?: unknown } {
  const op = document.paths[chemin]?.[methode];
  if (!op) throw new Error(`${chemin} not documented`);
  const reponse = resoudre<ReponseOpenApi>(op.responses[statut] as ReponseOpenApi);
  const [contenu] = Object.values(reponse.content ?? {});
  if (!contenu) throw new Error(`${chemin} ${statut} has no content`);
  return contenu;
}

function valide(valeur: unknown, schema: Schema) {
  return verifierSchema(valeur, schema, document);
}

async function json(url: string) {
  const r = await ctx.app.inject({ url });
  return { statut: r.statusCode, corps: r.json() as unknown };
}

async function idSite(nom: string) {
  const [r] = await ctx.sql<{ id: string }>('select id from sites where nom = $1', [nom]);
  return r?.id as string;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the public address as server', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'http://guichet.test' }]);
  });

  it('describes every /api/v1 route Fastify serves, and only those', () => {
    const enOpenApi = (url: string) => url.replace(/:(\w+)/g, '{$1}');
    const servies = ctx.app.routesDeclarees
      .filter((r) => r.url.startsWith('/api/v1/') || r.url.startsWith('/donnees/'))
      .map((r) => `${r.method} ${enOpenApi(r.url)}`)
      .sort();
    const decrites = Object.entries(document.paths)
      .filter(([chemin]) => chemin.startsWith('/api/v1/') || chemin.startsWith('/donnees/'))
      .flatMap(([chemin, p]) => Object.keys(p).map((m) => `${m.toUpperCase()} ${chemin}`))
      .sort();
    expect(decrites).toEqual(servies);
    expect(servies).toContain('GET /api/v1/sites/{id}/openings');
    expect(servies).toContain('POST /api/v1/rendez-vous');
    // Every other documented path is served as well, with its documented methods.
    for (const [chemin, p] of Object.entries(document.paths)) {
      for (const methode of Object.keys(p)) {
        expect(
          ctx.app.routesDeclarees.some((r) => enOpenApi(r.url) === chemin && r.method === methode.toUpperCase()),
          `${methode} ${chemin}`,
        ).toBe(true);
      }
    }
  });

  it('declares each path parameter, and resolves every reference', () => {
    for (const [chemin, p] of Object.entries(document.paths)) {
      const attendus = [...chemin.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(p)) {
        const declares = (op.parameters ?? []).map((x) => resoudre(x)).filter((x) => x.in === 'path');
        expect(
          declares.map((x) => x.name),
          chemin,
        ).toEqual(attendus);
        expect(declares.every((x) => x.required)).toBe(true);
      }
    }
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) expect(() => resoudre({ $ref: ref }), ref).not.toThrow();
  });

  it('has examples that match their own schemas', () => {
    const exemples: Array<[string, unknown, Schema]> = [];
    for (const [chemin, p] of Object.entries(document.paths)) {
      for (const [statut, r] of Object.values(p).flatMap((op) => Object.entries(op.responses))) {
        for (const [type, c] of Object.entries(resoudre<ReponseOpenApi>(r).content ?? {})) {
          if (c.example !== undefined && type.includes('json'))
            exemples.push([`${chemin} ${statut}`, c.example, c.schema]);
        }
      }
    }
    expect(exemples.length).toBeGreaterThanOrEqual(5);
    for (const [nom, exemple, schema] of exemples) expect(valide(exemple, schema), nom).toEqual([]);
  });
});

describe('real answers match the documented schemas', () => {
  it('GET /api/v1/sites, plain, sorted from a position, filtered', async () => {
    const { schema } = schemaDe('/api/v1/sites', '200');
    for (const url of [
      '/api/v1/sites?limit=100',
      '/api/v1/sites?lat=48.7782&lon=2.2846&limit=100',
      '/api/v1/sites?q=agen&compliant=false',
      '/api/v1/sites?page=9',
    ]) {
      const { statut, corps } = await json(url);
      expect(statut, url).toBe(200);
      expect(valide(corps, schema), url).toEqual([]);
    }
  });

  it('GET /api/v1/sites/{id}/openings, fixed site with a closure and holiday, and a tour', async () => {
    const { schema } = schemaDe('/api/v1/sites/{id}/openings', '200');
    const sceaux = await idSite('France services de Sceaux');
    await ctx.sql(
      `insert into fermetures (site_id, debut, fin, motif) values ($1, '2026-12-28', '2026-12-29', 'Travaux')`,
      [sceaux],
    );
    for (const url of [
      `/api/v1/sites/${sceaux}/openings?from=2026-12-21&to=2026-12-31`,
      `/api/v1/sites/${await idSite('Permanences itinérantes d’Agen')}/openings?from=2026-12-07&to=2026-12-20`,
    ]) {
      const { statut, corps } = await json(url);
      expect(statut, url).toBe(200);
      expect(valide(corps, schema), url).toEqual([]);
    }
  });

  it('appointments: motifs, slots, a booking (201), the same slot again (409), bad input (422), its calendar', async () => {
    const sceaux = await idSite('France services de Sceaux');
    const motifs = await json(`/api/v1/sites/${sceaux}/motifs`);
    expect(motifs.statut).toBe(200);
    expect(valide(motifs.corps, schemaDe('/api/v1/sites/{id}/motifs', '200').schema)).toEqual([]);
    const items = (motifs.corps as { items: Array<{ id: string; name: string }> }).items;
    expect(items.map((m) => m.name)).toContain('Aide à la déclaration de revenus');
    const motif = items.find((m) => m.name === 'Aide à la déclaration de revenus')?.id as string;

    // The first day with slots within three weeks (the demo agents work on weekdays and Saturday).
    const du = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const au = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const slots = await json(`/api/v1/sites/${sceaux}/disponibilites?motif=${motif}&from=${du}&to=${au}`);
    expect(slots.statut).toBe(200);
    expect(valide(slots.corps, schemaDe('/api/v1/sites/{id}/disponibilites', '200').schema)).toEqual([]);
    const start = (slots.corps as { slots: Array<{ start: string }> }).slots[0]?.start as string;
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/);

    const reserver = (corps: unknown) =>
      ctx.app.inject({ method: 'POST', url: '/api/v1/rendez-vous', payload: corps as Record<string, unknown> });
    const corps = { motif, start, name: 'Jeanne Martin', email: 'jeanne.martin@exemple.fr', consent: true };
    const cree = await reserver(corps);
    expect(cree.statusCode).toBe(201);
    expect(valide(cree.json(), schemaDe('/api/v1/rendez-vous', '201', 'post').schema)).toEqual([]);
    // Sceaux has two agents: the slot is taken once each has it.
    let pris = await reserver({ ...corps, email: 'autre.personne@exemple.fr' });
    if (pris.statusCode === 201) pris = await reserver({ ...corps, email: 'troisieme.personne@exemple.fr' });
    expect(pris.statusCode).toBe(409);
    expect(valide(pris.json(), schemaDe('/api/v1/rendez-vous', '409', 'post').schema)).toEqual([]);
    const invalide = await reserver({ motif, start, name: '', consent: false });
    expect(invalide.statusCode).toBe(422);
    expect(valide(invalide.json(), schemaDe('/api/v1/rendez-vous', '422', 'post').schema)).toEqual([]);

    const ics = await ctx.app.inject({ url: new URL(cree.json().icsUrl as string).pathname });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.body).toContain(`UID:${cree.json().id}@guichet`);
  });

  it('problems: 400 with errors, 404', async () => {
    const invalide = await json('/api/v1/sites?lat=1000');
    expect(invalide.statut).toBe(400);
    expect(valide(invalide.corps, schemaDe('/api/v1/sites', '400').schema)).toEqual([]);
    const introuvable = await json('/api/v1/sites/00000000-0000-4000-8000-000000000000/openings');
    expect(introuvable.statut).toBe(404);
    expect(valide(introuvable.corps, schemaDe('/api/v1/sites/{id}/openings', '404').schema)).toEqual([]);
  });

  it('the checker itself rejects what the schemas forbid', () => {
    const { schema } = schemaDe('/api/v1/sites', '200');
    const exemple = structuredClone(schemaDe('/api/v1/sites', '200').example) as {
      items: Array<Record<string, unknown>>;
    };
    const site = exemple.items[0] as Record<string, unknown>;
    site.compliant = 'yes';
    site.extra = 1;
    delete site.name;
    site.labelDate = '2022-13-01';
    expect(valide(exemple, schema)).toEqual([
      '$.items[0]: missing name',
      '$.items[0].labelDate: "2022-13-01" is not a date',
      '$.items[0].compliant: expected boolean|null, got string',
      '$.items[0]: unexpected property extra',
    ]);
  });
});

describe('GET /api/docs', () => {
  it('lists every endpoint with its parameters, an example request and an example response', async () => {
    const r = await ctx.app.inject({ url: '/api/docs' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    const html = r.body;
    const texte = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(texte).toContain('API publique du réseau France services');
    for (const [chemin, p] of Object.entries(document.paths)) {
      for (const methode of Object.keys(p)) expect(texte).toContain(`${methode.toUpperCase()} ${chemin}`);
    }
    for (const p of ['q', 'lat', 'lon', 'departement', 'compliant', 'limit', 'page', 'from', 'to']) {
      expect(html).toContain(`<th scope="row"><code>${p}</code>`);
    }
    expect(texte).toContain('GET http://guichet.test/api/v1/sites?lat=48.7782&amp;lon=2.2846&amp;limit=1');
    expect(texte).toContain('&quot;hoursPerWeek&quot;: 30');
    expect(texte).toContain('&quot;stop&quot;: {');
    expect(texte).toContain('Champs de Site');
    // No script but the DSFR's own files (the CSP allows no inline script anyway).
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.every((s) => /src="\/dsfr\//.test(s))).toBe(true);
    // Every in-page link has its target, and ids are unique.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, ancre] of html.matchAll(/href="#([^"]+)"/g)) expect(ids, ancre).toContain(ancre);
    for (const [, cible] of html.matchAll(/aria-labelledby="([^"]+)"/g)) expect(ids, cible).toContain(cible);
  });
});
