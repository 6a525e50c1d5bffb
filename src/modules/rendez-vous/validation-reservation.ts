// The citizen's booking forms (no account): query strings of the slot pages and the contact form, with French
// messages. The service checks again what it stores; this only turns what a browser sends into typed values.

import { z } from 'zod';
import { champDate } from '../../platform/http/dates.ts';
import {
  caseACocher,
  courrielFacultatif,
  lireFormulaire,
  motifFacultatif,
  type ResultatFormulaire,
  texte,
  valeursSaisies,
} from '../../platform/http/formulaire.ts';

/** How many days the slot page shows at once ("les 14 prochains jours"). */
export const JOURS_PAR_PAGE = 14;

/** A uuid from a query string, or undefined for anything else (an unknown motif is then a 404 or a choice to make). */
const uuidOuRien = z.uuid().optional().catch(undefined);

/**
 * `?motif=&du=` of the slot page. `du` must be a real date of the shared window (garbage, 2026-02-30 or 9999-01-01 get
 * a 400 in French); a real date outside the booking window is the route's business (a stale bookmark starts today).
 */
export const RequeteCreneaux = z.object({
  motif: z.preprocess((v) => (v === '' ? undefined : v), uuidOuRien),
  du: z.preprocess((v) => (v === '' ? undefined : v), champDate('la date de début').optional()),
});

/** An instant as the slot links carry it (ISO 8601, UTC), or undefined. */
export const Instant = z
  .string()
  .max(40)
  .transform((s) => new Date(s))
  .refine((d) => !Number.isNaN(d.getTime()))
  .optional()
  .catch(undefined);

/** `?motif=&debut=` of the contact form page. */
export const RequeteCoordonnees = z.object({ motif: uuidOuRien, debut: Instant });

const telephone = motifFacultatif(
  /^(0[1-9]\d{8}|\+\d{11,12})$/,
  'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78',
  (s) => s.replace(/[\s.\-()]/g, ''),
);

export const MESSAGE_CONTACT =
  'Indiquez une adresse électronique ou un numéro de téléphone, pour recevoir la confirmation';
export const MESSAGE_CONSENTEMENT = 'Cochez la case pour accepter l’utilisation de vos coordonnées pour ce rendez-vous';

/** The contact form: a name, an email or a phone (one at least), the consent, and the honeypot left empty. */
export const SaisieReservation = z.object({
  nom: texte('votre nom', 100, 2),
  courriel: courrielFacultatif,
  telephone,
  consentement: caseACocher.refine((v) => v, MESSAGE_CONSENTEMENT),
  // The honeypot: hidden from people, filled by robots that fill every field.
  siteWeb: z.string().max(0, 'Laissez vide le champ « Site web »').optional(),
});
export type SaisieReservation = z.infer<typeof SaisieReservation>;

const vide = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/**
 * Reads the contact form. "An email or a phone" is checked beside the fields' own rules, so that one answer lists
 * every problem (zod would skip an object-level rule while a field is wrong).
 */
export function lireReservation(body: unknown): ResultatFormulaire<SaisieReservation> {
  const lu = lireFormulaire(SaisieReservation, body);
  const champs = (body ?? {}) as Record<string, unknown>;
  if (!vide(champs.courriel) || !vide(champs.telephone)) return lu;
  const erreurs = lu.ok ? {} : lu.erreurs;
  // The contact message goes first among the fields it is about, the order of the form.
  return {
    ok: false,
    erreurs: { ...(erreurs.nom ? { nom: erreurs.nom } : {}), courriel: MESSAGE_CONTACT, ...erreurs },
    valeurs: valeursSaisies(body),
  };
}
