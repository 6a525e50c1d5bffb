import { z } from 'zod';
import { jetonDeLienCitoyen, signature } from '../auth/jetons.ts';
import { invitationIcs } from './ics.ts';

// The registry of message templates (ADR 0021): each key has its parameters' schema, checked when the message is
// queued and again when it is rendered, and renders French texts at send time. Nothing rendered is stored.

export interface PieceJointe {
  nomFichier: string;
  typeMime: string;
  contenu: string;
}

export interface RenduCourriel {
  sujet: string;
  texte: string;
  html: string;
  piecesJointes: PieceJointe[];
}

export interface RenduSms {
  texte: string;
}

export interface ContexteRendu {
  urlPublique: string;
  /** The one-time link of a template that declares `lienUnique`, derived from the message's key (else ''). */
  lien: string;
  /** The message's idempotency key (a stable identifier for attachments such as an ICS event). */
  cle: string;
  /** The URL of the citizen link derived from `reference` (see `jetonDeLienCitoyen`): never stored in the message. */
  lienCitoyen(reference: string): string;
}

interface Base<S extends z.ZodType> {
  parametres: S;
  /** Path of a one-time link carried by the message: the token is derived at send time (`jetonDuMessage`). */
  lienUnique?: string;
}
export interface ModeleCourriel<S extends z.ZodType = z.ZodType> extends Base<S> {
  canal: 'courriel';
  rendre(p: z.output<S>, ctx: ContexteRendu): Omit<RenduCourriel, 'html' | 'piecesJointes'> & Partial<RenduCourriel>;
}
export interface ModeleSms<S extends z.ZodType = z.ZodType> extends Base<S> {
  canal: 'sms';
  rendre(p: z.output<S>, ctx: ContexteRendu): RenduSms;
}
export type Modele = ModeleCourriel | ModeleSms;

const courriel = <S extends z.ZodType>(m: Omit<ModeleCourriel<S>, 'canal'>): ModeleCourriel<S> => ({
  canal: 'courriel',
  ...m,
});
const sms = <S extends z.ZodType>(m: Omit<ModeleSms<S>, 'canal'>): ModeleSms<S> => ({ canal: 'sms', ...m });

const Texte = z.string().trim().min(1).max(2000);

/** What the appointment messages say: the texts are prepared when queued (`quand` in the site's zone). */
const ParametresRdv = z.object({
  rdvId: z.uuid(),
  motif: z.string().max(120),
  site: z.string().max(200),
  lieu: z.string().max(400),
  /** "mardi 12 janvier 2027 à 09:00", on the site's clock. */
  quand: z.string().max(80),
  debut: z.iso.datetime(),
  fin: z.iso.datetime(),
  instructions: z.string().max(1000).default(''),
  /** Reference of the citizen link that cancels (its URL is derived at send time; empty in cancellations). */
  refAnnulation: z.string().max(100).default(''),
});

function invitationRdv(
  p: z.output<typeof ParametresRdv>,
  methode: 'REQUEST' | 'CANCEL',
  sequence: number,
): PieceJointe {
  return {
    nomFichier: methode === 'CANCEL' ? 'annulation.ics' : 'invitation.ics',
    typeMime: `text/calendar; charset=utf-8; method=${methode}`,
    contenu: invitationIcs({
      uid: `${p.rdvId}@guichet`,
      titre: `${p.motif} – ${p.site}`,
      debut: new Date(p.debut),
      fin: new Date(p.fin),
      lieu: p.lieu,
      methode,
      sequence,
    }),
  };
}

export const MODELES = {
  'comptes.invitation': courriel({
    parametres: z.object({ prenom: z.string().max(100), auteur: z.string().max(201) }),
    lienUnique: '/mot-de-passe/nouveau',
    rendre: (p, { lien }) => ({
      sujet: 'guichet : votre compte a été créé',
      texte: [
        `Bonjour ${p.prenom},`,
        '',
        `${p.auteur} vous a ouvert un compte sur guichet, le système d’information du réseau France services.`,
        'Pour choisir votre mot de passe, ouvrez ce lien (valable 7 jours, une seule fois) :',
        lien,
      ].join('\n'),
    }),
  }),
  'comptes.reinitialisation': courriel({
    parametres: z.object({}),
    lienUnique: '/mot-de-passe/nouveau',
    rendre: (_p, { lien }) => ({
      sujet: 'guichet : réinitialisation de votre mot de passe',
      texte: [
        'Bonjour,',
        '',
        'Une réinitialisation du mot de passe de votre compte guichet a été demandée.',
        'Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, une seule fois) :',
        lien,
        '',
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
      ].join('\n'),
    }),
  }),
  /** A test message (operators checking the configuration, the bench, the tests), with an optional ICS event. */
  'essai.courriel': courriel({
    parametres: z.object({
      texte: Texte,
      evenement: z
        .object({
          titre: z.string().max(200),
          debut: z.iso.datetime(),
          fin: z.iso.datetime(),
          lieu: z.string().max(300),
        })
        .optional(),
    }),
    rendre: (p, { cle }) => ({
      sujet: 'guichet : message d’essai',
      texte: p.texte,
      piecesJointes: p.evenement
        ? [
            {
              nomFichier: 'invitation.ics',
              typeMime: 'text/calendar; charset=utf-8; method=PUBLISH',
              contenu: invitationIcs({
                uid: `${signature('ics', cle).slice(0, 22)}@guichet`,
                titre: p.evenement.titre,
                debut: new Date(p.evenement.debut),
                fin: new Date(p.evenement.fin),
                lieu: p.evenement.lieu,
              }),
            },
          ]
        : [],
    }),
  }),
  'essai.sms': sms({ parametres: z.object({ texte: Texte }), rendre: (p) => ({ texte: p.texte }) }),
  /** An appointment booked (issue 11): the email carries the invitation (UID = appointment id, SEQUENCE 0). */
  'rdv.confirmation': courriel({
    parametres: ParametresRdv,
    rendre: (p, ctx) => ({
      sujet: `Rendez-vous confirmé : ${p.quand}`,
      texte: [
        'Bonjour,',
        '',
        `Votre rendez-vous « ${p.motif} » à ${p.site} est confirmé pour le ${p.quand}.`,
        `Adresse : ${p.lieu}`,
        ...(p.instructions ? ['', `À prévoir : ${p.instructions}`] : []),
        '',
        'Pour annuler ce rendez-vous, ouvrez ce lien :',
        ctx.lienCitoyen(p.refAnnulation),
      ].join('\n'),
      piecesJointes: [invitationRdv(p, 'REQUEST', 0)],
    }),
  }),
  'rdv.confirmation.sms': sms({
    parametres: ParametresRdv,
    rendre: (p, ctx) => ({
      texte: `France services : RDV ${p.motif} le ${p.quand}, ${p.site}. Annuler : ${ctx.lienCitoyen(p.refAnnulation)}`,
    }),
  }),
  /** An appointment cancelled: the same UID with SEQUENCE 1 and METHOD:CANCEL removes it from the calendar. */
  'rdv.annulation': courriel({
    parametres: ParametresRdv,
    rendre: (p) => ({
      sujet: `Rendez-vous annulé : ${p.quand}`,
      texte: [
        'Bonjour,',
        '',
        `Votre rendez-vous « ${p.motif} » à ${p.site} du ${p.quand} est annulé.`,
        'Vous pouvez prendre un nouveau rendez-vous sur la page du lieu.',
      ].join('\n'),
      piecesJointes: [invitationRdv(p, 'CANCEL', 1)],
    }),
  }),
  'rdv.annulation.sms': sms({
    parametres: ParametresRdv,
    rendre: (p) => ({ texte: `France services : votre RDV ${p.motif} du ${p.quand} à ${p.site} est annulé.` }),
  }),
} satisfies Record<string, Modele>;

export type CleModele = keyof typeof MODELES;
export type ParametresDe<K extends CleModele> = z.input<(typeof MODELES)[K]['parametres']>;

/** The token of a message's one-time link: an HMAC of its key, so that it is never stored and a retry sends the same. */
export function jetonDuMessage(secret: string, cle: string): string {
  return signature(secret, `messages.lien-unique:${cle}`);
}

function echapper(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The HTML part of an email, from its text: paragraphs, and its URLs as links. */
export function enHtml(texte: string): string {
  const paragraphes = texte.split(/\n{2,}/).map((p) =>
    echapper(p)
      .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
      .replace(/\n/g, '<br>'),
  );
  return `<!doctype html><html lang="fr"><body>${paragraphes.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
}

export type Rendu = ({ canal: 'courriel' } & RenduCourriel) | ({ canal: 'sms' } & RenduSms);

/**
 * Renders a stored message; throws when its template is unknown or its parameters no longer match (a definitive
 * failure: retrying would not help).
 */
export function rendre(
  m: { modele: string; parametres: unknown; cle: string },
  env: { urlPublique: string; secret: string },
): Rendu {
  const modele = (MODELES as Record<string, Modele>)[m.modele];
  if (!modele) throw new ErreurModele(`unknown template ${m.modele}`);
  const lu = modele.parametres.safeParse(m.parametres);
  if (!lu.success) throw new ErreurModele(`parameters of ${m.modele} do not match its schema`);
  const lien = modele.lienUnique
    ? `${env.urlPublique}${modele.lienUnique}?jeton=${encodeURIComponent(jetonDuMessage(env.secret, m.cle))}`
    : '';
  const ctx = {
    urlPublique: env.urlPublique,
    lien,
    cle: m.cle,
    lienCitoyen: (reference: string) =>
      `${env.urlPublique.replace(/\/$/, '')}/l/${jetonDeLienCitoyen(env.secret, reference)}`,
  };
  if (modele.canal === 'sms') return { canal: 'sms', ...modele.rendre(lu.data, ctx) };
  const r = modele.rendre(lu.data, ctx);
  return { canal: 'courriel', html: enHtml(r.texte), piecesJointes: [], ...r };
}

export class ErreurModele extends Error {}
