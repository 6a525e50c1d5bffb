// Components of the OpenAPI document (parameters, error responses, schemas), kept apart from the paths in
// `openapi.ts`. JSON Schema 2020-12, limited to the keywords `test/api/schema.ts` checks.

import type { DocumentOpenApi, Schema } from './openapi.ts';
import { FENETRE_OUVERTURES_MAX_JOURS, LIMITE_MAX, LIMITE_PAR_DEFAUT, PAGE_MAX } from './validation.ts';

/** The id used in the examples for the Agen tour (ids are random per database). */
export const AGEN_TOURNEE_ID = '8b2e4d61-0c3f-4a7e-b5d9-6e1f2a3c4b70';

const ref = (nom: string) => ({ $ref: `#/components/schemas/${nom}` });
const chaine = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const ouNull = (type: string, description: string, extra: Schema = {}): Schema => ({
  type: [type, 'null'],
  description,
  ...extra,
});
const objet = (properties: Record<string, Schema>, optionnels: string[] = [], description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optionnels.includes(k)),
  properties,
});

/** Reusable parameters, error responses and schemas. */
export function composantsOpenApi(): DocumentOpenApi['components'] {
  return {
    parameters: {
      q: {
        name: 'q',
        in: 'query',
        description:
          'Words to find in the name, commune, postcode, département or structure; every word must start a word there (at most 200 characters).',
        schema: { type: 'string', maxLength: 200 },
        example: 'sceaux',
      },
      lat: {
        name: 'lat',
        in: 'query',
        description: 'Latitude (WGS 84) to sort from, nearest first; requires `lon`.',
        schema: { type: 'number', minimum: -90, maximum: 90 },
        example: 48.7782,
      },
      lon: {
        name: 'lon',
        in: 'query',
        description: 'Longitude (WGS 84) to sort from; requires `lat`.',
        schema: { type: 'number', minimum: -180, maximum: 180 },
        example: 2.2846,
      },
      departement: {
        name: 'departement',
        in: 'query',
        description: 'Official département code: 2 digits, 2A, 2B, or 3 digits overseas.',
        schema: { type: 'string', pattern: '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-8]|98[4-9])$' },
        example: '92',
      },
      compliant: {
        name: 'compliant',
        in: 'query',
        description:
          'Only the sites meeting (`true`) or missing (`false`) the charter rule of 24 hours over 5 days; sites with unknown hours are in neither.',
        schema: { type: 'string', enum: ['true', 'false'] },
        example: 'false',
      },
      limit: {
        name: 'limit',
        in: 'query',
        description: `Sites per page, 1 to ${LIMITE_MAX}.`,
        schema: { type: 'integer', minimum: 1, maximum: LIMITE_MAX, default: LIMITE_PAR_DEFAUT },
        example: 20,
      },
      page: {
        name: 'page',
        in: 'query',
        description: 'Page number, from 1. A page beyond the last one is empty.',
        schema: { type: 'integer', minimum: 1, maximum: PAGE_MAX, default: 1 },
        example: 1,
      },
      id: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The site’s `id` (a UUID), as given by `GET /api/v1/sites`.',
        schema: { type: 'string', format: 'uuid' },
        example: AGEN_TOURNEE_ID,
      },
      from: {
        name: 'from',
        in: 'query',
        description:
          'First day (YYYY-MM-DD, in the site’s calendar); default today in the site’s time zone. Like `to`, a real date from 2000-01-01 to 31 December five years after the current year.',
        schema: { type: 'string', format: 'date' },
        example: '2026-12-07',
      },
      to: {
        name: 'to',
        in: 'query',
        description: `Last day, included; not before \`from\`, at most ${FENETRE_OUVERTURES_MAX_JOURS} days in all; default \`from\` + 6 days.`,
        schema: { type: 'string', format: 'date' },
        example: '2026-12-13',
      },
    },
    responses: {
      InvalidParameters: {
        description: 'A parameter is malformed or out of range: `errors` lists each one with a French message.',
        content: {
          'application/problem+json': {
            schema: ref('ValidationProblem'),
            example: {
              type: 'about:blank',
              title: 'Requête invalide',
              status: 400,
              detail: 'La latitude (lat) et la longitude (lon) vont ensemble : indiquez les deux, ou aucune.',
              instance: '/api/v1/sites?lat=48.7782',
              requestId: 'req-1',
              errors: [
                {
                  parameter: 'lon',
                  detail: 'La latitude (lat) et la longitude (lon) vont ensemble : indiquez les deux, ou aucune.',
                },
              ],
            },
          },
        },
      },
      NotFound: {
        description: 'No active site has this id.',
        content: {
          'application/problem+json': {
            schema: ref('Problem'),
            example: {
              type: 'about:blank',
              title: 'Ressource introuvable',
              status: 404,
              detail: 'Aucun lieu France services ouvert au public ne porte cet identifiant.',
              instance: `/api/v1/sites/${AGEN_TOURNEE_ID}/openings`,
              requestId: 'req-2',
            },
          },
        },
      },
    },
    schemas: {
      Site: objet(
        {
          id: chaine('Stable identifier.', { format: 'uuid' }),
          idFs: ouNull('integer', 'Identifier in the ANCT national list, when known.'),
          name: chaine('Name of the site.'),
          kind: {
            type: 'string',
            enum: ['principal', 'antenne', 'multisite', 'itinerant'],
            description:
              'principal: main site of its structure; antenne: secondary site; multisite: one site of a multi-site network; itinerant: a tour (see `stops`).',
          },
          structure: objet({ id: chaine('Structure id.', { format: 'uuid' }), name: chaine('Structure name.') }),
          address: chaine('Street address (for a tour: where it is based).'),
          addressComplement: ouNull('string', 'Address complement.'),
          postcode: chaine('Postcode.'),
          commune: chaine('Commune.'),
          inseeCode: ouNull('string', 'INSEE code of the commune.'),
          departement: chaine('Département code.'),
          latitude: ouNull('number', 'WGS 84 latitude.'),
          longitude: ouNull('number', 'WGS 84 longitude.'),
          approximateLocation: { type: 'boolean', description: 'True when the position is the commune’s centre.' },
          phone: ouNull('string', 'Phone number.'),
          email: ouNull('string', 'Email address.'),
          openingHours: ouNull(
            'string',
            'Posted hours in OSM opening_hours syntax (a tour: see its stops). Public holidays are closed unless stated.',
          ),
          timeZone: chaine('IANA time zone of the site (overseas sites are not on Paris time).'),
          partners: { type: 'array', items: { type: 'string' }, description: 'Partners present (short names).' },
          services: { type: 'array', items: { type: 'string' }, description: 'Additional services offered.' },
          accessibility: ouNull('string', 'Accessibility information.'),
          note: ouNull(
            'string',
            'Public note for visitors, possibly on several lines: appointments only, a temporary address, directions (the comment of the ANCT national list, then edited by the site’s managers).',
          ),
          postOffice: { type: 'boolean', description: 'A post office counter is on site.' },
          labelDate: ouNull('string', 'Date of the France services label.', { format: 'date' }),
          hoursPerWeek: ouNull(
            'number',
            'Hours of a typical week (no holiday); a tour: the average over its two-week cycle. Null when hours are unknown.',
          ),
          openDays: ouNull('number', 'Open days in a typical week (a tour: averaged, may be 4.5).'),
          compliant: ouNull('boolean', 'Meets the charter’s 24 hours over 5 days a week; null when hours are unknown.'),
          stops: { type: 'array', items: ref('Stop'), description: 'Stops of a tour; empty for a fixed site.' },
          closures: {
            type: 'array',
            items: ref('Closure'),
            description: 'Exceptional closures announced and not over yet.',
          },
          url: chaine('Public page of the site.', { format: 'uri' }),
          distanceKm: ouNull(
            'number',
            'Only when sorted from `lat`/`lon`: great-circle distance in km (a tour: to its nearest stop); null without position.',
          ),
        },
        ['distanceKm'],
        'A France services site.',
      ),
      Stop: objet(
        {
          name: chaine('Name of the stop.'),
          address: chaine('Address.'),
          postcode: chaine('Postcode.'),
          commune: chaine('Commune.'),
          inseeCode: ouNull('string', 'INSEE code.'),
          latitude: ouNull('number', 'WGS 84 latitude.'),
          longitude: ouNull('number', 'WGS 84 longitude.'),
          openingHours: chaine('Hours at this stop (OSM opening_hours).'),
          weeks: {
            type: 'string',
            enum: ['all', 'even', 'odd'],
            description: 'ISO weeks on which the stop is served.',
          },
        },
        [],
        'A stop of an itinerant service.',
      ),
      Closure: objet(
        {
          start: chaine('First closed day.', { format: 'date' }),
          end: chaine('Last closed day (included).', { format: 'date' }),
          reason: chaine('Reason given (French).'),
        },
        [],
        'An exceptional closure.',
      ),
      SitePage: objet(
        {
          total: { type: 'integer', minimum: 0, description: 'Number of sites matching, over all pages.' },
          page: { type: 'integer', minimum: 1, description: 'This page’s number.' },
          limit: { type: 'integer', minimum: 1, maximum: LIMITE_MAX, description: 'Sites per page.' },
          items: { type: 'array', items: ref('Site') },
        },
        [],
        'A page of sites.',
      ),
      Interval: objet(
        {
          start: chaine('Opening, ISO 8601 with the site’s offset.', { format: 'date-time' }),
          end: chaine('Closing, ISO 8601 with the site’s offset.', { format: 'date-time' }),
          stop: objet(
            {
              name: chaine('Stop name.'),
              commune: chaine('Commune.'),
              latitude: ouNull('number', 'WGS 84 latitude.'),
              longitude: ouNull('number', 'WGS 84 longitude.'),
            },
            [],
            'For a tour: where the service stands.',
          ),
        },
        ['stop'],
        'An opening interval.',
      ),
      Openings: objet(
        {
          siteId: chaine('The site.', { format: 'uuid' }),
          name: chaine('Name of the site.'),
          timeZone: chaine('IANA time zone of the site.'),
          from: chaine('First day of the window.', { format: 'date' }),
          to: chaine('Last day of the window (included).', { format: 'date' }),
          intervals: { type: 'array', items: ref('Interval'), description: 'Sorted by start.' },
          closures: { type: 'array', items: ref('Closure'), description: 'Closures overlapping the window.' },
          holidays: {
            type: 'array',
            items: objet({ date: chaine('Date.', { format: 'date' }), name: chaine('Name (French).') }),
            description: 'Public holidays of the site’s territory in the window.',
          },
        },
        [],
        'Openings of a site over a window of days.',
      ),
      Problem: objet(
        {
          type: chaine('Always about:blank.'),
          title: chaine('Short French title.'),
          status: { type: 'integer', description: 'HTTP status.' },
          detail: chaine('What is wrong, in French.'),
          instance: chaine('The path requested.'),
          requestId: chaine('Identifier to quote when reporting a problem.'),
        },
        ['detail'],
        'RFC 9457 problem details.',
      ),
      ValidationProblem: objet(
        {
          type: chaine('Always about:blank.'),
          title: chaine('Requête invalide.'),
          status: { type: 'integer', enum: [400] },
          detail: chaine('Every error below, as one French text.'),
          instance: chaine('The path requested.'),
          requestId: chaine('Identifier to quote when reporting a problem.'),
          errors: {
            type: 'array',
            items: objet({ parameter: chaine('Parameter name.'), detail: chaine('French message.') }),
          },
        },
        [],
        'RFC 9457 problem details for invalid parameters.',
      ),
    },
  };
}
