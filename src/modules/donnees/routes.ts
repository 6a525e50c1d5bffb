import type { FastifyInstance } from 'fastify';
import { exporterAnct, exporterGeoJson, exporterMediation } from './service.ts';

const CACHE = 'public, max-age=60';

/** Open data of the registry: the ANCT list format, GeoJSON, and the national mediation-place standard. */
export async function donneesRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const publique = { config: { acces: 'public' as const } };

  app.get('/donnees/france-services.csv', publique, async (_req, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', CACHE)
      .header('content-disposition', 'inline; filename="france-services.csv"')
      .send(await exporterAnct(db)),
  );

  app.get('/donnees/france-services.geojson', publique, async (_req, reply) =>
    reply
      .type('application/geo+json; charset=utf-8')
      .header('cache-control', CACHE)
      .send(await exporterGeoJson(db, config.publicUrl)),
  );

  app.get('/donnees/lieux-mediation-numerique.csv', publique, async (_req, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', CACHE)
      .header('content-disposition', 'inline; filename="lieux-mediation-numerique.csv"')
      .send(await exporterMediation(db, config.publicUrl)),
  );
}
