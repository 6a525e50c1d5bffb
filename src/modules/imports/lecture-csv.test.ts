import { describe, expect, it } from 'vitest';
import { decoderUtf8, lireCsv } from './lecture-csv.ts';

describe('lireCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and keeps each record’s first line', () => {
    const r = lireCsv('a,b,c\r\n"1, un","dit ""oui""",x\r\n"multi\nligne\r\nici",,\n3,4,5');
    expect(r).toEqual({
      ok: true,
      entete: ['a', 'b', 'c'],
      enregistrements: [
        { ligne: 2, champs: ['1, un', 'dit "oui"', 'x'] },
        { ligne: 3, champs: ['multi\nligne\r\nici', '', ''] },
        { ligne: 6, champs: ['3', '4', '5'] },
      ],
    });
  });

  it('skips blank lines but counts them', () => {
    const r = lireCsv('a,b\n\n1,2\n\n');
    expect(r).toMatchObject({ ok: true, enregistrements: [{ ligne: 3, champs: ['1', '2'] }] });
  });

  it('keeps an empty last field and a record of empty fields', () => {
    expect(lireCsv('a,b\n1,\n,\n')).toMatchObject({
      enregistrements: [
        { ligne: 2, champs: ['1', ''] },
        { ligne: 3, champs: ['', ''] },
      ],
    });
  });

  it('refuses an unterminated quote and text after a closing quote, saying where', () => {
    expect(lireCsv('a,b\n1,"deux\n3,4\n')).toEqual({ ok: false, erreur: 'ligne 2 : guillemet ouvert jamais refermé' });
    expect(lireCsv('a,b\n1,"deux"x\n')).toEqual({
      ok: false,
      erreur: 'ligne 2 : caractère « x » après un guillemet fermant',
    });
  });

  it('says when the file is empty', () => {
    expect(lireCsv('')).toEqual({ ok: false, erreur: 'le fichier est vide' });
  });
});

describe('decoderUtf8', () => {
  it('removes a byte order mark and refuses Latin-1', () => {
    expect(decoderUtf8(Buffer.from('\uFEFFid_fs', 'utf8'))).toEqual({ ok: true, texte: 'id_fs' });
    expect(decoderUtf8(Buffer.from('Hérault', 'latin1'))).toMatchObject({ ok: false });
  });
});
