import { cacheParBase } from '../../platform/db/cache.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Geocodeur, PositionGeocodee } from '../../platform/geocodage/index.ts';
import { construireIndex, type IndexSites, plusProches } from '../../platform/proximite/proximite.ts';
import { type SitePublic, sitesPublics } from '../donnees/index.ts';
import { ouvertureMaintenant } from './agenda.ts';
import { estimerTrajet } from './trajet.ts';

/** How long the in-memory registry used by the search may lag behind edits. */
const FRAICHEUR_MS = 60_000;

interface Registre {
  sites: Map<string, SitePublic>;
  /** One point per fixed site, one per stop of a tour (id `site#n`): a tour is as near as its nearest stop. */
  index: IndexSites<string>;
  /**
   * "Open now" answers, each valid until its next change (closing time or next opening): exact, and computed once
   * per site and stop between two changes instead of once per search.
   */
  etats: Map<string, { depuis: number; jusqua: number; ouverture: ReturnType<typeof ouvertureMaintenant> }>;
}

async function chargerRegistre(db: Db): Promise<Registre> {
  const liste = await sitesPublics(db);
  const points: Array<{ id: string; latitude: number; longitude: number }> = [];
  for (const s of liste) {
    if (s.genre === 'itinerant' && s.arrets.length > 0) {
      s.arrets.forEach((a, n) => {
        if (a.latitude !== null && a.longitude !== null)
          points.push({ id: `${s.id}#${n}`, latitude: a.latitude, longitude: a.longitude });
      });
    } else if (s.latitude !== null && s.longitude !== null) {
      points.push({ id: s.id, latitude: s.latitude, longitude: s.longitude });
    }
  }
  return {
    sites: new Map(liste.map((s) => [s.id, s])),
    index: construireIndex(points),
    etats: new Map(),
  };
}

const registres = cacheParBase(chargerRegistre, FRAICHEUR_MS);

/** Forgets the cached registry (tests, and after an import). */
export function oublierRegistre(db: Db) {
  registres.oublier(db);
}

function ouvertureEnCache(r: Registre, site: SitePublic, maintenant: Date, arret?: string) {
  const cle = `${site.id}#${arret ?? ''}`;
  const connu = r.etats.get(cle);
  const t = maintenant.getTime();
  if (connu && connu.depuis <= t && t < connu.jusqua) return connu.ouverture;
  const ouverture = ouvertureMaintenant(site, maintenant, arret);
  // Unknown end (no hours, or open with no known closing): recompute after a minute.
  const changement = ouverture?.ouvert ? ouverture.jusqua : ouverture?.prochaineOuverture;
  r.etats.set(cle, { depuis: t, jusqua: changement ? changement.getTime() : t + 60_000, ouverture });
  return ouverture;
}

export interface Resultat {
  site: SitePublic;
  distanceKm: number;
  minutes: number;
  /** For a tour: the stop nearest to the searched place (several stops of a tour may share a name: use the id). */
  arretProche?: { id: string; nom: string; commune: string };
  ouverture: ReturnType<typeof ouvertureMaintenant>;
}

/**
 * The sites nearest to what a visitor typed (commune, postcode, address): the place understood, other candidate
 * places, and up to `limite` sites with distance, estimated car time and whether they are open now.
 */
export async function rechercherSites(db: Db, geocodeur: Geocodeur, texte: string, maintenant: Date, limite = 10) {
  const lieux = await geocodeur.rechercher(texte, 5);
  const lieu = lieux[0];
  if (!lieu) return { lieu: null, autresLieux: [] as PositionGeocodee[], resultats: [] as Resultat[] };
  const registre = await registres.obtenir(db);
  const { sites, index } = registre;
  const vus = new Set<string>();
  const resultats: Resultat[] = [];
  // Ask for more points than needed: several stops of one tour may come before the next site.
  for (const p of plusProches(index, lieu, limite * 4)) {
    const [siteId, rangArret] = p.id.split('#');
    const site = sites.get(siteId ?? '');
    if (!site || vus.has(site.id)) continue;
    vus.add(site.id);
    const arret = rangArret !== undefined ? site.arrets[Number(rangArret)] : undefined;
    resultats.push({
      site,
      distanceKm: p.distanceKm,
      minutes: estimerTrajet(p.distanceKm).minutesArrondies,
      arretProche: arret ? { id: arret.id, nom: arret.nom, commune: arret.commune } : undefined,
      // For a tour, when it next stands at the stop nearest to the searched place.
      ouverture: ouvertureEnCache(registre, site, maintenant, arret?.id),
    });
    if (resultats.length === limite) break;
  }
  return { lieu, autresLieux: lieux.slice(1), resultats };
}
