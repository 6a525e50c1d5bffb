import { describe, expect, it } from 'vitest';
import {
  type ContexteCreneaux,
  type Creneau,
  creneaux,
  isoAvecDecalage,
  type Motif,
  prochaineDisponibilite,
  type Ressource,
  verifierCreneau,
} from './index.ts';

// Sceaux-like site, Monday 12 April 2027 09:00 CEST is 07:00 UTC.
const SITE = {
  id: 'sceaux',
  fuseau: 'Europe/Paris',
  territoire: 'metropole' as const,
  horaires: 'Mo-Fr 09:00-12:00,13:30-17:00; PH off',
};
const semaine = [
  { debut: '09:00', fin: '12:00' },
  { debut: '14:00', fin: '17:00' },
];
const agent = (id: string, absences: Ressource['absences'] = []): Ressource => ({
  type: 'agent',
  id,
  modeles: [{ siteId: 'sceaux', jours: { lu: semaine, ma: semaine, me: semaine, je: semaine, ve: semaine } }],
  absences,
});
const MOTIF: Motif = { duree: 30, canal: 'sur_place', fenetreJours: 60, ressources: ['a', 'b'] };
const contexte = (c: Partial<ContexteCreneaux> = {}): ContexteCreneaux => ({
  site: SITE,
  motif: MOTIF,
  ressources: [agent('a')],
  rendezVous: [],
  maintenant: new Date('2027-04-01T08:00:00Z'),
  ...c,
});
const heures = (liste: Creneau[]) => liste.map((c) => isoAvecDecalage(c.debut, 'Europe/Paris').slice(11, 16));
function lister(c: ContexteCreneaux, du: string, au = du): Creneau[] {
  const r = creneaux({ ...c, du, au });
  if (!r.ok) throw new Error(r.erreurs.join(' '));
  return r.creneaux;
}

describe('creneaux: grid, hours and patterns', () => {
  it('lays a grid of duree + buffer from each working interval, inside hours ∩ pattern', () => {
    const liste = lister(contexte(), '2027-04-12');
    expect(heures(liste)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]);
    expect(liste[0]).toEqual({
      debut: new Date('2027-04-12T07:00:00Z'),
      fin: new Date('2027-04-12T07:30:00Z'),
      ressources: ['a'],
      arretId: undefined,
    });
  });

  it('keeps the buffer after each slot (default step 40 min for 30 + 10) and accepts a finer step', () => {
    const tampon = { ...MOTIF, tamponApres: 10 };
    expect(heures(lister(contexte({ motif: tampon }), '2027-04-12')).slice(0, 5)).toEqual([
      '09:00',
      '09:40',
      '10:20',
      '11:00',
      '14:00',
    ]);
    expect(heures(lister(contexte({ motif: { ...tampon, pas: 15 } }), '2027-04-12')).slice(0, 4)).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '09:45',
    ]);
  });

  it('gives no slot on 1 May nor on a closure day', () => {
    const c = contexte({
      maintenant: new Date('2026-04-20T08:00:00Z'),
      site: { ...SITE, fermetures: [{ debut: '2026-05-05', fin: '2026-05-05', motif: 'Formation' }] },
    });
    const jours = new Set(
      lister(c, '2026-04-30', '2026-05-06').map((s) => isoAvecDecalage(s.debut, 'Europe/Paris').slice(0, 10)),
    );
    expect([...jours]).toEqual(['2026-04-30', '2026-05-04', '2026-05-06']);
  });

  it('removes absences', () => {
    const absent = agent('a', [
      { debut: new Date('2027-04-12T10:00:00+02:00'), fin: new Date('2027-04-13T15:00:00+02:00') },
    ]);
    expect(heures(lister(contexte({ ressources: [absent] }), '2027-04-12', '2027-04-13'))).toEqual([
      '09:00',
      '09:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]);
  });
});

describe('creneaux: appointments, agents and permanences', () => {
  it('removes slots meeting an appointment or its buffer, and keeps the new slot’s own buffer clear', () => {
    const rdv = {
      ressourceId: 'a',
      debut: new Date('2027-04-12T07:30:00Z'),
      fin: new Date('2027-04-12T08:00:00Z'),
      tamponApres: 15,
    };
    expect(heures(lister(contexte({ rendezVous: [rdv] }), '2027-04-12')).slice(0, 3)).toEqual([
      '09:00',
      '10:30',
      '11:00',
    ]);
    // With its own 10-min buffer on a 15-min grid, 09:00 would hold the agent until 09:40: refused.
    const motif = { ...MOTIF, tamponApres: 10, pas: 15 };
    expect(heures(lister(contexte({ motif, rendezVous: [rdv] }), '2027-04-12')).slice(0, 2)).toEqual([
      '10:15',
      '10:30',
    ]);
  });

  it('keeps a slot while at least one agent is free, listing who is', () => {
    const rdv = (ressourceId: string) => ({
      ressourceId,
      debut: new Date('2027-04-12T07:00:00Z'),
      fin: new Date('2027-04-12T07:30:00Z'),
    });
    const deux = contexte({ ressources: [agent('a'), agent('b')] });
    expect(lister({ ...deux, rendezVous: [rdv('a')] }, '2027-04-12')[0]?.ressources).toEqual(['b']);
    expect(lister({ ...deux, rendezVous: [] }, '2027-04-12')[0]?.ressources).toEqual(['a', 'b']);
    expect(heures(lister({ ...deux, rendezVous: [rdv('a'), rdv('b')] }, '2027-04-12'))[0]).toBe('09:30');
    // A resource the motif does not name never receives it.
    expect(lister(contexte({ ressources: [agent('z')] }), '2027-04-12')).toEqual([]);
  });

  it('offers a "2nd and 4th Tuesday" permanence on those days only, in a month of five Tuesdays', () => {
    const caf: Ressource = {
      type: 'permanence',
      id: 'caf',
      siteId: 'sceaux',
      partenaireId: 'caf',
      occurrences: [
        { regle: { frequence: 'mensuelle', jour: 'ma', rangs: [2, 4] }, plages: [{ debut: '09:00', fin: '12:00' }] },
      ],
      absences: [],
    };
    const c = contexte({
      ressources: [caf],
      motif: { ...MOTIF, duree: 60, ressources: ['caf'] },
      maintenant: new Date('2027-05-20T08:00:00Z'),
    });
    const liste = lister(c, '2027-06-01', '2027-06-30');
    expect(liste.map((s) => isoAvecDecalage(s.debut, 'Europe/Paris').slice(0, 16))).toEqual([
      '2027-06-08T09:00',
      '2027-06-08T10:00',
      '2027-06-08T11:00',
      '2027-06-22T09:00',
      '2027-06-22T10:00',
      '2027-06-22T11:00',
    ]);
  });

  it('gives a visio permanence to visio motifs only', () => {
    const msa: Ressource = {
      type: 'permanence',
      id: 'msa',
      siteId: 'sceaux',
      partenaireId: 'msa',
      canaux: ['visio'],
      occurrences: [{ regle: { frequence: 'hebdomadaire', jour: 'je' }, plages: [{ debut: '14:00', fin: '17:00' }] }],
      absences: [],
    };
    const c = contexte({ ressources: [msa], motif: { ...MOTIF, ressources: ['msa'] } });
    expect(lister(c, '2027-04-15')).toEqual([]);
    expect(heures(lister({ ...c, motif: { ...c.motif, canal: 'visio' } }, '2027-04-15'))).toHaveLength(6);
  });
});

describe('creneaux: notice, window and bounds', () => {
  it('starts after now + notice, on the same grid', () => {
    const c = contexte({ maintenant: new Date('2027-04-12T07:10:00Z'), motif: { ...MOTIF, delaiMinimal: 120 } });
    expect(heures(lister(c, '2027-04-12'))[0]).toBe('11:30');
  });

  it('clips the period to today … today + window', () => {
    const c = contexte({ maintenant: new Date('2027-04-12T06:00:00Z'), motif: { ...MOTIF, fenetreJours: 7 } });
    const liste = lister(c, '2027-04-01', '2027-05-31');
    expect(isoAvecDecalage(liste[0]?.debut as Date, 'Europe/Paris')).toBe('2027-04-12T09:00:00+02:00');
    expect(isoAvecDecalage(liste.at(-1)?.debut as Date, 'Europe/Paris')).toBe('2027-04-19T16:30:00+02:00');
    expect(lister(c, '2027-04-20', '2027-04-30')).toEqual([]);
  });

  it('refuses bad input with French messages, as values', () => {
    const refus = (c: ContexteCreneaux, du: string, au: string) => {
      const r = creneaux({ ...c, du, au });
      return r.ok ? [] : r.erreurs;
    };
    expect(refus(contexte({ motif: { ...MOTIF, duree: 4 } }), '2027-04-12', '2027-04-12')).toEqual([
      'Durée : au moins 5 minutes.',
    ]);
    expect(refus(contexte({ motif: { ...MOTIF, duree: 481 } }), '2027-04-12', '2027-04-12')).toEqual([
      'Durée : au plus 480 minutes.',
    ]);
    expect(refus(contexte({ motif: { ...MOTIF, fenetreJours: 400 } }), '2027-04-12', '2027-04-12')).toEqual([
      'Fenêtre : au plus 366 jours.',
    ]);
    expect(refus(contexte(), '2027-04-12', '2028-04-12')).toEqual(['Période trop longue : au plus 366 jours.']);
    expect(refus(contexte(), '2027-04-12', '2027-04-11')).toEqual(['La date de fin précède la date de début.']);
    expect(refus(contexte(), '2027-02-30', '2027-03-01')).toEqual(['Dates invalides (attendu AAAA-MM-JJ).']);
    expect(refus(contexte({ site: { ...SITE, fuseau: 'Europe/Sceaux' } }), '2027-04-12', '2027-04-12')).toEqual([
      'Fuseau horaire inconnu : Europe/Sceaux.',
    ]);
    expect(refus(contexte({ site: { ...SITE, horaires: 'lundi 9h-12h' } }), '2027-04-12', '2027-04-12')[0]).toMatch(
      /^Horaires illisibles/,
    );
  });
});

describe('verifierCreneau and prochaineDisponibilite use the same generator', () => {
  const occupee = contexte({
    ressources: [agent('a'), agent('b')],
    motif: { ...MOTIF, tamponApres: 5, pas: 15 },
    rendezVous: [
      { ressourceId: 'a', debut: new Date('2027-04-12T08:00:00Z'), fin: new Date('2027-04-12T08:45:00Z') },
      {
        ressourceId: 'b',
        debut: new Date('2027-04-13T12:10:00Z'),
        fin: new Date('2027-04-13T12:30:00Z'),
        tamponApres: 10,
      },
    ],
  });

  it('confirms every listed slot and refuses it shifted by a minute', () => {
    const liste = lister(occupee, '2027-04-12', '2027-04-16');
    expect(liste.length).toBeGreaterThan(100);
    for (const s of liste) {
      const v = verifierCreneau(occupee, { debut: s.debut });
      expect(v.ok && v.creneau).toEqual(s);
      for (const r of s.ressources) expect(verifierCreneau(occupee, { debut: s.debut, ressourceId: r }).ok).toBe(true);
      expect(verifierCreneau(occupee, { debut: new Date(s.debut.getTime() + 60_000) })).toEqual({
        ok: false,
        erreurs: ['Ce créneau n’est pas ou plus disponible. Choisissez-en un autre.'],
      });
    }
  });

  it('refuses a slot for a resource that is busy then, and answers the free one otherwise', () => {
    const debut = new Date('2027-04-12T08:00:00Z');
    expect(verifierCreneau(occupee, { debut, ressourceId: 'a' }).ok).toBe(false);
    const v = verifierCreneau(occupee, { debut });
    expect(v.ok && v.ressourceId).toBe('b');
  });

  it('finds the next availability 11 months ahead, and nothing beyond 12 months or the window', () => {
    const maintenant = new Date('2027-01-04T08:00:00Z');
    const absent = agent('a', [{ debut: new Date('2027-01-01T00:00:00Z'), fin: new Date('2027-12-06T00:00:00Z') }]);
    const c = contexte({ maintenant, ressources: [absent], motif: { ...MOTIF, fenetreJours: 366 } });
    const r = prochaineDisponibilite(c);
    expect(r.ok && r.creneau && isoAvecDecalage(r.creneau.debut, 'Europe/Paris')).toBe('2027-12-06T09:00:00+01:00');
    expect(prochaineDisponibilite({ ...c, motif: { ...MOTIF, fenetreJours: 300 } })).toEqual({ ok: true });
    const toujours = agent('a', [{ debut: new Date('2027-01-01T00:00:00Z'), fin: new Date('2029-01-01T00:00:00Z') }]);
    expect(prochaineDisponibilite({ ...c, ressources: [toujours] })).toEqual({ ok: true });
  });
});
