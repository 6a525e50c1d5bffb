import type { FastifyInstance } from 'fastify';
import { versCsv } from '../../platform/formats/csv.ts';
import {
  COLONNES_ANCT,
  COLONNES_MEDIATION,
  horairesSourceJour,
  ligneAnct,
  lignesMediation,
  versGeoJson,
} from './formats.ts';
import { sitesPublics } from './repo.ts';

const CACHE = 'public, max-age=300';

/** Open data of the registry: the ANCT list format, GeoJSON, and the national mediation-place standard. */
export async function donneesRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const publique = { config: { acces: 'public' as const } };

  app.get('/donnees/france-services.csv', publique, async (_req, reply) => {
    const sites = await sitesPublics(db);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', CACHE)
      .header('content-disposition', 'inline; filename="france-services.csv"')
      .send(
        versCsv(
          COLONNES_ANCT,
          sites.map((s) => ligneAnct(s, horairesSourceJour)),
        ),
      );
  });

  app.get('/donnees/france-services.geojson', publique, async (_req, reply) => {
    const sites = await sitesPublics(db);
    return reply
      .type('application/geo+json; charset=utf-8')
      .header('cache-control', CACHE)
      .send(versGeoJson(sites, config.publicUrl));
  });

  app.get('/donnees/lieux-mediation-numerique.csv', publique, async (_req, reply) => {
    const sites = await sitesPublics(db);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', CACHE)
      .header('content-disposition', 'inline; filename="lieux-mediation-numerique.csv"')
      .send(
        versCsv(
          COLONNES_MEDIATION,
          sites.flatMap((s) => lignesMediation(s, config.publicUrl)),
        ),
      );
  });
}
