import { z } from 'zod';
import {
  caseACocher,
  courrielFacultatif,
  identifiant,
  motifFacultatif,
  recherche,
  texte,
  texteFacultatif,
} from '../../platform/http/formulaire.ts';
import { CODES_DEPARTEMENTS } from '../territoires/index.ts';
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
  .refine((c) => CODES_DEPARTEMENTS.has(c), 'Département inconnu');

export const SaisieStructure = z.object({
  nom: texte('le nom de la structure', 200, 3),
  departement,
  porteur: z.enum(PORTEURS, { error: 'Choisissez le type de porteur' }),
});
export type SaisieStructure = z.infer<typeof SaisieStructure>;

const telephone = motifFacultatif(
  /^(0\d{9}|\+\d{11,12})$/,
  'Saisissez un numéro de téléphone valide, par exemple 01 23 45 67 89',
  (s) => s.replace(/[\s.\-()]/g, ''),
);

export const SaisieSite = z.object({
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
});
export type SaisieSite = z.infer<typeof SaisieSite>;

export const FiltreListe = z.object({
  q: recherche,
  structure: z.uuid().optional().catch(undefined),
  inactifs: caseACocher.optional().catch(false),
});
