import type { FastifyReply, FastifyRequest } from 'fastify';
import { egaliteSure, jetonAleatoire, signature } from '../auth/jetons.ts';
import { AppError } from './errors.ts';

export const COOKIE_CSRF = 'guichet_csrf';

/**
 * Gives the browser its random CSRF cookie if it has none. The form token is an HMAC of that cookie bound to the
 * session, so a token from before sign-in stops working after it, and another site can neither read nor forge it.
 */
export function assurerCookieCsrf(req: FastifyRequest, reply: FastifyReply, secure: boolean) {
  const existant = req.cookies[COOKIE_CSRF];
  if (existant && /^[\w-]{20,64}$/.test(existant)) {
    req.csrfCookie = existant;
    return;
  }
  req.csrfCookie = jetonAleatoire(18);
  reply.setCookie(COOKIE_CSRF, req.csrfCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function jetonCsrf(req: FastifyRequest, secret: string): string {
  return signature(secret, `${req.csrfCookie ?? ''}|${req.jetonSession ?? ''}`);
}

/**
 * Refuses an unsafe request whose `_csrf` field does not match the browser's cookie and session. A route that reads
 * its body as a stream (an upload) passes the field it read as `champ`.
 */
export function verifierCsrf(req: FastifyRequest, secret: string, champ?: unknown) {
  const body = req.body as Record<string, unknown> | undefined;
  const lu = champ ?? body?._csrf;
  const recu = typeof lu === 'string' ? lu : req.headers['x-csrf-token'];
  if (!req.csrfCookie || typeof recu !== 'string' || !egaliteSure(recu, jetonCsrf(req, secret))) {
    throw new AppError('csrf', 'Le formulaire a expiré ou ne vient pas de guichet. Rechargez la page et recommencez.');
  }
}
