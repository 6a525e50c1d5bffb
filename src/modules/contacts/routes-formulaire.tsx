import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { valeursSaisies } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { parametreId } from '../../platform/http/requete.ts';
import { formulaireVide } from '../../ui/formulaire.tsx';
import { envoyerFormulaire, siteContact } from './service-formulaire.ts';
import { PageContact, PageContactEnvoye } from './views/formulaire.tsx';

// The public contact form of every site (issue 12): GET the form, POST it (422 with the fields' errors, 429 past the
// rate limits), then POST/Redirect/GET to the acknowledgement, carried by a signed cookie scoped to the site's form.

const COOKIE_ACCUSE = 'guichet_contact';

const MESSAGES_LIMITE = {
  ip: 'Vous avez envoyé plusieurs messages en peu de temps. Pour éviter les envois abusifs, réessayez dans une heure, ou appelez le lieu.',
  site: 'Ce lieu reçoit beaucoup de messages en ce moment. Réessayez dans une heure, ou appelez le lieu.',
} as const;

export async function formulaireContactRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;

  async function site(req: FastifyRequest) {
    const s = await siteContact(db, config, parametreId(req));
    if (!s) introuvable();
    return s;
  }
  const chemin = (id: string) => `/lieux/${id}/contact`;

  app.get('/lieux/:id/contact', { config: { acces: 'public' } }, async (req, reply) => {
    const s = await site(req);
    return sendPage(reply, <PageContact ctx={contexte(req)} site={s} etat={formulaireVide} />);
  });

  app.post('/lieux/:id/contact', { config: { acces: 'public' } }, async (req, reply) => {
    const s = await site(req);
    const r = await envoyerFormulaire(db, config, { siteId: s.id, ip: req.ip, corps: req.body });
    if (!r.ok && r.raison === 'invalide') {
      const etat = { valeurs: valeursSaisies(req.body), erreurs: r.erreurs };
      return sendPage(reply, <PageContact ctx={contexte(req)} site={s} etat={etat} />, 422);
    }
    if (!r.ok) {
      reply.header('retry-after', '3600');
      throw new AppError('trop_de_requetes', MESSAGES_LIMITE[r.limite]);
    }
    const a = r.accuse;
    reply.setCookie(
      COOKIE_ACCUSE,
      JSON.stringify({ s: s.id, r: a.reference, e: a.echeance?.toISOString() ?? null, c: a.courriel, t: a.sms }),
      {
        path: chemin(s.id),
        httpOnly: true,
        sameSite: 'lax',
        secure: config.production,
        signed: true,
        maxAge: 3600,
      },
    );
    return reply.redirect(`${chemin(s.id)}/envoye`, 303);
  });

  app.get('/lieux/:id/contact/envoye', { config: { acces: 'public' } }, async (req, reply) => {
    const s = await site(req);
    const lu = lireAccuse(req);
    // Nothing sent from this browser to this site in the last hour: back to the form.
    if (!lu || lu.s !== s.id) return reply.redirect(chemin(s.id), 303);
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      <PageContactEnvoye ctx={contexte(req)} site={s} reference={lu.r} echeance={lu.e} courriel={lu.c} sms={lu.t} />,
    );
  });
}

function lireAccuse(req: FastifyRequest): { s: string; r: string; e: Date | null; c: boolean; t: boolean } | null {
  const brut = req.cookies[COOKIE_ACCUSE];
  const signe = brut ? req.unsignCookie(brut) : null;
  if (!signe?.valid || !signe.value) return null;
  try {
    const o = JSON.parse(signe.value) as Record<string, unknown>;
    const e = typeof o.e === 'string' ? new Date(o.e) : null;
    if (typeof o.s !== 'string' || typeof o.r !== 'string' || (e && Number.isNaN(e.getTime()))) return null;
    return { s: o.s, r: o.r, e, c: o.c === true, t: o.t === true };
  } catch {
    return null;
  }
}
