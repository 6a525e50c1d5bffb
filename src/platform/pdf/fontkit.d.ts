// fontkit (pdfkit's font reader) ships no types; only the part src/platform/pdf uses is declared here.
declare module 'fontkit' {
  interface Glyph {
    id: number;
    advanceWidth: number;
    /** The characters this glyph stands for: pdfkit writes them in the font's ToUnicode map. */
    codePoints: number[];
  }

  interface GlyphRun {
    glyphs: Glyph[];
    advanceWidth: number;
  }

  interface Font {
    unitsPerEm: number;
    postscriptName: string;
    characterSet: number[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    layout(texte: string): GlyphRun;
  }

  export function create(buffer: Uint8Array): Font;
}
