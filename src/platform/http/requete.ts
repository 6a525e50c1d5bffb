import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { CARACTERES_INTERDITS } from './formulaire.ts';
import type { ActeurConnecte } from './types.ts';

const Uuid = z.uuid();

/** The `:id`-like path parameter as a uuid; anything else is a 404, never a database error. */
export function parametreId(req: FastifyRequest, nom = 'id'): string {
  const brut = (req.params as Record<string, string | undefined>)[nom];
  const r = Uuid.safeParse(brut);
  if (!r.success) throw new AppError('introuvable');
  return r.data;
}

/** The signed-in actor (routes declared `connecte` always have one). */
export function acteurDe(req: FastifyRequest): ActeurConnecte {
  if (!req.acteur) throw new AppError('non_authentifie');
  return req.acteur;
}

const ORIGINE_FICTIVE = 'http://guichet.invalid';

/**
 * A same-site path to go back to after sign-in; anything else falls back to the dashboard. The path is normalised by the
 * URL parser, so it comes back percent-encoded ASCII (any Unicode, even a lone surrogate, fits in a Location header)
 * and a path the parser would read as another host (`/\t/evil.example`) is refused.
 */
export function retourSur(valeur: unknown, defaut = '/tableau-de-bord'): string {
  if (
    typeof valeur !== 'string' ||
    valeur.length > 500 ||
    !valeur.startsWith('/') ||
    valeur.startsWith('//') ||
    valeur.startsWith('/\\') ||
    CARACTERES_INTERDITS.test(valeur)
  ) {
    return defaut;
  }
  let url: URL;
  try {
    url = new URL(valeur, ORIGINE_FICTIVE);
  } catch {
    return defaut;
  }
  if (url.origin !== ORIGINE_FICTIVE) return defaut;
  const chemin = `${url.pathname}${url.search}${url.hash}`;
  return chemin.length > 1000 ? defaut : chemin;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** A request made on this very machine: from a loopback address, and not relayed by a proxy (whatever TRUST_PROXY says). */
export function requeteLocale(req: FastifyRequest): boolean {
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  return LOOPBACK.test(req.socket.remoteAddress ?? '');
}
