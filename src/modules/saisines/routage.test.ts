import { describe, expect, it } from 'vitest';
import { choisirReferent, type ReferentCandidat } from './routage.ts';

// Routing of a new case, without a database: titulaire, backup when away, narrowed entries first, nobody.

const SCEAUX = 'structure-sceaux';
const AUTRE = 'structure-autre';
let n = 0;
const entree = (p: Partial<ReferentCandidat> & Pick<ReferentCandidat, 'rang'>): ReferentCandidat => ({
  id: `r${n++}`,
  structureIds: [],
  absent: false,
  prenom: 'Camille',
  nom: 'Référent',
  courriel: 'camille@partenaire.test',
  ...p,
});

describe('choisirReferent', () => {
  it('goes to the titulaire when present', () => {
    const titulaire = entree({ rang: 'titulaire' });
    expect(choisirReferent([entree({ rang: 'suppleant' }), titulaire], SCEAUX)).toEqual({
      referent: titulaire,
      suppleance: false,
    });
  });

  it('goes to the suppléant when the titulaire is away', () => {
    const suppleant = entree({ rang: 'suppleant' });
    expect(choisirReferent([entree({ rang: 'titulaire', absent: true }), suppleant], SCEAUX)).toEqual({
      referent: suppleant,
      suppleance: true,
    });
  });

  it('prefers an entry narrowed to the site’s structure, and ignores one narrowed to another structure', () => {
    const restreint = entree({ rang: 'titulaire', structureIds: [AUTRE, SCEAUX] });
    const candidats = [entree({ rang: 'titulaire', structureIds: [AUTRE] }), entree({ rang: 'titulaire' }), restreint];
    expect(choisirReferent(candidats, SCEAUX)?.referent).toBe(restreint);
    expect(choisirReferent(candidats, 'structure-tierce')?.referent).toBe(candidats[1]);
  });

  it('falls back to the département-wide entries when the narrowed ones are all away', () => {
    const departemental = entree({ rang: 'titulaire' });
    const candidats = [
      entree({ rang: 'titulaire', structureIds: [SCEAUX], absent: true }),
      entree({ rang: 'suppleant', structureIds: [SCEAUX], absent: true }),
      departemental,
    ];
    expect(choisirReferent(candidats, SCEAUX)).toEqual({ referent: departemental, suppleance: false });
  });

  it('routes to nobody when no entry applies or all are away', () => {
    expect(choisirReferent([], SCEAUX)).toBeNull();
    expect(choisirReferent([entree({ rang: 'titulaire', structureIds: [AUTRE] })], SCEAUX)).toBeNull();
    const absents = [entree({ rang: 'titulaire', absent: true }), entree({ rang: 'suppleant', absent: true })];
    expect(choisirReferent(absents, SCEAUX)).toBeNull();
  });
});
