import { z } from 'zod';
import { DATE_MIN, dateEnClair, dateReelle, normaliserDate } from '../../platform/http/dates.ts';
import {
  CARACTERES_INTERDITS,
  caseACocher,
  courrielFacultatif,
  identifiant,
  liste,
  motifFacultatif,
  recherche,
  texte,
  texteFacultatif,
} from '../../platform/http/formulaire.ts';
import { CODES_TERRITOIRES } from '../territoires/index.ts';
import { genreSiteEnum, porteurEnum } from './tables.ts';

export const PORTEURS = porteurEnum.enumValues;
export const GENRES_SITE = genreSiteEnum.enumValues;

export const LIBELLES_PORTEURS: Record<(typeof PORTEURS)[number], string> = {
  commune: 'Commune',
  intercommunalite: 'Intercommunalité',
  departement: 'Conseil départemental',
  association: 'Association',
  la_poste: 'La Poste',
  etat: 'Service de l’État',
  autre: 'Autre porteur',
};

export const LIBELLES_GENRES: Record<(typeof GENRES_SITE)[number], string> = {
  principal: 'Site principal',
  antenne: 'Antenne',
  multisite: 'Site d’une structure multi-sites',
  itinerant: 'Service itinérant',
};

const departement = z
  .string({ error: 'Choisissez le département' })
  .trim()
  .min(1, 'Choisissez le département')
  .refine((c) => CODES_TERRITOIRES.has(c), 'Département inconnu');

export const SaisieStructure = z.object({
  nom: texte('le nom de la structure', 200, 3),
  departement,
  porteur: z.enum(PORTEURS, { error: 'Choisissez le type de porteur' }),
});
export type SaisieStructure = z.infer<typeof SaisieStructure>;

/** The 9 national partners of the accord-cadre, by the code of migration 0001 (reference data, same everywhere). */
export const PARTENAIRES_NATIONAUX = [
  { code: 'france-travail', nom: 'France Travail' },
  { code: 'assurance-maladie', nom: 'Assurance Maladie (CNAM)' },
  { code: 'assurance-retraite', nom: 'Assurance Retraite (CNAV)' },
  { code: 'caf', nom: 'Caisse d’allocations familiales (CAF)' },
  { code: 'msa', nom: 'Mutualité sociale agricole (MSA)' },
  { code: 'la-poste', nom: 'La Poste' },
  { code: 'finances-publiques', nom: 'Finances publiques (DGFiP)' },
  { code: 'interieur-ants', nom: 'Intérieur – ANTS (France Titres)' },
  { code: 'justice', nom: 'Justice' },
] as const;
export const CODES_PARTENAIRES_NATIONAUX = PARTENAIRES_NATIONAUX.map((p) => p.code);

/**
 * What a site offers beyond the partners' services, from the France services bouquet. Stored as these labels in
 * `sites.services`; values brought by imports (mediation data standard) are kept and shown beside them. The post
 * office is not here: it has its own field (`agencePostale`), which the open data already reads.
 */
export const SERVICES_SITE = [
  'Accueil, information et orientation',
  'Accompagnement aux démarches en ligne',
  'Aide à la constitution de dossiers',
  'Accès libre à un ordinateur',
  'Accès à internet (wifi)',
  'Imprimante et scanner',
  'Visioconférence avec un partenaire',
  'Rendez-vous avec un partenaire sur place',
  'Initiation aux outils numériques',
] as const;

export const ACCESSIBILITE_MAX = 1000;
/** The public note (the national list's comments are at most 500 characters). */
export const NOTE_PUBLIQUE_MAX = 1000;

/**
 * Rough boxes around each part of France where a France services may stand: mainland and Corsica, then the overseas
 * départements and collectivities, with a small margin. A typo (a missing minus sign, a swapped pair) falls outside.
 */
const ZONES_FRANCE: Array<[latMin: number, latMax: number, lonMin: number, lonMax: number]> = [
  [41.25, 51.2, -5.3, 9.7], // mainland and Corsica
  [15.75, 16.6, -61.9, -60.9], // Guadeloupe
  [14.3, 14.95, -61.3, -60.75], // Martinique
  [2.05, 5.85, -54.7, -51.55], // Guyane
  [-21.45, -20.8, 55.15, 55.9], // La Réunion
  [-13.1, -12.55, 44.9, 45.4], // Mayotte
  [46.7, 47.2, -56.5, -56.05], // Saint-Pierre-et-Miquelon
  [17.82, 18.0, -63.0, -62.75], // Saint-Barthélemy
  [18.0, 18.15, -63.2, -62.95], // Saint-Martin
];

/** True when the point is in mainland France, Corsica or an overseas département or collectivity of the Atlantic or Indian Ocean. */
export function enFrance(latitude: number, longitude: number): boolean {
  return ZONES_FRANCE.some(([a, b, c, d]) => latitude >= a && latitude <= b && longitude >= c && longitude <= d);
}

/** An optional decimal degree ("48.7782" or "48,7782"), within ±borne. */
function coordonnee(borne: number, message: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(',', '.')) : v),
    z
      .string({ error: message })
      .regex(/^[-+]?\d{1,3}(\.\d{1,12})?$/, message)
      .transform(Number)
      .refine((n) => Math.abs(n) <= borne, message)
      .optional(),
  );
}

// A multi-line text: line breaks (and tabs) are allowed, other control characters are not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROLE_HORS_LIGNES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** An optional multi-line text (textarea): line endings normalised, empty becomes undefined. */
function texteLong(libelle: string, max: number, pluriel = true) {
  const [doit, contient] = pluriel ? ['doivent', 'contiennent'] : ['doit', 'contient'];
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.replace(/\r\n?/g, '\n').trim()) : v),
    z
      .string({ error: `${libelle} ${doit} être un texte` })
      .max(max, `${libelle} ne ${doit} pas dépasser ${max} caractères`)
      .refine((s) => !CONTROLE_HORS_LIGNES.test(s), `${libelle} ${contient} des caractères non autorisés`)
      .optional(),
  );
}

/** "2022-01-15" (what a date input sends) or "15/01/2022" (typed where date inputs are not supported), if a real day. */
export function lireDateSaisie(texte: string): string | null {
  const date = normaliserDate(texte);
  return date && dateReelle(date) ? date : null;
}

const MESSAGE_DATE_LABEL = 'Saisissez une date valide, par exemple 15/01/2022';

// The shared window's first day, and no later than next year: a label is granted, not planned years ahead.
const dateFacultative = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : (lireDateSaisie(v) ?? '!')) : v),
  z
    .string({ error: MESSAGE_DATE_LABEL })
    .regex(/^\d{4}-\d{2}-\d{2}$/, MESSAGE_DATE_LABEL)
    .refine((d) => d >= DATE_MIN, `La date de labellisation ne peut pas précéder le ${dateEnClair(DATE_MIN)}`)
    .refine((d) => d <= `${new Date().getUTCFullYear() + 1}-12-31`, 'La date de labellisation est trop lointaine')
    .optional(),
);

const telephone = motifFacultatif(
  /^(0\d{9}|\+\d{11,12})$/,
  'Saisissez un numéro de téléphone valide, par exemple 01 23 45 67 89',
  (s) => s.replace(/[\s.\-()]/g, ''),
);

export const SaisieSite = z
  .object({
    structureId: identifiant('Structure inconnue', 'Choisissez la structure'),
    nom: texte('le nom du site', 200, 3),
    genre: z.enum(GENRES_SITE, { error: 'Choisissez le type de site' }),
    adresse: texte('l’adresse', 200),
    complementAdresse: texteFacultatif('le complément d’adresse', 200),
    codePostal: z
      .string({ error: 'Saisissez le code postal' })
      .trim()
      .min(1, 'Saisissez le code postal')
      .regex(/^\d{5}$/, 'Le code postal doit comporter 5 chiffres, par exemple 92330'),
    commune: texte('la commune', 120),
    codeInsee: motifFacultatif(
      /^(\d{5}|2[AB]\d{3})$/,
      'Le code commune INSEE comporte 5 caractères, par exemple 92071 ou 2A004',
      (s) => s.trim().toUpperCase(),
    ),
    telephone,
    courriel: courrielFacultatif,
    agencePostale: caseACocher,
    latitude: coordonnee(90, 'La latitude est un nombre décimal entre -90 et 90, par exemple 48.7782'),
    longitude: coordonnee(180, 'La longitude est un nombre décimal entre -180 et 180, par exemple 2.2846'),
    accessibilite: texteLong('Les informations d’accessibilité', ACCESSIBILITE_MAX),
    commentaire: texteLong('La note publique', NOTE_PUBLIQUE_MAX, false),
    services: liste(
      z
        .string({ error: 'Service inconnu' })
        .trim()
        .min(1, 'Service inconnu')
        .max(200, 'Service inconnu')
        .refine((s) => !CARACTERES_INTERDITS.test(s), 'Service inconnu'),
    ),
    partenaires: liste(z.enum(CODES_PARTENAIRES_NATIONAUX, { error: 'Partenaire inconnu' })),
    dateLabellisation: dateFacultative,
    idFs: motifFacultatif(
      /^\d{1,9}$/,
      'L’identifiant ANCT (id_fs) est un nombre entier positif, par exemple 1234',
      (s) => s.replace(/\s/g, ''),
    ).transform((s) => (s === undefined ? undefined : Number(s))),
  })
  .superRefine(
    (s, ctx) => {
      const { latitude, longitude } = s;
      if (latitude !== undefined && longitude === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['longitude'],
          message: 'Saisissez aussi la longitude, ou effacez la latitude',
        });
      } else if (longitude !== undefined && latitude === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['latitude'],
          message: 'Saisissez aussi la latitude, ou effacez la longitude',
        });
      } else if (latitude !== undefined && longitude !== undefined && !enFrance(latitude, longitude)) {
        ctx.addIssue({
          code: 'custom',
          path: ['latitude'],
          message: enFrance(longitude, latitude)
            ? 'La latitude et la longitude semblent inversées : la latitude vient en premier (par exemple 48.7782 pour Sceaux)'
            : 'Ce point n’est pas en France (métropole ou outre-mer) : vérifiez la latitude et la longitude',
        });
      }
    },
    // Checked even when other fields are wrong, so that every error shows at once; not when a coordinate is unreadable.
    { when: (p) => !p.issues.some((i) => i.path?.[0] === 'latitude' || i.path?.[0] === 'longitude') },
  );
export type SaisieSite = z.infer<typeof SaisieSite>;

export const FiltreListe = z.object({
  q: recherche,
  structure: z.uuid().optional().catch(undefined),
  inactifs: caseACocher.optional().catch(false),
});
