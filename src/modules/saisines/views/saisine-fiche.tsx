import { formaterJour } from '../../../platform/formats/dates.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonAction,
  type EtatFormulaire,
  Formulaire,
  formulaireVide,
  Radios,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { FicheSaisine } from '../service.ts';
import { LIBELLES_CHAMPS_SAISINE, LIBELLES_ISSUES_SAISINE, LIBELLES_URGENCES } from '../validation.ts';
import { SectionPieces } from './pieces.tsx';
import { BadgeStatut, BadgeUrgence, dateEtHeure, TexteMultiligne } from './saisine-commun.tsx';
import { ZoneTexteRequise } from './saisine-formulaire.tsx';

// A case's page (issue 13, point 3): what was asked and of whom, the person's minimal identity and its legal basis,
// the thread between the site and the référent, and the actions of people (take in hand, answer, close with an outcome).

/** The states of the page's forms: the one that came back with errors keeps what was typed. */
export interface EtatsSaisine {
  message?: EtatFormulaire;
  cloture?: EtatFormulaire;
}

type Message = FicheSaisine['fil'][number];

const TITRES: Record<Message['auteur'], (m: Message, partenaire: string) => string> = {
  systeme: () => 'Suivi',
  agent: (m) => `Message du lieu${m.nom ? ` – ${m.nom}` : ''}`,
  referent: (m, partenaire) => `Réponse du référent ${partenaire}${m.nom ? ` – ${m.nom}` : ''}`,
  coordinateur: (m) => `Message de la coordination${m.nom ? ` – ${m.nom}` : ''}`,
};
const COULEURS: Record<Message['auteur'], string> = {
  systeme: 'fr-callout--beige-gris-galet',
  agent: 'fr-callout--blue-ecume',
  referent: 'fr-callout--green-emeraude',
  coordinateur: 'fr-callout--yellow-moutarde',
};

const jourLong = (iso: string) =>
  formaterJour(iso, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

function Resume({ vue }: { vue: FicheSaisine }) {
  const s = vue.saisine;
  const f = s.fuseau;
  return (
    <dl class="fr-mb-4w">
      <dt class="fr-text--bold">Partenaire</dt>
      <dd>{s.partenaire}</dd>
      <dt class="fr-text--bold">Lieu</dt>
      <dd>{s.site}</dd>
      <dt class="fr-text--bold">Référent</dt>
      <dd>{s.referent ?? 'Aucun référent disponible : la coordination départementale a été prévenue.'}</dd>
      <dt class="fr-text--bold">Urgence</dt>
      <dd>{LIBELLES_URGENCES[s.urgence]}</dd>
      <dt class="fr-text--bold">Créée</dt>
      <dd>le {dateEtHeure(s.creeLe, f)}</dd>
      <dt class="fr-text--bold">Première réponse attendue</dt>
      <dd>au plus tard le {dateEtHeure(s.echeance, f)}</dd>
      {s.priseEnChargeLe && (
        <>
          <dt class="fr-text--bold">Prise en charge</dt>
          <dd>le {dateEtHeure(s.priseEnChargeLe, f)}</dd>
        </>
      )}
      {s.premiereReponseLe && (
        <>
          <dt class="fr-text--bold">Première réponse</dt>
          <dd>le {dateEtHeure(s.premiereReponseLe, f)}</dd>
        </>
      )}
    </dl>
  );
}

function Personne({ vue }: { vue: FicheSaisine }) {
  const s = vue.saisine;
  if (s.anonymiseLe) {
    return <p class="fr-mb-4w">Les données personnelles de cette saisine ont été effacées (durée de conservation).</p>;
  }
  return (
    <section class="fr-mb-4w" aria-labelledby="titre-personne">
      <h2 id="titre-personne">La personne</h2>
      <dl>
        <dt class="fr-text--bold">Nom</dt>
        <dd>
          {s.prenom} {s.nom}
        </dd>
        {s.dateNaissance && (
          <>
            <dt class="fr-text--bold">Date de naissance</dt>
            <dd>{jourLong(s.dateNaissance)}</dd>
          </>
        )}
        <dt class="fr-text--bold">Numéro de dossier chez le partenaire</dt>
        <dd>{s.numeroDossier ?? 'non renseigné'}</dd>
        <dt class="fr-text--bold">Base légale</dt>
        <dd>
          {s.baseLegale === 'consentement' && s.consentementLe
            ? `Consentement recueilli au guichet le ${dateEtHeure(s.consentementLe, s.fuseau)}`
            : 'Mandat'}
        </dd>
      </dl>
      <h2 id="titre-question">Question posée au référent</h2>
      <TexteMultiligne texte={s.question} />
    </section>
  );
}

function Fil({ vue }: { vue: FicheSaisine }) {
  return (
    <section class="fr-mb-4w" aria-labelledby="titre-fil">
      <h2 id="titre-fil">Échanges</h2>
      <ol class="fr-raw-list">
        {vue.fil.map((m) => (
          <li key={m.id} class={`fr-callout ${COULEURS[m.auteur]} fr-mb-2w`} data-auteur={m.auteur}>
            <h3 class="fr-callout__title fr-h6">{TITRES[m.auteur](m, vue.saisine.partenaire)}</h3>
            <p class="fr-text--sm fr-mb-1w">le {dateEtHeure(m.creeLe, vue.saisine.fuseau)}</p>
            <TexteMultiligne texte={m.corps} />
          </li>
        ))}
      </ol>
    </section>
  );
}

const LIBELLES_ECRIRE: Record<'referent' | 'agent' | 'coordinateur', { titre: string; champ: string; aide: string }> = {
  referent: {
    titre: 'Répondre au lieu',
    champ: 'Votre réponse',
    aide: 'Le lieu est prévenu par courriel, sans donnée personnelle. Votre première réponse marque la saisine « Réponse apportée ».',
  },
  agent: {
    titre: 'Écrire au référent',
    champ: 'Votre message',
    aide: 'Le référent est prévenu par courriel, sans donnée personnelle.',
  },
  coordinateur: {
    titre: 'Écrire dans la saisine',
    champ: 'Votre message',
    aide: 'Visible du lieu et du référent.',
  },
};

function Actions({ ctx, vue, etats }: { ctx: ContextePage; vue: FicheSaisine; etats: EtatsSaisine }) {
  const base = `/saisines/${vue.saisine.id}`;
  const ecrire = vue.actions.ecrire;
  const message = etats.message ?? formulaireVide;
  const cloture = etats.cloture ?? formulaireVide;
  return (
    <>
      {vue.actions.prendreEnCharge && (
        <section class="fr-mb-4w" aria-labelledby="titre-prise">
          <h2 id="titre-prise">Prendre en charge</h2>
          <p>Indiquez au lieu que vous traitez cette saisine.</p>
          <BoutonAction action={`${base}/prise-en-charge`} csrf={ctx.csrf} libelle="Prendre en charge" />
        </section>
      )}
      {ecrire && (
        <section class="fr-mb-4w" aria-labelledby="titre-ecrire">
          <h2 id="titre-ecrire">{LIBELLES_ECRIRE[ecrire].titre}</h2>
          <Formulaire action={`${base}/messages`} csrf={ctx.csrf} id="formulaire-message">
            <ResumeErreurs etat={message} libelles={LIBELLES_CHAMPS_SAISINE} />
            <ZoneTexteRequise
              nom="texte"
              libelle={LIBELLES_ECRIRE[ecrire].champ}
              aide={LIBELLES_ECRIRE[ecrire].aide}
              etat={message}
              lignes={5}
            />
            <button type="submit" class="fr-btn">
              Envoyer
            </button>
          </Formulaire>
        </section>
      )}
      {vue.actions.clore && (
        <section class="fr-mb-4w" aria-labelledby="titre-clore">
          <h2 id="titre-clore">Clôturer la saisine</h2>
          <Formulaire action={`${base}/cloture`} csrf={ctx.csrf} id="formulaire-cloture">
            <ResumeErreurs etat={cloture} libelles={LIBELLES_CHAMPS_SAISINE} />
            <Radios
              nom="issue"
              legende="Issue de la saisine"
              aide="Elle est montrée au lieu et au référent ; les pièces jointes sont alors supprimées."
              etat={cloture}
              options={Object.entries(LIBELLES_ISSUES_SAISINE).map(([valeur, libelle]) => ({ valeur, libelle }))}
            />
            <button type="submit" class="fr-btn fr-btn--secondary">
              Clôturer
            </button>
          </Formulaire>
        </section>
      )}
    </>
  );
}

/** A case's page; `erreur` is an action refused by the case's state (409). */
export function PageSaisine({
  ctx,
  vue,
  etats = {},
  erreur,
}: {
  ctx: ContextePage;
  vue: FicheSaisine;
  etats?: EtatsSaisine;
  erreur?: string;
}) {
  const s = vue.saisine;
  const titre = `Saisine ${s.reference} – ${s.partenaire}`;
  const enErreur = Object.values(etats).find((e) => e && Object.keys(e.erreurs).length > 0);
  return (
    <Layout
      titre={erreur ? `Erreur – ${titre}` : titreFormulaire(titre, enErreur ?? formulaireVide)}
      ctx={ctx}
      filAriane={[
        { href: '/tableau-de-bord', libelle: 'Tableau de bord' },
        { href: '/saisines', libelle: 'Saisines' },
        { libelle: `Saisine ${s.reference}` },
      ]}
    >
      <h1>{titre}</h1>
      <ul class="fr-badges-group fr-mb-2w">
        <li>
          <BadgeStatut statut={s.statut} />
        </li>
        {s.urgence !== 'aucune' && (
          <li>
            <BadgeUrgence urgence={s.urgence} />
          </li>
        )}
      </ul>
      {erreur && (
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <h2 class="fr-alert__title">Action impossible</h2>
          <p>{erreur}</p>
        </div>
      )}
      {s.statut === 'cloturee' && s.issue && s.clotureLe && (
        <div class="fr-alert fr-alert--info fr-mb-4w" id="issue-saisine">
          <h2 class="fr-alert__title">Saisine clôturée : {LIBELLES_ISSUES_SAISINE[s.issue].toLowerCase()}</h2>
          <p>Clôturée le {dateEtHeure(s.clotureLe, s.fuseau)}.</p>
        </div>
      )}
      <Resume vue={vue} />
      <Personne vue={vue} />
      <Fil vue={vue} />
      <SectionPieces
        csrf={ctx.csrf}
        saisineId={s.id}
        fuseau={s.fuseau}
        pieces={vue.pieces.pieces}
        peutDeposer={vue.pieces.peutDeposer}
      />
      <Actions ctx={ctx} vue={vue} etats={etats} />
    </Layout>
  );
}
