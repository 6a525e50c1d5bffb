// The manager's forms of appointments (motifs, agents' weekly patterns, partners' permanences, absences), with French
// messages keyed by field. Bounds come from the domain schemas (`Motif` of motif.ts, `ModeleTravail`, `Permanence`,
// `Absence` of capacite.ts), never restated here: a form only turns what a browser sends into their input.

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
import { Motif } from './motif.ts';

/** Ranges per weekday in the agent's form and per rule in the permanence's form. */
export const PLAGES_PAR_JOUR = 2;
/** "At most N appointments per person and day" (the table's check says the same). */
export const MAX_PAR_PERSONNE_JOUR = 20;
export const NOM_MOTIF_MAX = 120;
export const INSTRUCTIONS_MAX = 1000;
export const LIEN_VISIO_MAX = 500;
export const LIBELLE_RESSOURCE_MAX = 120;
export const MOTIF_ABSENCE_MAX = 200;
/** Longest absence, in days. */
export const ABSENCE_MAX_JOURS = 366;
/** Ranks of a monthly rule, as the form's checkboxes send them. */
export const RANGS = ['1', '2', '3', '4', '5', '-1'] as const;

type Erreurs = Record<string, string>;
type Lu<T> = ResultatFormulaire<T>;

const corpsDe = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' ? (body as Record<string, unknown>) : {};

/** A single string field: arrays (a field sent twice) and other types count as garbage, to refuse in French. */
const chaine = (v: unknown): string | null => (v === undefined ? '' : typeof v === 'string' ? v : null);

const liste = (v: unknown): string[] =>
  v === undefined || v === '' ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

/** Fills `erreurs` with the first message of each field of a zod failure, field names given by `champ`. */
function reporter(erreurs: Erreurs, issues: z.core.$ZodIssue[], champ: (path: PropertyKey[]) => string) {
  for (const i of issues) erreurs[champ(i.path)] ??= i.message;
}

function echec<T>(body: unknown, erreurs: Erreurs): Lu<T> {
  return { ok: false, erreurs, valeurs: valeursSaisies(body) };
}

/** A non-negative integer typed in a form; `undefined` when left empty, an error message when unreadable. */
function entier(v: unknown, libelle: string): number | undefined | { erreur: string } {
  const s = chaine(v);
  if (s === null) return { erreur: `${libelle} : nombre entier attendu.` };
  if (s.trim() === '') return undefined;
  if (!/^\d{1,6}$/.test(s.trim())) return { erreur: `${libelle} : nombre entier attendu, par exemple 30.` };
  return Number(s.trim());
}

/** A multi-line text: line breaks are fine, other control characters and direction overrides are not. */
function texteLong(libelle: string, max: number) {
  return z
    .string({ error: `${libelle} : texte attendu.` })
    .trim()
    .max(max, `${libelle} ne doit pas dépasser ${max} caractères.`)
    .refine(
      (s) => !CARACTERES_INTERDITS.test(s.replace(/\r?\n/g, '')),
      `${libelle} contient des caractères non autorisés.`,
    );
}

/** Why a video link is refused, or null when it is an https address (no credentials, no spaces). */
export function erreurLienVisio(lien: string): string | null {
  if (lien.length > LIEN_VISIO_MAX)
    return `Le lien de visioconférence ne doit pas dépasser ${LIEN_VISIO_MAX} caractères.`;
  if (/^http:\/\//i.test(lien)) return 'Le lien de visioconférence doit commencer par https:// (connexion chiffrée).';
  let url: URL;
  try {
    url = new URL(lien);
  } catch {
    return 'Saisissez l’adresse complète de la visioconférence, commençant par https://.';
  }
  if (url.protocol !== 'https:' || !url.hostname || /\s/.test(lien) || CARACTERES_INTERDITS.test(lien)) {
    return 'Saisissez l’adresse complète de la visioconférence, commençant par https://.';
  }
  if (url.username || url.password)
    return 'Le lien de visioconférence ne doit pas contenir d’identifiant ni de mot de passe.';
  return null;
}

// ---------- motifs ----------

export interface SaisieMotif {
  nom: string;
  duree: number;
  tamponApres: number;
  pas: number | null;
  canal: Canal;
  partenaireId: string | null;
  reservableEnLigne: boolean;
  fenetreJours: number;
  delaiMinimal: number;
  maxParPersonneJour: number;
  instructions: string;
  lienVisio: string | null;
  ressources: string[];
}

const TextesMotif = z.object({
  nom: texte('le nom du motif', NOM_MOTIF_MAX),
  instructions: z.preprocess((v) => v ?? '', texteLong('Le texte des consignes', INSTRUCTIONS_MAX)),
  reservation: z.enum(['guichet', 'en_ligne'], { error: 'Choisissez qui peut prendre ce rendez-vous.' }),
  partenaireId: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.uuid({ error: 'Choisissez un partenaire de la liste.' }).optional(),
  ),
});

const NOMBRES_MOTIF = {
  duree: 'Durée',
  tamponApres: 'Battement après le rendez-vous',
  pas: 'Pas de la grille',
  fenetreJours: 'Fenêtre',
  delaiMinimal: 'Délai de prévenance',
  maxParPersonneJour: 'Rendez-vous par personne et par jour',
} as const;

/** The motif form: text fields checked here, numbers and resources by the `Motif` schema of motif.ts. */
export function lireMotif(body: unknown): Lu<SaisieMotif> {
  const corps = corpsDe(body);
  const erreurs: Erreurs = {};
  const textes = TextesMotif.safeParse(corps);
  if (!textes.success) reporter(erreurs, textes.error.issues, (p) => String(p[0]));

  const nombres: Record<string, number | undefined> = {};
  for (const [champ, libelle] of Object.entries(NOMBRES_MOTIF)) {
    const n = entier(corps[champ], libelle);
    if (typeof n === 'object') erreurs[champ] = n.erreur;
    else nombres[champ] = n;
  }
  if (nombres.duree === undefined && !erreurs.duree) erreurs.duree = 'Saisissez la durée du rendez-vous, en minutes.';
  if (nombres.fenetreJours === undefined && !erreurs.fenetreJours) {
    erreurs.fenetreJours = 'Saisissez jusqu’à combien de jours à l’avance on peut réserver.';
  }
  const max = nombres.maxParPersonneJour ?? 1;
  if (!erreurs.maxParPersonneJour && (max < 1 || max > MAX_PAR_PERSONNE_JOUR)) {
    erreurs.maxParPersonneJour = `Rendez-vous par personne et par jour : entre 1 et ${MAX_PAR_PERSONNE_JOUR}.`;
  }
  const canal = chaine(corps.canal) ?? '';
  if (canal === '') erreurs.canal = 'Choisissez le canal du rendez-vous.';

  const ressources = liste(corps.ressources);
  const motif = Motif.safeParse({
    duree: nombres.duree,
    tamponApres: nombres.tamponApres ?? 0,
    pas: nombres.pas,
    canal,
    fenetreJours: nombres.fenetreJours,
    delaiMinimal: nombres.delaiMinimal ?? 0,
    ressources,
  });
  if (!motif.success) reporter(erreurs, motif.error.issues, (p) => String(p[0]));

  const lienSaisi = chaine(corps.lienVisio);
  // A field sent twice is no address: refused as unreadable.
  const lien = lienSaisi === null ? 'invalide' : lienSaisi.trim();
  if (canal === 'visio') {
    if (lien === '') erreurs.lienVisio = 'Saisissez le lien de la visioconférence : il est envoyé à la personne.';
    else {
      const e = erreurLienVisio(lien);
      if (e) erreurs.lienVisio = e;
    }
  }
  if (!textes.success || !motif.success || Object.keys(erreurs).length > 0) return echec(body, erreurs);
  return {
    ok: true,
    donnees: {
      nom: textes.data.nom,
      duree: motif.data.duree,
      tamponApres: motif.data.tamponApres,
      pas: motif.data.pas ?? null,
      canal: motif.data.canal,
      partenaireId: textes.data.partenaireId ?? null,
      reservableEnLigne: textes.data.reservation === 'en_ligne',
      fenetreJours: motif.data.fenetreJours,
      delaiMinimal: motif.data.delaiMinimal,
      maxParPersonneJour: max,
      instructions: textes.data.instructions,
      // A link is kept for visio motifs only: no other channel sends one.
      lienVisio: motif.data.canal === 'visio' ? lien : null,
      ressources: [...new Set(motif.data.ressources)],
    },
  };
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
