import type { FastifyRequest } from 'fastify';
import { peutVoirCatalogue } from '../modules/catalogue/index.ts';
import { LIBELLES_ROLES } from '../modules/comptes/index.ts';
import { peutVoirConformite } from '../modules/horaires/index.ts';
import { peutVoirRegistreViolations, travailleAvecMandats } from '../modules/mandats/index.ts';
import { estAdminNational, peutVoirAdministration } from '../modules/portee/index.ts';
import { jetonCsrf } from '../platform/http/csrf.ts';
import type { ContextePage, LienNavigation } from '../ui/contexte.ts';

function navigation(req: FastifyRequest): LienNavigation[] {
  const acteur = req.acteur;
  if (!acteur) return [];
  const liens: LienNavigation[] = [{ href: '/tableau-de-bord', libelle: 'Tableau de bord' }];
  if (acteur.habilitations.some((h) => h.role === 'agent' || h.role === 'gestionnaire')) {
    liens.push({ href: '/sollicitations', libelle: 'Sollicitations' });
  }
  // Mandates (issue 14): the structure's agents and managers only; above them, counts in the reports.
  if (travailleAvecMandats(acteur)) liens.push({ href: '/mandats', libelle: 'Mandats' });
  // Every role sees some cases (issue 13): the site's, the partner's, the département's, all.
  if (acteur.habilitations.length > 0) liens.push({ href: '/saisines', libelle: 'Saisines' });
  // Référents read their partner's report (issue 13 point 6).
  const rapports = acteur.habilitations.some((h) => h.role !== 'referent' || h.departements.length > 0);
  if (rapports) liens.push({ href: '/rapports', libelle: 'Rapports' });
  if (peutVoirAdministration(acteur)) {
    liens.push(
      { href: '/admin/structures', libelle: 'Structures' },
      { href: '/admin/sites', libelle: 'Sites' },
      { href: '/admin/utilisateurs', libelle: 'Utilisateurs' },
    );
  }
  // The référent directory: every role reads the référents of its départements (issue 13).
  if (acteur.habilitations.length > 0) liens.push({ href: '/referents', libelle: 'Référents' });
  if (peutVoirCatalogue(acteur)) liens.push({ href: '/admin/catalogue', libelle: 'Catalogue' });
  if (peutVoirConformite(acteur)) liens.push({ href: '/admin/conformite', libelle: 'Conformité' });
  // The breach register (issue 14 point 7): structures' people, coordinators and the nation.
  if (peutVoirRegistreViolations(acteur)) liens.push({ href: '/violations', libelle: 'Violations de données' });
  if (estAdminNational(acteur)) liens.push({ href: '/admin/imports', libelle: 'Imports' });
  if (estAdminNational(acteur)) liens.push({ href: '/admin/messages', libelle: 'Messages' });
  return liens;
}

/** Everything the page shell needs, from the request. */
export function contexte(req: FastifyRequest): ContextePage {
  const acteur = req.acteur;
  return {
    utilisateur: acteur
      ? {
          nomComplet: `${acteur.prenom} ${acteur.nom}`,
          roles: [...new Set(acteur.habilitations.map((h) => LIBELLES_ROLES[h.role]))].join(', '),
        }
      : null,
    navigation: navigation(req),
    csrf: jetonCsrf(req, req.server.deps.config.sessionSecret),
    chemin: (req.url.split('?')[0] ?? '/').replace(/\/$/, '') || '/',
    flash: req.flashLu,
    developpement: req.server.deps.config.env === 'development',
  };
}
