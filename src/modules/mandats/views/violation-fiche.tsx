import type { ComponentChildren } from 'preact';
import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonAction,
  Champ,
  type EtatFormulaire,
  Formulaire,
  formulaireVide,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { instantEnClair } from '../violations-delai.ts';
import type { FicheViolation } from '../violations-service.ts';
import {
  LIBELLES_CHAMPS_VIOLATION,
  LIBELLES_NATURES,
  LISTE_MAX,
  type NatureViolation,
} from '../violations-validation.ts';
import { BadgeStatutViolation, TexteMultiligne, ZoneTexteViolation } from './violation-commun.tsx';

// An entry of the breach register (issue 14 point 7): the 72-hour countdown while it is open (computed when the page
// is served: no JavaScript), the alerts already sent, everything recorded, and the decisions of its managers: notified
// to the CNIL (date and number), not notified (with the reason), closed.

/** The states of the page's forms: the one that came back with errors keeps what was typed. */
export interface EtatsViolation {
  notification?: EtatFormulaire;
  nonNotification?: EtatFormulaire;
}

function Compte({ vue }: { vue: FicheViolation }) {
  const v = vue.violation;
  if (vue.compte) {
    return (
      <div class={`fr-alert ${vue.compte.depasse ? 'fr-alert--error' : 'fr-alert--warning'} fr-mb-4w`} id="delai">
        <h2 class="fr-alert__title">{vue.compte.texte}</h2>
        <p>
          {v.alertesEnvoyees.length > 0
            ? `Alertes envoyées aux gestionnaires et à l’administration nationale : ${v.alertesEnvoyees
                .map((h) => `${h} h`)
                .join(', ')} après la découverte.`
            : 'Une alerte part aux gestionnaires et à l’administration nationale 24 h puis 48 h après la découverte tant qu’aucune décision n’est enregistrée.'}
        </p>
      </div>
    );
  }
  const f = vue.fuseau;
  let texte = '';
  if (v.statut === 'notifiee' || (v.statut === 'close' && v.notifieeLe)) {
    const retard = v.notifieeLe && v.notifieeLe.getTime() > vue.echeance.getTime() ? ' (au-delà des 72 heures)' : '';
    texte = `Notifiée à la CNIL le ${instantEnClair(v.notifieeLe as Date, f)}${retard}, numéro ${v.numeroCnil ?? ''}.`;
  } else if (v.motifNonNotification) {
    texte = `Non notifiée à la CNIL${v.nonNotifieeLe ? ` (décision du ${instantEnClair(v.nonNotifieeLe, f)})` : ''}.`;
  }
  return (
    <div class="fr-callout fr-mb-4w" id="delai">
      <p class="fr-callout__text">{texte}</p>
      {v.motifNonNotification && (
        <>
          <p class="fr-text--bold fr-mb-1w">Motif</p>
          <TexteMultiligne texte={v.motifNonNotification} />
        </>
      )}
      {v.closeLe && <p>Close le {instantEnClair(v.closeLe, f)}.</p>}
    </div>
  );
}

function Element({ titre, children }: { titre: string; children: ComponentChildren }) {
  return (
    <>
      <dt class="fr-text--bold">{titre}</dt>
      <dd class="fr-mb-2w">{children}</dd>
    </>
  );
}

function Contenu({ vue }: { vue: FicheViolation }) {
  const v = vue.violation;
  const f = vue.fuseau;
  return (
    <dl class="fr-mb-4w">
      <Element titre="Registre">{v.structure ?? 'Niveau national'}</Element>
      <Element titre="Découverte">{instantEnClair(v.decouverteLe, f)}</Element>
      <Element titre="Début de la violation">{v.survenueLe ? instantEnClair(v.survenueLe, f) : 'inconnu'}</Element>
      <Element titre="Nature">
        <ul>
          {v.nature.map((n) => (
            <li key={n}>{LIBELLES_NATURES[n as NatureViolation] ?? n}</li>
          ))}
        </ul>
      </Element>
      <Element titre="Circonstances">
        <TexteMultiligne texte={v.description} />
      </Element>
      <Element titre="Catégories de données">
        <TexteMultiligne texte={v.categoriesDonnees} />
      </Element>
      <Element titre="Nombre d’enregistrements">
        {v.nombreEnregistrements?.toLocaleString('fr-FR') ?? 'inconnu'}
      </Element>
      <Element titre="Catégories de personnes">
        <TexteMultiligne texte={v.categoriesPersonnes} />
      </Element>
      <Element titre="Nombre de personnes">{v.nombrePersonnes?.toLocaleString('fr-FR') ?? 'inconnu'}</Element>
      <Element titre="Conséquences probables">
        <TexteMultiligne texte={v.consequences} />
      </Element>
      <Element titre="Mesures prises">
        <TexteMultiligne texte={v.mesuresPrises} />
      </Element>
      <Element titre="Mesures envisagées">
        <TexteMultiligne texte={v.mesuresEnvisagees} />
      </Element>
      <Element titre="Information des personnes">
        <TexteMultiligne texte={v.informationPersonnes} />
      </Element>
      <Element titre="Inscrite au registre">le {instantEnClair(v.creeLe, f)}</Element>
    </dl>
  );
}

function Decisions({ ctx, vue, etats }: { ctx: ContextePage; vue: FicheViolation; etats: EtatsViolation }) {
  const base = `/violations/${vue.violation.id}`;
  const notification = etats.notification ?? formulaireVide;
  const nonNotification = etats.nonNotification ?? formulaireVide;
  return (
    <>
      {vue.actions.notifier && (
        <section class="fr-mb-4w" aria-labelledby="titre-notification">
          <h2 id="titre-notification">Notifiée à la CNIL</h2>
          <p>Après la notification sur le site de la CNIL, enregistrez sa date et le numéro qu’elle vous a donné.</p>
          <Formulaire action={`${base}/notification`} csrf={ctx.csrf} id="formulaire-notification">
            <ResumeErreurs etat={notification} libelles={LIBELLES_CHAMPS_VIOLATION} />
            <Champ
              nom="notifieeLe"
              libelle="Date et heure de la notification"
              aide="Au plus tôt la découverte ; au format JJ/MM/AAAA HH:MM si votre navigateur le demande."
              type="datetime-local"
              etat={notification}
            />
            <Champ
              nom="numeroCnil"
              libelle="Numéro de notification donné par la CNIL"
              etat={notification}
              longueurMax={50}
            />
            <button type="submit" class="fr-btn">
              Enregistrer la notification
            </button>
          </Formulaire>
        </section>
      )}
      {vue.actions.nePasNotifier && (
        <section class="fr-mb-4w" aria-labelledby="titre-non-notification">
          <h2 id="titre-non-notification">Non notifiée</h2>
          <p>
            La CNIL n’est pas notifiée seulement si la violation ne présente pas de risque pour les droits et libertés
            des personnes (RGPD art. 33.1). Le motif reste au registre.
          </p>
          <Formulaire action={`${base}/non-notification`} csrf={ctx.csrf} id="formulaire-non-notification">
            <ResumeErreurs etat={nonNotification} libelles={LIBELLES_CHAMPS_VIOLATION} />
            <ZoneTexteViolation
              nom="motifNonNotification"
              libelle="Pourquoi la violation ne présente pas de risque pour les personnes"
              aide="Par exemple : données chiffrées dont la clé n’a pas été compromise."
              etat={nonNotification}
              max={LISTE_MAX}
            />
            <button type="submit" class="fr-btn fr-btn--secondary">
              Enregistrer la décision de ne pas notifier
            </button>
          </Formulaire>
        </section>
      )}
      {vue.actions.clore && (
        <section class="fr-mb-4w" aria-labelledby="titre-cloture">
          <h2 id="titre-cloture">Close</h2>
          <p>Une fois la violation traitée, closez l’entrée : elle reste au registre.</p>
          <BoutonAction action={`${base}/cloture`} csrf={ctx.csrf} libelle="Clore la violation" secondaire />
        </section>
      )}
    </>
  );
}

/** The page of an entry, with a refused form's state (422) or a refused action's message (409). */
export function PageViolation({
  ctx,
  vue,
  etats = {},
  erreur,
}: {
  ctx: ContextePage;
  vue: FicheViolation;
  etats?: EtatsViolation;
  erreur?: string;
}) {
  const v = vue.violation;
  const titre = `Violation ${v.reference}`;
  const enErreur = Object.values(etats).find((e) => e && Object.keys(e.erreurs).length > 0) ?? formulaireVide;
  return (
    <Layout
      titre={titreFormulaire(titre, enErreur)}
      ctx={ctx}
      filAriane={[
        { href: '/tableau-de-bord', libelle: 'Tableau de bord' },
        { href: '/violations', libelle: 'Violations de données' },
        { libelle: v.reference },
      ]}
    >
      <h1>
        {titre} : {v.titre}
      </h1>
      <BadgeStatutViolation statut={v.statut} />
      {erreur && (
        <div class="fr-alert fr-alert--error fr-my-3w" role="alert">
          <p>{erreur}</p>
        </div>
      )}
      <div class="fr-mt-3w">
        <Compte vue={vue} />
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/violations/${v.id}/cnil`}>
            Brouillon de notification CNIL
          </a>
        </li>
        {vue.actions.modifier && (
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/violations/${v.id}/modifier`}>
              Modifier
            </a>
          </li>
        )}
      </ul>
      <Contenu vue={vue} />
      <Decisions ctx={ctx} vue={vue} etats={etats} />
    </Layout>
  );
}
