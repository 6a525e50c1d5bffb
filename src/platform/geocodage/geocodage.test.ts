import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The test wires the real commune index, as the search route does.
import { rechercherCommunes } from '../../modules/annuaire/index.ts';
import { creerGeocodeur, GeocodeurGeoplateforme, GeocodeurLocal } from './index.ts';

// A hand-written answer in the shape documented for `GET https://data.geopf.fr/geocodage/search?q=…&limit=…`
// (index "address", the Base Adresse Nationale): a GeoJSON FeatureCollection, coordinates as [longitude, latitude].
const REPONSE_SCEAUX = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [2.296917, 48.778372] },
      properties: {
        label: '122 Rue Houdan 92330 Sceaux',
        score: 0.9713254545454545,
        housenumber: '122',
        id: '92071_0420_00122',
        banId: '5a7ee5a1-7c9b-4c8e-9d7e-1f0d1b3e5c42',
        name: '122 Rue Houdan',
        postcode: '92330',
        citycode: '92071',
        x: 647823.41,
        y: 6855379.05,
        city: 'Sceaux',
        context: '92, Hauts-de-Seine, Île-de-France',
        type: 'housenumber',
        importance: 0.68456,
        street: 'Rue Houdan',
        _type: 'address',
      },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [2.295011, 48.777531] },
      properties: {
        label: 'Rue Houdan 92330 Sceaux',
        score: 0.8712,
        id: '92071_0420',
        name: 'Rue Houdan',
        postcode: '92330',
        citycode: '92071',
        x: 647684.2,
        y: 6855286.3,
        city: 'Sceaux',
        context: '92, Hauts-de-Seine, Île-de-France',
        type: 'street',
        importance: 0.6512,
        street: 'Rue Houdan',
        _type: 'address',
      },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [2.290084, 48.776049] },
      properties: {
        label: 'Sceaux',
        score: 0.6231,
        id: '92071',
        name: 'Sceaux',
        postcode: '92330',
        citycode: '92071',
        x: 647330.0,
        y: 6855130.0,
        city: 'Sceaux',
        context: '92, Hauts-de-Seine, Île-de-France',
        type: 'municipality',
        importance: 0.5812,
        population: 20488,
        _type: 'address',
      },
    },
    // Broken entries a defensive client must skip.
    { type: 'Feature', geometry: { type: 'Point', coordinates: [] }, properties: { label: 'Sans position' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [2.3, 48.8] }, properties: {} },
  ],
  query: '122 rue houdan sceaux',
};

type Comportement = (req: IncomingMessage, res: ServerResponse) => void;

let serveur: Server;
let base: string;
let comportement: Comportement;
const requetes: URL[] = [];

beforeAll(async () => {
  serveur = createServer((req, res) => {
    requetes.push(new URL(req.url ?? '/', 'http://localhost'));
    comportement(req, res);
  });
  serveur.listen(0, '127.0.0.1');
  await once(serveur, 'listening');
  base = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}/geocodage`;
});

afterEach(() => {
  requetes.length = 0;
});

afterAll(async () => {
  serveur.closeAllConnections();
  serveur.close();
  await once(serveur, 'close');
});

const json =
  (corps: unknown, statut = 200): Comportement =>
  (_req, res) => {
    res.writeHead(statut, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(corps));
  };

function geoplateforme(replis: string[] = [], delaiMs = 2000) {
  return new GeocodeurGeoplateforme({
    url: base,
    delaiMs,
    secours: new GeocodeurLocal(rechercherCommunes),
    surRepli: (r) => replis.push(r),
  });
}

describe('local geocoder', () => {
  it('finds a commune by name, postcode or address, at its centre', async () => {
    const g = new GeocodeurLocal(rechercherCommunes);
    const [sceaux] = await g.rechercher('sceaux');
    expect(sceaux).toMatchObject({ libelle: 'Sceaux (92330)', codeInsee: '92071', precision: 'commune' });
    expect(sceaux?.latitude).toBeCloseTo(48.78, 1);
    expect((await g.rechercher('92330'))[0]?.codeInsee).toBe('92071');
    expect((await g.rechercher('12 rue de la Paix 75002 Paris'))[0]?.libelle).toBe('Paris 2e Arrondissement (75002)');
    expect(await g.rechercher('zzzz introuvable')).toEqual([]);
  });

  it('respects the limit', async () => {
    expect(await new GeocodeurLocal(rechercherCommunes).rechercher('saint', 3)).toHaveLength(3);
  });
});

describe('Géoplateforme geocoder', () => {
  it('asks /search with q and limit and maps labels, INSEE codes, precision and [lon, lat] coordinates', async () => {
    comportement = json(REPONSE_SCEAUX);
    const replis: string[] = [];
    const positions = await geoplateforme(replis).rechercher('  122 rue   Houdan Sceaux ', 5);

    expect(requetes).toHaveLength(1);
    expect(requetes[0]?.pathname).toBe('/geocodage/search');
    expect(requetes[0]?.searchParams.get('q')).toBe('122 rue Houdan Sceaux');
    expect(requetes[0]?.searchParams.get('limit')).toBe('5');
    expect(positions).toEqual([
      {
        libelle: '122 Rue Houdan 92330 Sceaux',
        latitude: 48.778372,
        longitude: 2.296917,
        codeInsee: '92071',
        precision: 'adresse',
      },
      {
        libelle: 'Rue Houdan 92330 Sceaux',
        latitude: 48.777531,
        longitude: 2.295011,
        codeInsee: '92071',
        precision: 'adresse',
      },
      { libelle: 'Sceaux', latitude: 48.776049, longitude: 2.290084, codeInsee: '92071', precision: 'commune' },
    ]);
    expect(replis).toEqual([]);
  });

  it('falls back to the local index when the service does not answer in time', async () => {
    comportement = () => {}; // never answers
    const replis: string[] = [];
    const positions = await geoplateforme(replis, 150).rechercher('Sceaux');
    expect(positions[0]).toMatchObject({ libelle: 'Sceaux (92330)', codeInsee: '92071', precision: 'commune' });
    expect(replis).toHaveLength(1);
    expect(replis[0]).toMatch(/timeout|abort/i);
  });

  it('falls back to the local index on an HTTP error, a body that is not GeoJSON, or no answer', async () => {
    for (const c of [
      json({ code: 500, message: 'Internal error' }, 500),
      (_req: IncomingMessage, res: ServerResponse) => res.end('<html>maintenance</html>'),
      json({ type: 'FeatureCollection', features: [] }),
    ]) {
      comportement = c;
      const replis: string[] = [];
      const positions = await geoplateforme(replis).rechercher('92330 Sceaux');
      expect(positions[0]?.codeInsee).toBe('92071');
      expect(replis).toHaveLength(1);
    }
  });

  it('falls back to the local index when the service is unreachable', async () => {
    const ferme = createServer();
    ferme.listen(0, '127.0.0.1');
    await once(ferme, 'listening');
    const port = (ferme.address() as AddressInfo).port;
    ferme.close();
    await once(ferme, 'close');
    const replis: string[] = [];
    const g = new GeocodeurGeoplateforme({
      url: `http://127.0.0.1:${port}/geocodage`,
      secours: new GeocodeurLocal(rechercherCommunes),
      surRepli: (r) => replis.push(r),
    });
    expect((await g.rechercher('Agen'))[0]).toMatchObject({ codeInsee: '47001', precision: 'commune' });
    expect(replis).toHaveLength(1);
  });

  it('does not send texts shorter than the service accepts, and answers them locally', async () => {
    comportement = json(REPONSE_SCEAUX);
    const positions = await geoplateforme().rechercher('92');
    expect(requetes).toHaveLength(0);
    expect(positions.length).toBeGreaterThan(0);
    expect(positions.every((p) => p.codeInsee?.startsWith('92'))).toBe(true);
  });
});

describe('creerGeocodeur', () => {
  it('builds the configured geocoder, local by default, and refuses an unknown name', () => {
    expect(creerGeocodeur(rechercherCommunes, 'local').nom).toBe('local');
    expect(creerGeocodeur(rechercherCommunes, 'geoplateforme').nom).toBe('geoplateforme');
    const avant = process.env.GEOCODEUR;
    try {
      delete process.env.GEOCODEUR;
      expect(creerGeocodeur(rechercherCommunes).nom).toBe('local');
      process.env.GEOCODEUR = 'geoplateforme';
      expect(creerGeocodeur(rechercherCommunes).nom).toBe('geoplateforme');
    } finally {
      if (avant === undefined) delete process.env.GEOCODEUR;
      else process.env.GEOCODEUR = avant;
    }
    expect(() => creerGeocodeur(rechercherCommunes, 'google')).toThrow(/Unknown geocoder/);
  });
});
