// Calendar and interval helpers of the appointments module. Wall-clock conversions go through the hours engine's
// zone helpers (horaires/fuseau.ts, via its index), so nothing here depends on the process's TZ.

import { ajouterJours, type Intervalle, partiesMurales } from '../horaires/index.ts';

const MS_JOUR = 86_400_000;
const MS_MINUTE = 60_000;
const FORMAT_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FORMAT_HEURE = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** True when `date` is a real calendar date written YYYY-MM-DD. */
export function dateValide(date: string): boolean {
  if (!FORMAT_DATE.test(date)) return false;
  try {
    return ajouterJours(date, 0) === date;
  } catch {
    return false;
  }
}

function enMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** Number of days from `a` to `b` (positive when b is later); both must be valid dates. */
export function ecartJours(a: string, b: string): number {
  return Math.round((enMs(b) - enMs(a)) / MS_JOUR);
}

/** Weekday of a civil date, 0 = Monday … 6 = Sunday (ISO order, as `JOURS` of the hours engine). */
export function jourSemaine(date: string): number {
  return (new Date(enMs(date)).getUTCDay() + 6) % 7;
}

/** Number of days of the month of a civil date. */
export function joursDuMois(date: string): number {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
}

/** The first day of the month after the month of `date`. */
export function moisSuivant(date: string): string {
  return ajouterJours(`${date.slice(0, 8)}01`, joursDuMois(date));
}

/** Minutes since midnight of an "HH:MM" wall-clock time (24:00 allowed as the end of the day), or null. */
export function minutesDe(heure: string): number | null {
  const m = FORMAT_HEURE.exec(heure);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 1440 ? minutes : null;
}

/** An instant written ISO 8601 with the site's offset at that instant, e.g. 2027-03-29T09:00:00+02:00. */
export function isoAvecDecalage(instant: Date, fuseau: string): string {
  const p = partiesMurales(instant, fuseau);
  const murMs = enMs(p.date) + Math.round(p.minutes * MS_MINUTE);
  const decalage = Math.round((murMs - instant.getTime()) / MS_MINUTE);
  const signe = decalage < 0 ? '-' : '+';
  const abs = Math.abs(decalage);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${new Date(murMs).toISOString().slice(0, 19)}${signe}${hh}:${mm}`;
}

/** Intervals sorted by start, those that overlap or touch merged into one. */
export function fusionner(intervalles: Intervalle[]): Intervalle[] {
  const tries = [...intervalles].sort((a, b) => a.debut.getTime() - b.debut.getTime());
  const resultat: Intervalle[] = [];
  for (const i of tries) {
    const dernier = resultat[resultat.length - 1];
    if (dernier && i.debut.getTime() <= dernier.fin.getTime()) {
      if (i.fin.getTime() > dernier.fin.getTime()) dernier.fin = i.fin;
    } else resultat.push({ debut: i.debut, fin: i.fin });
  }
  return resultat;
}

/** `intervalles` (sorted, disjoint) minus the union of `retraits` (any order), empty pieces dropped. */
export function soustraire(intervalles: Intervalle[], retraits: Intervalle[]): Intervalle[] {
  if (retraits.length === 0) return intervalles;
  const trous = fusionner(retraits);
  const resultat: Intervalle[] = [];
  let j = 0;
  for (const i of intervalles) {
    let debut = i.debut.getTime();
    const fin = i.fin.getTime();
    while (j < trous.length && (trous[j] as Intervalle).fin.getTime() <= debut) j++;
    for (let k = j; k < trous.length && debut < fin; k++) {
      const t = trous[k] as Intervalle;
      if (t.debut.getTime() >= fin) break;
      if (t.debut.getTime() > debut) resultat.push({ debut: new Date(debut), fin: t.debut });
      debut = Math.max(debut, t.fin.getTime());
    }
    if (debut < fin) resultat.push({ debut: new Date(debut), fin: new Date(fin) });
  }
  return resultat;
}

/** Index of the first interval of a sorted, disjoint list that ends after `instant` (binary search). */
export function premierApres(intervalles: Intervalle[], instant: number): number {
  let bas = 0;
  let haut = intervalles.length;
  while (bas < haut) {
    const milieu = (bas + haut) >> 1;
    if ((intervalles[milieu] as Intervalle).fin.getTime() <= instant) bas = milieu + 1;
    else haut = milieu;
  }
  return bas;
}
