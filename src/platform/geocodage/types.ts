/** One answer of a geocoder: what to display and where it is. */
export interface PositionGeocodee {
  libelle: string;
  latitude: number;
  longitude: number;
  /** INSEE code of the commune, when known. */
  codeInsee?: string;
  /** `commune` when the position is a commune centre, `adresse` for a street or house number. */
  precision: 'commune' | 'adresse';
}

/** Turns what a visitor typed (commune, postcode, address) into positions, best first. Never throws for bad input. */
export interface Geocodeur {
  /** Short name, for logs and configuration (`local`, `geoplateforme`). */
  readonly nom: string;
  rechercher(texte: string, limite?: number): Promise<PositionGeocodee[]>;
}

/** Maximum number of answers when the caller does not say. */
export const LIMITE_GEOCODAGE = 5;
