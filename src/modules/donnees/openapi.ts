// The OpenAPI 3.1 description of the public API and of the open-data files, written by hand: it is the contract, and
// `test/api/openapi.test.ts` checks it against the routes Fastify registers and against real responses.
// Schemas are JSON Schema 2020-12 (OpenAPI 3.1), limited to the keywords that test's checker knows.

import { AGEN_TOURNEE_ID, composantsOpenApi } from './openapi-composants.ts';
import { cheminsContacts, PARAMETRES_CONTACTS, SCHEMAS_CONTACTS } from './openapi-contacts.ts';
import { cheminsRendezVous, PARAMETRES_RENDEZ_VOUS, SCHEMAS_RENDEZ_VOUS } from './openapi-rendez-vous.ts';
import { FENETRE_OUVERTURES_MAX_JOURS } from './validation.ts';

/** A JSON Schema, as far as this document uses it. */
export type Schema = { [mot: string]: unknown };

export interface ParametreOpenApi {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description: string;
  schema: Schema;
  example?: unknown;
}

export interface ReponseOpenApi {
  description: string;
  headers?: Record<string, { description: string; schema: Schema }>;
  content?: Record<string, { schema: Schema; example?: unknown }>;
}

export interface OperationOpenApi {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: Array<ParametreOpenApi | { $ref: string }>;
  /** The JSON body of a POST. */
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, ReponseOpenApi | { $ref: string }>;
  /** Path and query of a request whose answer is the 200 example (shown on /api/docs). */
  'x-example-request': string;
}

export interface DocumentOpenApi {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: Array<{ url: string }>;
  tags: Array<{ name: string; description: string }>;
  /** One operation per path and method: GET for reads, POST for the one write (a booking). */
  paths: Record<string, { get?: OperationOpenApi; post?: OperationOpenApi }>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, ParametreOpenApi>;
    responses: Record<string, ReponseOpenApi>;
  };
}

const ref = (nom: string) => ({ $ref: `#/components/schemas/${nom}` });

const ENTETES_CACHE = {
  'Cache-Control': { description: 'public, max-age=60', schema: { type: 'string' } },
  'Access-Control-Allow-Origin': { description: '`*`: any web page may read the answer.', schema: { type: 'string' } },
};

const SCEAUX_ID = '3f1c9a52-6d0e-4c8a-9b1e-2a7d5c4e8f10';

function exempleSite(url: string) {
  return {
    id: SCEAUX_ID,
    idFs: 2541,
    name: 'France services de Sceaux',
    kind: 'principal',
    structure: { id: '5a0d7c3e-1b2f-4e6a-8c9d-0f1e2d3c4b5a', name: 'France services de Sceaux' },
    address: '49 rue de Bagneux',
    addressComplement: 'Quartier des Blagis',
    postcode: '92330',
    commune: 'Sceaux',
    inseeCode: '92071',
    departement: '92',
    latitude: 48.778201,
    longitude: 2.284643,
    approximateLocation: false,
    phone: '0171224445',
    email: 'sceaux@france-services.gouv.fr',
    openingHours: 'Mo-We,Fr 09:30-12:30,14:30-17:30; Th 09:30-12:30; Sa 09:00-12:00; PH off',
    timeZone: 'Europe/Paris',
    partners: [
      'France Travail',
      'Assurance Maladie',
      'Assurance Retraite',
      'CAF',
      'MSA',
      'La Poste',
      'Finances publiques',
      'Intérieur – ANTS',
      'Justice',
    ],
    services: [],
    accessibility: 'Accès de plain-pied, accueil en rez-de-chaussée.',
    note: null,
    postOffice: true,
    labelDate: '2022-01-01',
    hoursPerWeek: 30,
    openDays: 6,
    compliant: true,
    stops: [],
    closures: [{ start: '2026-12-28', end: '2026-12-31', reason: 'Inventaire annuel' }],
    url: `${url}/lieux/${SCEAUX_ID}`,
    distanceKm: 0.003,
  };
}

/** The OpenAPI 3.1 document of the public API, with `url` (the public address) as its server. */
export function documentOpenApi(url: string): DocumentOpenApi {
  return {
    openapi: '3.1.0',
    info: {
      title: 'guichet – API publique du réseau France services',
      version: '1.0.0',
      description: [
        'Read-only access to the registry of France services sites: where they are, when they open, whether they meet',
        'the charter (at least 24 hours a week over at least 5 days). No key is needed. Every `/api/v1/` answer and every',
        'open-data file may be read from any web page (`Access-Control-Allow-Origin: *`, GET only) and may be cached for',
        'a minute (`Cache-Control: public, max-age=60`); the list reflects edits within that minute.',
        'Field names are English; error messages (`detail`) are French. Errors follow RFC 9457 (`application/problem+json`).',
      ].join(' '),
      license: { name: 'Licence Ouverte / Etalab 2.0', identifier: 'etalab-2.0' },
    },
    servers: [{ url }],
    tags: [
      { name: 'Sites', description: 'France services sites and their openings.' },
      { name: 'Appointments', description: 'Motifs bookable online, free slots, booking.' },
      { name: 'Contact', description: 'Messages written to a site: when the answer is due.' },
      { name: 'Open data', description: 'The whole registry as files, for bulk reuse.' },
      { name: 'Documentation', description: 'This description.' },
    ],
    paths: {
      '/api/v1/sites': {
        get: {
          operationId: 'listSites',
          summary: 'Search and list sites',
          description: [
            'Active sites, a page at a time, with `total` the number of matches. `q` keeps the sites where every word',
            'typed starts a word of the name, commune, postcode, département or structure (accents and case ignored; no',
            'geocoding: to search around an address, geocode it and pass `lat`/`lon`). With `lat` and `lon` the sites',
            'come nearest first, each with `distanceKm` (a tour: to its nearest stop; sites without position last, with',
            '`distanceKm: null`); otherwise by département, commune and name. `compliant` filters on the charter rule;',
            'sites whose hours are unknown (`compliant: null`) match neither `true` nor `false`. Unknown parameters are',
            'ignored. The `Link` header gives the first, last, next and previous pages.',
          ].join(' '),
          tags: ['Sites'],
          parameters: ['q', 'lat', 'lon', 'departement', 'compliant', 'limit', 'page'].map((p) => ({
            $ref: `#/components/parameters/${p}`,
          })),
          'x-example-request': '/api/v1/sites?lat=48.7782&lon=2.2846&limit=1',
          responses: {
            '200': {
              description: 'A page of sites.',
              headers: {
                ...ENTETES_CACHE,
                Link: { description: 'RFC 8288 links: `first`, `last`, `next`, `prev`.', schema: { type: 'string' } },
              },
              content: {
                'application/json': {
                  schema: ref('SitePage'),
                  example: { total: 14, page: 1, limit: 1, items: [exempleSite(url)] },
                },
              },
            },
            '400': { $ref: '#/components/responses/InvalidParameters' },
          },
        },
      },
      '/api/v1/sites/{id}/openings': {
        get: {
          operationId: 'listSiteOpenings',
          summary: 'Opening intervals of a site',
          description: [
            'The real openings of a site between two dates of its own calendar (both included, at most',
            `${FENETRE_OUVERTURES_MAX_JOURS} days; by default a week from today in the site's time zone). Public`,
            'holidays of its territory (Alsace-Moselle and overseas have their own) and announced exceptional closures',
            'are applied. Instants are ISO 8601 with the UTC offset of the site at that moment: daylight saving and',
            'overseas zones are already accounted for. For an itinerant service each interval carries the stop where',
            'it stands, on the ISO weeks that stop is served.',
          ].join(' '),
          tags: ['Sites'],
          parameters: ['id', 'from', 'to'].map((p) => ({ $ref: `#/components/parameters/${p}` })),
          'x-example-request': `/api/v1/sites/${AGEN_TOURNEE_ID}/openings?from=2026-12-07&to=2026-12-09`,
          responses: {
            '200': {
              description: 'The openings in the window, with the closures and public holidays that fall in it.',
              headers: ENTETES_CACHE,
              content: {
                'application/json': {
                  schema: ref('Openings'),
                  example: {
                    siteId: AGEN_TOURNEE_ID,
                    name: 'Permanences itinérantes d’Agen',
                    timeZone: 'Europe/Paris',
                    from: '2026-12-07',
                    to: '2026-12-09',
                    intervals: [
                      {
                        start: '2026-12-08T09:00:00+01:00',
                        end: '2026-12-08T12:00:00+01:00',
                        stop: {
                          name: 'Mairie de Pont-du-Casse',
                          commune: 'Pont-du-Casse',
                          latitude: 44.2297,
                          longitude: 0.6786,
                        },
                      },
                      {
                        start: '2026-12-09T09:00:00+01:00',
                        end: '2026-12-09T12:00:00+01:00',
                        stop: {
                          name: 'Mairie de Foulayronnes',
                          commune: 'Foulayronnes',
                          latitude: 44.2426,
                          longitude: 0.6436,
                        },
                      },
                    ],
                    closures: [],
                    holidays: [],
                  },
                },
              },
            },
            '400': { $ref: '#/components/responses/InvalidParameters' },
            '404': { $ref: '#/components/responses/NotFound' },
          },
        },
      },
      ...cheminsRendezVous(url),
      ...cheminsContacts(url),
      '/api/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This OpenAPI description',
          description: 'The OpenAPI 3.1 document of this API, also shown as a page at `/api/docs`.',
          tags: ['Documentation'],
          'x-example-request': '/api/openapi.json',
          responses: {
            '200': {
              description: 'OpenAPI 3.1 document.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      '/donnees/france-services.csv': {
        get: {
          operationId: 'getRegistryCsv',
          summary: 'Registry in the ANCT national list format (CSV)',
          description: [
            'Every active site as a row of the ANCT\'s "Liste des structures labellisées France services" (same 23',
            'columns, same order, UTF-8, comma-separated): re-importing it yields the same registry.',
          ].join(' '),
          tags: ['Open data'],
          'x-example-request': '/donnees/france-services.csv',
          responses: {
            '200': {
              description: 'CSV file (RFC 4180).',
              content: {
                'text/csv': {
                  schema: { type: 'string' },
                  example:
                    'id_fs,insee_dep,lib_fs,adresse,complement_adresse,insee_com,code_postal,lib_com,latitude,longitude,mail,telephone,h_lundi,h_mardi,h_mercredi,h_jeudi,h_vendredi,h_samedi,commentaire,itinerance,format_fs,groupe,labellisation\n',
                },
              },
            },
          },
        },
      },
      '/donnees/france-services.geojson': {
        get: {
          operationId: 'getRegistryGeoJson',
          summary: 'Registry as GeoJSON',
          description:
            'A FeatureCollection of points (WGS 84, [longitude, latitude]), one per positioned site, with the stops of each tour in its properties.',
          tags: ['Open data'],
          'x-example-request': '/donnees/france-services.geojson',
          responses: {
            '200': {
              description: 'GeoJSON (RFC 7946).',
              content: {
                'application/geo+json': {
                  schema: {
                    type: 'object',
                    required: ['type', 'features'],
                    properties: { type: { enum: ['FeatureCollection'] }, features: { type: 'array' } },
                  },
                  example: { type: 'FeatureCollection', features: [] },
                },
              },
            },
          },
        },
      },
      '/donnees/lieux-mediation-numerique.csv': {
        get: {
          operationId: 'getMediationPlacesCsv',
          summary: 'Sites as digital mediation places (national standard, CSV)',
          description:
            'The 32 columns of the national data standard for digital mediation places (schema v1.0.2): one row per fixed site, one per stop of a tour.',
          tags: ['Open data'],
          'x-example-request': '/donnees/lieux-mediation-numerique.csv',
          responses: {
            '200': {
              description: 'CSV file (RFC 4180).',
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
          },
        },
      },
    },
    components: (() => {
      const c = composantsOpenApi();
      return {
        schemas: { ...c.schemas, ...SCHEMAS_RENDEZ_VOUS, ...SCHEMAS_CONTACTS },
        parameters: { ...c.parameters, ...PARAMETRES_RENDEZ_VOUS, ...PARAMETRES_CONTACTS },
        responses: c.responses,
      };
    })(),
  };
}
