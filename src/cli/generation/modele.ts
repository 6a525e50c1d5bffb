// The statistical model behind the synthetic activity (index.ts): a seeded random generator, weighted draws, the
// calendar of a window (seasonality, growth, holidays) and the partner mix calibrated on the published national figures
// (Cour des comptes, Sept. 2024: ANTS 19 %, CAF 16 %, Assurance Maladie 16 %, DGFiP 15 %, then Assurance Retraite).
// Pure functions only: no database here.

import { ajouterJours, joursFeries } from '../../modules/horaires/index.ts';

export type Hasard = () => number;

/** A fast seeded generator (sfc32, seed spread by splitmix32): the same seed gives the same sequence, in [0, 1). */
export function hasardDepuis(graine: number): Hasard {
  let s = graine >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A normal deviate (Box–Muller). */
export function normale(h: Hasard): number {
  return Math.sqrt(-2 * Math.log(1 - h())) * Math.cos(2 * Math.PI * h());
}

/** Walker's alias table: O(1) draws among many weighted items (the sites). */
export function tableAlias(poids: readonly number[]): (h: Hasard) => number {
  const n = poids.length;
  const somme = poids.reduce((a, b) => a + b, 0);
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const p = poids.map((w) => (w * n) / somme);
  const petits: number[] = [];
  const grands: number[] = [];
  p.forEach((x, i) => {
    (x < 1 ? petits : grands).push(i);
  });
  while (petits.length > 0 && grands.length > 0) {
    const s = petits.pop() as number;
    const g = grands.pop() as number;
    prob[s] = p[s] as number;
    alias[s] = g;
    p[g] = (p[g] as number) + (p[s] as number) - 1;
    ((p[g] as number) < 1 ? petits : grands).push(g);
  }
  for (const i of [...petits, ...grands]) prob[i] = 1;
  return (h) => {
    const i = Math.floor(h() * n);
    return h() < (prob[i] as number) ? i : (alias[i] as number);
  };
}

/** A draw among a few weighted values (cumulative table). */
export function tirage<T>(valeurs: ReadonlyArray<readonly [T, number]>): (h: Hasard) => T {
  const total = valeurs.reduce((a, [, w]) => a + w, 0);
  let cumul = 0;
  const seuils = valeurs.map(([, w]) => {
    cumul += w / total;
    return cumul;
  });
  const dernier = valeurs[valeurs.length - 1]?.[0] as T;
  return (h) => {
    const x = h();
    for (let i = 0; i < seuils.length; i++) if (x < (seuils[i] as number)) return valeurs[i]?.[0] as T;
    return dernier;
  };
}

// ----- Shares and mixes -------------------------------------------------------------------------------------------

/** Share of requests per partner (by code); the last 20 % spread over the other partners. */
export const PARTS_PARTENAIRES: Record<string, number> = {
  'interieur-ants': 0.19,
  caf: 0.16,
  'assurance-maladie': 0.16,
  'finances-publiques': 0.15,
  'assurance-retraite': 0.14,
  'france-travail': 0.06,
  autre: 0.05,
  msa: 0.03,
  'la-poste': 0.03,
  justice: 0.03,
};

/** Within a partner, how its situations (by code) share its requests; an unlisted situation weighs 1. */
export const POIDS_SITUATIONS: Record<string, number> = {
  'j-etablis-mes-papiers-d-identite': 7,
  'je-me-deplace': 3,
  'je-cherche-une-allocation-logement': 4,
  'je-connais-des-difficultes-financieres': 3,
  'je-donne-naissance': 1.5,
  'je-perds-un-proche': 1.5,
  'je-cherche-a-rembourser-mes-soins': 7,
  'je-prends-soin-de-ma-sante': 3,
  'je-suis-en-situation-de-handicap': 3.5,
  'je-gere-mon-energie': 2.5,
  'je-fais-face-a-un-litige-de-consommation': 2,
  'informations-jeunesse': 2,
  'je-fais-face-a-un-litige-ou-un-conflit': 6.5,
  'je-suis-victime-d-une-infraction': 3.5,
};

/** Probability that a request of a multi-partner situation also names some of its other partners. */
export const PROBA_PARTENAIRES_SECONDAIRES = 0.06;

/** Monthly volume factors (January … December): August dip, September and January peaks, a quiet late December. */
export const FACTEURS_MOIS = [1.12, 1.0, 1.04, 1.04, 1.08, 1.0, 0.86, 0.55, 1.18, 1.1, 1.02, 0.82];

/** Monthly factors on a partner's weight: the tax-return season (April–June) for DGFiP, passports before summer. */
export const SAISONS_PARTENAIRES: Record<string, number[]> = {
  'finances-publiques': [0.7, 0.7, 0.8, 1.8, 2.4, 1.7, 0.7, 0.6, 0.8, 0.9, 0.8, 0.7],
  'interieur-ants': [0.9, 0.95, 1.1, 1.2, 1.25, 1.15, 1.05, 0.9, 0.9, 0.9, 0.9, 0.9],
  caf: [1.1, 1, 1, 1, 0.95, 0.95, 1, 1, 1.25, 1.1, 1, 1],
  'france-travail': [1.2, 1, 1, 1, 1, 1, 1, 1, 1.2, 1.05, 1, 0.9],
  'assurance-retraite': [1.1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.9],
};

/** Weekday factors, Monday … Sunday (ISO order): Saturday mornings only, closed on Sunday. */
export const FACTEURS_JOURS = [1.05, 1.05, 0.95, 1.0, 0.9, 0.12, 0];

/** Volume of a year relative to the next one (older years are smaller). */
export const CROISSANCE_ANNUELLE_INVERSE = 0.8;

export const CANAUX = tirage([
  ['accueil_physique', 75],
  ['telephone', 15],
  ['courriel_formulaire', 5],
  ['visio', 3],
  ['hors_les_murs', 2],
] as const);

export const NIVEAUX = tirage([
  ['information_orientation', 33],
  ['accompagnement_numerique', 26],
  ['aide_demarche', 29],
  ['mise_en_relation', 7],
  ['prise_rdv', 5],
] as const);

export type Niveau = ReturnType<typeof NIVEAUX>;

/** Outcome given the level: 82 % resolved overall, hand-overs mostly after a "mise en relation". */
export const ISSUES: Record<Niveau, ReturnType<typeof tirage<string>>> = {
  information_orientation: tirage([
    ['resolu', 86],
    ['a_suivre', 4],
    ['oriente_partenaire', 9],
    ['transmis_referent', 1],
  ]),
  accompagnement_numerique: tirage([
    ['resolu', 87],
    ['a_suivre', 9],
    ['oriente_partenaire', 3],
    ['transmis_referent', 1],
  ]),
  aide_demarche: tirage([
    ['resolu', 83],
    ['a_suivre', 11],
    ['oriente_partenaire', 3],
    ['transmis_referent', 3],
  ]),
  mise_en_relation: tirage([
    ['resolu', 55],
    ['a_suivre', 8],
    ['oriente_partenaire', 15],
    ['transmis_referent', 22],
  ]),
  prise_rdv: tirage([
    ['resolu', 71],
    ['a_suivre', 10],
    ['oriente_partenaire', 17],
    ['transmis_referent', 2],
  ]),
};

/** Duration given the level: a first-level answer is short, a procedure takes longer. */
export const DUREES: Record<Niveau, ReturnType<typeof tirage<string>>> = {
  information_orientation: tirage([
    ['moins_10', 62],
    ['de_10_a_30', 32],
    ['de_30_a_60', 5],
    ['plus_60', 1],
  ]),
  accompagnement_numerique: tirage([
    ['moins_10', 12],
    ['de_10_a_30', 50],
    ['de_30_a_60', 30],
    ['plus_60', 8],
  ]),
  aide_demarche: tirage([
    ['moins_10', 8],
    ['de_10_a_30', 47],
    ['de_30_a_60', 35],
    ['plus_60', 10],
  ]),
  mise_en_relation: tirage([
    ['moins_10', 25],
    ['de_10_a_30', 55],
    ['de_30_a_60', 17],
    ['plus_60', 3],
  ]),
  prise_rdv: tirage([
    ['moins_10', 45],
    ['de_10_a_30', 45],
    ['de_30_a_60', 9],
    ['plus_60', 1],
  ]),
};

/** Age band when recorded: 58 % over 55, 6 % under 26. */
export const TRANCHES_AGE = tirage([
  ['moins_26', 6],
  ['de_26_a_39', 14],
  ['de_40_a_54', 22],
  ['de_55_a_64', 22],
  ['de_65_a_74', 20],
  ['plus_75', 16],
] as const);
export const PROBA_AGE_RENSEIGNE = 0.65;
export const PROBA_COMMUNE_RENSEIGNEE = 0.55;
export const PROBA_NON_RECOURS = 0.04;
export const PROBA_PREMIERE_VISITE = 0.2;
/** Digital difficulty (35 % overall) is more frequent among the oldest. */
export const PROBA_DIFFICULTE_NUMERIQUE: Record<string, number> = {
  moins_26: 0.12,
  de_26_a_39: 0.2,
  de_40_a_54: 0.27,
  de_55_a_64: 0.36,
  de_65_a_74: 0.47,
  plus_75: 0.6,
  '': 0.35,
};

/** Site weights: heavy-tailed (log-normal), antennas and tours smaller than main sites. */
export const SIGMA_TAILLE_SITE = 0.8;
export const FACTEURS_GENRE: Record<string, number> = { principal: 1, multisite: 0.8, antenne: 0.6, itinerant: 0.35 };

// ----- Partner calibration ----------------------------------------------------------------------------------------

export interface SituationModele {
  id: string;
  code: string;
  themeId: string;
  /** Partner ids in the catalogue's order; the first is the usual one. */
  partenaires: string[];
}

/**
 * Per partner (by index into `partenaires`), the base weight of being a request's usual partner, calibrated so that
 * the share of requests naming each partner over the whole window, secondary partners included, matches the target
 * (up to the small excess those secondary mentions add). `volumesMois[m]` is the window's volume in calendar month m.
 */
export function calibrerPartenaires(
  partenaires: string[],
  cibles: number[],
  situationsPar: Array<Array<{ situation: SituationModele; poids: number }>>,
  saisons: number[][],
  volumesMois: number[],
): number[] {
  const n = partenaires.length;
  const rang = new Map(partenaires.map((p, i) => [p, i]));
  // mentions[prim][p]: expected mentions of p by a request whose usual partner is prim.
  const mentions = situationsPar.map((liste) => {
    const m = new Array<number>(n).fill(0);
    const total = liste.reduce((a, s) => a + s.poids, 0);
    for (const { situation, poids } of liste) {
      const part = poids / total;
      const [premier, ...autres] = situation.partenaires;
      const i0 = rang.get(premier as string) as number;
      m[i0] = (m[i0] as number) + part;
      if (autres.length === 0) continue;
      // Each other partner is named with probability 1/2, at least one of them.
      const inclus = 0.5 / (1 - 0.5 ** autres.length);
      for (const a of autres) {
        const i = rang.get(a);
        if (i !== undefined) m[i] = (m[i] as number) + part * PROBA_PARTENAIRES_SECONDAIRES * inclus;
      }
    }
    return m;
  });
  const base = cibles.map((c) => Math.max(c, 0));
  const totalVolume = volumesMois.reduce((a, b) => a + b, 0) || 1;
  for (let iteration = 0; iteration < 200; iteration++) {
    const obtenu = new Array<number>(n).fill(0);
    for (let mois = 0; mois < 12; mois++) {
      const v = (volumesMois[mois] ?? 0) / totalVolume;
      if (v === 0) continue;
      const w = base.map((b, i) => b * (saisons[i]?.[mois] ?? 1));
      const somme = w.reduce((a, b) => a + b, 0);
      for (let prim = 0; prim < n; prim++) {
        const q = (w[prim] as number) / somme;
        if (q === 0) continue;
        const m = mentions[prim] as number[];
        for (let p = 0; p < n; p++) obtenu[p] = (obtenu[p] as number) + v * q * (m[p] as number);
      }
    }
    for (let i = 0; i < n; i++) {
      const o = obtenu[i] as number;
      if (o > 0 && (base[i] as number) > 0) base[i] = (base[i] as number) * ((cibles[i] as number) / o) ** 0.8;
    }
  }
  return base;
}

// ----- Calendar ---------------------------------------------------------------------------------------------------

/** The window of `annees` years ending yesterday: from the same date `annees` years ago to yesterday. */
export function fenetre(aujourdhui: string, annees: number): { du: string; au: string } {
  return { du: memeDateIlYa(aujourdhui, annees), au: ajouterJours(aujourdhui, -1) };
}

/** The same calendar date n years earlier (29 February becomes the 28th). */
export function memeDateIlYa(date: string, annees: number): string {
  const [a, m, j] = date.split('-').map(Number) as [number, number, number];
  const annee = a - annees;
  const bissextile = annee % 4 === 0 && (annee % 100 !== 0 || annee % 400 === 0);
  const jour = m === 2 && j === 29 && !bissextile ? 28 : j;
  return `${annee}-${String(m).padStart(2, '0')}-${String(jour).padStart(2, '0')}`;
}

/**
 * The relative volume of each day of the window: growth (×0.8 per year back, smoothly), month, weekday, the quiet
 * week after Christmas, and nothing on mainland public holidays (sites overseas follow their own list at draw time).
 */
export function poidsDesJours(du: string, au: string): Array<{ jour: string; poids: number }> {
  const feries = new Set<string>();
  for (let annee = Number(du.slice(0, 4)); annee <= Number(au.slice(0, 4)); annee++) {
    for (const f of joursFeries(annee, 'metropole')) feries.add(f.date);
  }
  const fin = Date.parse(`${au}T00:00:00Z`);
  const jours: Array<{ jour: string; poids: number }> = [];
  for (let jour = du; jour <= au; jour = ajouterJours(jour, 1)) {
    const ms = Date.parse(`${jour}T00:00:00Z`);
    const dow = (new Date(ms).getUTCDay() + 6) % 7;
    const mois = Number(jour.slice(5, 7)) - 1;
    const anciennete = (fin - ms) / (365.25 * 86_400_000);
    let poids = CROISSANCE_ANNUELLE_INVERSE ** anciennete * (FACTEURS_MOIS[mois] ?? 1) * (FACTEURS_JOURS[dow] ?? 0);
    if (feries.has(jour)) poids = 0;
    if (mois === 11 && Number(jour.slice(8)) >= 24) poids *= 0.6;
    jours.push({ jour, poids });
  }
  return jours;
}

/** Whole numbers of requests per day summing exactly to `total` (cumulative rounding of the weights). */
export function repartir(poids: number[], total: number): number[] {
  const somme = poids.reduce((a, b) => a + b, 0);
  if (somme === 0) return poids.map(() => 0);
  let cumul = 0;
  let precedent = 0;
  return poids.map((w) => {
    cumul += w;
    const arrondi = Math.round((cumul / somme) * total);
    const n = arrondi - precedent;
    precedent = arrondi;
    return n;
  });
}

// ----- Identifiers ------------------------------------------------------------------------------------------------

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const octet = (x: number) => HEX[x & 0xff] as string;

/**
 * A time-ordered UUID (version 7 layout: 48-bit millisecond timestamp, then random bits). Rows arrive in date order,
 * so primary-key inserts stay at the right edge of the index instead of landing on random pages of a 36M-entry btree.
 */
export function uuidOrdonne(ms: number, r1: number, r2: number, r3: number): string {
  const haut = Math.floor(ms / 65536);
  const bas = ms % 65536;
  return (
    octet(haut >>> 24) +
    octet(haut >>> 16) +
    octet(haut >>> 8) +
    octet(haut) +
    '-' +
    octet(bas >>> 8) +
    octet(bas) +
    '-' +
    octet(0x70 | ((r1 >>> 8) & 0x0f)) +
    octet(r1) +
    '-' +
    octet(0x80 | ((r1 >>> 16) & 0x3f)) +
    octet(r1 >>> 24) +
    '-' +
    octet(r2 >>> 24) +
    octet(r2 >>> 16) +
    octet(r2 >>> 8) +
    octet(r2) +
    octet(r3 >>> 8) +
    octet(r3)
  );
}
