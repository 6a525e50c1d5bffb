import { z } from 'zod';
import { jetonDeLienCitoyen, signature } from '../auth/jetons.ts';
import { invitationIcs } from './ics.ts';
import { courriel, type Modele, type RenduCourriel, type RenduSms, sms, Texte } from './modeles-base.ts';
import { MODELES_DOSSIERS } from './modeles-dossiers.ts';
import { MODELES_MANDATS } from './modeles-mandats.ts';
import { MODELES_RENDEZ_VOUS } from './modeles-rendez-vous.ts';
import { MODELES_VIOLATIONS } from './modeles-violations.ts';

// The registry of message templates (ADR 0021): each key has its parameters' schema, checked when the message is
// queued and again when it is rendered, and renders French texts at send time. Nothing rendered is stored. The
// appointments' and the written requests' and cases' templates live in their own files.

export type {
  ContexteRendu,
  EntetesCourriel,
  Modele,
  ModeleCourriel,
  ModeleSms,
  PieceJointe,
  RenduCourriel,
  RenduSms,
} from './modeles-base.ts';

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
  ...MODELES_RENDEZ_VOUS,
  ...MODELES_DOSSIERS,
  ...MODELES_VIOLATIONS,
  ...MODELES_MANDATS,
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
  m: { modele: string; parametres: unknown; cle: string; destinataire?: string },
  env: { urlPublique: string; secret: string; expediteur?: string },
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
    expediteur: adresseDe(env.expediteur ?? ''),
    destinataire: m.destinataire ?? '',
    lienCitoyen: (reference: string) =>
      `${env.urlPublique.replace(/\/$/, '')}/l/${jetonDeLienCitoyen(env.secret, reference)}`,
  };
  if (modele.canal === 'sms') return { canal: 'sms', ...modele.rendre(lu.data, ctx) };
  const r = modele.rendre(lu.data, ctx);
  return { canal: 'courriel', html: enHtml(r.texte), piecesJointes: [], ...r };
}

export class ErreurModele extends Error {}

/** The address of a mailbox written `Name <address>` (or the bare address). */
export function adresseDe(boite: string): string {
  return (/<([^<>\s]+)>/.exec(boite)?.[1] ?? boite).trim();
}
