// The list of actions done in a citizen's name (issue 14 point 4): read from the mandate's journal, in the citizen's
// words (ACTIONS_JOURNAL), dated on the site's clock, with the site where each was done. It never names anyone else:
// not the agents (the journal's `auteurId` is not read), not the people of other mandates.

import type { Executor } from '../../platform/db/client.ts';
import { formaterDate } from '../../platform/formats/dates.ts';
import { ACTIONS_JOURNAL, entreesDuMandat } from './journal.ts';
import { sitesDesObjets } from './repo-revocation.ts';

/** One line of the list given to the citizen. */
export interface ActionCitoyen {
  numero: number;
  le: Date;
  /** "12 janvier 2027 à 14:05", on the site's clock. */
  quand: string;
  libelle: string;
  site: string;
}

const QUAND: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/** A date and time written as the citizen reads it: "12 janvier 2027 à 14:05" in the site's zone. */
export function quandEnClair(le: Date, fuseau: string): string {
  return formaterDate(le, fuseau, QUAND);
}

/** What the mandate's journal says was done in the citizen's name, oldest first. */
export async function actionsDuCitoyen(
  db: Executor,
  mandat: { id: string; site: string; fuseau: string },
): Promise<ActionCitoyen[]> {
  const entrees = await entreesDuMandat(db, mandat.id);
  const objets = entrees.flatMap((e) => (e.objetType && e.objetId ? [{ type: e.objetType, id: e.objetId }] : []));
  const sites = await sitesDesObjets(db, objets);
  const libelles: Record<string, string> = ACTIONS_JOURNAL;
  return entrees.map((e) => ({
    numero: e.numero,
    le: e.le,
    quand: quandEnClair(e.le, mandat.fuseau),
    libelle: libelles[e.action] ?? 'Action enregistrée au titre du mandat',
    site: (e.objetId && sites.get(e.objetId)) || mandat.site,
  }));
}
