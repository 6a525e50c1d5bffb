import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe } from '../../platform/http/requete.ts';
import type { EtatFormulaire } from '../../ui/formulaire.tsx';
import type { Acteur } from '../portee/index.ts';
import { absence, accueillir, arrivee, avancer, journee, type Preremplissage } from './service-journee.ts';
import { RequeteJournee, SaisiePassage } from './validation-journee.ts';
import { PageJournee } from './views/journee.tsx';

// The site's day board (issue 11, point 8): GET the board; POST a walk-in, a check-in, a no-show, and the moves of a
// visit (served, finished, left). Every POST answers with a redirect to the board (Post/Redirect/Get), except a
// finished visit, which opens the request log's quick entry prefilled; refusals re-render the board (422, 409).

type Params = { id: string; rdv?: string; passage?: string };
const connecte = { config: { acces: 'connecte' as const } };

/** The quick entry of the request log, opened with what the visit already tells. */
function versSollicitations(p: Preremplissage): string {
  const q = new URLSearchParams({ site: p.site, canal: p.canal });
  if (p.partenaire) q.set('partenaires', p.partenaire);
  if (p.situationId) q.set('situationId', p.situationId);
  return `/sollicitations?${q.toString()}`;
}

/** Contacts imports rendez-vous, so the count of the site's open requests (its inbox) is handed over by the app. */
export interface OptionsJournee {
  messagesOuverts?: (acteur: Acteur, siteId: string) => Promise<number>;
}

export async function journeeRoutes(app: FastifyInstance, options: OptionsJournee = {}) {
  const { db } = app.deps;
  const compterMessages = options.messagesOuverts;

  async function page(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    options: { etat?: EtatFormulaire; erreur?: string; statut?: number; ticket?: string } = {},
  ) {
    const maintenant = new Date();
    const vue = await journee(db, acteurDe(req), req.params.id, maintenant, options.ticket);
    const etat = options.etat ?? { valeurs: {}, erreurs: {} };
    const messages = compterMessages ? await compterMessages(acteurDe(req), vue.site.id) : undefined;
    return sendPage(
      reply,
      <PageJournee
        ctx={contexte(req)}
        vue={vue}
        etat={etat}
        erreur={options.erreur}
        maintenant={maintenant}
        messagesOuverts={messages}
      />,
      options.statut ?? 200,
    );
  }

  const retour = (id: string) => `/sites/${id}/journee`;

  app.get<{ Params: Params }>('/sites/:id/journee', connecte, async (req, reply) => {
    const q = RequeteJournee.parse(req.query ?? {});
    reply.header('cache-control', 'private, no-store');
    return page(req, reply, { ticket: q.ticket });
  });

  app.post<{ Params: Params }>('/sites/:id/journee/passages', connecte, async (req, reply) => {
    const lu = lireFormulaire(SaisiePassage, req.body);
    if (!lu.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: lu.erreurs };
      return page(req, reply, { etat, statut: 422 });
    }
    const cree = await accueillir(db, acteurDe(req), req.params.id, { libelle: lu.donnees.libelle }, new Date());
    return reply
      .flash('success', `Ticket n° ${cree.numero} remis : la personne est dans la file d’attente.`)
      .redirect(`${retour(req.params.id)}?ticket=${cree.id}`, 303);
  });

  app.post<{ Params: Params }>('/sites/:id/journee/rendez-vous/:rdv/arrivee', connecte, async (req, reply) => {
    const r = await arrivee(db, acteurDe(req), req.params.id, req.params.rdv ?? '', new Date());
    if (!r.ok) return page(req, reply, { erreur: r.message, statut: 409 });
    return reply
      .flash('success', `Arrivée enregistrée : ticket n° ${r.numero}, en tête de la file.`)
      .redirect(retour(req.params.id), 303);
  });

  app.post<{ Params: Params }>('/sites/:id/journee/rendez-vous/:rdv/absence', connecte, async (req, reply) => {
    const r = await absence(db, acteurDe(req), req.params.id, req.params.rdv ?? '', new Date());
    if (!r.ok) return page(req, reply, { erreur: r.message, statut: 409 });
    return reply.flash('success', 'Rendez-vous noté absent.').redirect(retour(req.params.id), 303);
  });

  const TRANSITIONS = {
    'prise-en-charge': 'prise',
    fin: 'fin',
    depart: 'depart',
  } as const;
  for (const [chemin, transition] of Object.entries(TRANSITIONS)) {
    app.post<{ Params: Params }>(`/sites/:id/journee/passages/:passage/${chemin}`, connecte, async (req, reply) => {
      const id = req.params.id;
      const r = await avancer(db, acteurDe(req), id, req.params.passage ?? '', transition, new Date());
      if (!r.ok) return page(req, reply, { erreur: r.message, statut: 409 });
      if (transition === 'prise') {
        return reply.flash('success', `Ticket n° ${r.numero} pris en charge.`).redirect(retour(id), 303);
      }
      if (transition === 'depart') {
        return reply.flash('info', `Ticket n° ${r.numero} noté parti sans être reçu.`).redirect(retour(id), 303);
      }
      const message = `Accueil du ticket n° ${r.numero} terminé. Vérifiez la sollicitation préremplie puis enregistrez-la.`;
      return reply
        .flash('success', message)
        .redirect(versSollicitations(r.preremplissage ?? { site: id, canal: 'accueil_physique' }), 303);
    });
  }
}
