import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { A_COMPLETER, type SectionCnil, URL_NOTIFICATION_CNIL } from '../violations-cnil.ts';
import { TexteMultiligne } from './violation-commun.tsx';

// The printable draft of the CNIL notification (issue 14 point 7): the CNIL form's sections in order, filled from the
// register, "[à compléter]" where it holds nothing, and the link to the CNIL's online service.

/** The draft's page. */
export function PageBrouillonCnil({
  ctx,
  id,
  reference,
  compte,
  sections,
}: {
  ctx: ContextePage;
  id: string;
  reference: string;
  compte: string | null;
  sections: SectionCnil[];
}) {
  const titre = `Brouillon de notification à la CNIL – ${reference}`;
  return (
    <Layout
      titre={titre}
      ctx={ctx}
      filAriane={[
        { href: '/tableau-de-bord', libelle: 'Tableau de bord' },
        { href: '/violations', libelle: 'Violations de données' },
        { href: `/violations/${id}`, libelle: reference },
        { libelle: 'Brouillon CNIL' },
      ]}
    >
      <h1>{titre}</h1>
      {compte && <p class="fr-text--bold">{compte}</p>}
      <p>
        Ce brouillon suit les rubriques du formulaire de notification en ligne de la CNIL. Complétez les rubriques
        marquées « {A_COMPLETER} », puis notifiez sur{' '}
        <a href={URL_NOTIFICATION_CNIL} rel="noopener" target="_blank" title="notifications.cnil.fr – nouvelle fenêtre">
          notifications.cnil.fr
        </a>
        . Imprimez cette page avec la commande d’impression du navigateur.
      </p>
      {sections.map((s) => (
        <section class="fr-mb-4w" key={s.titre} aria-labelledby={`section-${s.titre.slice(0, 2).replace(/\D/g, '')}`}>
          <h2 class="fr-h4" id={`section-${s.titre.slice(0, 2).replace(/\D/g, '')}`}>
            {s.titre}
          </h2>
          <dl>
            {s.champs.map((c) => (
              <div key={c.libelle}>
                <dt class="fr-text--bold">{c.libelle}</dt>
                <dd class="fr-mb-2w">
                  {c.valeur === null ? <p class="fr-mb-1w">{A_COMPLETER}</p> : <TexteMultiligne texte={c.valeur} />}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/violations/${id}`}>
          Retour à la violation
        </a>
      </p>
    </Layout>
  );
}
