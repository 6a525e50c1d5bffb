import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { type EtatFormulaire, formulaireVide } from '../../ui/formulaire.tsx';
import { type Acteur, peutVoirAdministration } from '../portee/index.ts';
import { PREAVIS_FERMETURE_JOURS } from './conformite.ts';
import * as service from './service.ts';
import { SaisieFermeture, SaisieFuseau, SaisieHoraires, valeursHoraires } from './validation.ts';
import { PageFermetures, type RendezVousConcernes } from './views/fermetures.tsx';
import { PageHoraires } from './views/horaires.tsx';

function administrateur(req: FastifyRequest): Acteur {
  const acteur = acteurDe(req);
  if (!peutVoirAdministration(acteur)) throw new AppError('interdit');
  return acteur;
}

const MESSAGES_HORAIRES = {
  grille: 'Les horaires sont enregistrés.',
  expert: 'Les horaires sont enregistrés à partir de la syntaxe OSM.',
  inchange: 'Les horaires sont enregistrés.',
  fuseau: 'Le fuseau horaire est enregistré.',
  tournee: 'Le fuseau horaire et la règle de la semaine 53 de la tournée sont enregistrés.',
} as const;

/**
 * What other modules add to these pages, handed over by the application (src/app/app.ts): the appointments module
 * imports this one, so this one cannot import it.
 */
export interface OptionsHoraires {
  /** The site's booked appointments now outside its opening (a closure covers them), and the page listing them. */
  rendezVousConcernes?: (acteur: Acteur, siteId: string) => Promise<RendezVousConcernes | null>;
}

/** Managers edit a site's opening hours (weekly grid or OSM text), its time zone and its exceptional closures. */
export async function horairesRoutes(app: FastifyInstance, options: OptionsHoraires = {}) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  app.get('/admin/sites/:id/horaires', connecte, async (req, reply) => {
    const vue = await service.consulterHoraires(db, administrateur(req), parametreId(req));
    const { valeurs, grilleImpossible } = valeursHoraires(
      vue.site.horaires,
      vue.site.fuseauHoraire,
      vue.site.semaine53,
    );
    return sendPage(
      reply,
      <PageHoraires ctx={contexte(req)} {...vue} etat={{ valeurs, erreurs: {} }} grilleImpossible={grilleImpossible} />,
    );
  });

  app.post('/admin/sites/:id/horaires', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    const vue = await service.consulterHoraires(db, acteur, id);
    if (!vue.gerer) throw new AppError('interdit');
    const lu =
      vue.site.genre === 'itinerant'
        ? lireFormulaire(SaisieFuseau, req.body)
        : lireFormulaire(SaisieHoraires, req.body);
    const r = lu.ok ? await service.enregistrerHoraires(db, acteur, id, lu.donnees) : lu;
    if (!r.ok) {
      const etat: EtatFormulaire = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      const { grilleImpossible } = valeursHoraires(vue.site.horaires, vue.site.fuseauHoraire);
      return sendPage(
        reply,
        <PageHoraires ctx={contexte(req)} {...vue} etat={etat} grilleImpossible={grilleImpossible} />,
        422,
      );
    }
    return reply.flash('success', MESSAGES_HORAIRES[r.source]).redirect(`/admin/sites/${id}/horaires`, 303);
  });

  app.get('/admin/sites/:id/fermetures', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const vue = await service.listerFermetures(db, acteur, parametreId(req), new Date());
    const concernes = (await options.rendezVousConcernes?.(acteur, vue.site.id)) ?? null;
    return sendPage(reply, <PageFermetures ctx={contexte(req)} {...vue} concernes={concernes} etat={formulaireVide} />);
  });

  app.post('/admin/sites/:id/fermetures', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    const maintenant = new Date();
    const vue = await service.listerFermetures(db, acteur, id, maintenant);
    if (!vue.gerer) throw new AppError('interdit');
    const lu = lireFormulaire(SaisieFermeture, req.body);
    const r = lu.ok ? await service.annoncerFermeture(db, acteur, id, lu.donnees, maintenant) : lu;
    if (!r.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(reply, <PageFermetures ctx={contexte(req)} {...vue} etat={etat} />, 422);
    }
    const suite = `/admin/sites/${id}/fermetures`;
    if (r.tardive) {
      return reply
        .flash(
          'warning',
          `La fermeture exceptionnelle est enregistrée. Annoncée moins de ${PREAVIS_FERMETURE_JOURS} jours à l’avance, elle est signalée comme tardive.`,
        )
        .redirect(suite, 303);
    }
    return reply.flash('success', 'La fermeture exceptionnelle est enregistrée.').redirect(suite, 303);
  });

  app.post('/admin/sites/:id/fermetures/:fermeture/supprimer', connecte, async (req, reply) => {
    const id = parametreId(req);
    const issue = await service.supprimerFermeture(
      db,
      administrateur(req),
      id,
      parametreId(req, 'fermeture'),
      new Date(),
    );
    const suite = `/admin/sites/${id}/fermetures`;
    if (issue === 'historique') {
      return reply
        .flash(
          'error',
          'Cette fermeture a déjà commencé ou est passée : elle reste dans l’historique et ne peut pas être supprimée.',
        )
        .redirect(suite, 303);
    }
    return reply.flash('success', 'La fermeture exceptionnelle est supprimée.').redirect(suite, 303);
  });
}
