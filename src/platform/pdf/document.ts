// A4 documents drawn with pdfkit in the DSFR's Marianne (embedded as Unicode subsets), with fallback fonts for the
// characters Marianne lacks (ecritures.ts: Cyrillic, Greek, Arabic, Chinese…), so any name prints as typed; tagged
// for screen readers: headings, paragraphs and tables become a structure tree, decorations and running
// headers/footers are artifacts. Coordinates are PDF points from the bottom-left corner, y on the text baseline.
// See docs/adr/0026-pdf-with-pdfkit.md.

import type { Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { dansMarianne, disposer, lesMarianne, type Morceau } from './ecritures.ts';

export const A4 = { largeur: 595.28, hauteur: 841.89 } as const;
export const MARGE = 42;

/** The DSFR palette used in print. */
export const BLEU = '#000091'; // bleu France
export const NOIR = '#161616';
export const GRIS = '#666666';
export const BLANC = '#ffffff';
export const FOND = '#f6f6f6'; // grey background of zebra rows and tiles
export const FILET = '#dddddd'; // light rule
export const FILET_FONCE = '#3a3a3a'; // rule under a table header

/** A colour from red, green and blue between 0 and 1 (shades computed from data). */
export const rgb = (r: number, v: number, b: number) =>
  `#${[r, v, b]
    .map((c) =>
      Math.round(Math.min(1, Math.max(0, c)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

export type Graisse = 'regular' | 'bold';

/** The structure types guichet's documents use (PDF 32000, 14.8.4). */
export type TypeStructure =
  | 'Sect'
  | 'Div'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Figure'
  | 'Caption'
  | 'Span';

/** The hyphens Marianne lacks, printed as the hyphen-minus that looks the same. */
const SUBSTITUTS: Record<string, string> = { '\u2010': '-', '\u2011': '-' };
const preparer = (texte: string) => texte.normalize('NFC').replace(/[\u2010\u2011]/g, (c) => SUBSTITUTS[c] ?? c);

const TEXTE = { lineBreak: false, baseline: 'alphabetic' } as const;

/** Whether Marianne draws every character of a text (nearly always: it is then drawn in one run, as before). */
const toutMarianne = (texte: string, graisse: Graisse) => {
  for (const c of texte) if (!dansMarianne(c.codePointAt(0) ?? 0, graisse)) return false;
  return true;
};

/** Advance width of each character met so far, in thousandths of an em: layouts measure the same words many times. */
const AVANCES: Record<Graisse, Map<string, number>> = { regular: new Map(), bold: new Map() };

export interface OptionsDocument {
  /** Shown by viewers instead of the file name, and read first by screen readers. */
  titre: string;
  maintenant: Date;
}

/**
 * One PDF being drawn: pages, fonts, structure tree. Text drawn outside `bloc()` becomes a paragraph of the current
 * group; rectangles and lines drawn outside a block are artifacts. `mesurer()` runs a layout without drawing, to fit
 * content before committing it.
 */
export class DocumentPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly racine: PDFKit.PDFStructureElement;
  private readonly parents: PDFKit.PDFStructureElement[] = [];
  private readonly pieds: Array<(numero: number, total: number) => void> = [];
  private marque: 'aucune' | 'bloc' | 'artefact' = 'aucune';
  /** Where the last text of the current block ended. */
  private finDeLigne: { x: number; y: number; taille: number; graisse: Graisse } | null = null;
  private brouillon = false;
  /** Fallback fonts registered in this document (a font is embedded only when text is drawn in it). */
  private readonly secours = new Set<string>();

  constructor(options: OptionsDocument) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGE,
      pdfVersion: '1.7',
      tagged: true,
      lang: 'fr-FR',
      displayTitle: true,
      bufferPages: true,
      font: null as unknown as string, // no standard-14 default font: every text is in Marianne
      info: { Title: options.titre, Producer: 'guichet', Creator: 'guichet', CreationDate: options.maintenant },
    });
    const { regular, bold } = lesMarianne();
    this.doc.registerFont('regular', regular.donnees).registerFont('bold', bold.donnees).font('regular');
    this.racine = this.doc.struct('Document');
    this.doc.addStructure(this.racine);
    this.parents.push(this.racine);
  }

  // ——— Measuring ———————————————————————————————————————————————————————————————————————————————————————————

  /**
   * The width of a text: the sum of its characters' advances (the fonts carry no kerning), cached per process; a text
   * with characters Marianne lacks is measured as its runs are drawn (an Arabic letter's width depends on its shape).
   */
  largeur(texte: string, taille: number, graisse: Graisse = 'regular'): number {
    const avances = AVANCES[graisse];
    let somme = 0;
    const t = preparer(texte);
    for (const c of t) {
      let a = avances.get(c);
      if (a === undefined) {
        if (!dansMarianne(c.codePointAt(0) ?? 0, graisse)) return (disposer(t, graisse).largeur * taille) / 1000;
        a = this.doc.font(graisse).fontSize(1000).widthOfString(c);
        avances.set(c, a);
      }
      somme += a;
    }
    return (somme * taille) / 1000;
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

  /** The text cut with an ellipsis to fit a width. */
  tronquer(texte: string, taille: number, largeurMax: number, graisse: Graisse = 'regular'): string {
    if (this.largeur(texte, taille, graisse) <= largeurMax) return texte;
    let t = texte;
    while (t.length > 1 && this.largeur(`${t}…`, taille, graisse) > largeurMax) t = t.slice(0, -1);
    return `${t.trimEnd()}…`;
  }

  /** Runs a layout without drawing anything (to try a scale, say) and returns its result. */
  mesurer<T>(mise: () => T): T {
    const avant = this.brouillon;
    this.brouillon = true;
    try {
      return mise();
    } finally {
      this.brouillon = avant;
    }
  }

  // ——— Drawing —————————————————————————————————————————————————————————————————————————————————————————————

  texte(x: number, y: number, texte: string, taille: number, graisse: Graisse = 'regular', couleur = NOIR) {
    if (this.brouillon || !texte) return;
    if (this.marque === 'aucune') {
      this.bloc('P', () => this.texte(x, y, texte, taille, graisse, couleur));
      return;
    }
    // A block's lines are separate texts: an invisible space after the previous one keeps its words apart for screen
    // readers and copy-paste ("RÉPUBLIQUE FRANÇAISE", not "RÉPUBLIQUEFRANÇAISE").
    const avant = this.finDeLigne;
    if (this.marque === 'bloc' && avant)
      this.doc.font(avant.graisse).fontSize(avant.taille).text(' ', avant.x, avant.y, TEXTE);
    const t = preparer(texte);
    if (toutMarianne(t, graisse)) {
      this.doc
        .font(graisse)
        .fontSize(taille)
        .fillColor(couleur)
        .text(t, x, A4.hauteur - y, TEXTE);
    } else {
      for (const m of disposer(t, graisse).morceaux) this.morceau(m, x + (m.x * taille) / 1000, y, taille, couleur);
    }
    this.finDeLigne = { x: x + this.largeur(t, taille, graisse), y: A4.hauteur - y, taille, graisse };
  }

  /** One run of a text in a fallback font (or Marianne), at its place on the line. */
  private morceau(m: Morceau, x: number, y: number, taille: number, couleur: string) {
    const nom = m.police.nom;
    if (nom !== 'regular' && nom !== 'bold' && !this.secours.has(nom)) {
      this.doc.registerFont(nom, m.police.donnees);
      this.secours.add(nom);
    }
    this.doc.font(nom).fontSize(taille).fillColor(couleur);
    if (m.lettres) {
      // pdfkit writes each glyph's characters, as fontkit reports them, in the font's ToUnicode map: a presentation
      // form drawn for an Arabic letter must read back as that letter. fontkit keeps one glyph object per glyph of a
      // font, so setting its characters before the first use is enough (pdfkit 0.17's current font is `_font`).
      const lecteur = (this.doc as unknown as { _font?: { font?: Font } })._font?.font;
      if (!lecteur) throw new Error('pdfkit: no current font to map Arabic forms');
      for (const [forme, lettres] of m.lettres) lecteur.glyphForCodePoint(forme).codePoints = lettres;
    }
    this.doc.text(m.texte, x, A4.hauteur - y, TEXTE);
  }

  /** Right-aligned at x. */
  texteDroite(x: number, y: number, texte: string, taille: number, graisse: Graisse = 'regular', couleur = NOIR) {
    this.texte(x - this.largeur(texte, taille, graisse), y, texte, taille, graisse, couleur);
  }

  rectangle(x: number, y: number, l: number, h: number, couleur: string) {
    if (this.brouillon) return;
    this.decor(() => this.doc.rect(x, A4.hauteur - y - h, l, h).fill(couleur));
  }

  /** A straight line (rules, axes). */
  trait(x1: number, y1: number, x2: number, y2: number, couleur: string, epaisseur = 0.5) {
    if (this.brouillon) return;
    this.decor(() =>
      this.doc
        .moveTo(x1, A4.hauteur - y1)
        .lineTo(x2, A4.hauteur - y2)
        .lineWidth(epaisseur)
        .strokeColor(couleur)
        .stroke(),
    );
  }

  nouvellePage() {
    if (!this.brouillon) this.doc.addPage();
  }

  private decor(dessiner: () => void) {
    if (this.marque === 'aucune') this.artefact(dessiner);
    else dessiner();
  }

  // ——— Structure ———————————————————————————————————————————————————————————————————————————————————————————

  /** A leaf of the structure tree (heading, paragraph, cell…): everything `dessiner` draws is its content. */
  bloc(type: TypeStructure, dessiner: () => void, options: { alt?: string } = {}) {
    if (this.brouillon || this.marque !== 'aucune') {
      dessiner();
      return;
    }
    const element = this.attacher(this.doc.struct(type, options));
    this.marque = 'bloc';
    this.finDeLigne = null;
    try {
      element.add(dessiner);
    } finally {
      this.marque = 'aucune';
    }
    element.end();
  }

  /** A structure element holding the blocks and groups made by `remplir` (a section, a table, a row, a figure). */
  groupe<T>(type: TypeStructure, remplir: () => T, options: { alt?: string } = {}): T {
    if (this.brouillon) return remplir();
    const element = this.attacher(this.doc.struct(type, options));
    this.parents.push(element);
    try {
      return remplir();
    } finally {
      this.parents.pop();
      element.end();
    }
  }

  /** Content that is not part of the text: decorations, running headers and footers, repeated table headers. */
  artefact(dessiner: () => void, type: 'Layout' | 'Pagination' = 'Layout') {
    if (this.brouillon || this.marque !== 'aucune') {
      dessiner();
      return;
    }
    this.doc.markContent('Artifact', { type });
    this.marque = 'artefact';
    try {
      dessiner();
    } finally {
      this.marque = 'aucune';
      this.doc.endMarkedContent();
    }
  }

  private attacher(element: PDFKit.PDFStructureElement) {
    const parent = this.parents.at(-1);
    if (parent) parent.add(element);
    else this.doc.addStructure(element);
    return element;
  }

  /** Draws something on every page once the content is laid out (page numbers, a footer, a document's hash). */
  surChaquePage(dessiner: (numero: number, total: number) => void) {
    this.pieds.push(dessiner);
  }

  /** Ends the document: the per-page footers are drawn, then the file is written out. */
  fin(): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      this.doc.switchToPage(start + i);
      for (const dessiner of this.pieds) this.artefact(() => dessiner(i + 1, count), 'Pagination');
    }
    this.racine.end();
    return new Promise((resolve, reject) => {
      const morceaux: Buffer[] = [];
      this.doc.on('data', (m: Buffer) => morceaux.push(m));
      this.doc.on('end', () => resolve(Buffer.concat(morceaux)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
