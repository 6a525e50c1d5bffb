import type { ContextePage } from '../../../ui/contexte.ts';
import { Champ, type EtatFormulaire, Formulaire, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { Journee } from '../service-journee.ts';
import { LIBELLE_MAX, LIBELLES_CHAMPS_PASSAGE } from '../validation-journee.ts';
import { heure, jourLong, MentionFuseau } from './commun.tsx';
import { EnCours, enMinutes, FileAttente, RendezVousDuJour } from './journee-tableaux.tsx';
import { NavigationLieu } from './navigation.tsx';

// The site's day board (issue 11, point 8). Without JavaScript it is a plain page: every action is a POST form
// answered by a redirect here, and "Rafraîchir" reloads it. With JavaScript, /assets/journee.js reloads the part
// marked `data-journee-direct` every 15 seconds and says so in the polite live region.

interface Props {
  ctx: ContextePage;
  vue: Journee;
  /** The walk-in form, with its errors when it came back (422). */
  etat: EtatFormulaire;
  /** A refused action (an appointment not started yet, a ticket already moved). */
  erreur?: string;
  maintenant: Date;
  /** The site's open requests (its inbox), when the application hands the count over. */
  messagesOuverts?: number;
}

function Ticket({ vue }: { vue: Journee }) {
  const t = vue.ticket;
  if (!t) return null;
  return (
    <div class="fr-callout fr-mb-4w" id="ticket">
      <h2 class="fr-callout__title">Ticket remis</h2>
      <p class="fr-display--sm fr-mb-1w">n° {t.numero}</p>
      <p class="fr-callout__text">
        {t.libelle ? `${t.libelle}, ` : ''}
        {t.rendezVous ? 'venu sur rendez-vous' : 'sans rendez-vous'}, arrivé à {heure(t.arriveLe, vue.site.fuseau)}.
      </p>
    </div>
  );
}

function Accueil({ vue, ctx, etat }: Pick<Props, 'vue' | 'ctx' | 'etat'>) {
  return (
    <section class="fr-mb-4w" aria-labelledby="titre-accueil">
      <h2 id="titre-accueil">Accueillir une personne sans rendez-vous</h2>
      <Formulaire action={`/sites/${vue.site.id}/journee/passages`} csrf={ctx.csrf} id="formulaire-accueil">
        <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS_PASSAGE} />
        <Champ
          nom="libelle"
          libelle="Prénom ou repère"
          aide={`${LIBELLE_MAX} caractères au plus, pour appeler la personne. Aucun nom de famille ni autre donnée personnelle.`}
          etat={etat}
          requis={false}
          longueurMax={LIBELLE_MAX}
          autocomplete="off"
        />
        <button type="submit" class="fr-btn">
          Donner un ticket
        </button>
      </Formulaire>
    </section>
  );
}

/** The board: the ticket just given, the walk-in form, the live part (queue, in progress, appointments). */
export function PageJournee({ ctx, vue, etat, erreur, maintenant, messagesOuverts }: Props) {
  const titre = `Journée – ${vue.site.nom}`;
  const attente = vue.file.length;
  return (
    <Layout
      titre={erreur ? `Erreur – ${titre}` : titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[{ href: '/tableau-de-bord', libelle: 'Tableau de bord' }, { libelle: titre }]}
      scripts={['/assets/journee.js']}
    >
      <h1>{titre}</h1>
      <NavigationLieu siteId={vue.site.id} liens={vue.liens} ici="journee" />
      <p>
        {jourLong(vue.jour)}.{' '}
        <a class="fr-link fr-icon-refresh-line fr-link--icon-left" href={`/sites/${vue.site.id}/journee`}>
          Rafraîchir
        </a>
      </p>
      <MentionFuseau fuseau={vue.site.fuseau} />
      {messagesOuverts !== undefined && (
        <p>
          <a class="fr-link fr-icon-mail-line fr-link--icon-left" href={`/sites/${vue.site.id}/messages`}>
            Messages du lieu ({messagesOuverts === 1 ? '1 demande ouverte' : `${messagesOuverts} demandes ouvertes`})
          </a>
        </p>
      )}
      {erreur && (
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <h2 class="fr-alert__title">Action impossible</h2>
          <p>{erreur}</p>
        </div>
      )}
      <Ticket vue={vue} />
      {vue.agir && <Accueil vue={vue} ctx={ctx} etat={etat} />}
      <p class="fr-text--sm">
        {/* Announced when it changes (the script rewrites it only then); the time beside it is not. */}
        <span id="journee-etat" aria-live="polite">
          {attente === 0 ? 'Personne n’attend' : attente === 1 ? '1 personne attend' : `${attente} personnes attendent`}
          {vue.servis > 0 &&
            `, ${vue.servis} ${vue.servis === 1 ? 'personne reçue' : 'personnes reçues'} aujourd’hui (attente moyenne : ${enMinutes(vue.attenteMoyenne ?? 0)})`}
          .
        </span>{' '}
        <span id="journee-heure">Mis à jour à {heure(maintenant, vue.site.fuseau)}.</span>
      </p>
      <div data-journee-direct id="journee-direct">
        <section class="fr-mb-4w" aria-labelledby="titre-file">
          <h2 id="titre-file">File d’attente</h2>
          <p class="fr-text--sm">
            Les personnes venues sur rendez-vous passent en premier, puis chacune dans l’ordre d’arrivée.
          </p>
          <FileAttente vue={vue} csrf={ctx.csrf} />
        </section>
        <section class="fr-mb-4w" aria-labelledby="titre-en-cours">
          <h2 id="titre-en-cours">En cours d’accueil</h2>
          <EnCours vue={vue} csrf={ctx.csrf} />
        </section>
        <section aria-labelledby="titre-rdv">
          <h2 id="titre-rdv">Rendez-vous du jour</h2>
          <RendezVousDuJour vue={vue} csrf={ctx.csrf} />
        </section>
      </div>
    </Layout>
  );
}
