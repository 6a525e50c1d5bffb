import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contexte } from '../../app/contexte.ts';
import { egaliteSure } from '../../platform/auth/jetons.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { enregistrerRemise, listerMessages, relancerMessage } from '../../platform/messages/index.ts';
import { estAdminNational } from '../portee/index.ts';
import { PageMessages, STATUTS } from './views/messages.tsx';

// The outbox seen by the national administration (ADR 0021) and the SMS provider's delivery receipts (ADR 0022).

function adminNational(req: FastifyRequest) {
  const acteur = acteurDe(req);
  if (!estAdminNational(acteur)) throw new AppError('interdit');
  return acteur;
}

const Filtre = z.object({
  statut: z
    .enum(Object.keys(STATUTS) as [keyof typeof STATUTS])
    .optional()
    .catch(undefined),
});

/** Octopush's delivery receipt (its "Callbacks", JSON POST): the ticket, the status and when. */
const Accuse = z.object({
  message_id: z.string().min(1).max(200),
  status: z.string().min(1).max(40),
  delivery_date: z.string().max(40).optional(),
});

function dateAccuse(texte: string | undefined): Date {
  // Octopush writes "Y-m-d H:i:s" in Paris time; the receipt's own arrival is close enough when it is unreadable.
  const d = texte ? new Date(`${texte.replace(' ', 'T')}+01:00`) : new Date();
  return Number.isNaN(d.getTime()) ? new Date() : d;
}

export async function messagerieRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;

  app.get('/admin/messages', { config: { acces: 'connecte' } }, async (req, reply) => {
    adminNational(req);
    const { statut } = Filtre.parse(req.query ?? {});
    const liste = await listerMessages(db, { statut, limite: 200 });
    return sendPage(reply, <PageMessages ctx={contexte(req)} messages={liste} statut={statut} />);
  });

  app.post('/admin/messages/:id/relancer', { config: { acces: 'connecte' } }, async (req, reply) => {
    adminNational(req);
    const r = await relancerMessage(db, parametreId(req));
    if (r === 'inconnu') throw new AppError('introuvable');
    if (r === 'pas_en_echec')
      return reply
        .flash('error', 'Ce message n’est pas en échec : il n’a pas été relancé.')
        .redirect('/admin/messages', 303);
    return reply.flash('success', 'Le message est remis dans la file d’envoi.').redirect('/admin/messages', 303);
  });

  // The secret in the path authenticates Octopush (which signs nothing); answered with no body, as it asks.
  app.post<{ Params: { secret: string } }>(
    '/webhooks/sms/:secret',
    { config: { acces: 'public', csrf: false } },
    async (req, reply) => {
      if (!config.smsWebhookSecret || !egaliteSure(req.params.secret, config.smsWebhookSecret))
        throw new AppError('introuvable');
      const lu = Accuse.safeParse(req.body);
      if (!lu.success) throw new AppError('requete_invalide', 'Accusé de réception illisible.');
      await enregistrerRemise(db, lu.data.message_id, lu.data.status, dateAccuse(lu.data.delivery_date));
      return reply.code(204).send();
    },
  );
}
