// Query parameters of the public JSON API (v1), with the French messages a developer gets back in problem+json.
// Query strings give strings, or arrays when a key is repeated: a repeated key is refused rather than guessed.

import { z } from 'zod';
import { DATE_MIN, dateDansFenetre, dateMax } from '../../platform/http/dates.ts';

/** Largest page size of `GET /api/v1/sites`. */
export const LIMITE_MAX = 100;
export const LIMITE_PAR_DEFAUT = 20;
/** Largest page number: far beyond the registry (2,683 sites), a guard against absurd offsets. */
export const PAGE_MAX = 10_000;
/** Longest window of `GET /api/v1/sites/{id}/openings`, in days (from and to included). */
export const FENETRE_OUVERTURES_MAX_JOURS = 92;
/** Window of `openings` when `to` is not given: a week from `from`. */
export const FENETRE_OUVERTURES_PAR_DEFAUT_JOURS = 7;

const unique = (nom: string) => `Le paramètre ${nom} ne peut apparaître qu’une fois.`;

/** A decimal number within [min, max], written plainly (no exponent, no "Infinity", no empty string). */
function decimal(nom: string, message: string, min: number, max: number) {
  return z
    .string({ error: unique(nom) })
    .trim()
    .regex(/^[+-]?\d+(\.\d+)?$/, { error: message })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: message });
}

function entier(nom: string, message: string, min: number, max: number) {
  return z
    .string({ error: unique(nom) })
    .trim()
    .regex(/^\d{1,9}$/, { error: message })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: message });
}

/** True when `date` is a real calendar date YYYY-MM-DD within the window shared by every date of a request. */
function dateCivileValide(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && dateDansFenetre(date);
}

function dateCivile(nom: string) {
  return z
    .string({ error: unique(nom) })
    .trim()
    .refine(dateCivileValide, {
      error: () =>
        `Le paramètre ${nom} doit être une date réelle au format AAAA-MM-JJ, entre ${DATE_MIN} et ${dateMax()}, par exemple 2026-12-07.`,
    });
}

/** Number of days from `a` to `b` (civil dates). */
export function ecartJours(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** `GET /api/v1/sites` */
export const ParametresListeSites = z
  .object({
    q: z
      .string({ error: unique('q') })
      .trim()
      .max(200, { error: 'Le texte recherché (q) fait 200 caractères au plus.' })
      .optional(),
    lat: decimal(
      'lat',
      'La latitude (lat) doit être un nombre entre -90 et 90, par exemple 48.7782.',
      -90,
      90,
    ).optional(),
    lon: decimal(
      'lon',
      'La longitude (lon) doit être un nombre entre -180 et 180, par exemple 2.2846.',
      -180,
      180,
    ).optional(),
    departement: z
      .string({ error: unique('departement') })
      .trim()
      .toUpperCase()
      .regex(/^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-8]|98[4-9])$/, {
        error:
          'Le département doit être un code officiel : 2 chiffres, 2A, 2B ou 3 chiffres outre-mer (par exemple 92, 2A, 974).',
      })
      .optional(),
    compliant: z
      .enum(['true', 'false'], { error: 'Le paramètre compliant vaut true ou false.' })
      .transform((v) => v === 'true')
      .optional(),
    limit: entier(
      'limit',
      `Le nombre de résultats par page (limit) doit être un entier entre 1 et ${LIMITE_MAX}.`,
      1,
      LIMITE_MAX,
    ).default(LIMITE_PAR_DEFAUT),
    page: entier(
      'page',
      `Le numéro de page (page) doit être un entier entre 1 et ${PAGE_MAX} ; la première page est 1.`,
      1,
      PAGE_MAX,
    ).default(1),
  })
  .superRefine((p, ctx) => {
    if ((p.lat === undefined) !== (p.lon === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [p.lat === undefined ? 'lat' : 'lon'],
        message: 'La latitude (lat) et la longitude (lon) vont ensemble : indiquez les deux, ou aucune.',
      });
    }
  });
export type ParametresListeSites = z.infer<typeof ParametresListeSites>;

/** `GET /api/v1/sites/{id}/openings`; defaults (today in the site's zone) are applied by the service. */
export const ParametresOuvertures = z
  .object({ from: dateCivile('from').optional(), to: dateCivile('to').optional() })
  .superRefine((p, ctx) => {
    if (p.from && p.to)
      verifierFenetre(p.from, p.to, (message) => ctx.addIssue({ code: 'custom', path: ['to'], message }));
  });
export type ParametresOuvertures = z.infer<typeof ParametresOuvertures>;

/** Checks from <= to and the window's length; calls `erreur` with a French message when wrong. */
export function verifierFenetre(from: string, to: string, erreur: (message: string) => void): void {
  if (to < from) erreur(`La date to (${to}) doit être égale ou postérieure à la date from (${from}).`);
  else if (ecartJours(from, to) + 1 > FENETRE_OUVERTURES_MAX_JOURS) {
    erreur(`La période demandée dépasse ${FENETRE_OUVERTURES_MAX_JOURS} jours : réduisez l’écart entre from et to.`);
  }
}

/** One invalid parameter, as listed in a problem+json `errors` array. */
export interface ErreurParametre {
  parameter: string;
  detail: string;
}

/** Zod issues as the API's `errors` list, one per parameter (the first message of each). */
export function erreursParametres(issues: readonly z.core.$ZodIssue[]): ErreurParametre[] {
  const vues = new Map<string, string>();
  for (const i of issues) {
    const parametre = String(i.path[0] ?? '');
    if (!vues.has(parametre)) vues.set(parametre, i.message);
  }
  return [...vues].map(([parameter, detail]) => ({ parameter, detail }));
}
