import { describe, expect, it } from 'vitest';
import {
  COLONNES_ANCT,
  decomposerNomArret,
  type LigneAnct,
  normaliserTelephone,
  validerLigneAnct,
} from './validation.ts';

const vide = Object.fromEntries(COLONNES_ANCT.map((c) => [c, ''])) as LigneAnct;
const ligne = (champs: Partial<LigneAnct>): LigneAnct => ({
  ...vide,
  id_fs: '12',
  insee_dep: '2A',
  lib_fs: 'France services  de\nSartène',
  adresse: '14 cours Soeur Amélie\n\n\n',
  insee_com: '2a272',
  code_postal: '20100',
  lib_com: 'Sartène',
  latitude: '41.62',
  longitude: '8.97',
  itinerance: 'Non',
  format_fs: 'Site principal',
  labellisation: 'Espace labellisé 15/01/2021',
  ...champs,
});

describe('validerLigneAnct', () => {
  it('normalises a valid row (Corsica, spaces and line breaks in single-line fields)', () => {
    const r = validerLigneAnct(ligne({ mail: ' Contact@Sartene.FR ', telephone: '04.95.77.00.00' }));
    expect(r).toMatchObject({
      ok: true,
      avertissements: [],
      site: {
        idFs: 12,
        departement: '2A',
        nom: 'France services de Sartène',
        adresse: '14 cours Soeur Amélie',
        codeInsee: '2A272',
        courriel: 'contact@sartene.fr',
        telephone: '0495770000',
        dateLabellisation: '2021-01-15',
        format: 'principal',
        itinerance: false,
        latitude: 41.62,
      },
    });
  });

  it('rejects a commune outside the row’s département', () => {
    expect(validerLigneAnct(ligne({ insee_com: '69123' }))).toEqual({
      ok: false,
      idFs: '12',
      raison: 'le code commune INSEE « 69123 » n’est pas dans le département 2A',
    });
  });

  it('rejects unknown kinds of site with the expected values', () => {
    expect(validerLigneAnct(ligne({ format_fs: 'Annexe', itinerance: 'Parfois' }))).toEqual({
      ok: false,
      idFs: '12',
      raison:
        'itinerance « parfois » : « Oui » ou « Non » attendu ; format_fs « annexe » : « Site principal » ou « Antenne » attendu',
    });
  });

  it('imports but warns about coordinates in another territory, an impossible date and a bad phone', () => {
    const r = validerLigneAnct(
      ligne({
        insee_dep: '974',
        insee_com: '97411',
        latitude: '48.85',
        longitude: '2.35',
        labellisation: 'Espace labellisé 31/02/2021',
        telephone: '12',
      }),
    );
    expect(r).toMatchObject({
      ok: true,
      site: { latitude: null, longitude: null, dateLabellisation: null, telephone: null },
      avertissements: [
        'coordonnées (48.85, 2.35) hors de La Réunion : non importées',
        'téléphone « 12 » invalide : non importé',
        'date de labellisation « Espace labellisé 31/02/2021 » illisible : non importée',
      ],
    });
  });
});

describe('provisional ids and overseas collectivities', () => {
  it('accepts a provisional id (temp_12) as a site without id_fs yet', () => {
    expect(validerLigneAnct(ligne({ id_fs: ' TEMP_12 ' }))).toMatchObject({
      ok: true,
      site: { idFs: null, idFsProvisoire: 'temp_12', nom: 'France services de Sartène' },
    });
    expect(validerLigneAnct(ligne({ id_fs: 'temp_' }))).toMatchObject({
      ok: false,
      raison: 'id_fs « temp_ » n’est ni un entier ni un identifiant provisoire (temp_12)',
    });
  });

  it('accepts Saint-Martin, Saint-Barthélemy and Saint-Pierre-et-Miquelon, checks their coordinates', () => {
    const marigot = { insee_dep: '978', insee_com: '97801', code_postal: '97150', lib_com: 'Saint-Martin' };
    expect(validerLigneAnct(ligne({ ...marigot, latitude: '18.058', longitude: '-63.1' }))).toMatchObject({
      ok: true,
      avertissements: [],
      site: { departement: '978', codeInsee: '97801', latitude: 18.058 },
    });
    expect(validerLigneAnct(ligne({ ...marigot, latitude: '16.2', longitude: '-61.5' }))).toMatchObject({
      ok: true,
      avertissements: ['coordonnées (16.2, -61.5) hors de Saint-Martin : non importées'],
    });
    const stPierre = { insee_dep: '975', insee_com: '97502', latitude: '46.78', longitude: '-56.18' };
    expect(validerLigneAnct(ligne(stPierre))).toMatchObject({ ok: true, avertissements: [] });
    expect(validerLigneAnct(ligne({ insee_dep: '988', insee_com: '98818' }))).toMatchObject({
      ok: false,
      raison: expect.stringMatching(/^département « 988 » : Nouvelle-Calédonie est une collectivité du Pacifique/),
    });
  });
});

describe('normaliserTelephone', () => {
  it.each([
    ['01 71 22 44 45', '0171224445'],
    ['+33 6 30 39 25 18', '0630392518'],
    ['33630392518', '0630392518'],
    ['0033 2 62 00 00 00', '0262000000'],
    ['+590 590 00 00 00', '+590590000000'],
  ])('%s → %s', (brut, attendu) => {
    expect(normaliserTelephone(brut).valeur).toBe(attendu);
  });
});

describe('decomposerNomArret', () => {
  it('separates the service from the place', () => {
    expect(decomposerNomArret('Bus France Services - [Face à la boulangerie]')).toEqual({
      service: 'Bus France Services',
      lieu: 'Face à la boulangerie',
    });
    expect(decomposerNomArret('Salle des fêtes')).toEqual({ service: null, lieu: 'Salle des fêtes' });
  });
});
