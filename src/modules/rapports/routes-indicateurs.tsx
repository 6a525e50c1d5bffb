import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { introuvable } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/render.ts';
import { parametreId } from '../../platform/http/requete.ts';
import {
  anneeChoisie,
  FiltreIndicateurs,
  indicateursDuSite,
  indicateursEnCsv,
  indicateursNationaux,
  sitesDuDepartement,
} from './indicateurs.ts';
import { PageIndicateursNationaux, PageIndicateursSite } from './views/indicateurs.tsx';

/**
 * A visitor's browser may keep the page for 5 minutes; not shared caches, because the response may set the visitor's
 * CSRF cookie. A signed-in person's page carries their name in the header and is not stored.
 */
function cache(req: FastifyRequest, reply: FastifyReply) {
  return reply
    .header('cache-control', req.acteur ? 'private, no-store' : 'private, max-age=300')
    .header('vary', 'Cookie');
}

/** Public yearly indicators: national (/indicateurs, and as CSV) and per site (/indicateurs/lieux/:id). */
export async function indicateursRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const publique = { config: { acces: 'public' as const } };

  app.get('/indicateurs', publique, async (req, reply) => {
    const filtre = FiltreIndicateurs.parse(req.query ?? {});
    const [indicateurs, departement] = await Promise.all([
      indicateursNationaux(db, new Date()),
      filtre.departement ? sitesDuDepartement(db, filtre.departement) : null,
    ]);
    return sendPage(
      cache(req, reply),
      <PageIndicateursNationaux
        ctx={contexte(req)}
        indicateurs={indicateurs}
        choisie={anneeChoisie(indicateurs, filtre.annee)}
        departement={departement}
      />,
    );
  });

  app.get('/indicateurs.csv', publique, async (req, reply) => {
    const indicateurs = await indicateursNationaux(db, new Date());
    return cache(req, reply)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="indicateurs-france-services.csv"')
      .send(indicateursEnCsv(indicateurs));
  });

  app.get('/indicateurs/lieux/:id', publique, async (req, reply) => {
    const filtre = FiltreIndicateurs.parse(req.query ?? {});
    const trouve = await indicateursDuSite(db, parametreId(req), new Date());
    if (!trouve) introuvable();
    return sendPage(
      cache(req, reply),
      <PageIndicateursSite
        ctx={contexte(req)}
        site={trouve.site}
        indicateurs={trouve.indicateurs}
        choisie={anneeChoisie(trouve.indicateurs, filtre.annee)}
      />,
    );
  });
}
