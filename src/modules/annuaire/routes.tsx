import type { FastifyInstance } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { introuvable } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/render.ts';
import { parametreId } from '../../platform/http/requete.ts';
import { sitePublic } from '../donnees/index.ts';
import { agenda, grilleSemaine, ouvertureMaintenant } from './agenda.ts';
import { PageFiche } from './views/fiche.tsx';

/** The public directory: site pages (and, next, the search). */
export async function annuaireRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  app.get('/lieux/:id', { config: { acces: 'public' } }, async (req, reply) => {
    const site = await sitePublic(db, parametreId(req));
    if (!site) introuvable();
    const maintenant = new Date();
    return sendPage(
      reply,
      <PageFiche
        ctx={contexte(req)}
        site={site}
        agenda={agenda(site, maintenant)}
        maintenant={ouvertureMaintenant(site, maintenant)}
        grille={site.genre === 'itinerant' ? null : grilleSemaine(site.horaires)}
      />,
    );
  });
}
