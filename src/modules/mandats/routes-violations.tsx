import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe } from '../../platform/http/requete.ts';
import type { EtatFormulaire } from '../../ui/formulaire.tsx';
import { PageBrouillonCnil } from './views/violation-cnil.tsx';
import { valeurDateHeure } from './views/violation-commun.tsx';
import { type EtatsViolation, PageViolation } from './views/violation-fiche.tsx';
import { PageFormulaireViolation } from './views/violation-formulaire.tsx';
import { PageViolations } from './views/violation-liste.tsx';
import { fuseauViolation } from './violations-delai.ts';
import {
  brouillonNotification,
  cloreViolation,
  declarerViolation,
  exigerModification,
  ficheViolation,
  formulaireDeclaration,
  listeViolations,
  modifierViolation,
  nePasNotifierViolation,
  notifierViolation,
  type Resultat,
} from './violations-service.ts';

// The register of personal-data breaches (issue 14 point 7): the list, the declaration form, an entry's page with its
// countdown and its decisions (notified, not notified, closed), its edit form and the CNIL draft. POSTs answer with a
// redirect to the entry (Post/Redirect/Get) or, refused, with the page again (422 with the form's errors, 409 for a
// status that forbids the action).

const connecte = { config: { acces: 'connecte' as const } };
type Requete = FastifyRequest<{ Params: { id: string } }>;

export async function violationsRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  async function fiche(
    req: Requete,
    reply: FastifyReply,
    o: { etats?: EtatsViolation; erreur?: string; statut?: number } = {},
  ) {
    const vue = await ficheViolation(db, acteurDe(req), req.params.id, new Date());
    return sendPage(
      reply,
      <PageViolation ctx={contexte(req)} vue={vue} etats={o.etats} erreur={o.erreur} />,
      o.statut ?? 200,
    );
  }

  function refus(
    req: Requete,
    reply: FastifyReply,
    r: Exclude<Resultat, { ok: true }>,
    formulaire: keyof EtatsViolation,
  ) {
    if (r.statut === 409) return fiche(req, reply, { erreur: r.message, statut: 409 });
    const etat: EtatFormulaire = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
    return fiche(req, reply, { etats: { [formulaire]: etat }, statut: 422 });
  }

  app.get('/violations', connecte, async (req, reply) => {
    const vue = await listeViolations(db, acteurDe(req), new Date());
    return sendPage(reply, <PageViolations ctx={contexte(req)} vue={vue} />);
  });

  app.get('/violations/nouvelle', connecte, async (req, reply) => {
    const { niveaux } = await formulaireDeclaration(db, acteurDe(req));
    const etat = { valeurs: {}, erreurs: {} };
    return sendPage(
      reply,
      <PageFormulaireViolation ctx={contexte(req)} mode={{ type: 'declaration', niveaux }} etat={etat} />,
    );
  });

  app.post('/violations/nouvelle', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const r = await declarerViolation(db, acteur, req.body, new Date());
    if (!r.ok) {
      const { niveaux } = await formulaireDeclaration(db, acteur);
      const erreurs = r.statut === 422 ? r.erreurs : { niveau: r.message };
      const etat = { valeurs: valeursSaisies(req.body), erreurs };
      return sendPage(
        reply,
        <PageFormulaireViolation ctx={contexte(req)} mode={{ type: 'declaration', niveaux }} etat={etat} />,
        422,
      );
    }
    return reply
      .flash(
        'success',
        `Violation ${r.reference} inscrite au registre : le délai de 72 heures court depuis sa découverte.`,
      )
      .redirect(`/violations/${r.id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/violations/:id', connecte, async (req, reply) => fiche(req, reply));

  app.get<{ Params: { id: string } }>('/violations/:id/cnil', connecte, async (req, reply) => {
    const b = await brouillonNotification(db, acteurDe(req), req.params.id, new Date());
    return sendPage(reply, <PageBrouillonCnil ctx={contexte(req)} {...b} />);
  });

  app.get<{ Params: { id: string } }>('/violations/:id/modifier', connecte, async (req, reply) => {
    const v = await exigerModification(db, acteurDe(req), req.params.id);
    const fuseau = fuseauViolation(v.departement);
    const valeurs = {
      titre: v.titre,
      nature: v.nature,
      description: v.description,
      survenueLe: valeurDateHeure(v.survenueLe, fuseau),
      decouverteLe: valeurDateHeure(v.decouverteLe, fuseau),
      categoriesDonnees: v.categoriesDonnees,
      nombreEnregistrements: v.nombreEnregistrements?.toString() ?? '',
      categoriesPersonnes: v.categoriesPersonnes,
      nombrePersonnes: v.nombrePersonnes?.toString() ?? '',
      consequences: v.consequences ?? '',
      mesuresPrises: v.mesuresPrises,
      mesuresEnvisagees: v.mesuresEnvisagees ?? '',
      informationPersonnes: v.informationPersonnes ?? '',
    };
    const mode = {
      type: 'modification' as const,
      id: v.id,
      reference: v.reference,
      registre: v.structure ?? 'Niveau national',
    };
    return sendPage(reply, <PageFormulaireViolation ctx={contexte(req)} mode={mode} etat={{ valeurs, erreurs: {} }} />);
  });

  app.post<{ Params: { id: string } }>('/violations/:id/modifier', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const r = await modifierViolation(db, acteur, req.params.id, req.body, new Date());
    if (!r.ok && r.statut === 409) return fiche(req, reply, { erreur: r.message, statut: 409 });
    if (!r.ok) {
      const v = await exigerModification(db, acteur, req.params.id);
      const mode = {
        type: 'modification' as const,
        id: v.id,
        reference: v.reference,
        registre: v.structure ?? 'Niveau national',
      };
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(reply, <PageFormulaireViolation ctx={contexte(req)} mode={mode} etat={etat} />, 422);
    }
    return reply.flash('success', 'Violation mise à jour.').redirect(`/violations/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/violations/:id/notification', connecte, async (req, reply) => {
    const r = await notifierViolation(db, acteurDe(req), req.params.id, req.body, new Date());
    if (!r.ok) return refus(req, reply, r, 'notification');
    return reply.flash('success', 'Notification à la CNIL enregistrée.').redirect(`/violations/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/violations/:id/non-notification', connecte, async (req, reply) => {
    const r = await nePasNotifierViolation(db, acteurDe(req), req.params.id, req.body, new Date());
    if (!r.ok) return refus(req, reply, r, 'nonNotification');
    return reply
      .flash('success', 'Décision de ne pas notifier la CNIL enregistrée, avec son motif.')
      .redirect(`/violations/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/violations/:id/cloture', connecte, async (req, reply) => {
    const r = await cloreViolation(db, acteurDe(req), req.params.id, new Date());
    if (!r.ok) return refus(req, reply, r, 'notification');
    return reply
      .flash('success', 'Violation close : elle reste au registre.')
      .redirect(`/violations/${req.params.id}`, 303);
  });
}
