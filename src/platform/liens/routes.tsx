import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { ContextePage } from '../../ui/contexte.ts';
import { sendPage } from '../http/render.ts';
import { PageLien, type TEXTES_LIEN } from './page.tsx';
import { lireLien } from './service.ts';
import { traitementDe } from './traitements.ts';

// `GET /l/:jeton` (ADR 0023): the one entry of every citizen link. It reads the link without using it and hands it to
// the page its purpose registered. The token is a secret in the path: the answer is never stored by a cache
// (`no-store`), the pages it leads to send no Referer (`no-referrer`), and the log masks the path
// (platform/logging).

const STATUTS: Record<keyof typeof TEXTES_LIEN, number> = {
  inconnu: 404,
  utilise: 410,
  expire: 410,
  revoque: 410,
  sans_traitement: 200,
};

export async function liensRoutes(app: FastifyInstance, options: { contexte: (req: FastifyRequest) => ContextePage }) {
  const page = (req: FastifyRequest, reply: FastifyReply, etat: keyof typeof TEXTES_LIEN) =>
    sendPage(reply, h(PageLien, { ctx: options.contexte(req), etat }), STATUTS[etat]);

  app.get<{ Params: { jeton: string } }>('/l/:jeton', { config: { acces: 'public' } }, async (req, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    reply.header('x-robots-tag', 'noindex, nofollow');
    const lecture = await lireLien(app.deps.db, req.params.jeton);
    if (!lecture.ok) return page(req, reply, lecture.etat);
    const traitement = traitementDe(lecture.lien.objet);
    if (!traitement) return page(req, reply, 'sans_traitement');
    return traitement({
      req,
      reply,
      lien: lecture.lien,
      jeton: req.params.jeton,
      refuser: (etat) => page(req, reply, etat),
    });
  });
}
