import { z } from 'zod';
import { champDate } from '../../platform/http/dates.ts';
import { CARACTERES_INTERDITS, caseACocher, liste } from '../../platform/http/formulaire.ts';
import { canalEnum, dureeEnum, issueEnum, niveauAideEnum, trancheAgeEnum } from './tables.ts';

export type Canal = (typeof canalEnum.enumValues)[number];
export type Niveau = (typeof niveauAideEnum.enumValues)[number];
export type Issue = (typeof issueEnum.enumValues)[number];
export type Duree = (typeof dureeEnum.enumValues)[number];
export type TrancheAge = (typeof trancheAgeEnum.enumValues)[number];

export const LIBELLES_CANAUX: Record<Canal, string> = {
  accueil_physique: 'Accueil physique',
  telephone: 'Téléphone',
  courriel_formulaire: 'Courriel ou formulaire',
  visio: 'Visio',
  hors_les_murs: 'Hors les murs',
};
export const LIBELLES_NIVEAUX: Record<Niveau, string> = {
  information_orientation: 'Information / orientation',
  accompagnement_numerique: 'Accompagnement au numérique',
  aide_demarche: 'Aide à la démarche ou au dossier',
  mise_en_relation: 'Mise en relation avec le partenaire',
  prise_rdv: 'Prise de rendez-vous',
};
export const LIBELLES_ISSUES: Record<Issue, string> = {
  resolu: 'Résolu sur place',
  a_suivre: 'À suivre',
  oriente_partenaire: 'Orienté vers un partenaire',
  transmis_referent: 'Transmis au référent',
};
export const LIBELLES_DUREES: Record<Duree, string> = {
  moins_10: 'Moins de 10 min',
  de_10_a_30: '10 à 30 min',
  de_30_a_60: '30 min à 1 h',
  plus_60: 'Plus d’1 h',
};
export const LIBELLES_TRANCHES_AGE: Record<TrancheAge, string> = {
  moins_26: 'Moins de 26 ans',
  de_26_a_39: '26 à 39 ans',
  de_40_a_54: '40 à 54 ans',
  de_55_a_64: '55 à 64 ans',
  de_65_a_74: '65 à 74 ans',
  plus_75: '75 ans et plus',
};

export const NOTE_MAX = 200;

const choix = <T extends string>(valeurs: readonly [T, ...T[]], message: string) => z.enum(valeurs, { error: message });

/** Empty strings are "not given". */
const vide = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const texteLibre = (max: number, libelle: string) =>
  z.preprocess(
    vide,
    z
      .string({ error: `${libelle} : texte attendu.` })
      .trim()
      .max(max, `${libelle} ne doit pas dépasser ${max} caractères.`)
      .refine((s) => !CARACTERES_INTERDITS.test(s), `${libelle} contient des caractères non autorisés.`)
      .optional(),
  );

/**
 * A request as typed at the counter. The situation is typed text (a few letters, resolved by the service against the
 * catalogue) or an id (edit form); partners may be left empty (then the situation's usual partner is used); the date
 * and time are optional (now).
 */
export const SaisieSollicitation = z.object({
  site: z.preprocess(vide, z.uuid({ error: 'Choisissez le lieu de l’accueil.' })),
  arret: z.preprocess(vide, z.uuid({ error: 'Choisissez un arrêt de la liste.' }).optional()),
  canal: choix(canalEnum.enumValues, 'Choisissez le canal de la sollicitation.'),
  situation: z.preprocess(
    vide,
    z
      .string({ error: 'Indiquez la situation de vie, par exemple « papiers d’identité ».' })
      .trim()
      .max(200, 'La situation ne doit pas dépasser 200 caractères.')
      .refine((s) => !CARACTERES_INTERDITS.test(s), 'La situation contient des caractères non autorisés.'),
  ),
  partenaires: liste(z.uuid({ error: 'Choisissez les partenaires dans la liste.' })).pipe(
    z.array(z.string()).max(12, 'Choisissez au plus 12 partenaires.'),
  ),
  niveau: choix(niveauAideEnum.enumValues, 'Choisissez le niveau d’aide apporté.'),
  issue: choix(issueEnum.enumValues, 'Choisissez l’issue de la sollicitation.'),
  duree: choix(dureeEnum.enumValues, 'Choisissez la durée.'),
  nonRecours: caseACocher,
  difficulteNumerique: caseACocher,
  premiereVisite: caseACocher,
  trancheAge: z.preprocess(
    vide,
    choix(trancheAgeEnum.enumValues, 'Choisissez une tranche d’âge de la liste.').optional(),
  ),
  communeResidence: texteLibre(80, 'La commune de résidence'),
  note: texteLibre(NOTE_MAX, 'La note'),
  date: z.preprocess(vide, champDate('la date').optional()),
  heure: z.preprocess(
    vide,
    z
      .string({ error: 'Heure invalide.' })
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Saisissez une heure au format HH:MM, par exemple 14:30.')
      .optional(),
  ),
  /** The mandate the request is done under, when the agent acts in the person's name (issue 14). */
  mandat: z.preprocess(vide, z.uuid({ error: 'Ce mandat est introuvable.' }).optional()),
});
export type SaisieSollicitation = z.infer<typeof SaisieSollicitation>;

/** Labels of the form's fields, for the error summary. */
export const LIBELLES_CHAMPS: Record<string, string> = {
  site: 'Lieu',
  arret: 'Arrêt',
  canal: 'Canal',
  situation: 'Situation de vie',
  partenaires: 'Partenaires',
  niveau: 'Niveau d’aide',
  issue: 'Issue',
  duree: 'Durée',
  trancheAge: 'Tranche d’âge',
  communeResidence: 'Commune de résidence',
  note: 'Note',
  date: 'Date',
  heure: 'Heure',
  mandat: 'Mandat',
};

/** The export form: a date range (at most 366 days) and, for someone who sees several structures, one of them. */
export const PeriodeExport = z
  .object({
    du: champDate('la date de début'),
    au: champDate('la date de fin'),
    structure: z.preprocess(vide, z.uuid({ error: 'Choisissez une structure de la liste.' }).optional()),
  })
  .refine((p) => p.au >= p.du, { path: ['au'], message: 'La date de fin doit suivre la date de début.' })
  .refine((p) => Date.parse(p.au) - Date.parse(p.du) <= 366 * 86_400_000, {
    path: ['au'],
    message: 'La période exportée ne peut pas dépasser un an.',
  });
export type PeriodeExport = z.infer<typeof PeriodeExport>;

const uuidFacultatif = z.uuid().optional().catch(undefined);

/**
 * The day page's query string. A day that is not a date of the window is refused (a 400 in French); a site or an
 * entry id that is not a UUID is ignored, as a stale link would be.
 */
export const RequeteJournee = z.object({
  site: uuidFacultatif,
  jour: z.preprocess(vide, champDate('la date de la journée').optional()),
  enregistree: uuidFacultatif,
  page: z.preprocess(
    vide,
    z.coerce
      .number({ error: 'Le numéro de page est un nombre entier, par exemple 2.' })
      .int('Le numéro de page est un nombre entier, par exemple 2.')
      .min(1, 'Le numéro de page est un nombre entier, par exemple 2.')
      .max(1000, 'Le numéro de page est un nombre entier, par exemple 2.')
      .optional(),
  ),
});
export type RequeteJournee = z.infer<typeof RequeteJournee>;

/**
 * What another page may prefill in the quick entry through the query string (the day board, when a visit ends): the
 * channel, the partner, and the situation as text or as the id of a catalogue situation (shown by its name); the mandate
 * page, the mandate the request is done under (issue 14). Anything unusable is ignored, the agent then chooses as usual.
 */
export const Preremplissage = z.object({
  canal: z.enum(canalEnum.enumValues).optional().catch(undefined),
  partenaires: z.uuid().optional().catch(undefined),
  situationId: z.uuid().optional().catch(undefined),
  mandat: z.uuid().optional().catch(undefined),
  situation: z
    .string()
    .trim()
    .max(200)
    .refine((s) => !CARACTERES_INTERDITS.test(s))
    .optional()
    .catch(undefined),
});
export type Preremplissage = z.infer<typeof Preremplissage>;
