import { describe, expect, it } from 'vitest';
import { formaterDate, formaterJour } from './dates.ts';
import { deNom, normaliser } from './francais.ts';

describe('French as people write it', () => {
  it('contracts or elides "de" before a name', () => {
    expect(deNom('Le Tampon (97430)')).toBe('du Tampon (97430)');
    expect(deNom('Les Abymes')).toBe('des Abymes');
    expect(deNom('Agen (47000)')).toBe('d’Agen (47000)');
    expect(deNom('Île-d’Yeu')).toBe('d’Île-d’Yeu');
    expect(deNom('Yvetot')).toBe('d’Yvetot');
    expect(deNom('La Réunion')).toBe('de La Réunion');
    expect(deNom('L’Haÿ-les-Roses')).toBe('de L’Haÿ-les-Roses');
    expect(deNom('Lens')).toBe('de Lens');
    expect(deNom('Sceaux')).toBe('de Sceaux');
    // A mute H only where it is known; an aspirated one keeps "de".
    expect(deNom('Hyères (83400)')).toBe('d’Hyères (83400)');
    expect(deNom('Hazebrouck')).toBe('de Hazebrouck');
    expect(deNom('Le Havre')).toBe('du Havre');
    // People: elision, never a contraction of their surname's article.
    expect(deNom('Anne Martin', { personne: true })).toBe('d’Anne Martin');
    expect(deNom('Le Gall', { personne: true })).toBe('de Le Gall');
  });

  it('writes the first of the month "1er" when the month is a word, and only then', () => {
    expect(formaterJour('2026-12-01', { weekday: 'long', day: 'numeric', month: 'long' })).toBe('mardi 1er décembre');
    expect(formaterJour('2026-12-11', { day: 'numeric', month: 'long', year: 'numeric' })).toBe('11 décembre 2026');
    expect(formaterJour('2027-01-01', { weekday: 'short', day: 'numeric', month: 'short' })).toBe('ven. 1er janv.');
    expect(formaterDate(new Date('2026-11-30T23:30:00Z'), 'Europe/Paris', { dateStyle: 'long' })).toBe(
      '1er décembre 2026',
    );
    expect(formaterDate(new Date('2026-12-01T12:00:00Z'), 'Europe/Paris', { dateStyle: 'short' })).toBe('01/12/2026');
  });
});

describe('normaliser', () => {
  it('ignores case, accents, ligatures, hyphens and apostrophes, and spells out St/Ste', () => {
    expect(normaliser("Saint-Étienne-de-l'Œuf")).toBe('saint etienne de l oeuf');
    expect(normaliser('ST  ETIENNE')).toBe('saint etienne');
    expect(normaliser('Ste-Foy')).toBe('sainte foy');
    expect(normaliser(' -- ')).toBe('');
  });
});
