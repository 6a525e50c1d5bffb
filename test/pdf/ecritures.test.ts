import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentPdf } from '../../src/platform/pdf/document.ts';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';

// Names in any script print as typed on guichet's PDFs (issue 14, point 8): Marianne draws Latin, fallback fonts the
// rest (src/platform/pdf/ecritures.ts). Read back with pdf.js, as a viewer does: the text a reader copies, and the
// fonts it is drawn with, embedded.

const NOMS = [
  { prenom: 'Łukasz', nom: 'Ştefănescu-Nguyễn', courriel: 'lukasz.stefanescu@caf.example' },
  { prenom: 'محمد', nom: 'الأحمد', courriel: 'mohammed.alahmad@msa.example' },
  { prenom: '小龙', nom: '李', courriel: 'xiaolong.li@caf.example' },
  { prenom: 'Олександр', nom: 'Шевченко', courriel: 'oleksandr.shevchenko@caf.example' },
];

/** Font names without their subset tag ("BZZZZZ+"). */
const familles = (polices: Array<{ nom: string }>) => [...new Set(polices.map((p) => p.nom.replace(/^\w{6}\+/, '')))];

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

describe('names in any script on a PDF of the app', () => {
  it('prints référents named in Latin, Arabic, Chinese and Cyrillic letters on the tableau as typed', async () => {
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    const partenaires = await ctx.sql<{ code: string; id: string }>(
      `select code, id from partenaires where code in ('caf', 'msa')`,
    );
    const partenaire = (code: string) => partenaires.find((p) => p.code === code)?.id ?? '';
    for (const n of NOMS) {
      const cree = await coordination.post('/referents', {
        partenaireId: partenaire(n.courriel.endsWith('msa.example') ? 'msa' : 'caf'),
        departement: '92',
        rang: 'suppleant',
        prenom: n.prenom,
        nom: n.nom,
        fonction: 'Conseiller référent',
        telephone: '01 99 00 99 20',
        courriel: n.courriel,
      });
      expect(cree.statusCode).toBe(303);
    }

    const reponse = await coordination.get('/referents/tableau.pdf?departement=92');
    expect(reponse.statusCode).toBe(200);
    const pdf = await lirePdf(reponse.rawPayload);
    for (const n of NOMS) {
      expect(pdf.lu).toContain(`${n.prenom} ${n.nom}`);
      expect(pdf.lu).toContain(n.courriel);
    }
    expect(pdf.lu).not.toContain('\u0000'); // what a missing glyph reads back as
    // Every font is embedded: Marianne for French and Latin names, Noto for the other scripts, never a system font.
    for (const p of pdf.polices) expect(p).toMatchObject({ embarquee: true, type: 'CIDFontType2' });
    expect(familles(pdf.polices).sort()).toEqual([
      'Marianne-Bold',
      'Marianne-Regular',
      'NotoSans-Bold',
      'NotoSansArabic-Bold',
      'NotoSansSC-Bold',
    ]);
    expect(pdf.balise).toBe(true);
  });
});

describe('a document drawn with DocumentPdf', () => {
  it('reads back a line mixing French, an Arabic name and figures as typed, in regular and bold', async () => {
    const p = new DocumentPdf({ titre: 'Écritures', maintenant: new Date('2026-12-02T10:00:00Z') });
    const lignes = [
      'Mandataire : محمد الأحمد (Sceaux, 92330)',
      'فاطمة عبد الله',
      'Citoyen : 李小龙 — Łukasz Ştefănescu-Nguyễn',
      'Γιώργος Παπαδόπουλος, Keʻala',
    ];
    let y = 780;
    for (const graisse of ['regular', 'bold'] as const)
      for (const l of lignes) {
        p.bloc('P', () => p.texte(42, y, l, 11, graisse));
        y -= 20;
      }
    const { lu, polices, pages } = await lirePdf(await p.fin());
    expect(lu).toBe([...lignes, ...lignes].join(' '));
    for (const f of polices) expect(f.embarquee).toBe(true);
    // The Arabic name is drawn right of the French text before it, as wide as measured.
    const mandataire = pages[0]?.textes.find((t) => t.texte.includes('محمد'));
    expect(mandataire?.x).toBeCloseTo(42 + p.largeur('Mandataire : ', 11), 1);
  });

  it('measures and wraps text in several scripts as it draws it', () => {
    const p = new DocumentPdf({ titre: 'Mesures', maintenant: new Date('2026-12-02T10:00:00Z') });
    const nom = 'محمد الأحمد';
    expect(p.largeur(nom, 10)).toBeGreaterThan(0);
    expect(p.largeur(`Nom : ${nom}`, 10)).toBeCloseTo(p.largeur('Nom : ', 10) + p.largeur(nom, 10), 5);
    expect(p.largeur('李小龙', 20)).toBeCloseTo(2 * p.largeur('李小龙', 10), 5);
    const largeurMax = p.largeur('Олександр Шевченко', 10);
    const lignes = p.couper(`${nom} 李小龙 Олександр Шевченко`, 10, largeurMax);
    expect(lignes).toEqual([`${nom} 李小龙`, 'Олександр Шевченко']);
    for (const l of lignes) expect(p.largeur(l, 10)).toBeLessThanOrEqual(largeurMax);
    expect(p.tronquer('Олександр Шевченко', 10, p.largeur('Олександ…', 10))).toBe('Олександ…');
  });

  it('embeds only Marianne when Marianne draws every character, as before', async () => {
    const p = new DocumentPdf({ titre: 'Latin', maintenant: new Date('2026-12-02T10:00:00Z') });
    p.texte(42, 780, 'Hélène Nguyễn, Łucja Wiśniewska, Ingrid Ødegård', 11);
    p.texte(42, 760, '« Réunion » le 1er décembre', 11, 'bold');
    const { polices } = await lirePdf(await p.fin());
    expect(familles(polices).sort()).toEqual(['Marianne-Bold', 'Marianne-Regular']);
  });
});
