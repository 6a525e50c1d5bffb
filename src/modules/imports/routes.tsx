import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { verifierCsrf } from '../../platform/http/csrf.ts';
import { AppError, type CodeErreur } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { estAdminNational } from '../portee/index.ts';
import { importSuivi, importsDerniers, lancerImport } from './service-suivi.ts';
import { PageImport, PageImports } from './views/imports.tsx';

/** Largest national list accepted (the real one weighs about 1 MB); stated on the page and in the README. */
export const TAILLE_MAX_MO = 20;
const TAILLE_MAX = TAILLE_MAX_MO * 1024 * 1024;

function adminNational(req: FastifyRequest) {
  const acteur = acteurDe(req);
  if (!estAdminNational(acteur)) throw new AppError('interdit');
  return acteur;
}

/** Refusals of the multipart reader, in French, with the status they deserve. */
const REFUS_ENVOI: Record<string, { code: CodeErreur; message: string }> = {
  FST_REQ_FILE_TOO_LARGE: {
    code: 'trop_volumineux',
    message: `Le fichier dépasse la taille maximale de ${TAILLE_MAX_MO} Mo : vérifiez qu’il s’agit bien de la liste nationale au format CSV.`,
  },
  FST_FILES_LIMIT: { code: 'trop_volumineux', message: 'Envoyez un seul fichier à la fois.' },
  FST_FIELDS_LIMIT: { code: 'trop_volumineux', message: 'Le formulaire envoyé contient trop de champs.' },
  FST_PARTS_LIMIT: { code: 'trop_volumineux', message: 'Le formulaire envoyé contient trop de parties.' },
};
const ENVOI_MAL_FORME =
  'L’envoi est mal formé ou incomplet : rechargez la page et choisissez à nouveau le fichier à importer.';

/** Any failure while reading the upload is the sender's: a limit (413) or a malformed body (400), in French. */
function refusEnvoi(erreur: unknown): AppError {
  if (erreur instanceof AppError) return erreur;
  const code = (erreur as { code?: unknown } | null)?.code;
  const refus = typeof code === 'string' ? REFUS_ENVOI[code] : undefined;
  if (refus) return new AppError(refus.code, refus.message);
  return new AppError('requete_invalide', ENVOI_MAL_FORME);
}

/**
 * Reads the upload as a stream: the CSRF field first (the form puts it before the file), checked before a byte of the
 * file is read; then the one file, held in memory up to the size limit. Returns null when no file was chosen.
 */
async function lireEnvoi(req: FastifyRequest, secret: string): Promise<Buffer | null> {
  // A plain form post (already parsed, within the 1 MiB body limit) carries no file.
  if (!req.isMultipart()) {
    verifierCsrf(req, secret);
    return null;
  }
  let jetonVerifie = false;
  let fichier: Buffer | null = null;
  try {
    for await (const partie of req.parts()) {
      if (partie.type === 'field') {
        if (partie.fieldname === '_csrf' && !jetonVerifie) {
          verifierCsrf(req, secret, partie.value);
          jetonVerifie = true;
        }
        continue;
      }
      if (!jetonVerifie) verifierCsrf(req, secret, undefined);
      const contenu = await partie.toBuffer();
      // A file input left empty still sends a part, without a name and without content.
      if (partie.filename || contenu.length > 0) fichier = contenu;
    }
  } catch (erreur) {
    throw refusEnvoi(erreur);
  }
  if (!jetonVerifie) verifierCsrf(req, secret, undefined);
  return fichier;
}

/** The national administrator's upload of the ANCT list, with a progress page and the report. */
export async function importsRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };
  // Scoped to this plugin. The body is not parsed up front: the upload route reads it itself, once the session, the
  // role and the CSRF token are checked.
  await app.register(fastifyMultipart, {
    limits: { fileSize: TAILLE_MAX, files: 1, fields: 5, fieldSize: 1024, parts: 10, headerPairs: 20 },
  });

  app.get('/admin/imports', connecte, async (req, reply) => {
    adminNational(req);
    return sendPage(
      reply,
      <PageImports ctx={contexte(req)} taches={await importsDerniers(db)} tailleMaxMo={TAILLE_MAX_MO} />,
    );
  });

  app.post(
    '/admin/imports',
    {
      // The CSRF token travels in the multipart body: lireEnvoi() checks it before reading the file.
      config: { acces: 'connecte' as const, csrf: false },
      // Before anything of the body is read: an anonymous or non-admin upload is refused, and the connection closed
      // rather than drained, so that up to 20 MB are neither buffered nor read for nothing.
      onRequest: async (req, reply) => {
        if (req.acteur && estAdminNational(req.acteur)) return;
        reply.header('connection', 'close');
        throw new AppError(req.acteur ? 'interdit' : 'non_authentifie');
      },
    },
    async (req, reply) => {
      const acteur = adminNational(req);
      const fichier = await lireEnvoi(req, config.sessionSecret).catch((erreur: unknown) => {
        // The rest of a refused upload is not read: the connection closes with the answer.
        reply.header('connection', 'close');
        throw erreur;
      });
      const erreur = !fichier
        ? 'Choisissez le fichier CSV à importer'
        : fichier.length === 0
          ? 'Le fichier est vide'
          : null;
      if (erreur || !fichier) {
        return sendPage(
          reply,
          <PageImports
            ctx={contexte(req)}
            erreur={erreur ?? undefined}
            taches={await importsDerniers(db)}
            tailleMaxMo={TAILLE_MAX_MO}
          />,
          422,
        );
      }
      const id = await lancerImport(db, fichier, 'liste nationale (CSV)', acteur.id);
      return reply.flash('info', 'L’import a commencé.').redirect(`/admin/imports/${id}`, 303);
    },
  );

  app.get('/admin/imports/:id', connecte, async (req, reply) => {
    adminNational(req);
    const t = await importSuivi(db, parametreId(req));
    if (!t) throw new AppError('introuvable');
    return sendPage(reply, <PageImport ctx={contexte(req)} tache={t} />);
  });
}
