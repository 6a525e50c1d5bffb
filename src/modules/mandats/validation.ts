// Forms and query strings of mandates at the desk (issue 14 points 1-2), with French messages. Which partners and
// procedures may be chosen depends on the catalogue: the schema checks shapes, the service checks membership.

import { z } from 'zod';
import { dateReelle, normaliserDate } from '../../platform/http/dates.ts';
import { caseACocher, courrielFacultatif, liste, recherche, texte } from '../../platform/http/formulaire.ts';
import { dureeMandatEnum, pieceIdentiteEnum, statutMandatEnum } from './tables.ts';

/** Birth dates before this are typing errors. */
export const NAISSANCE_MIN = '1900-01-01';
/** Partners and procedures ticked at once: far more than the catalogue offers, so a forged post stays bounded. */
const CHOIX_MAX = 300;

export const DUREES = dureeMandatEnum.enumValues;
export type DureeMandat = (typeof DUREES)[number];
export const PIECES = pieceIdentiteEnum.enumValues;
export type PieceIdentite = (typeof PIECES)[number];
export const STATUTS = statutMandatEnum.enumValues;
export type StatutMandat = (typeof STATUTS)[number];

/** The durations as the form offers them, with what each means. */
export const LIBELLES_DUREES: Record<DureeMandat, string> = {
  demarche: 'Une seule démarche',
  jour: 'Un jour',
  mois: 'Un mois',
  six_mois: 'Six mois',
  douze_mois: 'Douze mois',
};
export const AIDES_DUREES: Record<DureeMandat, string> = {
  demarche: 'Prend fin quand l’agent enregistre la démarche comme terminée, au plus tard 30 jours après la signature.',
  jour: 'Prend fin 24 heures après la signature.',
  mois: 'Prend fin un mois après la signature.',
  six_mois: 'Prend fin six mois après la signature.',
  douze_mois: 'Prend fin douze mois après la signature : la durée la plus longue possible.',
};
/** The duration in the mandate's own words ("pour une durée de …"). */
export const DUREES_EN_TOUTES_LETTRES: Record<DureeMandat, string> = {
  demarche: 'le temps d’une seule démarche, au plus trente jours',
  jour: 'un jour',
  mois: 'un mois',
  six_mois: 'six mois',
  douze_mois: 'douze mois',
};

export const LIBELLES_PIECES: Record<PieceIdentite, string> = {
  carte_identite: 'Carte nationale d’identité',
  passeport: 'Passeport',
  titre_sejour: 'Titre de séjour',
  permis_conduire: 'Permis de conduire',
  autre: 'Autre pièce officielle avec photographie',
};

export const LIBELLES_STATUTS: Record<StatutMandat, string> = {
  brouillon: 'À signer',
  signe: 'Signé',
  actif: 'En vigueur',
  expire: 'Terminé',
  revoque: 'Révoqué',
};

/** Today's date (YYYY-MM-DD) in mainland France, where the latest birth dates are typed. */
function aujourdhui(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

/** A birth date: a real day from 1 January 1900 to today. */
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
  if (date > aujourdhui()) return refuser('La date de naissance ne peut pas être dans le futur');
  return date;
});

/** A French number (0X XX XX XX XX) or an international one, kept E.164 (+33612345678) as the SMS gateway wants. */
const telephoneFacultatif = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.replace(/[\s.\-()]/g, '');
    if (s === '') return undefined;
    return /^0\d{9}$/.test(s) ? `+33${s.slice(1)}` : s;
  },
  z
    .string({ error: 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78' })
    .regex(/^\+\d{10,14}$/, 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78')
    .optional(),
);

const choix = (message: string) => liste(z.string().max(80)).pipe(z.array(z.string()).max(CHOIX_MAX, message));

/** A new mandate typed at the desk: the person, the scope, the duration, the identity document seen, the notice. */
export const SaisieMandat = z.object({
  prenom: texte('le prénom', 100),
  nom: texte('le nom', 100),
  dateNaissance,
  courriel: courrielFacultatif,
  telephone: telephoneFacultatif,
  partenaires: choix('Trop d’organismes choisis').pipe(
    z.array(z.string()).min(1, 'Choisissez au moins un organisme partenaire'),
  ),
  /** "partnerId:situationId" of the procedures ticked under a partner; none for a partner means all its procedures. */
  situations: choix('Trop de démarches choisies'),
  duree: z.enum(DUREES, { error: 'Choisissez la durée du mandat' }),
  pieceIdentite: z.enum(PIECES, { error: 'Choisissez la pièce d’identité présentée' }),
  noticeRecue: caseACocher.refine(
    (v) => v,
    'Cochez la case pour confirmer que la personne a reçu et compris l’information sur ses données',
  ),
});
export type SaisieMandat = z.infer<typeof SaisieMandat>;

/** The signature recorded by the agent: both signed the two originals on site. */
export const SaisieSignature = z.object({
  signatures: caseACocher.refine(
    (v) => v,
    'Cochez la case pour confirmer que la personne et l’agent ont signé les deux exemplaires',
  ),
});

export const FILTRES_MANDATS = ['tous', 'brouillon', 'actif', 'expire', 'revoque'] as const;
export type FiltreMandats = (typeof FILTRES_MANDATS)[number];

/** `?statut=` and `?q=` of the list: anything unusable shows all mandates. */
export const RequeteMandats = z.object({
  statut: z.enum(FILTRES_MANDATS).catch('tous').default('tous'),
  q: recherche,
});
export type RequeteMandats = z.infer<typeof RequeteMandats>;

export const LIBELLES_CHAMPS_MANDAT: Record<string, string> = {
  prenom: 'Prénom',
  nom: 'Nom',
  dateNaissance: 'Date de naissance',
  courriel: 'Adresse électronique',
  telephone: 'Téléphone',
  partenaires: 'Périmètre',
  situations: 'Démarches',
  duree: 'Durée',
  pieceIdentite: 'Pièce d’identité',
  noticeRecue: 'Information de la personne',
  signatures: 'Signatures',
};
