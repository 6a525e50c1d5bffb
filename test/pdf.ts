import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';

/** One object of a PDF: its dictionary and, for a stream, its content (inflated when it was compressed). */
export interface ObjetPdf {
  dico: string;
  flux?: Buffer;
}

// Node 20's TextDecoder reads "windows-1252" as ISO-8859-1, so the 0x80–0x9F row is decoded here (PDF 32000, D.2).
const LIGNE_80 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (b: Buffer) =>
  [...b].map((c) => (c >= 0x80 && c < 0xa0 ? LIGNE_80[c - 0x80] : String.fromCharCode(c))).join('');

/**
 * Reads back a PDF written by src/platform/pdf: objects through the cross-reference table (so the offsets are verified
 * too), streams inflated, and per page the text shown by `Tj` (decoded from WinAnsi) and where it is placed.
 */
export function lirePdf(pdf: Buffer) {
  const latin = pdf.toString('latin1');
  const debutXref = Number(latin.match(/startxref\n(\d+)\n%%EOF\n$/)?.[1]);
  expect(latin.slice(debutXref, debutXref + 5)).toBe('xref\n');
  const [, total] = latin.slice(debutXref).match(/^xref\n0 (\d+)\n/) ?? [];
  const objets = new Map<number, ObjetPdf>();
  for (let i = 1; i < Number(total); i++) {
    const entree = debutXref + `xref\n0 ${total}\n`.length + 20 * i;
    const position = Number(latin.slice(entree, entree + 10));
    const entete = `${i} 0 obj\n`;
    expect(latin.slice(position, position + entete.length), `object ${i}`).toBe(entete);
    const corps = latin.slice(position + entete.length);
    const dico = corps.slice(0, corps.search(/\n(stream|endobj)\n/));
    const longueur = dico.match(/\/Length (\d+)/)?.[1];
    let flux: Buffer | undefined;
    if (corps.startsWith(`${dico}\nstream\n`) && longueur) {
      const debut = position + entete.length + dico.length + '\nstream\n'.length;
      flux = pdf.subarray(debut, debut + Number(longueur));
      if (dico.includes('/FlateDecode')) flux = inflateSync(flux);
    }
    objets.set(i, { dico, flux });
  }
  const pages = [...objets.values()]
    .filter((o) => /\/Type \/Page\b(?!s)/.test(o.dico))
    .map((p) => {
      const contenu = objets.get(Number(p.dico.match(/\/Contents (\d+) 0 R/)?.[1]))?.flux?.toString('latin1') ?? '';
      const textes = [...contenu.matchAll(/ ([-\d.]+) ([-\d.]+) Td <([0-9a-f]*)> Tj/g)].map((m) => ({
        x: Number(m[1]),
        y: Number(m[2]),
        texte: winAnsi(Buffer.from(m[3] ?? '', 'hex')),
      }));
      return { dico: p.dico, contenu, textes, texte: textes.map((t) => t.texte).join(' ') };
    });
  return {
    objets: [...objets.values()],
    pages,
    texte: pages.map((p) => p.texte).join(' '),
    racine: objets.get(1)?.dico ?? '',
    info: [...objets.values()].find((o) => o.dico.includes('/Title'))?.dico ?? '',
  };
}
