import type { LiensDuLieu } from '../policy-navigation.ts';

// The links between a site's appointment pages (the day board, the agenda, booking, the manager's page, the
// appointments to take up) and its mandates, shown under each page's title; the current page and those the person may
// not open are left out.

export type PageDuLieu = 'journee' | 'agenda' | 'reservation' | 'mandats' | 'gestion' | 'reprise';

const PAGES: Array<{ page: PageDuLieu; cote: keyof LiensDuLieu; libelle: string; icone: string; chemin: string }> = [
  {
    page: 'journee',
    cote: 'guichet',
    libelle: 'Journée et file d’attente',
    icone: 'fr-icon-team-line',
    chemin: '/sites/:id/journee',
  },
  {
    page: 'agenda',
    cote: 'guichet',
    libelle: 'Agenda des rendez-vous',
    icone: 'fr-icon-calendar-line',
    chemin: '/sites/:id/rendez-vous',
  },
  {
    page: 'reservation',
    cote: 'guichet',
    libelle: 'Prendre un rendez-vous',
    icone: 'fr-icon-add-line',
    chemin: '/sites/:id/rendez-vous/nouveau',
  },
  {
    // The structure's mandates (issue 14): the desk's agents prepare them where they receive.
    page: 'mandats',
    cote: 'mandats',
    libelle: 'Mandats',
    icone: 'fr-icon-file-text-line',
    chemin: '/sites/:id/mandats',
  },
  {
    page: 'gestion',
    cote: 'gestion',
    libelle: 'Motifs et plannings',
    icone: 'fr-icon-settings-5-line',
    chemin: '/admin/sites/:id/rendez-vous',
  },
  {
    page: 'reprise',
    cote: 'gestion',
    libelle: 'Rendez-vous à reprendre',
    icone: 'fr-icon-refresh-line',
    chemin: '/admin/sites/:id/rendez-vous/a-reprendre',
  },
];

/** The other appointment pages of the site, as small tertiary buttons in a labelled navigation landmark. */
export function NavigationLieu({ siteId, liens, ici }: { siteId: string; liens: LiensDuLieu; ici: PageDuLieu }) {
  const pages = PAGES.filter((p) => p.page !== ici && liens[p.cote]);
  if (pages.length === 0) return null;
  return (
    <nav aria-label="Autres pages des rendez-vous du lieu" class="fr-mb-2w">
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left">
        {pages.map((p) => (
          <li key={p.page}>
            <a
              class={`fr-btn fr-btn--sm fr-btn--tertiary ${p.icone} fr-btn--icon-left`}
              href={p.chemin.replace(':id', siteId)}
            >
              {p.libelle}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
