import type { FastifyInstance } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe } from '../../platform/http/requete.ts';
import { conformiteEnCsv, consulterConformite, FiltreConformite } from './service-conformite.ts';
import { PageConformite } from './views/conformite.tsx';

/** The compliance page of the sites in the actor's scope, and the same table as CSV. */
export async function conformiteRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  app.get('/admin/conformite', connecte, async (req, reply) => {
    const filtre = FiltreConformite.parse(req.query ?? {});
    const resultat = await consulterConformite(db, acteurDe(req), filtre, new Date());
    return sendPage(reply, <PageConformite ctx={contexte(req)} resultat={resultat} filtre={filtre} />);
  });

  app.get('/admin/conformite.csv', connecte, async (req, reply) => {
    const filtre = FiltreConformite.parse(req.query ?? {});
    const maintenant = new Date();
    const { lignes } = await consulterConformite(db, acteurDe(req), filtre, maintenant);
    const jour = maintenant.toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="conformite-${filtre.departement ?? 'tous'}-${jour}.csv"`)
      .send(conformiteEnCsv(lignes));
  });
}
