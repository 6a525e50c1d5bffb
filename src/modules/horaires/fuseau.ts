// Civil dates and wall-clock time in an IANA zone, without Date local methods: every computation goes through
// Date.UTC/getUTC* (pure calendar arithmetic) or Intl.DateTimeFormat with an explicit timeZone, so the result never
// depends on the process's TZ environment variable.

const MS_MINUTE = 60_000;
const MS_JOUR = 86_400_000;
const FORMAT_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatteurs = new Map<string, Intl.DateTimeFormat>();

function formatteur(fuseau: string): Intl.DateTimeFormat {
  let f = formatteurs.get(fuseau);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: fuseau,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatteurs.set(fuseau, f);
  }
  return f;
}

/** True when `fuseau` is an IANA time zone known to the runtime (e.g. Europe/Paris, Indian/Reunion). */
export function fuseauValide(fuseau: string): boolean {
  if (!fuseau?.includes('/')) return fuseau === 'UTC';
  try {
    formatteur(fuseau);
    return true;
  } catch {
    return false;
  }
}

/** Throws a RangeError naming the zone when it is unknown (stored zones are validated, so this is a bug). */
export function exigerFuseau(fuseau: string): void {
  if (!fuseauValide(fuseau)) throw new RangeError(`Fuseau horaire inconnu : ${fuseau}`);
}

const JOURS_PAR_MOIS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function lireDate(date: string): [annee: number, mois: number, jour: number] | null {
  const m = FORMAT_DATE.exec(date);
  if (!m) return null;
  const annee = Number(m[1]);
  const mois = Number(m[2]);
  const jour = Number(m[3]);
  const bissextile = annee % 4 === 0 && (annee % 100 !== 0 || annee % 400 === 0);
  const max = mois === 2 && bissextile ? 29 : (JOURS_PAR_MOIS[mois - 1] ?? 0);
  return annee >= 1000 && jour >= 1 && jour <= max ? [annee, mois, jour] : null;
}

/** True when `date` is a real calendar date written YYYY-MM-DD. */
export function dateValide(date: string): boolean {
  return lireDate(date) !== null;
}

/** Milliseconds of the civil date at 00:00 "as if UTC": the basis of all calendar arithmetic here. */
export function jourEnMs(date: string): number {
  const lu = lireDate(date);
  if (!lu) throw new RangeError(`Date invalide : ${date} (attendu AAAA-MM-JJ)`);
  return Date.UTC(lu[0], lu[1] - 1, lu[2]);
}

/** Writes a UTC-based millisecond count as YYYY-MM-DD. */
export function msEnJour(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The civil date `n` days after `date` (n may be negative). */
export function ajouterJours(date: string, n: number): string {
  return msEnJour(jourEnMs(date) + n * MS_JOUR);
}

/** Number of days from `a` to `b` (positive when b is later). */
export function ecartJours(a: string, b: string): number {
  return Math.round((jourEnMs(b) - jourEnMs(a)) / MS_JOUR);
}

/** Weekday of a civil date, 0 = Monday … 6 = Sunday (ISO order). */
export function jourSemaine(date: string): number {
  return (new Date(jourEnMs(date)).getUTCDay() + 6) % 7;
}

/** ISO 8601 week number (1-53) of a civil date: the week belongs to the year of its Thursday. */
export function semaineIso(date: string): number {
  const ms = jourEnMs(date);
  const jeudi = ms + (3 - jourSemaine(date)) * MS_JOUR;
  const debutAnnee = Date.UTC(new Date(jeudi).getUTCFullYear(), 0, 1);
  return Math.floor((jeudi - debutAnnee) / MS_JOUR / 7) + 1;
}

interface PartiesMurales {
  date: string;
  minutes: number; // minutes since local midnight, seconds included as a fraction
}

/** Wall-clock fields of an instant through Intl (the costly step, memoised by `decalage`). */
function partiesParIntl(ms: number, fuseau: string): number {
  const valeurs: Record<string, number> = {};
  for (const p of formatteur(fuseau).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') valeurs[p.type] = Number(p.value);
  }
  const mur = Date.UTC(
    valeurs.year ?? 0,
    (valeurs.month ?? 1) - 1,
    valeurs.day ?? 1,
    valeurs.hour ?? 0,
    valeurs.minute ?? 0,
    valeurs.second ?? 0,
  );
  return Math.round((mur - ms) / MS_MINUTE);
}

/** Wall-clock date and time of an instant in a zone (to the second). */
export function partiesMurales(instant: Date, fuseau: string): PartiesMurales {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  const mur = ms + decalage(ms, fuseau) * MS_MINUTE;
  const jour = Math.floor(mur / MS_JOUR) * MS_JOUR;
  const secondes = (mur - jour) / 1000;
  // Whole minutes plus seconds/60, as Intl's fields give them (the same float whatever the path).
  return { date: msEnJour(jour), minutes: Math.floor(secondes / 60) + (secondes % 60) / 60 };
}

/** The civil date of an instant in a zone ("today" for a site). */
export function dateLocale(instant: Date, fuseau: string): string {
  return partiesMurales(instant, fuseau).date;
}

// Offsets are memoised per zone and quarter of an hour (UTC): every clock change since the 1970s happens on that
// grid, so a quarter whose first and last seconds agree has one offset throughout; a quarter where they differ (an
// older, odd transition) is computed second by second. Slot listings and pages evaluate thousands of instants of the
// same few days, and Intl formatting is the costly step. The cache is bounded and simply reset when full.
const MS_QUART = 15 * MS_MINUTE;
const CACHE_DECALAGES_MAX = 50_000;
const decalages = new Map<string, Map<number, number | null>>();

/** UTC offset of the zone at an instant, in minutes (e.g. 120 for Paris in summer). */
function decalage(ms: number, fuseau: string): number {
  const quart = Math.floor(ms / MS_QUART) * MS_QUART;
  let duFuseau = decalages.get(fuseau);
  if (!duFuseau) {
    duFuseau = new Map();
    decalages.set(fuseau, duFuseau);
  }
  let connu = duFuseau.get(quart);
  if (connu === undefined) {
    const debut = partiesParIntl(quart, fuseau);
    connu = debut === partiesParIntl(quart + MS_QUART - 1000, fuseau) ? debut : null;
    if (duFuseau.size >= CACHE_DECALAGES_MAX) duFuseau.clear();
    duFuseau.set(quart, connu);
  }
  return connu ?? partiesParIntl(Math.floor(ms / 1000) * 1000, fuseau);
}

/**
 * The instant at which the wall clock of `fuseau` shows `date` + `minutes` (0…1440; 1440 = next midnight).
 * Ambiguities are resolved like Temporal's 'compatible': in a fall-back overlap the earlier instant, in a
 * spring-forward gap the time shifted forward by the gap (02:30 in Paris on the last Sunday of March → 03:30).
 */
export function instantMural(date: string, minutes: number, fuseau: string): Date {
  const mur = jourEnMs(date) + minutes * MS_MINUTE;
  const avant = decalage(mur - MS_JOUR, fuseau);
  const apres = decalage(mur + MS_JOUR, fuseau);
  if (avant === apres) return new Date(mur - avant * MS_MINUTE); // no clock change within a day either side
  const candidats = [avant, apres]
    .map((o) => mur - o * MS_MINUTE)
    .filter((t) => decalage(t, fuseau) * MS_MINUTE === mur - t)
    .sort((a, b) => a - b);
  const choisi = candidats[0] ?? mur - avant * MS_MINUTE;
  return new Date(choisi);
}
