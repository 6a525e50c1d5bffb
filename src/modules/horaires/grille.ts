// A weekly grid (up to three ranges per weekday) to and from OSM opening_hours, so that managers edit hours in a
// form without learning the syntax. A grid always means "closed on public holidays" (`PH off`).

import { JOURS, type JourCle } from './calcul.ts';
import { analyserOsm, CODES_JOURS, formaterMinutes, plagesDuJour } from './osm.ts';

/** One range of a grid, as shown in the form. */
export interface PlageGrille {
  debut: string; // HH:MM
  fin: string; // HH:MM
}

/** For each weekday, its opening ranges in order (empty = closed). */
export type Grille = Record<JourCle, PlageGrille[]>;

/** What a form sends: any weekday may be missing, fields may be blank or loosely typed ("9h30"). */
export type GrilleSaisie = Partial<Record<JourCle, Array<{ debut?: string | null; fin?: string | null }>>>;

/** A grid holds at most this many ranges per day; richer hours stay in the raw syntax. */
export const PLAGES_MAX_PAR_JOUR = 3;

/** The grid of an OSM text, or null when the text says more than a grid can (open on holidays, >3 ranges, invalid). */
export function grilleDepuisHoraires(osm: string): Grille | null {
  const r = analyserOsm(osm);
  if (!r.ok) return null;
  const grille = {} as Grille;
  for (const [i, jour] of JOURS.entries()) {
    const plages = plagesDuJour(r.horaires, i, false);
    if (plages.length > PLAGES_MAX_PAR_JOUR) return null;
    if (plagesDuJour(r.horaires, i, true).length > 0) return null;
    grille[jour] = plages.map((p) => ({ debut: formaterMinutes(p.debut), fin: formaterMinutes(p.fin) }));
  }
  return grille;
}

/** Reads "9:30", "09:30", "9h30", "9h" or "24:00" as minutes after midnight, or null. */
function lireHeure(texte: string): number | null {
  const m = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec(texte.trim());
  if (!m) return null;
  const heures = Number(m[1]);
  const minutes = Number(m[2] ?? '0');
  if (heures > 24 || minutes > 59 || (heures === 24 && minutes > 0)) return null;
  return heures * 60 + minutes;
}

function selecteur(jours: number[]): string {
  const morceaux: string[] = [];
  let i = 0;
  while (i < jours.length) {
    let j = i;
    while (j + 1 < jours.length && jours[j + 1] === (jours[j] ?? 0) + 1) j++;
    const code = (k: number): string => CODES_JOURS[jours[k] ?? 0] ?? '';
    if (j - i >= 2) morceaux.push(`${code(i)}-${code(j)}`);
    else for (let k = i; k <= j; k++) morceaux.push(code(k));
    i = j + 1;
  }
  return morceaux.join(',');
}

/**
 * The canonical OSM text of a grid ("Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00; PH off"), or French error
 * messages keyed by field: "lu.0" for the first range of Monday, "lu" for the day itself.
 */
export function horairesDepuisGrille(
  grille: GrilleSaisie,
): { ok: true; horaires: string; grille: Grille } | { ok: false; erreurs: Record<string, string> } {
  const erreurs: Record<string, string> = {};
  const propre = {} as Grille;
  const signatures: string[] = [];

  for (const jour of JOURS) {
    const lues: Array<{ debut: number; fin: number; index: number }> = [];
    (grille[jour] ?? []).forEach((plage, index) => {
      const cle = `${jour}.${index}`;
      const debutTexte = (plage.debut ?? '').trim();
      const finTexte = (plage.fin ?? '').trim();
      if (!debutTexte && !finTexte) return;
      if (!debutTexte || !finTexte) {
        erreurs[cle] = "Indiquez l'heure de début et l'heure de fin.";
        return;
      }
      const debut = lireHeure(debutTexte);
      const fin = lireHeure(finTexte);
      if (debut === null || fin === null) {
        const fautive = debut === null ? debutTexte : finTexte;
        erreurs[cle] = `Heure invalide : « ${fautive} » (format attendu : 09:30).`;
        return;
      }
      if (fin <= debut) {
        erreurs[cle] =
          `L'heure de fin (${formaterMinutes(fin)}) doit être après l'heure de début (${formaterMinutes(debut)}).`;
        return;
      }
      const chevauchee = lues.find((l) => debut < l.fin && l.debut < fin);
      if (chevauchee) {
        erreurs[cle] =
          `Cette plage chevauche la plage ${formaterMinutes(chevauchee.debut)}-${formaterMinutes(chevauchee.fin)}.`;
        return;
      }
      lues.push({ debut, fin, index });
    });
    if (lues.length > PLAGES_MAX_PAR_JOUR) erreurs[jour] = `${PLAGES_MAX_PAR_JOUR} plages au plus par jour.`;
    lues.sort((a, b) => a.debut - b.debut);
    propre[jour] = lues.map((l) => ({ debut: formaterMinutes(l.debut), fin: formaterMinutes(l.fin) }));
    signatures.push(propre[jour].map((p) => `${p.debut}-${p.fin}`).join(','));
  }
  if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };

  // Group weekdays with the same ranges, in the order of their first day: "Mo-Fr …; Sa …".
  const groupes = new Map<string, number[]>();
  signatures.forEach((s, i) => {
    if (s) groupes.set(s, [...(groupes.get(s) ?? []), i]);
  });
  const regles = [...groupes].map(([plages, jours]) => `${selecteur(jours)} ${plages}`);
  const horaires = regles.length === 0 ? 'off' : [...regles, 'PH off'].join('; ');
  return { ok: true, horaires, grille: propre };
}
