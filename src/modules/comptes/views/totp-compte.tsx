import type { ComponentChildren } from 'preact';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Champ, type EtatFormulaire, Formulaire, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';

const TITRE = 'Validation en deux étapes';
const JOUR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' };
const APPLICATIONS = 'par exemple FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator';

function Cadre({ ctx, titre, children }: { ctx: ContextePage; titre: string; children: ComponentChildren }) {
  return (
    <Layout titre={titre} ctx={ctx}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">{children}</div>
      </div>
    </Layout>
  );
}

export interface VueEnrolement {
  secretGroupe: string;
  uri: string;
  qrCode: string;
}

/** Enrolment: the app to install, the QR code (or the key to type), and the first code that activates the factor. */
export function PageEnrolement({
  ctx,
  etat,
  enrolement,
  exigeALaConnexion,
  retour,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  enrolement: VueEnrolement;
  /** Where the sign-in goes once enrolled. */
  retour: string;
  /** Reached from a sign-in whose roles require the factor: enrolling completes it. */
  exigeALaConnexion: boolean;
}) {
  return (
    <Cadre ctx={ctx} titre={titreFormulaire(`Activer la ${TITRE.toLowerCase()}`, etat)}>
      <h1>Activer la validation en deux étapes</h1>
      {exigeALaConnexion && (
        <div class="fr-alert fr-alert--info fr-mb-3w">
          <p>
            Votre rôle impose la validation en deux étapes. Activez-la pour terminer votre connexion : à chaque
            connexion, guichet vous demandera ensuite votre mot de passe puis un code à 6 chiffres.
          </p>
        </div>
      )}
      <ResumeErreurs etat={etat} libelles={{ code: 'Code à 6 chiffres' }} />
      <ol>
        <li>
          <h2 class="fr-h6">Installez une application d’authentification</h2>
          <p>Sur votre téléphone, installez une application d’authentification ({APPLICATIONS}).</p>
        </li>
        <li>
          <h2 class="fr-h6">Ajoutez votre compte guichet dans l’application</h2>
          <p>Scannez ce QR code avec l’application :</p>
          <img
            src={enrolement.qrCode}
            width={200}
            height={200}
            alt="QR code à scanner avec votre application d’authentification ; la clé à saisir à la main est donnée juste après"
          />
          <p class="fr-mt-2w">
            Vous ne pouvez pas scanner ? Dans l’application, choisissez la saisie manuelle d’une clé « basée sur le
            temps » et saisissez :
          </p>
          <p>
            <code class="guichet-coupure" id="cle-totp">
              {enrolement.secretGroupe}
            </code>
          </p>
          <details>
            <summary>Adresse complète à copier (otpauth)</summary>
            <p class="fr-text--sm">
              <code class="guichet-coupure">{enrolement.uri}</code>
            </p>
          </details>
        </li>
        <li>
          <h2 class="fr-h6">Saisissez le code affiché par l’application</h2>
          <Formulaire action="/compte/second-facteur" csrf={ctx.csrf}>
            <input type="hidden" name="retour" value={retour} />
            <Champ
              nom="code"
              libelle="Code à 6 chiffres"
              aide="Le code change toutes les 30 secondes."
              autocomplete="one-time-code"
              inputMode="numeric"
              longueurMax={10}
              etat={etat}
              sansValeur
            />
            <button type="submit" class="fr-btn">
              Activer
            </button>
          </Formulaire>
        </li>
      </ol>
      {exigeALaConnexion && (
        <form method="post" action="/deconnexion" class="fr-mt-4w">
          <input type="hidden" name="_csrf" value={ctx.csrf} />
          <button type="submit" class="fr-btn fr-btn--tertiary">
            Annuler et revenir à la connexion
          </button>
        </form>
      )}
    </Cadre>
  );
}

/** The ten recovery codes, shown once, right after they are made. */
export function PageCodesSecours({ ctx, codes, suite }: { ctx: ContextePage; codes: string[]; suite: string }) {
  return (
    <Cadre ctx={ctx} titre="Vos codes de secours">
      <h1>Vos codes de secours</h1>
      <div class="fr-alert fr-alert--warning fr-mb-3w">
        <h2 class="fr-alert__title">Notez-les maintenant : ils ne seront plus affichés</h2>
        <p>
          Chaque code permet une seule connexion si vous n’avez plus accès à votre application d’authentification.
          Gardez-les en lieu sûr, à part de votre téléphone (imprimés ou dans un gestionnaire de mots de passe).
        </p>
      </div>
      <ul>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <a class="fr-btn" href={suite}>
        Je les ai notés
      </a>
    </Cadre>
  );
}

/** The active factor: since when, recovery codes left, new codes, and disabling when the roles allow it. */
export function PageFacteurActif({
  ctx,
  etat,
  activeLe,
  codesSecoursRestants,
  exige,
}: {
  ctx: ContextePage;
  etat: EtatFormulaire;
  activeLe: Date | null;
  codesSecoursRestants: number;
  exige: boolean;
}) {
  const libelles = { codeRegeneration: 'Code pour les nouveaux codes', codeDesactivation: 'Code pour désactiver' };
  return (
    <Cadre ctx={ctx} titre={titreFormulaire(TITRE, etat)}>
      <h1>{TITRE}</h1>
      <p>
        La validation en deux étapes est activée
        {activeLe ? ` depuis le ${activeLe.toLocaleDateString('fr-FR', JOUR)}` : ''}. À chaque connexion par mot de
        passe, guichet vous demande un code de votre application d’authentification.
      </p>
      <ResumeErreurs etat={etat} libelles={libelles} />
      <h2>Codes de secours</h2>
      <p>
        {codesSecoursRestants === 0
          ? 'Il ne vous reste aucun code de secours.'
          : `Il vous reste ${codesSecoursRestants} code${codesSecoursRestants > 1 ? 's' : ''} de secours.`}{' '}
        De nouveaux codes remplacent tous les anciens.
      </p>
      <Formulaire action="/compte/second-facteur/codes-secours" csrf={ctx.csrf}>
        <Champ
          nom="codeRegeneration"
          libelle="Code à 6 chiffres de votre application"
          autocomplete="one-time-code"
          inputMode="numeric"
          longueurMax={10}
          etat={etat}
          sansValeur
        />
        <button type="submit" class="fr-btn fr-btn--secondary">
          Obtenir de nouveaux codes de secours
        </button>
      </Formulaire>
      <h2 class="fr-mt-6w">Désactiver</h2>
      {exige ? (
        <p>La validation en deux étapes est obligatoire pour votre rôle : elle ne peut pas être désactivée.</p>
      ) : (
        <Formulaire action="/compte/second-facteur/desactiver" csrf={ctx.csrf}>
          <Champ
            nom="codeDesactivation"
            libelle="Code à 6 chiffres de votre application"
            aide="Sans validation en deux étapes, votre mot de passe suffira pour vous connecter."
            autocomplete="one-time-code"
            inputMode="numeric"
            longueurMax={10}
            etat={etat}
            sansValeur
          />
          <button type="submit" class="fr-btn fr-btn--tertiary">
            Désactiver la validation en deux étapes
          </button>
        </Formulaire>
      )}
    </Cadre>
  );
}

/** A signed-in account without a password (ProConnect only): nothing to set here. */
export function PageSansMotDePasse({ ctx }: { ctx: ContextePage }) {
  return (
    <Cadre ctx={ctx} titre={TITRE}>
      <h1>{TITRE}</h1>
      <p>
        Votre compte se connecte par ProConnect, sans mot de passe guichet : la validation de votre identité relève de
        ProConnect.
      </p>
    </Cadre>
  );
}
