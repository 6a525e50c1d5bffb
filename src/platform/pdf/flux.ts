// Content flowing down A4 pages: a cursor, page breaks that keep a heading with what follows it, a running header
// drawn on each new page, headings and paragraphs tagged as such.

import { A4, BLEU, type DocumentPdf, GRIS, MARGE } from './document.ts';

export interface OptionsFlux {
  /** Where content starts below the running header, and where it must stop above the footer. */
  haut: number;
  bas: number;
  /** Drawn at the top of every page opened by the flow (an artifact: screen readers skip it). */
  enTete?: (pdf: DocumentPdf) => void;
}

/** The vertical position on the current page, and the page breaks. */
export class Flux {
  y: number;
  readonly largeur = A4.largeur - 2 * MARGE;

  constructor(
    readonly pdf: DocumentPdf,
    private readonly options: OptionsFlux,
  ) {
    this.y = options.haut;
  }

  nouvellePage() {
    this.pdf.nouvellePage();
    const { enTete } = this.options;
    if (enTete) this.pdf.artefact(() => enTete(this.pdf), 'Pagination');
    this.y = this.options.haut;
  }

  /** Opens a new page unless `h` points still fit above the footer; says whether it did. */
  reserver(h: number): boolean {
    if (this.y - h >= this.options.bas) return false;
    this.nouvellePage();
    return true;
  }

  /** A section heading (H2), kept on the same page as the `ensuite` points that follow it. */
  titre(texte: string, ensuite: number) {
    if (!this.reserver(40 + ensuite) && this.y < this.options.haut) this.y -= 14;
    this.y -= 16;
    this.pdf.bloc('H2', () => this.pdf.texte(MARGE, this.y, texte, 14, 'bold', BLEU));
    this.y -= 10;
  }

  /** A heading repeated at the top of a page when a table or chart goes on (an artifact: it was already read). */
  suite(texte: string) {
    this.y -= 12;
    this.pdf.artefact(() => this.pdf.texte(MARGE, this.y, `${texte} (suite)`, 11, 'bold', BLEU));
    this.y -= 10;
  }

  /** A paragraph wrapped to the width; cut by a page break, it goes on as a second paragraph. */
  paragraphe(texte: string, taille = 8.5, couleur = GRIS) {
    const lignes = this.pdf.couper(texte, taille, this.largeur);
    const interligne = taille * 1.4;
    let i = 0;
    while (i < lignes.length) {
      this.reserver(interligne);
      const n = Math.max(1, Math.floor((this.y - this.options.bas) / interligne));
      const morceau = lignes.slice(i, i + n);
      this.pdf.bloc('P', () => {
        for (const l of morceau) {
          this.y -= interligne;
          this.pdf.texte(MARGE, this.y, l, taille, 'regular', couleur);
        }
      });
      i += n;
    }
  }
}
