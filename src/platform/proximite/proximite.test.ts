import { describe, expect, it } from 'vitest';
import { construireIndex, distanceKm, plusProches } from './proximite.ts';

/** A deterministic pseudo-random generator (mulberry32), so failures are reproducible. */
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

const SCEAUX = { latitude: 48.776, longitude: 2.29628 };
const SITES = [
  { id: 'sceaux', latitude: 48.7786, longitude: 2.2906 },
  { id: 'paris-notre-dame', latitude: 48.853, longitude: 2.3499 },
  { id: 'versailles', latitude: 48.8049, longitude: 2.1204 },
  { id: 'agen', latitude: 44.2033, longitude: 0.6163 },
  { id: 'marseille', latitude: 43.2965, longitude: 5.3698 },
  { id: 'saint-denis-reunion', latitude: -20.8789, longitude: 55.4481 },
];

describe('distanceKm', () => {
  it('gives known great-circle distances', () => {
    // Paris (Notre-Dame) – Marseille (Vieux-Port): about 660 km as the crow flies.
    expect(distanceKm(SITES[1] as (typeof SITES)[number], SITES[4] as (typeof SITES)[number])).toBeGreaterThan(655);
    expect(distanceKm(SITES[1] as (typeof SITES)[number], SITES[4] as (typeof SITES)[number])).toBeLessThan(665);
    // One degree of latitude ≈ 111.2 km.
    expect(distanceKm({ latitude: 45, longitude: 3 }, { latitude: 46, longitude: 3 })).toBeCloseTo(111.2, 0);
    expect(distanceKm(SCEAUX, SCEAUX)).toBe(0);
  });
});

describe('plusProches', () => {
  const index = construireIndex(SITES);

  it('returns the nearest sites first, with their distance in km', () => {
    const proches = plusProches(index, SCEAUX, 3);
    expect(proches.map((p) => p.id)).toEqual(['sceaux', 'paris-notre-dame', 'versailles']);
    expect(proches[0]?.distanceKm).toBeLessThan(1);
    expect(proches[1]?.distanceKm).toBeCloseTo(distanceKm(SCEAUX, SITES[1] as (typeof SITES)[number]), 6);
  });

  it('keeps only the sites within the radius', () => {
    expect(plusProches(index, SCEAUX, 10, 15).map((p) => p.id)).toEqual(['sceaux', 'paris-notre-dame', 'versailles']);
    expect(plusProches(index, SCEAUX, 10, 0.1)).toEqual([]);
    expect(plusProches(index, { latitude: -21, longitude: 55.5 }, 10, 50).map((p) => p.id)).toEqual([
      'saint-denis-reunion',
    ]);
  });

  it('returns all sites when fewer than asked, and nothing for n ≤ 0 or an invalid position', () => {
    expect(plusProches(index, SCEAUX, 100)).toHaveLength(SITES.length);
    expect(plusProches(index, SCEAUX, 0)).toEqual([]);
    expect(plusProches(index, { latitude: Number.NaN, longitude: 2 }, 3)).toEqual([]);
    expect(plusProches(construireIndex([]), SCEAUX, 3)).toEqual([]);
  });

  it('leaves out sites without a position', () => {
    const avecTrous = construireIndex([...SITES, { id: 'sans', latitude: Number.NaN, longitude: Number.NaN }]);
    expect(avecTrous.taille).toBe(SITES.length);
    expect(plusProches(avecTrous, SCEAUX, 100).map((p) => p.id)).not.toContain('sans');
  });

  it('works across the antimeridian', () => {
    const pacifique = construireIndex([
      { id: 'est', latitude: -17, longitude: 179.9 },
      { id: 'ouest', latitude: -17, longitude: -179.9 },
      { id: 'loin', latitude: -17, longitude: 170 },
    ]);
    const proches = plusProches(pacifique, { latitude: -17, longitude: -179.95 }, 2);
    expect(proches.map((p) => p.id)).toEqual(['ouest', 'est']);
    expect(proches[1]?.distanceKm).toBeLessThan(20);
  });

  it('agrees with an exhaustive scan on random points', () => {
    const hasard = aleatoire(2026);
    const sites = Array.from({ length: 3000 }, (_, i) => ({
      id: i,
      latitude: 41 + hasard() * 10,
      longitude: -5 + hasard() * 15,
    }));
    const grand = construireIndex(sites);
    for (let essai = 0; essai < 200; essai++) {
      const point = { latitude: 41 + hasard() * 10, longitude: -5 + hasard() * 15 };
      const rayon = essai % 2 === 0 ? undefined : 30;
      const attendus = sites
        .map((s) => ({ id: s.id, distanceKm: distanceKm(point, s) }))
        .filter((s) => rayon === undefined || s.distanceKm <= rayon)
        .sort((a, b) => a.distanceKm - b.distanceKm || a.id - b.id)
        .slice(0, 10);
      const obtenus = plusProches(grand, point, 10, rayon);
      expect(obtenus.map((p) => p.id)).toEqual(attendus.map((p) => p.id));
      obtenus.forEach((p, i) => {
        expect(p.distanceKm).toBeCloseTo(attendus[i]?.distanceKm ?? Number.NaN, 6);
      });
    }
  });
});
