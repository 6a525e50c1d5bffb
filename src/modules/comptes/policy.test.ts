import { describe, expect, it } from 'vitest';
import { acteurDeTest as acteur, habilitation as hab } from '../../../test/fabriques.ts';
import { peutGererHabilitation, peutModifierUtilisateur, rolesAttribuables } from './policy.ts';

const sceaux = { id: 'sceaux', departement: '92' };
const rouen = { id: 'rouen', departement: '76' };

describe('granting roles', () => {
  const coordination = acteur(hab('coordinateur', { departements: ['92'] }));
  const gestion = acteur(hab('gestionnaire', { structureId: 'sceaux' }));

  it('lets a coordinator grant manager and agent roles in their départements only', () => {
    expect(rolesAttribuables(coordination)).toEqual(['gestionnaire', 'agent']);
    expect(peutGererHabilitation(coordination, { role: 'agent', departements: [] }, sceaux)).toBe(true);
    expect(peutGererHabilitation(coordination, { role: 'agent', departements: [] }, rouen)).toBe(false);
    expect(peutGererHabilitation(coordination, { role: 'coordinateur', departements: ['92'] }, null)).toBe(false);
  });

  it('lets a manager grant roles on their own structure only', () => {
    expect(peutGererHabilitation(gestion, { role: 'gestionnaire', departements: [] }, sceaux)).toBe(true);
    expect(peutGererHabilitation(gestion, { role: 'agent', departements: [] }, rouen)).toBe(false);
  });

  it('lets nobody but the national admin change a person who also holds a role they do not manage', () => {
    const cible = {
      id: 'autre',
      habilitations: [
        { role: 'agent' as const, departements: [], structure: sceaux },
        { role: 'agent' as const, departements: [], structure: rouen },
      ],
    };
    expect(peutModifierUtilisateur(coordination, cible)).toBe(false);
    expect(peutModifierUtilisateur(acteur(hab('admin_national')), cible)).toBe(true);
  });

  it('does not let a manager change their own roles or deactivate themselves', () => {
    expect(
      peutModifierUtilisateur(gestion, {
        id: 'moi',
        habilitations: [{ role: 'gestionnaire', departements: [], structure: sceaux }],
      }),
    ).toBe(false);
  });

  it('gives an agent no role to grant', () => {
    expect(rolesAttribuables(acteur(hab('agent', { structureId: 'sceaux' })))).toEqual([]);
  });
});
