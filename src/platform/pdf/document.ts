// A minimal PDF writer for posters, receipts and reports: WinAnsi text, TrueType embedding of WOFF 1.0 fonts
// (zlib-compressed tables), one or several A4 pages, filled rectangles, lines and word wrap. No PDF library declares
// Node 20 support (pdfkit and pdf-lib declare no engines), and text with bar charts needs little.
// See docs/adr/0016-hand-written-pdf.md.

import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';

// ——— Fonts ———————————————————————————————————————————————————————————————————————————————————————————————

/** A TrueType font ready to embed as a simple font in WinAnsi encoding. */
export interface Police {
  nom: string;
  /** The font program, deflated, and its inflated length. */
  programme: Buffer;
  longueur: number;
  /** Advance widths of codes 32..255 in thousandths of an em. */
  largeurs: number[];
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: [number, number, number, number];
}

const DOSSIER_POLICES = new URL('../../../node_modules/@gouvfr/dsfr/dist/fonts/', import.meta.url);
/** Tables a PDF viewer uses to draw TrueType glyphs; layout tables (GPOS, GSUB…) and signatures are left out. */
const TABLES_UTILES = [
  'OS/2',
  'cmap',
  'cvt ',
  'fpgm',
  'glyf',
  'head',
  'hhea',
  'hmtx',
  'loca',
  'maxp',
  'name',
  'post',
  'prep',
];

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

/** An OpenType file (sfnt) from its tables, with the checksums viewers may verify. */
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
  let teteA = 0;
  tags.forEach((tag, i) => {
    const t = tables.get(tag) as Buffer;
    if (tag === 'head') {
      t.writeUInt32BE(0, 8);
      teteA = decalage;
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
  fonte.writeUInt32BE((0xb1b0afba - sommeControle(fonte)) >>> 0, teteA + 8);
  return fonte;
}

/** Glyph of a code point through the Windows Unicode cmap (format 4), 0 when absent. */
function lecteurCmap(cmap: Buffer): (c: number) => number {
  let t = -1;
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const [plateforme, codage] = [cmap.readUInt16BE(4 + i * 8), cmap.readUInt16BE(6 + i * 8)];
    const debut = cmap.readUInt32BE(8 + i * 8);
    if (plateforme === 3 && codage === 1 && cmap.readUInt16BE(debut) === 4) t = debut;
  }
  if (t < 0) throw new Error('font without a Unicode cmap (format 4)');
  const segments = cmap.readUInt16BE(t + 6) / 2;
  const fins = t + 14;
  const debuts = fins + 2 * segments + 2;
  const deltas = debuts + 2 * segments;
  const plages = deltas + 2 * segments;
  return (c) => {
    for (let i = 0; i < segments; i++) {
      if (cmap.readUInt16BE(fins + 2 * i) < c) continue;
      const debut = cmap.readUInt16BE(debuts + 2 * i);
      if (debut > c) return 0;
      const delta = cmap.readInt16BE(deltas + 2 * i);
      const plage = cmap.readUInt16BE(plages + 2 * i);
      if (plage === 0) return (c + delta) & 0xffff;
      const g = cmap.readUInt16BE(plages + 2 * i + plage + 2 * (c - debut));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}

export function chargerPolice(fichier: string): Police {
  const { saveur, tables } = lireWoff(readFileSync(new URL(fichier, DOSSIER_POLICES)));
  const table = (tag: string) => {
    const t = tables.get(tag);
    if (!t) throw new Error(`font ${fichier} lacks its ${tag} table`);
    return t;
  };
  const [head, hhea, hmtx, os2] = [table('head'), table('hhea'), table('hmtx'), table('OS/2')];
  if (os2.readUInt16BE(8) & 0x0002) throw new Error(`font ${fichier} may not be embedded`);
  const unites = head.readUInt16BE(18);
  const mille = (v: number) => Math.round((v * 1000) / unites);
  const metriques = hhea.readUInt16BE(34);
  const avance = (g: number) => hmtx.readUInt16BE(4 * Math.min(g, metriques - 1));
  const glyphe = lecteurCmap(table('cmap'));
  const utiles = new Map([...tables].filter(([tag]) => TABLES_UTILES.includes(tag)));
  const fonte = construireSfnt(saveur, utiles);
  return {
    nom: fichier.replace(/\.woff$/, ''),
    programme: deflateSync(fonte),
    longueur: fonte.length,
    largeurs: Array.from({ length: 224 }, (_, i) => {
      const u = UNICODE_WIN_ANSI[i + 32];
      return u === undefined ? 0 : mille(avance(glyphe(u)));
    }),
    ascent: mille(hhea.readInt16BE(4)),
    descent: mille(hhea.readInt16BE(6)),
    capHeight: os2.readUInt16BE(0) >= 2 ? mille(os2.readInt16BE(88)) : mille(hhea.readInt16BE(4)),
    bbox: [
      mille(head.readInt16BE(36)),
      mille(head.readInt16BE(38)),
      mille(head.readInt16BE(40)),
      mille(head.readInt16BE(42)),
    ],
  };
}

let marianne: Record<Graisse, Police> | null = null;
/** The DSFR's Marianne, regular and bold, loaded once: the fonts do not change while the process runs. */
export function policesMarianne(): Record<Graisse, Police> {
  marianne ??= { regular: chargerPolice('Marianne-Regular.woff'), bold: chargerPolice('Marianne-Bold.woff') };
  return marianne;
}

// ——— WinAnsi text ————————————————————————————————————————————————————————————————————————————————————————

/** Code points of WinAnsiEncoding 0x80–0x9F (PDF 32000 annex D); the rest of 0x20–0xFF is Latin-1. */
const WIN_ANSI_80 = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e,
  0x0178,
];
const UNICODE_WIN_ANSI: Array<number | undefined> = Array.from({ length: 256 }, (_, c) => {
  if (c < 32 || c === 0x7f) return undefined;
  if (c >= 0x80 && c <= 0x9f) return (WIN_ANSI_80[c - 0x80] ?? -1) < 0 ? undefined : WIN_ANSI_80[c - 0x80];
  return c;
});
const WIN_ANSI = new Map<number, number>(
  UNICODE_WIN_ANSI.flatMap((u, c) => (u === undefined ? [] : [[u, c] as [number, number]])),
);
/** Characters outside WinAnsi that French text uses, and what to print instead. */
const SUBSTITUTS: Record<string, string> = {
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u2011': '-',
  '\u2010': '-',
  '\u2212': '-',
};

function codes(texte: string): number[] {
  return [...texte.normalize('NFC')].map((ch) => WIN_ANSI.get((SUBSTITUTS[ch] ?? ch).codePointAt(0) ?? 63) ?? 63);
}

// ——— Page drawing ————————————————————————————————————————————————————————————————————————————————————————

export const A4 = { largeur: 595.28, hauteur: 841.89 } as const;
export const MARGE = 42;
export const BLEU = '0 0 0.569'; // bleu France #000091
export const NOIR = '0.086 0.086 0.086';
export const GRIS = '0.4 0.4 0.4';

export type Graisse = 'regular' | 'bold';

export class Page {
  readonly ops: string[] = [];
  constructor(private readonly polices: Record<Graisse, Police>) {}

  largeur(texte: string, taille: number, graisse: Graisse = 'regular'): number {
    const l = this.polices[graisse].largeurs;
    return (codes(texte).reduce((s, c) => s + (l[c - 32] ?? 0), 0) * taille) / 1000;
  }

  texte(x: number, y: number, texte: string, taille: number, graisse: Graisse = 'regular', couleur = NOIR) {
    const hex = Buffer.from(codes(texte)).toString('hex');
    this.ops.push(
      `${couleur} rg BT /${graisse === 'bold' ? 'F2' : 'F1'} ${taille} Tf ${n(x)} ${n(y)} Td <${hex}> Tj ET`,
    );
  }

  /** Right-aligned at x. */
  texteDroite(x: number, y: number, texte: string, taille: number, graisse: Graisse = 'regular', couleur = NOIR) {
    this.texte(x - this.largeur(texte, taille, graisse), y, texte, taille, graisse, couleur);
  }

  rectangle(x: number, y: number, l: number, h: number, couleur: string) {
    this.ops.push(`${couleur} rg ${n(x)} ${n(y)} ${n(l)} ${n(h)} re f`);
  }

  /** A straight line (rules, axes). */
  trait(x1: number, y1: number, x2: number, y2: number, couleur: string, epaisseur = 0.5) {
    this.ops.push(`${couleur} RG ${n(epaisseur)} w ${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S`);
  }

  /** Greedy word wrap to a width; a word too long for a line is cut. */
  couper(texte: string, taille: number, largeurMax: number, graisse: Graisse = 'regular'): string[] {
    const lignes: string[] = [];
    let courante = '';
    for (const mot of texte.split(/\s+/).filter(Boolean)) {
      const essai = courante ? `${courante} ${mot}` : mot;
      if (this.largeur(essai, taille, graisse) <= largeurMax) courante = essai;
      else {
        if (courante) lignes.push(courante);
        courante = mot;
        while (this.largeur(courante, taille, graisse) > largeurMax && courante.length > 1) {
          let i = courante.length - 1;
          while (i > 1 && this.largeur(courante.slice(0, i), taille, graisse) > largeurMax) i--;
          lignes.push(courante.slice(0, i));
          courante = courante.slice(i);
        }
      }
    }
    if (courante) lignes.push(courante);
    return lignes;
  }
}

const n = (v: number) => String(Math.round(v * 100) / 100);

// ——— PDF file ————————————————————————————————————————————————————————————————————————————————————————————

/** A PDF text string: UTF-16BE with its byte-order mark, in hex. */
const chaine = (texte: string) => `<FEFF${Buffer.from(texte, 'utf16le').swap16().toString('hex')}>`;

/**
 * The PDF file: one page per content stream (a single string for one page), in A4, sharing the two fonts; with the
 * document's title shown by viewers and its language.
 */
export function pdf(
  contenu: string | string[],
  polices: Record<Graisse, Police>,
  titre: string,
  maintenant: Date,
): Buffer {
  const contenus = typeof contenu === 'string' ? [contenu] : contenu;
  if (contenus.length === 0) throw new Error('a PDF needs at least one page');
  const objets: Array<string | { dico: string; flux: Buffer }> = [];
  const ajouter = (o: (typeof objets)[number]) => objets.push(o);
  // Objects 1 and 2: catalog and page tree; 3–8: the fonts; then each page and its content stream; last the info.
  const POLICES = 3;
  const page = (i: number) => POLICES + 6 + 2 * i;
  ajouter('<< /Type /Catalog /Pages 2 0 R /Lang (fr-FR) /ViewerPreferences << /DisplayDocTitle true >> >>');
  const kids = contenus.map((_, i) => `${page(i)} 0 R`).join(' ');
  ajouter(`<< /Type /Pages /Kids [${kids}] /Count ${contenus.length} >>`);
  for (const p of [polices.regular, polices.bold]) {
    const id = objets.length + 1; // this font's dictionary; its descriptor and program follow
    ajouter(
      `<< /Type /Font /Subtype /TrueType /BaseFont /${p.nom} /FirstChar 32 /LastChar 255 ` +
        `/Widths [${p.largeurs.join(' ')}] /Encoding /WinAnsiEncoding /FontDescriptor ${id + 1} 0 R >>`,
    );
    ajouter(
      `<< /Type /FontDescriptor /FontName /${p.nom} /Flags 32 /FontBBox [${p.bbox.join(' ')}] /ItalicAngle 0 ` +
        `/Ascent ${p.ascent} /Descent ${p.descent} /CapHeight ${p.capHeight} /StemV 80 /FontFile2 ${id + 2} 0 R >>`,
    );
    ajouter({
      dico: `<< /Length ${p.programme.length} /Length1 ${p.longueur} /Filter /FlateDecode >>`,
      flux: p.programme,
    });
  }
  contenus.forEach((c, i) => {
    ajouter(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.largeur} ${A4.hauteur}] ` +
        `/Resources << /Font << /F1 ${POLICES} 0 R /F2 ${POLICES + 3} 0 R >> >> /Contents ${page(i) + 1} 0 R >>`,
    );
    const flux = deflateSync(Buffer.from(c, 'latin1'));
    ajouter({ dico: `<< /Length ${flux.length} /Filter /FlateDecode >>`, flux });
  });
  const date = `D:${maintenant.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  ajouter(`<< /Title ${chaine(titre)} /Producer (guichet) /CreationDate (${date}) >>`);

  const morceaux: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let position = morceaux[0]?.length ?? 0;
  const positions: number[] = [];
  objets.forEach((o, i) => {
    positions.push(position);
    const b =
      typeof o === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n${o.dico}\nstream\n`, 'latin1'),
            o.flux,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ]);
    morceaux.push(b);
    position += b.length;
  });
  const xref = [`xref\n0 ${objets.length + 1}\n0000000000 65535 f \n`];
  for (const p of positions) xref.push(`${String(p).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objets.length + 1} /Root 1 0 R /Info ${objets.length} 0 R >>\n`);
  xref.push(`startxref\n${position}\n%%EOF\n`);
  morceaux.push(Buffer.from(xref.join(''), 'latin1'));
  return Buffer.concat(morceaux);
}
