// Who receives at a site, and when: agents' weekly working patterns with their absences, and partners' permanences
// with weekly or monthly rules. Pure data and functions; the zod schemas are those of the future tables' JSON columns
// and forms. Every receiving resource (a `Ressource`) has its own id: appointments will be booked against it.

import { z } from 'zod';
import { ajouterJours, type Intervalle, instantMural, JOURS, type JourCle, semaineIso } from '../horaires/index.ts';
import { dateValide, fusionner, jourSemaine, joursDuMois, minutesDe, soustraire } from './temps.ts';

/** Channels of an appointment: at the site, by phone, by video, at the person's home, at a tour's stop. */
export const CANAUX = ['sur_place', 'telephone', 'visio', 'domicile', 'arret'] as const;
export type Canal = (typeof CANAUX)[number];

const Heure = z.string().refine((h) => minutesDe(h) !== null, 'Heure invalide (attendu HH:MM, de 00:00 à 24:00).');
const DateCivile = z.string().refine(dateValide, 'Date invalide (attendu AAAA-MM-JJ).');
const Jour = z.enum(JOURS as [JourCle, ...JourCle[]]);

/** A wall-clock range of one day, "09:00"–"12:00". */
export const Plage = z
  .object({ debut: Heure, fin: Heure })
  .refine((p) => (minutesDe(p.debut) ?? 0) < (minutesDe(p.fin) ?? 0), 'L’heure de fin doit suivre l’heure de début.');
export type Plage = z.infer<typeof Plage>;

/** A date-time range when a resource does not receive (leave, training, a cancelled permanence). */
export const Absence = z
  .object({ debut: z.date(), fin: z.date(), motif: z.string().max(200).optional() })
  .refine((a) => a.fin.getTime() > a.debut.getTime(), 'La fin de l’absence doit suivre son début.');
export type Absence = z.infer<typeof Absence>;

/** An agent's weekly working pattern at one site, optionally on odd or even ISO weeks and within a period. */
export const ModeleTravail = z
  .object({
    siteId: z.string().min(1).max(64),
    jours: z.partialRecord(Jour, z.array(Plage).max(6, 'Six plages par jour au plus.')),
    semaines: z.enum(['toutes', 'paires', 'impaires']).default('toutes'),
    valideDu: DateCivile.optional(),
    valideAu: DateCivile.optional(),
  })
  .refine((m) => !m.valideDu || !m.valideAu || m.valideDu <= m.valideAu, 'La période de validité est inversée.');
export type ModeleTravail = z.input<typeof ModeleTravail>;

/**
 * When a permanence takes place: every given weekday (optionally on odd or even ISO weeks), or given ranks of a
 * weekday in the month (1…5, and -1 for the last: "2nd and 4th Tuesday" is `{ jour: 'ma', rangs: [2, 4] }`).
 */
export const RegleRecurrence = z.discriminatedUnion('frequence', [
  z.object({
    frequence: z.literal('hebdomadaire'),
    jour: Jour,
    semaines: z.enum(['toutes', 'paires', 'impaires']).default('toutes'),
  }),
  z.object({
    frequence: z.literal('mensuelle'),
    jour: Jour,
    rangs: z
      .array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1)]))
      .min(1, 'Choisissez au moins une semaine du mois.')
      .max(6),
  }),
]);
export type RegleRecurrence = z.input<typeof RegleRecurrence>;

/** A partner's permanence at a site: rules with their ranges, the channels it serves, its validity period. */
export const Permanence = z.object({
  siteId: z.string().min(1).max(64),
  partenaireId: z.string().min(1).max(64),
  occurrences: z
    .array(z.object({ regle: RegleRecurrence, plages: z.array(Plage).min(1).max(6) }))
    .min(1, 'Une permanence a au moins une règle.')
    .max(10),
  /** Channels it serves; empty means any channel of the motif. */
  canaux: z.array(z.enum(CANAUX)).max(CANAUX.length).default([]),
  valideDu: DateCivile.optional(),
  valideAu: DateCivile.optional(),
});
export type Permanence = z.input<typeof Permanence>;

/** A receiving resource: an agent (with patterns at one or more sites) or a partner's permanence. */
export type Ressource =
  | { type: 'agent'; id: string; nom?: string; modeles: ModeleTravail[]; absences: Absence[] }
  | ({ type: 'permanence'; id: string; nom?: string; absences: Absence[] } & Permanence);

/** A period of civil dates (inclusive) read on the site's wall clock. */
export interface Periode {
  du: string;
  au: string;
  fuseau: string;
}

const RANGS_FRANCAIS = ['', '1er', '2e', '3e', '4e', '5e'];
const NOMS_JOURS: Record<JourCle, string> = {
  lu: 'lundi',
  ma: 'mardi',
  me: 'mercredi',
  je: 'jeudi',
  ve: 'vendredi',
  sa: 'samedi',
  di: 'dimanche',
};

/** The rule in French, for pages: "2e et 4e mardis du mois", "dernier vendredi du mois", "chaque jeudi". */
export function decrireRegle(regle: RegleRecurrence): string {
  const jour = NOMS_JOURS[regle.jour];
  if (regle.frequence === 'hebdomadaire') {
    const semaines = regle.semaines ?? 'toutes';
    return semaines === 'toutes' ? `chaque ${jour}` : `chaque ${jour} des semaines ${semaines}`;
  }
  const rangs = [...new Set(regle.rangs)].sort((a, b) => (a === -1 ? 9 : a) - (b === -1 ? 9 : b));
  const mots = rangs.map((r) => (r === -1 ? 'dernier' : RANGS_FRANCAIS[r]));
  const liste = mots.length > 1 ? `${mots.slice(0, -1).join(', ')} et ${mots[mots.length - 1]}` : mots[0];
  return `${liste} ${jour}${mots.length > 1 ? 's' : ''} du mois`;
}

function pariteRetenue(date: string, semaines: 'toutes' | 'paires' | 'impaires' | undefined): boolean {
  if (!semaines || semaines === 'toutes') return true;
  // ISO week 53 counts as odd, as ISO numbers it.
  return (semaineIso(date) % 2 === 0) === (semaines === 'paires');
}

/** Whether a rule selects a civil date. */
export function regleCouvre(regle: RegleRecurrence, date: string): boolean {
  if (JOURS[jourSemaine(date)] !== regle.jour) return false;
  if (regle.frequence === 'hebdomadaire') return pariteRetenue(date, regle.semaines);
  const jourDuMois = Number(date.slice(8, 10));
  const rang = Math.ceil(jourDuMois / 7);
  const dernier = jourDuMois + 7 > joursDuMois(date);
  return regle.rangs.some((r) => r === rang || (r === -1 && dernier));
}

function dansValidite(date: string, du?: string, au?: string): boolean {
  return (!du || du <= date) && (!au || date <= au);
}

/** Ranges of one civil day as instants; a range swallowed by a spring-forward gap is dropped. */
function instantsDuJour(date: string, plages: Plage[], fuseau: string): Intervalle[] {
  const resultat: Intervalle[] = [];
  for (const p of plages) {
    const debut = instantMural(date, minutesDe(p.debut) ?? 0, fuseau);
    const fin = instantMural(date, minutesDe(p.fin) ?? 0, fuseau);
    if (fin.getTime() > debut.getTime()) resultat.push({ debut, fin });
  }
  // Merged within the day only: intervals never cross local midnight, so each day's slot grid starts on that day.
  return fusionner(resultat);
}

function parJour(periode: Periode, plagesDu: (date: string) => Plage[]): Intervalle[] {
  const resultat: Intervalle[] = [];
  for (let date = periode.du; date <= periode.au; date = ajouterJours(date, 1)) {
    const plages = plagesDu(date);
    if (plages.length > 0) resultat.push(...instantsDuJour(date, plages, periode.fuseau));
  }
  return resultat;
}

/** Concrete intervals of a permanence between two civil dates inclusive, its absences (cancellations) removed. */
export function intervallesPermanence(p: Permanence & { absences?: Absence[] }, periode: Periode): Intervalle[] {
  const intervalles = parJour(periode, (date) =>
    dansValidite(date, p.valideDu, p.valideAu)
      ? p.occurrences.filter((o) => regleCouvre(o.regle, date)).flatMap((o) => o.plages)
      : [],
  );
  return soustraire(intervalles, p.absences ?? []);
}

/** An agent's working intervals at a site between two civil dates inclusive: their patterns minus their absences. */
export function intervallesAgent(
  modeles: ModeleTravail[],
  absences: Absence[],
  siteId: string,
  periode: Periode,
): Intervalle[] {
  const ici = modeles.filter((m) => m.siteId === siteId);
  const intervalles = parJour(periode, (date) => {
    const jour = JOURS[jourSemaine(date)] as JourCle;
    return ici
      .filter((m) => dansValidite(date, m.valideDu, m.valideAu) && pariteRetenue(date, m.semaines))
      .flatMap((m) => m.jours[jour] ?? []);
  });
  return soustraire(intervalles, absences);
}

/** When a resource receives at a site over a period: sorted, disjoint intervals, never across local midnight. */
export function disponibilites(ressource: Ressource, siteId: string, periode: Periode): Intervalle[] {
  if (ressource.type === 'agent') return intervallesAgent(ressource.modeles, ressource.absences, siteId, periode);
  return ressource.siteId === siteId ? intervallesPermanence(ressource, periode) : [];
}
