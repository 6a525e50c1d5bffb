import type { ContextePage } from '../../ui/contexte.ts';
import { Layout } from '../../ui/layout.tsx';
import type { EtatLien } from './service.ts';

/** What a citizen reads when a link does not lead anywhere (yet). */
export const TEXTES_LIEN: Record<EtatLien | 'sans_traitement', { titre: string; explication: string }> = {
  inconnu: {
    titre: 'Lien introuvable',
    explication:
      'Ce lien n’existe pas ou n’est plus valable. Vérifiez qu’il a été copié en entier depuis le message reçu.',
  },
  utilise: {
    titre: 'Lien déjà utilisé',
    explication: 'Ce lien ne pouvait servir qu’une fois, et il a déjà été utilisé.',
  },
  expire: {
    titre: 'Lien expiré',
    explication: 'Ce lien n’est plus valable : sa durée de validité est dépassée.',
  },
  revoque: {
    titre: 'Lien annulé',
    explication: 'Ce lien a été annulé, par exemple parce que la démarche a changé depuis l’envoi du message.',
  },
  sans_traitement: {
    titre: 'Service pas encore disponible',
    explication: 'Ce lien est valable, mais la démarche à laquelle il donne accès n’est pas encore proposée en ligne.',
  },
};

/** The page of a link that cannot be followed: what happened, and where to get help. */
export function PageLien({ ctx, etat }: { ctx: ContextePage; etat: keyof typeof TEXTES_LIEN }) {
  const texte = TEXTES_LIEN[etat];
  return (
    <Layout titre={texte.titre} ctx={ctx}>
      <div class="fr-my-7w fr-mt-md-12w fr-mb-md-10w fr-grid-row fr-grid-row--gutters fr-grid-row--center">
        <div class="fr-py-0 fr-col-12 fr-col-md-8">
          <h1>{texte.titre}</h1>
          <p class="fr-text--lead fr-mb-3w">{texte.explication}</p>
          <p class="fr-mb-5w">
            Pour toute question, adressez-vous à l’espace France services qui vous a envoyé ce lien : il peut vous en
            donner un nouveau si nécessaire.
          </p>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn" href="/recherche">
                Trouver un espace France services
              </a>
            </li>
          </ul>
        </div>
      </div>
    </Layout>
  );
}
