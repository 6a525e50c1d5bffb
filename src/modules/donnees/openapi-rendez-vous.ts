// The appointments part of the OpenAPI document (issue 11; routes in rendez-vous/api.ts): a site's online motifs,
// their free slots, booking, the calendar file. Kept apart from openapi.ts, which merges it.

import { PERIODE_MAX_JOURS } from '../rendez-vous/index.ts';
import type { DocumentOpenApi, OperationOpenApi, ParametreOpenApi, Schema } from './openapi.ts';

const SCEAUX_ID = '3f1c9a52-6d0e-4c8a-9b1e-2a7d5c4e8f10';
const MOTIF_ID = '0b6f3c1e-52a4-4d8e-9a7b-1c2d3e4f5a6b';
const RDV_ID = '7c9e2a14-3b5d-4f6a-8e1c-9d0b2a3c4e5f';

const ref = (nom: string) => ({ $ref: `#/components/schemas/${nom}` });
const chaine = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const objet = (properties: Record<string, Schema>, optionnels: string[] = [], description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optionnels.includes(k)),
  properties,
});
const probleme = (status: number, detail: string, instance: string, errors?: unknown) => ({
  type: 'about:blank',
  title: { 404: 'Ressource introuvable', 409: 'Créneau déjà pris', 422: 'Réservation impossible' }[status],
  status,
  detail,
  instance,
  requestId: 'req-3',
  ...(errors ? { errors } : {}),
});
const SANS_CACHE = {
  'Cache-Control': { description: '`no-store`: slots change with every booking.', schema: { type: 'string' } },
};

const CANAUX = ['sur_place', 'telephone', 'visio', 'domicile', 'arret'];

export const PARAMETRES_RENDEZ_VOUS: Record<string, ParametreOpenApi> = {
  motif: {
    name: 'motif',
    in: 'query',
    required: true,
    description: 'The motif’s `id`, as listed by `GET /api/v1/sites/{id}/motifs`.',
    schema: { type: 'string', format: 'uuid' },
    example: MOTIF_ID,
  },
  slotsFrom: {
    name: 'from',
    in: 'query',
    required: true,
    description:
      'First day (YYYY-MM-DD, in the site’s calendar). Days before today or past the motif’s booking window have no slot.',
    schema: { type: 'string', format: 'date' },
    example: '2027-01-11',
  },
  slotsTo: {
    name: 'to',
    in: 'query',
    required: true,
    description: `Last day, included; not before \`from\`, at most ${PERIODE_MAX_JOURS} days in all.`,
    schema: { type: 'string', format: 'date' },
    example: '2027-01-12',
  },
  rdvId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The appointment’s `id`, as answered by `POST /api/v1/rendez-vous`.',
    schema: { type: 'string', format: 'uuid' },
    example: RDV_ID,
  },
};

export const SCHEMAS_RENDEZ_VOUS: Record<string, Schema> = {
  Motif: objet(
    {
      id: chaine('Identifier of the motif.', { format: 'uuid' }),
      name: chaine('What the appointment is for (French).'),
      durationMinutes: { type: 'integer', minimum: 5, maximum: 480, description: 'Length of the appointment.' },
      channel: {
        type: 'string',
        enum: CANAUX,
        description: 'At the site, by phone, by video, at home, at a stop.',
      },
      partnerId: { type: ['string', 'null'], format: 'uuid', description: 'The partner concerned, if any.' },
      bookingWindowDays: { type: 'integer', minimum: 1, maximum: 366, description: 'How far ahead one may book.' },
      minimumNoticeMinutes: { type: 'integer', minimum: 0, description: 'No slot sooner than this from now.' },
      instructions: chaine('What to bring, in plain French.'),
    },
    [],
    'A motif bookable online.',
  ),
  Motifs: objet(
    {
      siteId: chaine('The site.', { format: 'uuid' }),
      items: { type: 'array', items: ref('Motif'), description: 'The motifs, by name.' },
    },
    [],
    'The motifs of a site that citizens may book online.',
  ),
  Slot: objet(
    {
      start: chaine('Start, ISO 8601 with the site’s offset.', { format: 'date-time' }),
      end: chaine('End, ISO 8601 with the site’s offset.', { format: 'date-time' }),
    },
    [],
    'A free slot.',
  ),
  Slots: objet(
    {
      siteId: chaine('The site.', { format: 'uuid' }),
      motif: chaine('The motif.', { format: 'uuid' }),
      timeZone: chaine('IANA time zone of the site.'),
      from: chaine('First day asked.', { format: 'date' }),
      to: chaine('Last day asked.', { format: 'date' }),
      slots: { type: 'array', items: ref('Slot'), description: 'Free slots, by start.' },
    },
    [],
    'Free slots of a motif, by start.',
  ),
  BookingRequest: objet(
    {
      motif: chaine('The motif’s id.', { format: 'uuid' }),
      start: chaine('A slot’s `start`, as listed (ISO 8601 with an offset).', { format: 'date-time' }),
      name: chaine('Name of the person (at most 100 characters).', { maxLength: 100 }),
      email: chaine('Email for the confirmation (with a calendar invitation). `email` or `phone`, one at least.'),
      phone: chaine('Phone (French or international); a mobile receives an SMS confirmation.'),
      consent: { type: 'boolean', enum: [true], description: 'The person agrees to the use of these details.' },
    },
    ['email', 'phone'],
    'A booking.',
  ),
  Booking: objet(
    {
      id: chaine('The appointment.', { format: 'uuid' }),
      siteId: chaine('The site.', { format: 'uuid' }),
      motif: chaine('The motif.', { format: 'uuid' }),
      start: chaine('Start, with the site’s offset.', { format: 'date-time' }),
      end: chaine('End, with the site’s offset.', { format: 'date-time' }),
      site: chaine('Name of the site.'),
      motifName: chaine('Name of the motif.'),
      cancelUrl: chaine(
        'The citizen link that cancels the appointment (valid until its start): give it to the person only.',
        {
          format: 'uri',
        },
      ),
      icsUrl: chaine('The appointment as a calendar file.', { format: 'uri' }),
    },
    [],
    'A booked appointment.',
  ),
  BookingProblem: objet(
    {
      type: chaine('Always about:blank.'),
      title: chaine('Short French title.'),
      status: { type: 'integer', enum: [404, 409, 422, 429] },
      detail: chaine('What is wrong, in French.'),
      instance: chaine('The path requested.'),
      requestId: chaine('Identifier to quote when reporting a problem.'),
      errors: {
        type: 'array',
        items: objet({ parameter: chaine('Field name.'), detail: chaine('French message.') }),
      },
    },
    ['errors'],
    'RFC 9457 problem details of a refused booking.',
  ),
};

function reponseProbleme(description: string, exemple: unknown) {
  return { description, content: { 'application/problem+json': { schema: ref('BookingProblem'), example: exemple } } };
}

/** The paths of the appointments API, with `url` (the public address) in the examples. */
export function cheminsRendezVous(url: string): DocumentOpenApi['paths'] {
  const motifs: OperationOpenApi = {
    operationId: 'listSiteMotifs',
    summary: 'Motifs of a site bookable online',
    description:
      'The active motifs of an active site that citizens may book online, by name. A site without any answers an empty list.',
    tags: ['Appointments'],
    parameters: [{ $ref: '#/components/parameters/id' }],
    'x-example-request': `/api/v1/sites/${SCEAUX_ID}/motifs`,
    responses: {
      '200': {
        description: 'The motifs.',
        content: {
          'application/json': {
            schema: ref('Motifs'),
            example: {
              siteId: SCEAUX_ID,
              items: [
                {
                  id: MOTIF_ID,
                  name: 'Aide à la déclaration de revenus',
                  durationMinutes: 45,
                  channel: 'sur_place',
                  partnerId: null,
                  bookingWindowDays: 60,
                  minimumNoticeMinutes: 120,
                  instructions: 'Apportez votre numéro fiscal et votre dernier avis d’impôt.',
                },
              ],
            },
          },
        },
      },
      '404': { $ref: '#/components/responses/NotFound' },
    },
  };
  const disponibilites: OperationOpenApi = {
    operationId: 'listSlots',
    summary: 'Free slots of a motif',
    description: [
      'The free slots of a motif between two days of the site’s calendar (both included, at most',
      `${PERIODE_MAX_JOURS} days), as the booking itself checks them: within the site’s real openings (holidays,`,
      'closures, tour stops), the working patterns and permanences of the people who receive, the motif’s notice and',
      'booking window, minus the appointments already booked. Instants are ISO 8601 with the site’s offset then.',
    ].join(' '),
    tags: ['Appointments'],
    parameters: [
      { $ref: '#/components/parameters/id' },
      { $ref: '#/components/parameters/motif' },
      { $ref: '#/components/parameters/slotsFrom' },
      { $ref: '#/components/parameters/slotsTo' },
    ],
    'x-example-request': `/api/v1/sites/${SCEAUX_ID}/disponibilites?motif=${MOTIF_ID}&from=2027-01-11&to=2027-01-12`,
    responses: {
      '200': {
        description: 'The free slots.',
        headers: SANS_CACHE,
        content: {
          'application/json': {
            schema: ref('Slots'),
            example: {
              siteId: SCEAUX_ID,
              motif: MOTIF_ID,
              timeZone: 'Europe/Paris',
              from: '2027-01-11',
              to: '2027-01-12',
              slots: [
                { start: '2027-01-11T09:30:00+01:00', end: '2027-01-11T10:15:00+01:00' },
                { start: '2027-01-11T10:30:00+01:00', end: '2027-01-11T11:15:00+01:00' },
              ],
            },
          },
        },
      },
      '400': { $ref: '#/components/responses/InvalidParameters' },
      '404': { $ref: '#/components/responses/NotFound' },
    },
  };
  const reserver: OperationOpenApi = {
    operationId: 'book',
    summary: 'Book a slot',
    description: [
      'Books a listed slot for a person (JSON body). The database refuses two appointments of one person who receives',
      'at overlapping times: of simultaneous bookings of one slot exactly one per available person succeeds, the others',
      'get a 409. The person receives a confirmation by email (with a calendar invitation) and/or SMS, with the cancel',
      'link. At most a few bookings per minute from one IP address (429 beyond, with `Retry-After`). Not readable from',
      'other origins (no CORS): call it from a server.',
    ].join(' '),
    tags: ['Appointments'],
    requestBody: { required: true, content: { 'application/json': { schema: ref('BookingRequest') } } },
    'x-example-request': '/api/v1/rendez-vous',
    responses: {
      '201': {
        description: 'Booked.',
        content: {
          'application/json': {
            schema: ref('Booking'),
            example: {
              id: RDV_ID,
              siteId: SCEAUX_ID,
              motif: MOTIF_ID,
              start: '2027-01-11T09:30:00+01:00',
              end: '2027-01-11T10:15:00+01:00',
              site: 'France services de Sceaux',
              motifName: 'Aide à la déclaration de revenus',
              cancelUrl: `${url}/l/Phb7AEqVcwQz8QpIkbpGqOsjdlwoAe0VSckNWtudIRg`,
              icsUrl: `${url}/api/v1/rendez-vous/${RDV_ID}.ics`,
            },
          },
        },
      },
      '409': reponseProbleme(
        'Someone else booked the slot first: choose another.',
        probleme(409, 'Ce créneau vient d’être pris : choisissez-en un autre.', '/api/v1/rendez-vous', [
          { parameter: 'start', detail: 'Ce créneau vient d’être pris : choisissez-en un autre.' },
        ]),
      ),
      '422': reponseProbleme(
        'The body is invalid, the motif unknown or the slot not offered: `errors` names each field.',
        probleme(
          422,
          'Indiquez une adresse électronique ou un numéro de téléphone, pour recevoir la confirmation.',
          '/api/v1/rendez-vous',
          [
            {
              parameter: 'email',
              detail: 'Indiquez une adresse électronique ou un numéro de téléphone, pour recevoir la confirmation.',
            },
          ],
        ),
      ),
    },
  };
  const ics: OperationOpenApi = {
    operationId: 'getBookingCalendar',
    summary: 'An appointment as a calendar file',
    description:
      'The appointment as iCalendar (RFC 5545), UID `<id>@guichet`: the event (SEQUENCE 0), or its cancellation (METHOD:CANCEL, SEQUENCE 1) once cancelled. No name nor contact in it.',
    tags: ['Appointments'],
    parameters: [{ $ref: '#/components/parameters/rdvId' }],
    'x-example-request': `/api/v1/rendez-vous/${RDV_ID}.ics`,
    responses: {
      '200': { description: 'iCalendar file.', content: { 'text/calendar': { schema: { type: 'string' } } } },
      '404': reponseProbleme(
        'No appointment has this id.',
        probleme(404, 'Aucun rendez-vous ne porte cet identifiant.', `/api/v1/rendez-vous/${RDV_ID}.ics`),
      ),
    },
  };
  return {
    '/api/v1/sites/{id}/motifs': { get: motifs },
    '/api/v1/sites/{id}/disponibilites': { get: disponibilites },
    '/api/v1/rendez-vous': { post: reserver },
    '/api/v1/rendez-vous/{id}.ics': { get: ics },
  };
}
