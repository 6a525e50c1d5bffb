// The door poster of a site: one A4 page in PDF with the usual hours, announced closures, contact and the public
// page's address, in the State's Marianne typeface, tagged (headings, the hours as a table) for screen readers.

import { formaterJour } from '../../platform/formats/dates.ts';
import { A4, BLEU, DocumentPdf, FOND, GRIS, type Graisse, MARGE } from '../../platform/pdf/document.ts';
import { type SitePublic, telephoneLisible } from '../donnees/index.ts';
import {
  dateLocale,
  type Grille,
  grilleDepuisHoraires,
  JOURS,
  type JourCle,
  NOMS_JOURS,
  nomFuseau,
  validerHoraires,
} from '../horaires/index.ts';

// ——— The poster ——————————————————————————————————————————————————————————————————————————————————————————

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
  formaterJour(date, { ...(avecJour ? { weekday: 'long' } : {}), day: 'numeric', month: 'long', year: 'numeric' });
const SEMAINES = { toutes: '', paires: ' (semaines paires)', impaires: ' (semaines impaires)' } as const;

/** " Heures locales (heure de La Réunion)." overseas, nothing on Paris time. */
const heureLocale = (site: SitePublic) =>
  site.fuseauHoraire === 'Europe/Paris' ? '' : ` Heures locales (${nomFuseau(site.fuseauHoraire)}).`;

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
      { type: 'texte', texte: `Pas de passage les jours fériés.${heureLocale(site)}`, couleur: GRIS },
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
    { type: 'texte', texte: `Fermé les jours fériés.${heureLocale(site)}`, couleur: GRIS },
  ];
}

/** The public note ("uniquement sur rendez-vous", a temporary address…), one paragraph per line. */
function blocsNote(site: SitePublic): Bloc[] {
  if (!site.commentaire) return [];
  return [
    { type: 'espace', hauteur: 0.8 },
    { type: 'titre', texte: 'À savoir' },
    ...site.commentaire.split('\n').map((texte): Bloc => ({ type: 'texte', texte })),
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
function dessinerBlocs(pdf: DocumentPdf, blocs: Bloc[], y: number, echelle: number): number {
  const largeur = A4.largeur - 2 * MARGE;
  const corps = 16 * echelle;
  /** Two columns on a zebra row: a day (or a stop) in bold, its hours beside it. */
  const ligne = (b: Extract<Bloc, { type: 'ligne' }>) => {
    const colonne = b.colonne * largeur;
    const gauche = pdf.couper(b.gauche, corps, colonne - 16, 'bold');
    const droite = pdf.couper(b.droite, corps, largeur - colonne - 8);
    const h = (Math.max(gauche.length, droite.length) * 1.35 + 0.5) * corps;
    pdf.groupe('TR', () => {
      if (b.fond) pdf.rectangle(MARGE, y - h, largeur, h, FOND);
      pdf.bloc('TH', () => {
        for (const [i, l] of gauche.entries()) pdf.texte(MARGE + 8, y - (1.3 + i * 1.35) * corps, l, corps, 'bold');
      });
      pdf.bloc('TD', () => {
        for (const [i, l] of droite.entries()) pdf.texte(MARGE + colonne, y - (1.3 + i * 1.35) * corps, l, corps);
      });
    });
    y -= h;
  };
  for (let i = 0; i < blocs.length; i++) {
    const b = blocs[i] as Bloc;
    if (b.type === 'espace') y -= b.hauteur * corps;
    else if (b.type === 'titre') {
      y -= 24 * echelle;
      pdf.bloc('H2', () => pdf.texte(MARGE, y, b.texte, 20 * echelle, 'bold', BLEU));
      y -= 10 * echelle;
    } else if (b.type === 'ligne') {
      // Consecutive rows make one table.
      pdf.groupe('Table', () => {
        for (; blocs[i]?.type === 'ligne'; i++) ligne(blocs[i] as Extract<Bloc, { type: 'ligne' }>);
      });
      i--;
    } else {
      const retrait = (b.retrait ?? 0) * echelle;
      pdf.bloc('P', () => {
        for (const l of pdf.couper(b.texte, corps, largeur - retrait, b.graisse)) {
          y -= 1.35 * corps;
          pdf.texte(MARGE + retrait, y, l, corps, b.graisse, b.couleur);
        }
      });
    }
  }
  return y;
}

/**
 * The printable A4 door poster of a public site: who, where, usual hours (or a tour's stops), announced closures,
 * contact, when the hours were updated and where to find them online. The body shrinks to stay on one page.
 */
export function afficheSite(site: SitePublic, options: { urlPublique: string; maintenant: Date }): Promise<Buffer> {
  const fuseau = site.fuseauHoraire;
  const aujourdhui = dateLocale(options.maintenant, fuseau);
  const blocs = [
    ...blocsHoraires(site),
    ...blocsNote(site),
    ...blocsFermetures(site, aujourdhui),
    ...blocsContact(site),
  ];
  const bas = MARGE + 70;
  const pdf = new DocumentPdf({ titre: `Affiche – ${site.nom}`, maintenant: options.maintenant });
  const dessiner = (echelle: number) => dessinerBlocs(pdf, blocs, enTete(pdf, site, echelle), echelle);
  const tient = (echelle: number) => pdf.mesurer(() => dessiner(echelle)) >= bas;
  // The largest scale (to a hundredth, down to half size) at which the body fits above the footer.
  let echelle = 1;
  if (!tient(1)) {
    let [petite, grande] = [0.5, 1];
    while (grande - petite > 0.01) {
      const milieu = (petite + grande) / 2;
      if (tient(milieu)) petite = milieu;
      else grande = milieu;
    }
    echelle = petite;
  }
  dessiner(echelle);
  piedDePage(pdf, site, options.urlPublique, fuseau);
  return pdf.fin();
}

/** Bloc-marque, service name, site name and address; returns the y where the body starts. */
function enTete(pdf: DocumentPdf, site: SitePublic, echelle: number): number {
  const haut = A4.hauteur - MARGE;
  const droite = A4.largeur - MARGE;
  pdf.bloc('P', () => {
    pdf.texte(MARGE, haut - 14, 'RÉPUBLIQUE', 14, 'bold');
    pdf.texte(MARGE, haut - 31, 'FRANÇAISE', 14, 'bold');
  });
  pdf.texteDroite(droite, haut - 31, 'France services', 24, 'bold', BLEU);
  pdf.rectangle(MARGE, haut - 46, droite - MARGE, 2, BLEU);
  let y = haut - 56;
  const titre = 30 * Math.max(echelle, 0.75);
  pdf.bloc('H1', () => {
    for (const l of pdf.couper(site.nom, titre, droite - MARGE, 'bold').slice(0, 3)) {
      y -= 1.2 * titre;
      pdf.texte(MARGE, y, l, titre, 'bold', BLEU);
    }
  });
  const adresse = [
    site.genre === 'itinerant' ? `Service itinérant rattaché à : ${site.adresse}` : site.adresse,
    site.complementAdresse,
    `${site.codePostal} ${site.commune}`,
  ].filter((l): l is string => Boolean(l));
  y -= 6;
  const corps = 15 * Math.max(echelle, 0.8);
  pdf.bloc('P', () => {
    for (const l of adresse.flatMap((a) => pdf.couper(a, corps, droite - MARGE))) {
      y -= 1.3 * corps;
      pdf.texte(MARGE, y, l, corps);
    }
  });
  return y - 8;
}

function piedDePage(pdf: DocumentPdf, site: SitePublic, urlPublique: string, fuseau: string) {
  const droite = A4.largeur - MARGE;
  pdf.rectangle(MARGE, MARGE + 54, droite - MARGE, 1, BLEU);
  const miseAJour = dateLongue(dateLocale(site.modifieLe, fuseau), false);
  pdf.texte(MARGE, MARGE + 34, `Horaires mis à jour le ${miseAJour}.`, 11, 'regular', GRIS);
  const url = `${urlPublique.replace(/\/$/, '')}/lieux/${site.id}`;
  const taille = Math.min(12, (12 * (droite - MARGE)) / pdf.largeur(url, 12, 'bold'));
  pdf.bloc('P', () => {
    pdf.texte(MARGE, MARGE + 16, 'Horaires et fermetures à jour sur', 12);
    pdf.texte(MARGE, MARGE, url, taille, 'bold', BLEU);
  });
}
