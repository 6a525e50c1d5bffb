// Nearest sites, in process: a static k-d tree over the sites' positions as points on the unit sphere (x, y, z).
//
// Why 3-D rather than latitude/longitude: the straight-line (chord) distance between two points of the sphere grows
// with the great-circle distance, so the k nearest by chord are exactly the k nearest on the ground, with no special
// case for the antimeridian, the poles or overseas territories (Réunion, Guyane, Polynésie are all in the registry),
// and the tree's pruning is exact. Distances returned are great-circle distances (haversine-equivalent) in km.
// About 2,700 sites: building takes a few milliseconds, a 10-nearest query a few microseconds (`npm run bench`).
// No dependency: `kdbush`/`geokdbush` declare no supported Node versions, and a small tree does the job.

/** Mean Earth radius (IUGG), km. */
export const RAYON_TERRE_KM = 6371.0088;

export interface PointSite {
  id: string | number;
  latitude: number;
  longitude: number;
}

export interface Proche<Id = string | number> {
  id: Id;
  /** Great-circle distance in kilometres. */
  distanceKm: number;
}

/** A built index: read-only, shareable between requests. */
export interface IndexSites<Id = string | number> {
  readonly taille: number;
  /** @internal ids in tree order. */
  readonly ids: Id[];
  /** @internal x, y, z of each point in tree order. */
  readonly coords: Float64Array;
  /** @internal split axis (0, 1, 2) of each node, in tree order. */
  readonly axes: Uint8Array;
  /** @internal position of each point in the list given to `construireIndex`, in tree order. */
  readonly rangs: Int32Array;
}

const RAD = Math.PI / 180;
/** Below this many points a node is scanned rather than split. */
const TAILLE_FEUILLE = 8;

function versXyz(latitude: number, longitude: number, sortie: Float64Array, i: number): void {
  const phi = latitude * RAD;
  const lambda = longitude * RAD;
  const c = Math.cos(phi);
  sortie[i] = c * Math.cos(lambda);
  sortie[i + 1] = c * Math.sin(lambda);
  sortie[i + 2] = Math.sin(phi);
}

/** Great-circle distance in km from a squared chord on the unit sphere. */
function kmDepuisCorde2(corde2: number): number {
  const demi = Math.min(1, Math.sqrt(corde2) / 2);
  return 2 * RAYON_TERRE_KM * Math.asin(demi);
}

/** Squared chord on the unit sphere for a great-circle distance in km. */
function corde2DepuisKm(km: number): number {
  const angle = Math.min(Math.PI, km / RAYON_TERRE_KM);
  const corde = 2 * Math.sin(angle / 2);
  return corde * corde;
}

/** Great-circle distance in km between two positions (haversine). */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dPhi = (b.latitude - a.latitude) * RAD;
  const dLambda = (b.longitude - a.longitude) * RAD;
  const h =
    Math.sin(dPhi / 2) ** 2 + Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLambda / 2) ** 2;
  return 2 * RAYON_TERRE_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Reorders `ordre[gauche..droite]` so that the point at `k` is the one a sort on `axe` would put there, smaller ones
 * before it and larger ones after (quickselect, Hoare partition with a median-of-three pivot): O(n) per level.
 */
function selectionner(
  ordre: Int32Array,
  xyz: Float64Array,
  axe: number,
  k: number,
  gauche: number,
  droite: number,
): void {
  const v = (i: number) => xyz[(ordre[i] as number) * 3 + axe] as number;
  const echanger = (i: number, j: number) => {
    const t = ordre[i] as number;
    ordre[i] = ordre[j] as number;
    ordre[j] = t;
  };
  let g = gauche;
  let d = droite;
  while (g < d) {
    const m = (g + d) >> 1;
    // Median of three at m, as the pivot (in place: m may equal g when two points are left).
    if (v(m) < v(g)) echanger(m, g);
    if (v(d) < v(g)) echanger(d, g);
    if (v(d) < v(m)) echanger(d, m);
    const pivot = v(m);
    let i = g;
    let j = d;
    while (i <= j) {
      while (v(i) < pivot) i++;
      while (v(j) > pivot) j--;
      if (i <= j) {
        echanger(i, j);
        i++;
        j--;
      }
    }
    if (k <= j) d = j;
    else if (k >= i) g = i;
    else return;
  }
}

/**
 * Builds the index. Sites without a finite position (or outside ±90°/±180°) are left out: the caller decides how to
 * place them (e.g. at their commune's centre) before building.
 */
export function construireIndex<S extends PointSite>(sites: readonly S[]): IndexSites<S['id']> {
  const valides = sites.filter(
    (s) =>
      Number.isFinite(s.latitude) &&
      Number.isFinite(s.longitude) &&
      Math.abs(s.latitude) <= 90 &&
      Math.abs(s.longitude) <= 180,
  );
  const n = valides.length;
  const xyz = new Float64Array(n * 3);
  valides.forEach((s, i) => {
    versXyz(s.latitude, s.longitude, xyz, i * 3);
  });
  const ordre = new Int32Array(n);
  for (let i = 0; i < n; i++) ordre[i] = i;
  const axes = new Uint8Array(n);

  // Recursive median split on the axis of widest spread; the median sits in the middle of its range.
  const construire = (debut: number, fin: number): void => {
    if (fin - debut <= TAILLE_FEUILLE) return;
    let axe = 0;
    let etendue = -1;
    for (let a = 0; a < 3; a++) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = debut; i < fin; i++) {
        const v = xyz[(ordre[i] as number) * 3 + a] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > etendue) {
        etendue = max - min;
        axe = a;
      }
    }
    const milieu = (debut + fin) >> 1;
    selectionner(ordre, xyz, axe, milieu, debut, fin - 1);
    axes[milieu] = axe;
    construire(debut, milieu);
    construire(milieu + 1, fin);
  };
  construire(0, n);

  const coords = new Float64Array(n * 3);
  const ids: S['id'][] = new Array(n);
  const rangs = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const source = ordre[i] as number;
    coords[i * 3] = xyz[source * 3] as number;
    coords[i * 3 + 1] = xyz[source * 3 + 1] as number;
    coords[i * 3 + 2] = xyz[source * 3 + 2] as number;
    ids[i] = (valides[source] as S).id;
    rangs[i] = source;
  }
  return { taille: n, ids, coords, axes, rangs };
}

/**
 * The `n` sites nearest to a position, nearest first, with their great-circle distance; only those within `rayonKm`
 * when given. Sites at equal distance come in the order they were given to `construireIndex`.
 */
export function plusProches<Id>(
  index: IndexSites<Id>,
  position: { latitude: number; longitude: number },
  n: number,
  rayonKm?: number,
): Array<Proche<Id>> {
  if (n <= 0 || index.taille === 0 || !Number.isFinite(position.latitude) || !Number.isFinite(position.longitude)) {
    return [];
  }
  const q = new Float64Array(3);
  versXyz(position.latitude, position.longitude, q, 0);
  const qx = q[0] as number;
  const qy = q[1] as number;
  const qz = q[2] as number;
  const { coords, axes } = index;
  const k = Math.min(n, index.taille);

  // Bounded max-heap on distance (as parallel arrays): the k best so far, the worst at the top.
  const tasD = new Float64Array(k);
  const tasI = new Int32Array(k);
  let tailleTas = 0;
  let limite = rayonKm === undefined ? Number.POSITIVE_INFINITY : corde2DepuisKm(Math.max(0, rayonKm)) * (1 + 1e-12);

  const proposer = (i: number): void => {
    const dx = (coords[i * 3] as number) - qx;
    const dy = (coords[i * 3 + 1] as number) - qy;
    const dz = (coords[i * 3 + 2] as number) - qz;
    const d = dx * dx + dy * dy + dz * dz;
    if (d > limite) return;
    if (tailleTas < k) {
      // sift up
      let j = tailleTas++;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if ((tasD[parent] as number) >= d) break;
        tasD[j] = tasD[parent] as number;
        tasI[j] = tasI[parent] as number;
        j = parent;
      }
      tasD[j] = d;
      tasI[j] = i;
      if (tailleTas === k) limite = Math.min(limite, tasD[0] as number);
      return;
    }
    if (d >= (tasD[0] as number)) return;
    // replace the top, sift down
    let j = 0;
    for (;;) {
      const g = 2 * j + 1;
      if (g >= k) break;
      const dr = g + 1 < k && (tasD[g + 1] as number) > (tasD[g] as number) ? g + 1 : g;
      if ((tasD[dr] as number) <= d) break;
      tasD[j] = tasD[dr] as number;
      tasI[j] = tasI[dr] as number;
      j = dr;
    }
    tasD[j] = d;
    tasI[j] = i;
    limite = Math.min(limite, tasD[0] as number);
  };

  const chercher = (debut: number, fin: number): void => {
    if (fin - debut <= TAILLE_FEUILLE) {
      for (let i = debut; i < fin; i++) proposer(i);
      return;
    }
    const milieu = (debut + fin) >> 1;
    const axe = axes[milieu] as number;
    const ecart = (q[axe] as number) - (coords[milieu * 3 + axe] as number);
    proposer(milieu);
    // Nearer half first, the other only if the splitting plane is closer than the current worst.
    if (ecart <= 0) {
      chercher(debut, milieu);
      if (ecart * ecart <= limite) chercher(milieu + 1, fin);
    } else {
      chercher(milieu + 1, fin);
      if (ecart * ecart <= limite) chercher(debut, milieu);
    }
  };
  chercher(0, index.taille);

  const resultats: Array<{ i: number; d: number }> = [];
  for (let j = 0; j < tailleTas; j++) resultats.push({ i: tasI[j] as number, d: tasD[j] as number });
  resultats.sort((a, b) => a.d - b.d || (index.rangs[a.i] as number) - (index.rangs[b.i] as number));
  return resultats.map(({ i, d }) => ({ id: index.ids[i] as Id, distanceKm: kmDepuisCorde2(d) }));
}
