import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { Tableau } from '../../../ui/tableau.tsx';
import type { Catalogue } from '../service.ts';
import { libelleCatalogue, Retire, typePartenaire } from './commun.tsx';

function Explication({ droits }: { droits: Catalogue['droits'] }) {
  if (droits.national) {
    return (
      <p>
        Vous modifiez le catalogue national : thèmes, situations de vie, partenaires et prestations. Vous pouvez aussi
        ajouter des entrées locales pour une structure.
      </p>
    );
  }
  if (droits.local) {
    return (
      <p>
        Le catalogue national est consultable. Vous pouvez ajouter des partenaires et des situations locales, visibles
        seulement de la structure concernée.
      </p>
    );
  }
  return <p>Le catalogue est consultable. Sa mise à jour revient à l’administration nationale et aux gestionnaires.</p>;
}

/** The bouquet de services: themes with their situations, then partners; retired entries flagged, never hidden. */
export function PageCatalogue({ ctx, catalogue }: { ctx: ContextePage; catalogue: Catalogue }) {
  const { themes, partenaires, droits } = catalogue;
  return (
    <Layout titre="Catalogue du bouquet de services" ctx={ctx}>
      <h1>Catalogue du bouquet de services</h1>
      <Explication droits={droits} />
      <p class="fr-text--sm">
        Une entrée retirée n’est plus proposée à l’enregistrement des sollicitations ; les sollicitations passées la
        conservent.
      </p>
      {(droits.national || droits.local) && (
        <p class="fr-mb-3w">
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left fr-mr-2w" href="/admin/catalogue/situations/nouvelle">
            {droits.national ? 'Ajouter une situation' : 'Ajouter une situation locale'}
          </a>
          {droits.local && (
            <a
              class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
              href="/admin/catalogue/partenaires/nouveau"
            >
              Ajouter un partenaire local
            </a>
          )}
        </p>
      )}
      <nav class="fr-summary fr-mb-4w" aria-labelledby="sommaire-titre">
        <p class="fr-summary__title" id="sommaire-titre">
          Sommaire
        </p>
        <ol class="fr-summary__list">
          {themes.map((t) => (
            <li key={t.id}>
              <a class="fr-summary__link" href={`#theme-${t.code}`}>
                {t.nom}
              </a>
            </li>
          ))}
          <li>
            <a class="fr-summary__link" href="#partenaires">
              Partenaires
            </a>
          </li>
        </ol>
      </nav>
      <h2>Situations de vie par thème</h2>
      {themes.map((t) => (
        <section key={t.id} class="fr-mb-4w" aria-labelledby={`theme-${t.code}`}>
          <h3 id={`theme-${t.code}`} class="fr-mb-1w">
            {t.nom}
          </h3>
          {droits.national && (
            <p class="fr-mb-0">
              <a class="fr-link fr-icon-edit-line fr-link--icon-left" href={`/admin/catalogue/themes/${t.id}`}>
                Renommer le thème<span class="fr-sr-only"> « {t.nom} »</span>
              </a>
            </p>
          )}
          <Tableau
            legende={`Situations du thème ${t.nom} (${t.situations.length})`}
            entetes={['Situation', 'Partenaires (le principal en premier)', 'Catalogue']}
            vide="Aucune situation dans ce thème."
            lignes={t.situations.map((s) => ({
              cle: s.id,
              cellules: [
                <>
                  <a href={`/admin/catalogue/situations/${s.id}`}>{s.nom}</a> <Retire actif={s.actif} genre="f" />
                </>,
                s.partenaires.map((p) => (p.actif ? p.nomCourt : `${p.nomCourt} (retiré)`)).join(', ') || '—',
                libelleCatalogue(s),
              ],
            }))}
          />
        </section>
      ))}
      <h2 id="partenaires">Partenaires</h2>
      <Tableau
        legende={`Partenaires (${partenaires.length})`}
        entetes={['Nom', 'Nom court', 'Type']}
        vide="Aucun partenaire."
        lignes={partenaires.map((p) => ({
          cle: p.id,
          cellules: [
            <>
              <a href={`/admin/catalogue/partenaires/${p.id}`}>{p.nom}</a> <Retire actif={p.actif} genre="m" />
            </>,
            p.nomCourt,
            typePartenaire(p),
          ],
        }))}
      />
    </Layout>
  );
}
