import { describe, expect, it } from 'vitest';
import { conformite, fermetureTardive, semaineType, validerFermeture } from './index.ts';

describe('conformite', () => {
  it('accepts 32.5 h over 5 days', () => {
    const { heures, jours } = semaineType('Mo-Fr 09:00-12:00,13:30-17:00');
    expect(conformite({ heures, jours, fermeturesTardives12Mois: 0 })).toEqual({
      conforme: true,
      manqueHeures: 0,
      manqueJours: 0,
      preavisRespecte: true,
      fermeturesTardives12Mois: 0,
      motifs: [],
    });
  });

  it('says what is missing for a site open 12 h over 4 days', () => {
    const { heures, jours } = semaineType('Mo-Th 09:00-12:00; PH off');
    expect(conformite({ heures, jours, fermeturesTardives12Mois: 0 })).toMatchObject({
      conforme: false,
      manqueHeures: 12,
      manqueJours: 1,
      motifs: [
        'Ouvert 12 h par semaine : il manque 12 h pour atteindre 24 h.',
        'Ouvert 4 jours par semaine : 5 jours au moins sont attendus.',
      ],
    });
  });

  it('flags enough days but too few hours, and half days of a tour', () => {
    expect(conformite({ heures: 21, jours: 6, fermeturesTardives12Mois: 0 })).toMatchObject({
      conforme: false,
      manqueHeures: 3,
      manqueJours: 0,
    });
    expect(conformite({ heures: 23, jours: 4.5, fermeturesTardives12Mois: 0 })).toMatchObject({
      conforme: false,
      manqueHeures: 1,
      manqueJours: 1,
      motifs: [
        'Ouvert 23 h par semaine : il manque 1 h pour atteindre 24 h.',
        'Ouvert 4,5 jours par semaine : 5 jours au moins sont attendus.',
      ],
    });
  });

  it('reports late closures beside the hours rule', () => {
    expect(conformite({ heures: 30, jours: 5, fermeturesTardives12Mois: 2 })).toMatchObject({
      conforme: true,
      preavisRespecte: false,
      motifs: ["2 fermetures annoncées moins de 7 jours à l'avance sur les 12 derniers mois."],
    });
  });
});

describe('fermetureTardive', () => {
  // First closed day Monday 15 June 2026: the deadline is Monday 8 June 00:00 in the site's zone.
  it('is on time when announced exactly 7 days ahead, late at 6 days 23 hours', () => {
    const fuseau = 'Europe/Paris';
    expect(fermetureTardive({ debut: '2026-06-15', annonceLe: new Date('2026-06-07T22:00:00Z'), fuseau })).toBe(false);
    expect(fermetureTardive({ debut: '2026-06-15', annonceLe: new Date('2026-06-07T21:59:00Z'), fuseau })).toBe(false);
    expect(fermetureTardive({ debut: '2026-06-15', annonceLe: new Date('2026-06-07T23:00:00Z'), fuseau })).toBe(true);
  });

  it('counts in the site’s zone: the same instant is on time in Paris and late in La Réunion', () => {
    const annonceLe = new Date('2026-06-07T21:00:00Z'); // 23:00 on 7 June in Paris, 01:00 on 8 June in Saint-Denis
    expect(fermetureTardive({ debut: '2026-06-15', annonceLe, fuseau: 'Europe/Paris' })).toBe(false);
    expect(fermetureTardive({ debut: '2026-06-15', annonceLe, fuseau: 'Indian/Reunion' })).toBe(true);
    expect(
      fermetureTardive({ debut: '2026-06-15', annonceLe: new Date('2026-06-07T20:00:00Z'), fuseau: 'Indian/Reunion' }),
    ).toBe(false);
  });

  it('counts calendar days across a clock change (7 days = 167 real hours in March)', () => {
    // Announced Thursday 26 March 2026 00:00 CET for a closure on Thursday 2 April (CEST).
    const fuseau = 'Europe/Paris';
    expect(fermetureTardive({ debut: '2026-04-02', annonceLe: new Date('2026-03-25T23:00:00Z'), fuseau })).toBe(false);
    expect(fermetureTardive({ debut: '2026-04-02', annonceLe: new Date('2026-03-25T23:01:00Z'), fuseau })).toBe(true);
  });
});

describe('validerFermeture', () => {
  const base = {
    debut: '2026-07-01',
    fin: '2026-07-03',
    motif: 'Formation des agents',
    motifUrgence: '',
    maintenant: new Date('2026-06-10T08:00:00Z'),
    fuseau: 'Europe/Paris',
  };

  it('accepts a closure announced in time', () => {
    expect(validerFermeture(base)).toEqual({ ok: true, tardive: false });
  });

  it('requires an urgent reason for a late closure and then flags it late', () => {
    const tard = { ...base, debut: '2026-06-12', fin: '2026-06-12' };
    expect(validerFermeture(tard)).toEqual({
      ok: false,
      erreurs: { motifUrgence: "La fermeture commence dans moins de 7 jours : indiquez le motif d'urgence." },
    });
    expect(validerFermeture({ ...tard, motifUrgence: 'Dégât des eaux' })).toEqual({ ok: true, tardive: true });
    expect(validerFermeture({ ...tard, debut: '2026-06-10', motifUrgence: 'Panne de chauffage' })).toEqual({
      ok: true,
      tardive: true,
    });
  });

  it('explains each bad field in French', () => {
    expect(validerFermeture({ ...base, debut: '2026-06-09', fin: '2026-06-08', motif: '  ' })).toEqual({
      ok: false,
      erreurs: {
        debut: 'La fermeture ne peut pas commencer dans le passé.',
        fin: 'Le dernier jour doit être le premier jour ou après.',
        motif: 'Indiquez le motif de la fermeture.',
        motifUrgence: "La fermeture commence dans moins de 7 jours : indiquez le motif d'urgence.",
      },
    });
    expect(validerFermeture({ ...base, debut: '', fin: '31/07/2026' })).toMatchObject({
      erreurs: { debut: 'Indiquez le premier jour de fermeture.', fin: 'Date invalide (format attendu : AAAA-MM-JJ).' },
    });
    expect(validerFermeture({ ...base, fin: '2026-10-01' })).toMatchObject({
      erreurs: { fin: 'Une fermeture exceptionnelle dure 92 jours au plus.' },
    });
    expect(validerFermeture({ ...base, motif: 'x'.repeat(301) })).toMatchObject({
      erreurs: { motif: '300 caractères au plus.' },
    });
  });

  it('decides "in the past" with the site’s calendar', () => {
    const maintenant = new Date('2026-06-14T21:00:00Z'); // 23:00 on 14 June in Paris, 01:00 on 15 June in Réunion
    const fermeture = { ...base, debut: '2026-06-14', fin: '2026-06-14', motifUrgence: 'Inondation', maintenant };
    expect(validerFermeture(fermeture)).toEqual({ ok: true, tardive: true });
    expect(validerFermeture({ ...fermeture, fuseau: 'Indian/Reunion' })).toMatchObject({
      ok: false,
      erreurs: { debut: 'La fermeture ne peut pas commencer dans le passé.' },
    });
  });
});
