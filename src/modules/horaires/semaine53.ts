// ISO years with 53 weeks (2020, 2026, 2032…) break the odd/even alternation of a tour's stops: week 53 is odd and
// so is the next week 1, so "odd weeks" stops come twice in a row while "even weeks" stops skip four weeks. Each tour
// says what its stops with a parity do in week 53; the hours page shows the passages around it and warns when a
// village goes three weeks or more without the service.

import type { Semaines } from './calcul.ts';
import { ajouterJours, jourEnMs, jourSemaine, semaineIso } from './fuseau.ts';

/**
 * What a tour's stops with a parity do in week 53: come as on odd weeks (ISO's own answer, the default), as on even
 * weeks, not come at all, or keep alternating without a break (the weeks of the following years then swap parity
 * until the next week 53).
 */
export const REGLES_SEMAINE_53 = ['impaire', 'paire', 'aucune', 'alterner'] as const;
export type RegleSemaine53 = (typeof REGLES_SEMAINE_53)[number];

/** The manager's choices, as the form offers them. */
export const LIBELLES_SEMAINE_53: Record<RegleSemaine53, string> = {
  impaire: 'Comme une semaine impaire (les arrêts des semaines impaires passent deux semaines de suite)',
  paire: 'Comme une semaine paire (les arrêts des semaines paires passent deux semaines de suite)',
  aucune: 'Pas de passage des arrêts à semaines paires ou impaires en semaine 53',
  alterner:
    'Alterner sans interruption (la semaine 1 suivante compte comme paire, et ainsi de suite jusqu’à la prochaine semaine 53)',
};

const MS_SEMAINE = 7 * 86_400_000;
/** Monday of ISO week 1 of 2021, the first week after the week 53 of 2020: the origin of the unbroken alternation. */
const ORIGINE_ALTERNANCE = Date.UTC(2021, 0, 4);

/** The ISO year a civil date belongs to (the year of its week's Thursday). */
export function anneeIso(date: string): number {
  return Number(ajouterJours(date, 3 - jourSemaine(date)).slice(0, 4));
}

/** True when the ISO year has a week 53 (28 December is always in the last ISO week). */
export function aUneSemaine53(annee: number): boolean {
  return semaineIso(`${annee}-12-28`) === 53;
}

/** Monday of an ISO week (week 1 holds 4 January). */
export function lundiSemaineIso(annee: number, semaine: number): string {
  const quatre = `${annee}-01-04`;
  return ajouterJours(quatre, -jourSemaine(quatre) + (semaine - 1) * 7);
}

/** Whether a stop of the given parity comes during the ISO week of `date`, under the tour's week 53 rule. */
export function semaineRetenue(date: string, semaines: Semaines | undefined, regle: RegleSemaine53 = 'impaire') {
  if (!semaines || semaines === 'toutes') return true;
  const semaine = semaineIso(date);
  let paire: boolean;
  if (regle === 'alterner') {
    const lundi = jourEnMs(date) - jourSemaine(date) * 86_400_000;
    // Week 1 of 2021 is odd; every week after it flips the parity, across years.
    paire = Math.round((lundi - ORIGINE_ALTERNANCE) / MS_SEMAINE) % 2 !== 0;
  } else if (semaine === 53) {
    if (regle === 'aucune') return false;
    paire = regle === 'paire';
  } else {
    paire = semaine % 2 === 0;
  }
  return paire === (semaines === 'paires');
}

/** The next week 53 from `aujourdhui` (this ISO year's, if it has one), with its dates. */
export function prochaineSemaine53(aujourdhui: string): { annee: number; du: string; au: string } {
  let annee = anneeIso(aujourdhui);
  while (!aUneSemaine53(annee)) annee++;
  const du = lundiSemaineIso(annee, 53);
  return { annee, du, au: ajouterJours(du, 6) };
}
