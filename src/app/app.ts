import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { h } from 'preact';
import { accueilRoutes } from '../modules/accueil/routes.tsx';
import { annuaireRoutes } from '../modules/annuaire/routes.tsx';
import { catalogueRoutes } from '../modules/catalogue/routes.tsx';
import { comptesRoutes } from '../modules/comptes/routes.tsx';
import { totpRoutes } from '../modules/comptes/routes-totp.tsx';
import { chargerSession } from '../modules/comptes/session.ts';
import { contactsApi } from '../modules/contacts/api.ts';
import { compterDemandesOuvertes } from '../modules/contacts/index.ts';
import { boiteRoutes } from '../modules/contacts/routes-boite.tsx';
import { formulaireContactRoutes } from '../modules/contacts/routes-formulaire.tsx';
import { apiRoutes } from '../modules/donnees/api.ts';
import { donneesRoutes } from '../modules/donnees/routes.ts';
import { horairesRoutes, type OptionsHoraires } from '../modules/horaires/routes.tsx';
import { conformiteRoutes } from '../modules/horaires/routes-conformite.tsx';
import { importsRoutes } from '../modules/imports/routes.tsx';
import { citoyensRoutes } from '../modules/mandats/routes-citoyens.tsx';
import { mandatsRoutes } from '../modules/mandats/routes-mandats.tsx';
import { revocationRoutes } from '../modules/mandats/routes-revocation.tsx';
import { violationsRoutes } from '../modules/mandats/routes-violations.tsx';
import { messagerieRoutes } from '../modules/messagerie/routes.tsx';
import { rapportsRoutes } from '../modules/rapports/routes.tsx';
import { indicateursRoutes } from '../modules/rapports/routes-indicateurs.tsx';
import { rendezVousApi } from '../modules/rendez-vous/api.ts';
import { resumeAReprendre } from '../modules/rendez-vous/index.ts';
import { rendezVousRoutes } from '../modules/rendez-vous/routes.tsx';
import { deplacementUsagerRoutes } from '../modules/rendez-vous/routes-deplacement.tsx';
import { gestionRendezVousRoutes } from '../modules/rendez-vous/routes-gestion.tsx';
import { rendezVousGuichetRoutes } from '../modules/rendez-vous/routes-guichet.tsx';
import { journeeRoutes, type OptionsJournee } from '../modules/rendez-vous/routes-journee.tsx';
import { repriseRoutes } from '../modules/rendez-vous/routes-reprise.tsx';
import { saisinesRoutes } from '../modules/saisines/routes.tsx';
import { annuaireReferentsRoutes } from '../modules/saisines/routes-annuaire.tsx';
import { piecesSaisinesRoutes } from '../modules/saisines/routes-pieces.tsx';
import { sollicitationsRoutes } from '../modules/sollicitations/routes.tsx';
import { structuresRoutes } from '../modules/structures/routes.tsx';
import { ping } from '../platform/db/client.ts';
import { assurerCookieCsrf, verifierCsrf } from '../platform/http/csrf.ts';
import { AppError } from '../platform/http/errors.ts';
import { sendPage } from '../platform/http/render.ts';
import { requeteLocale } from '../platform/http/requete.ts';
import type { Acces, Dependances } from '../platform/http/types.ts';
import { arreterTaches, demarrerTaches } from '../platform/jobs/index.ts';
import { liensRoutes, TEXTES_LIEN } from '../platform/liens/index.ts';
import { genererIdRequete, optionsJournal } from '../platform/logging/index.ts';
import { etatFile } from '../platform/messages/index.ts';
import type { Flash } from '../ui/contexte.ts';
import { CHEMIN_FEUILLE_ECRITURES, DOSSIER_POLICES, FICHIER_POLICE, feuilleEcritures } from '../ui/ecritures.ts';
import { PageErreur } from '../ui/erreur.tsx';
import { contexte } from './contexte.ts';
import { TACHES } from './taches.ts';

const DSFR = fileURLToPath(new URL('../../node_modules/@gouvfr/dsfr/dist', import.meta.url));
const ASSETS = fileURLToPath(new URL('../ui/assets', import.meta.url));
const MAPLIBRE = fileURLToPath(new URL('../../node_modules/maplibre-gl/dist', import.meta.url));
const COOKIE_FLASH = 'guichet_flash';
const METHODES_SURES = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RouteDeclaree {
  method: string;
  url: string;
  acces: Acces;
}

declare module 'fastify' {
  interface FastifyInstance {
    routesDeclarees: RouteDeclaree[];
  }
}

function estStatique(url: string) {
  // Assets, health and the public data and API: no session, no CSRF cookie, nothing personal, publicly cacheable.
  return (
    /^\/(dsfr|assets|vendor|donnees|api\/v1)\//.test(url) || url === '/healthz' || url.startsWith('/api/openapi.json')
  );
}

function veutDuJson(req: FastifyRequest) {
  return req.url.startsWith('/api/') || (req.headers.accept ?? '').startsWith('application/json');
}

function repondreErreur(req: FastifyRequest, reply: FastifyReply, status: number, message?: string) {
  if (veutDuJson(req)) {
    return reply
      .code(status)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: message ?? 'Erreur', status, instance: req.url, requestId: req.id });
  }
  // A page rendered outside the normal hooks (parse errors) may lack the request decorations.
  req.flashLu ??= null;
  req.acteur ??= null;
  return sendPage(reply, h(PageErreur, { ctx: contexte(req), status, message, idRequete: String(req.id) }), status);
}

/** Builds the whole application; the caller owns the database and listens. */
export async function construireApp(
  deps: Dependances,
  /** `taches: false` creates the job queues without running their workers (a process that only serves pages). */
  options: { journal?: { write(ligne: string): void }; taches?: boolean } = {},
): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: optionsJournal(config.logLevel, options.journal),
    genReqId: genererIdRequete,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router refuses (broken percent-encoding, a path segment over 100 characters) gets the French error page
    // rather than Fastify's JSON; under /l/ it is an unknown citizen link (404, nothing stored, no Referer: ADR 0023).
    frameworkErrors: (error, req, reply) => {
      if (req.url.startsWith('/l/')) {
        reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
        return repondreErreur(req, reply, 404, TEXTES_LIEN.inconnu.explication);
      }
      return repondreErreur(req, reply, (error as FastifyError).statusCode ?? 400);
    },
  });
  app.decorate('deps', deps);
  app.decorate('routesDeclarees', [] as RouteDeclaree[]);
  app.decorateRequest('acteur', null);
  app.decorateRequest('jetonSession', null);
  app.decorateRequest('csrfCookie', null);
  app.decorateRequest('flashLu', null);
  app.decorateReply('flash', function (this: FastifyReply, type: Flash['type'], message: string) {
    this.setCookie(COOKIE_FLASH, JSON.stringify({ type, message }), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.production,
      signed: true,
    });
    return this;
  });

  // Every route states who may reach it; a route without `config.acces` stops the application from starting.
  app.addHook('onRoute', (route) => {
    const acces = route.config?.acces ?? (/^\/(dsfr|assets|vendor)\//.test(route.url) ? 'public' : undefined);
    if (!acces) throw new Error(`Route ${route.method} ${route.url} does not declare config.acces`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routesDeclarees.push({ method, url: route.url, acces });
    }
  });

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyFormbody);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The map's tiles, glyphs and sprites come from the configured style's server (IGN by default).
        imgSrc: ["'self'", 'data:', 'blob:', new URL(config.carteStyle).origin],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", new URL(config.carteStyle).origin],
        workerSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(config.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.production ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  // Brotli's default quality (11) costs more CPU than the bytes it saves on small pages; 4 is close to gzip's cost.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyStatic, {
    root: DSFR,
    prefix: '/dsfr/',
    maxAge: '7d',
    index: false,
    list: false,
    allowedPath: (chemin) => !chemin.endsWith('.map'),
  });
  await app.register(fastifyStatic, {
    root: ASSETS,
    prefix: '/assets/',
    maxAge: '1h',
    index: false,
    decorateReply: false,
  });
  // Noto fonts for names in Arabic or Chinese script (src/ui/ecritures.ts): one stylesheet, and the font slices it names.
  app.get(CHEMIN_FEUILLE_ECRITURES, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=604800').send(feuilleEcritures()),
  );
  await app.register(fastifyStatic, {
    root: DOSSIER_POLICES,
    prefix: '/vendor/polices/',
    maxAge: '7d',
    index: false,
    decorateReply: false,
    allowedPath: (chemin) => FICHIER_POLICE.test(chemin),
  });
  // MapLibre's CSP build: the library and its worker as files, so that no blob: worker or eval is needed.
  await app.register(fastifyStatic, {
    root: MAPLIBRE,
    prefix: '/vendor/maplibre/',
    maxAge: '7d',
    index: false,
    decorateReply: false,
    allowedPath: (chemin) => ['/maplibre-gl-csp.js', '/maplibre-gl-csp-worker.js', '/maplibre-gl.css'].includes(chemin),
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (estStatique(req.url)) return;
    assurerCookieCsrf(req, reply, config.production);
    const flash = req.cookies[COOKIE_FLASH];
    if (flash) {
      const lu = req.unsignCookie(flash);
      if (lu.valid && lu.value) {
        try {
          req.flashLu = JSON.parse(lu.value) as Flash;
        } catch {}
      }
      reply.clearCookie(COOKIE_FLASH, { path: '/' });
    }
    await chargerSession(req, reply);
  });

  app.addHook('preHandler', async (req) => {
    const acces = req.routeOptions.config.acces;
    if (acces === 'connecte' && !req.acteur) throw new AppError('non_authentifie');
    // Development pages (the outbox, with live one-time links) exist only in development, for this very machine.
    if (acces === 'dev' && (config.env !== 'development' || !requeteLocale(req))) throw new AppError('introuvable');
    if (!METHODES_SURES.has(req.method) && req.routeOptions.config.csrf !== false)
      verifierCsrf(req, config.sessionSecret);
  });

  // What is made for a signed-in person (pages, exports, a public page with their header) is never stored by a browser
  // or a proxy: Back after sign-out must not show it again, and no shared cache may keep it.
  app.addHook('onSend', async (req, reply, payload) => {
    const acces = req.routeOptions.config?.acces;
    if (req.acteur || req.jetonSession || (acces && acces !== 'public'))
      reply.header('cache-control', 'private, no-store');
    return payload;
  });

  // Fastify's own refusals of a body (malformed JSON, unsupported or empty content type, too large), said in French.
  const messageFramework = (error: FastifyError): string | undefined =>
    ({
      FST_ERR_CTP_INVALID_JSON_BODY: 'Le corps de la requête n’est pas un JSON valide.',
      FST_ERR_CTP_EMPTY_JSON_BODY: 'Le corps de la requête est vide.',
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Ce type de contenu n’est pas accepté.',
      FST_ERR_CTP_BODY_TOO_LARGE: 'Le corps de la requête est trop volumineux.',
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'La longueur annoncée du corps de la requête est fausse.',
    })[error.code];

  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'non_authentifie' && req.method === 'GET' && !veutDuJson(req)) {
        const retour = encodeURIComponent(req.url);
        return reply.redirect(`/connexion?retour=${retour}`, 303);
      }
      return repondreErreur(req, reply, error.status, error.message);
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status >= 400 && status < 500)
      return repondreErreur(req, reply, status, messageFramework(error as FastifyError));
    req.log.error({ err: error }, 'unexpected error');
    return repondreErreur(req, reply, 500);
  });
  app.setNotFoundHandler(async (req, reply) => {
    if (!estStatique(req.url)) {
      assurerCookieCsrf(req, reply, config.production);
      await chargerSession(req, reply);
    }
    return repondreErreur(req, reply, 404);
  });

  app.get('/healthz', { config: { acces: 'public' } }, async (_req, reply) => {
    const ok = await ping(deps.pool);
    // The outbox's backlog: counts and an age only, the answer is public (ADR 0021).
    const messages = ok ? await etatFile(deps.db).catch(() => null) : null;
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'degraded', database: ok ? 'ok' : 'error', ...(messages ? { messages } : {}) });
  });

  await app.register(accueilRoutes);
  await app.register(comptesRoutes);
  await app.register(totpRoutes);
  await app.register(structuresRoutes);
  await app.register(sollicitationsRoutes);
  await app.register(rapportsRoutes);
  await app.register(donneesRoutes);
  await app.register(apiRoutes);
  await app.register(rendezVousApi);
  await app.register(contactsApi);
  await app.register(formulaireContactRoutes);
  await app.register(annuaireRoutes);
  await app.register(importsRoutes);
  await app.register(catalogueRoutes);
  await app.register(conformiteRoutes);
  // The closures page counts the appointments they cover: rendez-vous imports horaires, so the count is handed over.
  const optionsHoraires: OptionsHoraires = {
    rendezVousConcernes: (acteur, siteId) => resumeAReprendre(deps.db, acteur, siteId),
  };
  await app.register(horairesRoutes, optionsHoraires);
  await app.register(indicateursRoutes);
  await app.register(rendezVousRoutes);
  await app.register(repriseRoutes);
  await app.register(rendezVousGuichetRoutes);
  await app.register(deplacementUsagerRoutes);
  await app.register(gestionRendezVousRoutes);
  // The day board links to the site's inbox with its count: contacts imports rendez-vous, so the count is handed over.
  const optionsJournee: OptionsJournee = {
    messagesOuverts: (acteur, siteId) => compterDemandesOuvertes(deps.db, acteur, siteId),
  };
  await app.register(journeeRoutes, optionsJournee);
  await app.register(boiteRoutes);
  await app.register(saisinesRoutes);
  await app.register(annuaireReferentsRoutes);
  await app.register(messagerieRoutes);
  await app.register(piecesSaisinesRoutes);
  await app.register(mandatsRoutes);
  await app.register(revocationRoutes);
  await app.register(citoyensRoutes);
  await app.register(violationsRoutes);
  await app.register(liensRoutes, { contexte });
  // The job queue lives as long as the application: its workers stop after the last HTTP request is answered (onClose
  // runs once the server is closed), before the caller closes the pool (ADR 0020).
  await demarrerTaches({ ...deps, log: app.log, taches: TACHES, travailler: options.taches ?? true });
  app.addHook('onClose', () => arreterTaches(deps.db));
  return app;
}
