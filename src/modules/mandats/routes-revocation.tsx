import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { formaterDate } from '../../platform/formats/dates.ts';
import { AppError } from '../../platform/http/errors.ts';
import { valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe, parametreId } from '../../platform/http/requete.ts';
import { type EtatLien, enregistrerTraitementLien, TEXTES_LIEN } from '../../platform/liens/index.ts';
import { formulaireVide } from '../../ui/formulaire.tsx';
import { Layout } from '../../ui/layout.tsx';
import { actionsPdf } from './pdf-actions.ts';
import {
  actionsPourAgent,
  LIMITE_IP_HEURE,
  lireSaisieCode,
  MESSAGE_PAIRE_INCONNUE,
  mandatARevoquer,
  mandatDuLien,
  noterRemiseActions,
  OBJET_LIEN_REVOCATION,
  ouvrirParCode,
  type ResultatRevocation,
  revoquerParAgent,
  revoquerParCode,
  revoquerParLien,
} from './service-revocation.ts';
import { PageActionsAgent, PageRevocationAgent } from './views/revocation-agent.tsx';
import { PageFormulaireRevocation, PageMandatCitoyen, PageRevocationConfirmee } from './views/revocation-publique.tsx';

// Revoking a mandate (issue 14 point 3): the agent's confirmation page and POST (Post/Redirect/Get to the mandate,
// 409 when it is no longer in force); the public page (reference and code, no account, limited per IP and per
// reference: 429 with Retry-After), whose summary's button revokes with a 15-minute token; the page of the citizen
// link `mandat.revoquer` (`/l/:jeton`), whose button posts to `/mandats/revocation/lien`. And the list of actions
// done in the person's name, as a page and a PDF for the agent to hand over.

const connecte = { config: { acces: 'connecte' as const } };
const publique = { config: { acces: 'public' as const } };

const STATUTS_LIEN: Record<EtatLien, number> = { inconnu: 404, utilise: 410, expire: 410, revoque: 410 };

const MESSAGE_LIMITE = `Trop de tentatives en peu de temps (au plus ${LIMITE_IP_HEURE} par heure, et moins encore pour un même mandat). Pour votre sécurité, réessayez dans une heure, ou adressez-vous à l’espace France services où vous avez signé.`;

/** Citizen pages hold a secret (a token, a code's result): never cached, no Referer, not indexed. */
function prive(reply: FastifyReply) {
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  reply.header('x-robots-tag', 'noindex, nofollow');
}

function LienInutilisable({ req, etat }: { req: FastifyRequest; etat: EtatLien }) {
  const t = TEXTES_LIEN[etat];
  return (
    <Layout titre={t.titre} ctx={contexte(req)}>
      <h1>{t.titre}</h1>
      <p class="fr-text--lead">{t.explication}</p>
      <p>
        Vous pouvez révoquer votre mandat avec la référence et le code imprimés sur votre exemplaire, sur la page{' '}
        <a href="/mandats/revocation">Révoquer un mandat</a>.
      </p>
    </Layout>
  );
}

// Registered once per process (the registry is a module-level map); the request carries the dependencies.
enregistrerTraitementLien(OBJET_LIEN_REVOCATION, async ({ req, reply, lien, jeton, refuser }) => {
  const m = await mandatDuLien(req.server.deps.db, lien, new Date());
  if (!m) return refuser('inconnu');
  return sendPage(
    reply,
    <PageMandatCitoyen ctx={contexte(req)} m={m} action="/mandats/revocation/lien" champs={{ jeton }} />,
  );
});

export async function revocationRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;

  /** A refused or done revocation as the citizen sees it. */
  function confirmee(req: FastifyRequest, reply: FastifyReply, r: Extract<ResultatRevocation, { ok: true }>) {
    return sendPage(
      reply,
      <PageRevocationConfirmee ctx={contexte(req)} reference={r.reference} revoqueLe={r.revoqueLe} canal={r.canal} />,
    );
  }

  // ---------- the agent ----------

  app.get('/mandats/:id/revocation', connecte, async (req, reply) => {
    const m = await mandatARevoquer(db, acteurDe(req), parametreId(req), new Date());
    return sendPage(reply, <PageRevocationAgent ctx={contexte(req)} m={m} />);
  });

  app.post('/mandats/:id/revocation', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const id = parametreId(req);
    const r = await revoquerParAgent(db, config, acteur, id, new Date());
    if (!r.ok) {
      const m = await mandatARevoquer(db, acteur, id, new Date());
      return sendPage(reply, <PageRevocationAgent ctx={contexte(req)} m={m} erreur={r.message} />, 409);
    }
    const dit =
      r.canal === 'courriel'
        ? ' La personne en est informée par courriel.'
        : r.canal === 'sms'
          ? ' La personne en est informée par SMS.'
          : '';
    return reply
      .flash('success', `Le mandat ${r.reference} est révoqué depuis le ${r.revoqueLe}.${dit}`)
      .redirect(`/mandats/${id}`, 303);
  });

  app.get('/mandats/:id/actions', connecte, async (req, reply) => {
    const m = await actionsPourAgent(db, acteurDe(req), parametreId(req), new Date());
    return sendPage(reply, <PageActionsAgent ctx={contexte(req)} m={m} />);
  });

  app.get('/mandats/:id/actions.pdf', connecte, async (req, reply) => {
    const acteur = acteurDe(req);
    const maintenant = new Date();
    const m = await actionsPourAgent(db, acteur, parametreId(req), maintenant);
    const pdf = await actionsPdf(m, maintenant, formaterDate(maintenant, 'Europe/Paris', { dateStyle: 'long' }));
    await noterRemiseActions(db, acteur, m.id);
    return reply
      .type('application/pdf')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="actions-mandat-${m.reference}.pdf"`)
      .send(pdf);
  });

  // ---------- the citizen, with the reference and the code ----------

  app.get('/mandats/revocation', publique, async (req, reply) => {
    prive(reply);
    return sendPage(reply, <PageFormulaireRevocation ctx={contexte(req)} etat={formulaireVide} />);
  });

  app.post('/mandats/revocation', publique, async (req, reply) => {
    prive(reply);
    const corps = (req.body ?? {}) as Record<string, unknown>;
    // The summary page's button: its token stands for the code typed a moment ago.
    if (typeof corps.jeton === 'string') {
      const r = await revoquerParCode(db, config, corps.jeton.slice(0, 200), new Date());
      if (r.ok) return confirmee(req, reply, r);
      const etat = { valeurs: {}, erreurs: {} };
      return sendPage(reply, <PageFormulaireRevocation ctx={contexte(req)} etat={etat} erreur={r.message} />, 409);
    }
    const valeurs = { reference: valeursSaisies(req.body).reference };
    const lu = lireSaisieCode(req.body);
    if (!lu.ok) {
      return sendPage(
        reply,
        <PageFormulaireRevocation ctx={contexte(req)} etat={{ valeurs, erreurs: lu.erreurs }} />,
        422,
      );
    }
    const o = await ouvrirParCode(db, config, { ...lu.saisie, ip: req.ip }, new Date());
    if (!o.ok && o.raison === 'limite') {
      reply.header('retry-after', String(o.reessayerDans));
      throw new AppError('trop_de_requetes', MESSAGE_LIMITE);
    }
    if (!o.ok) {
      const etat = { valeurs, erreurs: {} };
      return sendPage(
        reply,
        <PageFormulaireRevocation ctx={contexte(req)} etat={etat} erreur={MESSAGE_PAIRE_INCONNUE} />,
        422,
      );
    }
    return sendPage(
      reply,
      <PageMandatCitoyen ctx={contexte(req)} m={o.vue} action="/mandats/revocation" champs={{ jeton: o.jeton }} />,
    );
  });

  // ---------- the citizen, through the link ----------

  app.post('/mandats/revocation/lien', publique, async (req, reply) => {
    prive(reply);
    const corps = (req.body ?? {}) as Record<string, unknown>;
    const jeton = typeof corps.jeton === 'string' ? corps.jeton.slice(0, 100) : '';
    const r = await revoquerParLien(db, config, jeton, new Date());
    if (r.ok) return confirmee(req, reply, r);
    if ('etat' in r) return sendPage(reply, <LienInutilisable req={req} etat={r.etat} />, STATUTS_LIEN[r.etat]);
    return reply.redirect(`/l/${jeton}`, 303);
  });
}
