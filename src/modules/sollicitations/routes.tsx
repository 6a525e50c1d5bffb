import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import type { EtatFormulaire } from '../../ui/formulaire.tsx';
import { dateLocale } from '../horaires/index.ts';
import { exportCsv, exportXlsx } from './export.ts';
import { debutTrimestre } from './policy.ts';
import * as service from './service.ts';
import { PeriodeExport, Preremplissage, RequeteJournee, SaisieSollicitation } from './validation.ts';
import { PageExport } from './views/export.tsx';
import { PageHistorique, PageModifier, PageSupprimer } from './views/fiche.tsx';
import { PageJournee, PageSansGuichet } from './views/journee.tsx';

const uuidFacultatif = z.uuid().optional().catch(undefined);

/** The counter's request log: quick entry, the day's list, edit, delete, undo, history, export. */
export async function sollicitationsRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  async function pageJournee(
    req: FastifyRequest,
    reply: FastifyReply,
    demande: RequeteJournee,
    etatSaisi?: EtatFormulaire,
    prerempli: Preremplissage = {},
  ) {
    const acteur = acteurDe(req);
    const maintenant = new Date();
    const vue = await service.journeeDuGuichet(db, acteur, demande, maintenant);
    if (!vue.site) {
      const exporter = (await service.structuresExportables(db, acteur)).length > 0;
      return sendPage(reply, <PageSansGuichet ctx={contexte(req)} exporter={exporter} />);
    }
    // A situation given by id is typed in by its name, when the catalogue of this site has it.
    const { situationId, ...textes } = prerempli;
    const situation = vue.catalogue.situations.find((s) => s.id === situationId)?.nom ?? textes.situation;
    const etat = etatSaisi ?? {
      valeurs: {
        canal: vue.defauts.canal,
        niveau: vue.defauts.niveau,
        issue: vue.defauts.issue,
        duree: vue.defauts.duree,
        arret: vue.defauts.arret ?? '',
        ...Object.fromEntries(Object.entries({ ...textes, situation }).filter(([, v]) => v !== undefined)),
      },
      erreurs: {},
    };
    const mandatId = typeof etat.valeurs.mandat === 'string' ? etat.valeurs.mandat : undefined;
    const mandat = vue.saisir ? await service.mandatDeSaisie(db, acteur, vue.site.id, mandatId) : null;
    return sendPage(
      reply,
      <PageJournee
        ctx={contexte(req)}
        site={vue.site}
        sites={vue.sitesDeSaisie.length > 0 ? vue.sitesDeSaisie : vue.sites}
        saisir={vue.saisir}
        aujourdhui={vue.aujourdhui}
        jour={vue.jour}
        catalogue={vue.catalogue}
        arrets={vue.arrets}
        etat={etat}
        derniere={vue.derniere}
        entrees={vue.entrees}
        total={vue.total}
        page={vue.page}
        pages={vue.pages}
        parPartenaire={vue.parPartenaire}
        parCanal={vue.parCanal}
        enregistree={vue.enregistree}
        messagesOuverts={vue.messagesOuverts}
        mandat={mandat}
      />,
      etatSaisi ? 422 : 200,
    );
  }

  app.get('/sollicitations', connecte, async (req, reply) => {
    const lu = lireFormulaire(RequeteJournee, req.query);
    if (!lu.ok) throw new AppError('requete_invalide', Object.values(lu.erreurs).join(' '));
    return pageJournee(req, reply, lu.donnees, undefined, Preremplissage.parse(req.query ?? {}));
  });

  app.post('/sollicitations', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const lu = lireFormulaire(SaisieSollicitation, req.body);
    const site = uuidFacultatif.parse((req.body as Record<string, unknown> | undefined)?.site);
    if (!site) throw new AppError('introuvable');
    const r = lu.ok ? await service.enregistrer(db, acteur, lu.donnees, new Date()) : lu;
    if (!r.ok) return pageJournee(req, reply, { site }, { valeurs: valeursSaisies(req.body), erreurs: r.erreurs });
    return reply.redirect(`/sollicitations?site=${site}&enregistree=${r.id}`, 303);
  });

  app.post('/sollicitations/repeter', connecte, async (req, reply) => {
    const site = uuidFacultatif.parse((req.body as Record<string, unknown> | undefined)?.site);
    if (!site) throw new AppError('introuvable');
    const r = await service.repeterDerniere(db, acteurDe(req), site, new Date());
    if (!r.ok) {
      return reply
        .flash('error', 'Aucune saisie précédente à répéter à ce lieu.')
        .redirect(`/sollicitations?site=${site}`, 303);
    }
    return reply.redirect(`/sollicitations?site=${site}&enregistree=${r.id}`, 303);
  });

  app.get('/sollicitations/export', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const structures = await service.structuresExportables(db, acteur);
    const requete = (req.query ?? {}) as Record<string, unknown>;
    if (structures.length === 0) throw new AppError('interdit');
    if (!requete.format) {
      const aujourdhui = dateLocale(new Date(), 'Europe/Paris');
      const etat = { valeurs: { du: debutTrimestre(aujourdhui), au: aujourdhui }, erreurs: {} };
      return sendPage(
        reply,
        <PageExport ctx={contexte(req)} etat={etat} structures={structures} />,
        structures.length ? 200 : 403,
      );
    }
    const lu = lireFormulaire(PeriodeExport, requete);
    if (requete.format !== 'csv' && requete.format !== 'xlsx')
      throw new AppError('requete_invalide', 'Format inconnu : choisissez XLSX ou CSV.');
    const format = requete.format;
    const structure = lu.ok
      ? (lu.donnees.structure ?? (structures.length === 1 ? structures[0]?.id : undefined))
      : undefined;
    if (!lu.ok || !structure) {
      const erreurs = lu.ok ? { structure: 'Choisissez une structure de la liste.' } : lu.erreurs;
      return sendPage(
        reply,
        <PageExport ctx={contexte(req)} etat={{ valeurs: valeursSaisies(requete), erreurs }} structures={structures} />,
        422,
      );
    }
    const donnees = await service.exporter(db, acteur, { ...lu.donnees, structure });
    const nom = `sollicitations-${donnees.structure.nom
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .toLowerCase()}-${lu.donnees.du}-${lu.donnees.au}`;
    reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${nom}.${format}"`);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(exportCsv(donnees));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await exportXlsx(donnees, `Sollicitations – ${donnees.structure.nom}`));
  });

  app.get('/sollicitations/:id/modifier', connecte, async (req, reply) => {
    const vue = await service.consulter(db, acteurDe(req), parametreId(req), new Date());
    if (!vue.modifiable) throw new AppError('interdit');
    const e = vue.entree;
    const etat: EtatFormulaire = {
      valeurs: {
        situation: e.situationId,
        arret: e.arretId ?? '',
        partenaires: e.partenaires,
        canal: e.canal,
        niveau: e.niveau,
        issue: e.issue,
        duree: e.duree,
        nonRecours: e.nonRecours ? 'on' : undefined,
        difficulteNumerique: e.difficulteNumerique ? 'on' : undefined,
        premiereVisite: e.premiereVisite ? 'on' : undefined,
        trancheAge: e.trancheAge ?? '',
        communeResidence: e.communeResidence ?? '',
        note: e.note ?? '',
        date: e.jour,
        heure: vue.heure,
      },
      erreurs: {},
    };
    return sendPage(reply, <PageModifier ctx={contexte(req)} {...pageModifier(vue)} etat={etat} />);
  });

  function pageModifier(vue: Awaited<ReturnType<typeof service.consulter>>) {
    return {
      id: vue.entree.id,
      siteId: vue.site.id,
      siteNom: vue.site.nom,
      jour: vue.entree.jour,
      catalogue: vue.catalogue,
      arrets: vue.arrets,
    };
  }

  app.post('/sollicitations/:id', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const id = parametreId(req);
    const lu = lireFormulaire(SaisieSollicitation, req.body);
    const r = lu.ok ? await service.modifier(db, acteur, id, lu.donnees, new Date()) : lu;
    if (!r.ok) {
      const vue = await service.consulter(db, acteur, id, new Date());
      if (!vue.modifiable) throw new AppError('interdit');
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(reply, <PageModifier ctx={contexte(req)} {...pageModifier(vue)} etat={etat} />, 422);
    }
    return reply
      .flash('success', 'La sollicitation est modifiée.')
      .redirect(`/sollicitations?site=${r.siteId}&jour=${r.jour}`, 303);
  });

  app.get('/sollicitations/:id/supprimer', connecte, async (req, reply) => {
    const vue = await service.consulter(db, acteurDe(req), parametreId(req), new Date());
    if (!vue.modifiable) throw new AppError('interdit');
    const resume = [
      vue.libelles.situations.get(vue.entree.situationId),
      vue.entree.partenaires.map((p) => vue.libelles.partenaires.get(p)).join(', '),
    ].join(' · ');
    return sendPage(
      reply,
      <PageSupprimer ctx={contexte(req)} {...pageModifier(vue)} heure={vue.heure} resume={resume} />,
    );
  });

  for (const mode of ['supprimer', 'annuler'] as const) {
    app.post(`/sollicitations/:id/${mode}`, connecte, async (req, reply) => {
      const r = await service.supprimer(db, acteurDe(req), parametreId(req), new Date(), mode);
      return reply
        .flash('success', mode === 'annuler' ? 'La saisie est annulée.' : 'La sollicitation est supprimée.')
        .redirect(`/sollicitations?site=${r.siteId}&jour=${r.jour}`, 303);
    });
  }

  app.get('/sollicitations/:id/historique', connecte, async (req, reply) => {
    const vue = await service.historique(db, acteurDe(req), parametreId(req));
    return sendPage(reply, <PageHistorique ctx={contexte(req)} {...vue} />);
  });
}
