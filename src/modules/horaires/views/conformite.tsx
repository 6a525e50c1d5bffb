import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import { Badge } from '../../../ui/tableau.tsx';
import { nomDepartement } from '../../territoires/index.ts';
import {
  type FiltreConformite,
  LIBELLES_STATUT,
  type LigneConformite,
  ORDRE_PAR_DEFAUT,
  type ResultatConformite,
  type Tri,
} from '../service-conformite.ts';

/** "23,5" as French writes it. */
const nombre = (n: number) => String(n).replace('.', ',');
/** French agreement: singular below 2 ("1,5 heure manquante", "2 jours manquants"). */
const accord = (n: number, singulier: string, pluriel: string) => (n < 2 ? singulier : pluriel);

/** "4 h manquantes", "1 jour manquant", both joined, or nothing missing. */
export function ecart(l: Pick<LigneConformite, 'manqueHeures' | 'manqueJours'>): string {
  const morceaux: string[] = [];
  if (l.manqueHeures) morceaux.push(`${nombre(l.manqueHeures)} h ${accord(l.manqueHeures, 'manquante', 'manquantes')}`);
  if (l.manqueJours) morceaux.push(`${l.manqueJours} ${accord(l.manqueJours, 'jour manquant', 'jours manquants')}`);
  return morceaux.join(' et ');
}

/** The query string of the page (or its CSV) for a filter. */
export function requete(filtre: FiltreConformite, tri: Tri = filtre.tri, ordre = filtre.ordre): string {
  const p = new URLSearchParams();
  if (filtre.departement) p.set('departement', filtre.departement);
  p.set('seulement', filtre.aSuivre ? 'a-suivre' : 'tous');
  p.set('tri', tri);
  p.set('ordre', ordre);
  return `?${p.toString()}`;
}

const COLONNES: Array<{ tri: Tri; libelle: string }> = [
  { tri: 'site', libelle: 'Site' },
  { tri: 'departement', libelle: 'Département' },
  { tri: 'heures', libelle: 'Heures par semaine' },
  { tri: 'jours', libelle: 'Jours par semaine' },
  { tri: 'manque', libelle: 'Écart à la charte' },
  { tri: 'tardives', libelle: 'Fermetures tardives (12 mois)' },
  { tri: 'statut', libelle: 'Statut' },
];

const ORDRES = { asc: 'croissant', desc: 'décroissant' } as const;

/** A column header with a server-side sort link; the sorted one carries aria-sort. */
function Entete({ colonne, filtre }: { colonne: (typeof COLONNES)[number]; filtre: FiltreConformite }) {
  const trie = filtre.tri === colonne.tri;
  const suivant = trie ? (filtre.ordre === 'asc' ? 'desc' : 'asc') : ORDRE_PAR_DEFAUT[colonne.tri];
  const classe = trie ? `fr-btn--sort-${filtre.ordre}` : 'fr-btn--sort';
  return (
    <th scope="col" aria-sort={trie ? (filtre.ordre === 'asc' ? 'ascending' : 'descending') : undefined}>
      <div class="fr-cell--sort">
        <span class="fr-cell__title">{colonne.libelle}</span>
        <a
          class={`${classe} fr-btn fr-btn--sm`}
          href={`/admin/conformite${requete(filtre, colonne.tri, suivant)}`}
          title={`Trier par « ${colonne.libelle} », ordre ${ORDRES[suivant]}`}
        >
          {`Trier par « ${colonne.libelle} », ordre ${ORDRES[suivant]}`}
        </a>
      </div>
    </th>
  );
}

function Statut({ ligne }: { ligne: LigneConformite }) {
  if (ligne.statut === 'conforme') return <Badge type="success">{LIBELLES_STATUT.conforme}</Badge>;
  if (ligne.statut === 'non_conforme') return <Badge type="error">{LIBELLES_STATUT.non_conforme}</Badge>;
  return <Badge type="warning">{ligne.horairesIllisibles ? 'Horaires illisibles' : LIBELLES_STATUT.inconnu}</Badge>;
}

function Ligne({ l }: { l: LigneConformite }) {
  return (
    <tr>
      <td>
        <a href={`/admin/sites/${l.id}`}>{l.nom}</a>
        <br />
        <span class="fr-text--xs">
          {l.codePostal} {l.commune}
        </span>
      </td>
      <td>{l.departement}</td>
      <td>
        {l.heures === null ? '—' : `${nombre(l.heures)} h`}
        {l.tournee && (
          <>
            <br />
            <span class="fr-text--xs">moyenne de la tournée</span>
          </>
        )}
      </td>
      <td>{l.jours === null ? '—' : nombre(l.jours)}</td>
      <td>{l.statut === 'inconnu' ? '—' : ecart(l) || 'Aucun'}</td>
      <td>{l.fermeturesTardives}</td>
      <td>
        <Statut ligne={l} />
        {l.alerteSemaine53 && <p class="fr-text--xs fr-mt-1v fr-mb-0">{l.alerteSemaine53}</p>}
      </td>
    </tr>
  );
}

function Chiffres({ chiffres }: { chiffres: ResultatConformite['chiffres'] }) {
  const tuiles = [
    [chiffres.total, 'sites dans le périmètre'],
    [chiffres.conformes, 'conformes (24 h sur 5 jours au moins)'],
    [chiffres.nonConformes, 'non conformes'],
    [chiffres.inconnus, 'aux horaires non renseignés'],
    [chiffres.avecFermetureTardive, 'avec une fermeture annoncée tardivement'],
  ] as const;
  return (
    <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list fr-my-3w">
      {tuiles.map(([n, libelle]) => (
        <li class="fr-col-6 fr-col-md" key={libelle}>
          <p class="fr-h3 fr-mb-0">{n}</p>
          <p class="fr-text--sm">{libelle}</p>
        </li>
      ))}
    </ul>
  );
}

/** The compliance page: figures for the scope, filters, a sortable table of sites and a CSV link. */
export function PageConformite({
  ctx,
  resultat,
  filtre,
}: {
  ctx: ContextePage;
  resultat: ResultatConformite;
  filtre: FiltreConformite;
}) {
  const { lignes, chiffres, departements, national } = resultat;
  return (
    <Layout titre="Conformité des horaires" ctx={ctx}>
      <h1>Conformité des horaires à la charte</h1>
      <p>
        La charte France services demande une ouverture d’au moins 24 heures par semaine sur au moins 5 jours (pour un
        service itinérant, toute la tournée compte, en moyenne sur les semaines paires et impaires). Les fermetures
        exceptionnelles annoncées moins de 7 jours à l’avance sur les 12 derniers mois sont signalées à côté.
      </p>
      <Chiffres chiffres={chiffres} />
      <form method="get" action="/admin/conformite" class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <input type="hidden" name="tri" value={filtre.tri} />
        <input type="hidden" name="ordre" value={filtre.ordre} />
        <div class="fr-col-12 fr-col-md-4">
          <div class="fr-select-group fr-mb-0">
            <label class="fr-label" for="departement">
              Département
            </label>
            <select class="fr-select" id="departement" name="departement">
              <option value="" selected={!filtre.departement}>
                {national ? 'Tous les départements' : 'Tous mes départements'}
              </option>
              {departements.map((d) => (
                <option key={d} value={d} selected={d === filtre.departement}>
                  {nomDepartement(d)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="fr-col-12 fr-col-md-5">
          <input type="hidden" name="seulement" value="tous" />
          <div class="fr-checkbox-group">
            <input type="checkbox" id="seulement" name="seulement" value="a-suivre" checked={filtre.aSuivre} />
            <label class="fr-label" for="seulement">
              Seulement les sites non conformes
              <span class="fr-hint-text">
                et ceux aux horaires non renseignés ou avec une fermeture annoncée tardivement
              </span>
            </label>
          </div>
        </div>
        <div class="fr-col-12 fr-col-md-3">
          <button type="submit" class="fr-btn fr-btn--secondary">
            Filtrer
          </button>
        </div>
      </form>
      <p class="fr-mt-3w">
        <a
          class="fr-link fr-icon-download-line fr-link--icon-right"
          href={`/admin/conformite.csv${requete(filtre)}`}
          download
        >
          Télécharger ce tableau (CSV, {lignes.length} {accord(lignes.length, 'site', 'sites')})
        </a>
      </p>
      {lignes.length === 0 ? (
        <p class="fr-mt-3w">
          {chiffres.total === 0
            ? 'Aucun site actif dans ce périmètre.'
            : 'Aucun site à suivre : tous les sites sont conformes, sans fermeture annoncée tardivement.'}
        </p>
      ) : (
        <div class="fr-table fr-table--multiline fr-mt-3w">
          <div class="fr-table__wrapper">
            <div class="fr-table__container">
              <div class="fr-table__content">
                <table>
                  <caption>
                    {filtre.aSuivre ? 'Sites à suivre' : 'Tous les sites'} ({lignes.length})
                  </caption>
                  <thead>
                    <tr>
                      {COLONNES.map((c) => (
                        <Entete key={c.tri} colonne={c} filtre={filtre} />
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {lignes.map((l) => (
                      <Ligne key={l.id} l={l} />
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </Layout>
  );
}
