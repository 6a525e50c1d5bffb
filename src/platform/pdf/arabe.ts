// Arabic letters take one of four shapes (isolated, final, initial, medial) by the letters around them, and lam
// followed by alef is one ligature. The fallback Arabic font is drawn without its OpenType layout tables (like
// Marianne, see polices.ts), so the shapes are chosen here and drawn through the Unicode presentation forms the font
// maps (U+FB50–FBFF, U+FE70–FEFC). Each drawn form stands for exactly one typed letter (two for lam-alef): the PDF's
// ToUnicode map then gives back the letters as typed, which OpenType shaping cannot promise (Noto draws a beh, a teh
// and a noon with one dotless glyph plus separate dots).

/** The forms of a letter, by presentation code point; a right-joining letter has no initial or medial form. */
interface Formes {
  isolee: number;
  finale?: number;
  initiale?: number;
  mediane?: number;
}

const LAM = 0x644;
/** Lam-alef ligatures, isolated form (the final form is the next code point), by alef. */
const LAM_ALEF: Record<number, number> = { 1570: 0xfef5, 1571: 0xfef7, 1573: 0xfef9, 1575: 0xfefb };
const TATWEEL = 0x640;
const ZWJ = 0x200d;

let formes: Map<number, Formes> | null = null;

/**
 * The forms of each letter, read from Unicode's compatibility decompositions: consecutive presentation code points
 * decomposing to the same letter are its isolated, final, initial and medial forms in that order. The main block
 * (FE70–FEFC) comes first; the other block only adds letters the first lacks (Persian, Urdu…).
 */
function lesFormes(): Map<number, Formes> {
  if (formes) return formes;
  const table = new Map<number, Formes>();
  for (const [debut, fin] of [
    [0xfe70, 0xfefc],
    [0xfb50, 0xfbff],
  ] as const) {
    let cp = debut;
    while (cp <= fin) {
      const lettre = [...String.fromCodePoint(cp).normalize('NFKC')];
      const base = lettre.length === 1 ? (lettre[0]?.codePointAt(0) ?? 0) : 0;
      let n = 1;
      while (base && cp + n <= fin && String.fromCodePoint(cp + n).normalize('NFKC') === String.fromCodePoint(base))
        n++;
      if (base >= 0x620 && base <= 0x6ff && !table.has(base)) {
        table.set(base, {
          isolee: cp,
          ...(n >= 2 ? { finale: cp + 1 } : {}),
          ...(n >= 4 ? { initiale: cp + 2, mediane: cp + 3 } : {}),
        });
      }
      cp += n;
    }
  }
  formes = table;
  return table;
}

/** Arabic combining marks (harakat…) are transparent: they neither join nor break joining. */
const transparent = (cp: number) => /\p{Mn}/u.test(String.fromCodePoint(cp));
/** A letter joining the next one (dual-joining), or joining-causing (tatweel, zero-width joiner). */
const joint = (cp: number | undefined) =>
  cp !== undefined && (cp === TATWEEL || cp === ZWJ || lesFormes().get(cp)?.initiale !== undefined);
/** A letter joining the previous one (dual- or right-joining). */
const joignable = (cp: number | undefined) =>
  cp !== undefined && (cp === TATWEEL || cp === ZWJ || lesFormes().get(cp)?.finale !== undefined);

/** Whether a text holds a letter this module shapes. */
export const contientArabe = (texte: string) => /[\u0620-\u06ff]/.test(texte);

/**
 * A text in logical order with its Arabic letters replaced by their contextual presentation forms, and, for each form
 * used, the letters it stands for (to write in the PDF's ToUnicode map).
 */
export function formerArabe(texte: string): { texte: string; lettres: Map<number, number[]> } {
  const table = lesFormes();
  const cps = [...texte].map((c) => c.codePointAt(0) ?? 0);
  const voisin = (i: number, pas: 1 | -1) => {
    let j = i + pas;
    while (j >= 0 && j < cps.length && transparent(cps[j] ?? 0)) j += pas;
    return cps[j];
  };
  const sortie: number[] = [];
  const lettres = new Map<number, number[]>();
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i] ?? 0;
    const f = table.get(cp);
    if (!f) {
      sortie.push(cp);
      continue;
    }
    const avant = joint(voisin(i, -1)) && f.finale !== undefined;
    const alef = cp === LAM ? LAM_ALEF[cps[i + 1] ?? 0] : undefined;
    if (alef !== undefined) {
      const ligature = avant ? alef + 1 : alef;
      sortie.push(ligature);
      // A right-to-left run is written in drawing order, left to right, and readers (pdf.js…) reverse its characters
      // back, a ligature's letters with the others: its letters are listed as drawn, alef (left) before lam.
      lettres.set(ligature, [cps[i + 1] ?? 0, LAM]);
      i++;
      continue;
    }
    const apres = f.initiale !== undefined && joignable(voisin(i, 1));
    const forme = avant && apres ? f.mediane : avant ? f.finale : apres ? f.initiale : f.isolee;
    sortie.push(forme ?? f.isolee);
    lettres.set(forme ?? f.isolee, [cp]);
  }
  return { texte: String.fromCodePoint(...sortie), lettres };
}
