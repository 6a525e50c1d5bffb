import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { contexte } from '../../app/contexte.ts';
import { sendPage } from '../../platform/http/render.ts';
import { listerSites, ouverturesSite } from './api-service.ts';
import { documentOpenApi } from './openapi.ts';
import {
  type ErreurParametre,
  erreursParametres,
  type ParametresListeSites as Liste,
  ParametresListeSites,
  ParametresOuvertures,
} from './validation.ts';
import { PageDocumentationApi } from './views/documentation-api.tsx';

/** Public data changes rarely and the API's registry is at most a minute old: shared caches may keep a minute. */
const CACHE_API = 'public, max-age=60';
/** Paths readable from any origin (GET only): the JSON API and the open-data files. */
const CORS = /^\/(api\/v1|donnees)\//;
/** Public, cacheable answers that must never carry the session or CSRF cookies set on every request. */
const SANS_COOKIE = /^\/(api\/v1\/|donnees\/|api\/openapi\.json(\?|$))/;
const Uuid = z.uuid();

function probleme(
  req: FastifyRequest,
  reply: FastifyReply,
  status: 400 | 404,
  detail: string,
  errors?: ErreurParametre[],
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .header('cache-control', CACHE_API)
    .send({
      type: 'about:blank',
      title: status === 400 ? 'Requête invalide' : 'Ressource introuvable',
      status,
      detail,
      instance: req.url,
      requestId: req.id,
      ...(errors ? { errors } : {}),
    });
}

function parametresInvalides(req: FastifyRequest, reply: FastifyReply, errors: ErreurParametre[]) {
  return probleme(req, reply, 400, errors.map((e) => e.detail).join(' '), errors);
}

/** `Link` header with the next and previous pages, absolute, keeping the other parameters. */
function liens(base: string, p: Liste, total: number): string | undefined {
  const page = (n: number) => {
    const q = new URLSearchParams();
    if (p.q) q.set('q', p.q);
    if (p.lat !== undefined && p.lon !== undefined) {
      q.set('lat', String(p.lat));
      q.set('lon', String(p.lon));
    }
    if (p.departement) q.set('departement', p.departement);
    if (p.compliant !== undefined) q.set('compliant', String(p.compliant));
    q.set('limit', String(p.limit));
    q.set('page', String(n));
    return `<${base}/api/v1/sites?${q}>`;
  };
  const derniere = Math.max(1, Math.ceil(total / p.limit));
  const l = [`${page(1)}; rel="first"`, `${page(derniere)}; rel="last"`];
  if (p.page < derniere) l.push(`${page(p.page + 1)}; rel="next"`);
  if (p.page > 1) l.push(`${page(Math.min(p.page - 1, derniere))}; rel="prev"`);
  return l.join(', ');
}

/**
 * The public JSON API (v1), its OpenAPI description and its documentation page. Registered without encapsulation
 * (like a fastify-plugin) so that its CORS hook also covers the open-data files of `/donnees/`.
 */
export async function apiRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const publique = { config: { acces: 'public' as const } };
  const document = documentOpenApi(config.publicUrl);

  // GET from any origin on the API and the open data, nothing else; such public responses never set cookies
  // (the session and CSRF cookies set on every request are stripped, as shared caches may keep these responses).
  app.addHook('onSend', async (req, reply, corps) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return corps;
    if (CORS.test(req.url)) {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'Link');
      reply.header('cross-origin-resource-policy', 'cross-origin');
    }
    if (SANS_COOKIE.test(req.url)) reply.removeHeader('set-cookie');
    return corps;
  });

  app.get('/api/v1/sites', publique, async (req, reply) => {
    const lu = ParametresListeSites.safeParse(req.query);
    if (!lu.success) return parametresInvalides(req, reply, erreursParametres(lu.error.issues));
    const resultat = await listerSites(db, config.publicUrl, lu.data);
    const lien = liens(config.publicUrl, lu.data, resultat.total);
    if (lien) reply.header('link', lien);
    return reply.header('cache-control', CACHE_API).send(resultat);
  });

  app.get('/api/v1/sites/:id/openings', publique, async (req, reply) => {
    const lu = ParametresOuvertures.safeParse(req.query);
    if (!lu.success) return parametresInvalides(req, reply, erreursParametres(lu.error.issues));
    const id = Uuid.safeParse((req.params as { id?: string }).id);
    const resultat = id.success ? await ouverturesSite(db, id.data, lu.data, new Date()) : null;
    if (!resultat || (!resultat.ok && resultat.raison === 'introuvable')) {
      return probleme(req, reply, 404, 'Aucun lieu France services ouvert au public ne porte cet identifiant.');
    }
    if (!resultat.ok) return parametresInvalides(req, reply, resultat.erreurs);
    return reply.header('cache-control', CACHE_API).send(resultat.ouvertures);
  });

  app.get('/api/openapi.json', publique, async (_req, reply) =>
    reply.header('cache-control', CACHE_API).type('application/json; charset=utf-8').send(document),
  );

  app.get('/api/docs', publique, async (req, reply) =>
    sendPage(reply, h(PageDocumentationApi, { ctx: contexte(req), document })),
  );
}

// Fastify's documented switch (what fastify-plugin sets): the hook above applies to every route of the app.
Object.assign(apiRoutes, { [Symbol.for('skip-override')]: true });
