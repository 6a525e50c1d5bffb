import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';

/**
 * The ProConnect button as ProConnect documents it for sites on the DSFR: the FranceConnect button's markup with
 * ProConnect's variant (`fr-connect--pro`, its logo), "S’identifier avec ProConnect", and the link "Qu’est-ce que
 * ProConnect ?" to proconnect.gouv.fr. A link, not a form: the page's CSP `form-action 'self'` would stop a form's
 * redirect to ProConnect, and a link needs no JavaScript either.
 */
export function BoutonProConnect({ retour }: { retour: string }) {
  return (
    <div class="fr-connect-group">
      <a class="fr-connect fr-connect--pro" href={`/connexion/proconnect?retour=${encodeURIComponent(retour)}`}>
        <span class="fr-connect__login">S’identifier avec</span> <span class="fr-connect__brand">ProConnect</span>
      </a>
      <p>
        <a
          href="https://www.proconnect.gouv.fr/"
          target="_blank"
          rel="noopener"
          title="Qu’est-ce que ProConnect ? – nouvelle fenêtre"
        >
          Qu’est-ce que ProConnect ?
        </a>
      </p>
    </div>
  );
}

/**
 * After guichet's sign-out, on the way to ProConnect's end-session endpoint: a refresh (and a link), since the
 * sign-out form's CSP `form-action 'self'` forbids answering it with a redirect to another site.
 */
export function PageVersFinDeSessionProConnect({ ctx, url }: { ctx: ContextePage; url: string }) {
  return (
    <Layout titre="Déconnexion de ProConnect" ctx={ctx} rafraichir={`0;url=${url}`}>
      <h1>Déconnexion de ProConnect</h1>
      <p>
        Votre session guichet est fermée. Vous allez être redirigé vers ProConnect pour fermer aussi votre session
        ProConnect.
      </p>
      <p>
        <a class="fr-btn" href={url}>
          Continuer vers ProConnect
        </a>
      </p>
    </Layout>
  );
}

/** A ProConnect sign-in that did not go through: what happened and what to do, in the person's words. */
export function PageRefusProConnect({ ctx, titre, message }: { ctx: ContextePage; titre: string; message: string }) {
  return (
    <Layout titre={`${titre} – Connexion avec ProConnect`} ctx={ctx}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion avec ProConnect</h1>
          <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
            <h2 class="fr-alert__title">{titre}</h2>
            <p>{message}</p>
          </div>
          <p>
            <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/connexion">
              Retour à la connexion
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** Where ProConnect sends the person back after its own sign-out. */
export function PageDeconnecteProConnect({ ctx, verifie }: { ctx: ContextePage; verifie: boolean }) {
  return (
    <Layout titre="Vous êtes déconnecté" ctx={ctx}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Vous êtes déconnecté</h1>
          <p>
            {verifie
              ? 'Votre session guichet est fermée, ainsi que votre session ProConnect.'
              : 'Votre session guichet est fermée.'}
          </p>
          <p>
            <a class="fr-btn" href="/connexion">
              Se connecter à nouveau
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
