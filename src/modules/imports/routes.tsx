import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { estAdminNational, porteeDe } from '../comptes/index.ts';
import { lancerImport, tache, tachesRecentes } from './taches.ts';
import { PageImport, PageImports } from './views/imports.tsx';

const TAILLE_MAX = 20 * 1024 * 1024;

function adminNational(req: FastifyRequest) {
  const acteur = acteurDe(req);
  if (!estAdminNational(acteur)) throw new AppError('interdit');
  return acteur;
}

/** The national administrator's upload of the ANCT list, with a progress page and the report. */
export async function importsRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };
  // Scoped to this plugin: fields (with the CSRF token) and the file land in req.body, checked like any form.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: TAILLE_MAX, files: 1, fields: 5 },
  });

  app.get('/admin/imports', connecte, async (req, reply) => {
    adminNational(req);
    return sendPage(reply, <PageImports ctx={contexte(req)} taches={tachesRecentes()} />);
  });

  app.post('/admin/imports', connecte, async (req, reply) => {
    const acteur = adminNational(req);
    const fichier = (req.body as Record<string, unknown> | undefined)?.fichier;
    const erreur = !Buffer.isBuffer(fichier)
      ? 'Choisissez le fichier CSV à importer'
      : fichier.length === 0
        ? 'Le fichier est vide'
        : null;
    if (erreur || !Buffer.isBuffer(fichier)) {
      return sendPage(
        reply,
        <PageImports ctx={contexte(req)} erreur={erreur ?? undefined} taches={tachesRecentes()} />,
        422,
      );
    }
    const t = lancerImport(db, porteeDe(acteur), fichier, 'liste nationale (CSV)', acteur.id);
    return reply.flash('info', 'L’import a commencé.').redirect(`/admin/imports/${t.id}`, 303);
  });

  app.get('/admin/imports/:id', connecte, async (req, reply) => {
    adminNational(req);
    const t = tache(parametreId(req));
    if (!t) throw new AppError('introuvable');
    return sendPage(reply, <PageImport ctx={contexte(req)} tache={t} />);
  });
}
