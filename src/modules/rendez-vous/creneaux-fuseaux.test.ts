import { describe, expect, it } from 'vitest';
import { semaineIso } from '../horaires/index.ts';
import { type ContexteCreneaux, type Creneau, creneaux, isoAvecDecalage, type Ressource } from './index.ts';

// Daylight-saving days, overseas sites with their own holidays, tours on their weeks (issue 11, point 11).

const agent = (siteId: string, jours: Record<string, Array<{ debut: string; fin: string }>>): Ressource => ({
  type: 'agent',
  id: 'a',
  modeles: [{ siteId, jours }],
  absences: [],
});
function lister(c: ContexteCreneaux, du: string, au = du): Creneau[] {
  const r = creneaux({ ...c, du, au });
  if (!r.ok) throw new Error(r.erreurs.join(' '));
  return r.creneaux;
}
const utc = (liste: Creneau[]) => liste.map((c) => c.debut.toISOString().slice(0, 16));
const locales = (liste: Creneau[], fuseau: string) => liste.map((c) => isoAvecDecalage(c.debut, fuseau).slice(0, 25));

describe('daylight-saving days in Paris (Sundays 28 March and 31 October 2027)', () => {
  const site = { id: 'p', fuseau: 'Europe/Paris', territoire: 'metropole' as const, horaires: 'Mo-Su 00:00-24:00' };
  const base = (jours: Record<string, Array<{ debut: string; fin: string }>>, duree: number): ContexteCreneaux => ({
    site,
    motif: { duree, canal: 'sur_place', fenetreJours: 366, ressources: ['a'] },
    ressources: [agent('p', jours)],
    rendezVous: [],
    maintenant: new Date('2027-03-01T00:00:00Z'),
  });
  const matin = { di: [{ debut: '09:00', fin: '12:00' }] };

  it('puts a 9:00–12:00 pattern at the right UTC instants on both days and around them', () => {
    const c = base(matin, 180);
    expect(utc(lister(c, '2027-03-21', '2027-04-04'))).toEqual([
      '2027-03-21T08:00',
      '2027-03-28T07:00',
      '2027-04-04T07:00',
    ]);
    expect(utc(lister(c, '2027-10-24', '2027-11-07'))).toEqual([
      '2027-10-24T07:00',
      '2027-10-31T08:00',
      '2027-11-07T08:00',
    ]);
  });

  it('has no slot in the skipped hour, and counts the repeated hour once more', () => {
    const nuit = { di: [{ debut: '01:00', fin: '04:00' }] };
    const printemps = locales(lister(base(nuit, 30), '2027-03-28'), 'Europe/Paris');
    expect(printemps).toEqual([
      '2027-03-28T01:00:00+01:00',
      '2027-03-28T01:30:00+01:00',
      '2027-03-28T03:00:00+02:00',
      '2027-03-28T03:30:00+02:00',
    ]);
    expect(printemps.some((s) => s.includes('T02:'))).toBe(false);
    expect(locales(lister(base(nuit, 60), '2027-10-31'), 'Europe/Paris')).toEqual([
      '2027-10-31T01:00:00+02:00',
      '2027-10-31T02:00:00+02:00',
      '2027-10-31T02:00:00+01:00',
      '2027-10-31T03:00:00+01:00',
    ]);
  });
});

describe('overseas sites and their public holidays', () => {
  const contexte = (fuseau: string, territoire: 'reunion' | 'guadeloupe'): ContexteCreneaux => ({
    site: { id: 'o', fuseau, territoire, horaires: 'Mo-Fr 08:00-12:00; PH off' },
    motif: { duree: 240, canal: 'sur_place', fenetreJours: 366, ressources: ['a'] },
    ressources: [
      agent('o', {
        lu: [{ debut: '08:00', fin: '12:00' }],
        ma: [{ debut: '08:00', fin: '12:00' }],
        je: [{ debut: '08:00', fin: '12:00' }],
        ve: [{ debut: '08:00', fin: '12:00' }],
      }),
    ],
    rendezVous: [],
    maintenant: new Date('2027-05-01T00:00:00Z'),
  });

  it('closes on 20 December in Réunion (UTC+4), open the next day', () => {
    const c = contexte('Indian/Reunion', 'reunion');
    expect(locales(lister(c, '2027-12-20', '2027-12-21'), 'Indian/Reunion')).toEqual(['2027-12-21T08:00:00+04:00']);
    expect(utc(lister(c, '2027-12-21'))).toEqual(['2027-12-21T04:00']);
  });

  it('closes on 27 May in Guadeloupe (UTC−4), open the next day', () => {
    const c = contexte('America/Guadeloupe', 'guadeloupe');
    expect(locales(lister(c, '2027-05-27', '2027-05-28'), 'America/Guadeloupe')).toEqual(['2027-05-28T08:00:00-04:00']);
    expect(utc(lister(c, '2027-05-28'))).toEqual(['2027-05-28T12:00']);
  });
});

describe('tours: slots at the stops on their weeks', () => {
  const tournee = (semaine53?: 'aucune'): ContexteCreneaux => ({
    site: {
      id: 't',
      fuseau: 'Europe/Paris',
      territoire: 'metropole',
      horaires: '',
      semaine53,
      arrets: [
        { id: 'village-impair', horaires: 'Tu 09:00-12:00', semaines: 'impaires' },
        { id: 'bourg', horaires: 'Th 14:00-16:00' },
      ],
    },
    motif: { duree: 60, canal: 'arret', fenetreJours: 366, ressources: ['a'] },
    ressources: [agent('t', { ma: [{ debut: '09:00', fin: '12:00' }], je: [{ debut: '09:00', fin: '17:00' }] })],
    rendezVous: [],
    maintenant: new Date('2026-12-01T00:00:00Z'),
  });

  it('offers an odd-week stop on odd ISO weeks only, tagged with the stop', () => {
    const liste = lister(tournee(), '2027-04-12', '2027-04-25'); // weeks 15 (odd) and 16 (even)
    const mardis = liste.filter((s) => s.arretId === 'village-impair');
    expect(mardis.map((s) => semaineIso(isoAvecDecalage(s.debut, 'Europe/Paris').slice(0, 10)))).toEqual([15, 15, 15]);
    expect(liste.filter((s) => s.arretId === 'bourg')).toHaveLength(4);
  });

  it('follows the tour’s week-53 rule (29 December 2026 is in ISO week 53)', () => {
    const impairs = (c: ContexteCreneaux) =>
      lister(c, '2026-12-28', '2027-01-03').filter((s) => s.arretId === 'village-impair');
    expect(impairs(tournee())).toHaveLength(3);
    expect(impairs(tournee('aucune'))).toHaveLength(0);
  });

  it('gives no stop slot at a fixed site', () => {
    const fixe = {
      ...tournee(),
      site: { id: 't', fuseau: 'Europe/Paris', territoire: 'metropole' as const, horaires: 'Mo-Fr 09:00-17:00' },
    };
    expect(lister(fixe, '2027-04-12', '2027-04-18')).toEqual([]);
  });
});
