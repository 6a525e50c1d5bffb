import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/render.ts';
import { parametreId } from '../../platform/http/requete.ts';
import { type EtatLien, enregistrerTraitementLien } from '../../platform/liens/index.ts';
import { ajouterJours, dateLocale } from '../horaires/index.ts';
import { demandeAutreHoraire, ouvrirAutreHoraire } from './routes-deplacement.tsx';
import {
  disponibilites,
  MESSAGE_PRIS,
  type MotifPublic,
  motifsReservables,
  OBJET_LIEN_ANNULATION,
  reserver,
} from './service.ts';
import { annulerParLien, rendezVousDuLien, type SiteDeReservation, siteDeReservation } from './service-usager.ts';
import {
  Instant,
  JOURS_PAR_PAGE,
  lireReservation,
  RequeteCoordonnees,
  RequeteCreneaux,
} from './validation-reservation.ts';
import { PageAnnulation, PageAnnule, PageLienInutilisable } from './views/annulation.tsx';
import { PageConfirmation, PageCoordonnees } from './views/coordonnees.tsx';
import { type JourCreneaux, PageCreneaux, PageMotifs } from './views/reservation.tsx';

// The citizen's booking without an account (issue 11): motif → slot → contact → confirmation, every step a plain
// GET page or a POST form, and the cancel page that the link of the confirmation message opens.

/** The signed cookie that carries a booking or a cancellation to the page shown after the redirect (one hour). */
const COOKIE_RESERVATION = 'guichet_rdv';
const COOKIE_ANNULATION = 'guichet_rdv_annule';

// The cancel link's page. Registered once per process (the registry is a module-level map, the app may be built
// several times in one process); the request carries the dependencies.
enregistrerTraitementLien(OBJET_LIEN_ANNULATION, async (ouverture) => {
  const { req, reply, lien, jeton, refuser } = ouverture;
  // The same link moves the appointment (routes-deplacement.tsx) when the citizen asks for another time.
  if (demandeAutreHoraire(req)) return ouvrirAutreHoraire(ouverture);
  const rdv = await rendezVousDuLien(req.server.deps.db, lien.sujet);
  if (!rdv) return refuser('inconnu');
  return sendPage(reply, <PageAnnulation ctx={contexte(req)} rdv={rdv} jeton={jeton} />);
});

/** Today's civil date at the site. */
const aujourdhui = (site: SiteDeReservation) => dateLocale(new Date(), site.fuseauHoraire);

/** The days `du`..`au` (inclusive), each with its slots, in the site's calendar. */
function parJour(du: string, au: string, creneaux: Array<{ debut: Date; fin: Date }>, fuseau: string): JourCreneaux[] {
  const jours: JourCreneaux[] = [];
  for (let d = du; d <= au; d = ajouterJours(d, 1)) jours.push({ date: d, creneaux: [] });
  const index = new Map(jours.map((j) => [j.date, j]));
  for (const c of creneaux) index.get(dateLocale(c.debut, fuseau))?.creneaux.push(c);
  return jours;
}

export async function rendezVousRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;

  /** The public site and one of its online-bookable motifs; anything else is the French 404 page. */
  async function siteEtMotifs(req: FastifyRequest) {
    const site = await siteDeReservation(db, parametreId(req));
    if (!site) introuvable();
    return { site, motifs: await motifsReservables(db, site.id) };
  }
  function motifDe(motifs: MotifPublic[], id: string | undefined): MotifPublic {
    const motif = motifs.find((m) => m.id === id);
    if (!motif) introuvable();
    return motif;
  }

  /** Slots of `JOURS_PAR_PAGE` days from `du`, by day. */
  async function jours(site: SiteDeReservation, motif: MotifPublic, du: string) {
    const au = ajouterJours(du, JOURS_PAR_PAGE - 1);
    const r = await disponibilites(db, { siteId: site.id, motifId: motif.id, du, au });
    return parJour(du, au, r.ok ? r.creneaux : [], site.fuseauHoraire);
  }

  app.get('/lieux/:id/rendez-vous', { config: { acces: 'public' } }, async (req, reply) => {
    const { site, motifs } = await siteEtMotifs(req);
    return sendPage(reply, <PageMotifs ctx={contexte(req)} site={site} motifs={motifs} />);
  });

  app.get('/lieux/:id/rendez-vous/creneaux', { config: { acces: 'public' } }, async (req, reply) => {
    const { site, motifs } = await siteEtMotifs(req);
    const lu = RequeteCreneaux.safeParse(req.query ?? {});
    if (!lu.success) throw new AppError('requete_invalide', lu.error.issues.map((i) => i.message).join(' '));
    const q = lu.data;
    if (!q.motif) {
      const erreur = 'Choisissez la démarche pour laquelle vous prenez rendez-vous';
      return sendPage(reply, <PageMotifs ctx={contexte(req)} site={site} motifs={motifs} erreur={erreur} />, 422);
    }
    const motif = motifDe(motifs, q.motif);
    const debutFenetre = aujourdhui(site);
    const finFenetre = ajouterJours(debutFenetre, motif.fenetreJours - 1);
    // Before today or past the window: start today (a stale bookmark still gives a useful page).
    const du = q.du && q.du >= debutFenetre && q.du <= finFenetre ? q.du : debutFenetre;
    const liste = await jours(site, motif, du);
    const fin = liste[liste.length - 1]?.date ?? du;
    let premiere: { debut: Date; dateLocale: string } | null = null;
    if (liste.every((j) => j.creneaux.length === 0) && fin < finFenetre) {
      const suite = await disponibilites(db, {
        siteId: site.id,
        motifId: motif.id,
        du: ajouterJours(fin, 1),
        au: finFenetre,
      });
      const c = suite.ok ? suite.creneaux[0] : undefined;
      if (c) premiere = { debut: c.debut, dateLocale: dateLocale(c.debut, site.fuseauHoraire) };
    }
    const precedent = du > debutFenetre ? ajouterJours(du, -JOURS_PAR_PAGE) : null;
    return sendPage(
      reply,
      <PageCreneaux
        ctx={contexte(req)}
        site={site}
        motif={motif}
        jours={liste}
        precedent={precedent && precedent < debutFenetre ? debutFenetre : precedent}
        suivant={fin < finFenetre ? ajouterJours(fin, 1) : null}
        premiere={premiere}
      />,
    );
  });

  app.get('/lieux/:id/rendez-vous/coordonnees', { config: { acces: 'public' } }, async (req, reply) => {
    const { site, motifs } = await siteEtMotifs(req);
    const q = RequeteCoordonnees.parse(req.query ?? {});
    const motif = motifDe(motifs, q.motif);
    if (!q.debut) return reply.redirect(`/lieux/${site.id}/rendez-vous/creneaux?motif=${motif.id}`, 303);
    const vide = { valeurs: {}, erreurs: {} };
    // A slot taken since the list was shown: say so now rather than after the form is filled in.
    const jour = dateLocale(q.debut, site.fuseauHoraire);
    const libre = await disponibilites(db, { siteId: site.id, motifId: motif.id, du: jour, au: jour });
    const debut = q.debut;
    if (!libre.ok || !libre.creneaux.some((c) => c.debut.getTime() === debut.getTime())) {
      const conflit = { message: MESSAGE_PRIS, jours: await jours(site, motif, jour) };
      return sendPage(
        reply,
        <PageCoordonnees ctx={contexte(req)} site={site} motif={motif} debut={debut} etat={vide} conflit={conflit} />,
        409,
      );
    }
    return sendPage(reply, <PageCoordonnees ctx={contexte(req)} site={site} motif={motif} debut={debut} etat={vide} />);
  });

  app.post('/lieux/:id/rendez-vous', { config: { acces: 'public' } }, async (req, reply) => {
    const { site, motifs } = await siteEtMotifs(req);
    const corps = (req.body ?? {}) as Record<string, unknown>;
    const motif = motifDe(motifs, typeof corps.motif === 'string' ? corps.motif : undefined);
    const debut = Instant.parse(corps.debut);
    const lu = lireReservation(req.body);
    const etat = lu.ok ? { valeurs: valeursSansCases(corps), erreurs: {} } : lu;
    const autresCreneaux = async (message: string, status: number, depuis: Date) => {
      const conflit = {
        message,
        jours: await jours(site, motif, maxDate(dateLocale(depuis, site.fuseauHoraire), site)),
      };
      return sendPage(
        reply,
        <PageCoordonnees ctx={contexte(req)} site={site} motif={motif} debut={depuis} etat={etat} conflit={conflit} />,
        status,
      );
    };
    if (!debut) return autresCreneaux('Choisissez un créneau dans la liste.', 422, new Date());
    if (!lu.ok) {
      return sendPage(
        reply,
        <PageCoordonnees ctx={contexte(req)} site={site} motif={motif} debut={debut} etat={lu} />,
        422,
      );
    }
    const r = await reserver(db, config, {
      siteId: site.id,
      motifId: motif.id,
      debut,
      usager: { nom: lu.donnees.nom, courriel: lu.donnees.courriel, telephone: lu.donnees.telephone },
      consentement: lu.donnees.consentement,
      origine: 'en_ligne',
    });
    if (!r.ok && r.raison === 'pris') return autresCreneaux(MESSAGE_PRIS, 409, debut);
    if (!r.ok) {
      const erreurs = r.erreurs ?? {};
      const champs = Object.fromEntries(
        Object.entries(erreurs).filter(([k]) => ['nom', 'courriel', 'telephone', 'consentement'].includes(k)),
      );
      if (Object.keys(champs).length > 0) {
        const avecErreurs = { valeurs: etat.valeurs, erreurs: champs };
        return sendPage(
          reply,
          <PageCoordonnees ctx={contexte(req)} site={site} motif={motif} debut={debut} etat={avecErreurs} />,
          422,
        );
      }
      const message = Object.values(erreurs)[0] ?? 'Ce créneau n’est pas disponible : choisissez-en un autre.';
      return autresCreneaux(message, 422, debut);
    }
    const envoi = { c: Boolean(lu.donnees.courriel), t: Boolean(lu.donnees.telephone) };
    reply.setCookie(
      COOKIE_RESERVATION,
      JSON.stringify({ s: site.id, m: motif.id, d: r.rdv.debut.toISOString(), ...envoi }),
      cookie(config.production, `/lieux/${site.id}/rendez-vous`),
    );
    return reply.redirect(`/lieux/${site.id}/rendez-vous/confirmation`, 303);
  });

  app.get('/lieux/:id/rendez-vous/confirmation', { config: { acces: 'public' } }, async (req, reply) => {
    const { site, motifs } = await siteEtMotifs(req);
    const lu = lireCookie(req, COOKIE_RESERVATION) as { s?: string; m?: string; d?: string; c?: boolean; t?: boolean };
    const motif = motifs.find((m) => m.id === lu?.m);
    const debut = lu?.d ? new Date(lu.d) : null;
    // No booking made from this browser in the last hour: back to the site's booking page.
    if (!lu || lu.s !== site.id || !motif || !debut || Number.isNaN(debut.getTime()))
      return reply.redirect(`/lieux/${site.id}/rendez-vous`, 303);
    const envoi = { courriel: lu.c === true, sms: lu.t === true };
    return sendPage(
      reply,
      <PageConfirmation ctx={contexte(req)} site={site} motif={motif} debut={debut} envoi={envoi} />,
    );
  });

  app.post('/rendez-vous/annulation', { config: { acces: 'public' } }, async (req, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const jeton = (req.body as Record<string, unknown> | undefined)?.jeton;
    const r = await annulerParLien(db, config, typeof jeton === 'string' ? jeton : '');
    if (!r.ok) return lienInutilisable(req, reply, r.etat);
    reply.setCookie(COOKIE_ANNULATION, r.rdvId, cookie(config.production, '/rendez-vous/annule'));
    return reply.redirect('/rendez-vous/annule', 303);
  });

  app.get('/rendez-vous/annule', { config: { acces: 'public' } }, async (req, reply) => {
    const id = lireCookieBrut(req, COOKIE_ANNULATION);
    const rdv = id && /^[0-9a-f-]{36}$/.test(id) ? await rendezVousDuLien(db, id) : null;
    return sendPage(reply, <PageAnnule ctx={contexte(req)} rdv={rdv} />);
  });

  function maxDate(date: string, site: SiteDeReservation) {
    const jour = aujourdhui(site);
    return date < jour ? jour : date;
  }
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

/** What was typed, checkboxes included, to show the form again. */
function valeursSansCases(corps: Record<string, unknown>) {
  const valeurs: Record<string, string> = {};
  for (const [k, v] of Object.entries(corps)) if (typeof v === 'string' && k !== '_csrf') valeurs[k] = v;
  return valeurs;
}

function cookie(production: boolean, path: string) {
  return { path, httpOnly: true, sameSite: 'lax' as const, secure: production, signed: true, maxAge: 3600 };
}

function lireCookieBrut(req: FastifyRequest, nom: string): string | null {
  const brut = req.cookies[nom];
  if (!brut) return null;
  const lu = req.unsignCookie(brut);
  return lu.valid ? lu.value : null;
}

function lireCookie(req: FastifyRequest, nom: string): Record<string, unknown> | null {
  const valeur = lireCookieBrut(req, nom);
  if (!valeur) return null;
  try {
    const objet: unknown = JSON.parse(valeur);
    return objet && typeof objet === 'object' ? (objet as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
