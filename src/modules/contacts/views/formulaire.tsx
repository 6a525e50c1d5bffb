import type { ContextePage } from '../../../ui/contexte.ts';
import { ChampPiege, ChampsCoordonnees } from '../../../ui/coordonnees.tsx';
import {
  Case,
  type EtatFormulaire,
  Formulaire,
  ResumeErreurs,
  titreFormulaire,
  valeur,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { CONSERVATION_TEXTE } from '../conservation.ts';
import { CHAMP_PIEGE, type SiteContact } from '../service-formulaire.ts';
import { echeanceEnClair } from '../service-reception.ts';
import { CORPS_FORMULAIRE_MAX } from '../validation-reception.ts';

// The public contact form of a site and its acknowledgement (issue 12). Works without JavaScript; /assets/compteur.js
// only adds a live count of the message's characters.

const LIBELLES = {
  nom: 'Nom et prénom',
  courriel: 'Adresse électronique',
  telephone: 'Téléphone',
  corps: 'Votre message',
  consentement: 'Accord',
};

const MAX_TEXTE = CORPS_FORMULAIRE_MAX.toLocaleString('fr-FR');

function Adresse({ site }: { site: SiteContact }) {
  return (
    <p class="fr-mb-1w">
      {site.nom}, {site.adresse}, {site.codePostal} {site.commune}
    </p>
  );
}

/** The message: a textarea bounded to 2,000 characters, its error linked, and the counter the script fills in. */
function ZoneMessage({ etat }: { etat: EtatFormulaire }) {
  const erreur = etat.erreurs.corps;
  return (
    <div class={`fr-input-group${erreur ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for="corps">
        {LIBELLES.corps}
        <span class="fr-hint-text">
          {MAX_TEXTE} caractères au maximum. Ne joignez pas de document : décrivez votre démarche, vous apporterez les
          pièces au rendez-vous.
        </span>
      </label>
      <textarea
        class={`fr-input${erreur ? ' fr-input--error' : ''}`}
        id="corps"
        name="corps"
        rows={8}
        required
        maxLength={CORPS_FORMULAIRE_MAX}
        data-compteur="corps-compteur"
        aria-invalid={erreur ? 'true' : undefined}
        aria-describedby="corps-messages corps-compteur"
      >
        {valeur(etat, 'corps')}
      </textarea>
      <p class="fr-hint-text fr-mt-1w" id="corps-compteur" hidden />
      <div class="fr-messages-group" id="corps-messages" aria-live="polite">
        {erreur && (
          <p class="fr-message fr-message--error" id="corps-erreur">
            {erreur}
          </p>
        )}
      </div>
    </div>
  );
}

/** The form: name, an email or a phone, the message, the consent with who keeps what and how long, the honeypot. */
export function PageContact({ ctx, site, etat }: { ctx: ContextePage; site: SiteContact; etat: EtatFormulaire }) {
  const titre = `Écrire à ${site.nom}`;
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[{ href: `/lieux/${site.id}`, libelle: site.nom }, { libelle: 'Écrire à ce lieu' }]}
      scripts={['/assets/compteur.js']}
    >
      <h1>{titre}</h1>
      <Adresse site={site} />
      <p>
        Posez votre question sans créer de compte : un conseiller ou une conseillère France services vous répond sous 72
        heures ouvrées. Vous pouvez aussi écrire à <a href={`mailto:${site.adresseContact}`}>{site.adresseContact}</a>.
      </p>
      <ResumeErreurs etat={etat} libelles={LIBELLES} />
      <Formulaire action={`/lieux/${site.id}/contact`} csrf={ctx.csrf}>
        <p class="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <ChampsCoordonnees
          etat={etat}
          libelles={LIBELLES}
          aides={{ courriel: 'Par exemple nom@exemple.fr', telephone: 'Par exemple 06 12 34 56 78' }}
          consigne="Pour recevoir la réponse : une adresse électronique, un téléphone, ou les deux."
        />
        <ZoneMessage etat={etat} />
        <ChampPiege nom={CHAMP_PIEGE} etat={etat} />
        <Case
          nom="consentement"
          libelle="J’accepte que mes coordonnées et mon message servent à me répondre"
          aide={`Responsable du traitement : ${site.structureNom}, qui porte ${site.nom}. Votre nom, vos coordonnées et votre message servent uniquement à répondre à votre demande ; ils ne sont transmis à personne d’autre et sont effacés ${CONSERVATION_TEXTE}. Pour les consulter, les corriger ou les faire effacer, écrivez à ${site.adresseContact}.`}
          etat={etat}
        />
        <button type="submit" class="fr-btn">
          Envoyer le message
        </button>
      </Formulaire>
    </Layout>
  );
}

/** After sending: the reference, by when the answer is promised (site's clock), where the acknowledgement went. */
export function PageContactEnvoye({
  ctx,
  site,
  reference,
  echeance,
  courriel,
  sms,
}: {
  ctx: ContextePage;
  site: SiteContact;
  reference: string;
  echeance: Date | null;
  courriel: boolean;
  sms: boolean;
}) {
  return (
    <Layout
      titre={`Message envoyé – ${site.nom}`}
      ctx={ctx}
      filAriane={[{ href: `/lieux/${site.id}`, libelle: site.nom }, { libelle: 'Message envoyé' }]}
    >
      <div class="fr-alert fr-alert--success fr-mb-3w">
        <h1 class="fr-alert__title">Votre message a été envoyé</h1>
        <p>
          Référence : <strong>{reference}</strong>
        </p>
      </div>
      <p class="fr-text--lead">
        {echeance
          ? `Vous recevrez une réponse au plus tard le ${echeanceEnClair(echeance, site.fuseau)}.`
          : `${site.nom} vous répondra dès que possible.`}
      </p>
      <p>
        {courriel
          ? 'Un accusé de réception vous a été envoyé par courriel.'
          : sms
            ? 'Un accusé de réception vous a été envoyé par SMS.'
            : 'Notez votre référence : elle vous sera demandée si vous appelez.'}{' '}
        Pour compléter votre message, écrivez à <a href={`mailto:${site.adresseContact}`}>{site.adresseContact}</a> en
        rappelant la référence {reference}.
      </p>
      <Adresse site={site} />
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/lieux/${site.id}`}>
          Retour à la page du lieu
        </a>
      </p>
    </Layout>
  );
}
