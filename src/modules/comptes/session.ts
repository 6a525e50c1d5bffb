import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Acteur } from '../portee/index.ts';
import { acteurDuJeton } from './service.ts';
import { attenteDuJeton } from './totp-service.ts';

declare module '../../platform/http/types.ts' {
  /** `req.acteur` is the person loaded here, with their habilitations. */
  interface ActeurConnecte extends Acteur {}
}

export const COOKIE_SESSION = 'guichet_session';
const FORMAT_JETON = /^[A-Za-z0-9_-]{43}$/;

/** Loads the signed-in actor from the session cookie; a dead or forged cookie is cleared. */
export async function chargerSession(req: FastifyRequest, reply: FastifyReply) {
  req.acteur = null;
  req.jetonSession = null;
  const jeton = req.cookies[COOKIE_SESSION];
  if (!jeton) return;
  const acteur = FORMAT_JETON.test(jeton) ? await acteurDuJeton(req.server.deps.db, jeton) : null;
  if (acteur) {
    req.acteur = acteur;
    req.jetonSession = jeton;
  } else if (FORMAT_JETON.test(jeton) && (await attenteDuJeton(req.server.deps.db, jeton))) {
    // Password right, second factor due (ADR 0032): the cookie stays for the second-factor pages, which load this
    // session themselves; without an actor, every other page treats the person as signed out.
    req.jetonSession = jeton;
  } else {
    reply.clearCookie(COOKIE_SESSION, { path: '/' });
  }
}

/** Sets a fresh session cookie (a new id at every sign-in: no session fixation). */
export function poserCookieSession(req: FastifyRequest, reply: FastifyReply, jeton: string) {
  reply.setCookie(COOKIE_SESSION, jeton, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.server.deps.config.production,
  });
  req.jetonSession = jeton;
}

export function effacerCookieSession(req: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(COOKIE_SESSION, { path: '/' });
  req.jetonSession = null;
  req.acteur = null;
}
