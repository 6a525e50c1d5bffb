import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A node of a page's structure tree as pdf.js reports it: a role (H1, P, Table…) or a piece of content. */
interface NoeudStructure {
  role?: string;
  children?: NoeudStructure[];
}

/** Roles of a structure tree, depth first, in document order. */
function roles(noeud: NoeudStructure | null): string[] {
  if (!noeud) return [];
  return [...(noeud.role ? [noeud.role] : []), ...(noeud.children ?? []).flatMap(roles)];
}

/**
 * The text as a reader copying it gets it: pieces in drawing order (pdf.js has put each right-to-left piece back in
 * reading order), a piece starting where the previous one ended on the same line glued to it (a name drawn in several
 * fonts, one per Chinese character, reads as one word), others apart with one space.
 */
function lu(pieces: Array<{ x: number; y: number; largeur: number; texte: string }>): string {
  let texte = '';
  pieces.forEach((p, i) => {
    const avant = pieces[i - 1];
    const colle = avant && Math.abs(avant.y - p.y) < 1 && Math.abs(avant.x + avant.largeur - p.x) < 0.5;
    texte += (i === 0 || colle ? '' : ' ') + p.texte;
  });
  return texte.replace(/\s+/g, ' ').trim();
}

/**
 * Reads a PDF back with pdf.js, as a viewer would: per page its size, the text items with their position (points from
 * the bottom-left corner, on the baseline), the text joined with single spaces and as a reader copying it gets it
 * (`lu`), the fonts the text is drawn with, and
 * the structure tree's roles; for the document its title, language and whether it is tagged.
 */
export async function lirePdf(pdf: Buffer) {
  const document = await getDocument({
    data: new Uint8Array(pdf),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const contenu = await page.getTextContent({ disableNormalization: true });
      const elements = contenu.items.flatMap((i) => ('str' in i ? [i] : []));
      const textes = contenu.items
        .flatMap((i) => ('str' in i && i.str.trim() ? [i] : []))
        .map((i) => ({ x: i.transform[4] as number, y: i.transform[5] as number, texte: i.str }));
      // Fonts actually used to show text on the page, resolved by pdf.js (an embedded file or a substitute).
      const operations = await page.getOperatorList();
      const noms = new Set(
        operations.fnArray.flatMap((f, i) => (f === OPS.setFont ? [operations.argsArray[i][0]] : [])),
      );
      const polices = [...noms].map((nom) => {
        const p = page.commonObjs.get(nom) as { name: string; type: string; missingFile: boolean };
        return { nom: p.name, type: p.type, embarquee: !p.missingFile };
      });
      pages.push({
        taille: [x1 - x0, y1 - y0],
        textes,
        texte: textes.map((t) => t.texte.trim()).join(' '),
        lu: lu(elements.map((i) => ({ x: i.transform[4], y: i.transform[5], largeur: i.width, texte: i.str }))),
        polices,
        structure: roles((await page.getStructTree()) as NoeudStructure | null),
      });
    }
    const { info } = (await document.getMetadata()) as { info: { Title?: string; Language?: string } };
    return {
      pages,
      texte: pages.map((p) => p.texte).join(' '),
      lu: pages.map((p) => p.lu).join(' '),
      titre: info.Title ?? '',
      langue: info.Language ?? '',
      /** MarkInfo says the content is marked, and a structure tree exists. */
      balise: (await document.getMarkInfo())?.Marked === true && pages.some((p) => p.structure.length > 0),
      polices: pages.flatMap((p) => p.polices),
    };
  } finally {
    await document.destroy();
  }
}
