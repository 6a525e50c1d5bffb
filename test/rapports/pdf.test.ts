import { describe, expect, it } from 'vitest';
import { agregerContacts } from '../../src/modules/rapports/contacts.ts';
import type { Ligne, Rapport } from '../../src/modules/rapports/index.ts';
import { rapportPdf } from '../../src/modules/rapports/pdf.ts';
import { agregerRendezVous } from '../../src/modules/rapports/rendez-vous.ts';
import { lirePdf } from '../pdf.ts';

/** The quarterly report in PDF for a steering committee, built from a report object (no database needed). */

const MAINTENANT = new Date('2027-01-12T09:30:00Z');
const ligne = (libelle: string, n: number, precedente: number, anneePrecedente: number, cle = libelle): Ligne => ({
  cle,
  libelle,
  n,
  precedente,
  anneePrecedente,
});

const PARTENAIRES: Array<[string, number, number, number]> = [
  ['Caisse d’allocations familiales', 412, 398, 377],
  ['France Travail', 301, 322, 290],
  ['Assurance maladie', 288, 251, 240],
  ['Finances publiques', 205, 180, 262],
  ['Assurance retraite', 147, 139, 120],
  ['ANTS', 96, 88, 110],
  ['MSA', 58, 61, 49],
  ['Ministère de la Justice', 31, 27, 22],
  ['La Poste', 12, 0, 0],
];
const SITUATIONS = [
  'Je déménage',
  'J’attends un enfant',
  'Je perds mon emploi',
  'Je prépare ma retraite',
  'Je déclare mes revenus',
  'Je demande une aide au logement',
  'Je refais ma carte d’identité',
  'Je passe le permis de conduire',
  'Je crée mon entreprise',
  'Je me sépare',
  'Un proche décède',
  'Je suis en situation de handicap',
  'Je cherche une complémentaire santé',
  'Je m’installe en France',
  'Je fais immatriculer un véhicule',
  'Je suis victime d’une infraction',
  'Je rembourse une dette',
  'Je demande le RSA',
  'Je m’occupe d’un proche âgé',
  'Je change de nom',
  'Autre démarche',
];
const LIEUX = [
  'France services de Sceaux',
  'Maison du Plateau',
  'Mairie annexe des Blagis',
  'Médiathèque de Bourg-la-Reine',
  'Centre social des Mathurins',
  'Espace Lamartine',
  'Maison de quartier du Petit-Chambord',
  'Point d’accueil de la gare',
  'Mairie de Fontenay-aux-Roses',
  'Relais France services de Châtenay-Malabry',
  'Antenne de Clamart',
  'Permanences itinérantes – arrêt Place du Marché',
];

function rapportExemple(): Rapport {
  const heures = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
  return {
    perimetre: { type: 'departement', code: '92', libelle: 'Département Hauts-de-Seine' },
    trimestreEnCours: { du: '2026-10-01', au: '2026-12-31' },
    periode: { du: '2026-10-01', au: '2026-12-31', libelle: '4e trimestre 2026' },
    precedente: { du: '2026-07-01', au: '2026-09-30', libelle: '3e trimestre 2026' },
    anneePrecedente: { du: '2025-10-01', au: '2025-12-31', libelle: '4e trimestre 2025' },
    total: ligne('Sollicitations', 1482, 1310, 1225, 'total'),
    reperes: [
      ligne('Non-recours repéré', 64, 58, 40, 'non_recours'),
      ligne('Difficulté avec le numérique', 533, 498, 470, 'difficulte_numerique'),
      ligne('Première visite', 389, 352, 341, 'premiere_visite'),
    ],
    canaux: [
      ligne('Accueil physique', 1104, 990, 930, 'accueil_physique'),
      ligne('Téléphone', 251, 210, 199, 'telephone'),
      ligne('Courriel ou formulaire', 88, 79, 70, 'courriel_formulaire'),
      ligne('Visio', 9, 6, 0, 'visio'),
      ligne('Hors les murs', 30, 25, 26, 'hors_les_murs'),
    ],
    partenaires: PARTENAIRES.map(([l, a, b, c]) => ligne(l, a, b, c)),
    themes: [
      ligne('Prestations sociales', 420, 388, 350),
      ligne('Emploi', 301, 322, 290),
      ligne('Santé', 288, 251, 240),
      ligne('Impôts', 205, 180, 262),
      ligne('Retraite', 147, 139, 120),
      ligne('Papiers d’identité', 121, 30, 63),
    ],
    situations: SITUATIONS.map((s, i) => ligne(s, 150 - i * 7, 140 - i * 6, 120 - i * 5)),
    niveaux: [
      ligne('Information / orientation', 402, 380, 350, 'information_orientation'),
      ligne('Accompagnement au numérique', 390, 344, 330, 'accompagnement_numerique'),
      ligne('Aide à la démarche ou au dossier', 510, 444, 420, 'aide_demarche'),
      ligne('Mise en relation avec le partenaire', 120, 98, 85, 'mise_en_relation'),
      ligne('Prise de rendez-vous', 60, 44, 40, 'prise_rdv'),
    ],
    issues: [
      ligne('Résolu sur place', 1008, 870, 800, 'resolu'),
      ligne('À suivre', 210, 200, 190, 'a_suivre'),
      ligne('Orienté vers un partenaire', 214, 200, 200, 'oriente_partenaire'),
      ligne('Transmis au référent', 50, 40, 35, 'transmis_referent'),
    ],
    durees: [
      ligne('Moins de 10 min', 400, 380, 360, 'moins_10'),
      ligne('10 à 30 min', 700, 600, 560, 'de_10_a_30'),
      ligne('30 min à 1 h', 300, 270, 250, 'de_30_a_60'),
      ligne('Plus d’1 h', 82, 60, 55, 'plus_60'),
    ],
    tranchesAge: [
      ligne('Moins de 26 ans', 200, 180, 170, 'moins_26'),
      ligne('75 ans et plus', 150, 140, 120, 'plus_75'),
    ],
    lieux: { titre: 'Par lieu', lignes: LIEUX.map((l, i) => ligne(l, 240 - i * 15, 220 - i * 14, 200 - i * 12)) },
    grille: {
      heures,
      jours: Array.from({ length: 7 }, (_, j) =>
        heures.map((h) => (j < 5 ? ((h * 7 + j * 3) % 23) + 2 : j === 5 ? 4 : 0)),
      ),
    },
    rendezVous: agregerRendezVous([
      { siteId: 's', siteNom: 'France services de Sceaux', motifId: 'm', motifNom: 'Carte grise', statut: 'vu', n: 72 },
      {
        siteId: 's',
        siteNom: 'France services de Sceaux',
        motifId: 'm',
        motifNom: 'Carte grise',
        statut: 'absent',
        n: 8,
      },
      {
        siteId: 's',
        siteNom: 'France services de Sceaux',
        motifId: 'm',
        motifNom: 'Carte grise',
        statut: 'annule_usager',
        n: 4,
      },
    ]),
    contacts: agregerContacts(
      [],
      () => null,
      MAINTENANT,
      (c) => c,
    ),
  };
}

function rapportVide(): Rapport {
  const r = rapportExemple();
  const zero = (l: Ligne): Ligne => ({ ...l, n: 0, precedente: 0, anneePrecedente: 0 });
  return {
    ...r,
    total: zero(r.total),
    reperes: r.reperes.map(zero),
    canaux: r.canaux.map(zero),
    niveaux: r.niveaux.map(zero),
    issues: r.issues.map(zero),
    durees: r.durees.map(zero),
    tranchesAge: r.tranchesAge.map(zero),
    partenaires: [],
    themes: [],
    situations: [],
    lieux: { titre: 'Par lieu', lignes: [] },
    rendezVous: agregerRendezVous([]),
    grille: { heures: r.grille.heures, jours: r.grille.jours.map((j) => j.map(() => 0)) },
  };
}

/**
 * Numbers as the report prints them, French grouping with a narrow no-break space (U+202F), which pdf.js extracts
 * as a plain space, like every no-break space.
 */
const nombre = (v: number) => new Intl.NumberFormat('fr-FR').format(v).replace(/\u202f/g, ' ');

describe('quarterly report in PDF', () => {
  it('is a numbered multi-page A4 document with a cover, key figures, charts and tables', async () => {
    const pdf = await rapportPdf(rapportExemple(), MAINTENANT);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, texte, titre, langue, balise, polices } = await lirePdf(pdf);
    const n = pages.length;
    expect(n).toBeGreaterThanOrEqual(3);
    for (const p of pages) expect(p.taille.map(Math.round)).toEqual([595, 842]);

    // The cover: title, scope, period, audience, date of production.
    const couverture = pages[0]?.texte ?? '';
    expect(couverture).toContain('Rapport d’activité France services');
    expect(couverture).toContain('Département Hauts-de-Seine');
    expect(couverture).toContain('4e trimestre 2026');
    expect(couverture).toContain('Comité de pilotage');
    expect(couverture).toContain('Document produit le 12 janvier 2027.');

    // Key figures with their changes (1 482 against 1 310 and 1 225), the share resolved on site (1 008 / 1 482).
    const chiffres = pages[1]?.texte ?? '';
    expect(chiffres).toContain('Chiffres clés');
    expect(chiffres).toContain(nombre(1482));
    expect(chiffres).toContain(`Période précédente : +13 % (${nombre(1310)})`);
    expect(chiffres).toContain(`Un an avant : +21 % (${nombre(1225)})`);
    expect(chiffres).toContain('Résolues sur place 68 %');
    expect(chiffres).toContain('Non-recours repéré 64');
    expect(chiffres).toContain('Difficulté avec le numérique 36 %');
    expect(chiffres).toContain('Premières visites 389');

    // A bar per partner with its count at the end, and the partners' table over the three periods.
    expect(texte).toContain('Partenaires sollicités');
    expect(texte).toContain('Caisse d’allocations familiales 412 ');
    expect(texte).toContain('Caisse d’allocations familiales 412 398 377');
    expect(texte).toContain('La Poste 12 0 0');
    expect(texte).toContain('Canaux d’accueil');
    expect(texte).toContain('Accueil physique 1 104');

    // Situations: the first 19, the rest summed; every place; the weekday × hour grid.
    expect(texte).toContain('Je m’occupe d’un proche âgé');
    expect(texte).not.toContain('Je change de nom');
    expect(texte).toContain('Autres situations (2) 27 46 45');
    expect(texte).toContain('Activité par lieu');
    expect(texte).toContain('Permanences itinérantes – arrêt Place du Marché 75 66 68');
    expect(texte).toContain('Affluence par jour et par heure');
    expect(texte).toMatch(/Lundi .*Dimanche/);
    // Appointments: 8 no-shows out of 80 appointments seen or missed, the definition of the rate below the table.
    expect(texte).toContain('Rendez-vous par motif');
    expect(texte).toContain('Carte grise 84 72 8 4 0 0 10,0 %');
    expect(texte).toContain('Taux d’absence = absents ÷ (vus + absents)');

    // Footer on every page, title and language for viewers.
    pages.forEach((p, i) => {
      expect(p.texte).toContain(`page ${i + 1} / ${n}`);
    });
    expect(titre).toBe('Rapport d’activité France services – Département Hauts-de-Seine – 4e trimestre 2026');
    expect(langue).toBe('fr-FR');

    // Tagged: a title, section headings, tables with header cells, charts as figures with their values in words.
    expect(balise).toBe(true);
    const structure = pages.flatMap((p) => p.structure);
    expect(structure.filter((r) => r === 'H1')).toHaveLength(1);
    expect(structure.filter((r) => r === 'H2').length).toBeGreaterThanOrEqual(10);
    expect(structure.filter((r) => r === 'Table').length).toBeGreaterThanOrEqual(9);
    expect(structure).toContain('TH');
    expect(structure.filter((r) => r === 'Figure')).toHaveLength(3);

    // Marianne embedded for every text, no standard font.
    expect(polices.length).toBeGreaterThan(0);
    for (const p of polices) {
      expect(p.nom).toMatch(/^[A-Z]{6}\+Marianne-(Regular|Bold)$/);
      expect(p).toMatchObject({ embarquee: true, type: 'CIDFontType2' });
    }
  });

  it('prints a structure’s name in any Latin script as typed', async () => {
    const r = rapportExemple();
    r.perimetre = {
      type: 'structure',
      id: '0b4f7c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b',
      libelle: 'Łukasz Ştefănescu-Nguyễn « Zoë » l’Ødegård',
    };
    r.lieux.lignes = [ligne('Relais du 1er arrondissement', 3, 2, 1)];
    const { pages, texte, titre } = await lirePdf(await rapportPdf(r, MAINTENANT));
    expect(pages[0]?.texte).toContain('Łukasz Ştefănescu-Nguyễn « Zoë » l’Ødegård');
    expect(texte).toContain('Rapport d’activité – Łukasz Ştefănescu-Nguyễn « Zoë » l’Ødegård');
    expect(texte).toContain('Relais du 1er arrondissement 3 2 1');
    expect(titre).toContain('Łukasz Ştefănescu-Nguyễn');
  });

  it('keeps everything inside the page and repeats a table header when a long table goes on', async () => {
    const r = rapportExemple();
    r.lieux.lignes = Array.from({ length: 80 }, (_, i) => ligne(`Lieu numéro ${i + 1}`, 80 - i, 70, 60));
    const { pages, texte } = await lirePdf(await rapportPdf(r, MAINTENANT));
    expect(texte).toContain('Lieu numéro 80 1 70 60');
    expect(texte).toContain('Activité par lieu (suite)');
    const suite = pages.find((p) => p.texte.includes('Activité par lieu (suite)'));
    expect(suite?.texte).toMatch(
      /Activité par lieu \(suite\) Lieu 4e trimestre 2026 3e trimestre 2026 4e trimestre 2025/,
    );
    for (const p of pages) {
      for (const t of p.textes) {
        expect(t.x, t.texte).toBeGreaterThanOrEqual(40);
        expect(t.x, t.texte).toBeLessThan(555);
        expect(t.y, t.texte).toBeGreaterThanOrEqual(40);
        expect(t.y, t.texte).toBeLessThan(800);
      }
    }
  });

  it('still renders a report with no request at all, with dashes instead of impossible ratios', async () => {
    const pdf = await rapportPdf(rapportVide(), MAINTENANT);
    const { pages, texte } = await lirePdf(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(texte).not.toMatch(/NaN|Infinity|undefined/);
    expect(texte).toContain('Sollicitations 0');
    expect(texte).toContain('Période précédente : — (0)');
    expect(texte).toContain('Résolues sur place —');
    expect(texte).toContain('Aucune sollicitation sur ces périodes.');
    expect(texte).toContain(`page 1 / ${pages.length}`);
  });
});
