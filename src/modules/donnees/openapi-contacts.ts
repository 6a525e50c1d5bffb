// The contacts part of the OpenAPI document (issue 12; route in contacts/api.ts): when the answer to a message
// received by a site is due, on the site's own working days. Kept apart from openapi.ts, which merges it.

import { HEURES_OUVREES, HORIZON_JOURS } from '../contacts/index.ts';
import type { DocumentOpenApi, OperationOpenApi, ParametreOpenApi, Schema } from './openapi.ts';

const SCEAUX_ID = '3f1c9a52-6d0e-4c8a-9b1e-2a7d5c4e8f10';

const ref = (nom: string) => ({ $ref: `#/components/schemas/${nom}` });
const chaine = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });

export const PARAMETRES_CONTACTS: Record<string, ParametreOpenApi> = {
  recu: {
    name: 'recu',
    in: 'query',
    description: [
      'When the message was received: an ISO 8601 instant with its offset or `Z` (a local time without one is',
      'refused), dated from 2000-01-01 to 31 December five years after the current year; default now. Encode `+` as',
      '`%2B` (a space in its place is read as `+`).',
    ].join(' '),
    schema: { type: 'string', format: 'date-time' },
    example: '2027-01-08T16:00:00+01:00',
  },
};

export const SCHEMAS_CONTACTS: Record<string, Schema> = {
  DeadlineProblem: {
    type: 'object',
    description: 'RFC 9457 problem details for an invalid `recu`.',
    additionalProperties: false,
    required: ['type', 'title', 'status', 'detail', 'instance', 'requestId', 'errors'],
    properties: {
      type: chaine('Always about:blank.'),
      title: chaine('Paramètre invalide.'),
      status: { type: 'integer', enum: [422] },
      detail: chaine('Every error below, as one French text.'),
      instance: chaine('The path requested.'),
      requestId: chaine('Identifier to quote when reporting a problem.'),
      errors: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['parameter', 'detail'],
          properties: { parameter: chaine('Parameter name.'), detail: chaine('French message.') },
        },
      },
    },
  },
  ResponseDeadline: {
    type: 'object',
    description: `When the answer is due: ${HEURES_OUVREES} working hours on the site’s calendar.`,
    additionalProperties: false,
    required: ['siteId', 'timeZone', 'workingHours', 'basis', 'receivedAt', 'countingFrom', 'dueAt'],
    properties: {
      siteId: chaine('The site.', { format: 'uuid' }),
      timeZone: chaine('IANA time zone of the site: every instant below carries its offset.'),
      workingHours: { type: 'integer', enum: [HEURES_OUVREES], description: 'Working hours promised.' },
      basis: {
        type: 'string',
        enum: ['openingHours', 'weekdays'],
        description:
          'Where the working days come from: the site’s opening hours (or its tour’s stops), or, for a site without recorded hours, Monday to Friday.',
      },
      receivedAt: chaine('The instant received, with the site’s offset.', { format: 'date-time' }),
      countingFrom: {
        type: ['string', 'null'],
        format: 'date-time',
        description: 'When counting starts: the instant received, or 00:00 of the next working day.',
      },
      dueAt: {
        type: ['string', 'null'],
        format: 'date-time',
        description: `The due instant, with the site’s offset then; null when the hours are not reached within ${HORIZON_JOURS} days (then \`detail\` says so).`,
      },
      detail: chaine('Why no due instant can be promised (French), when `dueAt` is null.'),
    },
  },
};

/** The paths of the contacts API. */
export function cheminsContacts(_url: string): DocumentOpenApi['paths'] {
  const delai: OperationOpenApi = {
    operationId: 'getResponseDeadline',
    summary: 'When the answer to a message is due',
    description: [
      `France services answer every message within ${HEURES_OUVREES} working hours ("heures ouvrées"), counted in the`,
      'site’s time zone: 24 hours for each working day of the site, a day on which it opens according to its hours',
      '(a tour: a day it stops anywhere) that is neither a public holiday of its territory nor inside an exceptional',
      'closure. A message received on another day starts counting at 00:00 of the next working day; received on a',
      'working day, the rest of that day counts. Hours are wall-clock hours: a daylight-saving day counts 24. A site',
      'without recorded hours counts Monday to Friday. Partners forwarding a message to a site learn the promised date.',
    ].join(' '),
    tags: ['Contact'],
    parameters: [{ $ref: '#/components/parameters/id' }, { $ref: '#/components/parameters/recu' }],
    'x-example-request': `/api/v1/sites/${SCEAUX_ID}/delai-reponse?recu=2027-01-08T16:00:00%2B01:00`,
    responses: {
      '200': {
        description: 'The due instant.',
        headers: {
          'Cache-Control': {
            description: '`public, max-age=60` with `recu`, `no-store` without (the answer is then about now).',
            schema: { type: 'string' },
          },
        },
        content: {
          'application/json': {
            schema: ref('ResponseDeadline'),
            example: {
              siteId: SCEAUX_ID,
              timeZone: 'Europe/Paris',
              workingHours: HEURES_OUVREES,
              basis: 'openingHours',
              receivedAt: '2027-01-08T16:00:00+01:00',
              countingFrom: '2027-01-08T16:00:00+01:00',
              dueAt: '2027-01-12T16:00:00+01:00',
            },
          },
        },
      },
      '404': { $ref: '#/components/responses/NotFound' },
      '422': {
        description: '`recu` is not an instant with an offset, or out of range: `errors` says why, in French.',
        content: {
          'application/problem+json': {
            schema: ref('DeadlineProblem'),
            example: {
              type: 'about:blank',
              title: 'Paramètre invalide',
              status: 422,
              detail:
                'Le paramètre recu doit être un instant ISO 8601 avec son décalage horaire ou Z, par exemple 2027-01-08T16:00:00+01:00 (encodez « + » en %2B).',
              instance: `/api/v1/sites/${SCEAUX_ID}/delai-reponse`,
              requestId: 'req-4',
              errors: [
                {
                  parameter: 'recu',
                  detail:
                    'Le paramètre recu doit être un instant ISO 8601 avec son décalage horaire ou Z, par exemple 2027-01-08T16:00:00+01:00 (encodez « + » en %2B).',
                },
              ],
            },
          },
        },
      },
    },
  };
  return { '/api/v1/sites/{id}/delai-reponse': { get: delai } };
}
