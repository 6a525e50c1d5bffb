import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { FormulaireRecherche } from '../../annuaire/index.ts';

export function PageAccueil({ ctx }: { ctx: ContextePage }) {
  return (
    <Layout titre="Accueil" ctx={ctx}>
      <h1>guichet – France services</h1>
      <p class="fr-text--lead">
        Le système d’information du réseau France services : près de 2 800 lieux où l’on est accueilli, à moins de 30
        minutes de chez soi, pour ses démarches administratives.
      </p>
      <div class="fr-grid-row fr-grid-row--gutters fr-mt-4w">
        <div class="fr-col-12 fr-col-md-6">
          <div class="fr-card">
            <div class="fr-card__body">
              <div class="fr-card__content">
                <h2 class="fr-card__title">Vous êtes agent ou gestionnaire</h2>
                <p class="fr-card__desc">
                  Accueil, suivi des demandes, horaires, équipes et rapports de votre structure.
                </p>
                <div class="fr-card__end">
                  <a class="fr-btn" href="/connexion">
                    Se connecter
                  </a>
                </div>
              </div>
            </div>
          </div>
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <div class="fr-card">
            <div class="fr-card__body">
              <div class="fr-card__content">
                <h2 class="fr-card__title">Vous cherchez un France services</h2>
                <p class="fr-card__desc">
                  Les lieux les plus proches de chez vous, leurs horaires et les passages des services itinérants.
                </p>
                <div class="fr-card__end">
                  <FormulaireRecherche q="" id="q-accueil" />
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </Layout>
  );
}

export function PageAccessibilite({ ctx }: { ctx: ContextePage }) {
  return (
    <Layout titre="Accessibilité" ctx={ctx}>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        guichet s’engage à rendre ses services accessibles conformément à l’article 47 de la loi n° 2005-102 du 11
        février 2005. Il utilise le Système de design de l’État (DSFR) et chaque page est vérifiée automatiquement avec
        axe-core.
      </p>
      <h2>État de conformité</h2>
      <p>
        guichet est <strong>partiellement conforme</strong> au référentiel général d’amélioration de l’accessibilité
        (RGAA) : aucun audit complet n’a encore été réalisé.
      </p>
      <h2>Signaler un défaut</h2>
      <p>
        Si vous ne pouvez pas accéder à un contenu ou à un service, contactez le France services le plus proche ou
        l’administrateur de votre instance : nous vous proposerons une autre façon d’y accéder.
      </p>
    </Layout>
  );
}

export function PageTableauDeBord({
  ctx,
  prenom,
  roles,
  chiffres,
  guichets = [],
}: {
  ctx: ContextePage;
  prenom: string;
  roles: string[];
  chiffres: { structures: number; sites: number } | null;
  /** The sites whose day board the person keeps. */
  guichets?: Array<{ id: string; nom: string }>;
}) {
  return (
    <Layout titre="Tableau de bord" ctx={ctx}>
      <h1>Bonjour {prenom}</h1>
      <p>Vos rôles : {roles.length > 0 ? roles.join(', ') : 'aucun rôle pour l’instant'}.</p>
      {guichets.length > 0 && (
        <section class="fr-mt-2w" aria-labelledby="titre-guichets">
          <h2 id="titre-guichets">Rendez-vous et file d’attente</h2>
          <ul>
            {guichets.map((s) => (
              <li key={s.id}>
                <a class="fr-link" href={`/sites/${s.id}/journee`}>
                  {s.nom} : journée et file d’attente
                </a>{' '}
                –{' '}
                <a class="fr-link" href={`/sites/${s.id}/rendez-vous`}>
                  agenda des rendez-vous<span class="fr-sr-only"> de {s.nom}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {chiffres && (
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
          {[
            {
              href: '/admin/structures',
              titre: 'Structures',
              detail: `${chiffres.structures} active(s) dans votre périmètre`,
            },
            { href: '/admin/sites', titre: 'Sites', detail: `${chiffres.sites} actif(s) dans votre périmètre` },
            { href: '/admin/utilisateurs', titre: 'Utilisateurs', detail: 'Comptes et rôles de votre périmètre' },
          ].map((tuile) => (
            <div class="fr-col-12 fr-col-md-4" key={tuile.href}>
              <div class="fr-tile fr-enlarge-link">
                <div class="fr-tile__body">
                  <div class="fr-tile__content">
                    <h2 class="fr-tile__title">
                      <a href={tuile.href}>{tuile.titre}</a>
                    </h2>
                    <p class="fr-tile__detail">{tuile.detail}</p>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </div>
      )}
    </Layout>
  );
}
