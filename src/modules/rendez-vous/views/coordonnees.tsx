import type { ContextePage } from '../../../ui/contexte.ts';
import { ChampPiege, ChampsCoordonnees } from '../../../ui/coordonnees.tsx';
import { Case, type EtatFormulaire, Formulaire, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { MotifPublic } from '../service.ts';
import {
  Adresse,
  dateEtHeure,
  duree,
  heure,
  Instructions,
  jourLong,
  LIBELLES_CANAUX,
  MentionFuseau,
  type SiteReservation,
} from './commun.tsx';
import type { JourCreneaux } from './reservation.tsx';

/** How long a booking's personal data is kept (the retention rule of appointments). */
export const CONSERVATION = '3 mois après la date du rendez-vous';

const LIBELLES = {
  debut: 'Créneau',
  nom: 'Nom et prénom',
  courriel: 'Adresse électronique',
  telephone: 'Téléphone mobile',
  consentement: 'Accord',
  siteWeb: 'Site web',
};

/** Another slot to choose, when the one chosen was taken meanwhile: radio buttons, day by day, in the same form. */
function AutresCreneaux({ jours, fuseau, erreur }: { jours: JourCreneaux[]; fuseau: string; erreur: string }) {
  const libres = jours.filter((j) => j.creneaux.length > 0);
  return (
    <fieldset class="fr-fieldset fr-fieldset--error" id="debut" aria-labelledby="debut-legende debut-messages">
      <legend class="fr-fieldset__legend" id="debut-legende">
        <h2 class="fr-h4 fr-mb-0">Choisissez un autre créneau</h2>
      </legend>
      <div class="fr-messages-group fr-mb-2w" id="debut-messages" aria-live="polite">
        <p class="fr-message fr-message--error">{erreur}</p>
      </div>
      {libres.length === 0 && (
        <p class="fr-fieldset__element">
          Plus aucun créneau n’est libre ces jours-ci : revenez à la liste des créneaux.
        </p>
      )}
      {libres.map((j) => (
        <fieldset class="fr-fieldset__element fr-fieldset" key={j.date} aria-labelledby={`jour-${j.date}`}>
          <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`jour-${j.date}`}>
            {jourLong(j.date)}
          </legend>
          {j.creneaux.map((c) => (
            <div class="fr-fieldset__element fr-fieldset__element--inline" key={c.debut.toISOString()}>
              <div class="fr-radio-group">
                <input type="radio" id={`debut-${c.debut.getTime()}`} name="debut" value={c.debut.toISOString()} />
                <label class="fr-label" for={`debut-${c.debut.getTime()}`}>
                  {heure(c.debut, fuseau)}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}

/**
 * Step 3: who comes, how to reach them, their consent. Sent back with 422 and the fields' errors; with 409 and other
 * slots (`conflit`) when the chosen one was taken meanwhile, the contact typed kept.
 */
export function PageCoordonnees({
  ctx,
  site,
  motif,
  debut,
  etat,
  conflit,
}: {
  ctx: ContextePage;
  site: SiteReservation;
  motif: MotifPublic;
  debut: Date;
  etat: EtatFormulaire;
  conflit?: { message: string; jours: JourCreneaux[] };
}) {
  const fuseau = site.fuseauHoraire;
  const titre = `${conflit ? 'Créneau indisponible' : 'Vos coordonnées'} – ${site.nom}`;
  return (
    <Layout
      titre={conflit ? `Erreur – ${titre}` : titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[{ href: `/lieux/${site.id}`, libelle: site.nom }, { libelle: 'Vos coordonnées' }]}
    >
      <h1>{conflit ? 'Ce créneau n’est plus disponible' : 'Vos coordonnées'}</h1>
      {conflit && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{conflit.message}</p>
        </div>
      )}
      <div class="fr-callout fr-mb-3w">
        <h2 class="fr-callout__title fr-h6">{motif.nom}</h2>
        <p class="fr-callout__text fr-text--md">
          {!conflit && (
            <>
              Le {dateEtHeure(debut, fuseau)} ({duree(motif.duree)}, {LIBELLES_CANAUX[motif.canal]})
              <br />
            </>
          )}
          {site.nom}, {site.adresse}, {site.codePostal} {site.commune}
        </p>
        {motif.instructions.trim() && (
          <p class="fr-text--sm fr-mb-0">
            À apporter : <Instructions texte={motif.instructions} />
          </p>
        )}
      </div>
      <MentionFuseau fuseau={fuseau} />
      {!conflit && (
        <p>
          <a
            class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
            href={`/lieux/${site.id}/rendez-vous/creneaux?motif=${motif.id}`}
          >
            Choisir un autre créneau
          </a>
        </p>
      )}
      <ResumeErreurs etat={conflit ? { ...etat, erreurs: {} } : etat} libelles={LIBELLES} />
      <Formulaire action={`/lieux/${site.id}/rendez-vous`} csrf={ctx.csrf}>
        <input type="hidden" name="motif" value={motif.id} />
        {conflit ? (
          <AutresCreneaux jours={conflit.jours} fuseau={fuseau} erreur={conflit.message} />
        ) : (
          <input type="hidden" name="debut" value={debut.toISOString()} />
        )}
        <p class="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <ChampsCoordonnees
          etat={etat}
          libelles={LIBELLES}
          aides={{ courriel: 'Par exemple nom@exemple.fr', telephone: 'Pour un SMS, par exemple 06 12 34 56 78' }}
          consigne="Pour recevoir la confirmation et le lien d’annulation : une adresse électronique, un téléphone mobile, ou les deux."
        />
        <ChampPiege nom="siteWeb" etat={etat} />
        <Case
          nom="consentement"
          libelle="J’accepte que mes coordonnées servent à ce rendez-vous"
          aide={`${site.nom} conserve votre nom, votre adresse électronique et votre numéro de téléphone pour gérer ce rendez-vous : vous envoyer la confirmation, vous prévenir d’un changement. Ils ne sont transmis à personne d’autre et sont effacés ${CONSERVATION}.`}
          etat={etat}
        />
        <button type="submit" class="fr-btn">
          Confirmer le rendez-vous
        </button>
      </Formulaire>
    </Layout>
  );
}

/** After booking: what, when, where, what to bring, and where the confirmation went. */
export function PageConfirmation({
  ctx,
  site,
  motif,
  debut,
  envoi,
}: {
  ctx: ContextePage;
  site: SiteReservation;
  motif: MotifPublic;
  debut: Date;
  envoi: { courriel: boolean; sms: boolean };
}) {
  const fuseau = site.fuseauHoraire;
  const par = envoi.courriel && envoi.sms ? 'par courriel et par SMS' : envoi.courriel ? 'par courriel' : 'par SMS';
  return (
    <Layout titre={`Rendez-vous confirmé – ${site.nom}`} ctx={ctx}>
      <div class="fr-alert fr-alert--success fr-mb-3w">
        <h1 class="fr-alert__title">Votre rendez-vous est confirmé</h1>
        <p>Une confirmation vous a été envoyée {par}.</p>
      </div>
      <h2>Votre rendez-vous</h2>
      <ul>
        <li>
          <strong>Quand :</strong> le {dateEtHeure(debut, fuseau)} ({duree(motif.duree)})
        </li>
        <li>
          <strong>Pour :</strong> {motif.nom}, {LIBELLES_CANAUX[motif.canal]}
        </li>
      </ul>
      <MentionFuseau fuseau={fuseau} />
      <h2>Où</h2>
      <Adresse site={site} />
      {motif.instructions.trim() && (
        <>
          <h2 class="fr-mt-3w">À apporter</h2>
          <p>
            <Instructions texte={motif.instructions} />
          </p>
        </>
      )}
      <h2 class="fr-mt-3w">Un empêchement ?</h2>
      <p>
        Le message de confirmation contient un lien pour annuler ce rendez-vous. Annulez-le dès que possible : le
        créneau pourra servir à quelqu’un d’autre.
      </p>
      <p>
        <a class="fr-link" href={`/lieux/${site.id}`}>
          Retour à la page de {site.nom}
        </a>
      </p>
    </Layout>
  );
}
