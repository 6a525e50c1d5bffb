import { rechercherCommunes } from '../../modules/annuaire/index.ts';
import { type Geocodeur, LIMITE_GEOCODAGE, type PositionGeocodee } from './types.ts';

/**
 * The default geocoder: the offline commune index (`data/communes-fr.csv`). No network, no personal data leaves the
 * server; positions are commune centres, so an address resolves to the centre of its commune (or district).
 */
export class GeocodeurLocal implements Geocodeur {
  readonly nom = 'local';

  async rechercher(texte: string, limite = LIMITE_GEOCODAGE): Promise<PositionGeocodee[]> {
    return rechercherCommunes(texte, limite).map((r) => ({
      libelle: r.libelle,
      latitude: r.latitude,
      longitude: r.longitude,
      codeInsee: r.commune.code,
      precision: 'commune',
    }));
  }
}
