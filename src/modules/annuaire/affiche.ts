// The door poster of a site: one A4 page in PDF with the usual hours, announced closures, contact and the public
// page's address, in the State's Marianne typeface. No PDF library declares Node 20 support (pdfkit and pdf-lib
// declare no engines at all), and one page of text needs little: a PDF writer, WinAnsi text and TrueType embedding
// of the DSFR's own fonts (WOFF 1.0, whose tables are zlib streams; the fonts allow embedding for print, fsType 4).

import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { type SitePublic, telephoneLisible } from '../donnees/index.ts';
import {
  dateLocale,
  type Grille,
  grilleDepuisHoraires,
  JOURS,
  type JourCle,
  validerHoraires,
} from '../horaires/index.ts';

// ——— Fonts ———————————————————————————————————————————————————————————————————————————————————————————————

/** A TrueType font ready to embed as a simple font in WinAnsi encoding. */
interface Police {
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

function chargerPolice(fichier: string): Police {
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

const A4 = { largeur: 595.28, hauteur: 841.89 } as const;
const MARGE = 42;
const BLEU = '0 0 0.569'; // bleu France #000091
const NOIR = '0.086 0.086 0.086';
const GRIS = '0.4 0.4 0.4';

type Graisse = 'regular' | 'bold';

class Page {
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

function pdf(contenu: string, polices: Record<Graisse, Police>, titre: string, maintenant: Date): Buffer {
  const objets: Array<string | { dico: string; flux: Buffer }> = [];
  const ajouter = (o: (typeof objets)[number]) => objets.push(o);
  ajouter('<< /Type /Catalog /Pages 2 0 R /Lang (fr-FR) /ViewerPreferences << /DisplayDocTitle true >> >>');
  ajouter('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  ajouter(
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.largeur} ${A4.hauteur}] ` +
      '/Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> /Contents 4 0 R >>',
  );
  const flux = deflateSync(Buffer.from(contenu, 'latin1'));
  ajouter({ dico: `<< /Length ${flux.length} /Filter /FlateDecode >>`, flux });
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

// ——— The poster ——————————————————————————————————————————————————————————————————————————————————————————

let polices: Record<Graisse, Police> | null = null;
/** Loaded once: the fonts do not change while the process runs. */
function lesPolices(): Record<Graisse, Police> {
  polices ??= { regular: chargerPolice('Marianne-Regular.woff'), bold: chargerPolice('Marianne-Bold.woff') };
  return polices;
}

const NOMS_JOURS: Record<JourCle, string> = {
  lu: 'Lundi',
  ma: 'Mardi',
  me: 'Mercredi',
  je: 'Jeudi',
  ve: 'Vendredi',
  sa: 'Samedi',
  di: 'Dimanche',
};

/** "09:30" → "9 h 30", "14:00" → "14 h", as French posters write times. */
const heure = (hhmm: string) => {
  const [h, m] = hhmm.split(':');
  return `${Number(h)} h${m === '00' ? '' : ` ${m}`}`;
};
const plages = (p: Grille[JourCle]) => {
  const t = p.map((x) => `${heure(x.debut)} – ${heure(x.fin)}`);
  return t.length > 1 ? `${t.slice(0, -1).join(', ')} et ${t.at(-1)}` : (t[0] ?? '');
};
const dateLongue = (date: string, avecJour = true) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'UTC',
    ...(avecJour ? { weekday: 'long' } : {}),
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${date}T12:00:00Z`));
const SEMAINES = { toutes: '', paires: ' (semaines paires)', impaires: ' (semaines impaires)' } as const;

function grilleDe(horaires: string | null): Grille | null {
  return horaires && validerHoraires(horaires).ok ? grilleDepuisHoraires(horaires) : null;
}

/** What the body of the poster says, as lines of one size, before layout. */
type Bloc =
  | { type: 'titre'; texte: string }
  /** Two columns; `colonne` is the left one's share of the width. */
  | { type: 'ligne'; gauche: string; droite: string; fond: boolean; colonne: number }
  | { type: 'texte'; texte: string; graisse?: Graisse; retrait?: number; couleur?: string }
  | { type: 'espace'; hauteur: number };

function blocsHoraires(site: SitePublic): Bloc[] {
  if (site.genre === 'itinerant' && site.arrets.length > 0) {
    const blocs: Bloc[] = [{ type: 'titre', texte: 'Passages de la tournée' }];
    site.arrets.forEach((a, i) => {
      const g = grilleDe(a.horaires);
      const jours = g
        ? JOURS.filter((j) => g[j].length > 0)
            .map((j) => `${NOMS_JOURS[j]} ${plages(g[j])}`)
            .join(' ; ')
        : 'horaires en ligne';
      blocs.push({
        type: 'ligne',
        gauche: `${a.nom}, ${a.commune}`,
        droite: `${jours}${SEMAINES[a.semaines]}`,
        fond: i % 2 === 0,
        colonne: 0.45,
      });
    });
    return [
      ...blocs,
      { type: 'espace', hauteur: 0.3 },
      { type: 'texte', texte: 'Pas de passage les jours fériés.', couleur: GRIS },
    ];
  }
  const g = grilleDe(site.horaires);
  if (!g) {
    return [
      { type: 'titre', texte: 'Horaires d’ouverture' },
      {
        type: 'texte',
        texte: site.horaires
          ? 'Consultez les horaires à jour en ligne (adresse en bas de page).'
          : 'Horaires non renseignés.',
      },
    ];
  }
  const jours = JOURS.filter((j) => j !== 'di' || g.di.length > 0);
  return [
    { type: 'titre', texte: 'Horaires d’ouverture' },
    ...jours.map(
      (j, i): Bloc => ({
        type: 'ligne',
        gauche: NOMS_JOURS[j],
        droite: g[j].length ? plages(g[j]) : 'Fermé',
        fond: i % 2 === 0,
        colonne: 0.25,
      }),
    ),
    { type: 'espace', hauteur: 0.3 },
    { type: 'texte', texte: 'Fermé les jours fériés.', couleur: GRIS },
  ];
}

function blocsFermetures(site: SitePublic, aujourdhui: string): Bloc[] {
  const aVenir = site.fermetures.filter((f) => f.fin >= aujourdhui);
  if (aVenir.length === 0) return [];
  const montrees = aVenir.slice(0, 6);
  return [
    { type: 'espace', hauteur: 0.8 },
    { type: 'titre', texte: 'Fermetures exceptionnelles' },
    ...montrees.map(
      (f): Bloc => ({
        type: 'texte',
        texte: `${f.debut === f.fin ? `Le ${dateLongue(f.debut)}` : `Du ${dateLongue(f.debut)} au ${dateLongue(f.fin)}`} : ${f.motif}`,
      }),
    ),
    ...(aVenir.length > montrees.length
      ? [{ type: 'texte' as const, texte: `Et ${aVenir.length - montrees.length} autres : voir en ligne.` }]
      : []),
  ];
}

function blocsContact(site: SitePublic): Bloc[] {
  const lignes = [
    site.telephone && `Téléphone : ${telephoneLisible(site.telephone)}`,
    site.courriel && `Courriel : ${site.courriel}`,
  ].filter((l): l is string => Boolean(l));
  if (lignes.length === 0) return [];
  return [
    { type: 'espace', hauteur: 0.8 },
    { type: 'titre', texte: 'Nous contacter' },
    ...lignes.map((texte): Bloc => ({ type: 'texte', texte })),
  ];
}

/** Draws the blocks from `y` down at a scale; returns where it stopped (to shrink and retry when it overflows). */
function dessinerBlocs(page: Page, blocs: Bloc[], y: number, echelle: number): number {
  const largeur = A4.largeur - 2 * MARGE;
  const corps = 16 * echelle;
  for (const b of blocs) {
    if (b.type === 'espace') y -= b.hauteur * corps;
    else if (b.type === 'titre') {
      y -= 24 * echelle;
      page.texte(MARGE, y, b.texte, 20 * echelle, 'bold', BLEU);
      y -= 10 * echelle;
    } else if (b.type === 'ligne') {
      // Two columns on a zebra row: a day (or a stop) in bold, its hours beside it.
      const colonne = b.colonne * largeur;
      const gauche = page.couper(b.gauche, corps, colonne - 16, 'bold');
      const droite = page.couper(b.droite, corps, largeur - colonne - 8);
      const h = (Math.max(gauche.length, droite.length) * 1.35 + 0.5) * corps;
      if (b.fond) page.rectangle(MARGE, y - h, largeur, h, '0.965 0.965 0.965');
      for (const [i, l] of gauche.entries()) page.texte(MARGE + 8, y - (1.3 + i * 1.35) * corps, l, corps, 'bold');
      for (const [i, l] of droite.entries()) page.texte(MARGE + colonne, y - (1.3 + i * 1.35) * corps, l, corps);
      y -= h;
    } else {
      const retrait = (b.retrait ?? 0) * echelle;
      for (const l of page.couper(b.texte, corps, largeur - retrait, b.graisse)) {
        y -= 1.35 * corps;
        page.texte(MARGE + retrait, y, l, corps, b.graisse, b.couleur);
      }
    }
  }
  return y;
}

/**
 * The printable A4 door poster of a public site: who, where, usual hours (or a tour's stops), announced closures,
 * contact, when the hours were updated and where to find them online. The body shrinks to stay on one page.
 */
export function afficheSite(site: SitePublic, options: { urlPublique: string; maintenant: Date }): Buffer {
  const fuseau = site.fuseauHoraire;
  const aujourdhui = dateLocale(options.maintenant, fuseau);
  const blocs = [...blocsHoraires(site), ...blocsFermetures(site, aujourdhui), ...blocsContact(site)];
  const bas = MARGE + 70;
  const composer = (echelle: number) => {
    const page = new Page(lesPolices());
    return { page, tient: dessinerBlocs(page, blocs, enTete(page, site, echelle), echelle) >= bas };
  };
  // The largest scale (to a hundredth, down to half size) at which the body fits above the footer.
  let essai = composer(1);
  if (!essai.tient) {
    let [petite, grande] = [0.5, 1];
    while (grande - petite > 0.01) {
      const milieu = (petite + grande) / 2;
      if (composer(milieu).tient) petite = milieu;
      else grande = milieu;
    }
    essai = composer(petite);
  }
  const { page } = essai;
  piedDePage(page, site, options.urlPublique, fuseau);
  return pdf(page.ops.join('\n'), lesPolices(), `Affiche – ${site.nom}`, options.maintenant);
}

/** Bloc-marque, service name, site name and address; returns the y where the body starts. */
function enTete(page: Page, site: SitePublic, echelle: number): number {
  const haut = A4.hauteur - MARGE;
  const droite = A4.largeur - MARGE;
  page.texte(MARGE, haut - 14, 'RÉPUBLIQUE', 14, 'bold');
  page.texte(MARGE, haut - 31, 'FRANÇAISE', 14, 'bold');
  page.texteDroite(droite, haut - 31, 'France services', 24, 'bold', BLEU);
  page.rectangle(MARGE, haut - 46, droite - MARGE, 2, BLEU);
  let y = haut - 56;
  const titre = 30 * Math.max(echelle, 0.75);
  for (const l of page.couper(site.nom, titre, droite - MARGE, 'bold').slice(0, 3)) {
    y -= 1.2 * titre;
    page.texte(MARGE, y, l, titre, 'bold', BLEU);
  }
  const adresse = [
    site.genre === 'itinerant' ? `Service itinérant rattaché à : ${site.adresse}` : site.adresse,
    site.complementAdresse,
    `${site.codePostal} ${site.commune}`,
  ].filter((l): l is string => Boolean(l));
  y -= 6;
  const corps = 15 * Math.max(echelle, 0.8);
  for (const l of adresse.flatMap((a) => page.couper(a, corps, droite - MARGE))) {
    y -= 1.3 * corps;
    page.texte(MARGE, y, l, corps);
  }
  return y - 8;
}

function piedDePage(page: Page, site: SitePublic, urlPublique: string, fuseau: string) {
  const droite = A4.largeur - MARGE;
  page.rectangle(MARGE, MARGE + 54, droite - MARGE, 1, BLEU);
  const miseAJour = dateLongue(dateLocale(site.modifieLe, fuseau), false);
  page.texte(MARGE, MARGE + 34, `Horaires mis à jour le ${miseAJour}.`, 11, 'regular', GRIS);
  page.texte(MARGE, MARGE + 16, 'Horaires et fermetures à jour sur', 12);
  const url = `${urlPublique.replace(/\/$/, '')}/lieux/${site.id}`;
  const taille = Math.min(12, (12 * (droite - MARGE)) / page.largeur(url, 12, 'bold'));
  page.texte(MARGE, MARGE, url, taille, 'bold', BLEU);
}
