import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A local SMTP server for development and tests: it keeps what it receives in memory and deduplicates by
// Message-ID, counting duplicates, as a receiving provider would (ADR 0021). Never used in production.

export interface CourrielRecu {
  messageId: string;
  a: string;
  sujet: string;
  texte: string;
  piecesJointes: string[];
  /** Attachment contents by file name, decoded. */
  contenus: Map<string, string>;
  recuLe: Date;
  /** How many times this Message-ID arrived (more than 1: a retried send, dropped as a duplicate). */
  exemplaires: number;
  /** Threading headers, as received ('' when absent). */
  repondreA: string;
  enReponseA: string;
  references: string;
}

export interface SmtpLocal {
  url: string;
  /** The distinct messages received, newest first. */
  recus(): CourrielRecu[];
  /** Every DATA accepted, duplicates included. */
  brut(): number;
  /** Tests: after `n` more messages, keep them but withhold the server's answer (a sender then dies holding them). */
  retenirApres(n: number): void;
  /** Answers withheld so far. */
  retenus(): number;
  /** Stops withholding. */
  liberer(): void;
  fermer(): Promise<void>;
}

function decoderMot(valeur: string): string {
  return valeur.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, codage: string, texte: string) =>
    codage.toLowerCase() === 'b' ? Buffer.from(texte, 'base64').toString('utf8') : decoderQp(texte.replace(/_/g, ' ')),
  );
}

function decoderQp(texte: string): string {
  const sansCoupures = texte.replace(/=\r?\n/g, '');
  const octets: number[] = [];
  for (let i = 0; i < sansCoupures.length; i++) {
    const c = sansCoupures[i] as string;
    if (c === '=' && /^[0-9A-F]{2}$/i.test(sansCoupures.slice(i + 1, i + 3))) {
      octets.push(Number.parseInt(sansCoupures.slice(i + 1, i + 3), 16));
      i += 2;
    } else octets.push(...Buffer.from(c));
  }
  return Buffer.from(octets).toString('utf8');
}

interface Partie {
  entetes: Map<string, string>;
  corps: string;
}

function lirePartie(brut: string): Partie {
  const fin = brut.search(/\r?\n\r?\n/);
  const tete = fin < 0 ? brut : brut.slice(0, fin);
  const corps = fin < 0 ? '' : brut.slice(fin).replace(/^\r?\n\r?\n/, '');
  const entetes = new Map<string, string>();
  for (const ligne of tete.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = ligne.indexOf(':');
    if (i > 0) entetes.set(ligne.slice(0, i).trim().toLowerCase(), ligne.slice(i + 1).trim());
  }
  return { entetes, corps };
}

/** The leaf parts of a MIME message (multipart walked recursively). */
function feuilles(p: Partie): Partie[] {
  const type = p.entetes.get('content-type') ?? 'text/plain';
  const frontiere = type.match(/boundary="?([^";]+)"?/i)?.[1];
  if (!/^multipart\//i.test(type) || !frontiere) return [p];
  return p.corps
    .split(`--${frontiere}`)
    .slice(1)
    .filter((morceau) => !morceau.startsWith('--'))
    .flatMap((morceau) => feuilles(lirePartie(morceau.replace(/^\r?\n/, ''))));
}

function decoderCorps(p: Partie): string {
  const codage = (p.entetes.get('content-transfer-encoding') ?? '').toLowerCase();
  if (codage === 'base64') return Buffer.from(p.corps.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (codage === 'quoted-printable') return decoderQp(p.corps);
  return p.corps;
}

/** Reads the parts of a received message this server shows (headers, text part, attachment names). */
export function analyserCourriel(brut: string) {
  const message = lirePartie(brut);
  const parties = feuilles(message);
  const texte = parties.find((p) => /^text\/plain/i.test(p.entetes.get('content-type') ?? 'text/plain'));
  const piecesJointes = parties
    .map((p) => (p.entetes.get('content-disposition') ?? '').match(/filename="?([^";]+)"?/i)?.[1])
    .filter((n): n is string => Boolean(n));
  return {
    messageId: message.entetes.get('message-id') ?? '',
    a: decoderMot(message.entetes.get('to') ?? ''),
    sujet: decoderMot(message.entetes.get('subject') ?? ''),
    repondreA: message.entetes.get('reply-to') ?? '',
    enReponseA: message.entetes.get('in-reply-to') ?? '',
    references: message.entetes.get('references') ?? '',
    texte: texte ? decoderCorps(texte).replace(/\r\n/g, '\n').trimEnd() : '',
    piecesJointes,
    contenus: new Map(
      parties
        .filter((p) => /filename=/i.test(p.entetes.get('content-disposition') ?? ''))
        .map((p) => [
          (p.entetes.get('content-disposition') ?? '').match(/filename="?([^";]+)"?/i)?.[1] ?? '',
          decoderCorps(p),
        ]),
    ),
  };
}

/** Starts the local SMTP server on 127.0.0.1 (port 0: any free port). */
export async function demarrerSmtpLocal(port = 0): Promise<SmtpLocal> {
  const recus = new Map<string, CourrielRecu>();
  let brut = 0;
  let avantRetenue = Number.POSITIVE_INFINITY;
  let retenus = 0;
  const serveur = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    // Closing waits for pooled client connections at most this long (smtp-server's default is 30 s).
    closeTimeout: 1_000,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(flux, _session, fini) {
      const morceaux: Buffer[] = [];
      flux.on('data', (m: Buffer) => morceaux.push(m));
      flux.on('end', () => {
        brut++;
        const c = analyserCourriel(Buffer.concat(morceaux).toString('utf8'));
        const cle = c.messageId || `sans-id-${brut}`;
        const deja = recus.get(cle);
        if (deja) deja.exemplaires++;
        else recus.set(cle, { ...c, recuLe: new Date(), exemplaires: 1 });
        if (avantRetenue-- <= 0) retenus++;
        else fini();
      });
    },
  });
  // Without it, Nagle's algorithm and delayed ACKs stall each SMTP exchange by ~40 ms on loopback.
  serveur.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve, reject) => {
    serveur.once('error', reject);
    serveur.listen(port, '127.0.0.1', () => resolve());
  });
  // A client that disappears mid-session (a sender killed, a reset connection) is not an error of this server: without
  // a listener, smtp-server's 'error' event would end the whole process (guichet itself in development).
  serveur.on('error', () => {});
  const adresse = serveur.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${adresse.port}`,
    recus: () => [...recus.values()].reverse(),
    brut: () => brut,
    retenirApres: (n) => {
      avantRetenue = n;
    },
    retenus: () => retenus,
    liberer: () => {
      avantRetenue = Number.POSITIVE_INFINITY;
    },
    fermer: () => new Promise<void>((resolve) => serveur.close(() => resolve())),
  };
}
