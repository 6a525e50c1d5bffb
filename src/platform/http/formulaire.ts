import { z } from 'zod';

export type ValeursBrutes = Record<string, string | string[] | undefined>;

export type ResultatFormulaire<T> =
  | { ok: true; donnees: T }
  | { ok: false; erreurs: Record<string, string>; valeurs: ValeursBrutes };

/** Keeps only the string or string[] fields of a parsed form body, without the CSRF token. */
export function valeursSaisies(body: unknown): ValeursBrutes {
  const out: ValeursBrutes = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf' || k.startsWith('mot_de_passe') || k === 'motDePasse') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** Validates a form body with a zod schema and returns field errors (first message per field) in French. */
export function lireFormulaire<S extends z.ZodType>(schema: S, body: unknown): ResultatFormulaire<z.infer<S>> {
  const resultat = schema.safeParse(body ?? {});
  if (resultat.success) return { ok: true, donnees: resultat.data };
  const erreurs: Record<string, string> = {};
  for (const issue of resultat.error.issues) {
    const champ = String(issue.path[0] ?? '_formulaire');
    if (!erreurs[champ]) erreurs[champ] = issue.message;
  }
  return { ok: false, erreurs, valeurs: valeursSaisies(body) };
}

// Control characters (C0, DEL, C1, tabs and line breaks) and bidirectional overrides are refused: they have no place
// in names or addresses, and they are vectors for log injection and for text that displays differently from what it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
export const CARACTERES_INTERDITS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A required single-line text: trimmed, not empty, bounded, no control characters. */
export function texte(libelle: string, max: number, min = 1) {
  return z
    .string({ error: `Saisissez ${libelle}` })
    .trim()
    .min(1, `Saisissez ${libelle}`)
    .min(min, `${capitaliser(libelle)} doit contenir au moins ${min} caractères`)
    .max(max, `${capitaliser(libelle)} ne doit pas dépasser ${max} caractères`)
    .refine((s) => !CARACTERES_INTERDITS.test(s), `${capitaliser(libelle)} contient des caractères non autorisés`);
}

/** The search box of a list: anything unusable (too long, control characters, an array) is simply ignored. */
export const recherche = z
  .string()
  .trim()
  .max(100)
  .refine((s) => !CARACTERES_INTERDITS.test(s))
  .optional()
  .catch(undefined);

/** An optional field checked by a pattern: empty becomes undefined, anything else must match, in French. */
export function motifFacultatif(regex: RegExp, message: string, normaliser: (s: string) => string = (s) => s.trim()) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (normaliser(v) === '' ? undefined : normaliser(v)) : v),
    z.string({ error: message }).regex(regex, message).optional(),
  );
}

/** An optional single-line text: empty becomes undefined. */
export function texteFacultatif(libelle: string, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    texte(libelle, max).optional(),
  );
}

export const courriel = z
  .string({ error: 'Saisissez une adresse électronique' })
  .trim()
  .min(1, 'Saisissez une adresse électronique')
  .max(254, 'L’adresse électronique ne doit pas dépasser 254 caractères')
  .pipe(z.email({ error: 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr' }))
  .transform((s) => s.toLowerCase());

export const courrielFacultatif = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  courriel.optional(),
);

/** A uuid among known choices: anything else is "unknown" for the user, never a database error. */
export function identifiant(message: string, absent = message) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string({ error: absent })
      .trim()
      .pipe(z.uuid({ error: message })),
  );
}

/** A checkbox: present ("on") means true. */
export const caseACocher = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());

/** A list of values from checkboxes or a multiple select: one value arrives as a string. */
export function liste<T extends z.ZodType>(element: T) {
  return z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(element));
}

function capitaliser(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
