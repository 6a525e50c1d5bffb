import { z } from 'zod';
import { compterSegments, SEGMENTS_MAX } from './segments.ts';

// What every message template is made of (ADR 0021): the rendered parts, the rendering context, the two kinds of
// template and the helpers the template files share (modeles-rendez-vous.ts, modeles-dossiers.ts, modeles.ts).

export interface PieceJointe {
  nomFichier: string;
  typeMime: string;
  contenu: string;
}

/** Threading headers of an email: where replies go, and the message it answers (RFC 5322 Message-IDs, `<…@…>`). */
export interface EntetesCourriel {
  repondreA?: string;
  enReponseA?: string;
  references?: string[];
}

export interface RenduCourriel {
  sujet: string;
  texte: string;
  html: string;
  piecesJointes: PieceJointe[];
  entetes?: EntetesCourriel;
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
  /** The configured sender's address (`MAIL_FROM` without its name): the ORGANIZER of calendar invitations. */
  expediteur: string;
  /** The message's recipient (an email's address: the ATTENDEE of its invitation). */
  destinataire: string;
}

export interface Base<S extends z.ZodType> {
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

export const courriel = <S extends z.ZodType>(m: Omit<ModeleCourriel<S>, 'canal'>): ModeleCourriel<S> => ({
  canal: 'courriel',
  ...m,
});
export const sms = <S extends z.ZodType>(m: Omit<ModeleSms<S>, 'canal'>): ModeleSms<S> => ({ canal: 'sms', ...m });

export const Texte = z.string().trim().min(1).max(2000);

/** The first SMS text that fits in `SEGMENTS_MAX` segments (the shortest, last, is kept whatever its length). */
export function smsQuiTient(...textes: string[]): string {
  return textes.find((t) => compterSegments(t).segments <= SEGMENTS_MAX) ?? (textes.at(-1) as string);
}
