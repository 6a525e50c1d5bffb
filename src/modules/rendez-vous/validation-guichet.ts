// The desk's forms and query strings (agenda, assisted booking, move, cancellation by the site), with French messages.
// The services check again what they store; this turns what a browser sends into typed values.

import { z } from 'zod';
import { champDate } from '../../platform/http/dates.ts';
import { courrielFacultatif, texte } from '../../platform/http/formulaire.ts';
import { telephoneFacultatif } from './validation.ts';

const vide = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An instant as the slot links and radio buttons carry it (ISO 8601), or undefined when absent. */
const instant = (message: string) =>
  z
    .string({ error: message })
    .max(40, message)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, message)
    .transform((s) => new Date(s))
    .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() < 2100, message);

const MESSAGE_CRENEAU = 'Choisissez un créneau dans la liste.';

/** `?jour=` of the agenda: a real date of the shared window (today when absent). */
export const RequeteAgenda = z.object({ jour: z.preprocess(vide, champDate('le jour').optional()) });

/** `?motif=&debut=&apres=` of the booking page: a motif (a uuid, else unknown), a chosen slot, the paging instant. */
export const RequeteNouveau = z.object({
  motif: z.preprocess(vide, z.string().max(100).optional()),
  debut: z.preprocess(vide, instant(MESSAGE_CRENEAU).optional()),
  apres: z.preprocess(vide, instant('Le point de départ de la liste n’est pas une date-heure valide.').optional()),
});

/** `?mandat=` of the booking pages (issue 14): carried from page to page, ignored when malformed. */
export const RequeteMandat = z.object({ mandat: z.uuid().optional().catch(undefined) });

/** `?apres=` of a slot list ("voir plus tard"). */
export const RequeteApres = z.object({
  apres: z.preprocess(vide, instant('Le point de départ de la liste n’est pas une date-heure valide.').optional()),
});

/** The booking form at the desk: the slot, a name; the email and phone are optional (the person may give none). */
export const SaisieGuichet = z.object({
  motif: z.string({ error: 'Choisissez un motif.' }).max(100, 'Choisissez un motif.'),
  debut: z.preprocess(vide, instant(MESSAGE_CRENEAU)),
  nom: texte('le nom de la personne', 100),
  courriel: courrielFacultatif,
  telephone: telephoneFacultatif,
  /** The mandate the booking is made under, when the agent acts in the person's name (issue 14). */
  mandat: z.preprocess(vide, z.uuid({ error: 'Ce mandat est introuvable.' }).optional()),
});
export type SaisieGuichet = z.infer<typeof SaisieGuichet>;

/** The move form: the new slot. */
export const SaisieDeplacement = z.object({ debut: z.preprocess(vide, instant(MESSAGE_CRENEAU)) });

/** The cancellation by the site: a reason, told to the person. */
export const SaisieAnnulationSite = z.object({
  raison: texte('la raison de l’annulation', 300, 3),
});
