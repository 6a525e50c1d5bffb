// Forms and query strings of a site's inbox (issue 12, point 4) and of the person's thread page, with French messages.

import { z } from 'zod';
import { issueContactEnum } from './tables.ts';

/** An agent's reply or internal note: long enough for a real answer, bounded. */
export const TEXTE_AGENT_MAX = 5000;
/** What the person may write through their link (the public form's bound). */
export const TEXTE_PERSONNE_MAX = 2000;

// C0 controls except tab and line breaks, DEL, C1 controls and bidirectional overrides: never in a message.
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

export const FILTRES_BOITE = ['ouvertes', 'moi', 'non-assignees', 'closes'] as const;
export type FiltreBoite = (typeof FILTRES_BOITE)[number];

/** `?filtre=` of the inbox: anything else shows the open requests. */
export const RequeteBoite = z.object({
  filtre: z.enum(FILTRES_BOITE).catch('ouvertes').default('ouvertes'),
});

export const SaisieReponse = z.object({ texte: texteLong('le texte de la réponse', TEXTE_AGENT_MAX) });
export const SaisieNote = z.object({ note: texteLong('le texte de la note', TEXTE_AGENT_MAX) });

/** Assign to oneself (`moi`), to an agent of the site (their id, checked by the service), or to nobody (`aucun`). */
export const SaisieAssignation = z.object({
  agent: z.union([z.literal('moi'), z.literal('aucun'), z.uuid()], {
    error: 'Choisissez un agent du lieu dans la liste',
  }),
});

export const ISSUES_CONTACT = issueContactEnum.enumValues;
export type IssueContact = (typeof ISSUES_CONTACT)[number];

export const LIBELLES_ISSUES: Record<IssueContact, string> = {
  reponse_apportee: 'Réponse apportée',
  rendez_vous_propose: 'Rendez-vous proposé',
  oriente_partenaire: 'Orientée vers un partenaire',
  sans_suite: 'Sans suite',
  indesirable: 'Message indésirable',
};

export const SaisieCloture = z.object({
  issue: z.enum(ISSUES_CONTACT, { error: 'Choisissez l’issue de la demande' }),
});

/** The person's message through their link: the token travels in the form, never in a query string. */
export const SaisieMessagePersonne = z.object({
  jeton: z.string().max(100).default(''),
  texte: texteLong('votre message', TEXTE_PERSONNE_MAX),
});

export const LIBELLES_CHAMPS_BOITE: Record<string, string> = {
  texte: 'Réponse',
  note: 'Note interne',
  agent: 'Attribuer à',
  issue: 'Issue',
};
