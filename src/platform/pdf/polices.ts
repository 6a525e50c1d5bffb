// The DSFR's Marianne for pdfkit. DSFR ships it as WOFF 1.0 and WOFF2 only. fontkit (pdfkit's font reader) misreads
// the empty glyphs of the WOFF 1.0 files (spaces: it throws), and decodes WOFF2 with a JavaScript Brotli decoder on
// every document (about 170 ms per font). So the WOFF 1.0 tables, zlib streams, are inflated once with Node's zlib
// and rebuilt into the TrueType file they came from; pdfkit subsets that file into each PDF. The OpenType layout
// tables (GSUB, GPOS, GDEF: kerning, ligatures) are left out: fontkit parses them again for every document, which
// made a poster 20 times slower, and text set with the glyphs' advance widths alone is what guichet always printed.
// The fallback fonts (Noto, from Fontsource's WOFF 1.0 files: see ecritures.ts) are rebuilt the same way.

import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const DOSSIER = new URL('../../../node_modules/@gouvfr/dsfr/dist/fonts/', import.meta.url);
/** Tables pdfkit needs to measure, subset and embed TrueType glyphs. */
const TABLES = ['OS/2', 'cmap', 'cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post', 'prep'];

/** The tables of a WOFF 1.0 file, inflated, and its sfnt flavour (TrueType or CFF). */
function lireWoff(woff: Buffer): { saveur: number; tables: Map<string, Buffer> } {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < woff.readUInt16BE(12); i++) {
    const e = 44 + i * 20;
    const [debut, compresse, brut] = [woff.readUInt32BE(e + 4), woff.readUInt32BE(e + 8), woff.readUInt32BE(e + 12)];
    const donnees = woff.subarray(debut, debut + compresse);
    tables.set(woff.toString('latin1', e, e + 4), compresse < brut ? inflateSync(donnees) : Buffer.from(donnees));
  }
  return { saveur: woff.readUInt32BE(4), tables };
}

function sommeControle(b: Buffer): number {
  const p = Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  let s = 0;
  for (let i = 0; i < p.length; i += 4) s = (s + p.readUInt32BE(i)) >>> 0;
  return s;
}

/** An OpenType file (sfnt) from its tables, with the checksums readers may verify. */
function construireSfnt(saveur: number, tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const puissance = 2 ** Math.floor(Math.log2(n));
  const entete = Buffer.alloc(12 + 16 * n);
  entete.writeUInt32BE(saveur, 0);
  entete.writeUInt16BE(n, 4);
  entete.writeUInt16BE(puissance * 16, 6);
  entete.writeUInt16BE(Math.log2(puissance), 8);
  entete.writeUInt16BE(n * 16 - puissance * 16, 10);
  const corps: Buffer[] = [];
  let decalage = entete.length;
  let tete = 0;
  tags.forEach((tag, i) => {
    const t = tables.get(tag) as Buffer;
    if (tag === 'head') {
      t.writeUInt32BE(0, 8);
      tete = decalage;
    }
    entete.write(tag, 12 + i * 16, 'latin1');
    entete.writeUInt32BE(sommeControle(t), 16 + i * 16);
    entete.writeUInt32BE(decalage, 20 + i * 16);
    entete.writeUInt32BE(t.length, 24 + i * 16);
    const bourrage = Buffer.alloc((4 - (t.length % 4)) % 4);
    corps.push(t, bourrage);
    decalage += t.length + bourrage.length;
  });
  const fonte = Buffer.concat([entete, ...corps]);
  fonte.writeUInt32BE((0xb1b0afba - sommeControle(fonte)) >>> 0, tete + 8);
  return fonte;
}

/** A WOFF 1.0 font file as TrueType without its layout tables; refused if its licence forbids embedding. */
export function policeWoff(fichier: URL): Buffer {
  const { saveur, tables } = lireWoff(readFileSync(fichier));
  const os2 = tables.get('OS/2');
  if (!os2 || os2.readUInt16BE(8) & 0x0002) throw new Error(`font ${fichier} may not be embedded`);
  return construireSfnt(saveur, new Map([...tables].filter(([tag]) => TABLES.includes(tag))));
}

/** A DSFR font file (`Marianne-Regular.woff`…) as TrueType. */
export function policeTrueType(fichier: string): Buffer {
  return policeWoff(new URL(fichier, DOSSIER));
}
