// Input of a request received by a site (issue 12), with French messages. The public form is strict: what the person
// typed is refused with a message they can act on (control characters, markup, 2,000 characters at most). An email
// is not refused for its shape: its text is cleaned (control characters dropped) and cut at the column's bound, since
// refusing it would lose a message nobody can correct at the counter.

import { z } from 'zod';
import { CARACTERES_INTERDITS, courriel, courrielFacultatif } from '../../platform/http/formulaire.ts';

/** The form's message: 2,000 characters at most (line breaks count one). */
export const CORPS_FORMULAIRE_MAX = 2000;
/** An email's text is kept up to the column's bound (`messages_contact.corps`), then cut with a note. */
export const CORPS_COURRIEL_MAX = 20000;
export const NOM_MAX = 100;
export const OBJET_MAX = 200;

/** Control characters allowed in a multi-line text: line feed and tab (carriage returns are folded first). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROLES_TEXTE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
const CONTROLES_TEXTE_TOUS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
const CONTROLES_LIGNE_TOUS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]+/g;
/** Something that reads as an HTML tag or comment: `<script>`, `</b>`, `<img src=…>`, `<!-- -->`. */
const BALISE = /<\s*[/!?]?\s*[a-z][^<>]*>|<!--/i;

/** CR LF and lone CR become LF, as a browser's maxlength counts them. */
export function plierLignes(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** A French number (0X XX XX XX XX) or an international one, written E.164 (+33612345678) as the SMS gateway wants. */
export const telephoneFacultatif = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.replace(/[\s.\-()]/g, '');
    if (s === '') return undefined;
    return /^0\d{9}$/.test(s) ? `+33${s.slice(1)}` : s;
  },
  z
    .string({ error: 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.' })
    .regex(/^\+\d{10,14}$/, 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.')
    .optional(),
);

/** A mobile number, to which an SMS can be sent (mainland and overseas French mobiles, or any foreign number). */
export function estMobile(telephone: string): boolean {
  if (telephone === '') return false;
  if (!telephone.startsWith('+33')) return true;
  return /^\+33[67]\d{8}$/.test(telephone);
}

const SANS_CONTACT = 'Indiquez une adresse électronique ou un numéro de téléphone, pour recevoir la réponse.';

/** What the public form asks: a name, an email or a phone (one at least), the message, the acceptance. */
export const SaisieFormulaire = z
  .object({
    nom: z
      .string({ error: 'Saisissez votre nom.' })
      .trim()
      .min(1, 'Saisissez votre nom.')
      .max(NOM_MAX, `Le nom ne doit pas dépasser ${NOM_MAX} caractères.`)
      .refine((s) => !CARACTERES_INTERDITS.test(s), 'Le nom contient des caractères non autorisés.')
      .refine((s) => !/[<>]/.test(s), 'Le nom ne doit pas contenir les signes < ou >.'),
    courriel: courrielFacultatif,
    telephone: telephoneFacultatif,
    corps: z
      .string({ error: 'Saisissez votre message.' })
      .transform(plierLignes)
      .pipe(
        z
          .string()
          .trim()
          .min(1, 'Saisissez votre message.')
          .max(
            CORPS_FORMULAIRE_MAX,
            `Votre message ne doit pas dépasser ${CORPS_FORMULAIRE_MAX.toLocaleString('fr-FR')} caractères.`,
          )
          .refine((s) => !CONTROLES_TEXTE.test(s), 'Votre message contient des caractères non autorisés.')
          .refine(
            (s) => !BALISE.test(s),
            'Votre message ne doit pas contenir de balises HTML (texte entre < et >) : écrivez-le en texte simple.',
          ),
      ),
    consentement: z.literal(true, {
      error: 'Cochez la case pour accepter que vos coordonnées servent à vous répondre.',
    }),
  })
  .superRefine((v, ctx) => {
    if (!v.courriel && !v.telephone) ctx.addIssue({ code: 'custom', path: ['courriel'], message: SANS_CONTACT });
  });

/**
 * The form's errors, the missing contact included when other fields are wrong too (zod checks the whole object only
 * once each field is valid): the person then sees every error at once.
 */
export function erreursFormulaire(erreurs: Record<string, string>, champs: Record<string, unknown>) {
  const vide = (v: unknown) => typeof v !== 'string' || v.trim() === '';
  if (vide(champs.courriel) && vide(champs.telephone) && !erreurs.telephone) erreurs.courriel ??= SANS_CONTACT;
  return erreurs;
}

/** A single line taken from an email header: control characters become spaces, cut at `max`; empty is null. */
export function ligneCourriel(s: string | undefined, max: number): string | null {
  const t = (s ?? '').replace(CONTROLES_LIGNE_TOUS, ' ').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t.slice(0, max).trim();
}

/** An email's text: control characters dropped, cut at `CORPS_COURRIEL_MAX` with a note saying so. */
export function corpsCourriel(s: string): string {
  const t = plierLignes(s).replace(CONTROLES_TEXTE_TOUS, '').trim();
  if (t.length <= CORPS_COURRIEL_MAX) return t;
  const note = '\n\n[Message tronqué : seuls les 20 000 premiers caractères sont conservés.]';
  return t.slice(0, CORPS_COURRIEL_MAX - note.length) + note;
}

/** A Message-ID as read from a header: printable ASCII without spaces (`<id@host>`). */
export const CARACTERES_MESSAGE_ID = /^[\x21-\x7E]{1,300}$/;

/** The sender of an email: its address is required (the answer goes there). */
export const ExpediteurCourriel = z.object({
  courriel: courriel,
});
