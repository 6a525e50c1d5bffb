// Offline search over the French communes: the default geocoder of the public search ("find a France services near…").
//
// What the visitor types, and what it becomes:
// - a name ("sceaux", "St Denis", "l'hopital", "Bellegarde-sur-Valserine"): accents, case, hyphens, apostrophes and the
//   "St"/"Ste" abbreviations do not matter; exact names first, then names starting with the text, then names with a word
//   starting with it; the most populated first within each group. Delegated communes (former communes) are found by
//   their old name and lead to their commune nouvelle. A trailing département or postcode prefix narrows the result
//   ("Saint-Denis 93", "Saint-Denis (974)");
// - a postcode: exactly 5 digits → the communes it serves; 2 to 4 digits → the communes whose postcode starts with them;
// - an INSEE code ("2A004", "92071") when no postcode matches;
// - a free address ("12 rue de la Paix 75002 Paris", "3 place X, 92330 Sceaux CEDEX"): the postcode and the commune name
//   after it are used; without a postcode, the words after the last comma or the last words naming a commune.
// Positions are the centre of the commune: precise enough to rank the nearest sites, not to guide someone to a door.

import { normaliser } from '../../platform/formats/francais.ts';
import {
  type Commune,
  communeParCode,
  communes,
  communesDeleguees,
  communesParCodePostal,
} from '../territoires/index.ts';

/** One answer of the search: a position, what to display, and the commune it belongs to. */
export interface ResultatRecherche {
  /** What to display: "Sceaux (92330)", "Paris (75)", "Bellegarde-sur-Valserine, Valserhône (01200)". */
  libelle: string;
  latitude: number;
  longitude: number;
  /** The commune (or district, or delegated commune, whose `code` is its parent's INSEE code). */
  commune: Commune;
  /** The postcode shown in the label: the one typed, or the commune's only one (absent when it has several). */
  codePostal?: string;
  /** How the text was understood. */
  mode: 'nom' | 'code-postal' | 'code-insee' | 'adresse';
}

interface Entree {
  commune: Commune;
  /** Normalised names, words separated by single spaces (with and without the article). */
  noms: string[];
  /** The same without spaces, so "lhopital" finds "L'Hôpital" and "saintdenis" finds "Saint-Denis". */
  compacts: string[];
  /** Type rank for equal populations: communes, then districts, then delegated communes. */
  rangType: number;
}

const LIMITE_PAR_DEFAUT = 10;

let cache: Entree[] | undefined;
let cacheExacts: Map<string, Entree[]> | undefined;

/** Entries by compact normalised name, for exact look-ups. */
function exacts(): Map<string, Entree[]> {
  if (cacheExacts) return cacheExacts;
  const carte = new Map<string, Entree[]>();
  for (const e of entrees()) {
    for (const compact of new Set(e.compacts)) {
      const liste = carte.get(compact);
      if (liste) liste.push(e);
      else carte.set(compact, [e]);
    }
  }
  for (const liste of carte.values()) liste.sort((a, b) => b.commune.population - a.commune.population);
  cacheExacts = carte;
  return carte;
}

function entrees(): Entree[] {
  if (cache) return cache;
  const liste: Entree[] = [];
  const ajouter = (commune: Commune, rangType: number) => {
    const noms = [...new Set([normaliser(commune.nom), normaliser(commune.nomAvecArticle)])].filter(Boolean);
    liste.push({ commune, noms, compacts: noms.map((n) => n.replaceAll(' ', '')), rangType });
  };
  for (const c of communes()) ajouter(c, c.type === 'ARM' ? 1 : 0);
  for (const c of communesDeleguees()) ajouter(c, 2);
  cache = liste;
  return liste;
}

/** 0 exact name, 1 name starting with the text, 2 a word of the name starting with the text, undefined no match. */
function rangNom(e: Entree, requete: string, requeteCompacte: string): number | undefined {
  let meilleur: number | undefined;
  for (let i = 0; i < e.noms.length; i++) {
    const compact = e.compacts[i] ?? '';
    let rang: number | undefined;
    if (compact === requeteCompacte) rang = 0;
    else if (compact.startsWith(requeteCompacte)) rang = 1;
    else if ((e.noms[i] ?? '').includes(` ${requete}`)) rang = 2;
    if (rang !== undefined && (meilleur === undefined || rang < meilleur)) meilleur = rang;
  }
  return meilleur;
}

function libelle(c: Commune, precision: string): string {
  let nom = c.nomAvecArticle;
  if (c.type === 'COMD') {
    const parent = communeParCode(c.codeParent ?? c.code);
    if (parent && parent.nomAvecArticle !== nom) nom = `${nom}, ${parent.nomAvecArticle}`;
  }
  return precision ? `${nom} (${precision})` : nom;
}

/**
 * The label shows the postcode typed, else the commune's only postcode, else its département ("Paris (75)"), since
 * picking one of several postcodes would be arbitrary.
 */
function resultat(c: Commune, mode: ResultatRecherche['mode'], codePostal?: string): ResultatRecherche {
  const cp =
    codePostal && c.codesPostaux.includes(codePostal)
      ? codePostal
      : c.codesPostaux.length === 1
        ? c.codesPostaux[0]
        : undefined;
  return {
    libelle: libelle(c, cp ?? c.departement),
    latitude: c.latitude,
    longitude: c.longitude,
    commune: c,
    ...(cp ? { codePostal: cp } : {}),
    mode,
  };
}

let cacheTries: Array<{ compact: string; entree: Entree; mot: boolean }> | undefined;

/**
 * Every compact name with its entry, and every compact tail of a name that starts at one of its words (`mot`),
 * sorted: names starting with a text, or with a word starting with it, are a contiguous run found by binary search.
 */
function tries(): Array<{ compact: string; entree: Entree; mot: boolean }> {
  if (cacheTries) return cacheTries;
  const liste: Array<{ compact: string; entree: Entree; mot: boolean }> = [];
  for (const entree of entrees()) {
    for (const compact of new Set(entree.compacts)) liste.push({ compact, entree, mot: false });
    for (const nom of entree.noms) {
      const mots = nom.split(' ');
      for (let k = 1; k < mots.length; k++) liste.push({ compact: mots.slice(k).join(''), entree, mot: true });
    }
  }
  cacheTries = liste.sort((a, b) => (a.compact < b.compact ? -1 : a.compact > b.compact ? 1 : 0));
  return cacheTries;
}

/** Entries whose name is, starts with, or has a word starting with the text (ranks 0, 1, 2), without a full scan. */
function parPrefixe(requeteCompacte: string): Array<{ entree: Entree; rang: number }> {
  const liste = tries();
  let bas = 0;
  let haut = liste.length;
  while (bas < haut) {
    const milieu = (bas + haut) >>> 1;
    if ((liste[milieu]?.compact ?? '') < requeteCompacte) bas = milieu + 1;
    else haut = milieu;
  }
  const rangs = new Map<Entree, number>();
  for (let i = bas; i < liste.length; i++) {
    const element = liste[i];
    if (!element?.compact.startsWith(requeteCompacte)) break;
    const rang = element.mot ? 2 : element.compact === requeteCompacte ? 0 : 1;
    rangs.set(element.entree, Math.min(rang, rangs.get(element.entree) ?? rang));
  }
  return [...rangs].map(([entree, rang]) => ({ entree, rang }));
}

/**
 * Ranked entries whose name matches; `filtre` narrows the candidates (postcode, département). Without a filter the
 * sorted index answers; with one, every commune is scanned.
 */
function parNom(texte: string, filtre?: (c: Commune) => boolean): Array<{ entree: Entree; rang: number }> {
  const requete = normaliser(texte);
  if (requete === '') return [];
  const requeteCompacte = requete.replaceAll(' ', '');
  let trouves: Array<{ entree: Entree; rang: number }> = [];
  if (!filtre) trouves = parPrefixe(requeteCompacte);
  else {
    for (const e of entrees()) {
      if (filtre && !filtre(e.commune)) continue;
      const rang = rangNom(e, requete, requeteCompacte);
      if (rang !== undefined) trouves.push({ entree: e, rang });
    }
  }
  trouves.sort(
    (a, b) =>
      a.rang - b.rang ||
      b.entree.commune.population - a.entree.commune.population ||
      a.entree.rangType - b.entree.rangType ||
      a.entree.commune.nom.localeCompare(b.entree.commune.nom, 'fr'),
  );
  return trouves;
}

function prefixeCodePostal(prefixe: string): Commune[] {
  return communes()
    .filter((c) => c.codesPostaux.some((cp) => cp.startsWith(prefixe)))
    .sort((a, b) => b.population - a.population);
}

/** Communes of an exact postcode, ranked by how well their name matches `nom` (all of them when nothing matches). */
function parCodePostalEtNom(cp: string, nom: string, mode: ResultatRecherche['mode']): ResultatRecherche[] {
  const servies = communesParCodePostal(cp);
  const deleguees = communesDeleguees().filter((d) => d.codesPostaux.includes(cp));
  if (servies.length === 0 && deleguees.length === 0) return [];
  if (normaliser(nom) !== '') {
    const candidates = new Set([...servies, ...deleguees]);
    const nommees = parNom(nom, (c) => candidates.has(c)).map((t) => t.entree.commune);
    if (nommees.length > 0) {
      // Paris 2e for "75002 Paris": the district of the postcode is more precise than the city.
      const districts = servies.filter((c) => c.type === 'ARM' && nommees.some((n) => n.code === c.codeParent));
      const ordre = [...districts, ...nommees.filter((n) => !districts.includes(n))];
      return ordre.map((c) => resultat(c, mode, cp));
    }
  }
  return servies.map((c) => resultat(c, mode, cp));
}

const CEDEX = /\bcedex\b(\s*\d{1,3})?/gi;

/** Free address text: the postcode and the commune after it, or the commune at the end. */
function parAdresse(texte: string): ResultatRecherche[] {
  const propre = texte.replace(CEDEX, ' ');
  const cp = /(?:^|\D)(\d{5})(?!\d)/.exec(propre);
  if (cp?.[1]) {
    const apres = propre.slice((cp.index ?? 0) + cp[0].length);
    const trouves = parCodePostalEtNom(cp[1], apres, 'adresse');
    if (trouves.length > 0) return trouves;
    // Unknown postcode (e.g. a company CEDEX code): the name after it, within the same département prefix.
    const prefixe = cp[1].slice(0, 2);
    const nommees = parNom(apres, (c) => c.codesPostaux.some((x) => x.startsWith(prefixe)));
    if (nommees.length > 0) return nommees.map((t) => resultat(t.entree.commune, 'adresse'));
    return [];
  }
  // No postcode: the words after the last comma, else the longest run of last words that is exactly a commune name.
  const virgule = propre.lastIndexOf(',');
  if (virgule >= 0) {
    const exacts = parNom(propre.slice(virgule + 1)).filter((t) => t.rang === 0);
    if (exacts.length > 0) return exacts.map((t) => resultat(t.entree.commune, 'adresse'));
  }
  const mots = normaliser(propre).split(' ');
  for (let debut = 1; debut < mots.length; debut++) {
    const exacts = parNom(mots.slice(debut).join(' ')).filter((t) => t.rang === 0);
    if (exacts.length > 0) return exacts.map((t) => resultat(t.entree.commune, 'adresse'));
  }
  return [];
}

/** Removes repeated answers (same commune and same label), keeping the first. */
function sansDoublons(resultats: ResultatRecherche[]): ResultatRecherche[] {
  const vus = new Set<string>();
  return resultats.filter((r) => {
    const cle = `${r.commune.code}|${r.commune.nom}|${r.codePostal ?? ''}`;
    if (vus.has(cle)) return false;
    vus.add(cle);
    return true;
  });
}

/**
 * Searches the communes for a name, a postcode, an INSEE code or a free address; best answers first, at most `limite`.
 * Never throws; an empty or meaningless text gives an empty list.
 */
export function rechercherCommunes(texte: string, limite = LIMITE_PAR_DEFAUT): ResultatRecherche[] {
  const brut = texte.trim().slice(0, 200);
  if (brut === '' || limite <= 0) return [];
  const compact = brut.replace(/\s+/g, '');

  let resultats: ResultatRecherche[] = [];
  if (/^\d{5}$/.test(compact)) {
    resultats = parCodePostalEtNom(compact, '', 'code-postal');
    if (resultats.length === 0) {
      const commune = communeParCode(compact);
      if (commune) resultats = [resultat(commune, 'code-insee')];
    }
  } else if (/^\d{2,4}$/.test(compact)) {
    resultats = prefixeCodePostal(compact)
      .slice(0, limite)
      .map((c) =>
        resultat(
          c,
          'code-postal',
          c.codesPostaux.find((cp) => cp.startsWith(compact)),
        ),
      );
  } else if (/^2[ab]\d{3}$/i.test(compact)) {
    const commune = communeParCode(compact);
    if (commune) resultats = [resultat(commune, 'code-insee')];
  } else if (/\d/.test(brut)) {
    // A name followed by a département or postcode prefix: "Saint-Denis 93", "Saint-Denis (974)".
    const precise = /^(.*\D)[\s(]+(\d{2,3}|2[ab])\)?$/i.exec(brut);
    if (precise?.[1] && precise[2] && !/\d/.test(precise[1])) {
      const code = precise[2].toUpperCase();
      resultats = parNom(
        precise[1],
        (c) => c.departement === code || c.codesPostaux.some((cp) => cp.startsWith(code)),
      ).map((t) => resultat(t.entree.commune, 'nom'));
    }
    if (resultats.length === 0) resultats = parAdresse(brut);
    // Names with digits: "Paris 15" for "Paris 15e Arrondissement".
    if (resultats.length === 0) resultats = parNom(brut).map((t) => resultat(t.entree.commune, 'nom'));
  } else {
    resultats = parNom(brut)
      .slice(0, limite * 2)
      .map((t) => resultat(t.entree.commune, 'nom'));
    if (resultats.length === 0 && /[\s,]/.test(brut)) resultats = parAdresse(brut);
  }
  return sansDoublons(resultats).slice(0, limite);
}

/** What a data row says about where a site is; any field may be missing or wrong. */
export interface IndicesCommune {
  codeInsee?: string | null;
  codePostal?: string | null;
  /** Name of the commune as written in the row. */
  nomCommune?: string | null;
  /** Département code, to disambiguate names. */
  departement?: string | null;
  /** Any other text naming the place (e.g. the site's name "Antenne de Rouans"), used last. */
  texte?: string | null;
}

/** "Trie-ChÃ¢teau" (UTF-8 read as Latin-1) back to "Trie-Château"; other texts unchanged. */
function reparerEncodage(texte: string): string {
  if (!/Ã[\u0080-\u00bf]/.test(texte)) return texte;
  const repare = Buffer.from(texte, 'latin1').toString('utf8');
  return repare.includes('\ufffd') ? texte : repare;
}

/**
 * The commune a site most probably belongs to, from the clues of an imported row: its INSEE code, else its postcode and
 * commune name, else the commune name within the département, else a commune named at the end of `texte`. Used to place
 * sites that have no coordinates at their commune's centre. Undefined when nothing matches.
 */
export function communeProbable(indices: IndicesCommune): ResultatRecherche | undefined {
  const code = indices.codeInsee?.trim().toUpperCase();
  if (code && /^[0-9][0-9AB][0-9]{3}$/.test(code)) {
    const commune = communeParCode(code);
    if (commune) return resultat(commune, 'code-insee', indices.codePostal?.trim());
  }
  const dep = indices.departement?.trim().toUpperCase() ?? '';
  const dansDep = (c: Commune) => dep === '' || c.departement === dep;
  const exactDans = (texte: string, filtre: (c: Commune) => boolean) =>
    exacts()
      .get(normaliser(texte).replaceAll(' ', ''))
      ?.find((e) => filtre(e.commune))?.commune;

  const nom = reparerEncodage(indices.nomCommune?.trim() ?? '');
  const cp = indices.codePostal?.trim() ?? '';
  const duCodePostal = /^\d{5}$/.test(cp) ? parCodePostalEtNom(cp, '', 'code-postal') : [];
  if (duCodePostal.length > 0) {
    const codes = new Set(duCodePostal.map((r) => r.commune));
    const nommee = nom ? exactDans(nom, (c) => codes.has(c)) : undefined;
    if (nommee) return resultat(nommee, 'code-postal', cp);
    if (duCodePostal.length === 1 || !nom) return duCodePostal[0];
  }
  if (nom) {
    const commune = exactDans(nom, dansDep);
    if (commune) return resultat(commune, 'nom');
  }
  const texte = reparerEncodage(indices.texte?.trim() ?? '');
  if (texte) {
    // The longest run of words that is exactly a commune name of the département ("Antenne de Talence (2187) - Bus").
    const mots = normaliser(texte).split(' ');
    for (let longueur = mots.length; longueur > 0; longueur--) {
      for (let debut = 0; debut + longueur <= mots.length; debut++) {
        const compact = mots.slice(debut, debut + longueur).join('');
        if (compact.length < 3 && longueur < mots.length) continue; // "Eu", "Y" only when the whole text
        const commune = exacts()
          .get(compact)
          ?.find((e) => dansDep(e.commune))?.commune;
        if (commune) return resultat(commune, 'nom');
      }
    }
  }
  return duCodePostal[0];
}
