import type { ContextePage } from '../../../ui/contexte.ts';
import { Champ, type EtatFormulaire, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { VueMandat } from '../service-revocation.ts';
import { ConsequencesRevocation, ListeActions, ResumeMandat } from './revocation-commun.tsx';

// The citizen's pages, without an account: the form (reference and code printed on their original), the mandate's
// summary with the actions done in their name and the button that revokes it (reached by the code or by the link sent
// at signature), and the confirmation.

const LIBELLES = { reference: 'Référence du mandat', code: 'Code de révocation' };

/** The form; `erreur`: the one message of a wrong pair (whatever was wrong). */
export function PageFormulaireRevocation({
  ctx,
  etat,
  erreur,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  erreur?: string;
}) {
  const titre = 'Révoquer un mandat';
  const enErreur = erreur ? { ...etat, erreurs: { ...etat.erreurs, _: erreur } } : etat;
  return (
    <Layout titre={titreFormulaire(titre, enErreur)} ctx={ctx}>
      <h1>{titre}</h1>
      <p class="fr-text--lead">
        Vous avez signé dans un espace France services un mandat qui permet à un agent de faire des démarches en votre
        nom. Vous pouvez y mettre fin à tout moment, sans avoir à vous justifier.
      </p>
      <p>
        La référence et le code de révocation sont imprimés sur votre exemplaire du mandat. Vous pourrez voir la liste
        des actions faites en votre nom avant de confirmer.
      </p>
      {erreur && (
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <p>{erreur}</p>
        </div>
      )}
      <ResumeErreurs etat={etat} libelles={LIBELLES} />
      <form method="post" action="/mandats/revocation" noValidate>
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        <Champ
          nom="reference"
          libelle={LIBELLES.reference}
          aide="Format attendu : M- suivi de 8 caractères, par exemple M-7KQ2X9HD."
          etat={etat}
          autocomplete="off"
          longueurMax={20}
        />
        <Champ
          nom="code"
          libelle={LIBELLES.code}
          aide="12 caractères, par exemple K7QM-2XD9-P4TA. Les tirets et les espaces sont facultatifs."
          etat={etat}
          autocomplete="off"
          longueurMax={20}
          sansValeur
        />
        <button type="submit" class="fr-btn">
          Continuer
        </button>
      </form>
      <p class="fr-mt-4w">
        Vous avez perdu votre exemplaire ? Adressez-vous à l’espace France services où vous avez signé : un agent peut
        révoquer le mandat à votre demande.
      </p>
    </Layout>
  );
}

/**
 * The mandate as the citizen sees it: their first name only, its scope and end, the actions done in their name, and
 * (while in force) the button; `champs`: the hidden fields that prove the right to revoke (token of the code or link).
 */
export function PageMandatCitoyen({
  ctx,
  m,
  action,
  champs,
  erreur,
}: {
  ctx: ContextePage;
  m: VueMandat;
  action: string;
  champs: Record<string, string>;
  erreur?: string;
}) {
  const titre = `Votre mandat ${m.reference}`;
  const message = erreur ?? m.message;
  return (
    <Layout titre={titre} ctx={ctx}>
      <h1>{titre}</h1>
      {message && (
        <div class="fr-alert fr-alert--info fr-mb-4w" role={erreur ? 'alert' : undefined}>
          <p>{message}</p>
        </div>
      )}
      <ResumeMandat m={m} nom={m.prenom} />
      <h2 id="titre-actions">Actions faites en votre nom</h2>
      <ListeActions actions={m.actions} />
      {m.etat === 'en_vigueur' && (
        <section class="fr-mt-4w" aria-labelledby="titre-revoquer">
          <h2 id="titre-revoquer">Révoquer ce mandat</h2>
          <ConsequencesRevocation />
          <form method="post" action={action}>
            <input type="hidden" name="_csrf" value={ctx.csrf} />
            {Object.entries(champs).map(([nom, valeur]) => (
              <input type="hidden" name={nom} value={valeur} key={nom} />
            ))}
            <button type="submit" class="fr-btn">
              Révoquer ce mandat
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}

/** The confirmation: "Votre mandat M-… est révoqué depuis le …". */
export function PageRevocationConfirmee({
  ctx,
  reference,
  revoqueLe,
  canal,
}: {
  ctx: ContextePage;
  reference: string;
  revoqueLe: string;
  canal: 'courriel' | 'sms' | null;
}) {
  const titre = 'Mandat révoqué';
  return (
    <Layout titre={titre} ctx={ctx}>
      <h1>{titre}</h1>
      <div class="fr-alert fr-alert--success fr-mb-4w">
        <p>
          Votre mandat {reference} est révoqué depuis le {revoqueLe}.
        </p>
      </div>
      <p>
        Plus aucune démarche ne peut être faite en votre nom sur son fondement. Les démarches déjà faites restent
        valables.
      </p>
      {canal && <p>Une confirmation vous a été envoyée {canal === 'courriel' ? 'par courriel' : 'par SMS'}.</p>}
      <p>Si vous souhaitez de nouveau être accompagné, adressez-vous à votre espace France services.</p>
    </Layout>
  );
}
