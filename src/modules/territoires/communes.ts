// French communes (INSEE COG 2024 + La Poste postcodes), read from `data/communes-fr.csv` on first use and kept in memory.
//
// Shape of the file, and what this module makes of it:
// - one row per (commune, postcode): communes with several postcodes are merged into one entry with `codesPostaux`;
// - delegated communes (`COMD`, the former communes of a "commune nouvelle") share the INSEE code of their parent, repeat
//   its figures and have no region/département: they are not entries of `communes()` (one entry per INSEE code) but are
//   listed by `communesDeleguees()`, with the parent's code, département and region, so a search by their old name works;
// - Paris, Lyon and Marseille appear only as municipal districts (`ARM`, e.g. 75101…75120): the districts are kept, and the
//   three communes themselves (75056, 69123, 13055) are added, with the districts' postcodes, the sum of their populations
//   and the population-weighted centre of the districts as position;
// - the overseas collectivities of Saint-Pierre-et-Miquelon, Saint-Barthélemy and Saint-Martin are not in that file:
//   their four communes come from `data/collectivites-outre-mer.csv` (same columns, no region, rounded populations);
// - a few new communes have no coordinates (e.g. 60694, 85165, 85212 in COG 2024): they get the mean position of the
//   other communes sharing their postcode and `coordonneesApprochees: true`.

import { readFileSync } from 'node:fs';

/** A French commune (or municipal district, or delegated commune) with its centre and population. */
export interface Commune {
  /** INSEE code (5 characters, 2A/2B for Corsica). A delegated commune carries its parent's code. */
  code: string;
  /** Name without its article, as sorted by INSEE ("Abergement-Clémenciat"). */
  nom: string;
  /** Official name with its article ("L'Abergement-Clémenciat"): the one to display. */
  nomAvecArticle: string;
  /** Département INSEE code ("01", "2A", "974"). */
  departement: string;
  /** Region INSEE code ("84"). */
  region: string;
  /** Postcodes, sorted, without duplicates. */
  codesPostaux: string[];
  /** Centre of the commune (WGS84). */
  latitude: number;
  longitude: number;
  /** Legal population 2021 (for a delegated commune: its parent's, as published). */
  population: number;
  /** `COM` commune, `COMD` delegated commune, `ARM` municipal district of Paris/Lyon/Marseille. */
  type: 'COM' | 'COMD' | 'ARM' | string;
  /** INSEE code of the parent commune, for `COMD` and `ARM`. */
  codeParent?: string;
  /** True when the file had no position and the one given is the centre of the communes sharing the postcode. */
  coordonneesApprochees?: boolean;
}

const FICHIERS = [
  new URL('../../../data/communes-fr.csv', import.meta.url),
  new URL('../../../data/collectivites-outre-mer.csv', import.meta.url),
];

/** The three communes split into municipal districts, which the file lists only as districts. */
const COMMUNES_A_ARRONDISSEMENTS: Record<string, string> = { '75056': 'Paris', '69123': 'Lyon', '13055': 'Marseille' };

interface Index {
  communes: Commune[];
  deleguees: Commune[];
  parCode: Map<string, Commune>;
  parCodePostal: Map<string, Commune[]>;
}

let cache: Index | undefined;

/** Splits one CSV line (comma-separated, fields possibly double-quoted). */
function decouper(ligne: string): string[] {
  if (!ligne.includes('"')) return ligne.split(',');
  const champs: string[] = [];
  let courant = '';
  let entreGuillemets = false;
  for (let i = 0; i < ligne.length; i++) {
    const c = ligne[i];
    if (entreGuillemets) {
      if (c === '"' && ligne[i + 1] === '"') {
        courant += '"';
        i++;
      } else if (c === '"') entreGuillemets = false;
      else courant += c;
    } else if (c === '"') entreGuillemets = true;
    else if (c === ',') {
      champs.push(courant);
      courant = '';
    } else courant += c;
  }
  champs.push(courant);
  return champs;
}

function nombre(brut: string | undefined): number {
  if (brut === undefined || brut.trim() === '') return Number.NaN;
  return Number(brut);
}

function ajouterCodePostal(c: Commune, cp: string): void {
  if (cp && !c.codesPostaux.includes(cp)) c.codesPostaux.push(cp);
}

function charger(): Index {
  const parCode = new Map<string, Commune>();
  const deleguees = new Map<string, Commune>(); // key: code + name
  for (const fichier of FICHIERS) lireFichier(fichier, parCode, deleguees);
  return indexer(parCode, deleguees);
}

/** Reads one file of communes (the columns of communes-fr.csv) into the maps. */
function lireFichier(fichier: URL, parCode: Map<string, Commune>, deleguees: Map<string, Commune>): void {
  const texte = readFileSync(fichier, 'utf8');
  const lignes = texte.split(/\r?\n/);
  const entete = decouper(lignes[0] ?? '');
  const col = (nom: string): number => {
    const i = entete.indexOf(nom);
    if (i < 0) throw new Error(`${fichier.pathname}: missing column ${nom}`);
    return i;
  };
  const C = {
    code: col('insee_com'),
    region: col('insee_reg'),
    dep: col('insee_dep'),
    nom: col('commune'),
    article: col('commune_article'),
    cp: col('code_postal'),
    type: col('commune_type'),
    parente: col('insee_parente'),
    lat: col('lat'),
    lng: col('lng'),
    population: col('population_2021'),
  };

  for (let n = 1; n < lignes.length; n++) {
    const ligne = lignes[n];
    if (!ligne) continue;
    const f = decouper(ligne);
    const code = f[C.code] ?? '';
    const type = f[C.type] ?? '';
    const cp = f[C.cp] ?? '';
    if (!code) continue;
    const lu: Commune = {
      code,
      nom: f[C.nom] ?? '',
      nomAvecArticle: f[C.article] || f[C.nom] || '',
      departement: f[C.dep] ?? '',
      region: f[C.region] ?? '',
      codesPostaux: [],
      latitude: nombre(f[C.lat]),
      longitude: nombre(f[C.lng]),
      population: nombre(f[C.population]) || 0,
      type,
    };
    if (f[C.parente]) lu.codeParent = f[C.parente];
    ajouterCodePostal(lu, cp);
    if (type === 'COMD') {
      const cle = `${code}|${lu.nom}`;
      const deja = deleguees.get(cle);
      if (deja) ajouterCodePostal(deja, cp);
      else deleguees.set(cle, lu);
      continue;
    }
    const deja = parCode.get(code);
    if (deja) ajouterCodePostal(deja, cp);
    else parCode.set(code, lu);
  }
}

function indexer(parCode: Map<string, Commune>, deleguees: Map<string, Commune>): Index {
  // Paris, Lyon, Marseille from their districts.
  const districts = [...parCode.values()].filter((c) => c.type === 'ARM');
  for (const [code, nom] of Object.entries(COMMUNES_A_ARRONDISSEMENTS)) {
    if (parCode.has(code)) continue;
    const siens = districts.filter((d) => d.codeParent === code);
    const premier = siens[0];
    if (!premier) continue;
    const population = siens.reduce((s, d) => s + d.population, 0);
    const poids = (d: Commune) => (population > 0 ? d.population / population : 1 / siens.length);
    parCode.set(code, {
      code,
      nom,
      nomAvecArticle: nom,
      departement: premier.departement,
      region: premier.region,
      codesPostaux: [...new Set(siens.flatMap((d) => d.codesPostaux))],
      latitude: siens.reduce((s, d) => s + d.latitude * poids(d), 0),
      longitude: siens.reduce((s, d) => s + d.longitude * poids(d), 0),
      population,
      type: 'COM',
    });
  }

  // Delegated communes: département and region of the parent.
  for (const d of deleguees.values()) {
    const parent = parCode.get(d.codeParent ?? d.code);
    if (!parent) continue;
    d.departement ||= parent.departement;
    d.region ||= parent.region;
    for (const cp of d.codesPostaux) ajouterCodePostal(parent, cp);
  }

  const communes = [...parCode.values()];
  const parCodePostal = new Map<string, Commune[]>();
  for (const c of communes) {
    c.codesPostaux.sort();
    for (const cp of c.codesPostaux) {
      const liste = parCodePostal.get(cp);
      if (liste) liste.push(c);
      else parCodePostal.set(cp, [c]);
    }
  }

  // Missing positions: centre of the communes sharing a postcode.
  const sansPosition = (c: Commune) => !Number.isFinite(c.latitude) || !Number.isFinite(c.longitude);
  for (const c of [...communes, ...deleguees.values()]) {
    if (!sansPosition(c)) continue;
    const parent = c.type === 'COMD' ? parCode.get(c.codeParent ?? c.code) : undefined;
    if (parent && !sansPosition(parent)) {
      c.latitude = parent.latitude;
      c.longitude = parent.longitude;
    } else {
      const voisines = c.codesPostaux.flatMap((cp) => parCodePostal.get(cp) ?? []).filter((v) => !sansPosition(v));
      if (voisines.length === 0) continue;
      c.latitude = voisines.reduce((s, v) => s + v.latitude, 0) / voisines.length;
      c.longitude = voisines.reduce((s, v) => s + v.longitude, 0) / voisines.length;
    }
    c.coordonneesApprochees = true;
  }
  for (const d of deleguees.values()) d.codesPostaux.sort();

  // A district is more precise than its city: first; then the most populated.
  const rang = (c: Commune) => (c.type === 'ARM' ? 0 : 1);
  for (const liste of parCodePostal.values()) liste.sort((a, b) => rang(a) - rang(b) || b.population - a.population);
  return { communes, deleguees: [...deleguees.values()], parCode, parCodePostal };
}

function index(): Index {
  cache ??= charger();
  return cache;
}

/** Every commune and municipal district, one entry per INSEE code (Paris, Lyon, Marseille included). */
export function communes(): Commune[] {
  return index().communes;
}

/** The delegated communes (former communes merged into a "commune nouvelle"), with their parent's code. */
export function communesDeleguees(): Commune[] {
  return index().deleguees;
}

/** The commune (or district) with this INSEE code. */
export function communeParCode(code: string): Commune | undefined {
  return index().parCode.get(code.trim().toUpperCase());
}

/** The communes served by this postcode: a Paris/Lyon/Marseille district before its city, then most populated first. */
export function communesParCodePostal(cp: string): Commune[] {
  return index().parCodePostal.get(cp.trim()) ?? [];
}
