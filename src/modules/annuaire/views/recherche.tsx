import { deNom } from '../../../platform/formats/francais.ts';
import type { PositionGeocodee } from '../../../platform/geocodage/index.ts';
import type { ContextePage } from '../../../ui/contexte.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { Resultat } from '../service.ts';
import { BadgeOuverture } from './fiche.tsx';

const LIBELLES_GENRE = {
  principal: 'France services',
  antenne: 'Antenne',
  multisite: 'Site d’un réseau multi-sites',
  itinerant: 'Service itinérant',
};

const KILOMETRES = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

function distance(km: number): string {
  return km < 1 ? `${Math.round(km * 1000)} m` : `${KILOMETRES.format(km)} km`;
}

export function FormulaireRecherche({ q, id = 'q' }: { q: string; id?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: DSFR's search bar pattern; the <search> element is not yet announced everywhere
    <form method="get" action="/recherche" role="search" class="fr-mb-4w">
      <div class="fr-search-bar fr-search-bar--lg">
        <label class="fr-label" for={id}>
          Commune, code postal ou adresse
        </label>
        <input
          class="fr-input"
          id={id}
          name="q"
          type="search"
          value={q}
          maxLength={200}
          placeholder="Par exemple : Sceaux, 47000 ou 12 rue de la Paix Paris"
          autocomplete="address-level2"
        />
        <button type="submit" class="fr-btn" title="Rechercher">
          Rechercher
        </button>
      </div>
    </form>
  );
}

/** The search page: a form, the place understood, and the nearest sites as an always-present list. */
export function PageRecherche({
  ctx,
  q,
  lieu,
  autresLieux,
  resultats,
  styleCarte,
}: {
  ctx: ContextePage;
  q: string;
  lieu: PositionGeocodee | null;
  autresLieux: PositionGeocodee[];
  resultats: Resultat[];
  /** URL of the MapLibre style of the map shown beside the list when JavaScript runs. */
  styleCarte: string;
}) {
  const points = lieu
    ? [
        { nom: lieu.libelle, lat: lieu.latitude, lon: lieu.longitude, centre: true, url: '' },
        ...resultats.flatMap((r) => {
          const position = r.arretProche
            ? r.site.arrets.find((a) => a.id === r.arretProche?.id)
            : { latitude: r.site.latitude, longitude: r.site.longitude };
          return position?.latitude != null && position.longitude != null
            ? [
                {
                  nom: r.site.nom,
                  lat: position.latitude,
                  lon: position.longitude,
                  centre: false,
                  url: `/lieux/${r.site.id}`,
                },
              ]
            : [];
        }),
      ]
    : [];
  return (
    <Layout
      titre={q ? `France services près ${deNom(lieu?.libelle ?? q)}` : 'Trouver un France services'}
      ctx={ctx}
      feuilles={points.length > 1 ? ['/vendor/maplibre/maplibre-gl.css'] : []}
      scripts={points.length > 1 ? ['/vendor/maplibre/maplibre-gl-csp.js', '/assets/carte.js'] : []}
    >
      <h1>Trouver un France services</h1>
      <FormulaireRecherche q={q} />
      {q && !lieu && (
        <div class="fr-alert fr-alert--warning" role="status">
          <p>Nous n’avons pas trouvé « {q} ». Essayez le nom de votre commune ou son code postal.</p>
        </div>
      )}
      {lieu && (
        <>
          <h2>
            {resultats.length} lieux les plus proches {deNom(lieu.libelle)}
          </h2>
          {autresLieux.length > 0 && (
            <p class="fr-text--sm">
              Vous cherchiez plutôt :{' '}
              {autresLieux.map((l, i) => (
                <span key={l.libelle}>
                  {i > 0 && ', '}
                  <a href={`/recherche?q=${encodeURIComponent(l.libelle)}`}>{l.libelle}</a>
                </span>
              ))}{' '}
              ?
            </p>
          )}
          <p class="fr-text--sm">
            Distances à vol d’oiseau. Temps en voiture estimé : distance routière comptée 1,3 fois la distance à vol
            d’oiseau, à la vitesse moyenne d’un trajet de cette longueur.
          </p>
          {/* Filled by /assets/carte.js when JavaScript and WebGL are available; the list below is the page. */}
          <section
            class="guichet-carte"
            data-carte=""
            data-points={JSON.stringify(points)}
            data-style={styleCarte}
            data-worker="/vendor/maplibre/maplibre-gl-csp-worker.js"
            aria-label="Carte des lieux trouvés (la liste ci-dessous donne les mêmes informations)"
          ></section>
          <ol class="fr-raw-list">
            {resultats.map((r) => (
              <li key={r.site.id} class="fr-card fr-card--horizontal fr-mb-2w fr-enlarge-link">
                <div class="fr-card__body">
                  <div class="fr-card__content">
                    <h3 class="fr-card__title">
                      <a href={`/lieux/${r.site.id}`}>{r.site.nom}</a>
                    </h3>
                    <p class="fr-card__desc">
                      {r.arretProche
                        ? `Arrêt le plus proche : ${r.arretProche.nom}, ${r.arretProche.commune}`
                        : `${r.site.adresse}, ${r.site.codePostal} ${r.site.commune}`}
                    </p>
                    <div class="fr-card__start">
                      <p class="fr-card__detail">
                        {LIBELLES_GENRE[r.site.genre]} · {distance(r.distanceKm)} · environ {r.minutes} min en voiture
                      </p>
                    </div>
                    <div class="fr-card__end">
                      <BadgeOuverture etat={r.ouverture} fuseau={r.site.fuseauHoraire} />
                    </div>
                  </div>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}
