import { GeocodeurGeoplateforme, type OptionsGeoplateforme } from './geoplateforme.ts';
import { GeocodeurLocal, type RechercheCommunes } from './local.ts';
import type { Geocodeur } from './types.ts';

export { GeocodeurGeoplateforme, type OptionsGeoplateforme, URL_GEOPLATEFORME } from './geoplateforme.ts';
export { GeocodeurLocal, type RechercheCommunes } from './local.ts';
export { type Geocodeur, LIMITE_GEOCODAGE, type PositionGeocodee } from './types.ts';

/** The geocoders guichet knows, by configuration name. */
export const GEOCODEURS = ['local', 'geoplateforme'] as const;
export type NomGeocodeur = (typeof GEOCODEURS)[number];

/**
 * The geocoder named by configuration (`GEOCODEUR`): `local` (default, offline commune index) or `geoplateforme`
 * (IGN/BAN over the network, falling back to `local`), both over the given commune index. An unknown name is a
 * configuration error.
 */
export function creerGeocodeur(
  rechercherCommunes: RechercheCommunes,
  nom: string = process.env.GEOCODEUR || 'local',
  options: Omit<OptionsGeoplateforme, 'secours'> = {},
): Geocodeur {
  const local = new GeocodeurLocal(rechercherCommunes);
  switch (nom) {
    case 'local':
      return local;
    case 'geoplateforme':
      return new GeocodeurGeoplateforme({ ...options, secours: local });
    default:
      throw new Error(`Unknown geocoder "${nom}": expected one of ${GEOCODEURS.join(', ')}`);
  }
}
