import { type Geocodeur, LIMITE_GEOCODAGE, type PositionGeocodee } from './types.ts';

// The IGN Géoplateforme geocoding service (Base Adresse Nationale), `GET {base}/search?q=…&limit=…`, free and without key.
// It answers a GeoJSON FeatureCollection; each feature has `geometry.coordinates` [longitude, latitude] and
// `properties` { label, citycode, type: housenumber | street | locality | municipality, score, postcode, city, … }.
// Any failure (network, timeout, HTTP error, unexpected body, no answer) falls back to another geocoder (the local
// commune index), so the public search keeps working when the service is down or unreachable.

export const URL_GEOPLATEFORME = 'https://data.geopf.fr/geocodage';
const DELAI_PAR_DEFAUT_MS = 2000;
/** The service refuses `q` shorter than 3 or longer than 200 characters, and caps `limit` at 50. */
const LONGUEUR_MIN = 3;
const LONGUEUR_MAX = 200;
const LIMITE_MAX = 50;

export interface OptionsGeoplateforme {
  /** Base URL of the service, without trailing slash; default the public Géoplateforme. */
  url?: string;
  /** Time allowed for the whole request, in milliseconds (default 2,000). */
  delaiMs?: number;
  /** Geocoder used when the service fails or has no answer. */
  secours: Geocodeur;
  /** Told why the fallback was used (never the text searched: it can be a home address). */
  surRepli?: (raison: string) => void;
  /** For tests: the fetch implementation. */
  fetch?: typeof fetch;
}

interface Entite {
  geometry?: { coordinates?: unknown };
  properties?: { label?: unknown; citycode?: unknown; type?: unknown };
}

/** Maps one GeoJSON feature; undefined when it lacks a label or valid coordinates. */
function versPosition(entite: Entite): PositionGeocodee | undefined {
  const coordonnees = entite.geometry?.coordinates;
  const p = entite.properties;
  if (!Array.isArray(coordonnees) || !p || typeof p.label !== 'string') return undefined;
  const [longitude, latitude] = coordonnees;
  if (typeof longitude !== 'number' || typeof latitude !== 'number') return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90) return undefined;
  return {
    libelle: p.label,
    latitude,
    longitude,
    ...(typeof p.citycode === 'string' && p.citycode ? { codeInsee: p.citycode } : {}),
    precision: p.type === 'municipality' ? 'commune' : 'adresse',
  };
}

export class GeocodeurGeoplateforme implements Geocodeur {
  readonly nom = 'geoplateforme';
  readonly #url: string;
  readonly #delaiMs: number;
  readonly #secours: Geocodeur;
  readonly #surRepli: (raison: string) => void;
  readonly #fetch: typeof fetch;

  constructor(options: OptionsGeoplateforme) {
    this.#url = (options.url ?? URL_GEOPLATEFORME).replace(/\/+$/, '');
    this.#delaiMs = options.delaiMs ?? DELAI_PAR_DEFAUT_MS;
    this.#secours = options.secours;
    this.#surRepli = options.surRepli ?? (() => {});
    this.#fetch = options.fetch ?? fetch;
  }

  async rechercher(texte: string, limite = LIMITE_GEOCODAGE): Promise<PositionGeocodee[]> {
    const q = texte.trim().replace(/\s+/g, ' ').slice(0, LONGUEUR_MAX);
    // Too short for the service ("92", "Eu"): the local index knows postcode prefixes and short names.
    if (q.length < LONGUEUR_MIN) return this.#secours.rechercher(texte, limite);
    try {
      const positions = await this.#interroger(q, Math.min(Math.max(1, limite), LIMITE_MAX));
      if (positions.length > 0) return positions;
      this.#surRepli('no answer');
    } catch (erreur) {
      this.#surRepli(erreur instanceof Error ? `${erreur.name}: ${erreur.message}` : 'unknown error');
    }
    return this.#secours.rechercher(texte, limite);
  }

  async #interroger(q: string, limite: number): Promise<PositionGeocodee[]> {
    const url = `${this.#url}/search?${new URLSearchParams({ q, limit: String(limite) })}`;
    const reponse = await this.#fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.#delaiMs),
    });
    if (!reponse.ok) throw new Error(`Géoplateforme answered HTTP ${reponse.status}`);
    const corps: unknown = await reponse.json();
    const entites = (corps as { features?: unknown } | null)?.features;
    if (!Array.isArray(entites)) throw new Error('Géoplateforme answer is not a FeatureCollection');
    return entites
      .map((e) => versPosition(e as Entite))
      .filter((p): p is PositionGeocodee => p !== undefined)
      .slice(0, limite);
  }
}
