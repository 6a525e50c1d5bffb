// Public holidays per territory, computed (never a hand-written list of dates).
//
// Sources:
// - Code du travail, art. L3133-1: the 11 national public holidays.
// - Code du travail, art. L3134-13 (Alsace-Moselle: Moselle 57, Bas-Rhin 67, Haut-Rhin 68): the 26 December and Good
//   Friday. The text grants Good Friday "in communes having a Protestant temple or a mixed church"; in practice it is
//   observed across the three départements, and public services there close, so it applies to the whole territory.
// - Loi n° 83-550 du 30 juin 1983 (commemoration of the abolition of slavery, a public holiday: Code du travail
//   art. L3422-2) and décret n° 83-1003 du 23 novembre 1983 as amended (décret n° 2012-553 for Saint-Barthélemy and
//   Saint-Martin): Guadeloupe 27 May, Martinique 22 May, Guyane 10 June, La Réunion 20 December, Mayotte 27 April,
//   Saint-Barthélemy 9 October, Saint-Martin 28 May (its own date, observed since 2018; 27 May before, like
//   Guadeloupe, which is not modelled since no closure history predates this software).
// - 21 July (Victor Schœlcher day) in Guadeloupe and Martinique: not in the texts above but a local public holiday
//   observed by custom and collective agreements; public offices close, so it is included.
// Customary days that are not generally observed by public offices (Good Friday and Mi-Carême in the Antilles,
// carnival days) are deliberately left out; a site closing on them records an exceptional closure.

import { ajouterJours, dateValide, msEnJour } from './fuseau.ts';

/** Holiday profile of a territory. Saint-Pierre-et-Miquelon (975) follows the national list: `metropole`. */
export type Territoire =
  | 'metropole'
  | 'alsace-moselle'
  | 'guadeloupe'
  | 'martinique'
  | 'guyane'
  | 'reunion'
  | 'mayotte'
  | 'saint-barthelemy'
  | 'saint-martin';

/** One public holiday: its civil date and French name. */
export interface JourFerie {
  date: string;
  nom: string;
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher), as YYYY-MM-DD. */
export function dimancheDePaques(annee: number): string {
  const a = annee % 19;
  const b = Math.floor(annee / 100);
  const c = annee % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const mois = Math.floor((h + l - 7 * m + 114) / 31);
  const jour = ((h + l - 7 * m + 114) % 31) + 1;
  return msEnJour(Date.UTC(annee, mois - 1, jour));
}

const LOCAUX: Record<Territoire, Array<[mois: number, jour: number, nom: string]>> = {
  metropole: [],
  'alsace-moselle': [[12, 26, 'Saint-Étienne']],
  guadeloupe: [
    [5, 27, "Abolition de l'esclavage"],
    [7, 21, 'Fête de Victor Schœlcher'],
  ],
  martinique: [
    [5, 22, "Abolition de l'esclavage"],
    [7, 21, 'Fête de Victor Schœlcher'],
  ],
  guyane: [[6, 10, "Abolition de l'esclavage"]],
  reunion: [[12, 20, "Abolition de l'esclavage"]],
  mayotte: [[4, 27, "Abolition de l'esclavage"]],
  'saint-barthelemy': [[10, 9, "Abolition de l'esclavage"]],
  'saint-martin': [[5, 28, "Abolition de l'esclavage"]],
};

const cache = new Map<string, readonly JourFerie[]>();

/** Public holidays of a year in a territory, sorted by date (national list of L3133-1 plus local days). */
export function joursFeries(annee: number, territoire: Territoire): JourFerie[] {
  return feriesEnCache(annee, territoire).map((j) => ({ ...j }));
}

function feriesEnCache(annee: number, territoire: Territoire): readonly JourFerie[] {
  if (!Number.isInteger(annee) || annee < 1900 || annee > 9999) throw new RangeError(`Année invalide : ${annee}`);
  if (!(territoire in LOCAUX)) throw new RangeError(`Territoire inconnu : ${territoire}`);
  const cle = `${annee}:${territoire}`;
  const connu = cache.get(cle);
  if (connu) return connu;

  const fixe = (mois: number, jour: number, nom: string): JourFerie => ({
    date: msEnJour(Date.UTC(annee, mois - 1, jour)),
    nom,
  });
  const paques = dimancheDePaques(annee);
  const jours: JourFerie[] = [
    fixe(1, 1, "Jour de l'an"),
    { date: ajouterJours(paques, 1), nom: 'Lundi de Pâques' },
    fixe(5, 1, 'Fête du Travail'),
    fixe(5, 8, 'Victoire 1945'),
    { date: ajouterJours(paques, 39), nom: 'Ascension' },
    { date: ajouterJours(paques, 50), nom: 'Lundi de Pentecôte' },
    fixe(7, 14, 'Fête nationale'),
    fixe(8, 15, 'Assomption'),
    fixe(11, 1, 'Toussaint'),
    fixe(11, 11, 'Armistice 1918'),
    fixe(12, 25, 'Noël'),
  ];
  if (territoire === 'alsace-moselle') jours.push({ date: ajouterJours(paques, -2), nom: 'Vendredi saint' });
  for (const [mois, jour, nom] of LOCAUX[territoire]) jours.push(fixe(mois, jour, nom));
  jours.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(cle, jours);
  return jours;
}

/** The holiday falling on a civil date (YYYY-MM-DD) in a territory, or undefined. */
export function ferieDu(date: string, territoire: Territoire): JourFerie | undefined {
  if (!dateValide(date)) throw new RangeError(`Date invalide : ${date} (attendu AAAA-MM-JJ)`);
  const trouve = feriesEnCache(Number(date.slice(0, 4)), territoire).find((j) => j.date === date);
  return trouve ? { ...trouve } : undefined;
}

/** True when a civil date (YYYY-MM-DD, in the site's own calendar) is a public holiday of the territory. */
export function estFerie(date: string, territoire: Territoire): boolean {
  if (!dateValide(date)) throw new RangeError(`Date invalide : ${date} (attendu AAAA-MM-JJ)`);
  return feriesEnCache(Number(date.slice(0, 4)), territoire).some((j) => j.date === date);
}

const PAR_DEPARTEMENT: Record<string, { territoire: Territoire; fuseau: string }> = {
  '57': { territoire: 'alsace-moselle', fuseau: 'Europe/Paris' },
  '67': { territoire: 'alsace-moselle', fuseau: 'Europe/Paris' },
  '68': { territoire: 'alsace-moselle', fuseau: 'Europe/Paris' },
  '971': { territoire: 'guadeloupe', fuseau: 'America/Guadeloupe' },
  '972': { territoire: 'martinique', fuseau: 'America/Martinique' },
  '973': { territoire: 'guyane', fuseau: 'America/Cayenne' },
  '974': { territoire: 'reunion', fuseau: 'Indian/Reunion' },
  '975': { territoire: 'metropole', fuseau: 'America/Miquelon' },
  '976': { territoire: 'mayotte', fuseau: 'Indian/Mayotte' },
  '977': { territoire: 'saint-barthelemy', fuseau: 'America/St_Barthelemy' },
  '978': { territoire: 'saint-martin', fuseau: 'America/Marigot' },
};

function profil(departement: string): { territoire: Territoire; fuseau: string } {
  const code = departement.trim().toUpperCase();
  const connu = PAR_DEPARTEMENT[code];
  if (connu) return connu;
  if (/^(0[1-9]|[1-8]\d|9[0-5]|2A|2B)$/.test(code) && code !== '20') {
    return { territoire: 'metropole', fuseau: 'Europe/Paris' };
  }
  // 986-988 (Wallis-et-Futuna, Polynésie, Nouvelle-Calédonie) have their own labour codes: not modelled.
  throw new RangeError(`Département non pris en charge pour les jours fériés : ${departement}`);
}

/** Holiday profile of a département code ('57' → alsace-moselle, '974' → reunion, '2A' → metropole). */
export function territoireDe(departement: string): Territoire {
  return profil(departement).territoire;
}

/** Default IANA time zone of a département (Europe/Paris in mainland France, the local zone overseas). */
export function fuseauParDefaut(departement: string): string {
  return profil(departement).fuseau;
}
