import type { FastifyInstance } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { ficheCitoyen } from './service-citoyens.ts';
import { PageCitoyen } from './views/citoyen-fiche.tsx';

// The citizen record page (issue 14 point 1): the agents and managers of the record's structure; 404 for anyone else.

export async function citoyensRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  app.get('/mandats/citoyens/:id', connecte, async (req, reply) => {
    const fiche = await ficheCitoyen(db, acteurDe(req), parametreId(req), new Date());
    reply.header('cache-control', 'private, no-store');
    return sendPage(reply, <PageCitoyen ctx={contexte(req)} fiche={fiche} />);
  });
}
