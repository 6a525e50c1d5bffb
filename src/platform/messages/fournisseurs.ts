import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config, ConfigSms } from '../../config/index.ts';
import type { EntetesCourriel, PieceJointe } from './modeles.ts';

// The providers behind the outbox (ADR 0021, 0022): email over SMTP with nodemailer, SMS through Octopush's HTTP API.
// Both receive the message's idempotency key, so that a provider that deduplicates drops a retried duplicate.

export interface CourrielSortant {
  de: string;
  a: string;
  sujet: string;
  texte: string;
  html: string;
  piecesJointes: PieceJointe[];
  cle: string;
  /** Reply-To, In-Reply-To and References, when the template sets them. */
  entetes?: EntetesCourriel;
}

export interface SmsSortant {
  a: string;
  texte: string;
  cle: string;
}

/** What a provider answers: its id of the message, when it gives one. */
export interface Accuse {
  idFournisseur: string | null;
}

export interface FournisseurCourriel {
  envoyer(m: CourrielSortant): Promise<Accuse>;
}
export interface FournisseurSms {
  envoyer(m: SmsSortant): Promise<Accuse>;
}
export interface Fournisseurs {
  courriel?: FournisseurCourriel;
  sms?: FournisseurSms;
}

/** A refusal that retrying cannot change (invalid recipient, rejected content): the message fails at once. */
export class RefusDefinitif extends Error {}

/** The Message-ID of a message: derived from its key, the same at every attempt, so that receivers can deduplicate. */
export function messageIdDe(cle: string, expediteur: string): string {
  const domaine = expediteur.match(/@([^>\s]+)/)?.[1] ?? 'guichet.localhost';
  return `<${createHash('sha256').update(cle).digest('hex').slice(0, 40)}@${domaine}>`;
}

export function fournisseurSmtp(smtpUrl: string): FournisseurCourriel & { fermer(): void } {
  // A pool of connections: a batch does not pay a TCP and TLS handshake per message. (Options given beside a `url`
  // are ignored by nodemailer, so they go in its query string, unless the operator's URL already sets them.)
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', '5');
  const transport: Transporter = nodemailer.createTransport(url.toString());
  return {
    async envoyer(m) {
      try {
        const info = await transport.sendMail({
          from: m.de,
          to: m.a,
          subject: m.sujet,
          text: m.texte,
          html: m.html,
          messageId: messageIdDe(m.cle, m.de),
          replyTo: m.entetes?.repondreA,
          inReplyTo: m.entetes?.enReponseA,
          references: m.entetes?.references?.length ? m.entetes.references : undefined,
          attachments: m.piecesJointes.map((p) => ({
            filename: p.nomFichier,
            contentType: p.typeMime,
            content: p.contenu,
          })),
        });
        return { idFournisseur: (info.response?.match(/queued as (\S+)/i)?.[1] ?? info.messageId) || null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx from the server is a permanent refusal (unknown mailbox, rejected content); anything else is retried.
        if (code && code >= 500 && code < 600) throw new RefusDefinitif(`SMTP ${code}: ${(error as Error).message}`);
        throw error;
      }
    },
    fermer: () => transport.close(),
  };
}

/**
 * Octopush's "send SMS" call: `POST {url}/sms-campaign/send` with the `api-login` and `api-key` headers; the key goes
 * as `request_id`, which Octopush refuses to accept twice within 24 hours: that refusal means "already sent".
 */
export function fournisseurOctopush(config: ConfigSms, fetchImpl: typeof fetch = fetch): FournisseurSms {
  return {
    async envoyer(m) {
      const reponse = await fetchImpl(`${config.urlApi}/sms-campaign/send`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'api-login': config.login,
          'api-key': config.cle,
        },
        body: JSON.stringify({
          text: m.texte,
          recipients: [{ phone_number: m.a }],
          type: 'sms_premium',
          purpose: 'alert',
          sender: config.expediteur,
          request_id: requestIdDe(m.cle),
          with_replies: false,
        }),
        signal: AbortSignal.timeout(15_000),
      });
      const corps = (await reponse.json().catch(() => ({}))) as {
        sms_ticket?: string;
        message?: string;
        code?: unknown;
      };
      if (reponse.ok) return { idFournisseur: corps.sms_ticket ?? null };
      const explication = `Octopush ${reponse.status}: ${String(corps.message ?? corps.code ?? '').slice(0, 200)}`;
      if (reponse.status === 400 && /request_id/i.test(String(corps.message ?? ''))) return { idFournisseur: null };
      if (reponse.status === 400 || reponse.status === 403 || reponse.status === 404)
        throw new RefusDefinitif(explication);
      throw new Error(explication);
    },
  };
}

/** Octopush's request_id: a digest of the key (the key may be longer than the provider accepts). */
export function requestIdDe(cle: string): string {
  return createHash('sha256').update(cle).digest('hex').slice(0, 40);
}

const smtpOuverts = new Map<string, ReturnType<typeof fournisseurSmtp>>();

/** The providers the configuration enables (one SMTP pool per URL for the process's life). */
export function fournisseursDe(config: Pick<Config, 'smtpUrl' | 'sms'>): Fournisseurs {
  let courriel: ReturnType<typeof fournisseurSmtp> | undefined;
  if (config.smtpUrl) {
    courriel = smtpOuverts.get(config.smtpUrl) ?? fournisseurSmtp(config.smtpUrl);
    smtpOuverts.set(config.smtpUrl, courriel);
  }
  return { courriel, sms: config.sms ? fournisseurOctopush(config.sms) : undefined };
}

/** Closes the SMTP pools (at shutdown). */
export function fermerFournisseurs(): void {
  for (const f of smtpOuverts.values()) f.fermer();
  smtpOuverts.clear();
}
