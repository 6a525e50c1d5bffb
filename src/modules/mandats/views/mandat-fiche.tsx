import type { ComponentChildren } from 'preact';
import { dateEnClair } from '../../../platform/http/dates.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import {
  Case,
  type EtatFormulaire,
  Formulaire,
  formulaireVide,
  ResumeErreurs,
  titreFormulaire,
} from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { FicheMandat } from '../service-mandat.ts';
import { ligneDuPerimetre } from '../texte-mandat.ts';
import { LIBELLES_CHAMPS_MANDAT, LIBELLES_DUREES, LIBELLES_PIECES } from '../validation.ts';
import { BadgeStatutMandat, dateEtHeure, NomPersonne } from './mandat-commun.tsx';

// A mandate's page (issue 14 point 2): who and what, its steps from preparation to its end, what may be done now
// (print the two originals, record the signature, record the one procedure done, revoke), and its journal.

function Etapes({ m }: { m: FicheMandat['mandat'] }) {
  const f = m.fuseau;
  const etapes: Array<[string, string]> = [[`Préparé le ${dateEtHeure(m.creeLe, f)}`, 'creation']];
  if (m.signeLe) etapes.push([`Signé au guichet le ${dateEtHeure(m.signeLe, f)}`, 'signature']);
  if (m.debut && m.fin) {
    etapes.push([`En vigueur du ${dateEtHeure(m.debut, f)} au ${dateEtHeure(m.fin, f)}`, 'vigueur']);
  } else
    etapes.push([`En vigueur pour ${LIBELLES_DUREES[m.duree].toLowerCase()} à compter de la signature`, 'vigueur']);
  if (m.termineLe) {
    const comment = m.statut === 'revoque' ? 'Révoqué' : 'Terminé';
    etapes.push([`${comment} le ${dateEtHeure(m.termineLe, f)}`, 'fin']);
  }
  return (
    <ol>
      {etapes.map(([texte, cle]) => (
        <li key={cle}>{texte}</li>
      ))}
    </ol>
  );
}

function Actions({
  ctx,
  vue,
  etat,
  erreur,
}: {
  ctx: ContextePage;
  vue: FicheMandat;
  etat: EtatFormulaire;
  erreur?: string;
}) {
  const { mandat: m, actions } = vue;
  return (
    <section class="fr-mb-4w" aria-labelledby="actions-titre">
      <h2 id="actions-titre">Actions</h2>
      {erreur && (
        <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{erreur}</p>
        </div>
      )}
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        {actions.imprimer && (
          <li>
            <a
              class="fr-btn fr-btn--secondary fr-icon-printer-line fr-btn--icon-left"
              href={`/mandats/${m.id}/exemplaires.pdf`}
            >
              Imprimer les exemplaires
              <span class="fr-sr-only"> (PDF, deux exemplaires originaux)</span>
            </a>
          </li>
        )}
        {actions.revoquer && (
          <li>
            <a
              class="fr-btn fr-btn--tertiary fr-icon-close-circle-line fr-btn--icon-left"
              href={`/mandats/${m.id}/revocation`}
            >
              Révoquer
            </a>
          </li>
        )}
      </ul>
      {actions.signer && (
        <Formulaire action={`/mandats/${m.id}/signature`} csrf={ctx.csrf} id="formulaire-signature">
          <h3 class="fr-h6">Enregistrer la signature</h3>
          <ResumeErreurs etat={etat} libelles={LIBELLES_CHAMPS_MANDAT} />
          <Case
            nom="signatures"
            libelle="La personne et l’agent ont signé les deux exemplaires sur place"
            aide="Remettez son exemplaire à la personne, avec son code de révocation ; gardez celui de la structure."
            etat={etat}
          />
          <button type="submit" class="fr-btn">
            Enregistrer la signature
          </button>
        </Formulaire>
      )}
      {actions.terminer && (
        <form method="post" action={`/mandats/${m.id}/demarche-terminee`} class="fr-mt-2w">
          <input type="hidden" name="_csrf" value={ctx.csrf} />
          <p class="fr-text--sm">Le mandat prend fin quand sa démarche est faite.</p>
          <button type="submit" class="fr-btn fr-btn--secondary">
            Démarche terminée
          </button>
        </form>
      )}
    </section>
  );
}

/** The mandate's page; `etat` is a refused signature form (422), `erreur` a refused action's message (409). */
export function PageMandat({
  ctx,
  vue,
  etat = formulaireVide,
  erreur,
  demarches,
}: {
  ctx: ContextePage;
  vue: FicheMandat;
  etat?: EtatFormulaire;
  erreur?: string;
  /** Engineer D's section « Démarches faites sous ce mandat », rendered by its own view. */
  demarches?: ComponentChildren;
}) {
  const m = vue.mandat;
  const titre = `Mandat ${m.reference}`;
  return (
    <Layout
      titre={titreFormulaire(titre, etat)}
      ctx={ctx}
      filAriane={[
        { href: '/tableau-de-bord', libelle: 'Tableau de bord' },
        { href: `/sites/${m.siteId}/mandats`, libelle: 'Mandats' },
        { libelle: m.reference },
      ]}
    >
      <h1>{titre}</h1>
      <BadgeStatutMandat statut={m.statut} />
      <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        <section class="fr-col-12 fr-col-md-6" aria-labelledby="personne-titre">
          <h2 id="personne-titre" class="fr-h4">
            La personne (mandant)
          </h2>
          <p>
            <NomPersonne prenom={m.prenom} nom={m.nom} />
            {m.dateNaissance && `, née ou né le ${dateEnClair(m.dateNaissance)}`}
          </p>
          <p class="fr-text--sm">
            Pièce d’identité vue : {LIBELLES_PIECES[m.pieceIdentite].toLowerCase()} (ni copie ni numéro conservés).
            <br />
            {m.courriel || m.telephone
              ? `Lien de révocation à distance : ${[m.courriel, m.telephone].filter(Boolean).join(' ou ')}.`
              : 'Aucun moyen de contact : la personne révoque avec le code de son exemplaire ou au guichet.'}
          </p>
        </section>
        <section class="fr-col-12 fr-col-md-6" aria-labelledby="mandat-titre">
          <h2 id="mandat-titre" class="fr-h4">
            Le mandat
          </h2>
          <p class="fr-text--sm">
            Mandataire : {m.site === m.structure ? m.structure : `${m.structure}, ${m.site}`}
            {m.agentPrenom && (
              <>
                {' '}
                (préparé par <bdi>{`${m.agentPrenom} ${m.agentNom ?? ''}`.trim()}</bdi>)
              </>
            )}
            <br />
            Durée : {LIBELLES_DUREES[m.duree].toLowerCase()}
            <br />
            Information donnée : version {m.versionNotice}
            <br />
            Empreinte du texte : <code class="guichet-coupure">{m.empreinteTexte}</code>
          </p>
        </section>
      </div>
      <section aria-labelledby="perimetre-titre">
        <h2 id="perimetre-titre" class="fr-h4">
          Démarches confiées
        </h2>
        <ul>
          {vue.perimetre.map((p) => (
            <li key={p.partenaireId}>{ligneDuPerimetre(p)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="etapes-titre">
        <h2 id="etapes-titre" class="fr-h4">
          Étapes
        </h2>
        <Etapes m={m} />
      </section>
      <Actions ctx={ctx} vue={vue} etat={etat} erreur={erreur} />
      {/* ——— Engineer D: « Démarches faites sous ce mandat » (requests, appointments, cases) goes here. ——— */}
      {demarches}
      <section aria-labelledby="journal-titre">
        <h2 id="journal-titre" class="fr-h4">
          Journal du mandat
        </h2>
        <p class="fr-text--sm">
          Chaque action faite sur ce mandat ou en son nom, enregistrée sans modification possible.
        </p>
        {vue.journal.length === 0 ? (
          <p>Aucune entrée.</p>
        ) : (
          <CadreTableau
            legende="Entrées du journal, de la plus ancienne à la plus récente"
            defilable
            classe="fr-mt-3w guichet-table-defilante"
            entetes={['N°', 'Date', 'Action']}
          >
            {vue.journal.map((e) => (
              <tr key={e.numero}>
                <td>{e.numero}</td>
                <td>{dateEtHeure(e.le, m.fuseau)}</td>
                <td>{e.libelle}</td>
              </tr>
            ))}
          </CadreTableau>
        )}
      </section>
    </Layout>
  );
}
