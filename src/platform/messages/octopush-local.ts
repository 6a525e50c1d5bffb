import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for Octopush's HTTP API (ADR 0022), for development and tests: the same endpoint, headers, body
// and answers, so that the real adapter (`fournisseurOctopush`) is what runs. It refuses a `request_id` it has already
// accepted, as Octopush does, and can post delivery receipts to a callback URL as Octopush's "Callbacks" do.

export interface SmsRecu {
  ticket: string;
  numero: string;
  texte: string;
  requestId: string | null;
  expediteur: string;
  recuLe: Date;
}

export interface OctopushLocal {
  /** Base URL to give as OCTOPUSH_API_URL. */
  url: string;
  login: string;
  cle: string;
  /** SMS accepted (one per distinct request_id). */
  recus(): SmsRecu[];
  /** Every send request that reached the server, duplicates included. */
  brut(): number;
  /** Requests refused as duplicates of an accepted request_id. */
  doublons(): number;
  /** The next `n` requests answer 503, to exercise retries. */
  panne(n: number): void;
  /** Tests: after `n` more SMS, accept them but withhold the answer (a sender then dies holding them). */
  retenirApres(n: number): void;
  retenus(): number;
  liberer(): void;
  fermer(): Promise<void>;
}

async function lireJson(req: IncomingMessage): Promise<unknown> {
  const morceaux: Buffer[] = [];
  for await (const m of req) morceaux.push(m as Buffer);
  try {
    return JSON.parse(Buffer.concat(morceaux).toString('utf8'));
  } catch {
    return null;
  }
}

/** Starts the fake provider on 127.0.0.1; `accuses`: where to post a DELIVERED receipt after each SMS accepted. */
export async function demarrerOctopushLocal(options: { port?: number; accuses?: string } = {}): Promise<OctopushLocal> {
  const login = 'guichet-local@octopush.test';
  const cle = 'cle-locale';
  const recus = new Map<string, SmsRecu>();
  let brut = 0;
  let doublons = 0;
  let pannes = 0;
  let avantRetenue = Number.POSITIVE_INFINITY;
  let retenus = 0;
  const traiter = async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const repondre = (status: number, corps: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(corps));
    };
    if (req.method !== 'POST' || req.url !== '/v1/public/sms-campaign/send')
      return repondre(404, { message: 'Not found' });
    brut++;
    if (pannes > 0) {
      pannes--;
      return repondre(503, { message: 'Service unavailable' });
    }
    if (req.headers['api-login'] !== login || req.headers['api-key'] !== cle)
      return repondre(401, { code: 102, message: 'Invalid api-login or api-key' });
    const corps = (await lireJson(req)) as {
      text?: unknown;
      recipients?: Array<{ phone_number?: unknown }>;
      sender?: unknown;
      request_id?: unknown;
    } | null;
    const numero = corps?.recipients?.[0]?.phone_number;
    if (typeof corps?.text !== 'string' || corps.text.length < 1 || corps.text.length > 1224)
      return repondre(400, { code: 100, message: 'text: from 1 to 1224 characters' });
    if (typeof numero !== 'string' || !/^\+\d{8,15}$/.test(numero))
      return repondre(400, { code: 100, message: 'recipients: invalid phone_number' });
    const requestId = typeof corps.request_id === 'string' ? corps.request_id : null;
    if (requestId && [...recus.values()].some((s) => s.requestId === requestId)) {
      doublons++;
      return repondre(400, { code: 100, message: 'request_id: duplicate request detected' });
    }
    const ticket = `sms_${randomBytes(8).toString('hex')}`;
    recus.set(ticket, {
      ticket,
      numero,
      texte: corps.text,
      requestId,
      expediteur: String(corps.sender ?? ''),
      recuLe: new Date(),
    });
    if (avantRetenue-- <= 0) {
      retenus++;
      return;
    }
    repondre(201, {
      sms_ticket: ticket,
      number_of_contacts: 1,
      total_cost: 0.045,
      number_of_sms_needed: 1,
      residual_credit: 100,
    });
    if (options.accuses) {
      const accuse = {
        channel: 'sms',
        message_id: ticket,
        number: numero,
        status: 'DELIVERED',
        delivery_date: new Date().toISOString().slice(0, 19).replace('T', ' '),
      };
      fetch(options.accuses, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(accuse),
      }).catch(() => {});
    }
  };
  // A request whose client vanished (a sender killed mid-batch) ends here, never as an unhandled rejection.
  const serveur = createServer((req, res) => {
    traiter(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => serveur.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const { port } = serveur.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/public`,
    login,
    cle,
    recus: () => [...recus.values()].reverse(),
    brut: () => brut,
    doublons: () => doublons,
    panne: (n) => {
      pannes = n;
    },
    retenirApres: (n) => {
      avantRetenue = n;
    },
    retenus: () => retenus,
    liberer: () => {
      avantRetenue = Number.POSITIVE_INFINITY;
    },
    fermer: () =>
      new Promise<void>((resolve) => {
        serveur.closeAllConnections();
        serveur.close(() => resolve());
      }),
  };
}
