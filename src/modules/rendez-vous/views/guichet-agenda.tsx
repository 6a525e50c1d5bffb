import type { ContextePage } from '../../../ui/contexte.ts';
import { Champ, type EtatFormulaire, titreFormulaire } from '../../../ui/formulaire.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { CadreTableau } from '../../../ui/tableau.tsx';
import type { LiensDuLieu } from '../policy-navigation.ts';
import type { RendezVousGuichet, SiteDuGuichet } from '../service-guichet.ts';
import { heure, jourLong, MentionFuseau } from './commun.tsx';
import { BadgeStatut } from './guichet-creneaux.tsx';
import { NavigationLieu } from './navigation.tsx';

/** The breadcrumb of the desk's pages: the site's agenda first. */
export function filGuichet(site: { id: string; nom: string }, ici?: string) {
  const agenda = { href: `/sites/${site.id}/rendez-vous`, libelle: `Rendez-vous – ${site.nom}` };
  return ici ? [agenda, { libelle: ici }] : [{ libelle: agenda.libelle }];
}

/** "Camille Dupont" or, once erased after the retention delay, a plain mention. */
export const nomPersonne = (nom: string | null) => nom ?? 'Personne (données effacées)';

/**
 * The site's appointments of one day, for its agents: time, motif, person, status, who receives; the previous and
 * next days, a date to jump to (a GET form), and the booking button.
 */
export function PageAgenda({
  ctx,
  site,
  jour,
  aujourdhui,
  precedent,
  suivant,
  rendezVous,
  liens,
  etat,
}: {
  ctx: ContextePage;
  site: SiteDuGuichet;
  jour: string;
  aujourdhui: string;
  precedent: string;
  suivant: string;
  rendezVous: Array<RendezVousGuichet & { modifiable: boolean }>;
  liens: LiensDuLieu;
  etat: EtatFormulaire;
}) {
  const fuseau = site.fuseauHoraire;
  const base = `/sites/${site.id}/rendez-vous`;
  const libelleJour = `${jourLong(jour)} ${jour.slice(0, 4)}`;
  return (
    <Layout
      titre={titreFormulaire(`Rendez-vous du ${libelleJour} – ${site.nom}`, etat)}
      ctx={ctx}
      filAriane={filGuichet(site)}
    >
      <h1>Rendez-vous – {site.nom}</h1>
      {/* Booking and the day board are the buttons below; the manager's pages, when the person may open them. */}
      <NavigationLieu siteId={site.id} liens={{ ...liens, guichet: false }} ici="agenda" />
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href={`${base}/nouveau`}>
            Prendre un rendez-vous
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary fr-icon-team-line fr-btn--icon-left" href={`/sites/${site.id}/journee`}>
            Journée et file d’attente
          </a>
        </li>
      </ul>
      <h2 class="fr-h3">
        {jour === aujourdhui ? 'Aujourd’hui, ' : ''}
        {libelleJour}
      </h2>
      <nav aria-label="Autres jours">
        <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left">
          <li>
            <a class="fr-btn fr-btn--secondary fr-btn--sm" href={`${base}?jour=${precedent}`}>
              Jour précédent
            </a>
          </li>
          {jour !== aujourdhui && (
            <li>
              <a class="fr-btn fr-btn--secondary fr-btn--sm" href={base}>
                Aujourd’hui
              </a>
            </li>
          )}
          <li>
            <a class="fr-btn fr-btn--secondary fr-btn--sm" href={`${base}?jour=${suivant}`}>
              Jour suivant
            </a>
          </li>
        </ul>
      </nav>
      <form method="get" action={base} class="fr-mb-3w" noValidate>
        <Champ
          nom="jour"
          libelle="Aller au jour"
          aide="Format attendu : JJ/MM/AAAA"
          etat={etat}
          type="date"
          requis={false}
        />
        <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm">
          Afficher ce jour
        </button>
      </form>
      <MentionFuseau fuseau={fuseau} />
      {rendezVous.length === 0 ? (
        <p>Aucun rendez-vous ce jour-là.</p>
      ) : (
        <CadreTableau
          legende={`Rendez-vous du ${libelleJour}`}
          entetes={['Heure', 'Motif', 'Personne', 'Statut', 'Avec', <span class="fr-sr-only">Fiche</span>]}
          legendeMasquee
          classe="fr-mt-3w guichet-table-defilante"
        >
          {rendezVous.map((r) => (
            <tr key={r.id}>
              <td>
                {heure(r.debut, fuseau)} – {heure(r.fin, fuseau)}
              </td>
              <td>{r.motifNom}</td>
              <td>{nomPersonne(r.nom)}</td>
              <td>
                <BadgeStatut statut={r.statut} />
              </td>
              <td>{r.ressource}</td>
              <td>
                <a class="fr-link" href={`${base}/${r.id}`}>
                  Voir<span class="fr-sr-only"> le rendez-vous de {heure(r.debut, fuseau)}</span>
                </a>
              </td>
            </tr>
          ))}
        </CadreTableau>
      )}
    </Layout>
  );
}
