// The compliance page: every site in a coordinator's (or manager's, or the nation's) scope checked against the
// charter's 24 h / 5 days rule, with the closures announced late in the last 12 months beside it (ADR 0013).

import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { versCsv } from '../../platform/formats/csv.ts';
import { interdit } from '../../platform/http/errors.ts';
import { type Acteur, porteeConformite } from '../portee/index.ts';
import { type SemaineType, semaineType, semaineTypeTournee, validerHoraires } from './calcul.ts';
import { conformite, fermetureTardive, HEURES_MIN_SEMAINE, JOURS_MIN_SEMAINE } from './conformite.ts';
import { territoireDe } from './feries.ts';
import { dateLocale, ecartJours, fuseauValide } from './fuseau.ts';
import * as repo from './repo-conformite.ts';
import { prochaineSemaine53 } from './semaine53.ts';
import { passagesAutourSemaine53 } from './semaine53-passages.ts';

export const peutVoirConformite = (acteur: Acteur) => porteeConformite(acteur) !== null;

export const TRIS = ['site', 'departement', 'heures', 'jours', 'manque', 'tardives', 'statut'] as const;
export type Tri = (typeof TRIS)[number];
export type Ordre = 'asc' | 'desc';

/** The order a column sorts in on first click: worst first for gaps and late closures, A→Z and least open first. */
export const ORDRE_PAR_DEFAUT: Record<Tri, Ordre> = {
  site: 'asc',
  departement: 'asc',
  heures: 'asc',
  jours: 'asc',
  manque: 'desc',
  tardives: 'desc',
  statut: 'asc',
};

/**
 * The page's query string. `seulement` comes from a checkbox doubled by a hidden field, so that "unchecked" can be
 * told from "first visit" (where the filter is on): checked sends ['tous', 'a-suivre'], unchecked sends 'tous'.
 */
export const FiltreConformite = z
  .object({
    departement: z
      .string()
      .regex(/^(\d{2,3}|2[AB])$/)
      .optional()
      .catch(undefined),
    seulement: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .catch(undefined),
    tri: z.enum(TRIS).optional().catch(undefined),
    ordre: z.enum(['asc', 'desc']).optional().catch(undefined),
  })
  .transform((q) => {
    const tri = q.tri ?? 'manque';
    return {
      departement: q.departement,
      aSuivre: q.seulement === undefined || [q.seulement].flat().includes('a-suivre'),
      tri,
      ordre: q.ordre ?? ORDRE_PAR_DEFAUT[tri],
    };
  });
export type FiltreConformite = z.infer<typeof FiltreConformite>;

export type StatutConformite = 'conforme' | 'non_conforme' | 'inconnu';

export interface LigneConformite {
  id: string;
  nom: string;
  genre: repo.SitePourConformite['genre'];
  commune: string;
  codePostal: string;
  departement: string;
  structureId: string;
  structureNom: string;
  statut: StatutConformite;
  /** Hours and open days of the typical week (a tour's two-week average); null when the hours are unknown. */
  heures: number | null;
  jours: number | null;
  manqueHeures: number | null;
  manqueJours: number | null;
  /** The hours are there but outside the supported syntax. */
  horairesIllisibles: boolean;
  /** Counted over the stops of the tour. */
  tournee: boolean;
  fermeturesTardives: number;
  motifs: string[];
  /** For a tour, when the next week 53 is near and leaves stops three weeks or more without a passage. */
  alerteSemaine53: string | null;
}

/** One year before a civil date (29 February falls back to the 28th). */
function unAnAvant(date: string): string {
  const [a, m, j] = date.split('-');
  return `${Number(a) - 1}-${m}-${m === '02' && j === '29' ? '28' : j}`;
}

type Semaine = Pick<SemaineType, 'heures' | 'jours'>;

// The typical week depends on the hours text alone, so it is kept between requests: parsing 2,800 texts costs some
// 50 ms, a lookup nothing. Bounded, and simply emptied when full.
const SEMAINES_MAX = 20_000;
const semaines = new Map<string, Semaine | null>();

/** The typical week of an hours text, or null when the text is outside the supported syntax. */
function semaineDe(horaires: string): Semaine | null {
  const connue = semaines.get(horaires);
  if (connue !== undefined) return connue;
  const s = validerHoraires(horaires).ok ? semaineType(horaires) : null;
  if (semaines.size >= SEMAINES_MAX) semaines.clear();
  semaines.set(horaires, s ? { heures: s.heures, jours: s.jours } : null);
  return s;
}

/** How long before a week 53 the compliance page warns about the tours it leaves without passages. */
const PREAVIS_SEMAINE_53_JOURS = 120;

/** "Semaine 53 de 2026 : 2 arrêts sans passage…" when the next week 53 is near and leaves stops unvisited. */
function alerteSemaine53(site: repo.SitePourConformite, maintenant: Date): string | null {
  if (!fuseauValide(site.fuseauHoraire) || site.arrets.some((a) => !validerHoraires(a.horaires).ok)) return null;
  const aujourdhui = dateLocale(maintenant, site.fuseauHoraire);
  if (ecartJours(aujourdhui, prochaineSemaine53(aujourdhui).du) > PREAVIS_SEMAINE_53_JOURS) return null;
  let territoire: ReturnType<typeof territoireDe>;
  try {
    territoire = territoireDe(site.departement);
  } catch {
    territoire = territoireDe('75');
  }
  const vue = passagesAutourSemaine53({
    arrets: site.arrets,
    regle: site.semaine53,
    fuseau: site.fuseauHoraire,
    territoire,
    maintenant,
  });
  const n = vue.arrets.filter((a) => a.sansPassage).length;
  if (n === 0) return null;
  return `Semaine 53 de ${vue.annee} : ${n} arrêt${n > 1 ? 's' : ''} sans passage pendant trois semaines ou plus (voir la page des horaires de la tournée).`;
}

/** Checks one site against the charter and counts its late closures. */
function evaluer(site: repo.SitePourConformite, maintenant: Date): LigneConformite {
  const tournee = site.genre === 'itinerant' && site.arrets.length > 0;
  let semaine: Semaine | null = null;
  let horairesIllisibles = false;
  if (tournee) {
    horairesIllisibles = site.arrets.some((a) => !validerHoraires(a.horaires).ok);
    if (!horairesIllisibles) semaine = semaineTypeTournee(site.arrets);
  } else if (site.horaires?.trim()) {
    semaine = semaineDe(site.horaires);
    horairesIllisibles = semaine === null;
  }
  // One site with a broken zone must not take the national page down: its closures are judged on Paris time.
  const fuseau = site.fermetures.length === 0 || fuseauValide(site.fuseauHoraire) ? site.fuseauHoraire : 'Europe/Paris';
  const fermeturesTardives = site.fermetures.filter((f) =>
    fermetureTardive({ debut: f.debut, annonceLe: f.annonceLe, fuseau }),
  ).length;
  const alerte = tournee ? alerteSemaine53(site, maintenant) : null;
  const commun = {
    alerteSemaine53: alerte,
    id: site.id,
    nom: site.nom,
    genre: site.genre,
    commune: site.commune,
    codePostal: site.codePostal,
    departement: site.departement,
    structureId: site.structureId,
    structureNom: site.structureNom,
    horairesIllisibles,
    tournee,
    fermeturesTardives,
  };
  if (!semaine) {
    // The late-closure sentence alone, from a week that meets the rule.
    const tardives = conformite({
      heures: HEURES_MIN_SEMAINE,
      jours: JOURS_MIN_SEMAINE,
      fermeturesTardives12Mois: fermeturesTardives,
    });
    return {
      ...commun,
      statut: 'inconnu',
      heures: null,
      jours: null,
      manqueHeures: null,
      manqueJours: null,
      motifs: [
        horairesIllisibles ? 'Horaires illisibles : à corriger dans la fiche du site.' : 'Horaires non renseignés.',
        ...tardives.motifs,
        ...(alerte ? [alerte] : []),
      ],
    };
  }
  const c = conformite({ heures: semaine.heures, jours: semaine.jours, fermeturesTardives12Mois: fermeturesTardives });
  return {
    ...commun,
    statut: c.conforme ? 'conforme' : 'non_conforme',
    heures: semaine.heures,
    jours: semaine.jours,
    manqueHeures: c.manqueHeures,
    manqueJours: c.manqueJours,
    motifs: [...c.motifs, ...(alerte ? [alerte] : [])],
  };
}

const collateur = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const RANG_STATUT: Record<StatutConformite, number> = { non_conforme: 0, inconnu: 1, conforme: 2 };

/** The sort key of a column; null (unknown hours) always sorts last. */
function cle(l: LigneConformite, tri: Tri): number | string | null {
  switch (tri) {
    case 'site':
      return l.nom;
    case 'departement':
      return l.departement;
    case 'heures':
      return l.heures;
    case 'jours':
      return l.jours;
    case 'manque':
      // Hours first; a missing day weighs less than any missing hour but more than nothing.
      return l.manqueHeures === null ? null : l.manqueHeures + (l.manqueJours ?? 0) / 100;
    case 'tardives':
      return l.fermeturesTardives;
    case 'statut':
      return RANG_STATUT[l.statut];
  }
}

function trier(lignes: LigneConformite[], tri: Tri, ordre: Ordre): LigneConformite[] {
  const sens = ordre === 'asc' ? 1 : -1;
  const ordreStable = (a: LigneConformite, b: LigneConformite) =>
    collateur.compare(a.departement, b.departement) ||
    collateur.compare(a.commune, b.commune) ||
    collateur.compare(a.nom, b.nom);
  return [...lignes].sort((a, b) => {
    const ka = cle(a, tri);
    const kb = cle(b, tri);
    if (ka === null || kb === null) return ka === kb ? ordreStable(a, b) : ka === null ? 1 : -1;
    const c = typeof ka === 'string' ? collateur.compare(ka, String(kb)) : ka - (kb as number);
    return c * sens || ordreStable(a, b);
  });
}

/** A site to follow: below the charter, hours unknown, or a closure announced late. */
const aSuivre = (l: LigneConformite) =>
  l.statut !== 'conforme' || l.fermeturesTardives > 0 || l.alerteSemaine53 !== null;

/**
 * The compliance of every active site in the actor's scope (403 for agents and référents), in one pass over three
 * queries: the figures count the whole scope (or département), the rows follow the filter and the sort.
 */
export async function consulterConformite(db: Db, acteur: Acteur, filtre: FiltreConformite, maintenant: Date) {
  const portee = porteeConformite(acteur);
  if (!portee) interdit();
  const depuis = unAnAvant(dateLocale(maintenant, 'Europe/Paris'));
  const [sites, departements] = await Promise.all([
    repo.sitesPourConformite(db, portee, { departement: filtre.departement, depuis }),
    repo.departementsDansPortee(db, portee),
  ]);
  const toutes = sites.map((s) => evaluer(s, maintenant));
  const chiffres = { total: toutes.length, conformes: 0, nonConformes: 0, inconnus: 0, avecFermetureTardive: 0 };
  for (const l of toutes) {
    if (l.statut === 'conforme') chiffres.conformes++;
    else if (l.statut === 'non_conforme') chiffres.nonConformes++;
    else chiffres.inconnus++;
    if (l.fermeturesTardives > 0) chiffres.avecFermetureTardive++;
  }
  const retenues = filtre.aSuivre ? toutes.filter(aSuivre) : toutes;
  return {
    lignes: trier(retenues, filtre.tri, filtre.ordre),
    chiffres,
    departements,
    national: portee.national,
  };
}

export type ResultatConformite = Awaited<ReturnType<typeof consulterConformite>>;

export const LIBELLES_STATUT: Record<StatutConformite, string> = {
  conforme: 'Conforme',
  non_conforme: 'Non conforme',
  inconnu: 'Horaires non renseignés',
};

const COLONNES_CSV = [
  'Département',
  'Structure',
  'Site',
  'Commune',
  'Code postal',
  'Statut',
  'Heures par semaine',
  'Jours d’ouverture par semaine',
  'Heures manquantes',
  'Jours manquants',
  'Fermetures annoncées tardivement (12 mois)',
  'Tournée itinérante',
  'Motifs',
  'Identifiant du site',
] as const;

/** The rows of the page as CSV: comma-separated, decimal point, UTF-8 with a byte-order mark so Excel reads accents. */
export function conformiteEnCsv(lignes: LigneConformite[]): string {
  const nombre = (n: number | null) => (n === null ? '' : String(n));
  return `\uFEFF${versCsv(
    COLONNES_CSV,
    lignes.map((l) => [
      l.departement,
      l.structureNom,
      l.nom,
      l.commune,
      l.codePostal,
      LIBELLES_STATUT[l.statut],
      nombre(l.heures),
      nombre(l.jours),
      nombre(l.manqueHeures),
      nombre(l.manqueJours),
      l.fermeturesTardives,
      l.tournee ? 'oui' : 'non',
      l.motifs.join(' '),
      l.id,
    ]),
  )}`;
}
