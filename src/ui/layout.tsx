import type { ComponentChildren } from 'preact';
import type { ContextePage } from './contexte.ts';
import { CHEMIN_FEUILLE_ECRITURES } from './ecritures.ts';

export const NOM_SERVICE = 'guichet – France services';

interface Props {
  titre: string;
  ctx: ContextePage;
  children: ComponentChildren;
  /** Breadcrumb trail above the page title: [href, label] pairs, the current page last without href. */
  filAriane?: Array<{ href?: string; libelle: string }>;
  /**
   * Reload the page every n seconds (progress of a long task, without JavaScript), or go on to another address
   * (`0;url=…`: the way to ProConnect's end-session endpoint after signing out, ADR 0032).
   */
  rafraichir?: number | string;
  /** Extra stylesheets and scripts of this page (progressive enhancement only). */
  feuilles?: string[];
  scripts?: string[];
}

function Entete({ ctx }: { ctx: ContextePage }) {
  return (
    <header class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <div class="fr-header__logo">
                  <p class="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
                {/* Always present: on small screens DSFR's script copies the header links into this menu. */}
                <div class="fr-header__navbar">
                  <button
                    type="button"
                    class="fr-btn--menu fr-btn"
                    data-fr-opened="false"
                    aria-controls="menu-principal"
                    aria-haspopup="menu"
                    id="bouton-menu"
                    title="Menu"
                  >
                    Menu
                  </button>
                </div>
              </div>
              <div class="fr-header__service">
                <a href={ctx.utilisateur ? '/tableau-de-bord' : '/'} title={`Accueil – ${NOM_SERVICE}`}>
                  <p class="fr-header__service-title">{NOM_SERVICE}</p>
                </a>
                <p class="fr-header__service-tagline">Le système d’information du réseau France services</p>
              </div>
            </div>
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">
                <ul class="fr-btns-group">
                  {ctx.utilisateur ? (
                    <>
                      <li>
                        <a class="fr-btn fr-icon-account-circle-line" href="/compte/second-facteur">
                          {ctx.utilisateur.nomComplet}
                        </a>
                      </li>
                      <li>
                        <form method="post" action="/deconnexion">
                          <input type="hidden" name="_csrf" value={ctx.csrf} />
                          <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
                            Se déconnecter
                          </button>
                        </form>
                      </li>
                    </>
                  ) : (
                    <li>
                      <a class="fr-btn fr-icon-lock-line" href="/connexion">
                        Se connecter
                      </a>
                    </li>
                  )}
                </ul>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div class="fr-header__menu fr-modal" id="menu-principal">
        <div class="fr-container">
          <button type="button" class="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer">
            Fermer
          </button>
          <div class="fr-header__menu-links" />
          {ctx.navigation.length > 0 && (
            <nav class="fr-nav" id="navigation" aria-label="Menu principal">
              <ul class="fr-nav__list">
                {ctx.navigation.map((lien) => (
                  <li class="fr-nav__item" key={lien.href}>
                    <a
                      class="fr-nav__link"
                      href={lien.href}
                      aria-current={
                        ctx.chemin === lien.href || ctx.chemin.startsWith(`${lien.href}/`) ? 'page' : undefined
                      }
                    >
                      {lien.libelle}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </div>
      </div>
    </header>
  );
}

function PiedDePage({ ctx }: { ctx: ContextePage }) {
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title={`Retour à l’accueil – ${NOM_SERVICE}`}>
              <p class="fr-logo">
                République
                <br />
                Française
              </p>
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              guichet est le logiciel libre du réseau France services : trouver un lieu, accueillir, suivre les demandes
              et rendre compte de l’activité.
            </p>
            <ul class="fr-footer__content-list">
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.france-services.gouv.fr">
                  france-services.gouv.fr
                </a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.service-public.fr">
                  service-public.fr
                </a>
              </li>
            </ul>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/accessibilite">
                Accessibilité : partiellement conforme
              </a>
            </li>
            {ctx.developpement && (
              <li class="fr-footer__bottom-item">
                <a class="fr-footer__bottom-link" href="/dev/courriels">
                  Courriels envoyés (développement)
                </a>
              </li>
            )}
          </ul>
          <div class="fr-footer__bottom-copy">
            <p>
              Sauf mention explicite de propriété intellectuelle détenue par des tiers, les contenus de ce site sont
              proposés sous licence etalab-2.0.
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}

function MessageFlash({ ctx }: { ctx: ContextePage }) {
  if (!ctx.flash) return null;
  return (
    <div class={`fr-alert fr-alert--${ctx.flash.type} fr-alert--sm fr-mb-4w`} role="status">
      <p>{ctx.flash.message}</p>
    </div>
  );
}

/** The DSFR page shell: skip links, header with role-dependent navigation, main content, footer. */
export function Layout({ titre, ctx, children, filAriane, rafraichir, feuilles = [], scripts = [] }: Props) {
  return (
    <html lang="fr" data-fr-scheme="system">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
        <meta name="format-detection" content="telephone=no" />
        <title>{`${titre} – ${NOM_SERVICE}`}</title>
        <link rel="stylesheet" href="/dsfr/dsfr.min.css" />
        <link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css" />
        <link rel="stylesheet" href="/assets/guichet.css" />
        <link rel="stylesheet" href={CHEMIN_FEUILLE_ECRITURES} />
        {feuilles.map((f) => (
          <link rel="stylesheet" href={f} key={f} />
        ))}
        <link rel="apple-touch-icon" href="/dsfr/favicon/apple-touch-icon.png" />
        <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
        <meta name="theme-color" content="#000091" />
        {rafraichir !== undefined && <meta http-equiv="refresh" content={String(rafraichir)} />}
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav class="fr-container" aria-label="Accès rapide">
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#contenu">
                  Contenu
                </a>
              </li>
              {ctx.navigation.length > 0 && (
                <li>
                  <a class="fr-link" href="#navigation">
                    Menu
                  </a>
                </li>
              )}
              <li>
                <a class="fr-link" href="#pied-de-page">
                  Pied de page
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <Entete ctx={ctx} />
        <main id="contenu" tabIndex={-1} class="fr-container fr-py-6w">
          {filAriane && filAriane.length > 0 && (
            <nav class="fr-breadcrumb fr-mt-0" aria-label="vous êtes ici :">
              <button type="button" class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-ariane">
                Voir le fil d’Ariane
              </button>
              <div class="fr-collapse" id="fil-ariane">
                <ol class="fr-breadcrumb__list">
                  {filAriane.map((etape) => (
                    <li key={etape.libelle}>
                      {etape.href ? (
                        <a class="fr-breadcrumb__link" href={etape.href}>
                          {etape.libelle}
                        </a>
                      ) : (
                        // biome-ignore lint/a11y/useValidAnchor: DSFR marks the current page as a link without href
                        <a class="fr-breadcrumb__link" aria-current="page">
                          {etape.libelle}
                        </a>
                      )}
                    </li>
                  ))}
                </ol>
              </div>
            </nav>
          )}
          <MessageFlash ctx={ctx} />
          {children}
        </main>
        <PiedDePage ctx={ctx} />
        <script type="module" src="/dsfr/dsfr.module.min.js" />
        <script nomodule src="/dsfr/dsfr.nomodule.min.js" />
        {scripts.map((src) => (
          <script src={src} defer key={src} />
        ))}
      </body>
    </html>
  );
}
