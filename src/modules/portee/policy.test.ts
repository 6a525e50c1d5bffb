import { PgDialect, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { acteurDeTest as acteur, habilitation as hab } from '../../../test/fabriques.ts';
import { dansPortee, dansPorteePartenaire } from './condition.ts';
import {
  couvrePartenaire,
  PORTEE_NATIONALE,
  peutVoirStructure,
  porteeActivite,
  porteeConformite,
  porteeDe,
  porteeVide,
} from './policy.ts';

const vide = { national: false, departements: [], structures: [], sites: [], partenaires: [] };

const agentRestreint = hab('agent', { structureId: 'rouen', siteIds: ['gare', 'mairie'] });
const referentCaf92 = hab('referent', { partenaireId: 'caf', departements: ['92'] });

describe('porteeDe', () => {
  it('joins the scopes of every role a person holds', () => {
    const p = porteeDe(
      acteur(hab('coordinateur', { departements: ['92', '13'] }), hab('agent', { structureId: 'rouen' })),
    );
    expect(p).toEqual({ ...vide, departements: ['92', '13'], structures: ['rouen'] });
  });

  it('gives a partner référent their partner × départements, and no place of the network', () => {
    const p = porteeDe(acteur(referentCaf92, hab('referent', { partenaireId: 'caf', departements: ['93', '92'] })));
    expect(p).toEqual({ ...vide, partenaires: [{ partenaireId: 'caf', departements: ['92', '93'] }] });
    expect(porteeVide(p)).toBe(true);
  });

  it('gives a restricted agent their whole structure to read, but only their sites for the request log', () => {
    expect(porteeDe(acteur(agentRestreint))).toEqual({ ...vide, structures: ['rouen'] });
    expect(porteeActivite(acteur(agentRestreint))).toEqual({ ...vide, sites: ['gare', 'mairie'] });
  });

  it('leaves agents and référents out of the compliance view', () => {
    expect(porteeConformite(acteur(hab('agent', { structureId: 'rouen' }), referentCaf92))).toBeNull();
    expect(porteeConformite(acteur(hab('gestionnaire', { structureId: 'rouen' }), referentCaf92))).toEqual({
      ...vide,
      structures: ['rouen'],
    });
  });
});

describe('couvrePartenaire', () => {
  it('covers a référent’s partner in their départements only, and everything for the nation', () => {
    const p = porteeDe(acteur(referentCaf92));
    expect(couvrePartenaire(p, 'caf', '92')).toBe(true);
    expect(couvrePartenaire(p, 'caf', '75')).toBe(false);
    expect(couvrePartenaire(p, 'msa', '92')).toBe(false);
    expect(couvrePartenaire(porteeDe(acteur(hab('coordinateur', { departements: ['92'] }))), 'caf', '92')).toBe(false);
    expect(couvrePartenaire(PORTEE_NATIONALE, 'caf', '92')).toBe(true);
  });
});

describe('SQL conditions', () => {
  const saisines = pgTable('saisines', { id: uuid('id'), partenaireId: uuid('partenaire_id'), dep: text('dep') });
  const dialecte = new PgDialect();
  const rendu = (condition: ReturnType<typeof dansPortee>) => dialecte.sqlToQuery(condition);

  it('limits partner cases to the référent’s partner × départements', () => {
    const p = porteeDe(acteur(referentCaf92));
    const q = rendu(dansPorteePartenaire(p, saisines.partenaireId, saisines.dep));
    expect(q.sql).toBe('("saisines"."partenaire_id" = $1 and "saisines"."dep" in ($2))');
    expect(q.params).toEqual(['caf', '92']);
    expect(rendu(dansPorteePartenaire(porteeDe(acteur()), saisines.partenaireId, saisines.dep)).sql).toBe('false');
    expect(rendu(dansPorteePartenaire(PORTEE_NATIONALE, saisines.partenaireId, saisines.dep)).sql).toBe('true');
  });

  it('reads the site column only for a scope with single sites, and nothing for an empty scope', () => {
    const s = pgTable('sites', { id: uuid('id'), structureId: uuid('structure_id'), dep: text('dep') });
    const q = rendu(dansPortee(porteeActivite(acteur(agentRestreint)), s.dep, s.structureId, s.id));
    expect(q.sql).toBe('"sites"."id" in ($1, $2)');
    expect(rendu(dansPortee(porteeDe(acteur(referentCaf92)), s.dep, s.structureId, s.id)).sql).toBe('false');
  });
});

describe('structures', () => {
  it('lets an agent read their structure only', () => {
    const agent = acteur(hab('agent', { structureId: 'sceaux' }));
    expect(peutVoirStructure(agent, { id: 'sceaux', departement: '92' })).toBe(true);
    expect(peutVoirStructure(agent, { id: 'rouen', departement: '76' })).toBe(false);
  });
});
