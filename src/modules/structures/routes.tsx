import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { formulaireVide } from '../../ui/formulaire.tsx';
import { type Acteur, estAdminNational, peutVoirAdministration } from '../portee/index.ts';
import * as service from './service.ts';
import { FiltreListe, SaisieSite, SaisieStructure } from './validation.ts';
import { FormulaireSite, PageSite, PageSites } from './views/sites.tsx';
import { FormulaireStructure, PageStructure, PageStructures } from './views/structures.tsx';

function administrateur(req: FastifyRequest): Acteur {
  const acteur = acteurDe(req);
  if (!peutVoirAdministration(acteur)) throw new AppError('interdit');
  return acteur;
}

/** Départements where the actor may create structures: all for the national admin, theirs for a coordinator. */
function departementsCreation(acteur: Acteur): string[] | 'tous' {
  if (estAdminNational(acteur)) return 'tous';
  return acteur.habilitations.filter((h) => h.role === 'coordinateur').flatMap((h) => h.departements);
}

const peutCreerStructures = (acteur: Acteur) => {
  const d = departementsCreation(acteur);
  return d === 'tous' || d.length > 0;
};

function champsStructure(s: { nom: string; departement: string; porteur: string }) {
  return { valeurs: { nom: s.nom, departement: s.departement, porteur: s.porteur }, erreurs: {} };
}

/** A stored site as the values of its edit form: text as typed, numbers as text, checkboxes and lists as lists. */
function champsSite(s: Awaited<ReturnType<typeof service.consulterSite>>['site']) {
  const valeurs: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(s)) {
    if (typeof v === 'string') valeurs[k] = v;
    else if (typeof v === 'number') valeurs[k] = String(v);
    else if (typeof v === 'boolean') valeurs[k] = v ? 'on' : '';
  }
  valeurs.services = s.services;
  valeurs.partenaires = s.partenaires.filter((p) => p.national).map((p) => p.code);
  return { valeurs, erreurs: {} };
}

/** Administration pages of structures and their sites. */
export async function structuresRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  app.get('/admin/structures', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const f = FiltreListe.parse(req.query ?? {});
    const structures = await service.listerStructures(db, acteur, { recherche: f.q, inclureInactifs: f.inactifs });
    return sendPage(
      reply,
      <PageStructures
        ctx={contexte(req)}
        structures={structures}
        q={f.q ?? ''}
        inactifs={f.inactifs ?? false}
        peutCreer={peutCreerStructures(acteur)}
      />,
    );
  });

  app.get('/admin/structures/nouvelle', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    if (!peutCreerStructures(acteur)) throw new AppError('interdit');
    return sendPage(
      reply,
      <FormulaireStructure
        ctx={contexte(req)}
        etat={formulaireVide}
        departements={departementsCreation(acteur)}
        action="/admin/structures"
        titre="Ajouter une structure"
        annuler="/admin/structures"
      />,
    );
  });

  app.post('/admin/structures', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    if (!peutCreerStructures(acteur)) throw new AppError('interdit');
    const lu = lireFormulaire(SaisieStructure, req.body);
    const r = lu.ok ? await service.creerStructure(db, acteur, lu.donnees) : lu;
    if (!r.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(
        reply,
        <FormulaireStructure
          ctx={contexte(req)}
          etat={etat}
          departements={departementsCreation(acteur)}
          action="/admin/structures"
          titre="Ajouter une structure"
          annuler="/admin/structures"
        />,
        422,
      );
    }
    return reply.flash('success', 'La structure est créée.').redirect(`/admin/structures/${r.id}`, 303);
  });

  app.get('/admin/structures/:id', connecte, async (req, reply) => {
    const { structure, sites, droits } = await service.consulterStructure(db, administrateur(req), parametreId(req));
    return sendPage(reply, <PageStructure ctx={contexte(req)} structure={structure} sites={sites} droits={droits} />);
  });

  app.get('/admin/structures/:id/modifier', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    const { structure, droits } = await service.consulterStructure(db, acteur, id);
    if (!droits.modifier) throw new AppError('interdit');
    const deps = departementsCreation(acteur);
    return sendPage(
      reply,
      <FormulaireStructure
        ctx={contexte(req)}
        etat={champsStructure(structure)}
        departements={deps === 'tous' ? deps : [...new Set([...deps, structure.departement])]}
        action={`/admin/structures/${id}`}
        titre="Modifier la structure"
        annuler={`/admin/structures/${id}`}
      />,
    );
  });

  app.post('/admin/structures/:id', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    const { structure, droits } = await service.consulterStructure(db, acteur, id);
    if (!droits.modifier) throw new AppError('interdit');
    const lu = lireFormulaire(SaisieStructure, req.body);
    const r = lu.ok ? await service.modifierStructure(db, acteur, id, lu.donnees) : lu;
    if (!r.ok) {
      const deps = departementsCreation(acteur);
      return sendPage(
        reply,
        <FormulaireStructure
          ctx={contexte(req)}
          etat={{ valeurs: valeursSaisies(req.body), erreurs: r.erreurs }}
          departements={deps === 'tous' ? deps : [...new Set([...deps, structure.departement])]}
          action={`/admin/structures/${id}`}
          titre="Modifier la structure"
          annuler={`/admin/structures/${id}`}
        />,
        422,
      );
    }
    return reply.flash('success', 'La structure est enregistrée.').redirect(`/admin/structures/${id}`, 303);
  });

  for (const [chemin, actif] of [
    ['desactiver', false],
    ['reactiver', true],
  ] as const) {
    app.post(`/admin/structures/:id/${chemin}`, connecte, async (req, reply) => {
      const id = parametreId(req);
      await service.changerActivationStructure(db, administrateur(req), id, actif);
      return reply
        .flash('success', actif ? 'La structure est réactivée.' : 'La structure est désactivée.')
        .redirect(`/admin/structures/${id}`, 303);
    });
    app.post(`/admin/sites/:id/${chemin}`, connecte, async (req, reply) => {
      const id = parametreId(req);
      await service.changerActivationSite(db, administrateur(req), id, actif);
      return reply
        .flash('success', actif ? 'Le site est réactivé.' : 'Le site est désactivé.')
        .redirect(`/admin/sites/${id}`, 303);
    });
  }

  // ---------- sites ----------

  app.get('/admin/sites', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const f = FiltreListe.parse(req.query ?? {});
    const sites = await service.listerSites(db, acteur, {
      recherche: f.q,
      inclureInactifs: f.inactifs,
      structureId: f.structure,
    });
    const peutCreer = (await service.structuresPourSites(db, acteur)).length > 0;
    return sendPage(
      reply,
      <PageSites
        ctx={contexte(req)}
        sites={sites}
        q={f.q ?? ''}
        inactifs={f.inactifs ?? false}
        peutCreer={peutCreer}
      />,
    );
  });

  app.get('/admin/sites/nouveau', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const structures = await service.structuresPourSites(db, acteur);
    if (structures.length === 0) throw new AppError('interdit');
    const f = FiltreListe.parse(req.query ?? {});
    const etat = {
      valeurs: { structureId: f.structure ?? (structures.length === 1 ? structures[0]?.id : undefined) },
      erreurs: {},
    };
    return sendPage(
      reply,
      <FormulaireSite
        ctx={contexte(req)}
        etat={etat}
        structures={structures}
        action="/admin/sites"
        titre="Ajouter un site"
        annuler="/admin/sites"
      />,
    );
  });

  app.post('/admin/sites', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const structures = await service.structuresPourSites(db, acteur);
    if (structures.length === 0) throw new AppError('interdit');
    const lu = lireFormulaire(SaisieSite, req.body);
    const r = lu.ok ? await service.creerSite(db, acteur, lu.donnees) : lu;
    if (!r.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(
        reply,
        <FormulaireSite
          ctx={contexte(req)}
          etat={etat}
          structures={structures}
          action="/admin/sites"
          titre="Ajouter un site"
          annuler="/admin/sites"
        />,
        422,
      );
    }
    return reply.flash('success', 'Le site est créé.').redirect(`/admin/sites/${r.id}`, 303);
  });

  app.get('/admin/sites/:id', connecte, async (req, reply) => {
    const { site, droits } = await service.consulterSite(db, administrateur(req), parametreId(req));
    return sendPage(reply, <PageSite ctx={contexte(req)} site={site} gerer={droits.gerer} />);
  });

  app.get('/admin/sites/:id/modifier', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    const { site, droits } = await service.consulterSite(db, acteur, id);
    if (!droits.gerer) throw new AppError('interdit');
    const structures = await service.structuresPourSites(db, acteur);
    return sendPage(
      reply,
      <FormulaireSite
        ctx={contexte(req)}
        etat={champsSite(site)}
        structures={structures}
        action={`/admin/sites/${id}`}
        titre="Modifier le site"
        annuler={`/admin/sites/${id}`}
      />,
    );
  });

  app.post('/admin/sites/:id', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    const { droits } = await service.consulterSite(db, acteur, id);
    if (!droits.gerer) throw new AppError('interdit');
    const lu = lireFormulaire(SaisieSite, req.body);
    const r = lu.ok ? await service.modifierSite(db, acteur, id, lu.donnees) : lu;
    if (!r.ok) {
      const structures = await service.structuresPourSites(db, acteur);
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(
        reply,
        <FormulaireSite
          ctx={contexte(req)}
          etat={etat}
          structures={structures}
          action={`/admin/sites/${id}`}
          titre="Modifier le site"
          annuler={`/admin/sites/${id}`}
        />,
        422,
      );
    }
    return reply.flash('success', 'Le site est enregistré.').redirect(`/admin/sites/${id}`, 303);
  });
}
