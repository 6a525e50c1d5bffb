import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError } from '../../platform/http/errors.ts';
import { lireFormulaire } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, retourSur } from '../../platform/http/requete.ts';
import { type EtatFormulaire, formulaireVide } from '../../ui/formulaire.tsx';
import type { Acteur } from '../portee/index.ts';
import { acteurDuJeton } from './service.ts';
import { effacerCookieSession, poserCookieSession } from './session.ts';
import { secondFacteurExigePour } from './totp.ts';
import * as service from './totp-service.ts';
import { Activation, CodeConnexion, Desactivation, Regeneration } from './totp-validation.ts';
import { PageConnexion } from './views/connexion.tsx';
import { PageCodesSecours, PageEnrolement, PageFacteurActif, PageSansMotDePasse } from './views/totp-compte.tsx';
import { PageCodeConnexion } from './views/totp-connexion.tsx';

const CODE_INCORRECT =
  'Code incorrect. Saisissez le code affiché maintenant par votre application ; vérifiez que l’heure de votre téléphone est juste.';
const CODE_REJOUE =
  'Ce code a déjà servi. Attendez le code suivant de votre application (il change toutes les 30 secondes).';
const TROP_DE_CODES =
  'Trop de codes incorrects : par sécurité, la connexion est annulée. Reconnectez-vous avec votre mot de passe ; après plusieurs échecs, attendez 15 minutes.';
const TROP_DE_CODES_COMPTE = 'Trop de codes incorrects. Par sécurité, attendez 15 minutes avant de réessayer.';
const CONNEXION_EXPIREE = 'Votre connexion a expiré. Saisissez de nouveau votre adresse et votre mot de passe.';

/**
 * The TOTP second factor (issue 15, ADR 0032): the code asked after a right password, and the account page where a
 * person enrols, renews recovery codes or disables it. A pending session (password right, code due) has no actor:
 * these pages, declared public, load it themselves, and it opens nothing else.
 */
export async function totpRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const publique = { config: { acces: 'public' as const } };
  const connecte = { config: { acces: 'connecte' as const } };

  const attente = async (req: FastifyRequest) =>
    req.jetonSession && !req.acteur ? service.attenteDuJeton(db, req.jetonSession) : null;

  /** Hands the browser the full session that replaces the pending one, and shows the page as signed in. */
  async function ouvrirSession(req: FastifyRequest, reply: FastifyReply, jeton: string) {
    poserCookieSession(req, reply, jeton);
    req.acteur = await acteurDuJeton(db, jeton);
  }

  // ---------- the code after the password ----------

  app.get('/connexion/second-facteur', publique, async (req, reply) => {
    const retour = retourSur((req.query as Record<string, unknown>).retour);
    if (req.acteur) return reply.redirect(retour, 303);
    const a = await attente(req);
    if (!a) return reply.redirect('/connexion', 303);
    if ((await service.etapeDe(db, a, config)) !== 'code')
      return reply.redirect(`/compte/second-facteur?retour=${encodeURIComponent(retour)}`, 303);
    return sendPage(reply, <PageCodeConnexion ctx={contexte(req)} etat={formulaireVide} retour={retour} />);
  });

  app.post('/connexion/second-facteur', publique, async (req, reply) => {
    const retour = retourSur((req.body as Record<string, unknown> | undefined)?.retour);
    if (req.acteur) return reply.redirect(retour, 303);
    const a = await attente(req);
    if (!a) {
      effacerCookieSession(req, reply);
      return reply.flash('error', CONNEXION_EXPIREE).redirect('/connexion', 303);
    }
    if ((await service.etapeDe(db, a, config)) !== 'code')
      return reply.redirect(`/compte/second-facteur?retour=${encodeURIComponent(retour)}`, 303);
    const lu = lireFormulaire(CodeConnexion, req.body);
    if (!lu.ok) return sendPage(reply, <PageCodeConnexion ctx={contexte(req)} etat={lu} retour={retour} />, 422);
    const r = await service.verifierCodeConnexion(db, config, a, lu.donnees.code);
    if (!r.ok) {
      req.log.info({ event: 'second_factor_failed', reason: r.raison, userId: a.utilisateurId }, 'code refused');
      if (r.raison === 'trop_de_tentatives' || r.raison === 'expiree') {
        effacerCookieSession(req, reply);
        if (r.raison === 'expiree') return reply.flash('error', CONNEXION_EXPIREE).redirect('/connexion', 303);
        return sendPage(
          reply,
          <PageConnexion ctx={contexte(req)} etat={formulaireVide} retour={retour} erreurGenerale={TROP_DE_CODES} />,
          429,
        );
      }
      const etat = { valeurs: {}, erreurs: { code: r.raison === 'rejoue' ? CODE_REJOUE : CODE_INCORRECT } };
      return sendPage(reply, <PageCodeConnexion ctx={contexte(req)} etat={etat} retour={retour} />, 422);
    }
    poserCookieSession(req, reply, r.jetonSession);
    req.log.info({ event: 'login', userId: a.utilisateurId, secondFactor: true }, 'signed in');
    if (r.codesSecoursRestants !== null) {
      const n = r.codesSecoursRestants;
      const reste =
        n === 0 ? 'Il ne vous reste aucun code de secours' : `Il vous reste ${n} code${n > 1 ? 's' : ''} de secours`;
      reply.flash(
        n <= 3 ? 'warning' : 'info',
        `Code de secours accepté : il ne servira plus. ${reste}${n <= 3 ? ' : obtenez-en de nouveaux depuis la page « Validation en deux étapes » (/compte/second-facteur).' : '.'}`,
      );
    }
    return reply.redirect(retour, 303);
  });

  // ---------- the account page: enrolment and management ----------

  /** The person the account page is about: the signed-in actor, or a pending sign-in that must enrol first. */
  async function titulaire(req: FastifyRequest, reply: FastifyReply, retour: string) {
    if (req.acteur) return { acteur: acteurDe(req), attente: null };
    const a = await attente(req);
    if (!a) throw new AppError('non_authentifie');
    if ((await service.etapeDe(db, a, config)) === 'code') {
      reply.redirect(`/connexion/second-facteur?retour=${encodeURIComponent(retour)}`, 303);
      return null;
    }
    return { acteur: null, attente: a };
  }

  async function pageCompte(
    req: FastifyRequest,
    reply: FastifyReply,
    acteur: Acteur,
    etat: EtatFormulaire,
    status = 200,
  ) {
    const roles = acteur.habilitations.map((h) => h.role);
    const e = await service.etatFacteur(db, config, acteur.id, roles);
    if (!e.motDePasse) return sendPage(reply, <PageSansMotDePasse ctx={contexte(req)} />, status);
    if (e.actif) {
      return sendPage(
        reply,
        <PageFacteurActif
          ctx={contexte(req)}
          etat={etat}
          activeLe={e.activeLe}
          codesSecoursRestants={e.codesSecoursRestants}
          exige={e.exige}
        />,
        status,
      );
    }
    return null;
  }

  app.get('/compte/second-facteur', publique, async (req, reply) => {
    const retour = retourSur((req.query as Record<string, unknown>).retour);
    const t = await titulaire(req, reply, retour);
    if (!t) return reply;
    if (t.acteur) {
      const page = await pageCompte(req, reply, t.acteur, formulaireVide);
      if (page) return page;
    }
    const uid = t.acteur?.id ?? t.attente?.utilisateurId ?? '';
    const enrolement = await service.commencerEnrolement(
      db,
      config,
      uid,
      t.acteur?.courriel ?? t.attente?.courriel ?? '',
    );
    if (!enrolement) return reply.redirect('/compte/second-facteur', 303);
    return sendPage(
      reply,
      <PageEnrolement
        ctx={contexte(req)}
        etat={formulaireVide}
        enrolement={enrolement}
        exigeALaConnexion={Boolean(t.attente)}
        retour={retour}
      />,
    );
  });

  app.post('/compte/second-facteur', publique, async (req, reply) => {
    const retour = retourSur((req.body as Record<string, unknown> | undefined)?.retour);
    const t = await titulaire(req, reply, retour);
    if (!t) return reply;
    const uid = t.acteur?.id ?? t.attente?.utilisateurId ?? '';
    const courriel = t.acteur?.courriel ?? t.attente?.courriel ?? '';
    const lu = lireFormulaire(Activation, req.body);
    const r = lu.ok ? await service.activerFacteur(db, config, uid, lu.donnees.code, t.attente) : null;
    if (r?.ok) {
      req.log.info({ event: 'second_factor_enabled', userId: uid }, 'TOTP enabled');
      if (r.jetonSession) await ouvrirSession(req, reply, r.jetonSession);
      return sendPage(
        reply,
        <PageCodesSecours
          ctx={contexte(req)}
          codes={r.codesSecours}
          suite={t.attente ? retour : '/compte/second-facteur'}
        />,
      );
    }
    if (r?.raison === 'expiree') {
      effacerCookieSession(req, reply);
      return reply.flash('error', CONNEXION_EXPIREE).redirect('/connexion', 303);
    }
    if (r?.raison === 'deja_actif')
      return reply.redirect(`/compte/second-facteur?retour=${encodeURIComponent(retour)}`, 303);
    const enrolement = await service.enrolementEnCours(db, config, uid, courriel);
    if (!enrolement) return reply.redirect(`/compte/second-facteur?retour=${encodeURIComponent(retour)}`, 303);
    const etat = lu.ok ? { valeurs: {}, erreurs: { code: CODE_INCORRECT } } : { valeurs: {}, erreurs: lu.erreurs };
    return sendPage(
      reply,
      <PageEnrolement
        ctx={contexte(req)}
        etat={etat}
        enrolement={enrolement}
        exigeALaConnexion={Boolean(t.attente)}
        retour={retour}
      />,
      422,
    );
  });

  const messageReauthentification = (raison: 'code' | 'rejoue' | 'trop_de_tentatives') =>
    raison === 'rejoue' ? CODE_REJOUE : raison === 'trop_de_tentatives' ? TROP_DE_CODES_COMPTE : CODE_INCORRECT;

  app.post('/compte/second-facteur/codes-secours', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const lu = lireFormulaire(Regeneration, req.body);
    const r = lu.ok ? await service.regenererCodesSecours(db, config, acteur.id, lu.donnees.codeRegeneration) : null;
    if (r?.ok) {
      req.log.info({ event: 'recovery_codes_renewed', userId: acteur.id }, 'recovery codes renewed');
      return sendPage(
        reply,
        <PageCodesSecours ctx={contexte(req)} codes={r.codesSecours} suite="/compte/second-facteur" />,
      );
    }
    const etat = r
      ? { valeurs: {}, erreurs: { codeRegeneration: messageReauthentification(r.raison) } }
      : lu.ok
        ? formulaireVide
        : { valeurs: {}, erreurs: lu.erreurs };
    const page = await pageCompte(req, reply, acteur, etat, r?.raison === 'trop_de_tentatives' ? 429 : 422);
    return page ?? reply.redirect('/compte/second-facteur', 303);
  });

  app.post('/compte/second-facteur/desactiver', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    if (
      secondFacteurExigePour(
        acteur.habilitations.map((h) => h.role),
        config.rolesSecondFacteur,
      )
    )
      throw new AppError(
        'interdit',
        'La validation en deux étapes est obligatoire pour votre rôle : elle ne peut pas être désactivée.',
      );
    const lu = lireFormulaire(Desactivation, req.body);
    const r = lu.ok ? await service.desactiverFacteur(db, config, acteur, lu.donnees.codeDesactivation) : null;
    if (r?.ok) {
      req.log.info({ event: 'second_factor_disabled', userId: acteur.id }, 'TOTP disabled');
      return reply
        .flash('success', 'La validation en deux étapes est désactivée.')
        .redirect('/compte/second-facteur', 303);
    }
    if (r?.raison === 'exige') throw new AppError('interdit');
    const etat = r
      ? { valeurs: {}, erreurs: { codeDesactivation: messageReauthentification(r.raison) } }
      : lu.ok
        ? formulaireVide
        : { valeurs: {}, erreurs: lu.erreurs };
    const page = await pageCompte(req, reply, acteur, etat, r?.raison === 'trop_de_tentatives' ? 429 : 422);
    return page ?? reply.redirect('/compte/second-facteur', 303);
  });
}
