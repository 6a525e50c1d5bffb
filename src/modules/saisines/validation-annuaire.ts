import { z } from 'zod';
import { champDate } from '../../platform/http/dates.ts';
import {
  CARACTERES_INTERDITS,
  caseACocher,
  courriel,
  courrielFacultatif,
  identifiant,
  liste,
  motifFacultatif,
  texte,
  texteFacultatif,
} from '../../platform/http/formulaire.ts';
import { CODES_TERRITOIRES } from '../territoires/index.ts';
import { DELAI_MAX_JOURS, DELAI_MIN_JOURS } from './delais.ts';
import { rangReferentEnum } from './tables.ts';

export const RANGS = rangReferentEnum.enumValues;
export type Rang = (typeof RANGS)[number];
export const LIBELLES_RANGS: Record<Rang, string> = { titulaire: 'Titulaire', suppleant: 'Suppléant ou suppléante' };

/** An entry narrowed to more structures than this is better kept for the whole département. */
export const STRUCTURES_MAX = 30;
/** An absence is recorded for at most a year. */
export const ABSENCE_JOURS_MAX = 366;
export const MODALITES_MAX = 1000;

/** A département or overseas collectivity code, as structures hold them. */
const codeDepartement = z
  .string({ error: 'Choisissez le département' })
  .trim()
  .min(1, 'Choisissez le département')
  .refine((c) => CODES_TERRITOIRES.has(c), 'Département inconnu');

/** A French or international phone number, spaces and dots allowed: stored as typed, trimmed. */
const telephone = motifFacultatif(
  /^(?:0\d{9}|\+\d{11,12})$/,
  'Saisissez un numéro de téléphone valide, par exemple 01 23 45 67 89',
  (s) => s.replace(/[\s.\-()]/g, ''),
);

const champsCommuns = {
  rang: z.enum(RANGS, { error: 'Choisissez titulaire ou suppléant' }),
  prenom: texte('le prénom', 100),
  nom: texte('le nom', 100),
  fonction: texteFacultatif('la fonction', 150),
  telephone,
  courriel,
  structures: liste(identifiant('Structure inconnue')).refine(
    (l) => l.length <= STRUCTURES_MAX,
    `Choisissez au plus ${STRUCTURES_MAX} structures, ou aucune pour tout le département`,
  ),
  courrielCompte: courrielFacultatif,
};

/** The edit form of a directory entry: its partner and département stay as created. */
export const SaisieReferent = z.object(champsCommuns);
export type SaisieReferent = z.infer<typeof SaisieReferent>;

/** A new directory entry: partner and département first. */
export const SaisieNouveauReferent = z.object({
  partenaireId: identifiant('Partenaire inconnu', 'Choisissez le partenaire'),
  departement: codeDepartement,
  ...champsCommuns,
});
export type SaisieNouveauReferent = z.infer<typeof SaisieNouveauReferent>;

const joursEntre = (du: string, au: string) => (Date.parse(`${au}T00:00:00Z`) - Date.parse(`${du}T00:00:00Z`)) / 864e5;

/** An absence: civil dates, inclusive, the end not before the start, a year at most. */
export const SaisieAbsence = z
  .object({ du: champDate('la date de début'), au: champDate('la date de fin') })
  .superRefine((a, ctx) => {
    if (a.au < a.du)
      ctx.addIssue({ code: 'custom', path: ['au'], message: 'La date de fin ne peut pas précéder la date de début.' });
    else if (joursEntre(a.du, a.au) >= ABSENCE_JOURS_MAX)
      ctx.addIssue({ code: 'custom', path: ['au'], message: 'Une absence dure au plus un an.' });
  });
export type SaisieAbsence = z.infer<typeof SaisieAbsence>;

/** Line breaks are welcome in a description of modalities; other control characters are not. */
const modalites = z
  .string({ error: 'Décrivez les modalités' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1, 'Décrivez les modalités')
      .max(MODALITES_MAX, `Les modalités ne doivent pas dépasser ${MODALITES_MAX} caractères`)
      .refine(
        (s) => !CARACTERES_INTERDITS.test(s.replaceAll('\n', ' ')),
        'Les modalités contiennent des caractères non autorisés',
      ),
  );

/** A partner's complementary offer at a site (convention annexe 5). */
export const SaisieOffre = z.object({
  modalites,
  permanence: caseACocher,
  rendezVous: caseACocher,
  visio: caseACocher,
});
export type SaisieOffre = z.infer<typeof SaisieOffre>;

/** One partner's deadline as typed: empty for the national default, else whole working days within the bounds. */
export const SaisieDelai = z.preprocess(
  (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'Saisissez un nombre de jours ouvrés' })
    .regex(/^\d{1,2}$/, `Saisissez un nombre entier de jours ouvrés entre ${DELAI_MIN_JOURS} et ${DELAI_MAX_JOURS}`)
    .transform(Number)
    .refine(
      (n) => n >= DELAI_MIN_JOURS && n <= DELAI_MAX_JOURS,
      `Saisissez un nombre entier de jours ouvrés entre ${DELAI_MIN_JOURS} et ${DELAI_MAX_JOURS}`,
    )
    .nullable(),
);

/** The filters of the directory: anything unusable is ignored. */
export const FiltreAnnuaire = z.object({
  departement: z
    .string()
    .trim()
    .refine((c) => CODES_TERRITOIRES.has(c))
    .optional()
    .catch(undefined),
  partenaire: z.uuid().optional().catch(undefined),
  inactifs: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === 'on'),
});
export type FiltreAnnuaire = z.infer<typeof FiltreAnnuaire>;

/** The tableau's département, required by its files. */
export const DepartementTableau = z.object({ departement: codeDepartement });
