import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import type { ConfigProConnect } from '../../config/index.ts';
import { egaliteSure, jetonAleatoire } from '../../platform/auth/jetons.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, retourSur } from '../../platform/http/requete.ts';
import {
  DUREE_FLUX_MS,
  debuterConnexion,
  type FluxProConnect,
  ProConnectIndisponible,
  RetourProConnectInvalide,
  terminerConnexion,
  urlFinDeSession,
} from './proconnect.ts';
import { connecterParProConnect, idTokenDeSession, lierProConnect } from './proconnect-service.ts';
import { deconnecter } from './service.ts';
import { poserCookieSession } from './session.ts';
import {
  PageDeconnecteProConnect,
  PageRefusProConnect,
  PageVersFinDeSessionProConnect,
} from './views/proconnect-pages.tsx';

/** The signed, httpOnly cookie holding one sign-in's state, nonce and PKCE verifier for 10 minutes. */
export const COOKIE_FLUX = 'guichet_proconnect';
/** The signed cookie holding the `state` of a ProConnect sign-out until the provider sends the person back. */
const COOKIE_FIN = 'guichet_proconnect_fin';

const REFUS = {
  inconnu: {
    titre: 'Aucun compte guichet',
    message:
      'Aucun compte guichet n’est associé à cette identité ProConnect. Demandez une invitation à votre responsable (le gestionnaire de votre structure ou la coordination départementale) : une fois invité, vous pourrez vous connecter avec ProConnect.',
  },
  desactive: {
    titre: 'Compte désactivé',
    message: 'Votre compte guichet est désactivé. Adressez-vous à votre responsable pour le faire réactiver.',
  },
  authentification_ancienne: {
    titre: 'Session ProConnect trop ancienne',
    message:
      'Votre connexion à ProConnect date de plus de 12 heures. Déconnectez-vous de ProConnect, puis reconnectez-vous.',
  },
  retour_invalide: {
    titre: 'Connexion non vérifiée',
    message:
      'Le retour de ProConnect n’a pas pu être vérifié : la connexion a expiré (10 minutes) ou a été commencée dans un autre navigateur. Recommencez la connexion.',
  },
  identite_non_confirmee: {
    titre: 'Identité non confirmée',
    message: 'ProConnect n’a pas pu confirmer votre identité. Recommencez la connexion.',
  },
  annulee: {
    titre: 'Connexion interrompue',
    message: 'La connexion avec ProConnect a été annulée ou refusée. Vous pouvez recommencer.',
  },
  indisponible: {
    titre: 'ProConnect indisponible',
    message:
      'ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe.',
  },
  deja_lie: {
    titre: 'Compte déjà lié',
    message: 'Votre compte guichet est déjà lié à une identité ProConnect.',
  },
  identite_prise: {
    titre: 'Identité déjà utilisée',
    message: 'Cette identité ProConnect est déjà liée à un autre compte guichet.',
  },
  autre_personne: {
    titre: 'Connexion non vérifiée',
    message: 'La liaison avec ProConnect a été commencée par une autre session. Reconnectez-vous, puis recommencez.',
  },
} as const;

type Refus = keyof typeof REFUS;

function refuser(req: FastifyRequest, reply: FastifyReply, raison: Refus, status: number) {
  req.log.info({ event: 'proconnect_refused', reason: raison }, 'ProConnect sign-in refused');
  return sendPage(reply, <PageRefusProConnect ctx={contexte(req)} {...REFUS[raison]} />, status);
}

function configurationDe(req: FastifyRequest): ConfigProConnect {
  const pc = req.server.deps.config.proconnect;
  if (!pc) throw new AppError('introuvable');
  return pc;
}

const optionsCookie = (req: FastifyRequest) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: req.server.deps.config.production,
  signed: true,
  maxAge: DUREE_FLUX_MS / 1000,
});

/** The flow of the signed cookie, if its signature holds and it has not expired. */
export function lireFlux(req: FastifyRequest): FluxProConnect | null {
  const brut = req.cookies[COOKIE_FLUX];
  if (!brut) return null;
  const signe = req.unsignCookie(brut);
  if (!signe.valid || !signe.value) return null;
  try {
    const flux = JSON.parse(Buffer.from(signe.value, 'base64url').toString('utf8')) as FluxProConnect;
    return typeof flux.state === 'string' && typeof flux.expireLe === 'number' && flux.expireLe > Date.now()
      ? flux
      : null;
  } catch {
    return null;
  }
}

export const encoderFlux = (flux: FluxProConnect) => Buffer.from(JSON.stringify(flux)).toString('base64url');

async function demarrer(req: FastifyRequest, reply: FastifyReply, retour: string, liaison: string | null) {
  const { config } = req.server.deps;
  try {
    const { url, flux } = await debuterConnexion(configurationDe(req), config.publicUrl, retour, liaison);
    reply.setCookie(COOKIE_FLUX, encoderFlux(flux), optionsCookie(req));
    return reply.redirect(url.href, 303);
  } catch (e) {
    if (e instanceof ProConnectIndisponible) {
      req.log.warn({ err: e }, 'ProConnect discovery failed');
      return refuser(req, reply, 'indisponible', 503);
    }
    throw e;
  }
}

/**
 * If the session was opened through ProConnect: the provider's end-session URL (with `id_token_hint` and a fresh
 * `state`, kept in a signed cookie), where the sign-out continues; null otherwise, or when ProConnect is unreachable.
 */
export async function finDeSessionProConnect(req: FastifyRequest, reply: FastifyReply): Promise<string | null> {
  const { db, config } = req.server.deps;
  if (!config.proconnect || !req.jetonSession) return null;
  const idToken = await idTokenDeSession(db, config.sessionSecret, req.jetonSession);
  if (!idToken) return null;
  const state = jetonAleatoire();
  try {
    const url = await urlFinDeSession(config.proconnect, config.publicUrl, idToken, state);
    reply.setCookie(COOKIE_FIN, state, optionsCookie(req));
    return url.href;
  } catch (e) {
    req.log.warn({ err: e }, 'ProConnect end-session URL unavailable: signed out of guichet only');
    return null;
  }
}

/** The page that takes a signed-out person on to ProConnect's end-session endpoint. */
export function versFinDeSessionProConnect(req: FastifyRequest, reply: FastifyReply, url: string) {
  return sendPage(reply, <PageVersFinDeSessionProConnect ctx={contexte(req)} url={url} />);
}

/** ProConnect sign-in, the link of a signed-in account to ProConnect, and the page after ProConnect's sign-out. */
export async function proconnectRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const publique = { config: { acces: 'public' as const } };
  const connecte = { config: { acces: 'connecte' as const } };

  app.get('/connexion/proconnect', publique, async (req, reply) => {
    configurationDe(req);
    if (req.acteur) return reply.redirect('/tableau-de-bord', 303);
    return demarrer(req, reply, retourSur((req.query as Record<string, unknown>).retour), null);
  });

  app.get('/compte/proconnect', connecte, async (req, reply) => {
    configurationDe(req);
    return demarrer(req, reply, '/tableau-de-bord', acteurDe(req).id);
  });

  app.get('/connexion/proconnect/retour', publique, async (req, reply) => {
    const pc = configurationDe(req);
    const requete = req.query as Record<string, unknown>;
    const flux = lireFlux(req);
    reply.clearCookie(COOKIE_FLUX, { path: '/' });
    if (typeof requete.error === 'string') return refuser(req, reply, 'annulee', 400);
    if (!flux || typeof requete.state !== 'string' || !egaliteSure(requete.state, flux.state))
      return refuser(req, reply, 'retour_invalide', 400);
    let identite: Awaited<ReturnType<typeof terminerConnexion>>;
    try {
      identite = await terminerConnexion(pc, config.publicUrl, new URL(req.url, config.publicUrl), flux);
    } catch (e) {
      if (e instanceof ProConnectIndisponible) return refuser(req, reply, 'indisponible', 503);
      if (e instanceof RetourProConnectInvalide) {
        req.log.warn({ event: 'proconnect_invalid', reason: e.message }, 'ProConnect answer refused');
        return refuser(req, reply, 'identite_non_confirmee', 400);
      }
      throw e;
    }
    if (flux.liaison) {
      if (req.acteur?.id !== flux.liaison) return refuser(req, reply, 'autre_personne', 403);
      const r = await lierProConnect(db, flux.liaison, identite);
      if (!r.ok) return refuser(req, reply, r.raison, 409);
      req.log.info({ event: 'proconnect_linked', userId: flux.liaison, idp: identite.idpId }, 'ProConnect linked');
      return reply
        .flash('success', 'Votre compte est lié à ProConnect : vous pouvez désormais vous connecter avec ProConnect.')
        .redirect(flux.retour, 303);
    }
    const r = await connecterParProConnect(db, req.server.deps.config.sessionSecret, identite);
    if (!r.ok) return refuser(req, reply, r.raison, 403);
    if (req.jetonSession) await deconnecter(db, req.jetonSession);
    poserCookieSession(req, reply, r.jetonSession);
    req.log.info(
      {
        event: 'login',
        method: 'proconnect',
        userId: r.utilisateurId,
        idp: identite.idpId,
        acr: identite.acr,
        amr: identite.amr,
        firstLink: r.premiereLiaison,
      },
      'signed in',
    );
    return reply.redirect(flux.retour, 303);
  });

  app.get('/deconnexion/proconnect', publique, async (req, reply) => {
    configurationDe(req);
    const brut = req.cookies[COOKIE_FIN];
    const signe = brut ? req.unsignCookie(brut) : null;
    const state = (req.query as Record<string, unknown>).state;
    const verifie = Boolean(
      signe?.valid && signe.value && typeof state === 'string' && egaliteSure(state, signe.value),
    );
    reply.clearCookie(COOKIE_FIN, { path: '/' });
    return sendPage(reply, <PageDeconnecteProConnect ctx={contexte(req)} verifie={verifie} />);
  });
}
