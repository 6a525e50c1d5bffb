// Input of appointments: the person booking (pages and API), the public API's query and body, with French messages.

import { z } from 'zod';
import { DATE_MIN, dateDansFenetre, dateMax } from '../../platform/http/dates.ts';
import { CARACTERES_INTERDITS, courrielFacultatif } from '../../platform/http/formulaire.ts';

/** Longest period of one availability request, in days (both ends included). */
export const PERIODE_MAX_JOURS = 31;

/** A French number (0X XX XX XX XX) or an international one, written E.164 (+33612345678) as the SMS gateway wants. */
export const telephoneFacultatif = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.replace(/[\s.\-()]/g, '');
    if (s === '') return undefined;
    return /^0\d{9}$/.test(s) ? `+33${s.slice(1)}` : s;
  },
  z
    .string({ error: 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.' })
    .regex(/^\+\d{10,14}$/, 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.')
    .optional(),
);

/** A mobile number, to which an SMS can be sent (mainland and overseas French mobiles, or any foreign number). */
export function estMobile(telephone: string): boolean {
  if (!telephone.startsWith('+33')) return true;
  return /^\+33[67]\d{8}$/.test(telephone);
}

/** The person an appointment is for: a name, and an email or a phone (one at least, unless booked at the desk). */
export const Usager = z.object({
  nom: z
    .string({ error: 'Saisissez votre nom.' })
    .trim()
    .min(1, 'Saisissez votre nom.')
    .max(100, 'Le nom ne doit pas dépasser 100 caractères.')
    .refine((s) => !CARACTERES_INTERDITS.test(s), 'Le nom contient des caractères non autorisés.'),
  courriel: courrielFacultatif,
  telephone: telephoneFacultatif,
});
export type Usager = z.infer<typeof Usager>;

/** A civil date of the API, real and within the shared window. */
function dateCivile(nom: string) {
  return z
    .string({ error: `Le paramètre ${nom} est obligatoire (date AAAA-MM-JJ).` })
    .trim()
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && dateDansFenetre(d), {
      error: () =>
        `Le paramètre ${nom} doit être une date réelle au format AAAA-MM-JJ, entre ${DATE_MIN} et ${dateMax()}.`,
    });
}

/** `GET /api/v1/sites/{id}/disponibilites` */
export const ParametresDisponibilites = z.object({
  motif: z.string({ error: 'Le paramètre motif est obligatoire.' }).pipe(z.uuid({ error: 'Motif inconnu.' })),
  from: dateCivile('from'),
  to: dateCivile('to'),
});

/** `POST /api/v1/rendez-vous`: `start` must carry its offset, so that no one books in the wrong zone. */
export const CorpsReservation = z.object({
  motif: z.string({ error: 'Le motif est obligatoire.' }).pipe(z.uuid({ error: 'Motif inconnu.' })),
  start: z
    .string({ error: 'L’heure de début (start) est obligatoire.' })
    .pipe(
      z.iso.datetime({
        offset: true,
        error:
          'L’heure de début (start) doit être une date-heure ISO 8601 avec décalage, par exemple 2027-01-12T09:00:00+01:00.',
      }),
    )
    .transform((s) => new Date(s)),
  name: z.unknown().optional(),
  email: z.unknown().optional(),
  phone: z.unknown().optional(),
  consent: z.literal(true, { error: 'Le consentement (consent: true) est obligatoire pour prendre rendez-vous.' }),
});
