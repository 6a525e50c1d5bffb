// Periods of a report are ranges of civil dates (inclusive), read on each site's wall clock: a request belongs to the
// day it was made where it was made (`sollicitations.jour`), so no time zone arithmetic happens here.

export interface Periode {
  du: string;
  au: string;
}

const MS_JOUR = 86_400_000;
/** Longest period the arithmetic accepts: far beyond what validation lets through (three years), a last guard. */
const MOIS_MAX = 12 * 100;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
/** YYYY-MM-DD; a day outside years 0000-9999 (written "+010000-…", which compares below "9999") is an error. */
function iso(t: number): string {
  const texte = new Date(t).toISOString();
  if (texte.length !== 24) throw new RangeError(`Date hors du calendrier : ${texte}`);
  return texte.slice(0, 10);
}

export const ajouterJours = (d: string, n: number) => iso(ms(d) + n * MS_JOUR);
export const nombreJours = (p: Periode) => Math.round((ms(p.au) - ms(p.du)) / MS_JOUR) + 1;

/** The last day of a month ("2024-02" → "2024-02-29"). */
function finDuMois(annee: number, mois: number): string {
  return iso(Date.UTC(annee, mois, 0));
}

/** The calendar quarter holding a date. */
export function trimestreDe(date: string): Periode {
  const [a, m] = date.split('-').map(Number) as [number, number];
  const premier = Math.floor((m - 1) / 3) * 3 + 1;
  return { du: `${a}-${String(premier).padStart(2, '0')}-01`, au: finDuMois(a, premier + 2) };
}

/** Quarter number and year: "2026-T4". */
export function nomTrimestre(p: Periode): string | null {
  const t = trimestreDe(p.du);
  if (t.du !== p.du || t.au !== p.au) return null;
  const [a, m] = p.du.split('-').map(Number) as [number, number];
  const n = Math.floor((m - 1) / 3) + 1;
  return `${n === 1 ? '1er' : `${n}e`} trimestre ${a}`;
}

const estMoisEntier = (p: Periode) => {
  const [a, m, j] = p.du.split('-').map(Number) as [number, number, number];
  return j === 1 && p.au === finDuMois(a, m);
};
const estAnneeEntiere = (p: Periode) => p.du.endsWith('-01-01') && p.au === `${p.du.slice(0, 4)}-12-31`;

/** The same civil date one year earlier (29 February → 28 February). */
export function unAnAvant(date: string): string {
  const [a, m, j] = date.split('-').map(Number) as [number, number, number];
  const dernier = Number(finDuMois(a - 1, m).slice(8));
  return `${a - 1}-${String(m).padStart(2, '0')}-${String(Math.min(j, dernier)).padStart(2, '0')}`;
}

/**
 * The period just before: the previous quarter, month or year when the period is one, else as many days ending the
 * day before (so that quarters of 90 and 92 days compare as quarters).
 */
export function periodePrecedente(p: Periode): Periode {
  if (nomTrimestre(p)) return trimestreDe(ajouterJours(p.du, -1));
  if (estAnneeEntiere(p)) return { du: unAnAvant(p.du), au: unAnAvant(p.au) };
  if (estMoisEntier(p)) {
    const veille = ajouterJours(p.du, -1);
    return { du: `${veille.slice(0, 7)}-01`, au: veille };
  }
  const n = nombreJours(p);
  return { du: ajouterJours(p.du, -n), au: ajouterJours(p.du, -1) };
}

/** The same period a year before (a whole month stays a whole month: February of a leap year included). */
export function anneePrecedente(p: Periode): Periode {
  const du = unAnAvant(p.du);
  if (estMoisEntier(p) || nomTrimestre(p) || estAnneeEntiere(p)) {
    const [a, m] = p.au.split('-').map(Number) as [number, number];
    return { du, au: finDuMois(a - 1, m) };
  }
  return { du, au: unAnAvant(p.au) };
}

/**
 * A period cut into whole calendar months and the loose days at either end, so that counters kept by month serve the
 * middle and counters kept by day only the edges.
 */
export function decouper(p: Periode): { mois: string[]; jours: Periode[] } {
  const mois: string[] = [];
  const jours: Periode[] = [];
  // One turn per calendar month touched, counted beforehand: the loop cannot outrun the period, whatever its dates.
  const [aDu, mDu] = p.du.split('-').map(Number) as [number, number];
  const [aAu, mAu] = p.au.split('-').map(Number) as [number, number];
  const tours = (aAu - aDu) * 12 + (mAu - mDu) + 1;
  if (!Number.isInteger(tours) || tours > MOIS_MAX) throw new RangeError(`Période invalide : ${p.du} – ${p.au}`);
  let debut = p.du;
  for (let tour = 0; tour < tours && debut <= p.au; tour++) {
    const [a, m, j] = debut.split('-').map(Number) as [number, number, number];
    const fin = finDuMois(a, m);
    if (j === 1 && fin <= p.au) mois.push(debut);
    // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, compared as such
    else jours.push({ du: debut, au: fin < p.au ? fin : p.au });
    debut = ajouterJours(fin, 1);
  }
  // Adjacent loose ranges (there are at most two, at the ends) stay separate.
  return { mois, jours };
}

/** "du 01/10/2026 au 31/12/2026" or "4e trimestre 2026". */
export function libellePeriode(p: Periode): string {
  const fr = (d: string) => d.split('-').reverse().join('/');
  return nomTrimestre(p) ?? `du ${fr(p.du)} au ${fr(p.au)}`;
}
