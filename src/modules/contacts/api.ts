// The public JSON API of contacts (issue 12), documented in the OpenAPI document (donnees/openapi-contacts.ts): when
// the answer to a message received by a site is due. Partners forwarding a message learn the promised date. Errors
// are problem+json in French.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isoAvecDecalage } from '../rendez-vous/index.ts';
import { HEURES_OUVREES } from './delai.ts';
import { delaiReponseSite } from './service.ts';
import { ParametresDelai } from './validation.ts';

/** With an explicit `recu` the answer depends only on the site's calendar, at most a minute old elsewhere too. */
const CACHE_API = 'public, max-age=60';
/** Without `recu` the answer is about "now": never kept. */
const SANS_CACHE = 'no-store';
const Uuid = z.uuid();
const INTROUVABLE = 'Aucun lieu France services ouvert au public ne porte cet identifiant.';

function probleme(
  req: FastifyRequest,
  reply: FastifyReply,
  status: 404 | 422,
  detail: string,
  errors?: Array<{ parameter: string; detail: string }>,
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .header('cache-control', SANS_CACHE)
    .send({
      type: 'about:blank',
      title: status === 404 ? 'Ressource introuvable' : 'Paramètre invalide',
      status,
      detail,
      instance: req.url.split('?')[0],
      requestId: req.id,
      ...(errors ? { errors } : {}),
    });
}

export async function contactsApi(app: FastifyInstance) {
  const { db } = app.deps;

  app.get('/api/v1/sites/:id/delai-reponse', { config: { acces: 'public' as const } }, async (req, reply) => {
    const id = Uuid.safeParse((req.params as { id?: string }).id);
    if (!id.success) return probleme(req, reply, 404, INTROUVABLE);
    const lu = ParametresDelai.safeParse(req.query ?? {});
    if (!lu.success) {
      const errors = lu.error.issues.map((i) => ({ parameter: String(i.path[0] ?? 'recu'), detail: i.message }));
      return probleme(req, reply, 422, errors.map((e) => e.detail).join(' '), errors);
    }
    const recu = lu.data.recu ?? new Date();
    const r = await delaiReponseSite(db, id.data, recu);
    if (!r) return probleme(req, reply, 404, INTROUVABLE);
    const { delai, fuseau } = r;
    return reply.header('cache-control', lu.data.recu ? CACHE_API : SANS_CACHE).send({
      siteId: r.siteId,
      timeZone: fuseau,
      workingHours: HEURES_OUVREES,
      basis: delai.base === 'horaires' ? 'openingHours' : 'weekdays',
      receivedAt: isoAvecDecalage(delai.recu, fuseau),
      countingFrom: delai.ok ? isoAvecDecalage(delai.debut, fuseau) : null,
      dueAt: delai.ok ? isoAvecDecalage(delai.echeance, fuseau) : null,
      ...(delai.ok ? {} : { detail: delai.message }),
    });
  });
}
