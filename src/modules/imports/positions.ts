import type { Commune } from '../territoires/index.ts';

/** Great-circle distance in kilometres. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

// How far a site may stand from its commune's centre. French communes are at most about 20 km across, except in
// Guyane where they reach 18,000 km² (Maripasoula) and the centre can be 100 km from the town.
const ECART_MAX_KM = 30;
const ECART_MAX_GUYANE_KM = 150;

export type Position =
  | { latitude: number; longitude: number; approchee: boolean; avertissement?: string }
  | { latitude: null; longitude: null; approchee: false; avertissement?: string };

/**
 * The position to record for a place: its own coordinates when they lie near its commune; the commune's centre,
 * marked approximate, when there are none or they are obviously elsewhere (a geocoder that found another "Valence").
 */
export function positionRetenue(
  coordonnees: { latitude: number; longitude: number } | null,
  commune: Commune | undefined,
): Position {
  if (!commune) {
    if (coordonnees) return { ...coordonnees, approchee: false };
    return { latitude: null, longitude: null, approchee: false, avertissement: 'sans coordonnées ni commune connue' };
  }
  const centre = { latitude: commune.latitude, longitude: commune.longitude };
  if (!coordonnees)
    return {
      ...centre,
      approchee: true,
      avertissement: `sans coordonnées : position approchée au centre de la commune ${commune.nomAvecArticle}`,
    };
  const ecart = distanceKm(coordonnees, centre);
  const max = commune.departement === '973' ? ECART_MAX_GUYANE_KM : ECART_MAX_KM;
  if (ecart > max)
    return {
      ...centre,
      approchee: true,
      avertissement: `coordonnées (${coordonnees.latitude}, ${coordonnees.longitude}) à ${Math.round(ecart)} km de la commune ${commune.nomAvecArticle} : remplacées par le centre de la commune (position approchée)`,
    };
  return { ...coordonnees, approchee: false };
}
