import type { FastifyInstance } from 'fastify';
import { contexte } from '../../app/contexte.ts';
import { sendPage } from '../../platform/http/render.ts';
import { acteurDe } from '../../platform/http/requete.ts';
import { LIBELLES_ROLES } from '../comptes/index.ts';
import { peutVoirAdministration } from '../portee/index.ts';
import { sitesDuGuichetDe } from '../rendez-vous/index.ts';
import { chiffresPortee } from '../structures/index.ts';
import { PageAccessibilite, PageAccueil, PageTableauDeBord } from './views/pages.tsx';

/** The public home page, the accessibility statement and the signed-in dashboard. */
export async function accueilRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  app.get('/', { config: { acces: 'public' } }, async (req, reply) =>
    sendPage(reply, <PageAccueil ctx={contexte(req)} />),
  );

  app.get('/accessibilite', { config: { acces: 'public' } }, async (req, reply) =>
    sendPage(reply, <PageAccessibilite ctx={contexte(req)} />),
  );

  app.get('/tableau-de-bord', { config: { acces: 'connecte' } }, async (req, reply) => {
    const acteur = acteurDe(req);
    const administration = peutVoirAdministration(acteur);
    const [chiffres, guichets] = await Promise.all([
      administration ? chiffresPortee(db, acteur) : null,
      sitesDuGuichetDe(db, acteur),
    ]);
    const roles = [...new Set(acteur.habilitations.map((h) => LIBELLES_ROLES[h.role]))];
    return sendPage(
      reply,
      <PageTableauDeBord
        ctx={contexte(req)}
        prenom={acteur.prenom}
        roles={roles}
        chiffres={chiffres}
        guichets={guichets}
      />,
    );
  });
}
