import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { type Acteur, peutVoirAdministration } from '../portee/index.ts';
import * as service from './service-gestion.ts';
import { lireAbsence, lireAgent, lirePermanence } from './validation-gestion.ts';
import { lireMotif } from './validation-motif.ts';
import { PageGestion } from './views/gestion.tsx';
import { PageAbsences } from './views/gestion-absences.tsx';
import { PageMotif, valeursMotif } from './views/gestion-motif.tsx';
import { PageAgent, PagePermanence, valeursAgent, valeursPermanence } from './views/gestion-ressources.tsx';

// The manager's appointment pages of a site (issue 11): motifs, agents' weekly patterns, partners' permanences and
// absences. Plain GET pages and POST forms (Post/Redirect/Get with a flash, 422 with the values typed); the service
// answers 404 for a site outside the actor's scope and 403 to those who may only read.

function administrateur(req: FastifyRequest): Acteur {
  const acteur = acteurDe(req);
  if (!peutVoirAdministration(acteur)) throw new AppError('interdit');
  return acteur;
}

const vide = { valeurs: {}, erreurs: {} };
const rejet = (req: FastifyRequest, erreurs: Record<string, string>) => ({
  valeurs: valeursSaisies(req.body),
  erreurs,
});

function retour(reply: FastifyReply, siteId: string, message: string, suite = '') {
  return reply.flash('success', message).redirect(`/admin/sites/${siteId}/rendez-vous${suite}`, 303);
}

/** Registers the manager's pages under /admin/sites/:id/rendez-vous. */
export async function gestionRendezVousRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  app.get('/admin/sites/:id/rendez-vous', connecte, async (req, reply) => {
    const vue = await service.gestionDuSite(db, administrateur(req), parametreId(req));
    return sendPage(reply, <PageGestion ctx={contexte(req)} {...vue} />);
  });

  // ---------- motifs ----------

  app.get('/admin/sites/:id/rendez-vous/motifs/nouveau', connecte, async (req, reply) => {
    const vue = await service.formulaireMotif(db, administrateur(req), parametreId(req));
    const etat = { valeurs: valeursMotif(null), erreurs: {} };
    return sendPage(reply, <PageMotif ctx={contexte(req)} {...vue} etat={etat} />);
  });

  app.get('/admin/sites/:id/rendez-vous/motifs/:motif', connecte, async (req, reply) => {
    const vue = await service.formulaireMotif(db, administrateur(req), parametreId(req), parametreId(req, 'motif'));
    const etat = { valeurs: valeursMotif(vue.motif), erreurs: {} };
    return sendPage(reply, <PageMotif ctx={contexte(req)} {...vue} etat={etat} />);
  });

  async function enregistrerMotif(req: FastifyRequest, reply: FastifyReply, motifId: string | null) {
    const acteur = administrateur(req);
    const siteId = parametreId(req);
    const vue = await service.formulaireMotif(db, acteur, siteId, motifId ?? undefined);
    const lu = lireMotif(req.body);
    const r = lu.ok ? await service.enregistrerMotif(db, acteur, siteId, motifId, lu.donnees) : lu;
    if (!r.ok) return sendPage(reply, <PageMotif ctx={contexte(req)} {...vue} etat={rejet(req, r.erreurs)} />, 422);
    return retour(reply, siteId, motifId ? 'Le motif est enregistré.' : 'Le motif est créé.');
  }
  app.post('/admin/sites/:id/rendez-vous/motifs', connecte, (req, reply) => enregistrerMotif(req, reply, null));
  app.post('/admin/sites/:id/rendez-vous/motifs/:motif', connecte, (req, reply) =>
    enregistrerMotif(req, reply, parametreId(req, 'motif')),
  );

  for (const actif of [false, true]) {
    app.post(
      `/admin/sites/:id/rendez-vous/motifs/:motif/${actif ? 'reactiver' : 'desactiver'}`,
      connecte,
      async (req, reply) => {
        const siteId = parametreId(req);
        await service.activerMotif(db, administrateur(req), siteId, parametreId(req, 'motif'), actif);
        return retour(
          reply,
          siteId,
          actif ? 'Le motif est réactivé.' : 'Le motif est désactivé : il n’est plus proposé, ses rendez-vous restent.',
        );
      },
    );
  }

  // ---------- agents ----------

  app.get('/admin/sites/:id/rendez-vous/agents/nouveau', connecte, async (req, reply) => {
    const vue = await service.formulaireAgent(db, administrateur(req), parametreId(req));
    return sendPage(reply, <PageAgent ctx={contexte(req)} {...vue} etat={vide} />);
  });

  app.get('/admin/sites/:id/rendez-vous/agents/:ressource', connecte, async (req, reply) => {
    const vue = await service.formulaireAgent(db, administrateur(req), parametreId(req), parametreId(req, 'ressource'));
    const etat = { valeurs: valeursAgent(vue.ressource), erreurs: {} };
    return sendPage(reply, <PageAgent ctx={contexte(req)} {...vue} etat={etat} />);
  });

  async function enregistrerAgent(req: FastifyRequest, reply: FastifyReply, ressourceId: string | null) {
    const acteur = administrateur(req);
    const siteId = parametreId(req);
    const vue = await service.formulaireAgent(db, acteur, siteId, ressourceId ?? undefined);
    const lu = lireAgent(req.body, siteId, ressourceId === null);
    const r = lu.ok ? await service.enregistrerAgent(db, acteur, siteId, ressourceId, lu.donnees) : lu;
    if (!r.ok) return sendPage(reply, <PageAgent ctx={contexte(req)} {...vue} etat={rejet(req, r.erreurs)} />, 422);
    return retour(reply, siteId, ressourceId ? 'Le planning est enregistré.' : 'L’agent est ajouté avec son planning.');
  }
  app.post('/admin/sites/:id/rendez-vous/agents', connecte, (req, reply) => enregistrerAgent(req, reply, null));
  app.post('/admin/sites/:id/rendez-vous/agents/:ressource', connecte, (req, reply) =>
    enregistrerAgent(req, reply, parametreId(req, 'ressource')),
  );

  // ---------- permanences ----------

  app.get('/admin/sites/:id/rendez-vous/permanences/nouveau', connecte, async (req, reply) => {
    const vue = await service.formulairePermanence(db, administrateur(req), parametreId(req));
    const etat = { valeurs: valeursPermanence(null), erreurs: {} };
    return sendPage(reply, <PagePermanence ctx={contexte(req)} {...vue} etat={etat} />);
  });

  app.get('/admin/sites/:id/rendez-vous/permanences/:ressource', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const vue = await service.formulairePermanence(db, acteur, parametreId(req), parametreId(req, 'ressource'));
    const etat = { valeurs: valeursPermanence(vue.ressource), erreurs: {} };
    return sendPage(reply, <PagePermanence ctx={contexte(req)} {...vue} etat={etat} />);
  });

  async function enregistrerPermanence(req: FastifyRequest, reply: FastifyReply, ressourceId: string | null) {
    const acteur = administrateur(req);
    const siteId = parametreId(req);
    const vue = await service.formulairePermanence(db, acteur, siteId, ressourceId ?? undefined);
    const lu = lirePermanence(req.body, siteId);
    const r = lu.ok ? await service.enregistrerPermanence(db, acteur, siteId, ressourceId, lu.donnees) : lu;
    if (!r.ok) {
      return sendPage(reply, <PagePermanence ctx={contexte(req)} {...vue} etat={rejet(req, r.erreurs)} />, 422);
    }
    return retour(reply, siteId, ressourceId ? 'La permanence est enregistrée.' : 'La permanence est ajoutée.');
  }
  app.post('/admin/sites/:id/rendez-vous/permanences', connecte, (req, reply) =>
    enregistrerPermanence(req, reply, null),
  );
  app.post('/admin/sites/:id/rendez-vous/permanences/:ressource', connecte, (req, reply) =>
    enregistrerPermanence(req, reply, parametreId(req, 'ressource')),
  );

  for (const actif of [false, true]) {
    app.post(
      `/admin/sites/:id/rendez-vous/ressources/:ressource/${actif ? 'reactiver' : 'desactiver'}`,
      connecte,
      async (req, reply) => {
        const siteId = parametreId(req);
        await service.activerRessource(db, administrateur(req), siteId, parametreId(req, 'ressource'), actif);
        return retour(
          reply,
          siteId,
          actif
            ? 'Cette ressource reçoit à nouveau.'
            : 'Cette ressource ne reçoit plus : ses rendez-vous pris restent.',
        );
      },
    );
  }

  // ---------- absences ----------

  app.get('/admin/sites/:id/rendez-vous/ressources/:ressource/absences', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const vue = await service.absencesDe(db, acteur, parametreId(req), parametreId(req, 'ressource'), new Date());
    return sendPage(reply, <PageAbsences ctx={contexte(req)} {...vue} etat={vide} />);
  });

  app.post('/admin/sites/:id/rendez-vous/ressources/:ressource/absences', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const [siteId, ressourceId] = [parametreId(req), parametreId(req, 'ressource')];
    const vue = await service.absencesDe(db, acteur, siteId, ressourceId, new Date());
    if (!vue.gerer) throw new AppError('interdit');
    const lu = lireAbsence(req.body, vue.site.fuseauHoraire);
    if (!lu.ok)
      return sendPage(reply, <PageAbsences ctx={contexte(req)} {...vue} etat={rejet(req, lu.erreurs)} />, 422);
    const { rendezVousCouverts: n } = await service.ajouterAbsence(db, acteur, siteId, ressourceId, lu.donnees);
    const suite = `/ressources/${ressourceId}/absences`;
    if (n > 0) {
      const quoi = n === 1 ? '1 rendez-vous déjà pris tombe' : `${n} rendez-vous déjà pris tombent`;
      return reply
        .flash('warning', `L’absence est enregistrée. ${quoi} pendant cette absence : déplacez-les ou annulez-les.`)
        .redirect(`/admin/sites/${siteId}/rendez-vous${suite}`, 303);
    }
    return retour(reply, siteId, 'L’absence est enregistrée.', suite);
  });

  app.post(
    '/admin/sites/:id/rendez-vous/ressources/:ressource/absences/:absence/supprimer',
    connecte,
    async (req, reply) => {
      const [siteId, ressourceId] = [parametreId(req), parametreId(req, 'ressource')];
      await service.supprimerAbsence(db, administrateur(req), siteId, ressourceId, parametreId(req, 'absence'));
      return retour(reply, siteId, 'L’absence est supprimée.', `/ressources/${ressourceId}/absences`);
    },
  );
}
