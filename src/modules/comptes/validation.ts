import { z } from 'zod';
import { caseACocher, courriel, identifiant, liste, recherche, texte } from '../../platform/http/formulaire.ts';
import { ROLES } from '../portee/index.ts';
import { CODES_TERRITOIRES } from '../territoires/index.ts';

export const Connexion = z.object({
  courriel,
  motDePasse: z
    .string({ error: 'Saisissez votre mot de passe' })
    .min(1, 'Saisissez votre mot de passe')
    .max(1000, 'Mot de passe trop long'),
});
export type Connexion = z.infer<typeof Connexion>;

export const DemandeReinitialisation = z.object({ courriel });
export type DemandeReinitialisation = z.infer<typeof DemandeReinitialisation>;

export const NouveauMotDePasse = z
  .object({
    jeton: z.string({ error: 'Lien invalide' }).min(20, 'Lien invalide').max(100, 'Lien invalide'),
    motDePasse: z
      .string({ error: 'Saisissez un mot de passe' })
      .min(12, 'Le mot de passe doit contenir au moins 12 caractères')
      .max(128, 'Le mot de passe ne doit pas dépasser 128 caractères'),
    confirmation: z.string({ error: 'Confirmez le mot de passe' }),
  })
  .refine((v) => v.motDePasse === v.confirmation, {
    path: ['confirmation'],
    message: 'Les deux mots de passe ne sont pas identiques',
  });
export type NouveauMotDePasse = z.infer<typeof NouveauMotDePasse>;

const departements = z
  .string({ error: 'Saisissez des codes de département' })
  .trim()
  .max(200, 'Liste de départements trop longue')
  .transform((s) => [
    ...new Set(
      s
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((c) => c.toUpperCase()),
    ),
  ])
  .refine(
    (codes) => codes.every((c) => CODES_TERRITOIRES.has(c)),
    'Un code de département est inconnu (exemples : 92, 2A, 974)',
  );

/** The role and scope fields, shared by the creation form and the "add a role" form. */
export const ChampsHabilitation = z.object({
  role: z.enum(ROLES, { error: 'Choisissez un rôle' }),
  structureId: z.preprocess((v) => (v === '' ? undefined : v), identifiant('Structure inconnue').optional()),
  partenaireId: z.preprocess((v) => (v === '' ? undefined : v), identifiant('Partenaire inconnu').optional()),
  departements: z.preprocess((v) => (v === undefined ? '' : v), departements),
  siteIds: liste(identifiant('Site inconnu')),
});
export type ChampsHabilitation = z.infer<typeof ChampsHabilitation>;

export const Identite = z.object({
  prenom: texte('le prénom', 100),
  nom: texte('le nom', 100),
  courriel,
});
export type Identite = z.infer<typeof Identite>;

export const CreationUtilisateur = Identite.extend(ChampsHabilitation.shape);
export type CreationUtilisateur = z.infer<typeof CreationUtilisateur>;

export const FiltreListe = z.object({
  q: recherche,
  inactifs: caseACocher.optional().catch(false),
});
