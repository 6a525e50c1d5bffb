import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { type Acteur, peutVoirAdministration } from '../portee/index.ts';
import { annulerEtPrevenir, rendezVousAReprendre } from './service-reprise.ts';
import { PageReprise } from './views/reprise.tsx';

// The site's appointments to take up again after a closure or a change of hours (issue 11, point 6).

function administrateur(req: FastifyRequest): Acteur {
  const acteur = acteurDe(req);
  if (!peutVoirAdministration(acteur)) throw new AppError('interdit');
  return acteur;
}

const Choix = z.object({ rdv: z.uuid() });

const ISSUES = {
  prevenu: 'Le rendez-vous est annulé et la personne est prévenue.',
  injoignable: 'Le rendez-vous est annulé. La personne n’a laissé aucune coordonnée : prévenez-la vous-même.',
  deja: 'Ce rendez-vous était déjà annulé : la personne a été prévenue une seule fois.',
  passe: 'Ce rendez-vous a déjà commencé ou n’est plus réservé : il ne peut plus être annulé d’ici.',
  'dans-les-horaires': 'Ce rendez-vous tombe de nouveau pendant l’ouverture du lieu : il n’est pas annulé.',
} as const;

/** The page listing a site's appointments outside its opening, and the cancellation of one of them. */
export async function repriseRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  app.get('/admin/sites/:id/rendez-vous/a-reprendre', connecte, async (req, reply) => {
    const vue = await rendezVousAReprendre(db, administrateur(req), parametreId(req));
    return sendPage(reply, <PageReprise ctx={contexte(req)} {...vue} />);
  });

  app.post('/admin/sites/:id/rendez-vous/a-reprendre', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    const choix = Choix.safeParse(req.body);
    // An id that is not one is an appointment this actor cannot see: the same answer as a foreign one.
    const r = await annulerEtPrevenir(db, config, acteur, id, choix.success ? choix.data.rdv : '', new Date());
    const suite = `/admin/sites/${id}/rendez-vous/a-reprendre`;
    if (!r.ok) return reply.flash('error', ISSUES[r.raison]).redirect(suite, 303);
    const issue = r.deja ? 'deja' : r.prevenu ? 'prevenu' : 'injoignable';
    return reply.flash(r.deja ? 'info' : 'success', ISSUES[issue]).redirect(suite, 303);
  });
}
