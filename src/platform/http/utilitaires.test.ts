import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { urlJournalisable } from '../logging/index.ts';
import { lireFormulaire, texte } from './formulaire.ts';
import { retourSur } from './requete.ts';

describe('retourSur', () => {
  it('keeps same-site paths and refuses anything that could leave the site', () => {
    expect(retourSur('/admin/sites?q=x')).toBe('/admin/sites?q=x');
    expect(retourSur('//evil.example')).toBe('/tableau-de-bord');
    expect(retourSur('/\\evil.example')).toBe('/tableau-de-bord');
    expect(retourSur('https://evil.example')).toBe('/tableau-de-bord');
    expect(retourSur(['/a'])).toBe('/tableau-de-bord');
    expect(retourSur('/\t/evil.example')).toBe('/tableau-de-bord');
  });
  it('returns any Unicode path percent-encoded, so that it fits in a Location header', () => {
    expect(retourSur('/✓')).toBe('/%E2%9C%93');
    expect(retourSur('/lieux?q=😀')).toBe('/lieux?q=%F0%9F%98%80');
    expect(retourSur('/\uD800')).toBe('/%EF%BF%BD');
    expect(retourSur(`/${'é'.repeat(400)}`)).toBe('/tableau-de-bord');
  });
});

describe('urlJournalisable', () => {
  it('drops query strings and masks token-like path segments', () => {
    expect(urlJournalisable('/mot-de-passe/nouveau?jeton=abc')).toBe('/mot-de-passe/nouveau');
    expect(urlJournalisable(`/x/${'a'.repeat(43)}`)).toBe('/x/[masqué]');
  });
  it('masks everything after /l/, a citizen link whole or truncated', () => {
    expect(urlJournalisable(`/l/${'a'.repeat(43)}`)).toBe('/l/[masqué]');
    expect(urlJournalisable('/l/abc12/x?y=1')).toBe('/l/[masqué]');
    expect(urlJournalisable('/lieux/abc')).toBe('/lieux/abc');
  });
});

describe('texte', () => {
  const Schema = z.object({ nom: texte('le nom', 10) });
  it('trims and accepts ordinary text, accents included', () => {
    expect(lireFormulaire(Schema, { nom: '  Élodie ' })).toEqual({ ok: true, donnees: { nom: 'Élodie' } });
  });
  it.each([
    [{}, 'Saisissez le nom'],
    [{ nom: '   ' }, 'Saisissez le nom'],
    [{ nom: 'x'.repeat(11) }, 'Le nom ne doit pas dépasser 10 caractères'],
    [{ nom: 'a\u0000b' }, 'Le nom contient des caractères non autorisés'],
    [{ nom: 'a\nb' }, 'Le nom contient des caractères non autorisés'],
    [{ nom: ['a', 'b'] }, 'Saisissez le nom'],
  ])('refuses %j with a French message', (body, message) => {
    const r = lireFormulaire(Schema, body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.erreurs.nom).toBe(message);
  });
});
