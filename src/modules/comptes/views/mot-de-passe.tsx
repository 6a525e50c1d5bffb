import type { ContextePage } from '../../../ui/contexte.ts';
import { Champ, type EtatFormulaire, Formulaire, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';

export function PageMotDePasseOublie({
  ctx,
  etat,
  envoye,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  envoye: boolean;
}) {
  return (
    <Layout titre={titreFormulaire('Mot de passe oublié', etat)} ctx={ctx}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Mot de passe oublié</h1>
          {envoye ? (
            <div class="fr-alert fr-alert--info" role="status">
              <h2 class="fr-alert__title">Vérifiez votre messagerie</h2>
              <p>
                Si un compte actif existe pour cette adresse, un courriel vient d’être envoyé avec un lien pour choisir
                un nouveau mot de passe. Le lien est valable une heure.
              </p>
            </div>
          ) : (
            <>
              <p>
                Indiquez l’adresse électronique de votre compte : vous recevrez un lien pour choisir un nouveau mot de
                passe.
              </p>
              <ResumeErreurs etat={etat} libelles={{ courriel: 'Adresse électronique' }} />
              <Formulaire action="/mot-de-passe-oublie" csrf={ctx.csrf}>
                <Champ
                  nom="courriel"
                  libelle="Adresse électronique"
                  aide="Format attendu : nom@domaine.fr"
                  type="email"
                  autocomplete="email"
                  etat={etat}
                />
                <button type="submit" class="fr-btn">
                  Recevoir un lien
                </button>
              </Formulaire>
            </>
          )}
          <p class="fr-mt-4w">
            <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/connexion">
              Retour à la connexion
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

const LIBELLES = { motDePasse: 'Nouveau mot de passe', confirmation: 'Confirmation du mot de passe', jeton: 'Lien' };

export function PageNouveauMotDePasse({
  ctx,
  etat,
  jeton,
  valide,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  jeton: string;
  valide: boolean;
}) {
  return (
    <Layout titre={titreFormulaire('Choisir un mot de passe', etat)} ctx={ctx}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Choisir un mot de passe</h1>
          {valide ? (
            <>
              <ResumeErreurs etat={etat} libelles={LIBELLES} />
              <Formulaire action="/mot-de-passe/nouveau" csrf={ctx.csrf}>
                <input type="hidden" name="jeton" value={jeton} />
                <Champ
                  nom="motDePasse"
                  libelle={LIBELLES.motDePasse}
                  aide="12 caractères au minimum. Une phrase de plusieurs mots est un bon choix."
                  type="password"
                  autocomplete="new-password"
                  etat={etat}
                  sansValeur
                />
                <Champ
                  nom="confirmation"
                  libelle={LIBELLES.confirmation}
                  type="password"
                  autocomplete="new-password"
                  etat={etat}
                  sansValeur
                />
                <button type="submit" class="fr-btn">
                  Enregistrer le mot de passe
                </button>
              </Formulaire>
            </>
          ) : (
            <div class="fr-alert fr-alert--error" role="alert">
              <h2 class="fr-alert__title">Ce lien n’est plus valable</h2>
              <p>
                Il a déjà servi ou a expiré. <a href="/mot-de-passe-oublie">Demandez un nouveau lien</a>.
              </p>
            </div>
          )}
        </div>
      </div>
    </Layout>
  );
}
