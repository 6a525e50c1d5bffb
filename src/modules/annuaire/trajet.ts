// Estimated car travel time from a great-circle ("crow-flies") distance. It is an ESTIMATE shown as such ("environ
// 20 min en voiture"): no road network, no traffic, no ferry. See docs/adr/0014-distance-and-travel-time.md.
//
// The model, for a crow-flies distance d (km):
//   1. road distance = d × 1.3 (detour factor). Published ratios of road to straight-line distance are about 1.2–1.4
//      (Ballou, Rahardja & Sakai 2002, country circuity factors; Boscoe, Henry & Zdeb 2012 measured 1.42 on average in
//      the United States, higher for short trips). 1.3 is the usual middle value for a dense European road network.
//   2. the road distance is driven in bands, each at an average speed (not a limit):
//        - the first 3 km at 30 km/h: leaving a town or village centre (50 km/h limit in built-up areas, crossings,
//          lights, 30 km/h zones);
//        - from 3 to 30 km at 65 km/h: departmental roads (80 km/h limit on two-way roads since July 2018) through
//          villages at 50 km/h;
//        - beyond 30 km at 90 km/h: a mix of dual carriageways and motorways (110/130 km/h) with their access roads.
//   3. plus 3 minutes: getting to the car, parking and walking to the door.
// Consequences: 1 km crow-flies ≈ 6 min, 5 km ≈ 12 min, 10 km ≈ 18 min, 20 km ≈ 30 min, 50 km ≈ 57 min. The network's
// goal, "a France services within 30 minutes", is therefore about 20 km crow-flies (`distancePourMinutes(30)` ≈ 19.8 km).
// The figures are deliberately simple and live in one constant, so that they can be calibrated later against a routing
// engine (e.g. OSRM over OpenStreetMap) without changing callers.

/** A band of road distance driven at an average speed. */
export interface TrancheVitesse {
  /** Upper bound of the band in road km (the last band is unbounded). */
  jusquAKm: number;
  vitesseKmh: number;
}

export interface ModeleTrajet {
  facteurDetour: number;
  tranches: readonly TrancheVitesse[];
  minutesFixes: number;
}

export const MODELE_TRAJET: ModeleTrajet = Object.freeze({
  facteurDetour: 1.3,
  tranches: Object.freeze([
    { jusquAKm: 3, vitesseKmh: 30 },
    { jusquAKm: 30, vitesseKmh: 65 },
    { jusquAKm: Number.POSITIVE_INFINITY, vitesseKmh: 90 },
  ]),
  minutesFixes: 3,
});

/** The network's access goal: a France services within 30 minutes of every inhabitant. */
export const OBJECTIF_MINUTES = 30;

export interface Trajet {
  /** Estimated road distance, km. */
  distanceRouteKm: number;
  /** Estimated door-to-door time by car, minutes (not rounded). */
  minutes: number;
  /** The same rounded to the next whole minute, for display. */
  minutesArrondies: number;
}

/** Estimated car trip for a great-circle distance in km (negative or non-finite distances count as 0). */
export function estimerTrajet(distanceKm: number, modele: ModeleTrajet = MODELE_TRAJET): Trajet {
  const d = Number.isFinite(distanceKm) && distanceKm > 0 ? distanceKm : 0;
  const route = d * modele.facteurDetour;
  let minutes = modele.minutesFixes;
  let debut = 0;
  for (const t of modele.tranches) {
    if (route <= debut) break;
    const parcouru = Math.min(route, t.jusquAKm) - debut;
    minutes += (parcouru / t.vitesseKmh) * 60;
    debut = t.jusquAKm;
  }
  return { distanceRouteKm: route, minutes, minutesArrondies: Math.ceil(minutes - 1e-9) };
}

/** Estimated car time in minutes (not rounded) for a great-circle distance in km. */
export function minutesEnVoiture(distanceKm: number, modele: ModeleTrajet = MODELE_TRAJET): number {
  return estimerTrajet(distanceKm, modele).minutes;
}

/**
 * The great-circle distance in km reachable in `minutes` under the model (the inverse of `minutesEnVoiture`): the
 * search radius for "sites within N minutes". 0 when `minutes` does not exceed the fixed overhead.
 */
export function distancePourMinutes(minutes: number, modele: ModeleTrajet = MODELE_TRAJET): number {
  let reste = minutes - modele.minutesFixes;
  if (!(reste > 0)) return 0;
  let route = 0;
  let debut = 0;
  for (const t of modele.tranches) {
    const longueur = t.jusquAKm - debut;
    const duree = (longueur / t.vitesseKmh) * 60;
    if (reste <= duree) {
      route += (reste / 60) * t.vitesseKmh;
      reste = 0;
      break;
    }
    route += longueur;
    reste -= duree;
    debut = t.jusquAKm;
  }
  return route / modele.facteurDetour;
}
