import type { ContextePage } from '../../../ui/contexte.ts';
import {
  BoutonAction,
  type EtatFormulaire,
  Formulaire,
  formulaireVide,
  Liste,
  Radios,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { FicheDemande } from '../service-boite.ts';
import { LIBELLES_CHAMPS_BOITE, LIBELLES_ISSUES, TEXTE_AGENT_MAX } from '../validation-boite.ts';
import {
  dateEtHeure,
  LIBELLES_CANAL,
  LIBELLES_STATUT,
  TexteMultiligne,
  texteDelai,
  ZoneTexteRequise,
} from './boite-commun.tsx';

// A request of the site's inbox: who wrote and how to answer, the clock, the thread (the person's messages, the
// replies sent, the internal notes, each marked in words and in colour), and the actions of the site's team.

/** The states of the page's forms: the one that came back with errors keeps what was typed. */
export interface EtatsDemande {
  reponse?: EtatFormulaire;
  note?: EtatFormulaire;
  assignation?: EtatFormulaire;
  cloture?: EtatFormulaire;
}

type Message = FicheDemande['fil'][number];

const TITRES_MESSAGE: Record<Message['sens'], (m: Message) => string> = {
  entrant: () => 'Message de la personne',
  reponse: (m) => `Réponse envoyée${m.auteur ? ` par ${m.auteur}` : ''}`,
  note: (m) => `Note interne${m.auteur ? ` de ${m.auteur}` : ''} – jamais envoyée`,
};
const COULEURS: Record<Message['sens'], string> = {
  entrant: 'fr-callout--blue-ecume',
  reponse: 'fr-callout--green-emeraude',
  note: 'fr-callout--yellow-moutarde',
};

function Fil({ vue }: { vue: FicheDemande }) {
  const fuseau = vue.site.fuseau;
  return (
    <section class="fr-mb-4w" aria-labelledby="titre-fil">
      <h2 id="titre-fil">Échanges</h2>
      <ol class="fr-raw-list">
        {vue.fil.map((m) => (
          <li key={m.id} class={`fr-callout ${COULEURS[m.sens]} fr-mb-2w`} data-sens={m.sens}>
            <h3 class="fr-callout__title fr-h6">{TITRES_MESSAGE[m.sens](m)}</h3>
            <p class="fr-text--sm fr-mb-1w">le {dateEtHeure(m.creeLe, fuseau)}</p>
            <TexteMultiligne texte={m.corps} />
            {m.piecesIgnorees > 0 && (
              <p class="fr-text--sm">
                {m.piecesIgnorees === 1
                  ? '1 pièce jointe non conservée'
                  : `${m.piecesIgnorees} pièces jointes non conservées`}{' '}
                (la personne en a été informée).
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Resume({ vue }: { vue: FicheDemande }) {
  const d = vue.demande;
  const fuseau = vue.site.fuseau;
  return (
    <dl class="fr-mb-4w">
      <dt class="fr-text--bold">Personne</dt>
      <dd>{d.nom || 'Sans nom'}</dd>
      {d.courriel && (
        <>
          <dt class="fr-text--bold">Adresse électronique</dt>
          <dd>{d.courriel}</dd>
        </>
      )}
      {d.telephone && (
        <>
          <dt class="fr-text--bold">Téléphone</dt>
          <dd>
            <a href={`tel:${d.telephone.replace(/\s+/g, '')}`}>{d.telephone}</a>
          </dd>
        </>
      )}
      <dt class="fr-text--bold">Reçue</dt>
      <dd>
        le {dateEtHeure(d.recuLe, fuseau)} ({LIBELLES_CANAL[d.canal].toLowerCase()})
      </dd>
      <dt class="fr-text--bold">Réponse promise</dt>
      <dd>
        {d.echeance ? `au plus tard le ${dateEtHeure(d.echeance, fuseau)}` : 'aucune échéance'} ·{' '}
        {texteDelai(d.delai, fuseau)}
      </dd>
      <dt class="fr-text--bold">Statut</dt>
      <dd>
        {LIBELLES_STATUT[d.statut]}
        {d.issue && ` : ${LIBELLES_ISSUES[d.issue]}`}
      </dd>
      <dt class="fr-text--bold">Attribuée à</dt>
      <dd>{d.agent ?? 'personne'}</dd>
    </dl>
  );
}

function Actions({ ctx, vue, etats }: { ctx: ContextePage; vue: FicheDemande; etats: EtatsDemande }) {
  const d = vue.demande;
  const base = `/sites/${vue.site.id}/messages/${d.id}`;
  const parTelephone = !d.courriel;
  const reponse = etats.reponse ?? formulaireVide;
  const assignation = etats.assignation ?? { valeurs: { agent: d.assigneA ?? '' }, erreurs: {} };
  return (
    <>
      <section class="fr-mb-4w" aria-labelledby="titre-repondre">
        <h2 id="titre-repondre">{parTelephone ? 'Répondre par téléphone' : 'Répondre'}</h2>
        {parTelephone ? (
          <p>
            Cette personne n’a laissé qu’un numéro de téléphone : appelez-la au{' '}
            <a href={`tel:${(d.telephone ?? '').replace(/\s+/g, '')}`}>{d.telephone}</a>, puis notez ci-dessous ce qui
            lui a été répondu. Rien ne lui est envoyé ; la réponse est comptée à cet instant.
          </p>
        ) : (
          <p>
            La réponse part par courriel à {d.courriel} avec un lien pour lire l’échange et répondre ; sa réponse
            reviendra dans cette demande.
          </p>
        )}
        <Formulaire action={`${base}/reponses`} csrf={ctx.csrf} id="formulaire-reponse">
          <ResumeErreurs etat={reponse} libelles={LIBELLES_CHAMPS_BOITE} />
          <ZoneTexteRequise
            nom="texte"
            libelle={parTelephone ? 'Compte rendu de l’appel' : 'Réponse'}
            aide={`${TEXTE_AGENT_MAX.toLocaleString('fr-FR')} caractères au plus.`}
            etat={reponse}
            longueurMax={TEXTE_AGENT_MAX}
          />
          <button type="submit" class="fr-btn">
            {parTelephone ? 'Enregistrer la réponse donnée' : 'Envoyer la réponse'}
          </button>
        </Formulaire>
      </section>
      <section class="fr-mb-4w" aria-labelledby="titre-attribuer">
        <h2 id="titre-attribuer">Attribuer</h2>
        {d.assigneA !== vue.acteurId && vue.agents.some((a) => a.id === vue.acteurId) && (
          <Formulaire action={`${base}/attribution`} csrf={ctx.csrf}>
            <input type="hidden" name="agent" value="moi" />
            <button type="submit" class="fr-btn fr-btn--secondary fr-mb-2w">
              M’attribuer cette demande
            </button>
          </Formulaire>
        )}
        <Formulaire action={`${base}/attribution`} csrf={ctx.csrf} id="formulaire-attribution">
          <ResumeErreurs etat={etats.assignation ?? formulaireVide} libelles={LIBELLES_CHAMPS_BOITE} />
          <Liste
            nom="agent"
            libelle="Attribuer à"
            etat={assignation}
            vide="Choisir un agent du lieu"
            options={[
              ...vue.agents.map((a) => ({ valeur: a.id, libelle: `${a.prenom} ${a.nom}` })),
              { valeur: 'aucun', libelle: 'Personne (retirer l’attribution)' },
            ]}
          />
          <button type="submit" class="fr-btn fr-btn--secondary">
            Attribuer
          </button>
        </Formulaire>
      </section>
    </>
  );
}

function Note({ ctx, vue, etat }: { ctx: ContextePage; vue: FicheDemande; etat: EtatFormulaire }) {
  return (
    <section class="fr-mb-4w" aria-labelledby="titre-note">
      <h2 id="titre-note">Note interne</h2>
      <Formulaire action={`/sites/${vue.site.id}/messages/${vue.demande.id}/notes`} csrf={ctx.csrf}>
        <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS_BOITE} />
        <ZoneTexteRequise
          nom="note"
          libelle="Note"
          aide="Pour l’équipe du lieu : jamais envoyée ni montrée à la personne, elle ne compte pas comme réponse."
          etat={etat}
          longueurMax={TEXTE_AGENT_MAX}
          lignes={3}
        />
        <button type="submit" class="fr-btn fr-btn--secondary">
          Ajouter la note
        </button>
      </Formulaire>
    </section>
  );
}

function Cloture({ ctx, vue, etat }: { ctx: ContextePage; vue: FicheDemande; etat: EtatFormulaire }) {
  const base = `/sites/${vue.site.id}/messages/${vue.demande.id}`;
  if (vue.demande.statut === 'close') {
    if (vue.demande.anonymiseLe) return null;
    return (
      <section class="fr-mb-4w" aria-labelledby="titre-rouvrir">
        <h2 id="titre-rouvrir">Rouvrir</h2>
        <p>La personne peut encore écrire par son lien pendant 30 jours après la clôture.</p>
        <BoutonAction action={`${base}/reouverture`} csrf={ctx.csrf} libelle="Rouvrir la demande" secondaire />
      </section>
    );
  }
  return (
    <section class="fr-mb-4w" aria-labelledby="titre-clore">
      <h2 id="titre-clore">Clore la demande</h2>
      <Formulaire action={`${base}/cloture`} csrf={ctx.csrf}>
        <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS_BOITE} />
        <Radios
          nom="issue"
          legende="Issue de la demande"
          etat={etat}
          options={Object.entries(LIBELLES_ISSUES).map(([valeur, libelle]) => ({ valeur, libelle }))}
        />
        <button type="submit" class="fr-btn fr-btn--secondary">
          Clore
        </button>
      </Formulaire>
    </section>
  );
}

/** A request's page; `erreur` is an action refused by the request's state (409). */
export function PageDemande({
  ctx,
  vue,
  etats = {},
  erreur,
}: {
  ctx: ContextePage;
  vue: FicheDemande;
  etats?: EtatsDemande;
  erreur?: string;
}) {
  const d = vue.demande;
  const titre = `Demande ${d.reference}`;
  const enErreur = Object.values(etats).find((e) => e && Object.keys(e.erreurs).length > 0);
  const ouverte = d.statut !== 'close';
  return (
    <Layout
      titre={erreur ? `Erreur – ${titre}` : titreFormulaire(titre, enErreur ?? formulaireVide)}
      ctx={ctx}
      filAriane={[
        { href: '/tableau-de-bord', libelle: 'Tableau de bord' },
        { href: `/sites/${vue.site.id}/messages`, libelle: `Messages – ${vue.site.nom}` },
        { libelle: titre },
      ]}
    >
      <h1>{titre}</h1>
      {d.objet && <p class="fr-text--lead">{d.objet}</p>}
      {erreur && (
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <h2 class="fr-alert__title">Action impossible</h2>
          <p>{erreur}</p>
        </div>
      )}
      <Resume vue={vue} />
      <Fil vue={vue} />
      {vue.agir && ouverte && !d.anonymiseLe && <Actions ctx={ctx} vue={vue} etats={etats} />}
      {vue.agir && <Note ctx={ctx} vue={vue} etat={etats.note ?? formulaireVide} />}
      {vue.agir && <Cloture ctx={ctx} vue={vue} etat={etats.cloture ?? formulaireVide} />}
    </Layout>
  );
}
