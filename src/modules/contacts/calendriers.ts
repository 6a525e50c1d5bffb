// The answer clock's view of several sites at once (issue 12, points 4 and 5): the alert sweep and the reports read
// the calendars of the sites whose requests they hold, as the engine sees them when they run (ADR 0028).

import type { Executor } from '../../platform/db/client.ts';
import { type Territoire, territoireDe } from '../horaires/index.ts';
import type { CalendrierSite } from './delai.ts';
import { type CalendrierStocke, calendriersDesSites } from './repo-calendriers.ts';

/** The holiday profile of a département; départements the engine does not model fall back to mainland. */
function territoireSur(departement: string): Territoire {
  try {
    return territoireDe(departement);
  } catch {
    return 'metropole';
  }
}

/** What `delaiReponse` and `heuresOuvreesEntre` need of a stored site: a tour counts its stops, never its own hours. */
export function versCalendrier(s: CalendrierStocke): CalendrierSite {
  const tournee = s.genre === 'itinerant';
  return {
    fuseau: s.fuseau,
    territoire: territoireSur(s.departement),
    horaires: tournee ? null : s.horaires,
    arrets: tournee ? s.arrets : undefined,
    semaine53: s.semaine53,
    fermetures: s.fermetures,
  };
}

/** The calendars of these sites by id, with their closures overlapping the civil dates `du`..`au`. */
export async function calendriers(
  db: Executor,
  siteIds: string[],
  du: string,
  au: string,
): Promise<Map<string, CalendrierSite>> {
  const lignes = await calendriersDesSites(db, [...new Set(siteIds)], du, au);
  return new Map(lignes.map((s) => [s.id, versCalendrier(s)]));
}
