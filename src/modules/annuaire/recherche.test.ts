import { describe, expect, it } from 'vitest';
import { communeProbable, rechercherCommunes } from './recherche.ts';

const libelles = (texte: string, limite?: number) => rechercherCommunes(texte, limite).map((r) => r.libelle);
const codes = (texte: string, limite?: number) => rechercherCommunes(texte, limite).map((r) => r.commune.code);

describe('search by name', () => {
  it('finds a commune whatever the case and accents, with its position', () => {
    for (const texte of ['sceaux', 'SCEAUX', 'Sceaux ']) {
      const [premier] = rechercherCommunes(texte);
      expect(premier).toMatchObject({ libelle: 'Sceaux (92330)', codePostal: '92330', mode: 'nom' });
      expect(premier?.latitude).toBeCloseTo(48.78, 1);
      expect(premier?.longitude).toBeCloseTo(2.29, 1);
    }
    expect(codes('valserhone')[0]).toBe('01033');
    expect(codes('oeuilly')).toContain('02565');
  });

  it('puts the exact name first, then names starting with the text, the most populated first', () => {
    expect(libelles('sceaux', 4)).toEqual([
      'Sceaux (92330)',
      "Sceaux-d'Anjou (49330)",
      'Sceaux-du-Gâtinais (45490)',
      'Sceaux-sur-Huisne (72160)',
    ]);
    const saintDenis = rechercherCommunes('st denis', 5);
    expect(saintDenis.slice(0, 2).map((r) => r.commune.code)).toEqual(['97411', '93066']);
    expect(saintDenis.every((r) => r.commune.nom.startsWith('Saint-Denis'))).toBe(true);
  });

  it('handles hyphens, apostrophes and "Saint"/"St" interchangeably', () => {
    expect(codes('saint etienne')[0]).toBe('42218');
    expect(codes('St-Étienne')[0]).toBe('42218');
    expect(codes("l'hopital")[0]).toBe(codes('lhopital')[0]);
    expect(codes('aix en provence')[0]).toBe('13001');
  });

  it('finds a commune by its name without the article, and shows the article', () => {
    expect(libelles('havre')[0]).toBe('Le Havre (76)');
    expect(libelles('le havre')[0]).toBe('Le Havre (76)');
  });

  it('shows the département for a commune with several postcodes', () => {
    expect(libelles('paris')[0]).toBe('Paris (75)');
    expect(rechercherCommunes('paris')[0]?.codePostal).toBeUndefined();
    expect(libelles('paris', 3).slice(1)).toEqual([
      'Paris 15e Arrondissement (75015)',
      'Paris 20e Arrondissement (75020)',
    ]);
  });

  it('leads a former (delegated) commune to its commune nouvelle', () => {
    const [bellegarde] = rechercherCommunes('Bellegarde-sur-Valserine');
    expect(bellegarde).toMatchObject({ libelle: 'Bellegarde-sur-Valserine, Valserhône (01200)' });
    expect(bellegarde?.commune.code).toBe('01033');
  });

  it('narrows homonyms with a département', () => {
    expect(codes('Saint-Denis 93')[0]).toBe('93066');
    expect(codes('Saint-Denis (974)')).toEqual(['97411']);
  });

  it('finds a district by its number', () => {
    expect(libelles('Paris 15')[0]).toBe('Paris 15e Arrondissement (75015)');
    expect(libelles('lyon 3e')[0]).toBe('Lyon 3e Arrondissement (69003)');
  });
});

describe('search by postcode or INSEE code', () => {
  it('finds the communes of an exact postcode, a district before its city', () => {
    expect(rechercherCommunes('92330')).toMatchObject([{ libelle: 'Sceaux (92330)', mode: 'code-postal' }]);
    expect(libelles('75002')).toEqual(['Paris 2e Arrondissement (75002)', 'Paris (75002)']);
    expect(libelles('20090')).toEqual(['Ajaccio (20090)']);
  });

  it('finds communes by a postcode prefix, the most populated first', () => {
    const hauts = rechercherCommunes('92', 5);
    expect(hauts).toHaveLength(5);
    expect(hauts.every((r) => r.codePostal?.startsWith('92'))).toBe(true);
    expect(hauts[0]?.libelle).toBe('Boulogne-Billancourt (92100)'); // the most populated commune of the 92
  });

  it('falls back to the INSEE code when no postcode matches', () => {
    expect(rechercherCommunes('92071')).toMatchObject([{ libelle: 'Sceaux (92330)', mode: 'code-insee' }]);
    expect(libelles('2A004')).toEqual(['Ajaccio (2A)']);
  });
});

describe('search by free address', () => {
  it('uses the postcode and the commune after it', () => {
    expect(rechercherCommunes('12 rue de la Paix 75002 Paris')[0]).toMatchObject({
      libelle: 'Paris 2e Arrondissement (75002)',
      mode: 'adresse',
    });
    expect(libelles('3 place du Général de Gaulle, 92330 Sceaux CEDEX')).toEqual(['Sceaux (92330)']);
    expect(libelles('1 Rue de la République 13001 Marseille')[0]).toBe('Marseille 1er Arrondissement (13001)');
  });

  it('picks the right commune among those sharing a postcode', () => {
    const [premier] = rechercherCommunes('8 place de la Mairie 60390 Villotran');
    expect(premier?.commune.code).toBe('60694');
    expect(premier?.libelle).toBe('Villotran, Les Hauts-Talican (60390)');
  });

  it('without a postcode, uses the commune named at the end', () => {
    expect(codes('rue de la paix paris')[0]).toBe('75056');
    expect(codes('1 avenue Foch, Lyon')[0]).toBe('69123');
  });
});

describe('what is not found', () => {
  it('answers an empty list for empty or unknown texts, and respects the limit', () => {
    expect(rechercherCommunes('')).toEqual([]);
    expect(rechercherCommunes('   ')).toEqual([]);
    expect(rechercherCommunes('xyzzy')).toEqual([]);
    expect(rechercherCommunes('00000')).toEqual([]);
    expect(rechercherCommunes('saint', 0)).toEqual([]);
    expect(rechercherCommunes('saint', 7)).toHaveLength(7);
  });
});

describe('communeProbable (placing imported sites without coordinates)', () => {
  it('trusts a valid INSEE code, even with a wrong postcode', () => {
    expect(communeProbable({ codeInsee: '61275', codePostal: '61275', nomCommune: 'Le Merlerault' })).toMatchObject({
      libelle: 'Le Merlerault (61240)',
      commune: { code: '61275' },
    });
  });

  it('uses the postcode and the commune name when the INSEE code is broken', () => {
    const r = communeProbable({
      codeInsee: '0null',
      codePostal: '48330',
      nomCommune: 'SAINT-ETIENNE-VALLEE-FRANCAISE',
    });
    expect(r?.commune.code).toBe('48148');
  });

  it('finds the commune named inside a site name, within its département', () => {
    expect(
      communeProbable({ departement: '33', texte: 'Antenne France Services de Talence (2187) - Bus' })?.commune.code,
    ).toBe('33522');
    expect(communeProbable({ departement: '88', texte: 'Antenne d’Anould' })?.commune.code).toBe('88009');
    expect(communeProbable({ departement: '60', texte: 'Trie-ChÃ¢teau' })?.commune.nom).toBe('Trie-Château');
  });

  it('answers nothing rather than a guess when no clue matches', () => {
    expect(communeProbable({ departement: '60', texte: 'Quelque part' })).toBeUndefined();
    expect(communeProbable({})).toBeUndefined();
  });
});
