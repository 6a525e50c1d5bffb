import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { communeProbable } from '../src/modules/annuaire/recherche.ts';
import { communes } from '../src/modules/territoires/communes.ts';
import { construireIndex, distanceKm, plusProches } from '../src/platform/proximite/proximite.ts';

// Nearest-sites benchmark: the 2,683 France services of the ANCT list (December 2022), in the in-memory index, queried
// with 10,000 random points of metropolitan France for their 10 nearest sites. Target: well under 1 ms a query.
// `npx tsx bench/plus-proches.ts` alone, or as part of `npm run bench`.

const FICHIER = new URL('../data/france-services-2022-12-01.csv', import.meta.url);
const REQUETES = 10_000;
const ECHAUFFEMENT = 2_000;
const VOISINS = 10;
const CONSTRUCTIONS = 20;

export interface FiguresPlusProches {
  sites: number;
  /** Sites placed with the coordinates of the file. */
  avecCoordonnees: number;
  /** Sites without coordinates, placed at the centre of their commune. */
  auCentreDeLaCommune: number;
  /** Sites that could not be placed (left out of the index). */
  nonPlaces: number;
  /** The first build, as at server start (code not yet optimised by the JIT). */
  premiereConstructionMs: number;
  /** Mean of later builds (e.g. after the registry changes). */
  constructionMs: number;
  requetes: number;
  moyenneUs: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  /** Mean time of the same query by scanning every site, for comparison. */
  balayageMoyenUs: number;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes) into rows of fields. */
function lireCsv(texte: string): string[][] {
  const lignes: string[][] = [];
  let ligne: string[] = [];
  let champ = '';
  let guillemets = false;
  for (let i = 0; i < texte.length; i++) {
    const c = texte[i];
    if (guillemets) {
      if (c === '"' && texte[i + 1] === '"') {
        champ += '"';
        i++;
      } else if (c === '"') guillemets = false;
      else champ += c;
    } else if (c === '"') guillemets = true;
    else if (c === ',') {
      ligne.push(champ);
      champ = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && texte[i + 1] === '\n') i++;
      ligne.push(champ);
      lignes.push(ligne);
      ligne = [];
      champ = '';
    } else champ += c;
  }
  if (champ !== '' || ligne.length > 0) {
    ligne.push(champ);
    lignes.push(ligne);
  }
  return lignes.filter((l) => l.some((f) => f !== ''));
}

interface Site {
  id: string;
  latitude: number;
  longitude: number;
}

/** The sites of the ANCT file, with the coordinates of the file or else the centre of their commune. */
export function sitesAnct(): {
  sites: Site[];
  avecCoordonnees: number;
  auCentre: number;
  nonPlaces: number;
  total: number;
} {
  const [entete = [], ...lignes] = lireCsv(readFileSync(FICHIER, 'utf8'));
  const col = (nom: string) => {
    const i = entete.indexOf(nom);
    if (i < 0) throw new Error(`${FICHIER.pathname}: missing column ${nom}`);
    return i;
  };
  const C = {
    id: col('id_fs'),
    lat: col('latitude'),
    lng: col('longitude'),
    insee: col('insee_com'),
    cp: col('code_postal'),
    commune: col('lib_com'),
    dep: col('insee_dep'),
    nom: col('lib_fs'),
  };
  const sites: Site[] = [];
  let avecCoordonnees = 0;
  let auCentre = 0;
  let nonPlaces = 0;
  for (const l of lignes) {
    const id = l[C.id] ?? '';
    const latitude = Number.parseFloat(l[C.lat] ?? '');
    const longitude = Number.parseFloat(l[C.lng] ?? '');
    if (Number.isFinite(latitude) && Number.isFinite(longitude)) {
      sites.push({ id, latitude, longitude });
      avecCoordonnees++;
      continue;
    }
    const commune = communeProbable({
      codeInsee: l[C.insee],
      codePostal: l[C.cp],
      nomCommune: l[C.commune],
      departement: l[C.dep],
      texte: l[C.nom],
    });
    if (commune) {
      sites.push({ id, latitude: commune.latitude, longitude: commune.longitude });
      auCentre++;
    } else nonPlaces++;
  }
  return { sites, avecCoordonnees, auCentre, nonPlaces, total: lignes.length };
}

/** A deterministic pseudo-random generator (mulberry32), so that runs are comparable. */
function aleatoire(graine: number): () => number {
  let a = graine >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random points on land in metropolitan France: the centre of a random commune, moved by up to about 3 km. */
function pointsAleatoires(nombre: number, hasard: () => number): Array<{ latitude: number; longitude: number }> {
  const metropole = communes().filter((c) => !c.departement.startsWith('97') && c.type !== 'ARM');
  return Array.from({ length: nombre }, () => {
    const c = metropole[Math.floor(hasard() * metropole.length)] ?? metropole[0];
    if (!c) throw new Error('no commune loaded');
    return { latitude: c.latitude + (hasard() - 0.5) * 0.054, longitude: c.longitude + (hasard() - 0.5) * 0.08 };
  });
}

const microsecondes = (debut: bigint, fin: bigint) => Number(fin - debut) / 1000;

function percentile(tries: number[], p: number): number {
  return tries[Math.min(tries.length - 1, Math.ceil((p / 100) * tries.length) - 1)] ?? Number.NaN;
}

/** Runs the benchmark and returns its figures (nothing printed). */
export function mesurerPlusProches(): FiguresPlusProches {
  const { sites, avecCoordonnees, auCentre, nonPlaces, total } = sitesAnct();

  const debutPremiere = process.hrtime.bigint();
  let index = construireIndex(sites);
  const premiereConstructionMs = microsecondes(debutPremiere, process.hrtime.bigint()) / 1000;
  for (let i = 0; i < CONSTRUCTIONS; i++) index = construireIndex(sites); // warm-up
  const debutConstruction = process.hrtime.bigint();
  for (let i = 0; i < CONSTRUCTIONS; i++) index = construireIndex(sites);
  const constructionMs = microsecondes(debutConstruction, process.hrtime.bigint()) / 1000 / CONSTRUCTIONS;

  const hasard = aleatoire(20_260_101);
  const points = pointsAleatoires(REQUETES, hasard);
  for (const p of pointsAleatoires(ECHAUFFEMENT, hasard)) plusProches(index, p, VOISINS);

  const durees: number[] = new Array(REQUETES);
  let controle = 0;
  for (let i = 0; i < REQUETES; i++) {
    const p = points[i] as { latitude: number; longitude: number };
    const debut = process.hrtime.bigint();
    const proches = plusProches(index, p, VOISINS);
    durees[i] = microsecondes(debut, process.hrtime.bigint());
    controle += proches.length;
  }
  if (controle !== REQUETES * VOISINS)
    throw new Error(`expected ${VOISINS} sites per query, got ${controle / REQUETES}`);

  // The same answer by scanning every site, on a tenth of the points.
  const echantillon = points.slice(0, REQUETES / 10);
  const debutBalayage = process.hrtime.bigint();
  for (const p of echantillon) {
    sites
      .map((s) => ({ id: s.id, d: distanceKm(p, s) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, VOISINS);
  }
  const balayageMoyenUs = microsecondes(debutBalayage, process.hrtime.bigint()) / echantillon.length;

  const tries = [...durees].sort((a, b) => a - b);
  return {
    sites: total,
    avecCoordonnees,
    auCentreDeLaCommune: auCentre,
    nonPlaces,
    premiereConstructionMs,
    constructionMs,
    requetes: REQUETES,
    moyenneUs: durees.reduce((s, d) => s + d, 0) / REQUETES,
    p50Us: percentile(tries, 50),
    p99Us: percentile(tries, 99),
    maxUs: tries[tries.length - 1] ?? Number.NaN,
    balayageMoyenUs,
  };
}

/** The figures as a small text table, for the bench output. */
export function tableauPlusProches(f: FiguresPlusProches): string {
  const lignes: Array<[string, string]> = [
    ['sites in the ANCT file', String(f.sites)],
    [
      '  with coordinates / at commune centre / left out',
      `${f.avecCoordonnees} / ${f.auCentreDeLaCommune} / ${f.nonPlaces}`,
    ],
    ['index build: first / warm mean', `${f.premiereConstructionMs.toFixed(2)} / ${f.constructionMs.toFixed(2)} ms`],
    [`plusProches(…, ${VOISINS}) × ${f.requetes}: mean`, `${f.moyenneUs.toFixed(1)} µs`],
    ['  p50', `${f.p50Us.toFixed(1)} µs`],
    ['  p99', `${f.p99Us.toFixed(1)} µs`],
    ['  max', `${f.maxUs.toFixed(1)} µs`],
    ['exhaustive scan + sort, mean (comparison)', `${f.balayageMoyenUs.toFixed(1)} µs`],
    ['target', '< 1,000 µs per query'],
  ];
  const largeur = Math.max(...lignes.map(([a]) => a.length));
  const valeur = Math.max(...lignes.map(([, b]) => b.length));
  return [
    `${'nearest sites'.padEnd(largeur)}  ${'value'.padStart(valeur)}`,
    `${'-'.repeat(largeur)}  ${'-'.repeat(valeur)}`,
    ...lignes.map(([a, b]) => `${a.padEnd(largeur)}  ${b.padStart(valeur)}`),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const f = mesurerPlusProches();
  process.stdout.write(`\nguichet nearest-sites bench: Node ${process.version}\n\n${tableauPlusProches(f)}\n\n`);
}
