import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { verifierCsrf } from '../../platform/http/csrf.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import {
  deposerPiece,
  dispositionPiece,
  type FichierRecu,
  peutDeposerPiece,
  piecesDeLaSaisine,
  TAILLE_MAX_PIECE,
  TAILLE_MAX_PIECE_MO,
  telechargerPiece,
} from './pieces.ts';
import { PagePieces } from './views/pieces.tsx';

/** Refusals of the multipart reader said on the form, in French, with their status. */
const REFUS_ENVOI: Record<string, { status: number; message: string }> = {
  FST_REQ_FILE_TOO_LARGE: {
    status: 413,
    message: `Le fichier dépasse la taille maximale de ${TAILLE_MAX_PIECE_MO} Mo.`,
  },
  FST_FILES_LIMIT: { status: 413, message: 'Joignez un seul fichier à la fois.' },
  FST_FIELDS_LIMIT: { status: 413, message: 'Le formulaire envoyé contient trop de champs.' },
  FST_PARTS_LIMIT: { status: 413, message: 'Le formulaire envoyé contient trop de parties.' },
};

class RefusEnvoi extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads the upload as a stream: the CSRF field first (the form puts it before the file), checked before a byte of the
 * file is read; then the one file, held in memory up to 5 MB. Null when no file was chosen.
 */
async function lireEnvoi(req: FastifyRequest, secret: string): Promise<FichierRecu | null> {
  if (!req.isMultipart()) {
    verifierCsrf(req, secret);
    return null;
  }
  let jetonVerifie = false;
  let fichier: FichierRecu | null = null;
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
      if (partie.filename || contenu.length > 0) fichier = { nom: partie.filename ?? '', contenu };
    }
  } catch (erreur) {
    if (erreur instanceof AppError) throw erreur;
    const code = (erreur as { code?: unknown } | null)?.code;
    const refus = typeof code === 'string' ? REFUS_ENVOI[code] : undefined;
    if (refus) throw new RefusEnvoi(refus.status, refus.message);
    throw new AppError('requete_invalide', 'L’envoi est mal formé ou incomplet : choisissez à nouveau le fichier.');
  }
  if (!jetonVerifie) verifierCsrf(req, secret, undefined);
  return fichier;
}

/** A case's documents: their page, the upload (multipart, without JavaScript) and the download. */
export async function piecesSaisinesRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };
  // Scoped to this plugin: only the upload reads a multipart body, itself, once the session and CSRF are checked.
  await app.register(fastifyMultipart, {
    limits: { fileSize: TAILLE_MAX_PIECE, files: 1, fields: 3, fieldSize: 1024, parts: 4, headerPairs: 20 },
  });

  async function page(req: FastifyRequest, reply: FastifyReply, erreur?: string, status = 200) {
    const id = parametreId(req);
    const { saisine, pieces, peutDeposer } = await piecesDeLaSaisine(db, acteurDe(req), id);
    const ctx = contexte(req);
    return sendPage(
      reply,
      <PagePieces
        ctx={ctx}
        csrf={ctx.csrf}
        saisineId={id}
        fuseau={saisine.fuseau}
        pieces={pieces}
        peutDeposer={peutDeposer}
        erreur={erreur}
      />,
      status,
    );
  }

  app.get('/saisines/:id/pieces', connecte, (req, reply) => page(req, reply));

  app.post(
    '/saisines/:id/pieces',
    {
      // The CSRF token travels in the multipart body: lireEnvoi() checks it before reading the file.
      config: { acces: 'connecte' as const, csrf: false },
      // Before anything of the body is read: an anonymous upload is refused and the connection closed, not drained.
      onRequest: async (req, reply) => {
        if (req.acteur) return;
        reply.header('connection', 'close');
        throw new AppError('non_authentifie');
      },
    },
    async (req, reply) => {
      const acteur = acteurDe(req);
      const id = parametreId(req);
      // Scope (404) and right (403) before the file is read.
      const avant = await piecesDeLaSaisine(db, acteur, id).catch((erreur: unknown) => {
        reply.header('connection', 'close');
        throw erreur;
      });
      if (!peutDeposerPiece(acteur, avant.saisine)) {
        reply.header('connection', 'close');
        throw new AppError(
          'interdit',
          avant.saisine.statut === 'cloturee'
            ? 'Cette saisine est clôturée : on ne peut plus y joindre de pièce.'
            : undefined,
        );
      }
      let fichier: FichierRecu | null;
      try {
        fichier = await lireEnvoi(req, config.sessionSecret);
      } catch (erreur) {
        // The rest of a refused upload is not read: the connection closes with the answer.
        reply.header('connection', 'close');
        if (erreur instanceof RefusEnvoi) return page(req, reply, erreur.message, erreur.status);
        throw erreur;
      }
      const r = await deposerPiece(db, acteur, id, fichier);
      if (!r.ok) return page(req, reply, r.erreur, 422);
      return reply.flash('success', `La pièce « ${r.nom} » a été jointe.`).redirect(`/saisines/${id}#pieces`, 303);
    },
  );

  app.get('/saisines/:id/pieces/:piece', connecte, async (req, reply) => {
    const p = await telechargerPiece(db, acteurDe(req), parametreId(req), parametreId(req, 'piece'));
    return reply
      .header('content-type', p.type)
      .header('content-disposition', dispositionPiece(p.nom))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(p.contenu);
  });
}
