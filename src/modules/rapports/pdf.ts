// The activity report of a scope in PDF, for a steering committee: a cover, key figures with their changes, bar charts
// (channels, partners, themes), the detailed tables over three periods and the weekday × hour grid. Content flows
// from page to page; a table cut by a page break repeats its header. Drawn with pdfkit through src/platform/pdf
// (ADR 0026), tagged: headings, tables with header cells, charts as figures with a text alternative.

import { formaterDate } from '../../platform/formats/dates.ts';
import {
  A4,
  BLANC,
  BLEU,
  DocumentPdf,
  FILET,
  FILET_FONCE,
  FOND,
  GRIS,
  type Graisse,
  MARGE,
  NOIR,
  rgb,
} from '../../platform/pdf/document.ts';
import { Flux } from '../../platform/pdf/flux.ts';
import { NOMS_JOURS_SEMAINE } from '../horaires/index.ts';
import {
  COLONNES_CONTACTS,
  DEFINITION_CONTACTS,
  formaterHeures,
  formaterPart,
  type LigneContacts,
} from './contacts.ts';
import { COLONNES_MANDATS, DEFINITION_MANDATS, type LigneMandats, valeursMandats } from './mandats.ts';
import { COLONNES_RENDEZ_VOUS, DEFINITION_TAUX, formaterTaux, type LigneRendezVous } from './rendez-vous.ts';
import {
  COLONNES_ISSUES_SAISINES,
  COLONNES_SAISINES,
  DEFINITION_SAISINES,
  formaterValeurSaisines,
  type LigneSaisines,
  valeursIssuesSaisines,
  valeursSaisines,
} from './saisines.ts';
import type { Ligne, Rapport } from './service.ts';

const LARGEUR = A4.largeur - 2 * MARGE;
const DROITE = A4.largeur - MARGE;
/** Where content starts below the running header, and where it must stop above the footer. */
const HAUT = A4.hauteur - MARGE - 30;
const BAS = MARGE + 28;
/** Bars drawn per chart; every value is in the tables. */
const BARRES_MAX = 12;
const SITUATIONS_MAX = 19;

const NOMBRE = new Intl.NumberFormat('fr-FR');
const nombre = (v: number) => NOMBRE.format(v);
/** "42 %", or "—" when there is nothing to divide. */
const part = (n: number, total: number) => (total > 0 ? `${Math.round((n * 100) / total)}\u00a0%` : '—');
/** Signed change in percent ("+12 %", "-5 %"), "—" when the base is zero. */
const evolution = (n: number, base: number) => {
  if (base === 0) return '—';
  const e = Math.round(((n - base) * 100) / base);
  return `${e > 0 ? '+' : e < 0 ? '-' : ''}${Math.abs(e)}\u00a0%`;
};
/** "0 sollicitation", "1 sollicitation", "12 sollicitations": French counts zero in the singular. */
const sollicitations = (n: number) => `${nombre(n)} sollicitation${n > 1 ? 's' : ''}`;
const dateLongue = (d: Date) => formaterDate(d, 'Europe/Paris', { day: 'numeric', month: 'long', year: 'numeric' });
const trouver = (lignes: Ligne[], cle: string): Ligne =>
  lignes.find((l) => l.cle === cle) ?? { cle, libelle: cle, n: 0, precedente: 0, anneePrecedente: 0 };

function enTeteCourant(pdf: DocumentPdf, r: Rapport) {
  const y = A4.hauteur - MARGE;
  pdf.texte(MARGE, y - 9, 'France services', 9, 'bold', BLEU);
  const droite = `Comité de pilotage – ${r.periode.libelle}`;
  pdf.texteDroite(DROITE, y - 9, pdf.tronquer(droite, 8, LARGEUR - 100), 8, 'regular', GRIS);
  pdf.trait(MARGE, y - 16, DROITE, y - 16, FILET);
}

function piedDePage(pdf: DocumentPdf, r: Rapport, numero: number, total: number) {
  pdf.trait(MARGE, MARGE + 12, DROITE, MARGE + 12, FILET);
  const pagination = `page ${numero} / ${total}`;
  const gauche = `Rapport d’activité – ${r.perimetre.libelle}`;
  pdf.texte(MARGE, MARGE, pdf.tronquer(gauche, 8, LARGEUR - 80), 8, 'regular', GRIS);
  pdf.texteDroite(DROITE, MARGE, pagination, 8, 'regular', GRIS);
}

// ——— Cover and key figures ———————————————————————————————————————————————————————————————————————————————

const NATURE: Record<Rapport['perimetre']['type'], string> = {
  nation: 'Périmètre national',
  region: 'Périmètre régional',
  departement: 'Périmètre départemental',
  structure: 'Structure France services',
  site: 'Lieu d’accueil France services',
  partenaire: 'Partenaire',
};

function couverture(pdf: DocumentPdf, r: Rapport, maintenant: Date) {
  const haut = A4.hauteur - MARGE;
  pdf.bloc('P', () => {
    pdf.texte(MARGE, haut - 14, 'RÉPUBLIQUE', 14, 'bold');
    pdf.texte(MARGE, haut - 31, 'FRANÇAISE', 14, 'bold');
  });
  pdf.texteDroite(DROITE, haut - 31, 'France services', 24, 'bold', BLEU);
  pdf.rectangle(MARGE, haut - 46, LARGEUR, 2, BLEU);
  let y = A4.hauteur * 0.62;
  pdf.bloc('H1', () => {
    for (const l of pdf.couper('Rapport d’activité France services', 30, LARGEUR, 'bold')) {
      pdf.texte(MARGE, y, l, 30, 'bold', BLEU);
      y -= 36;
    }
  });
  y -= 14;
  pdf.texte(MARGE, y, NATURE[r.perimetre.type], 12, 'regular', GRIS);
  pdf.bloc('P', () => {
    for (const l of pdf.couper(r.perimetre.libelle, 22, LARGEUR, 'bold').slice(0, 3)) {
      y -= 28;
      pdf.texte(MARGE, y, l, 22, 'bold');
    }
  });
  y -= 28;
  pdf.texte(MARGE, y, r.periode.libelle, 18);
  y -= 30;
  pdf.rectangle(MARGE, y, 48, 3, BLEU);
  y -= 28;
  pdf.texte(MARGE, y, 'Comité de pilotage', 14, 'bold');
  y = MARGE + 90;
  const notes = [
    `Comparaisons : période précédente (${r.precedente.libelle}) et même période un an avant (${r.anneePrecedente.libelle}).`,
    'Source : sollicitations enregistrées par les agents France services dans guichet.',
    `Document produit le ${dateLongue(maintenant)}.`,
  ];
  for (const n of notes) {
    pdf.bloc('P', () => {
      for (const l of pdf.couper(n, 9, LARGEUR)) {
        pdf.texte(MARGE, y, l, 9, 'regular', GRIS);
        y -= 13;
      }
    });
  }
}

interface Tuile {
  titre: string;
  valeur: string;
  detail: string;
  comparaisons: [string, string];
}

function tuiles(r: Rapport): Tuile[] {
  const t = r.total;
  const evolutions = (l: Ligne): [string, string] => [
    `Période précédente : ${evolution(l.n, l.precedente)} (${nombre(l.precedente)})`,
    `Un an avant : ${evolution(l.n, l.anneePrecedente)} (${nombre(l.anneePrecedente)})`,
  ];
  const parts = (l: Ligne): [string, string] => [
    `Période précédente : ${part(l.precedente, t.precedente)}`,
    `Un an avant : ${part(l.anneePrecedente, t.anneePrecedente)}`,
  ];
  const [resolu, nonRecours, numerique, premiere] = [
    trouver(r.issues, 'resolu'),
    trouver(r.reperes, 'non_recours'),
    trouver(r.reperes, 'difficulte_numerique'),
    trouver(r.reperes, 'premiere_visite'),
  ];
  /** A share of the period's requests, or why there is none. */
  const desSollicitations = (n: number) => (t.n > 0 ? `${part(n, t.n)} des sollicitations` : 'Aucune sollicitation');
  const sollicites = (cle: 'n' | 'precedente' | 'anneePrecedente') => r.partenaires.filter((p) => p[cle] > 0).length;
  const premier = r.partenaires.find((p) => p.n > 0);
  return [
    { titre: 'Sollicitations', valeur: nombre(t.n), detail: r.periode.libelle, comparaisons: evolutions(t) },
    {
      titre: 'Résolues sur place',
      valeur: part(resolu.n, t.n),
      detail: t.n > 0 ? `${sollicitations(resolu.n)} sur ${nombre(t.n)}` : 'Aucune sollicitation',
      comparaisons: parts(resolu),
    },
    {
      titre: 'Non-recours repéré',
      valeur: nombre(nonRecours.n),
      detail: desSollicitations(nonRecours.n),
      comparaisons: evolutions(nonRecours),
    },
    {
      titre: 'Difficulté avec le numérique',
      valeur: part(numerique.n, t.n),
      detail: sollicitations(numerique.n),
      comparaisons: parts(numerique),
    },
    {
      titre: 'Premières visites',
      valeur: nombre(premiere.n),
      detail: desSollicitations(premiere.n),
      comparaisons: evolutions(premiere),
    },
    {
      titre: 'Partenaires sollicités',
      valeur: nombre(sollicites('n')),
      detail: premier ? `En tête : ${premier.libelle} (${part(premier.n, t.n)})` : 'Aucun sur la période',
      comparaisons: [
        `Période précédente : ${nombre(sollicites('precedente'))}`,
        `Un an avant : ${nombre(sollicites('anneePrecedente'))}`,
      ],
    },
  ];
}

function chiffresCles(m: Flux, r: Rapport) {
  m.titre('Chiffres clés', 120);
  m.paragraphe(
    `${r.periode.libelle}, comparé à la période précédente (${r.precedente.libelle}) et à la même période ` +
      `un an avant (${r.anneePrecedente.libelle}). « — » : pas de base de comparaison.`,
    9,
  );
  m.y -= 10;
  const [ecart, hauteur] = [12, 100];
  const largeur = (LARGEUR - ecart) / 2;
  const p = m.pdf;
  tuiles(r).forEach((t, i) => {
    if (i % 2 === 0) m.reserver(hauteur + ecart);
    const [x, y] = [MARGE + (i % 2) * (largeur + ecart), m.y];
    p.rectangle(x, y - hauteur, largeur, hauteur, FOND);
    p.rectangle(x, y - hauteur, largeur, 3, BLEU);
    // A tile reads as a small section: its title, then the figure and its comparisons.
    p.groupe('Div', () => {
      p.bloc('H3', () => p.texte(x + 12, y - 18, p.tronquer(t.titre, 10, largeur - 24, 'bold'), 10, 'bold'));
      p.bloc('P', () => {
        p.texte(x + 12, y - 46, p.tronquer(t.valeur, 24, largeur - 24, 'bold'), 24, 'bold', BLEU);
        p.texte(x + 12, y - 62, p.tronquer(t.detail, 8.5, largeur - 24), 8.5);
      });
      p.bloc('P', () => {
        t.comparaisons.forEach((c, j) => {
          p.texte(x + 12, y - 77 - j * 11, p.tronquer(c, 8.5, largeur - 24), 8.5, 'regular', GRIS);
        });
      });
    });
    if (i % 2 === 1) m.y -= hauteur + ecart;
  });
}

// ——— Charts and tables ———————————————————————————————————————————————————————————————————————————————————

/**
 * Horizontal bars in bleu France, the largest value at full width, each value written at the end of its bar; tagged as
 * a figure whose text alternative lists the values.
 */
function barres(m: Flux, titre: string, lignes: Ligne[], nomTableau?: string) {
  const [hauteurLigne, colonne] = [18, 180];
  const montrees = lignes.slice(0, BARRES_MAX);
  const x0 = MARGE + colonne;
  const pleine = LARGEUR - colonne - 50;
  const max = Math.max(0, ...montrees.map((l) => l.n));
  const p = m.pdf;
  m.titre(titre, hauteurLigne * Math.min(3, Math.max(1, montrees.length)));
  if (montrees.length === 0) m.paragraphe('Aucune sollicitation sur ces périodes.', 9);
  const alt = `${titre} : ${montrees.map((l) => `${l.libelle} ${nombre(l.n)}`).join(', ')}.`;
  if (montrees.length > 0) {
    p.groupe(
      'Figure',
      () => {
        for (const l of montrees) {
          if (m.reserver(hauteurLigne)) m.suite(titre);
          const base = m.y - 12.5;
          const largeur = max > 0 ? (l.n / max) * pleine : 0;
          p.bloc('P', () => {
            p.texteDroite(x0 - 8, base, p.tronquer(l.libelle, 9, colonne - 12), 9);
            if (largeur > 0) p.rectangle(x0, m.y - 15, Math.max(largeur, 1), 11, BLEU);
            p.texte(x0 + largeur + 5, base, nombre(l.n), 9, 'bold');
          });
          p.trait(x0, m.y, x0, m.y - hauteurLigne, GRIS);
          m.y -= hauteurLigne;
        }
      },
      { alt },
    );
  }
  if (lignes.length > montrees.length) {
    m.y -= 4;
    m.paragraphe(
      `Les ${BARRES_MAX} premiers sur ${lignes.length}${nomTableau ? ` ; tous figurent dans le tableau « ${nomTableau} »` : ''}.`,
    );
  }
}

interface LigneTableau {
  libelle: string;
  valeurs: string[];
  graisse?: Graisse;
}

/** A table: a label column and right-aligned figures; rows cut by a page break go on under a repeated header. */
function tableau(m: Flux, titre: string, entetes: string[], lignes: LigneTableau[], note?: string) {
  const [taille, interligne] = [9, 11];
  const colonne = entetes.length > 6 ? 50 : entetes.length > 4 ? 62 : 92;
  const largeurLibelle = LARGEUR - colonne * (entetes.length - 1);
  const droiteDe = (i: number) => MARGE + largeurLibelle + i * colonne - 6;
  const p = m.pdf;
  const entete = () => {
    const textes = entetes.map((e, i) => p.couper(e, 8, (i === 0 ? largeurLibelle : colonne) - 12, 'bold'));
    const h = Math.max(...textes.map((t) => t.length)) * 10 + 8;
    textes.forEach((t, i) => {
      p.bloc('TH', () => {
        t.forEach((l, j) => {
          const y = m.y - 11 - j * 10;
          if (i === 0) p.texte(MARGE + 6, y, l, 8, 'bold');
          else p.texteDroite(droiteDe(i), y, l, 8, 'bold');
        });
      });
    });
    m.y -= h;
    p.trait(MARGE, m.y, DROITE, m.y, FILET_FONCE, 1);
  };
  const libelles = lignes.map((l) => {
    const c = p.couper(l.libelle, taille, largeurLibelle - 12, l.graisse);
    return c.length > 2 ? [c[0] ?? '', p.tronquer(c.slice(1).join(' '), taille, largeurLibelle - 12)] : c;
  });
  m.titre(titre, 30 + 2 * (2 * interligne + 6));
  p.groupe('Table', () => {
    p.groupe('TR', entete);
    if (lignes.length === 0) {
      m.y -= 4;
      m.paragraphe('Aucune sollicitation sur ces périodes.', 9);
    }
    lignes.forEach((l, i) => {
      const texte = libelles[i] ?? [];
      const h = Math.max(1, texte.length) * interligne + 6;
      // The header repeated on a new page is an artifact: the table's structure has it once.
      if (m.reserver(h)) {
        m.suite(titre);
        p.artefact(entete);
      }
      p.groupe('TR', () => {
        if (i % 2 === 1) p.rectangle(MARGE, m.y - h, LARGEUR, h, FOND);
        p.bloc('TH', () => {
          texte.forEach((t, j) => {
            p.texte(MARGE + 6, m.y - 12 - j * interligne, t, taille, l.graisse);
          });
        });
        l.valeurs.forEach((v, j) => {
          p.bloc('TD', () => {
            p.texteDroite(droiteDe(j + 1), m.y - 12, v, taille, j === 0 ? 'bold' : (l.graisse ?? 'regular'));
          });
        });
      });
      m.y -= h;
    });
  });
  p.trait(MARGE, m.y, DROITE, m.y, FILET);
  if (note) {
    m.y -= 2;
    m.paragraphe(note);
  }
}

const enLignes = (lignes: Ligne[]): LigneTableau[] =>
  lignes.map((l) => ({ libelle: l.libelle, valeurs: [l.n, l.precedente, l.anneePrecedente].map(nombre) }));

/** The first life situations, the others summed on one row (a request has one situation). */
function situations(lignes: Ligne[]): LigneTableau[] {
  const reste = lignes.slice(SITUATIONS_MAX);
  if (reste.length === 0) return enLignes(lignes);
  const somme = (cle: 'n' | 'precedente' | 'anneePrecedente') => reste.reduce((s, l) => s + l[cle], 0);
  return [
    ...enLignes(lignes.slice(0, SITUATIONS_MAX)),
    {
      libelle: `Autres situations (${reste.length})`,
      valeurs: [somme('n'), somme('precedente'), somme('anneePrecedente')].map(nombre),
    },
  ];
}

/** Requests by weekday and hour, each cell shaded in bleu France by its share of the busiest one. */
function grille(m: Flux, r: Rapport) {
  const { heures, jours } = r.grille;
  const [hauteur, colonneJour, colonneTotal] = [18, 64, 44];
  const cellule = Math.min(34, (LARGEUR - colonneJour - colonneTotal) / Math.max(1, heures.length));
  const lignes = NOMS_JOURS_SEMAINE.map((nom, j) => ({ nom, valeurs: heures.map((_, h) => jours[j]?.[h] ?? 0) }));
  const max = Math.max(0, ...lignes.flatMap((l) => l.valeurs));
  m.titre('Affluence par jour et par heure', hauteur * 9 + 50);
  m.paragraphe(
    `Sollicitations de la période (${r.periode.libelle}) selon le jour et l’heure locale du lieu ; ` +
      'plus la case est foncée, plus l’affluence est forte.',
  );
  m.y -= 6;
  const p = m.pdf;
  const xTotal = MARGE + colonneJour + cellule * heures.length;
  const centre = (x: number, y: number, texte: string, largeur: number, couleur: string, graisse: Graisse) => {
    const taille = Math.min(8, (8 * (largeur - 3)) / Math.max(1, p.largeur(texte, 8, graisse)));
    p.texte(x + (largeur - p.largeur(texte, taille, graisse)) / 2, y, texte, taille, graisse, couleur);
  };
  const totaux = heures.map(() => 0);
  p.groupe('Table', () => {
    p.groupe('TR', () => {
      p.bloc('TD', () => {});
      heures.forEach((h, i) => {
        p.bloc('TH', () => centre(MARGE + colonneJour + i * cellule, m.y - 12, `${h} h`, cellule, NOIR, 'bold'));
      });
      p.bloc('TH', () => p.texteDroite(DROITE - 4, m.y - 12, 'Total', 8, 'bold'));
    });
    m.y -= hauteur;
    p.trait(MARGE, m.y, DROITE, m.y, FILET_FONCE, 1);
    for (const l of lignes) {
      p.groupe('TR', () => {
        p.bloc('TH', () => p.texte(MARGE + 4, m.y - 12, l.nom, 8.5, 'bold'));
        l.valeurs.forEach((v, i) => {
          const t = max > 0 ? v / max : 0;
          const x = MARGE + colonneJour + i * cellule;
          if (v > 0)
            p.rectangle(x + 0.5, m.y - hauteur + 0.5, cellule - 1, hauteur - 1, rgb(1 - t, 1 - t, 1 - t * 0.431));
          p.bloc('TD', () =>
            centre(x, m.y - 12, nombre(v), cellule, v === 0 ? GRIS : t > 0.45 ? BLANC : NOIR, 'regular'),
          );
          totaux[i] = (totaux[i] ?? 0) + v;
        });
        const total = nombre(l.valeurs.reduce((s, v) => s + v, 0));
        p.bloc('TD', () => p.texteDroite(DROITE - 4, m.y - 12, total, 8.5, 'bold'));
      });
      m.y -= hauteur;
      p.trait(MARGE, m.y, DROITE, m.y, FILET);
    }
    p.groupe('TR', () => {
      p.bloc('TH', () => p.texte(MARGE + 4, m.y - 12, 'Total', 8.5, 'bold'));
      totaux.forEach((v, i) => {
        p.bloc('TD', () => centre(MARGE + colonneJour + i * cellule, m.y - 12, nombre(v), cellule, NOIR, 'bold'));
      });
      const total = nombre(totaux.reduce((s, v) => s + v, 0));
      p.bloc('TD', () => p.texteDroite(DROITE - 4, m.y - 12, total, 8.5, 'bold'));
    });
  });
  p.trait(xTotal, m.y + hauteur * 8, xTotal, m.y - hauteur, FILET);
  m.y -= hauteur;
}

/** Appointments of the period per site (when there are several) and per motif, with the no-show rate. */
function rendezVous(m: Flux, r: Rapport) {
  const rdv = r.rendezVous;
  if (rdv.total.reserves === 0) return;
  const enTexte = (l: LigneRendezVous, graisse?: Graisse): LigneTableau => ({
    libelle: l.libelle,
    valeurs: [l.reserves, l.vus, l.absents, l.annulesUsager, l.annulesSite, l.nonClotures]
      .map(nombre)
      .concat(formaterTaux(l.taux)),
    graisse,
  });
  if (rdv.sites.length > 1)
    tableau(
      m,
      'Rendez-vous par lieu',
      ['Lieu', ...COLONNES_RENDEZ_VOUS],
      rdv.sites.map((l) => enTexte(l)),
    );
  tableau(
    m,
    'Rendez-vous par motif',
    ['Motif', ...COLONNES_RENDEZ_VOUS],
    [...rdv.motifs.map((l) => enTexte(l)), enTexte(rdv.total, 'bold')],
    DEFINITION_TAUX,
  );
}

/** Messages written to the sites: per département and structure (when several), per site, with the total. */
function contacts(m: Flux, r: Rapport) {
  const c = r.contacts;
  if (c.total.recues === 0) return;
  const enTexte = (l: LigneContacts, graisse?: Graisse): LigneTableau => ({
    libelle: l.libelle,
    valeurs: [l.recues, l.repondues, l.dansDelai, l.enRetard]
      .map(nombre)
      .concat(formaterPart(l.part), formaterHeures(l.mediane)),
    graisse,
  });
  const tables: Array<[string, string, LigneContacts[]]> = [
    ['Messages par département', 'Département', c.departements],
    ['Messages par structure', 'Structure', c.structures],
    ['Messages par lieu', 'Lieu', c.sites],
  ];
  for (const [titre, entete, lignes] of tables) {
    if (lignes.length < 2 && entete !== 'Lieu') continue;
    const derniere = entete === 'Lieu';
    tableau(
      m,
      titre,
      [entete, ...COLONNES_CONTACTS],
      [...lignes.map((l) => enTexte(l)), enTexte(c.total, 'bold')],
      derniere ? DEFINITION_CONTACTS : undefined,
    );
  }
}

/** Cases handed to partners' référents: per partner, per département (when several), and their outcomes. */
function saisines(m: Flux, r: Rapport) {
  const s = r.saisines;
  if (!s || s.total.creees === 0) return;
  const enTexte = (l: LigneSaisines, graisse?: Graisse): LigneTableau => ({
    libelle: l.libelle,
    valeurs: valeursSaisines(l).map(formaterValeurSaisines),
    graisse,
  });
  const avecTotal = (lignes: LigneSaisines[]) => [...lignes.map((l) => enTexte(l)), enTexte(s.total, 'bold')];
  tableau(m, 'Saisines des référents par partenaire', ['Partenaire', ...COLONNES_SAISINES], avecTotal(s.partenaires));
  if (s.departements.length > 1)
    tableau(
      m,
      'Saisines des référents par département',
      ['Département', ...COLONNES_SAISINES],
      avecTotal(s.departements),
    );
  const issues = (l: LigneSaisines, graisse?: Graisse): LigneTableau => ({
    libelle: l.libelle,
    valeurs: valeursIssuesSaisines(l).map(nombre),
    graisse,
  });
  tableau(
    m,
    'Issues des saisines clôturées, par partenaire',
    ['Partenaire', ...COLONNES_ISSUES_SAISINES],
    [...s.partenaires.map((l) => issues(l)), issues(s.total, 'bold')],
    DEFINITION_SAISINES,
  );
}

/** Mandates per structure: signed, active at the end, revoked (by whom), expired; counts only. */
function mandats(m: Flux, r: Rapport) {
  const t = r.mandats;
  if (!t || t.structures.length === 0) return;
  const enTexte = (l: LigneMandats, graisse?: Graisse): LigneTableau => ({
    libelle: l.libelle,
    valeurs: valeursMandats(l).map(nombre),
    graisse,
  });
  const lignes = [...t.structures.map((l) => enTexte(l)), enTexte(t.total, 'bold')];
  tableau(m, 'Mandats par structure', ['Structure', ...COLONNES_MANDATS], lignes, DEFINITION_MANDATS);
}

// ——— The document ————————————————————————————————————————————————————————————————————————————————————————

/**
 * The activity report of a scope over a period as an A4 PDF for a steering committee: cover, key figures with their
 * change against the previous period and the same period a year before, bar charts, detailed tables over the three
 * periods and the weekday × hour grid, numbered "page n / N".
 */
export function rapportPdf(r: Rapport, maintenant: Date): Promise<Buffer> {
  const titre = `Rapport d’activité France services – ${r.perimetre.libelle} – ${r.periode.libelle}`;
  const pdf = new DocumentPdf({ titre, maintenant });
  const m = new Flux(pdf, { haut: HAUT, bas: BAS, enTete: (p) => enTeteCourant(p, r) });
  couverture(pdf, r, maintenant);
  m.nouvellePage();
  chiffresCles(m, r);
  const periodes = [r.periode.libelle, r.precedente.libelle, r.anneePrecedente.libelle];
  const t = r.total;
  tableau(
    m,
    'Indicateurs sur les trois périodes',
    ['Indicateur', ...periodes],
    [
      { libelle: 'Sollicitations', valeurs: [t.n, t.precedente, t.anneePrecedente].map(nombre), graisse: 'bold' },
      ...enLignes([trouver(r.issues, 'resolu'), ...r.reperes]),
    ],
  );
  barres(m, 'Canaux d’accueil', r.canaux);
  barres(m, 'Partenaires sollicités', r.partenaires, 'Partenaires');
  barres(m, 'Thèmes des demandes', r.themes, 'Thèmes');

  m.nouvellePage();
  const note = 'Une sollicitation peut concerner plusieurs partenaires : la somme des lignes peut dépasser le total.';
  tableau(m, 'Partenaires', ['Partenaire', ...periodes], enLignes(r.partenaires), note);
  tableau(m, 'Thèmes', ['Thème', ...periodes], enLignes(r.themes));
  tableau(m, 'Situations de vie', ['Situation de vie', ...periodes], situations(r.situations));
  tableau(m, 'Niveau d’accompagnement', ['Niveau', ...periodes], enLignes(r.niveaux));
  tableau(m, 'Issue des sollicitations', ['Issue', ...periodes], enLignes(r.issues));
  tableau(m, 'Durée des sollicitations', ['Durée', ...periodes], enLignes(r.durees));
  tableau(m, 'Âge du public', ['Tranche d’âge', ...periodes], enLignes(r.tranchesAge));
  const lieu = r.perimetre.type === 'nation' || r.perimetre.type === 'region' ? 'Département' : 'Lieu';
  tableau(m, `Activité ${r.lieux.titre.toLowerCase()}`, [lieu, ...periodes], enLignes(r.lieux.lignes));
  rendezVous(m, r);
  contacts(m, r);
  saisines(m, r);
  mandats(m, r);
  grille(m, r);

  pdf.surChaquePage((numero, total) => piedDePage(pdf, r, numero, total));
  return pdf.fin();
}
