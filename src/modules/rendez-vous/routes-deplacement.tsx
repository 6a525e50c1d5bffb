import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { EtatLien, OuvertureLien } from '../../platform/liens/index.ts';
import { MESSAGE_PRIS } from './service.ts';
import { creneauxDuLien, deplacerParLien } from './service-deplacement.ts';
import { rendezVousDuLien } from './service-usager.ts';
import { RequeteApres, SaisieDeplacement } from './validation-guichet.ts';
import { PageLienInutilisable } from './views/annulation.tsx';
import { dateEtHeure } from './views/commun.tsx';
import { PageAutreHoraire } from './views/deplacement.tsx';

// The citizen moves their appointment through the link of their confirmation (issue 11): `/l/<jeton>?horaire=autre`
// lists the next free slots of the same online motif, `POST /rendez-vous/deplacement` moves it in place. The link is
// not used up: it keeps working until the new start, for another move or a cancellation.

/** The link was opened to choose another time (`?horaire=autre`), rather than to cancel. */
export function demandeAutreHoraire(req: FastifyRequest): boolean {
  return (req.query as Record<string, unknown> | undefined)?.horaire === 'autre';
}

const STATUTS_LIEN: Record<EtatLien | 'passe', number> = {
  inconnu: 404,
  utilise: 410,
  expire: 410,
  revoque: 410,
  passe: 422,
};

function lienInutilisable(req: FastifyRequest, reply: FastifyReply, etat: EtatLien | 'passe') {
  return sendPage(reply, <PageLienInutilisable ctx={contexte(req)} etat={etat} />, STATUTS_LIEN[etat]);
}

/** The page of another time: the slots after `apres` (now by default), with an error when there is one. */
async function pageAutreHoraire(
  req: FastifyRequest,
  reply: FastifyReply,
  jeton: string,
  options: { apres?: Date; erreur?: string; status?: number } = {},
) {
  const { db } = req.server.deps;
  const lu = await creneauxDuLien(db, jeton, options.apres);
  if (!lu.ok) return lienInutilisable(req, reply, lu.etat);
  const rdv = await rendezVousDuLien(db, lu.rdvId);
  if (!rdv) return lienInutilisable(req, reply, 'inconnu');
  const liste = lu.creneaux?.ok ? lu.creneaux : { creneaux: [], suite: null };
  const page = (
    <PageAutreHoraire
      ctx={contexte(req)}
      rdv={rdv}
      jeton={jeton}
      creneaux={liste.creneaux}
      suite={liste.suite}
      erreur={options.erreur}
    />
  );
  return sendPage(reply, page, options.status ?? 200);
}

/** What the cancel link's page hands over when the citizen asks for another time. */
export function ouvrirAutreHoraire({ req, reply, jeton }: OuvertureLien) {
  const lu = RequeteApres.safeParse(req.query ?? {});
  if (!lu.success) {
    const erreur = lu.error.issues.map((i) => i.message).join(' ');
    return pageAutreHoraire(req, reply, jeton, { erreur, status: 422 });
  }
  return pageAutreHoraire(req, reply, jeton, { apres: lu.data.apres });
}

export async function deplacementUsagerRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;

  app.post('/rendez-vous/deplacement', { config: { acces: 'public' } }, async (req, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const corps = (req.body ?? {}) as Record<string, unknown>;
    const jeton = typeof corps.jeton === 'string' ? corps.jeton : '';
    const lu = SaisieDeplacement.safeParse({ debut: corps.debut });
    if (!lu.success) {
      const erreur = lu.error.issues[0]?.message ?? 'Choisissez un créneau dans la liste.';
      return pageAutreHoraire(req, reply, jeton, { erreur, status: 422 });
    }
    const r = await deplacerParLien(db, config, jeton, lu.data.debut);
    if (!r.ok) {
      if (r.raison === 'lien') return lienInutilisable(req, reply, r.etat);
      if (r.raison === 'introuvable') return lienInutilisable(req, reply, 'inconnu');
      if (r.raison === 'passe') return lienInutilisable(req, reply, 'passe');
      const erreur = r.erreurs?.debut ?? MESSAGE_PRIS;
      return pageAutreHoraire(req, reply, jeton, { erreur, status: r.raison === 'pris' ? 409 : 422 });
    }
    reply.flash('success', `Votre rendez-vous est déplacé au ${dateEtHeure(r.rdv.debut, r.rdv.fuseau)}.`);
    return reply.redirect(`/l/${jeton}`, 303);
  });
}
