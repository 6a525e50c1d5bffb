// A strict parser for the subset of the OpenStreetMap `opening_hours` syntax that France services use:
//   Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00; PH off
// Supported: rules separated by ';' (a later rule replaces earlier ones on the days it selects) or by ', ' before a
// new selector (an additional rule, merged with the previous ones); weekday selectors (Mo, Mo-Fr, Fr-Mo, Mo,We), the
// PH (public holiday) selector, time ranges HH:MM-HH:MM (end up to 24:00, no overnight range), `off`/`closed`, `24/7`.
// Everything else (months, dates, weeks, SH, comments, sunrise, open-ended times, `||` fallbacks) is rejected with
// a French message rather than guessed: a wrong "open now" is worse than an error at input time.

/** An opening range within one day. */
export interface Plage {
  /** Minutes after local midnight. */
  debut: number;
  /** Minutes after local midnight, at most 1440 (24:00). */
  fin: number;
}

interface Regle {
  tousLesJours: boolean;
  jours: Set<number>; // 0 = Monday … 6 = Sunday
  ph: boolean;
  plages: Plage[]; // empty = closed
  additionnelle: boolean;
}

/** A parsed opening_hours text, ready to evaluate day by day. */
export interface HorairesAnalyses {
  regles: Regle[];
  /** True when a rule selects PH: the text then decides holidays itself. */
  mentionnePH: boolean;
}

/** The parsed text, or a French message saying what is not understood. */
export type ResultatAnalyse = { ok: true; horaires: HorairesAnalyses } | { ok: false; message: string };

/** OSM weekday codes, Monday first. */
export const CODES_JOURS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
/** The example quoted in error messages. */
export const EXEMPLE_HORAIRES = 'Mo-Fr 09:00-12:00,14:00-17:00';

const JOUR = '(?:Mo|Tu|We|Th|Fr|Sa|Su)';
const SELECTEUR = new RegExp(`^(?:${JOUR}(?:-${JOUR})?|PH)(?:,(?:${JOUR}(?:-${JOUR})?|PH))*$`);
const PLAGE = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const SEPARATEUR_ADDITIONNEL = new RegExp(`(?<=\\d|off|closed)\\s*,\\s*(?=(?:${JOUR}|PH)\\b)`);

class ErreurSyntaxe extends Error {}

function minutes(h: string | undefined, m: string | undefined, morceau: string): number {
  const heures = Number(h);
  const mins = Number(m);
  if (heures > 24 || mins > 59 || (heures === 24 && mins !== 0)) {
    throw new ErreurSyntaxe(`l'heure de « ${morceau} » n'existe pas`);
  }
  return heures * 60 + mins;
}

/** Sorts and merges overlapping or touching ranges. */
export function fusionnerPlages(plages: Plage[]): Plage[] {
  const triees = [...plages].sort((a, b) => a.debut - b.debut);
  const resultat: Plage[] = [];
  for (const p of triees) {
    const derniere = resultat[resultat.length - 1];
    if (derniere && p.debut <= derniere.fin) derniere.fin = Math.max(derniere.fin, p.fin);
    else resultat.push({ ...p });
  }
  return resultat;
}

function analyserPlages(texte: string): Plage[] {
  if (texte === 'off' || texte === 'closed') return [];
  return fusionnerPlages(
    texte.split(',').map((morceau) => {
      const m = PLAGE.exec(morceau.trim());
      if (!m) throw new ErreurSyntaxe(`« ${morceau.trim()} » n'est pas une plage horaire HH:MM-HH:MM`);
      const debut = minutes(m[1], m[2], morceau);
      const fin = minutes(m[3], m[4], morceau);
      if (fin <= debut) {
        throw new ErreurSyntaxe(`dans « ${morceau.trim()} », la fin doit être après le début (pas de plage de nuit)`);
      }
      return { debut, fin };
    }),
  );
}

function analyserSelecteur(texte: string, regle: Regle): void {
  if (!SELECTEUR.test(texte)) throw new ErreurSyntaxe(`« ${texte} » n'est pas une liste de jours comprise`);
  for (const element of texte.split(',')) {
    if (element === 'PH') {
      regle.ph = true;
      continue;
    }
    const [de, a] = element.split('-') as [string, string | undefined];
    const i = CODES_JOURS.indexOf(de as (typeof CODES_JOURS)[number]);
    const j = a === undefined ? i : CODES_JOURS.indexOf(a as (typeof CODES_JOURS)[number]);
    for (let k = i; ; k = (k + 1) % 7) {
      regle.jours.add(k);
      if (k === j) break;
    }
  }
}

function analyserRegle(brut: string, additionnelle: boolean): Regle {
  // Tolerate spaces around ',' and '-' ("Mo, We 09:00 - 12:00"); the first remaining space ends the selector.
  const texte = brut.replace(/\s*([,-])\s*/g, '$1');
  const regle: Regle = { tousLesJours: false, jours: new Set(), ph: false, plages: [], additionnelle };
  if (texte === '24/7') return { ...regle, tousLesJours: true, plages: [{ debut: 0, fin: 1440 }] };
  const espace = texte.indexOf(' ');
  const tete = espace < 0 ? texte : texte.slice(0, espace);
  const reste = espace < 0 ? '' : texte.slice(espace + 1).trim();
  if (/^\d/.test(tete) || tete === 'off' || tete === 'closed') {
    regle.tousLesJours = true;
    regle.plages = analyserPlages(texte);
    return regle;
  }
  analyserSelecteur(tete, regle);
  if (!reste) throw new ErreurSyntaxe(`« ${texte} » : précisez les heures (ou « off » pour fermé)`);
  regle.plages = analyserPlages(reste);
  return regle;
}

// Parsed rules are never modified and the same few hundred texts come back on every listing: keep them, within bounds.
const ANALYSES_MAX = 10_000;
const analyses = new Map<string, ResultatAnalyse>();

/** Parses an OSM opening_hours text of the supported subset, or explains in French what is not understood. */
export function analyserOsm(osm: string): ResultatAnalyse {
  const connu = analyses.get(osm);
  if (connu) return connu;
  const resultat = analyserOsmSansCache(osm);
  if (analyses.size >= ANALYSES_MAX) analyses.clear();
  analyses.set(osm, resultat);
  return resultat;
}

function analyserOsmSansCache(osm: string): ResultatAnalyse {
  const texte = (osm ?? '').replace(/\s+/g, ' ').trim();
  if (!texte) return { ok: false, message: `Horaires vides (exemple attendu : ${EXEMPLE_HORAIRES})` };
  try {
    if (texte.includes('||')) throw new ErreurSyntaxe('les règles de repli « || » ne sont pas prises en charge');
    if (texte.includes('"')) throw new ErreurSyntaxe('les commentaires entre guillemets ne sont pas pris en charge');
    const regles: Regle[] = [];
    for (const bloc of texte.split(';')) {
      const propre = bloc.trim();
      if (!propre) continue;
      propre.split(SEPARATEUR_ADDITIONNEL).forEach((morceau, i) => {
        regles.push(analyserRegle(morceau.trim(), i > 0));
      });
    }
    if (regles.length === 0) throw new ErreurSyntaxe('aucune règle');
    return { ok: true, horaires: { regles, mentionnePH: regles.some((r) => r.ph) } };
  } catch (e) {
    if (!(e instanceof ErreurSyntaxe)) throw e;
    return { ok: false, message: `Horaires illisibles : ${e.message} (exemple attendu : ${EXEMPLE_HORAIRES})` };
  }
}

/**
 * Opening ranges of one day. Rules apply in order: a normal rule replaces the day's ranges, an additional rule adds
 * to them (or clears them when it says off). When the text never mentions PH, public holidays are closed (ADR 0013).
 */
export function plagesDuJour(h: HorairesAnalyses, jour: number, ferie: boolean): Plage[] {
  if (ferie && !h.mentionnePH) return [];
  let plages: Plage[] = [];
  for (const r of h.regles) {
    if (!(r.tousLesJours || r.jours.has(jour) || (ferie && r.ph))) continue;
    plages = r.additionnelle && r.plages.length > 0 ? fusionnerPlages([...plages, ...r.plages]) : r.plages;
  }
  return plages.map((p) => ({ ...p }));
}

/** Formats minutes after midnight as HH:MM (1440 → 24:00). */
export function formaterMinutes(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
