import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe } from '../../platform/http/requete.ts';
import { type EtatLien, enregistrerTraitementLien } from '../../platform/liens/index.ts';
import type { EtatFormulaire } from '../../ui/formulaire.tsx';
import {
  assignerDemande,
  boite,
  cloreDemande,
  demande,
  exigerTraitement,
  noter,
  OBJET_LIEN_FIL,
  type Resultat,
  repondre,
  rouvrirDemande,
} from './service-boite.ts';
import { ecrireParLien, filDuJeton, filDuLien } from './service-fil.ts';
import {
  RequeteBoite,
  SaisieAssignation,
  SaisieCloture,
  SaisieMessagePersonne,
  SaisieNote,
  SaisieReponse,
} from './validation-boite.ts';
import { PageBoite } from './views/boite.tsx';
import { type EtatsDemande, PageDemande } from './views/boite-demande.tsx';
import { PageFil, PageFilInutilisable } from './views/boite-fil.tsx';

// A site's inbox (issue 12, point 4): GET the list and a request's page; POST a reply, a note, an assignment, a
// closure, a reopening, each answered by a redirect to the request (Post/Redirect/Get) or, refused, by the request's
// page again (422 with the form's errors, 409 for a state that forbids it). And the person's thread page, opened by
// their citizen link (`/l/:jeton`, purpose `contact.fil`), whose form posts to `/contact/fil`.

type Params = { id: string; demande: string };
const connecte = { config: { acces: 'connecte' as const } };

const STATUTS_LIEN: Record<EtatLien, number> = { inconnu: 404, utilise: 410, expire: 410, revoque: 410 };

// Registered once per process (the registry is a module-level map); the request carries the dependencies.
enregistrerTraitementLien(OBJET_LIEN_FIL, async ({ req, reply, lien, jeton, refuser }) => {
  const fil = await filDuLien(req.server.deps.db, lien);
  if (!fil) return refuser('inconnu');
  const etat = { valeurs: {}, erreurs: {} };
  return sendPage(reply, <PageFil ctx={contexte(req)} fil={fil} jeton={jeton} etat={etat} />);
});

export async function boiteRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;

  /** The request's page, with a refused form's state (422) or a refused action's message (409). */
  async function fiche(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    options: { etats?: EtatsDemande; erreur?: string; statut?: number } = {},
  ) {
    const vue = await demande(db, acteurDe(req), req.params.id, req.params.demande, new Date());
    return sendPage(
      reply,
      <PageDemande ctx={contexte(req)} vue={vue} etats={options.etats} erreur={options.erreur} />,
      options.statut ?? 200,
    );
  }

  const versDemande = (p: Params) => `/sites/${p.id}/messages/${p.demande}`;

  /** Answers a service's refusal on the request's page: the form's errors (422) or the state's message (409). */
  function refus(
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    r: Exclude<Resultat, { ok: true }>,
    formulaire: keyof EtatsDemande,
  ) {
    if (r.statut === 409) return fiche(req, reply, { erreur: r.message, statut: 409 });
    const etat: EtatFormulaire = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
    return fiche(req, reply, { etats: { [formulaire]: etat }, statut: 422 });
  }

  app.get<{ Params: { id: string } }>('/sites/:id/messages', connecte, async (req, reply) => {
    const q = RequeteBoite.parse(req.query ?? {});
    const maintenant = new Date();
    const vue = await boite(db, acteurDe(req), req.params.id, q.filtre, maintenant);
    return sendPage(reply, <PageBoite ctx={contexte(req)} vue={vue} maintenant={maintenant} />);
  });

  app.get<{ Params: Params }>('/sites/:id/messages/:demande', connecte, async (req, reply) => fiche(req, reply));

  app.post<{ Params: Params }>('/sites/:id/messages/:demande/reponses', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    await exigerTraitement(db, acteur, req.params.id);
    const lu = lireFormulaire(SaisieReponse, req.body);
    if (!lu.ok) return refus(req, reply, { ok: false, statut: 422, erreurs: lu.erreurs }, 'reponse');
    const r = await repondre(db, config, acteur, req.params.id, req.params.demande, lu.donnees.texte, new Date());
    if (!r.ok) return refus(req, reply, r, 'reponse');
    const message =
      r.mode === 'courriel'
        ? 'Réponse envoyée : la demande est marquée répondue.'
        : 'Réponse par téléphone enregistrée : la demande est marquée répondue.';
    return reply.flash('success', message).redirect(versDemande(req.params), 303);
  });

  app.post<{ Params: Params }>('/sites/:id/messages/:demande/notes', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    await exigerTraitement(db, acteur, req.params.id);
    const lu = lireFormulaire(SaisieNote, req.body);
    if (!lu.ok) return refus(req, reply, { ok: false, statut: 422, erreurs: lu.erreurs }, 'note');
    await noter(db, acteur, req.params.id, req.params.demande, lu.donnees.note, new Date());
    return reply.flash('success', 'Note interne ajoutée.').redirect(versDemande(req.params), 303);
  });

  app.post<{ Params: Params }>('/sites/:id/messages/:demande/attribution', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    await exigerTraitement(db, acteur, req.params.id);
    const lu = lireFormulaire(SaisieAssignation, req.body);
    if (!lu.ok) return refus(req, reply, { ok: false, statut: 422, erreurs: lu.erreurs }, 'assignation');
    const r = await assignerDemande(db, acteur, req.params.id, req.params.demande, lu.donnees.agent);
    if (!r.ok) return refus(req, reply, r, 'assignation');
    const message = r.agent ? `Demande attribuée à ${r.agent}.` : 'La demande n’est plus attribuée.';
    return reply.flash('success', message).redirect(versDemande(req.params), 303);
  });

  app.post<{ Params: Params }>('/sites/:id/messages/:demande/cloture', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    await exigerTraitement(db, acteur, req.params.id);
    const lu = lireFormulaire(SaisieCloture, req.body);
    if (!lu.ok) return refus(req, reply, { ok: false, statut: 422, erreurs: lu.erreurs }, 'cloture');
    const r = await cloreDemande(db, acteur, req.params.id, req.params.demande, lu.donnees.issue, new Date());
    if (!r.ok) return refus(req, reply, r, 'cloture');
    return reply.flash('success', 'Demande close.').redirect(`/sites/${req.params.id}/messages`, 303);
  });

  app.post<{ Params: Params }>('/sites/:id/messages/:demande/reouverture', connecte, async (req, reply) => {
    const r = await rouvrirDemande(db, acteurDe(req), req.params.id, req.params.demande, new Date());
    if (!r.ok) return refus(req, reply, r, 'cloture');
    return reply.flash('success', 'Demande rouverte.').redirect(versDemande(req.params), 303);
  });

  // The person's message through their link. The link is read first: a dead link gets its page whatever the form.
  app.post('/contact/fil', { config: { acces: 'public' } }, async (req, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const corps = (req.body ?? {}) as Record<string, unknown>;
    const jeton = typeof corps.jeton === 'string' ? corps.jeton : '';
    const inutilisable = (etat: EtatLien) =>
      sendPage(reply, <PageFilInutilisable ctx={contexte(req)} etat={etat} />, STATUTS_LIEN[etat]);
    const lu = lireFormulaire(SaisieMessagePersonne, req.body);
    const renvoyer = async (erreurs: Record<string, string>) => {
      const lu = await filDuJeton(db, jeton);
      if (!lu.ok) return inutilisable(lu.etat);
      const etat = { valeurs: valeursSaisies(req.body), erreurs };
      return sendPage(reply, <PageFil ctx={contexte(req)} fil={lu.fil} jeton={jeton} etat={etat} />, 422);
    };
    if (!lu.ok) return renvoyer(lu.erreurs);
    const r = await ecrireParLien(db, config, jeton, lu.donnees.texte, new Date());
    if (!r.ok) return 'etat' in r ? inutilisable(r.etat) : renvoyer(r.erreurs);
    return reply
      .flash('success', 'Votre message a été transmis à l’espace France services.')
      .redirect(`/l/${jeton}`, 303);
  });
}
