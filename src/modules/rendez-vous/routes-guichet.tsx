import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { introuvable } from '../../platform/http/errors.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import type { EtatFormulaire } from '../../ui/formulaire.tsx';
import { MESSAGE_PRIS } from './service.ts';
import * as service from './service-guichet.ts';
import {
  RequeteAgenda,
  RequeteApres,
  RequeteMandat,
  RequeteNouveau,
  SaisieAnnulationSite,
  SaisieDeplacement,
  SaisieGuichet,
} from './validation-guichet.ts';
import { dateEtHeure } from './views/commun.tsx';
import { PageAgenda } from './views/guichet-agenda.tsx';
import { PageDeplacer, PageFiche } from './views/guichet-fiche.tsx';
import { PageChoixMotif, PageFormulaireGuichet, PageProchainsCreneaux } from './views/guichet-reservation.tsx';

// The desk's appointment pages (issue 11): the site's agenda, assisted booking (motif → slot → name → "Réserver"),
// an appointment's page, its move and its cancellation by the site. Staff only; a site or appointment outside the
// actor's scope is a 404, on GET and POST alike.

const MOTIF_INCONNU = 'Ce motif de rendez-vous n’existe pas pour ce lieu : choisissez-en un dans la liste.';
const PLUS_MODIFIABLE = 'Ce rendez-vous ne peut plus être déplacé : il est passé ou n’est plus réservé.';

export async function rendezVousGuichetRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const connecte = { config: { acces: 'connecte' as const } };
  const rdvId = (req: FastifyRequest) => parametreId(req, 'rdv');

  app.get('/sites/:id/rendez-vous', connecte, async (req, reply) => {
    const lu = lireFormulaire(RequeteAgenda, req.query);
    const jour = lu.ok ? lu.donnees.jour : undefined;
    const vue = await service.agendaDuSite(db, acteurDe(req), parametreId(req), jour, new Date());
    const etat: EtatFormulaire = lu.ok ? { valeurs: { jour: vue.jour }, erreurs: {} } : lu;
    return sendPage(reply, <PageAgenda ctx={contexte(req)} {...vue} etat={etat} />, lu.ok ? 200 : 422);
  });

  /** The next free slots of the motif, from `apres`. */
  async function prochains(site: service.SiteDuGuichet, motif: service.MotifGuichet, apres?: Date) {
    const r = await service.prochainsAuGuichet(db, site, motif.id, apres);
    return r.ok ? r : { creneaux: [], suite: null };
  }

  app.get('/sites/:id/rendez-vous/nouveau', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const { site, motifs, liens } = await service.motifsDuGuichet(db, acteur, parametreId(req));
    const lu = lireFormulaire(RequeteNouveau, req.query);
    const ctx = contexte(req);
    const demande = lu.ok ? lu.donnees : {};
    // Under a mandate (issue 14), `?mandat=` is carried from the motif to the slot to the form.
    const { mandat } = RequeteMandat.parse(req.query ?? {});
    const motifDemande = (req.query as Record<string, unknown> | undefined)?.motif;
    if (!motifDemande) {
      return sendPage(reply, <PageChoixMotif ctx={ctx} site={site} motifs={motifs} liens={liens} mandat={mandat} />);
    }
    const motif = motifs.find((m) => m.id === motifDemande);
    if (!motif) {
      return sendPage(
        reply,
        <PageChoixMotif ctx={ctx} site={site} motifs={motifs} liens={liens} erreur={MOTIF_INCONNU} mandat={mandat} />,
        422,
      );
    }
    if (!lu.ok) {
      const { creneaux, suite } = await prochains(site, motif);
      const erreur = Object.values(lu.erreurs).join(' ');
      const page = (
        <PageProchainsCreneaux
          ctx={ctx}
          site={site}
          motif={motif}
          creneaux={creneaux}
          suite={suite}
          erreur={erreur}
          mandat={mandat}
        />
      );
      return sendPage(reply, page, 422);
    }
    if (demande.debut) {
      const sousMandat = await service.mandatDuGuichet(db, acteur, site, mandat);
      // The person's name and contact are those of their record, when the booking is made in their name.
      const c = sousMandat?.citoyen;
      const valeurs = c
        ? {
            nom: `${c.prenom} ${c.nom}`,
            courriel: c.courriel ?? '',
            telephone: c.telephone ?? '',
            mandat: sousMandat.id,
          }
        : {};
      const etat = { valeurs, erreurs: {} };
      return sendPage(
        reply,
        <PageFormulaireGuichet
          ctx={ctx}
          site={site}
          motif={motif}
          debut={demande.debut}
          etat={etat}
          mandat={sousMandat}
        />,
      );
    }
    const { creneaux, suite } = await prochains(site, motif, demande.apres);
    return sendPage(
      reply,
      <PageProchainsCreneaux ctx={ctx} site={site} motif={motif} creneaux={creneaux} suite={suite} mandat={mandat} />,
    );
  });

  app.post('/sites/:id/rendez-vous', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const { site, motifs, liens } = await service.motifsDuGuichet(db, acteur, parametreId(req));
    const ctx = contexte(req);
    const corps = (req.body ?? {}) as Record<string, unknown>;
    const motif = motifs.find((m) => m.id === corps.motif);
    if (!motif) {
      return sendPage(
        reply,
        <PageChoixMotif ctx={ctx} site={site} motifs={motifs} liens={liens} erreur={MOTIF_INCONNU} />,
        422,
      );
    }
    const valeurs = valeursSaisies(req.body);
    const lu = lireFormulaire(SaisieGuichet, req.body);
    const debutLu = SaisieDeplacement.safeParse({ debut: corps.debut });
    const debut = debutLu.success ? debutLu.data.debut : null;
    /** The form again, with the next free slots to choose from when the slot is the problem. */
    const formulaire = async (erreurs: Record<string, string>, status: number) => {
      const autres = erreurs.debut ? (await prochains(site, motif)).creneaux : undefined;
      const { mandat } = RequeteMandat.parse(corps);
      const sousMandat = await service.mandatDuGuichet(db, acteur, site, mandat);
      const page = (
        <PageFormulaireGuichet
          ctx={ctx}
          site={site}
          motif={motif}
          debut={debut}
          etat={{ valeurs, erreurs }}
          autres={autres}
          mandat={sousMandat}
        />
      );
      return sendPage(reply, page, status);
    };
    if (!lu.ok) return formulaire(lu.erreurs, 422);
    const r = await service.reserverAuGuichet(db, config, acteur, site.id, lu.donnees);
    if (!r.ok && r.raison === 'pris') return formulaire({ debut: MESSAGE_PRIS }, 409);
    if (!r.ok) {
      const erreurs = r.erreurs ?? { debut: 'Ce créneau n’est pas disponible : choisissez-en un autre.' };
      if (erreurs.motif || erreurs.site) {
        const erreur = erreurs.motif ?? erreurs.site;
        return sendPage(
          reply,
          <PageChoixMotif ctx={ctx} site={site} motifs={motifs} liens={liens} erreur={erreur} />,
          422,
        );
      }
      return formulaire(erreurs, 422);
    }
    const quand = dateEtHeure(r.rdv.debut, r.rdv.fuseau);
    reply.flash('success', `Rendez-vous réservé pour ${lu.donnees.nom} le ${quand}.`);
    return reply.redirect(`/sites/${site.id}/rendez-vous/${r.rdv.id}`, 303);
  });

  app.get('/sites/:id/rendez-vous/:rdv', connecte, async (req, reply) => {
    const fiche = await service.ficheRendezVous(db, acteurDe(req), parametreId(req), rdvId(req), new Date());
    return sendPage(reply, <PageFiche ctx={contexte(req)} {...fiche} />);
  });

  /** The move page: the next slots of the motif from `apres`, with an error when there is one. */
  async function pageDeplacer(
    req: FastifyRequest,
    reply: FastifyReply,
    options: { apres?: Date; erreur?: string; status?: number } = {},
  ) {
    const vue = await service.creneauxDeDeplacement(
      db,
      acteurDe(req),
      parametreId(req),
      rdvId(req),
      options.apres,
      new Date(),
    );
    const liste = vue.creneaux?.ok ? vue.creneaux : { creneaux: [], suite: null };
    const erreur = options.erreur ?? (vue.modifiable ? undefined : PLUS_MODIFIABLE);
    const page = (
      <PageDeplacer
        ctx={contexte(req)}
        site={vue.site}
        rdv={vue.rdv}
        creneaux={liste.creneaux}
        suite={liste.suite}
        erreur={erreur}
      />
    );
    return sendPage(reply, page, options.status ?? (vue.modifiable ? 200 : 409));
  }

  app.get('/sites/:id/rendez-vous/:rdv/deplacer', connecte, async (req, reply) => {
    const lu = lireFormulaire(RequeteApres, req.query);
    if (!lu.ok) return pageDeplacer(req, reply, { erreur: Object.values(lu.erreurs).join(' '), status: 422 });
    return pageDeplacer(req, reply, { apres: lu.donnees.apres });
  });

  app.post('/sites/:id/rendez-vous/:rdv/deplacer', connecte, async (req, reply) => {
    const siteId = parametreId(req);
    const id = rdvId(req);
    const lu = lireFormulaire(SaisieDeplacement, req.body);
    if (!lu.ok) {
      // Checked within the scope first: outside it, the answer is the same 404 as for a valid form.
      await service.ficheRendezVous(db, acteurDe(req), siteId, id, new Date());
      return pageDeplacer(req, reply, { erreur: lu.erreurs.debut, status: 422 });
    }
    const r = await service.deplacerAuGuichet(db, config, acteurDe(req), siteId, id, lu.donnees.debut);
    if (!r.ok) {
      if (r.raison === 'introuvable') introuvable();
      const erreur = r.raison === 'passe' ? PLUS_MODIFIABLE : (r.erreurs?.debut ?? MESSAGE_PRIS);
      return pageDeplacer(req, reply, { erreur, status: r.raison === 'invalide' ? 422 : 409 });
    }
    reply.flash('success', `Rendez-vous déplacé au ${dateEtHeure(r.rdv.debut, r.rdv.fuseau)}.`);
    return reply.redirect(`/sites/${siteId}/rendez-vous/${id}`, 303);
  });

  app.post('/sites/:id/rendez-vous/:rdv/annuler', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const siteId = parametreId(req);
    const id = rdvId(req);
    const lu = lireFormulaire(SaisieAnnulationSite, req.body);
    if (!lu.ok) {
      const fiche = await service.ficheRendezVous(db, acteur, siteId, id, new Date());
      return sendPage(reply, <PageFiche ctx={contexte(req)} {...fiche} etat={lu} />, 422);
    }
    const r = await service.annulerAuGuichet(db, config, acteur, siteId, id, lu.donnees.raison);
    if (!r.ok && r.raison === 'introuvable') introuvable();
    if (!r.ok) reply.flash('error', 'Ce rendez-vous ne peut plus être annulé : il est passé ou n’est plus réservé.');
    else if (r.dejaAnnule)
      reply.flash('info', 'Ce rendez-vous était déjà annulé : aucun nouveau message n’est envoyé.');
    else reply.flash('success', 'Rendez-vous annulé. La personne en est prévenue si elle a laissé ses coordonnées.');
    return reply.redirect(`/sites/${siteId}/rendez-vous/${id}`, 303);
  });
}
