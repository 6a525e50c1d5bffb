import type { FastifyInstance } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { creerGeocodeur } from '../../platform/geocodage/index.ts';
import { introuvable } from '../../platform/http/errors.ts';
import { CARACTERES_INTERDITS } from '../../platform/http/formulaire.ts';
import { sendPage } from '../../platform/http/render.ts';
import { parametreId } from '../../platform/http/requete.ts';
import { adresseContact } from '../contacts/index.ts';
import { sitePublic } from '../donnees/index.ts';
import { motifsReservables } from '../rendez-vous/index.ts';
import { afficheSite } from './affiche.ts';
import { agenda, grilleSemaine, ouvertureMaintenant } from './agenda.ts';
import { rechercherCommunes } from './recherche.ts';
import { rechercherSites } from './service.ts';
import { PageFiche } from './views/fiche.tsx';
import { PageRecherche } from './views/recherche.tsx';

const CARACTERES_INTERDITS_G = new RegExp(CARACTERES_INTERDITS.source, 'g');

/** The public directory: site pages (and, next, the search). */
export async function annuaireRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const geocodeur = creerGeocodeur(rechercherCommunes, config.geocodeur, {
    surRepli: (raison) => app.log.warn({ raison }, 'geocoder fell back to the local commune index'),
  });

  app.get('/recherche', { config: { acces: 'public' } }, async (req, reply) => {
    const brut = (req.query as Record<string, unknown>).q;
    const q = typeof brut === 'string' ? brut.replace(CARACTERES_INTERDITS_G, ' ').trim().slice(0, 200) : '';
    const trouve = q
      ? await rechercherSites(db, geocodeur, q, new Date())
      : { lieu: null, autresLieux: [], resultats: [] };
    return sendPage(reply, <PageRecherche ctx={contexte(req)} q={q} {...trouve} styleCarte={config.carteStyle} />);
  });

  app.get('/lieux/:id', { config: { acces: 'public' } }, async (req, reply) => {
    const site = await sitePublic(db, parametreId(req));
    if (!site) introuvable();
    const maintenant = new Date();
    const rendezVousEnLigne = (await motifsReservables(db, site.id)).length > 0;
    return sendPage(
      reply,
      <PageFiche
        ctx={contexte(req)}
        site={site}
        rendezVousEnLigne={rendezVousEnLigne}
        adresseContact={adresseContact(site, config.domaineContact)}
        agenda={agenda(site, maintenant)}
        maintenant={ouvertureMaintenant(site, maintenant)}
        grille={site.genre === 'itinerant' ? null : grilleSemaine(site.horaires)}
      />,
    );
  });

  app.get('/lieux/:id/affiche.pdf', { config: { acces: 'public' } }, async (req, reply) => {
    const site = await sitePublic(db, parametreId(req));
    if (!site) introuvable();
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-cache')
      .header('content-disposition', 'inline; filename="affiche-france-services.pdf"')
      .send(await afficheSite(site, { urlPublique: config.publicUrl, maintenant: new Date() }));
  });
}
