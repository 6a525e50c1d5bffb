// The passages of a tour's stops around the next week 53, to show the manager what the tour's rule does (ADR 0013).

import { intervallesOuverture, type Semaines, validerHoraires } from './calcul.ts';
import type { Territoire } from './feries.ts';
import { ajouterJours, dateLocale, ecartJours } from './fuseau.ts';
import { prochaineSemaine53, type RegleSemaine53 } from './semaine53.ts';

/** Warned from this many days between two passages at a stop (three weeks, where alternation gives two). */
export const ECART_ALERTE_JOURS = 21;

/** A stop as the week 53 check reads it. */
export interface ArretSemaine53 {
  id: string;
  nom: string;
  commune: string;
  horaires: string;
  semaines: Semaines;
}

/** One stop around week 53: its passages in the window, and its longest stretch without one when it is too long. */
export interface PassagesArret {
  arret: ArretSemaine53;
  /** Civil dates of the passages from three weeks before week 53 to three weeks after. */
  passages: string[];
  /** The longest stretch between two passages (or the window's edges) when it reaches 21 days. */
  sansPassage?: { apres: string | null; avant: string | null; jours: number };
}

/**
 * The passages of each stop with a parity around the next week 53 (public holidays included, as people will see
 * them), and for each the longest stretch without a passage when it reaches three weeks: what the manager must know
 * before choosing the tour's rule.
 */
export function passagesAutourSemaine53(p: {
  arrets: ArretSemaine53[];
  regle: RegleSemaine53;
  fuseau: string;
  territoire: Territoire;
  maintenant: Date;
}) {
  const semaine53 = prochaineSemaine53(dateLocale(p.maintenant, p.fuseau));
  const du = ajouterJours(semaine53.du, -21);
  const au = ajouterJours(semaine53.au, 21);
  const arrets: PassagesArret[] = [];
  for (const arret of p.arrets) {
    if (arret.semaines === 'toutes' || !validerHoraires(arret.horaires).ok) continue;
    const dates = intervallesOuverture({
      horaires: arret.horaires,
      fuseau: p.fuseau,
      territoire: p.territoire,
      du,
      au,
      semaines: arret.semaines,
      semaine53: p.regle,
    }).map((i) => dateLocale(i.debut, p.fuseau));
    const passages = [...new Set(dates)];
    if (passages.length === 0) {
      arrets.push({ arret, passages, sansPassage: { apres: null, avant: null, jours: ecartJours(du, au) } });
      continue;
    }
    // Stretches between consecutive passages, the window's edges standing for the passages outside it.
    const bornes: Array<string | null> = [null, ...passages, null];
    let pire: PassagesArret['sansPassage'];
    for (let i = 0; i + 1 < bornes.length; i++) {
      const apres = bornes[i] ?? null;
      const avant = bornes[i + 1] ?? null;
      if (apres === null && avant === null) continue;
      // An edge counts only through the days inside the window: a stretch cut by it is at least that long.
      const jours = ecartJours(apres ?? du, avant ?? au);
      if (jours >= ECART_ALERTE_JOURS && (!pire || jours > pire.jours)) pire = { apres, avant, jours };
    }
    arrets.push({ arret, passages, ...(pire ? { sansPassage: pire } : {}) });
  }
  return { ...semaine53, fenetre: { du, au }, arrets };
}
