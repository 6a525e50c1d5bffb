import type { ContextePage } from '../../../ui/contexte.ts';
import { Champ, type EtatFormulaire, Formulaire, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { BoutonProConnect } from './proconnect-pages.tsx';

const LIBELLES = { courriel: 'Adresse électronique', motDePasse: 'Mot de passe' };

export function PageConnexion({
  ctx,
  etat,
  retour,
  erreurGenerale,
  proconnect = false,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  retour: string;
  erreurGenerale?: string;
  /** Offers ProConnect above the password form when it is configured (ADR 0032). */
  proconnect?: boolean;
}) {
  return (
    <Layout titre={erreurGenerale ? 'Erreur – Connexion' : titreFormulaire('Connexion', etat)} ctx={ctx}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion à guichet</h1>
          <p>Espace réservé aux agents, gestionnaires, coordinateurs et référents du réseau France services.</p>
          {erreurGenerale && (
            <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
              <p>{erreurGenerale}</p>
            </div>
          )}
          {proconnect && (
            <>
              <h2 class="fr-h4">Avec ProConnect</h2>
              <p>L’identité professionnelle des agents publics.</p>
              <BoutonProConnect retour={retour} />
              <h2 class="fr-h4">Avec votre mot de passe</h2>
            </>
          )}
          <ResumeErreurs etat={etat} libelles={LIBELLES} />
          <Formulaire action="/connexion" csrf={ctx.csrf}>
            <input type="hidden" name="retour" value={retour} />
            <Champ
              nom="courriel"
              libelle={LIBELLES.courriel}
              aide="Format attendu : nom@domaine.fr"
              type="email"
              autocomplete="username"
              etat={etat}
            />
            <Champ
              nom="motDePasse"
              libelle={LIBELLES.motDePasse}
              type="password"
              autocomplete="current-password"
              etat={etat}
              sansValeur
            />
            <p>
              <a class="fr-link" href="/mot-de-passe-oublie">
                Mot de passe oublié ?
              </a>
            </p>
            <button type="submit" class="fr-btn">
              Se connecter
            </button>
          </Formulaire>
        </div>
      </div>
    </Layout>
  );
}
