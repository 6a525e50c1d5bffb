import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { lireFormulaire, valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId, retourSur } from '../../platform/http/requete.ts';
import { derniersCourriels } from '../../platform/messages/index.ts';
import { type EtatFormulaire, formulaireVide } from '../../ui/formulaire.tsx';
import { peutVoirAdministration, porteeDe } from '../portee/index.ts';
import { listerStructuresDansPortee } from '../structures/index.ts';
import { peutCreerUtilisateur } from './policy.ts';
import { finDeSessionProConnect, proconnectRoutes, versFinDeSessionProConnect } from './routes-proconnect.tsx';
import * as service from './service.ts';
import { effacerCookieSession, poserCookieSession } from './session.ts';
import {
  ChampsHabilitation,
  Connexion,
  CreationUtilisateur,
  DemandeReinitialisation,
  FiltreListe,
  Identite,
  NouveauMotDePasse,
} from './validation.ts';
import { PageConnexion } from './views/connexion.tsx';
import { PageCourriels } from './views/courriels.tsx';
import { PageMotDePasseOublie, PageNouveauMotDePasse } from './views/mot-de-passe.tsx';
import {
  type ChoixHabilitation,
  PageModifierUtilisateur,
  PageNouvelUtilisateur,
  PageUtilisateur,
  PageUtilisateurs,
} from './views/utilisateurs.tsx';

const MESSAGE_TROP_DE_TENTATIVES =
  'Trop de tentatives de connexion. Par sécurité, attendez 15 minutes avant de réessayer, ou choisissez un nouveau mot de passe avec « Mot de passe oublié ».';

function administrateur(req: FastifyRequest) {
  const acteur = acteurDe(req);
  if (!peutVoirAdministration(acteur)) throw new AppError('interdit');
  return acteur;
}

async function choixHabilitation(req: FastifyRequest): Promise<ChoixHabilitation> {
  const acteur = acteurDe(req);
  const { roles, partenaires } = await service.choixHabilitation(req.server.deps.db, acteur);
  const structures = roles.length > 0 ? await listerStructuresDansPortee(req.server.deps.db, porteeDe(acteur)) : [];
  return { roles, partenaires, structures };
}

async function pageUtilisateur(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  etatAjout: EtatFormulaire,
  status = 200,
) {
  const { db } = req.server.deps;
  const acteur = acteurDe(req);
  const { utilisateur, modifiable, habilitationsRetirables } = await service.consulterUtilisateur(db, acteur, id);
  const sitesParHabilitation = new Map<string, Array<{ id: string; nom: string }>>();
  for (const h of utilisateur.habilitations) {
    if (h.role === 'agent' && h.structureId && habilitationsRetirables.has(h.id)) {
      sitesParHabilitation.set(h.id, await service.sitesPourHabilitation(db, acteur, h.structureId));
    }
  }
  return sendPage(
    reply,
    <PageUtilisateur
      ctx={contexte(req)}
      utilisateur={utilisateur}
      libelles={await service.libellesHabilitations(db, utilisateur.habilitations)}
      modifiable={modifiable}
      retirables={habilitationsRetirables}
      choix={await choixHabilitation(req)}
      etatAjout={etatAjout}
      sitesParHabilitation={sitesParHabilitation}
    />,
    status,
  );
}

/** Sign-in, sign-out, password reset, and the administration of people. */
export async function comptesRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const publique = { config: { acces: 'public' as const } };
  const connecte = { config: { acces: 'connecte' as const } };
  const proconnect = Boolean(config.proconnect);

  await app.register(proconnectRoutes);

  app.get('/connexion', publique, async (req, reply) => {
    if (req.acteur) return reply.redirect('/tableau-de-bord', 303);
    const retour = retourSur((req.query as Record<string, unknown>).retour);
    return sendPage(
      reply,
      <PageConnexion ctx={contexte(req)} etat={formulaireVide} retour={retour} proconnect={proconnect} />,
    );
  });

  app.post('/connexion', publique, async (req, reply) => {
    const retour = retourSur((req.body as Record<string, unknown> | undefined)?.retour);
    const lu = lireFormulaire(Connexion, req.body);
    if (!lu.ok)
      return sendPage(
        reply,
        <PageConnexion ctx={contexte(req)} etat={lu} retour={retour} proconnect={proconnect} />,
        422,
      );
    const resultat = await service.connecter(
      db,
      lu.donnees.courriel,
      lu.donnees.motDePasse,
      req.ip,
      config.rolesSecondFacteur,
    );
    if (!resultat.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: {} };
      const trop = resultat.raison === 'trop_de_tentatives';
      req.log.info({ event: 'login_failed', reason: resultat.raison }, 'sign-in refused');
      const message = trop ? MESSAGE_TROP_DE_TENTATIVES : 'Adresse électronique ou mot de passe incorrect.';
      return sendPage(
        reply,
        <PageConnexion
          ctx={contexte(req)}
          etat={etat}
          retour={retour}
          erreurGenerale={message}
          proconnect={proconnect}
        />,
        trop ? 429 : 422,
      );
    }
    if (req.jetonSession) await service.deconnecter(db, req.jetonSession);
    poserCookieSession(req, reply, resultat.jetonSession);
    if (resultat.secondFacteur !== 'aucun') {
      // Password right, second factor due: a pending session that opens only these pages (routes-totp.tsx).
      req.log.info({ event: 'login_password_ok', userId: resultat.utilisateurId }, 'second factor due');
      const page = resultat.secondFacteur === 'code' ? '/connexion/second-facteur' : '/compte/second-facteur';
      return reply.redirect(`${page}?retour=${encodeURIComponent(retour)}`, 303);
    }
    req.log.info({ event: 'login', userId: resultat.utilisateurId }, 'signed in');
    return reply.redirect(retour, 303);
  });

  app.post('/deconnexion', publique, async (req, reply) => {
    // A ProConnect session goes on to ProConnect's end-session endpoint (ADR 0032), read before the session is gone.
    const finProConnect = await finDeSessionProConnect(req, reply);
    if (req.jetonSession) await service.deconnecter(db, req.jetonSession);
    effacerCookieSession(req, reply);
    if (finProConnect) return versFinDeSessionProConnect(req, reply, finProConnect);
    return reply.flash('success', 'Vous êtes déconnecté.').redirect('/connexion', 303);
  });

  app.get('/mot-de-passe-oublie', publique, async (req, reply) =>
    sendPage(reply, <PageMotDePasseOublie ctx={contexte(req)} etat={formulaireVide} envoye={false} />),
  );

  app.post('/mot-de-passe-oublie', publique, async (req, reply) => {
    const lu = lireFormulaire(DemandeReinitialisation, req.body);
    if (!lu.ok) return sendPage(reply, <PageMotDePasseOublie ctx={contexte(req)} etat={lu} envoye={false} />, 422);
    const r = await service.demanderReinitialisation(db, lu.donnees.courriel, req.ip, config);
    if (!r.ok)
      throw new AppError('trop_de_requetes', 'Trop de demandes de réinitialisation. Réessayez dans une heure.');
    return sendPage(reply, <PageMotDePasseOublie ctx={contexte(req)} etat={formulaireVide} envoye />);
  });

  app.get('/mot-de-passe/nouveau', publique, async (req, reply) => {
    const jeton = String((req.query as Record<string, unknown>).jeton ?? '').slice(0, 100);
    const valide = jeton.length >= 20 && (await service.lienValide(db, jeton));
    return sendPage(
      reply,
      <PageNouveauMotDePasse ctx={contexte(req)} etat={formulaireVide} jeton={jeton} valide={valide} />,
      valide ? 200 : 410,
    );
  });

  app.post('/mot-de-passe/nouveau', publique, async (req, reply) => {
    const lu = lireFormulaire(NouveauMotDePasse, req.body);
    const jeton = String((req.body as Record<string, unknown> | undefined)?.jeton ?? '').slice(0, 100);
    if (!lu.ok) {
      const valide = jeton.length >= 20 && (await service.lienValide(db, jeton));
      return sendPage(
        reply,
        <PageNouveauMotDePasse ctx={contexte(req)} etat={lu} jeton={jeton} valide={valide} />,
        valide ? 422 : 410,
      );
    }
    if (!(await service.definirMotDePasse(db, lu.donnees.jeton, lu.donnees.motDePasse))) {
      return sendPage(
        reply,
        <PageNouveauMotDePasse ctx={contexte(req)} etat={formulaireVide} jeton="" valide={false} />,
        410,
      );
    }
    return reply
      .flash('success', 'Votre mot de passe est enregistré. Vous pouvez vous connecter.')
      .redirect('/connexion', 303);
  });

  // ---------- people ----------

  app.get('/admin/utilisateurs', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const filtre = FiltreListe.parse(req.query ?? {});
    const utilisateurs = await service.listerUtilisateurs(db, acteur, {
      recherche: filtre.q,
      inclureInactifs: filtre.inactifs,
    });
    const libelles = await service.libellesHabilitations(
      db,
      utilisateurs.flatMap((u) => u.habilitations),
    );
    return sendPage(
      reply,
      <PageUtilisateurs
        ctx={contexte(req)}
        utilisateurs={utilisateurs}
        libelles={libelles}
        q={filtre.q ?? ''}
        inactifs={filtre.inactifs ?? false}
        peutCreer={peutCreerUtilisateur(acteur)}
      />,
    );
  });

  app.get('/admin/utilisateurs/nouveau', connecte, async (req, reply) => {
    if (!peutCreerUtilisateur(administrateur(req))) throw new AppError('interdit');
    return sendPage(
      reply,
      <PageNouvelUtilisateur ctx={contexte(req)} etat={formulaireVide} choix={await choixHabilitation(req)} />,
    );
  });

  app.post('/admin/utilisateurs', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    if (!peutCreerUtilisateur(acteur)) throw new AppError('interdit');
    const lu = lireFormulaire(CreationUtilisateur, req.body);
    const r = lu.ok ? await service.creerUtilisateur(db, acteur, lu.donnees, config) : lu;
    if (!r.ok) {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(
        reply,
        <PageNouvelUtilisateur ctx={contexte(req)} etat={etat} choix={await choixHabilitation(req)} />,
        422,
      );
    }
    return reply
      .flash('success', 'Le compte est créé ; une invitation a été envoyée par courriel.')
      .redirect(`/admin/utilisateurs/${r.id}`, 303);
  });

  app.get('/admin/utilisateurs/:id', connecte, async (req, reply) => {
    administrateur(req);
    return pageUtilisateur(req, reply, parametreId(req), formulaireVide);
  });

  app.get('/admin/utilisateurs/:id/modifier', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    const { utilisateur, modifiable } = await service.consulterUtilisateur(db, acteur, id);
    if (!modifiable) throw new AppError('interdit');
    const etat = {
      valeurs: { prenom: utilisateur.prenom, nom: utilisateur.nom, courriel: utilisateur.courriel },
      erreurs: {},
    };
    return sendPage(reply, <PageModifierUtilisateur ctx={contexte(req)} etat={etat} id={id} />);
  });

  app.post('/admin/utilisateurs/:id', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    // Out of scope → 404, visible but not editable → 403, before looking at what was typed.
    if (!(await service.consulterUtilisateur(db, acteur, id)).modifiable) throw new AppError('interdit');
    const lu = lireFormulaire(Identite, req.body);
    const r = lu.ok ? await service.modifierUtilisateur(db, acteur, id, lu.donnees) : lu;
    if (!r.ok) {
      return sendPage(
        reply,
        <PageModifierUtilisateur
          ctx={contexte(req)}
          etat={{ valeurs: valeursSaisies(req.body), erreurs: r.erreurs }}
          id={id}
        />,
        422,
      );
    }
    return reply.flash('success', 'Les informations sont enregistrées.').redirect(`/admin/utilisateurs/${id}`, 303);
  });

  for (const [chemin, actif] of [
    ['desactiver', false],
    ['reactiver', true],
  ] as const) {
    app.post(`/admin/utilisateurs/:id/${chemin}`, connecte, async (req, reply) => {
      const id = parametreId(req);
      await service.changerActivation(db, administrateur(req), id, actif);
      const message = actif ? 'Le compte est réactivé.' : 'Le compte est désactivé et ses sessions sont fermées.';
      return reply.flash('success', message).redirect(`/admin/utilisateurs/${id}`, 303);
    });
  }

  app.post('/admin/utilisateurs/:id/habilitations', connecte, async (req, reply) => {
    const acteur = administrateur(req);
    const id = parametreId(req);
    const lu = lireFormulaire(ChampsHabilitation, req.body);
    const r = lu.ok ? await service.ajouterHabilitation(db, acteur, id, lu.donnees) : lu;
    if (!r.ok) return pageUtilisateur(req, reply, id, { valeurs: valeursSaisies(req.body), erreurs: r.erreurs }, 422);
    return reply.flash('success', 'Le rôle est ajouté.').redirect(`/admin/utilisateurs/${id}`, 303);
  });

  app.post('/admin/utilisateurs/:id/habilitations/:habilitation/retirer', connecte, async (req, reply) => {
    const id = parametreId(req);
    const r = await service.retirerHabilitation(db, administrateur(req), id, parametreId(req, 'habilitation'));
    if (!r.ok) return reply.flash('error', r.message).redirect(`/admin/utilisateurs/${id}`, 303);
    return reply.flash('success', 'Le rôle est retiré.').redirect(`/admin/utilisateurs/${id}`, 303);
  });

  app.post('/admin/utilisateurs/:id/habilitations/:habilitation/sites', connecte, async (req, reply) => {
    const id = parametreId(req);
    const lu = lireFormulaire(ChampsHabilitation.pick({ siteIds: true }), req.body);
    if (!lu.ok) return reply.flash('error', 'Un site choisi est inconnu.').redirect(`/admin/utilisateurs/${id}`, 303);
    const r = await service.definirSitesAgent(
      db,
      administrateur(req),
      id,
      parametreId(req, 'habilitation'),
      lu.donnees.siteIds,
    );
    if (!r.ok) return reply.flash('error', r.message).redirect(`/admin/utilisateurs/${id}`, 303);
    return reply.flash('success', 'Les sites de l’agent sont enregistrés.').redirect(`/admin/utilisateurs/${id}`, 303);
  });

  if (!config.production) {
    app.get('/dev/courriels', { config: { acces: 'dev' } }, async (req, reply) =>
      sendPage(reply, <PageCourriels ctx={contexte(req)} courriels={await derniersCourriels(db, config)} />),
    );
  }
}
