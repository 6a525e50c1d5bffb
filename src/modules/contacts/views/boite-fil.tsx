import { type EtatLien, TEXTES_LIEN } from '../../../platform/liens/index.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { type EtatFormulaire, ResumeErreurs, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { FilPublic } from '../service-fil.ts';
import { TEXTE_PERSONNE_MAX } from '../validation-boite.ts';
import { dateEtHeure, TexteMultiligne, ZoneTexteRequise } from './boite-commun.tsx';

// The person's page of their request, opened by the link sent with each reply: their messages and the site's replies
// (never the team's internal notes), and a form to write again. Opening the link changes nothing.

/** The thread and the reply form (`etat`: the form sent back with its errors, 422). */
export function PageFil({
  ctx,
  fil,
  jeton,
  etat,
}: {
  ctx: ContextePage;
  fil: FilPublic;
  jeton: string;
  etat: EtatFormulaire;
}) {
  const d = fil.demande;
  const titre = `Votre demande à ${d.siteNom}`;
  return (
    <Layout titre={titreFormulaire(titre, etat)} ctx={ctx}>
      <h1>{titre}</h1>
      <p>
        Référence {d.reference}
        {d.objet ? ` · ${d.objet}` : ''}.
        {d.statut === 'close' && ' Cette demande est close ; si vous écrivez, elle sera rouverte.'}
      </p>
      <section class="fr-mb-4w" aria-labelledby="titre-fil">
        <h2 id="titre-fil">Vos échanges</h2>
        <ol class="fr-raw-list">
          {fil.messages.map((m) => (
            <li
              key={m.id}
              class={`fr-callout ${m.sens === 'reponse' ? 'fr-callout--green-emeraude' : 'fr-callout--blue-ecume'} fr-mb-2w`}
            >
              <h3 class="fr-callout__title fr-h6">
                {m.sens === 'reponse' ? `Réponse de ${d.siteNom}` : 'Votre message'}
              </h3>
              <p class="fr-text--sm fr-mb-1w">le {dateEtHeure(m.creeLe, d.fuseau)}</p>
              <TexteMultiligne texte={m.corps} />
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="titre-ecrire">
        <h2 id="titre-ecrire">Écrire à {d.siteNom}</h2>
        <form method="post" action="/contact/fil" noValidate>
          <input type="hidden" name="_csrf" value={ctx.csrf} />
          <input type="hidden" name="jeton" value={jeton} />
          <ResumeErreurs etat={etat} libelles={{ texte: 'Votre message' }} />
          <ZoneTexteRequise
            nom="texte"
            libelle="Votre message"
            aide={`${TEXTE_PERSONNE_MAX.toLocaleString('fr-FR')} caractères au plus. N’envoyez pas de document : France services n’en conserve aucun.`}
            etat={etat}
            longueurMax={TEXTE_PERSONNE_MAX}
          />
          <button type="submit" class="fr-btn">
            Envoyer
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** A link that no longer leads to the thread (expired, revoked, unknown). */
export function PageFilInutilisable({ ctx, etat }: { ctx: ContextePage; etat: EtatLien }) {
  const texte = TEXTES_LIEN[etat];
  return (
    <Layout titre={texte.titre} ctx={ctx}>
      <h1>{texte.titre}</h1>
      <p class="fr-text--lead">{texte.explication}</p>
      <p>Vous pouvez écrire de nouveau à l’espace France services depuis sa page sur guichet, ou par courriel.</p>
    </Layout>
  );
}
