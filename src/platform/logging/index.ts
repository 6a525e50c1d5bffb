import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';

// One-time tokens travel in query strings (reset and invitation links); query strings are never logged and
// anything that looks like a token in a path is masked.
export function urlJournalisable(url: string): string {
  const chemin = url.split('?')[0] ?? '';
  // A citizen link's path is its secret, whole or truncated (ADR 0023): everything after /l/ is masked.
  return chemin.replace(/^\/l\/.*/, '/l/[masqué]').replace(/[A-Za-z0-9_-]{32,}/g, '[masqué]');
}

const ID_VALIDE = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuses a well-formed X-Request-Id from a proxy, else makes one. */
export function genererIdRequete(req: IncomingMessage): string {
  const entete = req.headers['x-request-id'];
  return typeof entete === 'string' && ID_VALIDE.test(entete) ? entete : randomUUID();
}

/** JSON logs with a request id; serializers list only what may be logged (no cookies, bodies, emails or tokens). */
export function optionsJournal(niveau: string, flux?: { write(ligne: string): void }): FastifyServerOptions['logger'] {
  return {
    level: niveau,
    ...(flux ? { stream: flux } : {}),
    base: { service: 'guichet' },
    messageKey: 'message',
    serializers: {
      req(req) {
        return { method: req.method, url: urlJournalisable(req.url), remoteAddress: req.ip };
      },
      res(res) {
        return { statusCode: res.statusCode };
      },
    },
  };
}
