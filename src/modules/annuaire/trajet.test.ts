import { describe, expect, it } from 'vitest';
import { distancePourMinutes, estimerTrajet, MODELE_TRAJET, minutesEnVoiture, OBJECTIF_MINUTES } from './trajet.ts';

describe('estimated car travel time', () => {
  it('counts the fixed overhead even for a site next door', () => {
    expect(estimerTrajet(0)).toEqual({ distanceRouteKm: 0, minutes: MODELE_TRAJET.minutesFixes, minutesArrondies: 3 });
    expect(estimerTrajet(-4).minutes).toBe(MODELE_TRAJET.minutesFixes);
    expect(estimerTrajet(Number.NaN).minutes).toBe(MODELE_TRAJET.minutesFixes);
  });

  it('lengthens the crow-flies distance by the detour factor', () => {
    expect(estimerTrajet(10).distanceRouteKm).toBeCloseTo(13, 6);
  });

  it('gives plausible times for short, rural and long trips', () => {
    // 1 km in town: a few minutes; 10 km in the countryside: under 20 minutes; 100 km: under two hours.
    expect(estimerTrajet(1).minutesArrondies).toBe(6);
    expect(estimerTrajet(10).minutesArrondies).toBe(19);
    expect(minutesEnVoiture(100)).toBeGreaterThan(90);
    expect(minutesEnVoiture(100)).toBeLessThan(120);
  });

  it('grows with the distance and is slower per km in town than on long trips', () => {
    let avant = 0;
    for (let d = 0; d <= 200; d += 0.5) {
      const m = minutesEnVoiture(d);
      expect(m).toBeGreaterThanOrEqual(avant);
      avant = m;
    }
    const parKm = (d: number) => (minutesEnVoiture(d) - MODELE_TRAJET.minutesFixes) / d;
    expect(parKm(1)).toBeGreaterThan(parKm(10));
    expect(parKm(10)).toBeGreaterThan(parKm(100));
  });

  it('puts the 30-minute goal at about 20 km as the crow flies', () => {
    const rayon = distancePourMinutes(OBJECTIF_MINUTES);
    expect(rayon).toBeGreaterThan(18);
    expect(rayon).toBeLessThan(22);
    expect(minutesEnVoiture(rayon)).toBeCloseTo(OBJECTIF_MINUTES, 6);
  });

  it('inverts the estimate in every band', () => {
    for (const minutes of [4, 8, 15, 30, 45, 60, 120]) {
      expect(minutesEnVoiture(distancePourMinutes(minutes))).toBeCloseTo(minutes, 6);
    }
    expect(distancePourMinutes(MODELE_TRAJET.minutesFixes)).toBe(0);
    expect(distancePourMinutes(0)).toBe(0);
  });
});
