// Converts the weekday hours of the ANCT national list (`h_lundi` … `h_samedi`, free text such as
// "09:00 - 12:00 / 13:30 - 17:00") into one OSM `opening_hours` value.
//
// What the 2022-12-01 list actually contains (16,100 values over 2,683 rows), and what each shape becomes:
// - "09:00 - 12:00 / 13:30 - 17:00", "09:00-12:00/13:30-17:00", "09:00 - 12:00": the usual shapes, 1 to 5 ranges;
// - "09:00-12:00,13:00-17:00", "09:00-12:00 14:00-16:30": other separators between ranges;
// - "08 :30-12:00", "09:00-12h00", "9h30 - 12h", "9h à 12h": spaces and the French "h" inside times;
// - "09:00-12:30-13:30-17:00", "07:30:12:30": a hyphen or a colon where a separator was meant; the times are
//   read in order and paired (start, end), which is their only possible reading;
// - "09:30-12:30/\n\n 13:30-18:00": line breaks inside the cell;
// - "", "-", "Fermé": closed that day; "00:00 - 00:00": the ANCT form's empty slot, also nothing;
// - the same range twice ("09:00 - 12:30 / 09:00 - 12:30 / 13:30 - 16:30") or overlapping ranges: the site is open
//   whenever one of the listed ranges says so, so ranges are merged;
// - anything else is reported, never guessed: words ("Sur rendez-vous"), an odd number of times, a range ending
//   before it starts, or starting before 05:00 ("01:00 - 17:00" is 10:00 or 09:00 mistyped, nobody can tell which).
//   One unreadable day makes the whole week unknown (`osm: null`): an OSM value without that day would claim it closed.
//
// Sunday is not in the list: it stays closed. `PH off` is appended: France services are public counters that close on
// public holidays (as the itinerant tours in the national mediation-place format already say), and without it an OSM
// reader would apply the weekday hours on a holiday Monday.

export const JOURS_ANCT = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;
export type JourAnct = (typeof JOURS_ANCT)[number];
export type JoursAnct = Partial<Record<JourAnct, string>>;

export interface ConversionAnct {
  /** The OSM `opening_hours` value, or null when at least one day could not be read or no day is open. */
  osm: string | null;
  /** Why `osm` is null, in French, one entry per unreadable day (or one saying that no day is open). */
  erreurs: string[];
}

const CODES_OSM: Record<JourAnct, string> = {
  lundi: 'Mo',
  mardi: 'Tu',
  mercredi: 'We',
  jeudi: 'Th',
  vendredi: 'Fr',
  samedi: 'Sa',
};

/** Earliest plausible opening of a public counter, in minutes. */
const OUVERTURE_AU_PLUS_TOT = 5 * 60;

type Plage = [debut: number, fin: number];

// A time: "9:30", "09 :30", "9h30", "9 h 30", "9h", "12h00". The "h" must not start a word ("9 heures" is not read).
const HEURE = /^(\d{1,2})\s*(?::\s*(\d{2})|h\s*(\d{2})?(?![a-zà-ü]))/i;
// Between times: hyphens and dashes, slashes, commas, semicolons, spaces, a stray colon, "à" and "et".
const SEPARATEUR = /^(?:[\s\-–—/,;:]+|(?:à|et)(?=[\s\d]|$))/i;

function minutes(h: number, m: number) {
  return h * 60 + m;
}

function hhmm(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Reads one day's text: the merged ranges (empty = closed), or why it cannot be read. */
export function lireJourAnct(brut: string | undefined): { plages: Plage[] } | { erreur: string } {
  const texte = (brut ?? '').replace(/\s+/g, ' ').trim();
  if (texte === '' || /^[-–—]$/.test(texte) || /^ferm[ée]e?$/i.test(texte)) return { plages: [] };

  const heures: number[] = [];
  let reste = texte;
  while (reste.length > 0) {
    const heure = HEURE.exec(reste);
    if (heure) {
      const h = Number(heure[1]);
      const m = Number(heure[2] ?? heure[3] ?? '0');
      if (h > 24 || m > 59 || (h === 24 && m > 0)) return { erreur: `heure impossible « ${heure[0].trim()} »` };
      heures.push(minutes(h, m));
      reste = reste.slice(heure[0].length);
      continue;
    }
    const separateur = SEPARATEUR.exec(reste);
    if (separateur) {
      reste = reste.slice(separateur[0].length);
      continue;
    }
    return { erreur: 'ce ne sont pas des plages horaires' };
  }
  if (heures.length === 0) return { erreur: 'aucune heure' };
  if (heures.length % 2 !== 0) return { erreur: `nombre impair d’heures (${heures.length})` };

  const plages: Plage[] = [];
  for (let i = 0; i < heures.length; i += 2) {
    const debut = heures[i] as number;
    let fin = heures[i + 1] as number;
    if (debut === 0 && fin === 0) continue; // the form's empty slot
    if (fin === 0) fin = 24 * 60; // "20:00 - 00:00" ends at midnight
    if (fin <= debut) return { erreur: `la plage ${hhmm(debut)}-${hhmm(fin)} finit avant de commencer` };
    if (debut < OUVERTURE_AU_PLUS_TOT) return { erreur: `ouverture invraisemblable à ${hhmm(debut)}` };
    plages.push([debut, fin]);
  }
  return { plages: fusionner(plages) };
}

/** Sorts ranges and merges those that overlap or touch. */
function fusionner(plages: Plage[]): Plage[] {
  const triees = [...plages].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const resultat: Plage[] = [];
  for (const p of triees) {
    const derniere = resultat.at(-1);
    if (derniere && p[0] <= derniere[1]) derniere[1] = Math.max(derniere[1], p[1]);
    else resultat.push([p[0], p[1]]);
  }
  return resultat;
}

/** "Mo-Fr", "Mo,Tu", "Mo-We,Fr": runs of three days or more as a span, shorter runs as a list. */
function listeJours(indices: number[]): string {
  const morceaux: string[] = [];
  let i = 0;
  while (i < indices.length) {
    let j = i;
    while (j + 1 < indices.length && (indices[j + 1] as number) === (indices[j] as number) + 1) j++;
    const code = (k: number) => CODES_OSM[JOURS_ANCT[indices[k] as number] as JourAnct];
    if (j - i >= 2) morceaux.push(`${code(i)}-${code(j)}`);
    else for (let k = i; k <= j; k++) morceaux.push(code(k));
    i = j + 1;
  }
  return morceaux.join(',');
}

/**
 * Converts the ANCT weekday texts into OSM `opening_hours` ("Mo-Fr 09:00-12:00,13:30-17:00; PH off"): days with the
 * same ranges share one rule; unreadable days are reported and make the result null rather than wrong.
 */
export function convertirHorairesAnct(jours: JoursAnct): ConversionAnct {
  const erreurs: string[] = [];
  const parJour: string[] = [];
  for (const jour of JOURS_ANCT) {
    const lu = lireJourAnct(jours[jour]);
    if ('erreur' in lu) {
      erreurs.push(`${jour} « ${(jours[jour] ?? '').replace(/\s+/g, ' ').trim()} » : ${lu.erreur}`);
      parJour.push('');
    } else parJour.push(lu.plages.map(([d, f]) => `${hhmm(d)}-${hhmm(f)}`).join(','));
  }
  if (erreurs.length > 0) return { osm: null, erreurs };

  const groupes = new Map<string, number[]>();
  parJour.forEach((plages, i) => {
    if (plages === '') return;
    const groupe = groupes.get(plages);
    if (groupe) groupe.push(i);
    else groupes.set(plages, [i]);
  });
  if (groupes.size === 0) return { osm: null, erreurs: ['aucun jour d’ouverture renseigné'] };

  const regles = [...groupes].map(([plages, indices]) => `${listeJours(indices)} ${plages}`);
  return { osm: `${regles.join('; ')}; PH off`, erreurs: [] };
}
