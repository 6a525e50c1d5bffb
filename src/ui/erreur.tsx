import type { ContextePage } from './contexte.ts';
import { Layout } from './layout.tsx';

const TEXTES: Record<number, { titre: string; explication: string }> = {
  400: { titre: 'Requête invalide', explication: 'La demande envoyée n’a pas pu être comprise.' },
  403: {
    titre: 'Accès refusé',
    explication: 'Vous n’avez pas les droits nécessaires pour voir cette page ou faire cette action.',
  },
  404: {
    titre: 'Page non trouvée',
    explication:
      'La page que vous cherchez est introuvable, ou vous n’y avez pas accès. Excusez-nous pour la gêne occasionnée.',
  },
  413: { titre: 'Envoi trop volumineux', explication: 'Les données envoyées dépassent la taille autorisée.' },
  415: { titre: 'Format non pris en charge', explication: 'Le format des données envoyées n’est pas accepté.' },
  429: {
    titre: 'Trop de requêtes',
    explication: 'Vous avez fait trop de demandes en peu de temps. Réessayez plus tard.',
  },
  500: {
    titre: 'Erreur inattendue',
    explication:
      'Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus rapidement possible.',
  },
  503: {
    titre: 'Service indisponible',
    explication: 'Le service est momentanément indisponible. Réessayez dans quelques minutes.',
  },
};

/** The DSFR error page for a status, with an optional more precise message. */
export function PageErreur({
  ctx,
  status,
  message,
  idRequete,
}: {
  ctx: ContextePage;
  status: number;
  message?: string;
  idRequete: string;
}) {
  const texte = TEXTES[status] ?? TEXTES[status >= 500 ? 500 : 400];
  return (
    <Layout titre={texte?.titre ?? 'Erreur'} ctx={ctx}>
      <div class="fr-my-7w fr-mt-md-12w fr-mb-md-10w fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center">
        <div class="fr-py-0 fr-col-12 fr-col-md-8">
          <h1>{texte?.titre}</h1>
          <p class="fr-text--sm fr-mb-3w">Erreur {status}</p>
          <p class="fr-text--lead fr-mb-3w">{message ?? texte?.explication}</p>
          {status >= 500 && (
            <p class="fr-text--sm fr-mb-5w">
              Si le problème persiste, transmettez cette référence à l’assistance : <code>{idRequete}</code>
            </p>
          )}
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn" href={ctx.utilisateur ? '/tableau-de-bord' : '/'}>
                {ctx.utilisateur ? 'Tableau de bord' : 'Page d’accueil'}
              </a>
            </li>
          </ul>
        </div>
      </div>
    </Layout>
  );
}
