// Names in any script: Marianne draws Latin only (with Vietnamese and Romanian letters), so a text is cut into runs,
// each drawn in the first font of a chain that has its characters: Marianne, then Noto Sans (Cyrillic, Greek, the
// Latin letters Marianne lacks), Noto Sans Arabic, Noto Sans SC (Chinese). The Noto fonts come from Fontsource's npm
// packages, cut by Unicode ranges (a Chinese font is 100 files of ~200 characters): a file is read only when a text
// needs one of its characters, once per process. A right-to-left run (Arabic) inside a left-to-right line is laid out
// right to left, its letters shaped (arabe.ts). See docs/adr/0026-pdf-with-pdfkit.md.

import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';
import { contientArabe, formerArabe } from './arabe.ts';
import type { Graisse } from './document.ts';
import { policeTrueType, policeWoff } from './polices.ts';

/** A font of the chain: its name in pdfkit documents, its TrueType file and a reader to measure it. */
export interface Police {
  nom: string;
  donnees: Buffer;
  lecteur: Font;
}

/** A run of text in one font and direction, as drawn: `texte` in drawing order, `x` and `largeur` in 1/1000 em. */
export interface Morceau {
  police: Police;
  texte: string;
  x: number;
  largeur: number;
  /** Presentation forms drawn for Arabic letters, and the letters each stands for (for the ToUnicode map). */
  lettres?: Map<number, number[]>;
}

const MODULES = new URL('../../../node_modules/', import.meta.url);

/** Fontsource packages of the chain, after Marianne, and the subsets left out (scripts needing OpenType shaping). */
const FAMILLES: Array<{ paquet: string; exclus: string[] }> = [
  { paquet: 'noto-sans', exclus: ['devanagari'] },
  { paquet: 'noto-sans-arabic', exclus: ['latin', 'latin-ext', 'math', 'symbols'] },
  { paquet: 'noto-sans-sc', exclus: ['latin', 'latin-ext', 'cyrillic', 'vietnamese'] },
];

interface Source {
  nom: string;
  fichier: URL;
  plages: Array<[number, number]>;
  police?: Police;
}

const lire = (nom: string, donnees: Buffer): Police => ({ nom, donnees, lecteur: create(donnees) });

let marianne: Record<Graisse, Police> | null = null;
/** Marianne regular and bold as TrueType, built once: the files do not change while the process runs. */
export function lesMarianne(): Record<Graisse, Police> {
  marianne ??= {
    regular: lire('regular', policeTrueType('Marianne-Regular.woff')),
    bold: lire('bold', policeTrueType('Marianne-Bold.woff')),
  };
  return marianne;
}

const COUVERTURE: Partial<Record<Graisse, Set<number>>> = {};
/** Whether Marianne draws a character (most texts: they are drawn as before, in one run). */
export function dansMarianne(cp: number, graisse: Graisse): boolean {
  COUVERTURE[graisse] ??= new Set(lesMarianne()[graisse].lecteur.characterSet);
  return COUVERTURE[graisse].has(cp);
}

/** "U+0600-06FF,U+200C" as ranges of code points. */
function plages(unicode: string): Array<[number, number]> {
  return unicode.split(',').flatMap((p) => {
    const [debut, fin] = p.trim().replace(/^U\+/i, '').split('-');
    const a = Number.parseInt(debut ?? '', 16);
    const b = fin === undefined ? a : Number.parseInt(fin, 16);
    return Number.isNaN(a) || Number.isNaN(b) ? [] : [[a, b] as [number, number]];
  });
}

const SOURCES: Partial<Record<Graisse, Source[]>> = {};
/** The fallback files of a weight, in the chain's order, from each package's list of subsets and their ranges. */
function sources(graisse: Graisse): Source[] {
  SOURCES[graisse] ??= FAMILLES.flatMap(({ paquet, exclus }) => {
    const dossier = new URL(`@fontsource/${paquet}/`, MODULES);
    const liste = JSON.parse(readFileSync(new URL('unicode.json', dossier), 'utf8')) as Record<string, string>;
    const poids = graisse === 'bold' ? 700 : 400;
    return Object.entries(liste)
      .map(([cle, unicode]) => [cle.replace(/[[\]]/g, ''), unicode] as const)
      .filter(([sous]) => !exclus.includes(sous))
      .map(([sous, unicode]) => ({
        nom: `${paquet}-${sous}-${graisse}`,
        fichier: new URL(`files/${paquet}-${sous}-${poids}-normal.woff`, dossier),
        plages: plages(unicode),
      }));
  });
  return SOURCES[graisse];
}

const CHOIX: Record<Graisse, Map<number, Police>> = { regular: new Map(), bold: new Map() };
/** The first font of the chain that draws a character (Marianne, whose blank box shows, when none does). */
export function policePour(cp: number, graisse: Graisse): Police {
  if (dansMarianne(cp, graisse)) return lesMarianne()[graisse];
  let police = CHOIX[graisse].get(cp);
  if (police) return police;
  for (const s of sources(graisse)) {
    if (!s.plages.some(([a, b]) => cp >= a && cp <= b)) continue;
    s.police ??= lire(s.nom, policeWoff(s.fichier));
    if (s.police.lecteur.hasGlyphForCodePoint(cp)) {
      police = s.police;
      break;
    }
  }
  police ??= lesMarianne()[graisse];
  CHOIX[graisse].set(cp, police);
  return police;
}

/** Bidirectional class, simplified for a left-to-right line: strong right-to-left, mark, neutral or left-to-right. */
type Classe = 'R' | 'M' | 'N' | 'L';
function classe(c: string): Classe {
  if (/\p{M}/u.test(c)) return 'M';
  if (/[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(c) && /\p{L}/u.test(c)) return 'R';
  if (/[\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}]/u.test(c)) return 'N';
  return 'L';
}

/**
 * Directions of each character of a left-to-right line: strong letters keep theirs, a mark takes its base's, and
 * neutrals (spaces, punctuation) between two right-to-left letters go right to left, other neutrals left to right.
 */
function directions(cars: string[]): boolean[] {
  const classes = cars.map(classe);
  classes.forEach((c, i) => {
    if (c === 'M') classes[i] = i > 0 && classes[i - 1] === 'R' ? 'R' : 'L';
  });
  const fort = (i: number, pas: 1 | -1) => {
    for (let j = i; j >= 0 && j < classes.length; j += pas) if (classes[j] !== 'N') return classes[j];
    return 'L';
  };
  return classes.map((c, i) => c === 'R' || (c === 'N' && fort(i, -1) === 'R' && fort(i, 1) === 'R'));
}

/**
 * The font of each character: the first of the chain drawing it, except that a neutral or a mark between two
 * characters of one fallback font stays in that font when it has it (an Arabic name's space, so the name is one run).
 */
function polices(cars: string[], graisse: Graisse): Police[] {
  const cps = cars.map((c) => c.codePointAt(0) ?? 0);
  const neutre = cars.map((c) => classe(c) === 'M' || classe(c) === 'N');
  const premiere = cps.map((cp) => policePour(cp, graisse));
  const voisine = (i: number, pas: 1 | -1) => {
    for (let j = i; j >= 0 && j < cars.length; j += pas) if (!neutre[j]) return premiere[j];
    return undefined;
  };
  return premiere.map((p, i) => {
    if (!neutre[i]) return p;
    const [avant, apres] = [voisine(i, -1), voisine(i, 1)];
    const ecarte = avant && avant === apres && avant !== p && avant.lecteur.hasGlyphForCodePoint(cps[i] ?? 0);
    return ecarte ? avant : p;
  });
}

/** Width of a text in one font, in 1/1000 em: fontkit lays it out as pdfkit will (no OpenType tables: advances). */
const largeurDans = (police: Police, texte: string) =>
  (police.lecteur.layout(texte).advanceWidth * 1000) / police.lecteur.unitsPerEm;

/**
 * A line of text cut into runs, in drawing order with their offsets: left-to-right runs in reading order; the runs of
 * a right-to-left stretch placed from its right end leftwards, each drawn with its characters reversed, and listed in
 * reading order, so that a reader extracting the text (pdf.js reverses right-to-left runs) gets it as typed.
 */
export function disposer(texte: string, graisse: Graisse): { morceaux: Morceau[]; largeur: number } {
  const cars = [...texte];
  const rtl = directions(cars);
  const fontes = polices(cars, graisse);
  // Runs of one font and direction, in reading order.
  const runs: Array<{ police: Police; rtl: boolean; texte: string }> = [];
  cars.forEach((c, i) => {
    const dernier = runs.at(-1);
    if (dernier && dernier.police === fontes[i] && dernier.rtl === rtl[i]) dernier.texte += c;
    else runs.push({ police: fontes[i] ?? lesMarianne()[graisse], rtl: rtl[i] ?? false, texte: c });
  });
  const morceaux: Morceau[] = [];
  let x = 0;
  for (let i = 0; i < runs.length; ) {
    // A stretch of one direction: a left-to-right run alone, or all the consecutive right-to-left runs.
    let j = i + 1;
    while (runs[i]?.rtl && runs[j]?.rtl) j++;
    const etendue = runs.slice(i, j).map(({ police, rtl: droite, texte: t }) => {
      const forme = contientArabe(t) ? formerArabe(t) : { texte: t, lettres: undefined };
      // Reversed letter by letter, a mark staying after its letter.
      const dessin = droite ? (forme.texte.match(/\P{M}\p{M}*/gu) ?? []).reverse().join('') : forme.texte;
      const m: Morceau = { police, texte: dessin, x: 0, largeur: largeurDans(police, dessin) };
      if (forme.lettres) m.lettres = forme.lettres;
      return m;
    });
    const total = etendue.reduce((s, m) => s + m.largeur, 0);
    let curseur = runs[i]?.rtl ? x + total : x;
    for (const m of etendue) {
      if (runs[i]?.rtl) curseur -= m.largeur;
      m.x = curseur;
      if (!runs[i]?.rtl) curseur += m.largeur;
      morceaux.push(m);
    }
    x += total;
    i = j;
  }
  return { morceaux, largeur: x };
}
