// The manager's forms of a site's capacity (agents' weekly patterns, partners' permanences, absences), with French
// messages keyed by field, and the readers shared with the motif form (validation-motif.ts). Bounds come from the
// domain schemas (`ModeleTravail`, `Permanence`, `Absence` of capacite.ts), never restated here: a form only turns
// what a browser sends into their input.

import { z } from 'zod';
import { dateDansFenetre, dateReelle, fenetreEnClair, normaliserDate } from '../../platform/http/dates.ts';
import {
  CARACTERES_INTERDITS,
  type ResultatFormulaire,
  texte,
  valeursSaisies,
} from '../../platform/http/formulaire.ts';
import { instantMural, JOURS, type JourCle } from '../horaires/index.ts';
import { Absence, CANAUX, type Canal, ModeleTravail, Permanence, Plage, type RegleRecurrence } from './capacite.ts';

/** Ranges per weekday in the agent's form and per rule in the permanence's form. */
export const PLAGES_PAR_JOUR = 2;
export const LIBELLE_RESSOURCE_MAX = 120;
export const MOTIF_ABSENCE_MAX = 200;
/** Longest absence, in days. */
export const ABSENCE_MAX_JOURS = 366;
/** Ranks of a monthly rule, as the form's checkboxes send them. */
export const RANGS = ['1', '2', '3', '4', '5', '-1'] as const;

export type Erreurs = Record<string, string>;
export type Lu<T> = ResultatFormulaire<T>;

/** The parsed body as a record (anything else reads as an empty form). */
export const corpsDe = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' ? (body as Record<string, unknown>) : {};

/** A single string field: arrays (a field sent twice) and other types count as garbage, to refuse in French. */
export const chaine = (v: unknown): string | null => (v === undefined ? '' : typeof v === 'string' ? v : null);

/** A field that may be sent several times (checkboxes), strings only. */
export const liste = (v: unknown): string[] =>
  v === undefined || v === '' ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

/** Fills `erreurs` with the first message of each field of a zod failure, field names given by `champ`. */
export function reporter(erreurs: Erreurs, issues: z.core.$ZodIssue[], champ: (path: PropertyKey[]) => string) {
  for (const i of issues) erreurs[champ(i.path)] ??= i.message;
}

/** A refused form: its messages and the values typed, to show again. */
export function echec<T>(body: unknown, erreurs: Erreurs): Lu<T> {
  return { ok: false, erreurs, valeurs: valeursSaisies(body) };
}

/** A multi-line text: line breaks are fine, other control characters and direction overrides are not. */
export function texteLong(libelle: string, max: number) {
  return z
    .string({ error: `${libelle} : texte attendu.` })
    .trim()
    .max(max, `${libelle} ne doit pas dépasser ${max} caractères.`)
    .refine(
      (s) => !CARACTERES_INTERDITS.test(s.replace(/\r?\n/g, '')),
      `${libelle} contient des caractères non autorisés.`,
    );
}

// ---------- weekly ranges, shared by agents and permanences ----------

/** Field name of one time: "lu-0-debut" (an agent's Monday, first range) or "p-1-fin" (a permanence's second range). */
export const champPlage = (prefixe: string, i: number, bord: 'debut' | 'fin') => `${prefixe}-${i}-${bord}`;

/** "9:30", "09:30", "9h30", "9h" → "09:30"; empty → ''; anything else null. */
function heure(v: unknown): string | null {
  const s = chaine(v);
  if (s === null) return null;
  if (s.trim() === '') return '';
  const m = /^(\d{1,2})\s*[:hH]\s*(\d{2})?(?::00)?$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mn = Number(m[2] ?? '0');
  if (h > 24 || mn > 59 || (h === 24 && mn > 0)) return null;
  return `${String(h).padStart(2, '0')}:${String(mn).padStart(2, '0')}`;
}

/** The ranges typed under a prefix, checked one by one (both ends, start before end) and against each other. */
function lirePlages(corps: Record<string, unknown>, prefixe: string, erreurs: Erreurs): Plage[] {
  const plages: Array<Plage & { i: number }> = [];
  for (let i = 0; i < PLAGES_PAR_JOUR; i++) {
    const [cd, cf] = [champPlage(prefixe, i, 'debut'), champPlage(prefixe, i, 'fin')];
    const [debut, fin] = [heure(corps[cd]), heure(corps[cf])];
    if (debut === null) erreurs[cd] = 'Heure invalide (format attendu : 09:30).';
    if (fin === null) erreurs[cf] = 'Heure invalide (format attendu : 09:30).';
    if (debut === null || fin === null || (debut === '' && fin === '')) continue;
    if (debut === '') erreurs[cd] = 'Indiquez l’heure de début de cette plage.';
    else if (fin === '') erreurs[cf] = 'Indiquez l’heure de fin de cette plage.';
    else {
      const p = Plage.safeParse({ debut, fin });
      if (p.success) plages.push({ ...p.data, i });
      else erreurs[cf] = p.error.issues[0]?.message ?? 'Plage invalide.';
    }
  }
  const [a, b] = plages;
  if (a && b && a.debut < b.fin && b.debut < a.fin) {
    erreurs[champPlage(prefixe, b.i, 'debut')] =
      'Les deux plages se chevauchent : la seconde doit commencer après la fin de la première.';
  }
  return plages.map(({ debut, fin }) => ({ debut, fin })).sort((x, y) => x.debut.localeCompare(y.debut));
}

/** An optional civil date of a validity period, within the shared window. */
function dateFacultative(v: unknown, champ: string, erreurs: Erreurs): string | undefined {
  const s = chaine(v);
  if (s === null) {
    erreurs[champ] = 'Saisissez une date au format JJ/MM/AAAA.';
    return undefined;
  }
  if (s.trim() === '') return undefined;
  const date = normaliserDate(s);
  if (!date) erreurs[champ] = 'Saisissez une date au format JJ/MM/AAAA.';
  else if (!dateReelle(date)) erreurs[champ] = 'Cette date n’existe pas.';
  else if (!dateDansFenetre(date)) erreurs[champ] = `La date doit être comprise ${fenetreEnClair()}.`;
  else return date;
  return undefined;
}

function periode(corps: Record<string, unknown>, erreurs: Erreurs) {
  const valideDu = dateFacultative(corps.valideDu, 'valideDu', erreurs);
  const valideAu = dateFacultative(corps.valideAu, 'valideAu', erreurs);
  if (valideDu && valideAu && valideAu < valideDu) erreurs.valideAu = 'La fin de validité doit suivre son début.';
  return { valideDu, valideAu };
}

// ---------- agents ----------

export interface SaisieAgent {
  utilisateurId?: string;
  modele: ModeleTravail;
}

/** An agent's weekly pattern at a site (two ranges a day at most), and on creation the person who receives. */
export function lireAgent(body: unknown, siteId: string, creation: boolean): Lu<SaisieAgent> {
  const corps = corpsDe(body);
  const erreurs: Erreurs = {};
  let utilisateurId: string | undefined;
  if (creation) {
    const u = z.uuid().safeParse(corps.utilisateurId);
    if (u.success) utilisateurId = u.data;
    else erreurs.utilisateurId = 'Choisissez la personne qui reçoit.';
  }
  const jours: Partial<Record<JourCle, Plage[]>> = {};
  for (const jour of JOURS) {
    const plages = lirePlages(corps, jour, erreurs);
    if (plages.length > 0) jours[jour] = plages;
  }
  const { valideDu, valideAu } = periode(corps, erreurs);
  if (Object.keys(jours).length === 0 && Object.keys(erreurs).every((c) => c === 'utilisateurId')) {
    erreurs[champPlage('lu', 0, 'debut')] = 'Indiquez au moins une plage de travail dans la semaine.';
  }
  const modele = ModeleTravail.safeParse({ siteId, jours, semaines: 'toutes', valideDu, valideAu });
  if (!modele.success) reporter(erreurs, modele.error.issues, (p) => (p[0] === 'jours' ? 'lu-0-debut' : 'valideAu'));
  if (Object.keys(erreurs).length > 0 || !modele.success) return echec(body, erreurs);
  return { ok: true, donnees: { utilisateurId, modele: { siteId, jours, semaines: 'toutes', valideDu, valideAu } } };
}

// ---------- permanences ----------

export interface SaisiePermanence {
  partenaireId: string;
  libelle: string;
  regle: RegleRecurrence;
  plages: Plage[];
  canaux: Canal[];
  valideDu?: string;
  valideAu?: string;
}

const TextesPermanence = z.object({
  partenaireId: z.uuid({ error: 'Choisissez le partenaire qui tient la permanence.' }),
  libelle: texte('le nom de la permanence', LIBELLE_RESSOURCE_MAX),
  frequence: z.enum(['hebdomadaire', 'mensuelle'], {
    error: 'Choisissez si la permanence est hebdomadaire ou mensuelle.',
  }),
  jour: z.enum(JOURS as [JourCle, ...JourCle[]], { error: 'Choisissez le jour de la permanence.' }),
  semaines: z.preprocess(
    (v) => (v === undefined || v === '' ? 'toutes' : v),
    z.enum(['toutes', 'paires', 'impaires'], { error: 'Choisissez les semaines de la permanence.' }),
  ),
});

/** A partner's permanence: one weekly or monthly rule with its ranges, the channels it serves, its validity period. */
export function lirePermanence(body: unknown, siteId: string): Lu<SaisiePermanence> {
  const corps = corpsDe(body);
  const erreurs: Erreurs = {};
  const textes = TextesPermanence.safeParse(corps);
  if (!textes.success) reporter(erreurs, textes.error.issues, (p) => String(p[0]));
  const plages = lirePlages(corps, 'p', erreurs);
  if (plages.length === 0 && !erreurs['p-0-debut'] && !erreurs['p-0-fin'] && !erreurs['p-1-debut']) {
    erreurs['p-0-debut'] = 'Indiquez au moins une plage horaire de la permanence.';
  }
  const canauxSaisis = liste(corps.canaux);
  const canaux = canauxSaisis.filter((c): c is Canal => (CANAUX as readonly string[]).includes(c));
  if (canaux.length !== canauxSaisis.length) erreurs.canaux = 'Choisissez des canaux de la liste.';
  const rangs = liste(corps.rangs);
  if (rangs.some((r) => !(RANGS as readonly string[]).includes(r)))
    erreurs.rangs = 'Choisissez des semaines de la liste.';
  const { valideDu, valideAu } = periode(corps, erreurs);
  if (!textes.success || Object.keys(erreurs).length > 0) return echec(body, erreurs);
  const t = textes.data;
  const regle: RegleRecurrence =
    t.frequence === 'hebdomadaire'
      ? { frequence: 'hebdomadaire', jour: t.jour, semaines: t.semaines }
      : {
          frequence: 'mensuelle',
          jour: t.jour,
          rangs: [...new Set(rangs)].map(Number) as Array<1 | 2 | 3 | 4 | 5 | -1>,
        };
  const p = Permanence.safeParse({
    siteId,
    partenaireId: t.partenaireId,
    occurrences: [{ regle, plages }],
    canaux: [...new Set(canaux)],
    valideDu,
    valideAu,
  });
  if (!p.success) {
    reporter(erreurs, p.error.issues, (path) =>
      path.includes('rangs') ? 'rangs' : path.includes('plages') ? 'p-0-debut' : String(path[0] ?? 'frequence'),
    );
    return echec(body, erreurs);
  }
  return {
    ok: true,
    donnees: {
      partenaireId: t.partenaireId,
      libelle: t.libelle,
      regle,
      plages,
      canaux: [...new Set(canaux)],
      valideDu,
      valideAu,
    },
  };
}

// ---------- absences ----------

export interface SaisieAbsence {
  debut: Date;
  fin: Date;
  motif: string | null;
}

/** "2027-01-05T09:00" (datetime-local) or "05/01/2027 09:00" → date and minutes; null when unreadable. */
function dateHeure(texteBrut: string): { date: string; minutes: number } | null {
  const t = texteBrut.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/.exec(t);
  const fr = /^(\d{1,2}\/\d{1,2}\/\d{4})\s+(\d{1,2})[:hH](\d{2})$/.exec(t);
  const m = iso ?? fr;
  if (!m) return null;
  const date = iso ? (m[1] as string) : normaliserDate(m[1] as string);
  const [h, mn] = [Number(m[2]), Number(m[3])];
  if (!date || h > 23 || mn > 59) return null;
  return { date, minutes: h * 60 + mn };
}

function instant(v: unknown, champ: string, libelle: string, fuseau: string, erreurs: Erreurs): Date | undefined {
  const s = chaine(v);
  if (s === null || s.trim() === '') {
    erreurs[champ] = `Saisissez ${libelle}.`;
    return undefined;
  }
  const lu = dateHeure(s);
  if (!lu) erreurs[champ] = `Saisissez ${libelle} au format JJ/MM/AAAA HH:MM.`;
  else if (!dateReelle(lu.date)) erreurs[champ] = 'Cette date n’existe pas.';
  else if (!dateDansFenetre(lu.date)) erreurs[champ] = `La date doit être comprise ${fenetreEnClair()}.`;
  else return instantMural(lu.date, lu.minutes, fuseau);
  return undefined;
}

/** An absence typed on the site's wall clock: ends after it starts, lasts at most a year, within the date window. */
export function lireAbsence(body: unknown, fuseau: string): Lu<SaisieAbsence> {
  const corps = corpsDe(body);
  const erreurs: Erreurs = {};
  const debut = instant(corps.debut, 'debut', 'le début de l’absence', fuseau, erreurs);
  const fin = instant(corps.fin, 'fin', 'la fin de l’absence', fuseau, erreurs);
  const motif = z
    .preprocess((v) => (v === undefined ? '' : v), texteLong('Le motif', MOTIF_ABSENCE_MAX))
    .refine((s) => !/[\r\n]/.test(s), 'Le motif tient sur une ligne.')
    .safeParse(corps.motif);
  if (!motif.success) erreurs.motif = motif.error.issues[0]?.message ?? 'Motif invalide.';
  if (debut && fin) {
    const a = Absence.safeParse({ debut, fin });
    if (!a.success) erreurs.fin = a.error.issues[0]?.message ?? 'La fin de l’absence doit suivre son début.';
    else if (fin.getTime() - debut.getTime() > ABSENCE_MAX_JOURS * 86_400_000) {
      erreurs.fin = 'Une absence dure au plus un an : enregistrez-en une autre pour la suite.';
    }
  }
  if (!debut || !fin || !motif.success || Object.keys(erreurs).length > 0) return echec(body, erreurs);
  return { ok: true, donnees: { debut, fin, motif: motif.data === '' ? null : motif.data } };
}
