// The cases section of the activity report (issue 13, point 6): reads the cases of the period the actor may count and
// counts each answered case's working days to its first answer on the site's zone and its territory's holidays, the
// calendar the partners' deadlines are counted on (saisines/delais.ts). Computed at each report from stored instants.

import type { Executor } from '../../platform/db/client.ts';
import { ajouterJours, dateLocale, territoireDe } from '../horaires/index.ts';
import { type Acteur, type Portee, porteeDe } from '../portee/index.ts';
import { estJourOuvre } from '../saisines/index.ts';
import { nomDepartement } from '../territoires/index.ts';
import { type CibleSaisines, type SaisineLue, saisinesDuRapport } from './repo-saisines.ts';
import { agregerSaisines, type SaisinesRapport } from './saisines.ts';

/** Ten years of days: a bound for the count of working days between two instants. */
const JOURS_MAX = 3660;

/**
 * Who may count cases: the national administration, coordinators (their départements) and référents (their partner's
 * cases in their départements); null for everyone else (managers and agents follow their cases elsewhere).
 */
export function porteeSaisines(acteur: Pick<Acteur, 'habilitations'>): Portee | null {
  const p = porteeDe(acteur, { roles: ['admin_national', 'coordinateur', 'referent'] });
  return p.national || p.departements.length > 0 || p.partenaires.length > 0 ? p : null;
}

/**
 * Working days from the civil day of `debut` to the civil day of `fin` in `fuseau`: the working days after the first
 * up to the last inclusive (the same day: 0), as the partners' deadlines are counted.
 */
export function joursOuvresEntre(debut: Date, fin: Date, fuseau: string, departement: string): number {
  const territoire = territoireDe(departement);
  const dernier = dateLocale(fin, fuseau);
  let jour = dateLocale(debut, fuseau);
  let n = 0;
  for (let i = 0; i < JOURS_MAX && jour < dernier; i++) {
    jour = ajouterJours(jour, 1);
    if (estJourOuvre(jour, territoire)) n++;
  }
  return n;
}

/** The cases of the target over the period, as the report shows them at `maintenant`; null when the actor may see none. */
export async function saisinesDuRapportAgregees(
  db: Executor,
  acteur: Acteur,
  cible: CibleSaisines,
  periode: { du: string; au: string },
  maintenant: Date,
  nomPartenaire: (id: string) => string,
): Promise<SaisinesRapport | null> {
  const portee = porteeSaisines(acteur);
  if (!portee) return null;
  const lues = await saisinesDuRapport(db, portee, cible, periode);
  const jours = (s: SaisineLue) =>
    s.premiereReponseLe ? joursOuvresEntre(s.creeLe, s.premiereReponseLe, s.fuseau, s.departement) : null;
  return agregerSaisines(lues, (s) => jours(s as SaisineLue), maintenant, nomPartenaire, nomDepartement);
}
