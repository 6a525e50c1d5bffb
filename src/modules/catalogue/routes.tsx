import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import type { EtatFormulaire } from '../../ui/formulaire.tsx';
import type { Acteur } from '../portee/index.ts';
import { peutVoirCatalogue } from './policy.ts';
import * as service from './service.ts';
import {
  RUBRIQUES,
  SaisieNouveauPartenaire,
  SaisieNouvelleSituation,
  SaisiePartenaire,
  SaisieSituation,
  SaisieTheme,
} from './validation.ts';
import { PageCatalogue } from './views/catalogue.tsx';
import {
  FormulaireNouveauPartenaire,
  FormulairePartenaire,
  FormulaireTheme,
  PagePartenaire,
} from './views/partenaire.tsx';
import { FormulaireNouvelleSituation, FormulaireSituation, PageSituation } from './views/situation.tsx';

function lecteur(req: FastifyRequest): Acteur {
  const acteur = acteurDe(req);
  if (!peutVoirCatalogue(acteur)) throw new AppError('interdit');
  return acteur;
}

/** A stored situation as the values of its edit form: the usual partner apart, items one per line per rubrique. */
function champsSituation(s: service.SituationConsultee): EtatFormulaire {
  const [principal, ...autres] = s.partenaires;
  const valeurs: EtatFormulaire['valeurs'] = {
    nom: s.nom,
    themeId: s.themeId,
    partenairePrincipal: principal?.id ?? '',
    partenaires: autres.map((p) => p.id),
  };
  for (const r of RUBRIQUES) {
    valeurs[r] = s.prestations
      .filter((p) => p.rubrique === r)
      .map((p) => p.libelle)
      .join('\n');
  }
  return { valeurs, erreurs: {} };
}

/** The structure asked for in `?structure=` when it is one of the choices, or the only choice. */
function cataloguePreselectionne(req: FastifyRequest, catalogues: Array<{ valeur: string }>): string | undefined {
  const demande = (req.query as Record<string, unknown> | undefined)?.structure;
  if (typeof demande === 'string' && catalogues.some((c) => c.valeur === demande)) return demande;
  return catalogues.length === 1 ? catalogues[0]?.valeur : undefined;
}

/**
 * The bouquet de services: everyone with a scope reads it; the national administration edits the national catalogue,
 * managers add and edit their structure's local partners and situations. Nothing is ever deleted, only retired.
 */
export async function catalogueRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  app.get('/admin/catalogue', connecte, async (req, reply) => {
    const catalogue = await service.consulterCatalogue(db, lecteur(req));
    return sendPage(reply, <PageCatalogue ctx={contexte(req)} catalogue={catalogue} />);
  });

  // ---------- situations ----------

  app.get('/admin/catalogue/situations/nouvelle', connecte, async (req, reply) => {
    const choix = await service.choixNouvelleSituation(db, lecteur(req));
    const etat = { valeurs: { structureId: cataloguePreselectionne(req, choix.catalogues) }, erreurs: {} };
    return sendPage(reply, <FormulaireNouvelleSituation ctx={contexte(req)} etat={etat} choix={choix} />);
  });

  app.post('/admin/catalogue/situations', connecte, async (req, reply) => {
    const acteur = lecteur(req);
    const choix = await service.choixNouvelleSituation(db, acteur);
    const lu = lireFormulaire(SaisieNouvelleSituation, req.body);
    const r = lu.ok ? await service.creerSituation(db, acteur, lu.donnees) : lu;
    if (!r.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(reply, <FormulaireNouvelleSituation ctx={contexte(req)} etat={etat} choix={choix} />, 422);
    }
    return reply.flash('success', 'La situation est ajoutée au catalogue.').redirect('/admin/catalogue', 303);
  });

  app.get('/admin/catalogue/situations/:id', connecte, async (req, reply) => {
    const acteur = lecteur(req);
    const { situation, modifiable } = await service.consulterSituation(db, acteur, parametreId(req));
    if (!modifiable) return sendPage(reply, <PageSituation ctx={contexte(req)} situation={situation} />);
    const choix = await service.choixSituation(db, acteur, situation);
    return sendPage(
      reply,
      <FormulaireSituation ctx={contexte(req)} situation={situation} etat={champsSituation(situation)} choix={choix} />,
    );
  });

  app.post('/admin/catalogue/situations/:id', connecte, async (req, reply) => {
    const acteur = lecteur(req);
    const id = parametreId(req);
    const { situation, modifiable } = await service.consulterSituation(db, acteur, id);
    if (!modifiable) throw new AppError('interdit');
    const lu = lireFormulaire(SaisieSituation, req.body);
    const r = lu.ok ? await service.modifierSituation(db, acteur, id, lu.donnees) : lu;
    if (!r.ok) {
      const choix = await service.choixSituation(db, acteur, situation);
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(
        reply,
        <FormulaireSituation ctx={contexte(req)} situation={situation} etat={etat} choix={choix} />,
        422,
      );
    }
    return reply.flash('success', 'La situation est enregistrée.').redirect(`/admin/catalogue/situations/${id}`, 303);
  });

  // ---------- partners ----------

  app.get('/admin/catalogue/partenaires/nouveau', connecte, async (req, reply) => {
    const { catalogues } = await service.choixNouveauPartenaire(db, lecteur(req));
    const etat = { valeurs: { structureId: cataloguePreselectionne(req, catalogues) }, erreurs: {} };
    return sendPage(reply, <FormulaireNouveauPartenaire ctx={contexte(req)} etat={etat} catalogues={catalogues} />);
  });

  app.post('/admin/catalogue/partenaires', connecte, async (req, reply) => {
    const acteur = lecteur(req);
    const { catalogues } = await service.choixNouveauPartenaire(db, acteur);
    const lu = lireFormulaire(SaisieNouveauPartenaire, req.body);
    const r = lu.ok ? await service.creerPartenaire(db, acteur, lu.donnees) : lu;
    if (!r.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(
        reply,
        <FormulaireNouveauPartenaire ctx={contexte(req)} etat={etat} catalogues={catalogues} />,
        422,
      );
    }
    return reply.flash('success', 'Le partenaire local est ajouté.').redirect('/admin/catalogue#partenaires', 303);
  });

  app.get('/admin/catalogue/partenaires/:id', connecte, async (req, reply) => {
    const { partenaire, situations, modifiable } = await service.consulterPartenaire(
      db,
      lecteur(req),
      parametreId(req),
    );
    if (!modifiable) {
      return sendPage(reply, <PagePartenaire ctx={contexte(req)} partenaire={partenaire} situations={situations} />);
    }
    const etat = { valeurs: { nom: partenaire.nom, nomCourt: partenaire.nomCourt }, erreurs: {} };
    return sendPage(
      reply,
      <FormulairePartenaire ctx={contexte(req)} partenaire={partenaire} situations={situations} etat={etat} />,
    );
  });

  app.post('/admin/catalogue/partenaires/:id', connecte, async (req, reply) => {
    const acteur = lecteur(req);
    const id = parametreId(req);
    const { partenaire, situations, modifiable } = await service.consulterPartenaire(db, acteur, id);
    if (!modifiable) throw new AppError('interdit');
    const lu = lireFormulaire(SaisiePartenaire, req.body);
    const r = lu.ok ? await service.modifierPartenaire(db, acteur, id, lu.donnees) : lu;
    if (!r.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(
        reply,
        <FormulairePartenaire ctx={contexte(req)} partenaire={partenaire} situations={situations} etat={etat} />,
        422,
      );
    }
    return reply.flash('success', 'Le partenaire est enregistré.').redirect(`/admin/catalogue/partenaires/${id}`, 303);
  });

  for (const [chemin, actif] of [
    ['retirer', false],
    ['reactiver', true],
  ] as const) {
    app.post(`/admin/catalogue/situations/:id/${chemin}`, connecte, async (req, reply) => {
      const id = parametreId(req);
      await service.changerActivationSituation(db, lecteur(req), id, actif);
      return reply
        .flash('success', actif ? 'La situation est réactivée.' : 'La situation est retirée.')
        .redirect(`/admin/catalogue/situations/${id}`, 303);
    });
    app.post(`/admin/catalogue/partenaires/:id/${chemin}`, connecte, async (req, reply) => {
      const id = parametreId(req);
      await service.changerActivationPartenaire(db, lecteur(req), id, actif);
      return reply
        .flash('success', actif ? 'Le partenaire est réactivé.' : 'Le partenaire est retiré.')
        .redirect(`/admin/catalogue/partenaires/${id}`, 303);
    });
  }

  // ---------- themes (rename only) ----------

  app.get('/admin/catalogue/themes/:id', connecte, async (req, reply) => {
    const theme = await service.consulterTheme(db, lecteur(req), parametreId(req));
    return sendPage(
      reply,
      <FormulaireTheme ctx={contexte(req)} theme={theme} etat={{ valeurs: { nom: theme.nom }, erreurs: {} }} />,
    );
  });

  app.post('/admin/catalogue/themes/:id', connecte, async (req, reply) => {
    const acteur = lecteur(req);
    const id = parametreId(req);
    const theme = await service.consulterTheme(db, acteur, id);
    const lu = lireFormulaire(SaisieTheme, req.body);
    const r = lu.ok ? await service.renommerTheme(db, acteur, id, lu.donnees) : lu;
    if (!r.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(reply, <FormulaireTheme ctx={contexte(req)} theme={theme} etat={etat} />, 422);
    }
    return reply.flash('success', 'Le thème est renommé.').redirect('/admin/catalogue', 303);
  });
}
