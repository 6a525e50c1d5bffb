// Opening hours evaluated as real instants, in the site's IANA zone, whatever the process's TZ.
// Each civil day of the site's calendar is evaluated on its wall clock (weekday, holiday, ISO week parity,
// closures), then its ranges are turned into instants with the zone's offset of that very moment.

import { estFerie, type Territoire } from './feries.ts';
import { ajouterJours, dateLocale, dateValide, ecartJours, exigerFuseau, instantMural, jourSemaine } from './fuseau.ts';
import { analyserOsm, fusionnerPlages, type HorairesAnalyses, type Plage, plagesDuJour } from './osm.ts';
import { type RegleSemaine53, semaineRetenue } from './semaine53.ts';

/** ISO week parity of an itinerant stop: every week, even weeks only, odd weeks only. */
export type Semaines = 'toutes' | 'paires' | 'impaires';

/** An exceptional closure: whole civil days from `debut` to `fin` inclusive (YYYY-MM-DD). */
export interface FermetureExceptionnelle {
  debut: string;
  fin: string;
  motif: string;
}

/** What is needed to evaluate a site's (or a stop's) hours. */
export interface ParametresHoraires {
  /** OSM opening_hours text. */
  horaires: string;
  /** IANA zone of the site, e.g. Europe/Paris or Indian/Reunion. */
  fuseau: string;
  territoire: Territoire;
  fermetures?: FermetureExceptionnelle[];
  semaines?: Semaines;
  /** What a stop with a parity does in ISO week 53 (the tour's rule; odd, as ISO numbers it, by default). */
  semaine53?: RegleSemaine53;
}

/** An opening, as real instants. */
export interface Intervalle {
  debut: Date;
  fin: Date;
}

/** Weekday keys used by grids and typical weeks, Monday first. */
export type JourCle = 'lu' | 'ma' | 'me' | 'je' | 've' | 'sa' | 'di';
/** The weekday keys in order, Monday first. */
export const JOURS: readonly JourCle[] = ['lu', 'ma', 'me', 'je', 've', 'sa', 'di'];

/** Hours of a typical week: total, number of open days, hours per weekday. */
export interface SemaineType {
  heures: number;
  jours: number;
  parJour: Record<JourCle, number>;
}

/** Longest window `intervallesOuverture` accepts, in days (a guard against unbounded input). */
export const FENETRE_MAX_JOURS = 800;

/** Checks that an OSM opening_hours text is in the supported subset; the message is French, for the form. */
export function validerHoraires(osm: string): { ok: true } | { ok: false; message: string } {
  const r = analyserOsm(osm);
  return r.ok ? { ok: true } : { ok: false, message: r.message };
}

function analyserOuLever(osm: string): HorairesAnalyses {
  const r = analyserOsm(osm);
  if (!r.ok) throw new RangeError(r.message);
  return r.horaires;
}

/** Wall-clock ranges of one civil date: none outside the stop's weeks or in a closure; holidays per territory. */
function plagesDeLaDate(
  h: HorairesAnalyses,
  p: ParametresHoraires,
  fermetures: FermetureExceptionnelle[],
  date: string,
): Plage[] {
  if (!semaineRetenue(date, p.semaines, p.semaine53)) return [];
  if (fermetures.some((f) => f.debut <= date && date <= f.fin)) return [];
  return plagesDuJour(h, jourSemaine(date), estFerie(date, p.territoire));
}

/**
 * Opening intervals day after day from `du`, for at most `nbJours` days, merged when one ends as the next begins
 * (24/7, 00:00-24:00). Lazy, so that "open now" stops at the first answer.
 */
function* intervallesDepuis(p: ParametresHoraires, du: string, nbJours: number): Generator<Intervalle> {
  const h = analyserOuLever(p.horaires);
  const fermetures = p.fermetures ?? [];
  let enCours: Intervalle | undefined;
  for (let i = 0; i < nbJours; i++) {
    const date = ajouterJours(du, i);
    for (const plage of plagesDeLaDate(h, p, fermetures, date)) {
      const debut = instantMural(date, plage.debut, p.fuseau);
      const fin = instantMural(date, plage.fin, p.fuseau);
      // A range swallowed by a spring-forward gap (02:00-02:30) has no duration: it never opens.
      if (fin.getTime() <= debut.getTime()) continue;
      if (enCours && debut.getTime() <= enCours.fin.getTime()) {
        if (fin.getTime() > enCours.fin.getTime()) enCours.fin = fin;
        continue;
      }
      if (enCours) yield enCours;
      enCours = { debut, fin };
    }
  }
  if (enCours) yield enCours;
}

/**
 * Real opening intervals (UTC instants) between two civil dates inclusive, in the site's zone: public holidays of
 * the territory closed unless the text has a PH rule, closures removed, only ISO weeks of the stop's parity.
 */
export function intervallesOuverture(p: ParametresHoraires & { du: string; au: string }): Intervalle[] {
  exigerFuseau(p.fuseau);
  if (!dateValide(p.du) || !dateValide(p.au)) throw new RangeError(`Période invalide : ${p.du} → ${p.au}`);
  const nbJours = ecartJours(p.du, p.au) + 1;
  if (nbJours > FENETRE_MAX_JOURS) throw new RangeError(`Période trop longue : ${nbJours} jours`);
  return [...intervallesDepuis(p, p.du, nbJours)];
}

/**
 * The civil dates between `du` and `au` inclusive on which the site (or stop) opens, by the same rules as
 * `intervallesOuverture` but on the wall clock only (no instants computed, so counting days stays cheap). A range
 * wholly inside a spring-forward gap still marks its day.
 */
export function joursOuverture(p: ParametresHoraires & { du: string; au: string }): string[] {
  if (!dateValide(p.du) || !dateValide(p.au)) throw new RangeError(`Période invalide : ${p.du} → ${p.au}`);
  const nbJours = ecartJours(p.du, p.au) + 1;
  if (nbJours > FENETRE_MAX_JOURS) throw new RangeError(`Période trop longue : ${nbJours} jours`);
  const h = analyserOuLever(p.horaires);
  const fermetures = p.fermetures ?? [];
  const jours: string[] = [];
  for (let i = 0; i < nbJours; i++) {
    const date = ajouterJours(p.du, i);
    if (plagesDeLaDate(h, p, fermetures, date).length > 0) jours.push(date);
  }
  return jours;
}

/** How far ahead (days) "open now" looks for the end of the current opening or the next one. */
const HORIZON_JOURS = 400;

/**
 * Whether the site is open at `maintenant`; when open, until when (`jusqua`), when closed, the next opening
 * (`prochaineOuverture`), each omitted when none is found within 400 days.
 */
export function etatOuverture(p: ParametresHoraires & { maintenant: Date }): {
  ouvert: boolean;
  jusqua?: Date;
  prochaineOuverture?: Date;
} {
  exigerFuseau(p.fuseau);
  const instant = p.maintenant.getTime();
  // From yesterday: an opening that began before local midnight (24/7) still holds now.
  const du = ajouterJours(dateLocale(p.maintenant, p.fuseau), -1);
  const finFenetre = instantMural(ajouterJours(du, HORIZON_JOURS + 2), 0, p.fuseau).getTime();
  for (const i of intervallesDepuis(p, du, HORIZON_JOURS + 2)) {
    if (i.fin.getTime() <= instant) continue;
    if (i.debut.getTime() > instant) return { ouvert: false, prochaineOuverture: i.debut };
    // An opening running to the end of the horizon has no known end.
    return i.fin.getTime() < finFenetre ? { ouvert: true, jusqua: i.fin } : { ouvert: true };
  }
  return { ouvert: false };
}

function duree(plages: Plage[]): number {
  return plages.reduce((total, p) => total + p.fin - p.debut, 0);
}

function arrondi(heures: number): number {
  return Math.round(heures * 100) / 100;
}

function semaineDepuisMinutes(minutesParJour: number[]): SemaineType {
  const parJour = Object.fromEntries(JOURS.map((j, i) => [j, arrondi((minutesParJour[i] ?? 0) / 60)])) as Record<
    JourCle,
    number
  >;
  return {
    heures: arrondi(minutesParJour.reduce((a, b) => a + b, 0) / 60),
    jours: minutesParJour.filter((m) => m > 0).length,
    parJour,
  };
}

/**
 * Hours of a typical week (no holiday, no closure), counted on the wall clock: a daylight-saving change moves
 * instants, not the hours posted at the door, so the zone does not change the result (the parameter is kept for
 * symmetry with the other functions).
 */
export function semaineType(horaires: string, _fuseau?: string): SemaineType {
  const h = analyserOuLever(horaires);
  return semaineDepuisMinutes(JOURS.map((_, i) => duree(plagesDuJour(h, i, false))));
}

/**
 * Typical week of an itinerant tour: for even and odd ISO weeks, the union per weekday of the stops' ranges (the
 * service is open while any stop is), then the average of the two-week cycle, in hours and in days.
 */
export function semaineTypeTournee(
  arrets: Array<{ horaires: string; semaines?: Semaines }>,
): SemaineType & { semainePaire: SemaineType; semaineImpaire: SemaineType } {
  const analyses = arrets.map((a) => ({ h: analyserOuLever(a.horaires), semaines: a.semaines ?? 'toutes' }));
  const semaine = (parite: 'paires' | 'impaires'): SemaineType =>
    semaineDepuisMinutes(
      JOURS.map((_, jour) =>
        duree(
          fusionnerPlages(
            analyses
              .filter((a) => a.semaines === 'toutes' || a.semaines === parite)
              .flatMap((a) => plagesDuJour(a.h, jour, false)),
          ),
        ),
      ),
    );
  const paire = semaine('paires');
  const impaire = semaine('impaires');
  const parJour = Object.fromEntries(
    JOURS.map((j) => [j, arrondi((paire.parJour[j] + impaire.parJour[j]) / 2)]),
  ) as Record<JourCle, number>;
  return {
    heures: arrondi((paire.heures + impaire.heures) / 2),
    jours: (paire.jours + impaire.jours) / 2,
    parJour,
    semainePaire: paire,
    semaineImpaire: impaire,
  };
}
