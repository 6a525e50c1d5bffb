// A motif: what an appointment is for, and the rules of its slots (duration, buffer, grid, window, notice, who
// receives). The schema bounds every number, so that slot computation always works on a bounded problem.

import { z } from 'zod';
import { CANAUX } from './capacite.ts';

/** Shortest and longest appointment, in minutes. */
export const DUREE_MIN = 5;
export const DUREE_MAX = 480;
/** Longest booking window, in days, and so the longest period ever scanned for slots. */
export const FENETRE_MAX_JOURS = 366;

const minutes = (min: number, max: number, quoi: string) =>
  z
    .number({ error: `${quoi} : nombre de minutes attendu.` })
    .int(`${quoi} : nombre entier de minutes attendu.`)
    .min(min, `${quoi} : au moins ${min} minutes.`)
    .max(max, `${quoi} : au plus ${max} minutes.`);

/** What slot computation needs of a motif (its other fields, name and instructions, live in its table). */
export const Motif = z.object({
  /** Length of the appointment. */
  duree: minutes(DUREE_MIN, DUREE_MAX, 'Durée'),
  /** Time kept free after each appointment of this motif (notes, the next person). */
  tamponApres: minutes(0, 240, 'Battement après le rendez-vous').default(0),
  /** Grid step: slots start every `pas` minutes from the start of each working interval; default duree + tampon. */
  pas: minutes(5, DUREE_MAX + 240, 'Pas de la grille').optional(),
  canal: z.enum(CANAUX, { error: 'Canal inconnu.' }),
  /** How far ahead one may book, in days from today (site's calendar). */
  fenetreJours: z
    .number()
    .int('Fenêtre : nombre entier de jours attendu.')
    .min(1, 'Fenêtre : au moins 1 jour.')
    .max(FENETRE_MAX_JOURS, `Fenêtre : au plus ${FENETRE_MAX_JOURS} jours.`),
  /** Minimum notice before the start, in minutes (e.g. 120: no slot in the next two hours). */
  delaiMinimal: minutes(0, 30 * 24 * 60, 'Délai de prévenance').default(0),
  /** Ids of the resources (agents, permanences) that receive this motif. */
  ressources: z
    .array(z.string().min(1).max(64))
    .min(1, 'Choisissez au moins une personne ou une permanence qui reçoit.')
    .max(200, 'Au plus 200 personnes ou permanences par motif.'),
});
export type Motif = z.input<typeof Motif>;
export type MotifValide = z.output<typeof Motif>;

/** The French messages of a zod failure, one per problem, without duplicates. */
export function messages(erreur: z.ZodError): string[] {
  return [...new Set(erreur.issues.map((i) => i.message))];
}
