// The public JSON API of appointments (issue 11), documented in the OpenAPI document (donnees/openapi.ts): a site's
// online motifs, their free slots, booking, and an appointment's calendar file. Errors are problem+json in French.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  disponibilites,
  invitationRendezVous,
  MESSAGE_PRIS,
  motifsDuSitePublic,
  reserver,
  siteDuMotif,
} from './service.ts';
import { isoAvecDecalage } from './temps.ts';
import { CorpsReservation, ParametresDisponibilites } from './validation.ts';

/** The motifs change rarely: a minute, like the rest of the API. Slots change with every booking: never cached. */
const CACHE_MOTIFS = 'public, max-age=60';
const SANS_CACHE = 'no-store';
const FENETRE_LIMITE_MS = 60_000;
/** Beyond this many addresses tracked, expired windows are swept (the map stays small under any load). */
const ADRESSES_MAX = 10_000;

interface ErreurChamp {
  parameter: string;
  detail: string;
}

const TITRES: Record<number, string> = {
  400: 'Requête invalide',
  404: 'Ressource introuvable',
  409: 'Créneau déjà pris',
  422: 'Réservation impossible',
  429: 'Trop de demandes',
};

function probleme(
  req: FastifyRequest,
  reply: FastifyReply,
  status: 400 | 404 | 409 | 422 | 429,
  detail: string,
  errors?: ErreurChamp[],
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .header('cache-control', SANS_CACHE)
    .send({
      type: 'about:blank',
      title: TITRES[status],
      status,
      detail,
      instance: req.url.split('?')[0],
      requestId: req.id,
      ...(errors && errors.length > 0 ? { errors } : {}),
    });
}

/** The service's French field names as the API's English ones. */
const CHAMPS_API: Record<string, string> = {
  nom: 'name',
  courriel: 'email',
  telephone: 'phone',
  consentement: 'consent',
  debut: 'start',
  motif: 'motif',
  site: 'motif',
  du: 'from',
  au: 'to',
};

function enErreurs(erreurs: Record<string, string>): ErreurChamp[] {
  return Object.entries(erreurs).map(([champ, detail]) => ({ parameter: CHAMPS_API[champ] ?? champ, detail }));
}

function erreursZod(issues: readonly z.core.$ZodIssue[]): ErreurChamp[] {
  const vues = new Map<string, string>();
  for (const i of issues) {
    const p = String(i.path[0] ?? 'body');
    if (!vues.has(p)) vues.set(p, i.message);
  }
  return [...vues].map(([parameter, detail]) => ({ parameter, detail }));
}

/**
 * At most `limite` bookings per IP address and minute (fixed windows, in this process's memory): enough for a person
 * or a counter, not for a script emptying a site's calendar. Several processes each keep their own count.
 */
function limiteur(limite: number) {
  const fenetres = new Map<string, { debut: number; n: number }>();
  return (ip: string, maintenant = Date.now()): { ok: true } | { ok: false; attente: number } => {
    if (fenetres.size > ADRESSES_MAX) {
      for (const [cle, f] of fenetres) if (maintenant - f.debut >= FENETRE_LIMITE_MS) fenetres.delete(cle);
    }
    let f = fenetres.get(ip);
    if (!f || maintenant - f.debut >= FENETRE_LIMITE_MS) {
      f = { debut: maintenant, n: 0 };
      fenetres.set(ip, f);
    }
    f.n += 1;
    if (f.n <= limite) return { ok: true };
    return { ok: false, attente: Math.ceil((f.debut + FENETRE_LIMITE_MS - maintenant) / 1000) };
  };
}

export async function rendezVousApi(app: FastifyInstance) {
  const { db, config } = app.deps;
  const publique = { config: { acces: 'public' as const } };
  const autoriser = limiteur(config.reservationsParMinute);

  app.get('/api/v1/sites/:id/motifs', publique, async (req, reply) => {
    const motifs = await motifsDuSitePublic(db, (req.params as { id: string }).id);
    if (!motifs)
      return probleme(req, reply, 404, 'Aucun lieu France services ouvert au public ne porte cet identifiant.');
    return reply.header('cache-control', CACHE_MOTIFS).send({
      siteId: (req.params as { id: string }).id,
      items: motifs.map((m) => ({
        id: m.id,
        name: m.nom,
        durationMinutes: m.duree,
        channel: m.canal,
        partnerId: m.partenaireId,
        bookingWindowDays: m.fenetreJours,
        minimumNoticeMinutes: m.delaiMinimal,
        instructions: m.instructions,
      })),
    });
  });

  app.get('/api/v1/sites/:id/disponibilites', publique, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const lu = ParametresDisponibilites.safeParse(req.query);
    if (!lu.success) {
      const errors = erreursZod(lu.error.issues);
      return probleme(req, reply, 400, errors.map((e) => e.detail).join(' '), errors);
    }
    const { motif, from, to } = lu.data;
    const r = await disponibilites(db, { siteId: id, motifId: motif, du: from, au: to });
    if (!r.ok) {
      if (r.erreurs.site) return probleme(req, reply, 404, r.erreurs.site);
      if (r.erreurs.motif && !r.erreurs.du && !r.erreurs.au) return probleme(req, reply, 404, r.erreurs.motif);
      const errors = enErreurs(r.erreurs);
      return probleme(req, reply, 400, errors.map((e) => e.detail).join(' '), errors);
    }
    return reply.header('cache-control', SANS_CACHE).send({
      siteId: id,
      motif,
      timeZone: r.fuseau,
      from,
      to,
      slots: r.creneaux.map((c) => ({
        start: isoAvecDecalage(c.debut, r.fuseau),
        end: isoAvecDecalage(c.fin, r.fuseau),
      })),
    });
  });

  // A JSON API without cookies or session: CSRF does not apply (a browser cannot send this JSON cross-origin without
  // a CORS preflight, which is not answered).
  app.post('/api/v1/rendez-vous', { config: { acces: 'public' as const, csrf: false } }, async (req, reply) => {
    const limite = autoriser(req.ip);
    if (!limite.ok) {
      reply.header('retry-after', String(limite.attente));
      return probleme(req, reply, 429, 'Trop de réservations depuis cette adresse : réessayez dans une minute.');
    }
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      return probleme(req, reply, 422, 'Le corps de la requête doit être un objet JSON (motif, start, name…).');
    }
    const lu = CorpsReservation.safeParse(req.body);
    if (!lu.success) {
      const errors = erreursZod(lu.error.issues);
      return probleme(req, reply, 422, errors.map((e) => e.detail).join(' '), errors);
    }
    const corps = lu.data;
    const siteId = await siteDuMotif(db, corps.motif);
    if (!siteId) {
      return probleme(req, reply, 422, 'Ce motif de rendez-vous n’existe pas.', [
        { parameter: 'motif', detail: 'Ce motif de rendez-vous n’existe pas.' },
      ]);
    }
    const r = await reserver(db, config, {
      siteId,
      motifId: corps.motif,
      debut: corps.start,
      usager: {
        nom: corps.name as string,
        courriel: corps.email as string | undefined,
        telephone: corps.phone as string | undefined,
      },
      consentement: corps.consent,
      origine: 'en_ligne',
    });
    if (!r.ok && r.raison === 'pris') {
      return probleme(req, reply, 409, MESSAGE_PRIS, [{ parameter: 'start', detail: MESSAGE_PRIS }]);
    }
    if (!r.ok) {
      const errors = enErreurs(r.erreurs ?? {});
      return probleme(req, reply, 422, errors.map((e) => e.detail).join(' '), errors);
    }
    const base = config.publicUrl.replace(/\/$/, '');
    return reply
      .code(201)
      .header('cache-control', SANS_CACHE)
      .header('location', `${base}/api/v1/rendez-vous/${r.rdv.id}.ics`)
      .send({
        id: r.rdv.id,
        siteId,
        motif: corps.motif,
        start: isoAvecDecalage(r.rdv.debut, r.rdv.fuseau),
        end: isoAvecDecalage(r.rdv.fin, r.rdv.fuseau),
        site: r.rdv.siteNom,
        motifName: r.rdv.motifNom,
        cancelUrl: r.rdv.lienAnnulation,
        icsUrl: `${base}/api/v1/rendez-vous/${r.rdv.id}.ics`,
      });
  });

  app.get('/api/v1/rendez-vous/:id.ics', publique, async (req, reply) => {
    const ics = await invitationRendezVous(db, (req.params as { id: string }).id, config.mailFrom);
    if (!ics) return probleme(req, reply, 404, 'Aucun rendez-vous ne porte cet identifiant.');
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'attachment; filename="rendez-vous.ics"')
      .type('text/calendar; charset=utf-8')
      .send(ics);
  });
}
