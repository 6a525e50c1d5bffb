import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { formaterDate } from '../../platform/formats/dates.ts';
import { AppError } from '../../platform/http/errors.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe } from '../../platform/http/requete.ts';
import type { EtatFormulaire } from '../../ui/formulaire.tsx';
import { exemplairesPdf } from './pdf-mandat.ts';
import { travailleAvecMandats } from './portee.ts';
import { demarchesDuMandat } from './service-citoyens.ts';
import {
  creerMandat,
  exemplairesMandat,
  ficheMandat,
  formulaireMandat,
  listeMandats,
  type Resultat,
  signerMandat,
  terminerDemarche,
} from './service-mandat.ts';
import { RequeteMandats, SaisieMandat, SaisieSignature } from './validation.ts';
import { DemarchesSousMandat } from './views/citoyen-demarches.tsx';
import { PageMandat } from './views/mandat-fiche.tsx';
import { PageNouveauMandat } from './views/mandat-formulaire.tsx';
import { PageMandats } from './views/mandat-liste.tsx';

// Mandates at the desk (issue 14 points 1-2): the list of a structure's mandates (from one of its sites, or all the
// actor's from the navigation), the creation form at a site, a mandate's page, its two originals in PDF, and the
// posts that record its signature and the end of its one procedure (Post/Redirect/Get; 422 with the form's errors,
// 409 for a state that forbids the action). Only the structure's agents and managers reach them (404 otherwise).

const connecte = { config: { acces: 'connecte' as const } };

type RequeteMandat = FastifyRequest<{ Params: { id: string } }>;

export async function mandatsRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;

  /** The mandate's page, with a refused signature form (422) or a refused action's message (409). */
  async function fiche(
    req: RequeteMandat,
    reply: FastifyReply,
    options: { etat?: EtatFormulaire; erreur?: string; statut?: number } = {},
  ) {
    const vue = await ficheMandat(db, acteurDe(req), req.params.id);
    const demarches = await demarchesDuMandat(db, acteurDe(req), vue.mandat, new Date());
    return sendPage(
      reply,
      <PageMandat
        ctx={contexte(req)}
        vue={vue}
        etat={options.etat}
        erreur={options.erreur}
        demarches={<DemarchesSousMandat demarches={demarches} />}
      />,
      options.statut ?? 200,
    );
  }

  function refus(req: RequeteMandat, reply: FastifyReply, r: Exclude<Resultat, { ok: true }>) {
    if (r.statut === 409) return fiche(req, reply, { erreur: r.message, statut: 409 });
    return fiche(req, reply, { etat: { valeurs: valeursSaisies(req.body), erreurs: r.erreurs }, statut: 422 });
  }

  app.get('/mandats', connecte, async (req, reply) => {
    if (!travailleAvecMandats(acteurDe(req))) throw new AppError('interdit');
    const vue = await listeMandats(db, acteurDe(req), null, RequeteMandats.parse(req.query ?? {}));
    return sendPage(reply, <PageMandats ctx={contexte(req)} vue={vue} />);
  });

  app.get<{ Params: { id: string } }>('/sites/:id/mandats', connecte, async (req, reply) => {
    const requete = RequeteMandats.parse(req.query ?? {});
    const vue = await listeMandats(db, acteurDe(req), req.params.id, requete);
    return sendPage(reply, <PageMandats ctx={contexte(req)} vue={vue} />);
  });

  app.get<{ Params: { id: string } }>('/sites/:id/mandats/nouveau', connecte, async (req, reply) => {
    const vue = await formulaireMandat(db, acteurDe(req), req.params.id);
    return sendPage(reply, <PageNouveauMandat ctx={contexte(req)} vue={vue} etat={{ valeurs: {}, erreurs: {} }} />);
  });

  app.post<{ Params: { id: string } }>('/sites/:id/mandats/nouveau', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const lu = lireFormulaire(SaisieMandat, req.body);
    const r = lu.ok
      ? await creerMandat(db, config, acteur, req.params.id, lu.donnees, new Date())
      : ({ ok: false, statut: 422, erreurs: lu.erreurs } as const);
    if (!r.ok) {
      const valeurs = valeursSaisies(req.body);
      const { situations, ...erreurs } = r.statut === 422 ? r.erreurs : { partenaires: r.message };
      if (situations) erreurs.partenaires ??= situations;
      const choisis = [valeurs.partenaires ?? []].flat();
      const vue = await formulaireMandat(db, acteur, req.params.id, choisis);
      return sendPage(reply, <PageNouveauMandat ctx={contexte(req)} vue={vue} etat={{ valeurs, erreurs }} />, 422);
    }
    const message = r.citoyenExistant
      ? 'Mandat préparé pour une personne déjà connue de la structure. Imprimez les deux exemplaires et faites-les signer.'
      : 'Mandat préparé. Imprimez les deux exemplaires et faites-les signer.';
    return reply.flash('success', message).redirect(`/mandats/${r.id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/mandats/:id', connecte, async (req, reply) => fiche(req, reply));

  app.get<{ Params: { id: string } }>('/mandats/:id/exemplaires.pdf', connecte, async (req, reply) => {
    const e = await exemplairesMandat(db, config, acteurDe(req), req.params.id, new Date());
    return reply
      .type('application/pdf')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="mandat-${e.contenu.reference}.pdf"`)
      .send(await exemplairesPdf(e));
  });

  app.post<{ Params: { id: string } }>('/mandats/:id/signature', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const lu = lireFormulaire(SaisieSignature, req.body);
    const r = lu.ok
      ? await signerMandat(db, config, acteur, req.params.id, new Date())
      : ({ ok: false, statut: 422, erreurs: lu.erreurs } as const);
    if (!r.ok) return refus(req, reply, r);
    const fin = formaterDate(r.fin, r.fuseau, { day: 'numeric', month: 'long', year: 'numeric' });
    const envoi =
      r.canal === 'courriel'
        ? ' Le lien de révocation a été envoyé par courriel.'
        : r.canal === 'sms'
          ? ' Le lien de révocation a été envoyé par SMS.'
          : '';
    return reply
      .flash('success', `Signature enregistrée : le mandat est en vigueur jusqu’au ${fin}.${envoi}`)
      .redirect(`/mandats/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/mandats/:id/demarche-terminee', connecte, async (req, reply) => {
    const r = await terminerDemarche(db, acteurDe(req), req.params.id, new Date());
    if (!r.ok) return refus(req, reply, r);
    return reply
      .flash('success', 'Démarche terminée : le mandat a pris fin.')
      .redirect(`/mandats/${req.params.id}`, 303);
  });
}
