import { type Geocodeur, LIMITE_GEOCODAGE, type PositionGeocodee } from './types.ts';

/** A search in an offline commune index (the annuaire module's `rechercherCommunes`), given to the geocoder. */
export type RechercheCommunes = (
  texte: string,
  limite: number,
) => Array<{ libelle: string; latitude: number; longitude: number; commune: { code: string } }>;

/**
 * The default geocoder: the offline commune index (`data/communes-fr.csv`). No network, no personal data leaves the
 * server; positions are commune centres, so an address resolves to the centre of its commune (or district). The index
 * is domain data, so the caller hands its search in: platform code imports no module.
 */
export class GeocodeurLocal implements Geocodeur {
  readonly nom = 'local';

  constructor(private readonly rechercherCommunes: RechercheCommunes) {}

  async rechercher(texte: string, limite = LIMITE_GEOCODAGE): Promise<PositionGeocodee[]> {
    return this.rechercherCommunes(texte, limite).map((r) => ({
      libelle: r.libelle,
      latitude: r.latitude,
      longitude: r.longitude,
      codeInsee: r.commune.code,
      precision: 'commune',
    }));
  }
}
