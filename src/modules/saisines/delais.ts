// The deadline of a case's first answer (issue 13 point 4, ADR 0030): a number of working days per partner
// (`delais_partenaires`), a national default otherwise. A working day is Monday to Friday minus the public holidays of
// the site's territory (horaires/index.ts): the référent's office calendar, not the site's opening hours, since the
// partner answers, not the counter. The deadline is the END of the Nth working day after the day of creation
// (23:59:59.999 on the site's wall clock): a case created on Friday at 17:55 and one created at 08:05 get the same
// deadline, as a partner's agreement ("5 jours ouvrés") is read by people, and the reminder then goes on the next
// morning's sweep rather than in the middle of a working day. Pure except `echeanceSaisine`, which reads the partner's
// setting.

import type { Executor } from '../../platform/db/client.ts';
import { ajouterJours, dateLocale, estFerie, fuseauValide, instantMural, type Territoire } from '../horaires/index.ts';
import { delaiDuPartenaire } from './repo-relances.ts';

/**
 * The national default: 5 working days (one working week). Administration+ flags a case late after 3 days, which its
 * users found too short for partners who must look up a file; Conseillers-Entreprises first reminds at 9 days, too
 * long for a blocked right or an income cut. One week is what the conventions' annexes most often promise.
 */
export const DELAI_NATIONAL_JOURS = 5;
/** Bounds of a number of working days (the `delai_partenaire_jours` constraint allows 1 to 60). */
export const DELAI_MIN_JOURS = 1;
export const DELAI_MAX_JOURS = 60;

/** Where the working days are counted: the site's IANA zone and its holidays' territory. */
export interface CalendrierOuvre {
  fuseau: string;
  territoire: Territoire;
}

/** True when a civil date (YYYY-MM-DD) is a working day: Monday to Friday and not a holiday of the territory. */
export function estJourOuvre(date: string, territoire: Territoire): boolean {
  const jour = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return jour !== 0 && jour !== 6 && !estFerie(date, territoire);
}

/** The civil date of the `jours`-th working day after `date` (0: `date` itself). */
export function jourOuvreApres(date: string, jours: number, territoire: Territoire): string {
  let jour = date;
  for (let reste = jours; reste > 0; ) {
    jour = ajouterJours(jour, 1);
    if (estJourOuvre(jour, territoire)) reste--;
  }
  return jour;
}

/**
 * The end (23:59:59.999, site's wall clock) of the `jours`-th working day after the civil day of `instant` in the
 * site's zone; the day of `instant` itself never counts, whether or not it is a working day.
 */
export function ajouterJoursOuvres(instant: Date, jours: number, calendrier: CalendrierOuvre): Date {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Instant invalide');
  if (!fuseauValide(calendrier.fuseau)) throw new RangeError(`Fuseau horaire inconnu : ${calendrier.fuseau}`);
  if (!Number.isInteger(jours) || jours < 0 || jours > 366) throw new RangeError(`Nombre de jours invalide : ${jours}`);
  const jour = jourOuvreApres(dateLocale(instant, calendrier.fuseau), jours, calendrier.territoire);
  return new Date(instantMural(jour, 1440, calendrier.fuseau).getTime() - 1);
}

/** The number of working days a partner gives itself for a first answer: its own setting, else the national default. */
export async function delaiPartenaire(db: Executor, partenaireId: string): Promise<number> {
  const jours = await delaiDuPartenaire(db, partenaireId);
  return jours !== null && jours >= DELAI_MIN_JOURS && jours <= DELAI_MAX_JOURS ? jours : DELAI_NATIONAL_JOURS;
}

/** The deadline of a new case's first answer: the partner's working days after the day it was created. */
export async function echeanceSaisine(
  db: Executor,
  p: { partenaireId: string; creeLe: Date; fuseau: string; territoire: Territoire },
): Promise<Date> {
  const jours = await delaiPartenaire(db, p.partenaireId);
  return ajouterJoursOuvres(p.creeLe, jours, { fuseau: p.fuseau, territoire: p.territoire });
}
