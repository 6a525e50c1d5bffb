import type { AddressInfo, Socket } from 'node:net';
import { type AddressObject, type HeaderValue, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

// An SMTP receiver for incoming mail (ADR 0029): smtp-server speaks the protocol, mailparser reads the MIME message.
// It sits behind the organisation's MX relay, which terminates TLS and filters spam: no AUTH, no STARTTLS. It knows no
// domain: the caller says which recipients it accepts and what to do with a parsed message.

/** A refusal with its SMTP code (550 unknown mailbox, 451 try later, 552 too big…) and an English text. */
export class RefusSmtp extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A name and address read from a header (RFC 2047 words decoded). */
export interface Correspondant {
  nom: string;
  adresse: string;
}

export type Automatisme = 'reponse' | 'diffusion' | null;

/** What the receiver hands over of an accepted message: headers decoded, text extracted, attachments only counted. */
export interface CourrielEntrant {
  /** The envelope sender (MAIL FROM); null for the null sender `<>` of bounces. */
  expediteur: string | null;
  /** The accepted recipients (RCPT TO), lower-cased, in order. */
  destinataires: string[];
  /** The Message-ID with its angle brackets, or null when absent or malformed. */
  messageId: string | null;
  de: Correspondant | null;
  repondreA: Correspondant | null;
  objet: string;
  /** The text/plain body, else the HTML body converted to text; control characters removed, CRLF made LF. */
  texte: string;
  /** The Message-IDs this message answers: In-Reply-To first, then References (newest first), deduplicated. */
  reponseA: string[];
  /** Attachments (inline images included): counted, never kept. */
  pieces: number;
  /** An auto-reply or bounce, or a list or bulk message (RFC 3834): never to be answered automatically. */
  automatique: Automatisme;
}

export interface OptionsReception {
  port: number;
  hote: string;
  /** Largest message accepted, in bytes (announced by SIZE; 552 beyond). */
  tailleMax: number;
  /** Most recipients in one transaction (452 beyond: the client sends the rest later). */
  destinatairesMax: number;
  /** Accepts a recipient (resolves) or refuses it (rejects with a `RefusSmtp`). */
  accepterDestinataire(adresse: string, expediteur: string | null): Promise<void>;
  /** Handles an accepted message; a `RefusSmtp` is answered as is, any other error as 451 (the relay retries). */
  recevoir(courriel: CourrielEntrant): Promise<void>;
  journal?: { error(objet: object, message: string): void };
}

export interface Reception {
  /** `smtp://host:port`, the port actually bound (a free one when 0 was asked). */
  url: string;
  port: number;
  fermer(): Promise<void>;
}

/** A Message-ID kept: printable ASCII, `<left@right>`, bounded (a longer or stranger one is ignored). */
const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,180}@[\x21-\x3b\x3d\x3f-\x7e]{1,80}>$/;

/** Control characters other than tab and line feed, and the Unicode bidi overrides used to disguise text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROLES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text as received, made safe to store and show: NFC, LF line ends, no control characters. */
export function nettoyer(texte: string): string {
  return texte.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROLES, '');
}

function premier(a: AddressObject | AddressObject[] | undefined): Correspondant | null {
  const v = (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value)[0];
  if (!v?.address) return null;
  return {
    nom: nettoyer(v.name ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    adresse: v.address.trim().toLowerCase(),
  };
}

function idsDe(v: string | string[] | undefined): string[] {
  const tous = (Array.isArray(v) ? v : v ? [v] : []).flatMap((s) => s.match(/<[^<>\s]+>/g) ?? []);
  return tous.filter((id) => MESSAGE_ID.test(id));
}

function typeDe(entetes: Map<string, HeaderValue>): string {
  const v = entetes.get('content-type');
  return typeof v === 'object' && v !== null && 'value' in v ? String(v.value) : '';
}

function entete(entetes: Map<string, HeaderValue>, nom: string): string {
  const v = entetes.get(nom);
  return typeof v === 'string' ? v.trim().toLowerCase() : '';
}

/**
 * RFC 3834 and common practice: the marks of a message no program should answer. `reponse`: an auto-reply or a bounce
 * (null sender, `Auto-Submitted: auto-replied`, a delivery report); `diffusion`: mail sent by a program or to many
 * (`Auto-Submitted: auto-generated`, `Precedence: bulk | junk | list`, a list's `List-Id`).
 */
function automatisme(m: ParsedMail, expediteur: string | null): Automatisme {
  const entetes = m.headers;
  const cheminRetour = m.headerLines.find((l) => l.key === 'return-path')?.line ?? '';
  const soumis = entete(entetes, 'auto-submitted');
  const precedence = entete(entetes, 'precedence');
  if (
    expediteur === null ||
    /^return-path:\s*<\s*>\s*$/i.test(cheminRetour) ||
    soumis.startsWith('auto-replied') ||
    precedence === 'auto_reply' ||
    entetes.has('x-autoreply') ||
    entetes.has('x-autorespond') ||
    /^multipart\/report/i.test(typeDe(entetes))
  ) {
    return 'reponse';
  }
  if ((soumis !== '' && soumis !== 'no') || ['bulk', 'junk', 'list'].includes(precedence) || entetes.has('list-id')) {
    return 'diffusion';
  }
  return null;
}

async function lire(flux: SMTPServerDataStream, tailleMax: number): Promise<Buffer | null> {
  const morceaux: Buffer[] = [];
  let total = 0;
  for await (const m of flux as AsyncIterable<Buffer>) {
    total += m.length;
    // Past the limit the rest is read (the protocol needs it) and dropped, never held in memory.
    if (total <= tailleMax) morceaux.push(m);
  }
  return flux.sizeExceeded || total > tailleMax ? null : Buffer.concat(morceaux);
}

/** Parses a raw message into what the receiver hands over. */
export async function analyser(
  brut: Buffer,
  enveloppe: { expediteur: string | null; destinataires: string[] },
): Promise<CourrielEntrant> {
  const m = await simpleParser(brut, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const messageId = m.messageId && MESSAGE_ID.test(m.messageId.trim()) ? m.messageId.trim() : null;
  const references = idsDe(m.references).reverse();
  return {
    ...enveloppe,
    messageId,
    de: premier(m.from),
    repondreA: premier(m.replyTo),
    objet: nettoyer(m.subject ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    // mailparser gives the text/plain part, or converts the HTML one to text when there is no plain part.
    texte: nettoyer(m.text ?? '').trim(),
    reponseA: [...new Set([...idsDe(m.inReplyTo), ...references])],
    pieces: m.attachments.length,
    automatique: automatisme(m, enveloppe.expediteur),
  };
}

/** Starts the receiver; resolves once it listens. */
export async function demarrerReception(o: OptionsReception): Promise<Reception> {
  const serveur = new SMTPServer({
    name: 'guichet',
    banner: 'guichet contact receiver',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    size: o.tailleMax,
    maxRecipients: o.destinatairesMax,
    // Each connection may hold a 10 MB message and its parsed copy: this bounds the memory at a few hundred MB.
    maxClients: 20,
    socketTimeout: 60_000,
    closeTimeout: 1_000,
    logger: false,
    onRcptTo(adresse, session, fini) {
      const expediteur = session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null;
      o.accepterDestinataire(adresse.address.toLowerCase(), expediteur).then(
        () => fini(),
        (e: unknown) => fini(refus(e, o)),
      );
    },
    onData(flux, session, fini) {
      const expediteur = session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null;
      const destinataires = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      lire(flux, o.tailleMax)
        .then(async (brut) => {
          if (!brut) throw new RefusSmtp(552, `Message exceeds fixed maximum message size ${o.tailleMax}`);
          await o.recevoir(await analyser(brut, { expediteur, destinataires }));
        })
        .then(
          () => fini(),
          (e: unknown) => fini(refus(e, o)),
        );
    },
  });
  // As for the local sink (smtp-local.ts): no Nagle delays on loopback, and a client vanishing mid-session is not an
  // error of this server (without a listener, smtp-server's 'error' event would end the process).
  serveur.server.on('connection', (socket: Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve, reject) => {
    serveur.once('error', reject);
    serveur.listen(o.port, o.hote, () => resolve());
  });
  serveur.on('error', () => {});
  const { port } = serveur.server.address() as AddressInfo;
  return {
    url: `smtp://${o.hote.includes(':') ? `[${o.hote}]` : o.hote}:${port}`,
    port,
    fermer: () => new Promise<void>((resolve) => serveur.close(() => resolve())),
  };
}

function refus(e: unknown, o: OptionsReception): Error & { responseCode: number } {
  if (e instanceof RefusSmtp) return Object.assign(new Error(e.message), { responseCode: e.code });
  o.journal?.error({ err: e }, 'incoming mail not handled: answered 451, the relay will retry');
  return Object.assign(new Error('Temporary local problem, please try again later'), { responseCode: 451 });
}
