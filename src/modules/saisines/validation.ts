// Forms and query strings of cases (issue 13, points 2 and 3), with French messages.

import { z } from 'zod';
import { dateReelle, normaliserDate } from '../../platform/http/dates.ts';
import { caseACocher, identifiant, texte, texteFacultatif } from '../../platform/http/formulaire.ts';
import { issueSaisineEnum, statutSaisineEnum, urgenceSaisineEnum } from './tables.ts';

/** The question and each message of the thread. */
export const TEXTE_SAISINE_MAX = 5000;
/** Birth dates before this are typing errors. */
export const NAISSANCE_MIN = '1900-01-01';

// C0 controls except tab and line breaks, DEL, C1 controls and bidirectional overrides: never in a text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROLES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A required multi-line text: line breaks kept (normalised to \n), trimmed, bounded, no control characters. */
function texteLong(libelle: string, max: number) {
  const majuscule = libelle.charAt(0).toUpperCase() + libelle.slice(1);
  return z
    .string({ error: `Saisissez ${libelle}` })
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, `Saisissez ${libelle}`)
        .max(max, `${majuscule} ne doit pas dépasser ${max.toLocaleString('fr-FR')} caractères`)
        .refine((s) => !CONTROLES.test(s), `${majuscule} contient des caractères non autorisés`),
    );
}

/** A birth date: a real day, not before 1900 and not in the future (today on the server's UTC clock, a day of slack). */
const dateNaissance = z.string({ error: 'Saisissez la date de naissance' }).transform((brut, ctx) => {
  const refuser = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (brut.trim() === '') return refuser('Saisissez la date de naissance');
  const date = normaliserDate(brut);
  if (!date) return refuser('Saisissez la date de naissance au format JJ/MM/AAAA, par exemple 14/07/1985');
  if (!dateReelle(date)) return refuser('Cette date n’existe pas');
  if (date < NAISSANCE_MIN) return refuser('La date de naissance ne peut pas précéder le 01/01/1900');
  const demain = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  if (date > demain) return refuser('La date de naissance ne peut pas être dans le futur');
  return date;
});

export const URGENCES = urgenceSaisineEnum.enumValues;
export type Urgence = (typeof URGENCES)[number];
export const STATUTS = statutSaisineEnum.enumValues;
export type StatutSaisine = (typeof STATUTS)[number];
export const ISSUES = issueSaisineEnum.enumValues;
export type IssueSaisine = (typeof ISSUES)[number];

export const LIBELLES_URGENCES: Record<Urgence, string> = {
  aucune: 'Aucune urgence particulière',
  droits_bloques: 'Droits bloqués',
  revenus_coupes: 'Revenus coupés',
};
export const LIBELLES_STATUTS: Record<StatutSaisine, string> = {
  nouvelle: 'Nouvelle',
  prise_en_charge: 'Prise en charge',
  reponse_apportee: 'Réponse apportée',
  cloturee: 'Clôturée',
};
export const LIBELLES_ISSUES_SAISINE: Record<IssueSaisine, string> = {
  droit_ouvert_ou_retabli: 'Droit ouvert ou rétabli',
  dossier_debloque: 'Dossier débloqué',
  reoriente: 'Réorientée',
  sans_suite: 'Sans suite',
};

/**
 * A new case, typed at the desk. Its legal basis is the consent given at the desk (the box ticked) or a mandate of the
 * person (issue 14: the form opened from the mandate carries it; the service checks it may be used).
 */
export const SaisieSaisine = z
  .object({
    partenaire: identifiant('Choisissez un partenaire dans la liste', 'Choisissez le partenaire saisi'),
    sollicitation: z.uuid().optional().catch(undefined),
    prenom: texte('le prénom', 100),
    nom: texte('le nom', 100),
    dateNaissance,
    numeroDossier: texteFacultatif('le numéro de dossier', 50),
    baseLegale: z.enum(['consentement', 'mandat'], { error: 'Choisissez la base légale de la transmission' }),
    consentement: caseACocher,
    mandat: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.uuid({ error: 'Ce mandat est introuvable.' }).optional(),
    ),
    question: texteLong('la question posée au référent', TEXTE_SAISINE_MAX),
    urgence: z.enum(URGENCES, { error: 'Choisissez le niveau d’urgence' }),
  })
  .superRefine((s, ctx) => {
    if (s.baseLegale === 'consentement' && !s.consentement) {
      ctx.addIssue({
        code: 'custom',
        path: ['consentement'],
        message: 'Cochez la case pour confirmer que la personne a donné son consentement au guichet',
      });
    }
    if (s.baseLegale === 'mandat' && !s.mandat) {
      ctx.addIssue({
        code: 'custom',
        path: ['baseLegale'],
        message:
          'Aucun mandat n’est indiqué : ouvrez ce formulaire depuis la page du mandat de la personne, ou recueillez son consentement',
      });
    }
  });
export type SaisieSaisine = z.infer<typeof SaisieSaisine>;

export const SaisieMessageSaisine = z.object({ texte: texteLong('le texte du message', TEXTE_SAISINE_MAX) });

export const SaisieClotureSaisine = z.object({
  issue: z.enum(ISSUES, { error: 'Choisissez l’issue de la saisine' }),
});

export const FILTRES_SAISINES = ['ouvertes', ...STATUTS, 'toutes'] as const;
export type FiltreSaisines = (typeof FILTRES_SAISINES)[number];

/** `?statut=` of the list: anything else shows the open cases. */
export const RequeteSaisines = z.object({
  statut: z.enum(FILTRES_SAISINES).catch('ouvertes').default('ouvertes'),
});

/** `?sollicitation=` and `?mandat=` of the creation form: what to prefill from (anything malformed is ignored). */
export const RequeteNouvelleSaisine = z.object({
  sollicitation: z.uuid().optional().catch(undefined),
  mandat: z.uuid().optional().catch(undefined),
});

export const LIBELLES_CHAMPS_SAISINE: Record<string, string> = {
  partenaire: 'Partenaire',
  prenom: 'Prénom',
  nom: 'Nom',
  dateNaissance: 'Date de naissance',
  numeroDossier: 'Numéro de dossier',
  baseLegale: 'Base légale',
  mandat: 'Mandat',
  consentement: 'Consentement',
  question: 'Question',
  urgence: 'Urgence',
  texte: 'Message',
  issue: 'Issue',
};
