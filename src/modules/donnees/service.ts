import type { Db } from '../../platform/db/client.ts';
import { versCsv } from '../../platform/formats/csv.ts';
import {
  COLONNES_ANCT,
  COLONNES_MEDIATION,
  horairesSourceJour,
  ligneAnct,
  lignesMediation,
  versGeoJson,
} from './formats.ts';
import { sitesPublics } from './repo.ts';

/** The registry in the ANCT list format: re-importing it yields the same sites. */
export async function exporterAnct(db: Db): Promise<string> {
  const sites = await sitesPublics(db);
  return versCsv(
    COLONNES_ANCT,
    sites.map((s) => ligneAnct(s, horairesSourceJour)),
  );
}

/** The registry as GeoJSON points, with each itinerant service's stops. */
export async function exporterGeoJson(db: Db, urlPublique: string) {
  return versGeoJson(await sitesPublics(db), urlPublique);
}

/** The registry as mediation places (national standard): one row per fixed site, one per stop of a tour. */
export async function exporterMediation(db: Db, urlPublique: string): Promise<string> {
  const sites = await sitesPublics(db);
  return versCsv(
    COLONNES_MEDIATION,
    sites.flatMap((s) => lignesMediation(s, urlPublique)),
  );
}
