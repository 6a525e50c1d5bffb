import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { VueMandat } from '../service-revocation.ts';
import { ConsequencesRevocation, ListeActions, ResumeMandat } from './revocation-commun.tsx';

// The agent's pages: the revocation's confirmation, and the list of actions to print and hand to the person.

const fil = (m: VueMandat, page: string) => [
  { href: `/mandats/${m.id}`, libelle: `Mandat ${m.reference}` },
  { libelle: page },
];

/** Confirms the agent's revocation (what it means, then one button); `erreur`: why it was refused (409). */
export function PageRevocationAgent({ ctx, m, erreur }: { ctx: ContextePage; m: VueMandat; erreur?: string }) {
  const titre = `Révoquer le mandat ${m.reference}`;
  const message = erreur ?? m.message;
  return (
    <Layout titre={titre} ctx={ctx} filAriane={fil(m, 'Révocation')}>
      <h1>{titre}</h1>
      {message && (
        <div class="fr-alert fr-alert--info fr-mb-4w" role={erreur ? 'alert' : undefined}>
          <p>{message}</p>
        </div>
      )}
      <ResumeMandat m={m} nom={m.nomComplet} />
      {m.etat === 'en_vigueur' && (
        <>
          <ConsequencesRevocation />
          <p>
            La personne recevra une confirmation par courriel ou par SMS si elle a donné ses coordonnées. Révoquez le
            mandat à sa demande, ou lorsque l’accompagnement doit cesser.
          </p>
          <form method="post" action={`/mandats/${m.id}/revocation`}>
            <input type="hidden" name="_csrf" value={ctx.csrf} />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn">
                  Révoquer le mandat {m.reference}
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={`/mandats/${m.id}`}>
                  Annuler
                </a>
              </li>
            </ul>
          </form>
        </>
      )}
      {m.etat !== 'en_vigueur' && (
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/mandats/${m.id}`}>
          Retour au mandat
        </a>
      )}
    </Layout>
  );
}

/** The list of actions done in the person's name, to print or download as PDF and hand over. */
export function PageActionsAgent({ ctx, m }: { ctx: ContextePage; m: VueMandat }) {
  const titre = `Actions faites au titre du mandat ${m.reference}`;
  return (
    <Layout titre={titre} ctx={ctx} filAriane={fil(m, 'Actions faites au nom de la personne')}>
      <h1>{titre}</h1>
      <p>
        La personne peut demander à tout moment la liste des actions faites en son nom. Remettez-lui la version PDF :
        elle ne nomme aucun agent ni aucune autre personne.
      </p>
      <ResumeMandat m={m} nom={m.nomComplet} />
      <h2 id="titre-actions">Actions enregistrées</h2>
      <ListeActions actions={m.actions} />
      <a class="fr-btn fr-mt-3w fr-icon-download-line fr-btn--icon-left" href={`/mandats/${m.id}/actions.pdf`}>
        Télécharger la liste à remettre (PDF)
      </a>
    </Layout>
  );
}
