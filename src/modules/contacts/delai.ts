// The answer clock of messages written to a site (issue 12, ADR 0028): "72 heures ouvrées" counted on the site's own
// calendar. A working day is a civil day of the site's zone on which the hours engine finds an opening (holidays of
// its territory and exceptional closures applied; for a tour, any stop on its ISO weeks), and it counts 24 wall-clock
// hours. Pure: no clock, no database; the hours engine (horaires/index.ts, `joursOuverture()`) decides which days open.

import {
  ajouterJours,
  type FermetureExceptionnelle,
  fuseauValide,
  instantMural,
  joursOuverture,
  type ParametresHoraires,
  partiesMurales,
  type Semaines,
  type Territoire,
  validerHoraires,
} from '../horaires/index.ts';

/** The charter's promise: an answer within 72 working hours. */
export const HEURES_OUVREES = 72;
/** How many civil days from the day received the clock looks at before saying it can promise nothing. */
export const HORIZON_JOURS = 366;
/** The calendar of a site without hours: Monday to Friday (holidays and closures still apply). */
export const HORAIRES_PAR_DEFAUT = 'Mo-Fr 00:00-24:00';

const MS_MINUTE = 60_000;
const MS_JOUR_MURAL = 1440 * MS_MINUTE;
/** Windows asked of the engine, one after the other: most messages are due within the first. */
const TRANCHES_JOURS = [14, 60, HORIZON_JOURS - 74];

/** What the clock needs of a site: its zone, territory, hours (or a tour's stops), week-53 rule and closures. */
export interface CalendrierSite {
  fuseau: string;
  territoire: Territoire;
  /** OSM opening_hours of a fixed site; null or empty when none is recorded. */
  horaires: string | null;
  /** The active stops of a tour (its own hours are then ignored). */
  arrets?: Array<{ horaires: string; semaines?: Semaines }>;
  semaine53?: ParametresHoraires['semaine53'];
  /** Exceptional closures (whole civil days) overlapping the days after reception. */
  fermetures?: FermetureExceptionnelle[];
}

/**
 * Where the working days come from: the site's hours (or its stops), or, when none is recorded, Monday to Friday.
 */
export type BaseCalendrier = 'horaires' | 'semaine';

/** The due instant, when counting started, and on what calendar; or why none can be promised. */
export type Delai =
  | { ok: true; recu: Date; debut: Date; echeance: Date; base: BaseCalendrier }
  | { ok: false; recu: Date; base: BaseCalendrier; message: string };

function sources(site: CalendrierSite): {
  base: BaseCalendrier;
  liste: Array<{ horaires: string; semaines?: Semaines }>;
} {
  const valide = (h: string | null | undefined): h is string => !!h && h.trim() !== '' && validerHoraires(h).ok;
  const arrets = (site.arrets ?? []).filter((a) => valide(a.horaires));
  if (arrets.length > 0) return { base: 'horaires', liste: arrets };
  if ((site.arrets ?? []).length === 0 && valide(site.horaires)) {
    return { base: 'horaires', liste: [{ horaires: site.horaires }] };
  }
  return { base: 'semaine', liste: [{ horaires: HORAIRES_PAR_DEFAUT }] };
}

/** The working days (YYYY-MM-DD) among the civil dates `du`..`au`: days on which some source opens. */
function joursOuvres(
  site: CalendrierSite,
  liste: Array<{ horaires: string; semaines?: Semaines }>,
  du: string,
  au: string,
): Set<string> {
  const jours = new Set<string>();
  for (const source of liste) {
    const ouverts = joursOuverture({
      horaires: source.horaires,
      semaines: source.semaines,
      semaine53: site.semaine53,
      fuseau: site.fuseau,
      territoire: site.territoire,
      fermetures: site.fermetures,
      du,
      au,
    });
    for (const jour of ouverts) jours.add(jour);
  }
  return jours;
}

/**
 * The instant at which `heures` working hours (72 by default) have run for a message received at `recu`: counted on
 * the site's wall clock, 24 hours per working day, from the instant received when that day is a working day, else from
 * 00:00 of the next one; none when they are not reached within 366 days.
 */
export function delaiReponse(site: CalendrierSite, recu: Date, heures: number = HEURES_OUVREES): Delai {
  if (Number.isNaN(recu.getTime())) throw new RangeError('Instant de réception invalide');
  if (!fuseauValide(site.fuseau)) throw new RangeError(`Fuseau horaire inconnu : ${site.fuseau}`);
  if (!(heures > 0 && heures <= 24 * HORIZON_JOURS)) throw new RangeError(`Nombre d’heures invalide : ${heures}`);
  const { base, liste } = sources(site);
  const mural = partiesMurales(recu, site.fuseau);
  const jourRecu = mural.date;
  // Milliseconds of wall clock since local midnight at reception (Intl gives seconds; the milliseconds are added).
  const debutJour = Math.round(mural.minutes * 60) * 1000 + (((recu.getTime() % 1000) + 1000) % 1000);

  let reste = heures * 60 * MS_MINUTE;
  let debut: Date | undefined;
  let du = jourRecu;
  for (const tranche of TRANCHES_JOURS) {
    const au = ajouterJours(du, tranche - 1);
    const ouvres = joursOuvres(site, liste, du, au);
    for (let jour = du; jour <= au; jour = ajouterJours(jour, 1)) {
      if (!ouvres.has(jour)) continue;
      const depart = jour === jourRecu ? debutJour : 0;
      debut ??= jour === jourRecu ? recu : instantMural(jour, 0, site.fuseau);
      if (depart + reste <= MS_JOUR_MURAL) {
        const fin = depart + reste;
        const minutes = Math.floor(fin / MS_MINUTE);
        const echeance = new Date(instantMural(jour, minutes, site.fuseau).getTime() + (fin - minutes * MS_MINUTE));
        return { ok: true, recu, debut, echeance, base };
      }
      reste -= MS_JOUR_MURAL - depart;
    }
    du = ajouterJours(au, 1);
  }
  return {
    ok: false,
    recu,
    base,
    message: `Ce lieu n’a pas assez de jours ouvrés dans les ${HORIZON_JOURS} jours suivant la réception : aucune échéance de réponse ne peut être promise.`,
  };
}

/** Days asked of the engine at a time when counting hours between instants (its window is 800 days at most). */
const TRANCHE_ENTRE_JOURS = 366;

/** The civil date of an instant on the site's clock and the wall-clock milliseconds since that day's 00:00. */
function murDe(instant: Date, fuseau: string): { date: string; ms: number } {
  const mural = partiesMurales(instant, fuseau);
  return {
    date: mural.date,
    ms: Math.round(mural.minutes * 60) * 1000 + (((instant.getTime() % 1000) + 1000) % 1000),
  };
}

/**
 * A counter of working hours between pairs of instants on one site's calendar (`heuresOuvreesEntre` for many
 * requests of the same site): each civil day is asked of the engine once, only the days the instants span, so that
 * requests of one site sharing days do not pay for them twice.
 */
export function compteurHeuresOuvrees(site: CalendrierSite): (debut: Date, fin: Date) => number {
  if (!fuseauValide(site.fuseau)) throw new RangeError(`Fuseau horaire inconnu : ${site.fuseau}`);
  const { liste } = sources(site);
  const connus = new Map<string, boolean>();
  /** Asks the engine for the days of `du`..`au` not known yet (one call per window), so each day is asked once. */
  const connaitre = (du: string, au: string) => {
    let premier: string | undefined;
    let dernier: string | undefined;
    for (let j = du; j <= au; j = ajouterJours(j, 1)) {
      if (connus.has(j)) continue;
      premier ??= j;
      dernier = j;
    }
    if (!premier || !dernier) return;
    for (let debut = premier; debut <= dernier; debut = ajouterJours(debut, TRANCHE_ENTRE_JOURS)) {
      const borne = ajouterJours(debut, TRANCHE_ENTRE_JOURS - 1);
      const fin = borne < dernier ? borne : dernier;
      const ouvres = joursOuvres(site, liste, debut, fin);
      for (let j = debut; j <= fin; j = ajouterJours(j, 1)) connus.set(j, ouvres.has(j));
    }
  };
  return (debut, fin) => {
    if (Number.isNaN(debut.getTime()) || Number.isNaN(fin.getTime())) throw new RangeError('Instant invalide');
    if (fin.getTime() <= debut.getTime()) return 0;
    const a = murDe(debut, site.fuseau);
    const b = murDe(fin, site.fuseau);
    connaitre(a.date, b.date);
    let ms = 0;
    for (let jour = a.date; jour <= b.date; jour = ajouterJours(jour, 1)) {
      if (!connus.get(jour)) continue;
      const depart = jour === a.date ? a.ms : 0;
      const arrivee = jour === b.date ? b.ms : MS_JOUR_MURAL;
      if (arrivee > depart) ms += arrivee - depart;
    }
    return ms / (60 * MS_MINUTE);
  };
}

/**
 * The working hours counted between two instants on the same rule as `delaiReponse` (its inverse: 24 wall-clock hours
 * per working day, the part of a day between the instants only): the time to a first answer "in working hours".
 * Zero when `fin` is not after `debut`.
 */
export function heuresOuvreesEntre(site: CalendrierSite, debut: Date, fin: Date): number {
  return compteurHeuresOuvrees(site)(debut, fin);
}
