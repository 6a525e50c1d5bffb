import type { ComponentChildren } from 'preact';

/** The DSFR table frame: caption, column headers, and the rows given as children. */
export function CadreTableau({
  legende,
  entetes,
  children,
  legendeMasquee = false,
  classe = 'fr-mt-3w',
  defilable = false,
}: {
  legende: string;
  entetes: ComponentChildren[];
  children: ComponentChildren;
  legendeMasquee?: boolean;
  classe?: string;
  /** A wide table that may scroll sideways: its frame is a labelled region reachable by keyboard (WCAG 2.1.1). */
  defilable?: boolean;
}) {
  return (
    <div class={`fr-table ${classe}${legendeMasquee ? ' fr-table--no-caption' : ''}`}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container" {...(defilable ? { tabIndex: 0, role: 'region', 'aria-label': legende } : {})}>
          <div class="fr-table__content">
            <table>
              <caption>{legende}</caption>
              <thead>
                <tr>
                  {entetes.map((e, i) => (
                    <th scope="col" key={i}>
                      {e}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{children}</tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

/** A DSFR table with a caption; rows are given as cells. */
export function Tableau({
  legende,
  entetes,
  lignes,
  vide,
}: {
  legende: string;
  entetes: string[];
  lignes: Array<{ cle: string; cellules: ComponentChildren[] }>;
  vide: string;
}) {
  if (lignes.length === 0) return <p class="fr-mt-3w">{vide}</p>;
  return (
    <CadreTableau legende={legende} entetes={entetes} legendeMasquee>
      {lignes.map((l) => (
        <tr key={l.cle}>
          {l.cellules.map((c, i) => (
            <td key={i}>{c}</td>
          ))}
        </tr>
      ))}
    </CadreTableau>
  );
}

/** A DSFR badge for a state (active, inactive, pending). */
export function Badge({
  type,
  children,
}: {
  type: 'success' | 'error' | 'info' | 'warning' | 'new';
  children: ComponentChildren;
}) {
  return <p class={`fr-badge fr-badge--sm fr-badge--${type}`}>{children}</p>;
}

/** A GET search form above a list. */
export function Recherche({
  action,
  libelle,
  valeur,
  inactifs,
  libelleInactifs,
}: {
  action: string;
  libelle: string;
  valeur: string;
  inactifs: boolean;
  libelleInactifs: string;
}) {
  return (
    <form method="get" action={action} class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
      <div class="fr-col-12 fr-col-md-6">
        <div class="fr-input-group fr-mb-0">
          <label class="fr-label" for="q">
            {libelle}
          </label>
          <input class="fr-input" id="q" name="q" type="search" value={valeur} maxLength={100} />
        </div>
      </div>
      <div class="fr-col-12 fr-col-md-3">
        <div class="fr-checkbox-group">
          <input type="checkbox" id="inactifs" name="inactifs" value="on" checked={inactifs} />
          <label class="fr-label" for="inactifs">
            {libelleInactifs}
          </label>
        </div>
      </div>
      <div class="fr-col-12 fr-col-md-3">
        <button type="submit" class="fr-btn fr-btn--secondary">
          Rechercher
        </button>
      </div>
    </form>
  );
}

/** DSFR pagination under a long table: first, previous, the pages around this one, next, last; none for one page. */
export function Pagination({
  page,
  pages,
  lien,
  libelle = 'Pages',
}: {
  page: number;
  pages: number;
  lien: (n: number) => string;
  libelle?: string;
}) {
  if (pages < 2) return null;
  // Links that would lead nowhere (previous on the first page…) are left out rather than disabled.
  const bouton = (n: number, classe: string, texte: string) =>
    n === page || n < 1 || n > pages ? null : (
      <li>
        <a class={`fr-pagination__link ${classe}`} href={lien(n)}>
          {texte}
        </a>
      </li>
    );
  const premiere = Math.max(1, page - 3);
  const numeros = Array.from({ length: Math.min(pages, page + 3) - premiere + 1 }, (_, i) => premiere + i);
  return (
    <nav class="fr-pagination fr-mt-2w" aria-label={libelle}>
      <ul class="fr-pagination__list">
        {bouton(1, 'fr-pagination__link--first', 'Première page')}
        {bouton(page - 1, 'fr-pagination__link--prev fr-pagination__link--lg-label', 'Page précédente')}
        {numeros.map((n) => (
          <li key={n}>
            <a
              class="fr-pagination__link"
              href={lien(n)}
              title={`Page ${n}`}
              {...(n === page ? { 'aria-current': 'page' } : {})}
            >
              {n}
            </a>
          </li>
        ))}
        {bouton(page + 1, 'fr-pagination__link--next fr-pagination__link--lg-label', 'Page suivante')}
        {bouton(pages, 'fr-pagination__link--last', 'Dernière page')}
      </ul>
    </nav>
  );
}
