import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe } from '../../platform/http/requete.ts';
import type { EtatFormulaire } from '../../ui/formulaire.tsx';
import {
  cloreSaisine,
  creerSaisine,
  ecrire,
  exigerAction,
  ficheSaisine,
  formulaireSaisine,
  listeSaisines,
  prendreEnCharge,
  type Resultat,
} from './service.ts';
import {
  RequeteNouvelleSaisine,
  RequeteSaisines,
  SaisieClotureSaisine,
  SaisieMessageSaisine,
  SaisieSaisine,
} from './validation.ts';
import { type EtatsSaisine, PageSaisine } from './views/saisine-fiche.tsx';
import { PageNouvelleSaisine } from './views/saisine-formulaire.tsx';
import { PageSaisines } from './views/saisine-liste.tsx';

// Cases to partners' référents (issue 13, points 2 and 3): the creation form at a site, the list of cases the actor
// may see, a case's page; POSTs take a case in hand, write in its thread, close it, each answered by a redirect to the
// case (Post/Redirect/Get) or, refused, by the page again (422 with the form's errors, 409 for a state that forbids it).

const connecte = { config: { acces: 'connecte' as const } };

export async function saisinesRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;

  /** The case's page, with a refused form's state (422) or a refused action's message (409). */
  async function fiche(
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    options: { etats?: EtatsSaisine; erreur?: string; statut?: number } = {},
  ) {
    const vue = await ficheSaisine(db, acteurDe(req), req.params.id);
    return sendPage(
      reply,
      <PageSaisine ctx={contexte(req)} vue={vue} etats={options.etats} erreur={options.erreur} />,
      options.statut ?? 200,
    );
  }

  function refus(
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    r: Exclude<Resultat, { ok: true }>,
    formulaire: keyof EtatsSaisine,
  ) {
    if (r.statut === 409) return fiche(req, reply, { erreur: r.message, statut: 409 });
    const etat: EtatFormulaire = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
    return fiche(req, reply, { etats: { [formulaire]: etat }, statut: 422 });
  }

  app.get('/saisines', connecte, async (req, reply) => {
    const q = RequeteSaisines.parse(req.query ?? {});
    const vue = await listeSaisines(db, acteurDe(req), q.statut);
    return sendPage(reply, <PageSaisines ctx={contexte(req)} vue={vue} maintenant={new Date()} />);
  });

  app.get<{ Params: { id: string } }>('/sites/:id/saisines/nouvelle', connecte, async (req, reply) => {
    const q = RequeteNouvelleSaisine.parse(req.query ?? {});
    const vue = await formulaireSaisine(db, acteurDe(req), req.params.id, q.sollicitation, q.mandat);
    const etat = { valeurs: { urgence: 'aucune', ...vue.prerempli }, erreurs: {} };
    return sendPage(reply, <PageNouvelleSaisine ctx={contexte(req)} vue={vue} etat={etat} />);
  });

  app.post<{ Params: { id: string } }>('/sites/:id/saisines', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const lu = lireFormulaire(SaisieSaisine, req.body);
    const r = lu.ok
      ? await creerSaisine(db, config, acteur, req.params.id, lu.donnees, new Date())
      : ({ ok: false, statut: 422, erreurs: lu.erreurs } as const);
    if (!r.ok) {
      const { mandat } = RequeteNouvelleSaisine.parse(req.body ?? {});
      const vue = await formulaireSaisine(db, acteur, req.params.id, undefined, mandat);
      const erreurs = r.statut === 422 ? r.erreurs : { partenaire: r.message };
      const etat = { valeurs: valeursSaisies(req.body), erreurs };
      return sendPage(reply, <PageNouvelleSaisine ctx={contexte(req)} vue={vue} etat={etat} />, 422);
    }
    const message = r.referent
      ? `Saisine transmise à ${r.referent}.`
      : 'Saisine enregistrée, mais aucun référent n’est disponible : la coordination départementale est prévenue.';
    return reply.flash(r.referent ? 'success' : 'warning', message).redirect(`/saisines/${r.id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/saisines/:id', connecte, async (req, reply) => fiche(req, reply));

  app.post<{ Params: { id: string } }>('/saisines/:id/prise-en-charge', connecte, async (req, reply) => {
    const r = await prendreEnCharge(db, acteurDe(req), req.params.id, new Date());
    if (!r.ok) return refus(req, reply, r, 'message');
    return reply.flash('success', 'Saisine prise en charge.').redirect(`/saisines/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/saisines/:id/messages', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    await exigerAction(db, acteur, req.params.id);
    const lu = lireFormulaire(SaisieMessageSaisine, req.body);
    if (!lu.ok) return refus(req, reply, { ok: false, statut: 422, erreurs: lu.erreurs }, 'message');
    const r = await ecrire(db, config, acteur, req.params.id, lu.donnees.texte, new Date());
    if (!r.ok) return refus(req, reply, r, 'message');
    const message = r.reponse ? 'Réponse envoyée : le lieu est prévenu.' : 'Message ajouté à la saisine.';
    return reply.flash('success', message).redirect(`/saisines/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/saisines/:id/cloture', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    await exigerAction(db, acteur, req.params.id);
    const lu = lireFormulaire(SaisieClotureSaisine, req.body);
    if (!lu.ok) return refus(req, reply, { ok: false, statut: 422, erreurs: lu.erreurs }, 'cloture');
    const r = await cloreSaisine(db, acteur, req.params.id, lu.donnees.issue, new Date());
    if (!r.ok) return refus(req, reply, r, 'cloture');
    return reply.flash('success', 'Saisine clôturée.').redirect(`/saisines/${req.params.id}`, 303);
  });
}
