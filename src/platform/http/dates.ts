import { z } from 'zod';

// Civil dates read from a request (page, form, export, API). Every one of them is checked against one window: a date
// outside it is a typing error or an attack, never a real use, and calendar arithmetic on year 9999 or 0 is where
// loops and out-of-range SQL come from. Modules add stricter windows where their domain says so (a report covers at
// most three years, an export one, a closure is declared at most a year ahead, the API's openings 92 days).

/** First date accepted anywhere: France services date from 2019, earlier years can only be typing errors. */
export const DATE_MIN = '2000-01-01';
/** Dates are accepted up to 31 December of the current year plus this many years. */
export const ANNEES_A_VENIR = 5;

const FORMAT_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const FORMAT_FR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const JOURS_PAR_MOIS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Last date accepted: 31 December, `ANNEES_A_VENIR` years after the current year. */
export function dateMax(maintenant: Date = new Date()): string {
  return `${maintenant.getUTCFullYear() + ANNEES_A_VENIR}-12-31`;
}

/** "2026-12-24", or "24/12/2026" as typed where date inputs are not supported, written YYYY-MM-DD; null otherwise. */
export function normaliserDate(texte: string): string | null {
  const t = texte.trim();
  const fr = FORMAT_FR.exec(t);
  const iso = fr ? `${fr[3]}-${fr[2]?.padStart(2, '0')}-${fr[1]?.padStart(2, '0')}` : t;
  return FORMAT_ISO.test(iso) ? iso : null;
}

/** True when `date` (YYYY-MM-DD) is a day of the calendar: 2026-02-29, 2026-11-31 and 0000-01-01 are not. */
export function dateReelle(date: string): boolean {
  const m = FORMAT_ISO.exec(date);
  if (!m) return false;
  const [annee, mois, jour] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const bissextile = annee % 4 === 0 && (annee % 100 !== 0 || annee % 400 === 0);
  const dernier = mois === 2 && bissextile ? 29 : (JOURS_PAR_MOIS[mois - 1] ?? 0);
  return annee >= 1 && jour >= 1 && jour <= dernier;
}

/** True when `date` is a real date within the window (from `DATE_MIN` to `dateMax()`). */
export function dateDansFenetre(date: string, maintenant: Date = new Date()): boolean {
  return dateReelle(date) && date >= DATE_MIN && date <= dateMax(maintenant);
}

/** "01/01/2000" */
export const dateEnClair = (iso: string) => iso.split('-').reverse().join('/');

/** The window in French: "entre le 01/01/2000 et le 31/12/2031". */
export function fenetreEnClair(maintenant: Date = new Date()): string {
  return `entre le ${dateEnClair(DATE_MIN)} et le ${dateEnClair(dateMax(maintenant))}`;
}

/**
 * A required date field of a form or query string, given as "la date de début": ISO or French input, a real day,
 * within the window; one French message per failure. Gives YYYY-MM-DD.
 */
export function champDate(libelle: string) {
  const majuscule = libelle.charAt(0).toUpperCase() + libelle.slice(1);
  return z.string({ error: `Saisissez ${libelle}.` }).transform((texte, ctx) => {
    const refuser = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (texte.trim() === '') return refuser(`Saisissez ${libelle}.`);
    const date = normaliserDate(texte);
    if (!date) return refuser(`Saisissez ${libelle} au format JJ/MM/AAAA.`);
    if (!dateReelle(date)) return refuser('Cette date n’existe pas.');
    if (!dateDansFenetre(date)) return refuser(`${majuscule} doit être comprise ${fenetreEnClair()}.`);
    return date;
  });
}
