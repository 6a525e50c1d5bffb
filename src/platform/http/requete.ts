import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Acteur } from '../../modules/comptes/types.ts';
import { AppError } from './errors.ts';
import { CARACTERES_INTERDITS } from './formulaire.ts';

const Uuid = z.uuid();

/** The `:id`-like path parameter as a uuid; anything else is a 404, never a database error. */
export function parametreId(req: FastifyRequest, nom = 'id'): string {
  const brut = (req.params as Record<string, string | undefined>)[nom];
  const r = Uuid.safeParse(brut);
  if (!r.success) throw new AppError('introuvable');
  return r.data;
}

/** The signed-in actor (routes declared `connecte` always have one). */
export function acteurDe(req: FastifyRequest): Acteur {
  if (!req.acteur) throw new AppError('non_authentifie');
  return req.acteur;
}

/** A same-site path to go back to after sign-in; anything else falls back to the dashboard. */
export function retourSur(valeur: unknown, defaut = '/tableau-de-bord'): string {
  if (
    typeof valeur !== 'string' ||
    !valeur.startsWith('/') ||
    valeur.startsWith('//') ||
    valeur.startsWith('/\\') ||
    CARACTERES_INTERDITS.test(valeur)
  ) {
    return defaut;
  }
  return valeur.length > 500 ? defaut : valeur;
}
