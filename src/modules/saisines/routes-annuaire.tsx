import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { type EtatFormulaire, formulaireVide } from '../../ui/formulaire.tsx';
import { nomFichierTableau, tableauCsv, tableauXlsx } from './export-annuaire.ts';
import { tableauPdf } from './pdf-annuaire.ts';
import * as service from './service-annuaire.ts';
import {
  DepartementTableau,
  FiltreAnnuaire,
  SaisieAbsence,
  SaisieNouveauReferent,
  SaisieOffre,
  SaisieReferent,
} from './validation-annuaire.ts';
import { PageAnnuaire, PageChoixTableau, PageTableau } from './views/annuaire.tsx';
import { FormulaireOffre, PageDelais, PageOffresSite } from './views/annuaire-offres.tsx';
import { FormulaireReferent, PageReferent } from './views/annuaire-referent.tsx';

/** A stored entry as the values of its edit form. */
function champsReferent(r: service.Referent): EtatFormulaire {
  return {
    valeurs: {
      rang: r.rang,
      prenom: r.prenom,
      nom: r.nom,
      fonction: r.fonction ?? '',
      telephone: r.telephone ?? '',
      courriel: r.courriel,
      structures: r.structures,
      courrielCompte: r.compte ?? '',
    },
    erreurs: {},
  };
}

const requete = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;

/**
 * The référent directory (issue 13, point 1): the list and an entry's page for everyone of the network within their
 * départements; create, edit, deactivate and absences for its keepers; the tableau récapitulatif of a département as
 * a page and as CSV, XLSX and PDF; the partners' offers at a site; the national administration's per-partner deadlines.
 */
export async function annuaireReferentsRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };

  app.get('/referents', connecte, async (req, reply) => {
    const a = await service.consulterAnnuaire(db, acteurDe(req), FiltreAnnuaire.parse(requete(req)));
    return sendPage(reply, <PageAnnuaire ctx={contexte(req)} a={a} />);
  });

  app.get('/referents/nouveau', connecte, async (req, reply) => {
    const q = requete(req);
    const departement = typeof q.departement === 'string' ? q.departement : undefined;
    const choix = await service.choixReferent(db, acteurDe(req), departement);
    const etat = {
      valeurs: {
        departement:
          departement && choix.departements.includes(departement)
            ? departement
            : choix.departements.length === 1
              ? choix.departements[0]
              : undefined,
        partenaireId: choix.partenaires.length === 1 ? choix.partenaires[0]?.id : undefined,
      },
      erreurs: {},
    };
    return sendPage(reply, <FormulaireReferent ctx={contexte(req)} etat={etat} choix={choix} />);
  });

  app.post('/referents', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const lu = lireFormulaire(SaisieNouveauReferent, req.body);
    const r = lu.ok ? await service.creerReferent(db, acteur, lu.donnees) : lu;
    if (!r.ok) {
      const departement = valeursSaisies(req.body).departement;
      const choix = await service.choixReferent(
        db,
        acteur,
        typeof departement === 'string' && departement ? departement : undefined,
      );
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(reply, <FormulaireReferent ctx={contexte(req)} etat={etat} choix={choix} />, 422);
    }
    return reply.flash('success', 'Le référent est ajouté à l’annuaire.').redirect(`/referents/${r.id}`, 303);
  });

  // ---------- the tableau récapitulatif (before /referents/:id) ----------

  app.get('/referents/tableau', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const lu = DepartementTableau.safeParse(requete(req));
    if (!lu.success) {
      const departements = await service.departementsTableau(db, acteur);
      return sendPage(reply, <PageChoixTableau ctx={contexte(req)} departements={departements} />);
    }
    const t = await service.tableauReferents(db, acteur, lu.data.departement);
    return sendPage(reply, <PageTableau ctx={contexte(req)} t={t} />);
  });

  const FICHIERS = {
    csv: { type: 'text/csv; charset=utf-8', produire: async (t: service.TableauReferents) => tableauCsv(t) },
    xlsx: {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      produire: (t: service.TableauReferents) => tableauXlsx(t),
    },
    pdf: { type: 'application/pdf', produire: (t: service.TableauReferents) => tableauPdf(t) },
  } as const;
  for (const [extension, f] of Object.entries(FICHIERS)) {
    app.get(`/referents/tableau.${extension}`, connecte, async (req, reply) => {
      const acteur = acteurDe(req);
      const lu = DepartementTableau.safeParse(requete(req));
      if (!lu.success) throw new AppError('requete_invalide', 'Choisissez le département du tableau.');
      const t = await service.tableauReferents(db, acteur, lu.data.departement);
      return reply
        .type(f.type)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${nomFichierTableau(t)}.${extension}"`)
        .send(await f.produire(t));
    });
  }

  // ---------- one entry ----------

  app.get('/referents/:id', connecte, async (req, reply) => {
    const r = await service.consulterReferent(db, acteurDe(req), parametreId(req));
    return sendPage(reply, <PageReferent ctx={contexte(req)} r={r} />);
  });

  /** The entry's edit form, with the structures of its département. */
  async function formulaire(req: FastifyRequest, reply: FastifyReply, etat: EtatFormulaire | null, statut = 200) {
    const acteur = acteurDe(req);
    const r = await service.consulterReferent(db, acteur, parametreId(req));
    if (!r.modifiable) throw new AppError('interdit');
    const choix = await service.choixReferent(db, acteur, r.departement);
    return sendPage(
      reply,
      <FormulaireReferent ctx={contexte(req)} etat={etat ?? champsReferent(r)} choix={choix} r={r} />,
      statut,
    );
  }

  app.get('/referents/:id/modifier', connecte, (req, reply) => formulaire(req, reply, null));

  app.post('/referents/:id', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const id = parametreId(req);
    const lu = lireFormulaire(SaisieReferent, req.body);
    const r = lu.ok ? await service.modifierReferent(db, acteur, id, lu.donnees) : lu;
    if (!r.ok) return formulaire(req, reply, { valeurs: valeursSaisies(req.body), erreurs: r.erreurs }, 422);
    return reply.flash('success', 'Le référent est enregistré.').redirect(`/referents/${id}`, 303);
  });

  app.post('/referents/:id/desactiver', connecte, async (req, reply) => {
    await service.desactiverReferent(db, acteurDe(req), parametreId(req));
    return reply
      .flash('success', 'Le référent est désactivé : il ne reçoit plus de saisines.')
      .redirect('/referents', 303);
  });

  app.post('/referents/:id/absences', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const id = parametreId(req);
    const lu = lireFormulaire(SaisieAbsence, req.body);
    if (!lu.ok) {
      const r = await service.consulterReferent(db, acteur, id);
      if (!r.modifiable) throw new AppError('interdit');
      const etat = { valeurs: valeursSaisies(req.body), erreurs: lu.erreurs };
      return sendPage(reply, <PageReferent ctx={contexte(req)} r={r} etatAbsence={etat} />, 422);
    }
    await service.ajouterAbsence(db, acteur, id, lu.donnees);
    return reply.flash('success', 'L’absence est enregistrée.').redirect(`/referents/${id}#absences`, 303);
  });

  app.post('/referents/:id/absences/:absence/supprimer', connecte, async (req, reply) => {
    const id = parametreId(req);
    await service.supprimerAbsence(db, acteurDe(req), id, parametreId(req, 'absence'));
    return reply.flash('success', 'L’absence est supprimée.').redirect(`/referents/${id}#absences`, 303);
  });

  // ---------- partners' offers at a site ----------

  app.get('/admin/sites/:id/offres-partenaires', connecte, async (req, reply) => {
    const o = await service.consulterOffresSite(db, acteurDe(req), parametreId(req));
    return sendPage(reply, <PageOffresSite ctx={contexte(req)} o={o} />);
  });

  app.get('/admin/sites/:id/offres-partenaires/:partenaire', connecte, async (req, reply) => {
    const o = await service.consulterOffre(db, acteurDe(req), parametreId(req), parametreId(req, 'partenaire'));
    const etat: EtatFormulaire = o.offre
      ? {
          valeurs: {
            modalites: o.offre.modalites,
            ...(o.offre.permanence ? { permanence: 'on' } : {}),
            ...(o.offre.rendezVous ? { rendezVous: 'on' } : {}),
            ...(o.offre.visio ? { visio: 'on' } : {}),
          },
          erreurs: {},
        }
      : formulaireVide;
    return sendPage(reply, <FormulaireOffre ctx={contexte(req)} o={o} etat={etat} />);
  });

  app.post('/admin/sites/:id/offres-partenaires/:partenaire', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const [siteId, partenaireId] = [parametreId(req), parametreId(req, 'partenaire')];
    const lu = lireFormulaire(SaisieOffre, req.body);
    if (!lu.ok) {
      const o = await service.consulterOffre(db, acteur, siteId, partenaireId);
      const etat = { valeurs: valeursSaisies(req.body), erreurs: lu.erreurs };
      return sendPage(reply, <FormulaireOffre ctx={contexte(req)} o={o} etat={etat} />, 422);
    }
    await service.enregistrerOffre(db, acteur, siteId, partenaireId, lu.donnees);
    return reply
      .flash('success', 'L’offre du partenaire est enregistrée.')
      .redirect(`/admin/sites/${siteId}/offres-partenaires`, 303);
  });

  app.post('/admin/sites/:id/offres-partenaires/:partenaire/supprimer', connecte, async (req, reply) => {
    const siteId = parametreId(req);
    await service.supprimerOffre(db, acteurDe(req), siteId, parametreId(req, 'partenaire'));
    return reply
      .flash('success', 'L’offre du partenaire est retirée.')
      .redirect(`/admin/sites/${siteId}/offres-partenaires`, 303);
  });

  // ---------- per-partner deadlines (national administration) ----------

  app.get('/admin/delais-partenaires', connecte, async (req, reply) => {
    const d = await service.consulterDelais(db, acteurDe(req));
    const valeurs = Object.fromEntries(d.delais.map((p) => [`delai-${p.id}`, p.jours === null ? '' : String(p.jours)]));
    return sendPage(reply, <PageDelais ctx={contexte(req)} d={d} etat={{ valeurs, erreurs: {} }} />);
  });

  app.post('/admin/delais-partenaires', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const r = await service.enregistrerDelais(db, acteur, req.body);
    if (!r.ok) {
      const d = await service.consulterDelais(db, acteur);
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(reply, <PageDelais ctx={contexte(req)} d={d} etat={etat} />, 422);
    }
    return reply.flash('success', 'Les délais des partenaires sont enregistrés.').redirect('/referents', 303);
  });
}
