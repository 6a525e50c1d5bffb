import type { ContextePage } from '../../../ui/contexte.ts';
import { Champ, type EtatFormulaire, Formulaire, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';

const LIBELLES = { code: 'Code de vérification' };

/** The second step of a password sign-in: a code of the authenticator app, or a recovery code. */
export function PageCodeConnexion({
  ctx,
  etat,
  retour,
  erreurGenerale,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  retour: string;
  erreurGenerale?: string;
}) {
  const erreur = Boolean(erreurGenerale) || Object.keys(etat.erreurs).length > 0;
  return (
    <Layout
      titre={erreur ? 'Erreur – Validation en deux étapes' : titreFormulaire('Validation en deux étapes', etat)}
      ctx={ctx}
    >
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Validation en deux étapes</h1>
          <p>
            Votre mot de passe est correct. Pour terminer la connexion, saisissez le code à 6 chiffres affiché par votre
            application d’authentification.
          </p>
          {erreurGenerale && (
            <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
              <p>{erreurGenerale}</p>
            </div>
          )}
          <ResumeErreurs etat={etat} libelles={LIBELLES} />
          <Formulaire action="/connexion/second-facteur" csrf={ctx.csrf}>
            <input type="hidden" name="retour" value={retour} />
            <Champ
              nom="code"
              libelle={LIBELLES.code}
              aide="6 chiffres. Sans accès à votre application, saisissez l’un de vos codes de secours (16 caractères)."
              autocomplete="one-time-code"
              longueurMax={40}
              etat={etat}
              sansValeur
            />
            <button type="submit" class="fr-btn">
              Valider
            </button>
          </Formulaire>
          <form method="post" action="/deconnexion" class="fr-mt-4w">
            <input type="hidden" name="_csrf" value={ctx.csrf} />
            <button type="submit" class="fr-btn fr-btn--tertiary">
              Annuler et revenir à la connexion
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
