import { describe, expect, it } from 'vitest';
import {
  Absence,
  decrireRegle,
  intervallesAgent,
  intervallesPermanence,
  ModeleTravail,
  Permanence,
  type RegleRecurrence,
  regleCouvre,
} from './index.ts';

const paris = (du: string, au: string) => ({ du, au, fuseau: 'Europe/Paris' });
const enTexte = (liste: Array<{ debut: Date; fin: Date }>) =>
  liste.map((i) => `${i.debut.toISOString().slice(0, 16)}→${i.fin.toISOString().slice(11, 16)}`);

describe('recurrence rules of permanences', () => {
  const deuxiemeEtQuatriemeMardi: RegleRecurrence = { frequence: 'mensuelle', jour: 'ma', rangs: [2, 4] };

  it('selects the 2nd and 4th Tuesday of a month with five Tuesdays (June 2027), never the 5th', () => {
    const mardis = ['2027-06-01', '2027-06-08', '2027-06-15', '2027-06-22', '2027-06-29'];
    expect(mardis.filter((d) => regleCouvre(deuxiemeEtQuatriemeMardi, d))).toEqual(['2027-06-08', '2027-06-22']);
    expect(regleCouvre(deuxiemeEtQuatriemeMardi, '2027-06-09')).toBe(false); // a Wednesday
  });

  it('selects the last Friday whether the month has four or five', () => {
    const dernier: RegleRecurrence = { frequence: 'mensuelle', jour: 've', rangs: [-1] };
    expect(regleCouvre(dernier, '2027-04-30')).toBe(true); // five Fridays
    expect(regleCouvre(dernier, '2027-04-23')).toBe(false);
    expect(regleCouvre(dernier, '2027-02-26')).toBe(true); // four Fridays
  });

  it('selects weekly days, optionally on odd or even ISO weeks', () => {
    expect(regleCouvre({ frequence: 'hebdomadaire', jour: 'je' }, '2027-04-15')).toBe(true);
    // 15 April 2027 is in ISO week 15 (odd).
    expect(regleCouvre({ frequence: 'hebdomadaire', jour: 'je', semaines: 'paires' }, '2027-04-15')).toBe(false);
    expect(regleCouvre({ frequence: 'hebdomadaire', jour: 'je', semaines: 'impaires' }, '2027-04-15')).toBe(true);
  });

  it('describes rules in French', () => {
    expect(decrireRegle(deuxiemeEtQuatriemeMardi)).toBe('2e et 4e mardis du mois');
    expect(decrireRegle({ frequence: 'mensuelle', jour: 've', rangs: [-1] })).toBe('dernier vendredi du mois');
    expect(decrireRegle({ frequence: 'hebdomadaire', jour: 'je' })).toBe('chaque jeudi');
  });
});

describe('intervallesPermanence', () => {
  const caf = {
    siteId: 's',
    partenaireId: 'caf',
    occurrences: [
      {
        regle: { frequence: 'mensuelle', jour: 'ma', rangs: [2, 4] } as RegleRecurrence,
        plages: [{ debut: '09:00', fin: '12:00' }],
      },
    ],
  };

  it('gives the concrete intervals between two dates, in the zone of the site', () => {
    expect(enTexte(intervallesPermanence(caf, paris('2027-06-01', '2027-07-31')))).toEqual([
      '2027-06-08T07:00→10:00',
      '2027-06-22T07:00→10:00',
      '2027-07-13T07:00→10:00',
      '2027-07-27T07:00→10:00',
    ]);
  });

  it('honours its validity period and its cancellations', () => {
    const annulee = { debut: new Date('2027-06-22T00:00:00+02:00'), fin: new Date('2027-06-23T00:00:00+02:00') };
    const p = { ...caf, valideAu: '2027-06-30', absences: [annulee] };
    expect(enTexte(intervallesPermanence(p, paris('2027-06-01', '2027-07-31')))).toEqual(['2027-06-08T07:00→10:00']);
  });
});

describe('intervallesAgent', () => {
  const modele = { siteId: 's', jours: { lu: [{ debut: '09:00', fin: '12:00' }] } };

  it('keeps patterns of the site, of the ISO week parity and of the validity period', () => {
    const modeles = [
      { ...modele, semaines: 'impaires' as const, valideDu: '2027-04-01' },
      { ...modele, siteId: 'ailleurs' },
    ];
    // Mondays 5 (week 14), 12 (15), 19 (16), 26 (17) April; 29 March (week 13) is before the period.
    expect(enTexte(intervallesAgent(modeles, [], 's', paris('2027-03-29', '2027-04-30')))).toEqual([
      '2027-04-12T07:00→10:00',
      '2027-04-26T07:00→10:00',
    ]);
  });

  it('removes absences, cutting a day in two', () => {
    const absence = { debut: new Date('2027-04-12T10:00:00+02:00'), fin: new Date('2027-04-12T11:00:00+02:00') };
    expect(enTexte(intervallesAgent([modele], [absence], 's', paris('2027-04-12', '2027-04-12')))).toEqual([
      '2027-04-12T07:00→08:00',
      '2027-04-12T09:00→10:00',
    ]);
  });
});

describe('storage schemas', () => {
  it('accepts a working pattern and a permanence', () => {
    expect(ModeleTravail.safeParse({ siteId: 's', jours: { ma: [{ debut: '09:00', fin: '12:00' }] } }).success).toBe(
      true,
    );
    const p = Permanence.safeParse({
      siteId: 's',
      partenaireId: 'msa',
      occurrences: [{ regle: { frequence: 'hebdomadaire', jour: 'je' }, plages: [{ debut: '14:00', fin: '17:00' }] }],
      canaux: ['visio'],
    });
    expect(p.success).toBe(true);
  });

  it('refuses bad ranges, rules and absences with French messages', () => {
    const inverse = ModeleTravail.safeParse({ siteId: 's', jours: { lu: [{ debut: '12:00', fin: '09:00' }] } });
    expect(inverse.error?.issues[0]?.message).toBe('L’heure de fin doit suivre l’heure de début.');
    const heure = ModeleTravail.safeParse({ siteId: 's', jours: { lu: [{ debut: '9h', fin: '12:00' }] } });
    expect(heure.error?.issues[0]?.message).toMatch(/^Heure invalide/);
    const regle = Permanence.safeParse({
      siteId: 's',
      partenaireId: 'caf',
      occurrences: [
        { regle: { frequence: 'mensuelle', jour: 'ma', rangs: [] }, plages: [{ debut: '09:00', fin: '12:00' }] },
      ],
    });
    expect(regle.error?.issues[0]?.message).toBe('Choisissez au moins une semaine du mois.');
    const absence = Absence.safeParse({ debut: new Date('2027-01-02'), fin: new Date('2027-01-01') });
    expect(absence.error?.issues[0]?.message).toBe('La fin de l’absence doit suivre son début.');
  });
});
