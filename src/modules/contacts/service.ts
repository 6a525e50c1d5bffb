// Use cases of contacts (issue 12). For now the answer clock of a public site; the contact form, the SMTP receiver
// and the inbox come next and compute their due instants through the same `delaiReponse`.

import type { Executor } from '../../platform/db/client.ts';
import { ajouterJours, type Territoire, territoireDe } from '../horaires/index.ts';
import { type Delai, delaiReponse, HEURES_OUVREES, HORIZON_JOURS } from './delai.ts';
import { calendrierPublic } from './repo.ts';

/** The holiday profile of the site's département; départements the engine does not model fall back to mainland. */
function territoireSur(departement: string): Territoire {
  try {
    return territoireDe(departement);
  } catch {
    return 'metropole';
  }
}

/** The clock's answer for a site, with the site's zone (to write instants with its offset). */
export interface DelaiSite {
  siteId: string;
  fuseau: string;
  delai: Delai;
}

/**
 * When the answer to a message received at `recu` by a public site is due (72 working hours on the site's calendar,
 * ADR 0028; another count of hours for a mark of the clock, such as its 75 %); null when no active site of an active
 * structure has this id.
 */
export async function delaiReponseSite(
  db: Executor,
  siteId: string,
  recu: Date,
  heures: number = HEURES_OUVREES,
): Promise<DelaiSite | null> {
  // Closures over the clock's horizon: the UTC date is within a day of the site's own, so a day either side covers it.
  const jour = recu.toISOString().slice(0, 10);
  const site = await calendrierPublic(db, siteId, ajouterJours(jour, -1), ajouterJours(jour, HORIZON_JOURS + 1));
  if (!site) return null;
  const delai = delaiReponse(
    {
      fuseau: site.fuseau,
      territoire: territoireSur(site.departement),
      horaires: site.genre === 'itinerant' ? null : site.horaires,
      arrets: site.genre === 'itinerant' ? site.arrets : undefined,
      semaine53: site.semaine53,
      fermetures: site.fermetures,
    },
    recu,
    heures,
  );
  return { siteId: site.id, fuseau: site.fuseau, delai };
}
