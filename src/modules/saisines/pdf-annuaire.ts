// The "tableau récapitulatif des référents" of a département (convention annexe 6) in PDF, to attach to the convention
// or print for the counter: per partner its deadline and its référents (rank, name and function, direct phone and
// email, scope and coming absences), then the partners' offers at the sites. Drawn with src/platform/pdf (ADR 0026):
// tagged headings and tables, a table cut by a page break repeats its header, names print as typed (Marianne covers
// the Latin scripts).

import { formaterDate } from '../../platform/formats/dates.ts';
import { dateEnClair } from '../../platform/http/dates.ts';
import { A4, BLEU, DocumentPdf, FILET, FILET_FONCE, FOND, GRIS, MARGE } from '../../platform/pdf/document.ts';
import { Flux } from '../../platform/pdf/flux.ts';
import { nomDepartement } from '../territoires/index.ts';
import type { Referent, TableauReferents } from './service-annuaire.ts';
import { LIBELLES_RANGS } from './validation-annuaire.ts';

const LARGEUR = A4.largeur - 2 * MARGE;
const DROITE = A4.largeur - MARGE;
const HAUT = A4.hauteur - MARGE - 30;
const BAS = MARGE + 28;
const TAILLE = 8.5;
const INTERLIGNE = 10.5;

const titreDe = (t: TableauReferents) => `Tableau récapitulatif des référents – ${nomDepartement(t.departement)}`;

/** Columns of a partner's table: header and width in points (they fill the page's width). */
const COLONNES: Array<[string, number]> = [
  ['Rang', 62],
  ['Nom et fonction', 135],
  ['Téléphone et adresse électronique', 190],
  ['Périmètre et absences', LARGEUR - 62 - 135 - 190],
];

/** A cell's lines, and whether they are drawn whole (shrunk to fit) rather than wrapped: addresses must stay whole. */
interface Cellule {
  lignes: string[];
  entieres?: boolean;
}

function cellules(r: Referent): Cellule[] {
  const absences = r.absences.map((a) => `absent du ${dateEnClair(a.du)} au ${dateEnClair(a.au)}`);
  return [
    { lignes: [LIBELLES_RANGS[r.rang]] },
    { lignes: [`${r.prenom} ${r.nom}`, ...(r.fonction ? [r.fonction] : [])] },
    { lignes: [r.telephone ?? 'Téléphone non renseigné', r.courriel], entieres: true },
    {
      lignes: [r.nomsStructures.length === 0 ? 'Tout le département' : r.nomsStructures.join(', '), ...absences],
    },
  ];
}

/** A table of wrapped cells; cut by a page break, it goes on under a repeated header (an artifact). */
function tableau(m: Flux, titre: string, lignes: Cellule[][]) {
  const p = m.pdf;
  const xDe = (i: number) => MARGE + COLONNES.slice(0, i).reduce((s, [, l]) => s + l, 0);
  const largeurDe = (i: number) => (COLONNES[i]?.[1] ?? 60) - 8;
  const entete = () => {
    COLONNES.forEach(([nom], i) => {
      p.bloc('TH', () => p.texte(xDe(i) + 4, m.y - 11, p.tronquer(nom, 8, largeurDe(i), 'bold'), 8, 'bold'));
    });
    m.y -= 16;
    p.trait(MARGE, m.y, DROITE, m.y, FILET_FONCE, 1);
  };
  // Each drawn line: its text, size and weight; a whole line too wide is shrunk rather than cut.
  const disposees = lignes.map((ligne) =>
    ligne.map((c, i) =>
      c.lignes.flatMap((texte, j) => {
        const graisse = i === 1 && j === 0 ? ('bold' as const) : ('regular' as const);
        if (c.entieres) {
          const taille = Math.min(TAILLE, (TAILLE * largeurDe(i)) / Math.max(1, p.largeur(texte, TAILLE, graisse)));
          return [{ texte, taille, graisse }];
        }
        return p.couper(texte, TAILLE, largeurDe(i), graisse).map((t) => ({ texte: t, taille: TAILLE, graisse }));
      }),
    ),
  );
  p.groupe('Table', () => {
    p.groupe('TR', entete);
    disposees.forEach((ligne, n) => {
      const h = Math.max(1, ...ligne.map((c) => c.length)) * INTERLIGNE + 6;
      if (m.reserver(h)) {
        m.suite(titre);
        p.artefact(entete);
      }
      p.groupe('TR', () => {
        if (n % 2 === 1) p.rectangle(MARGE, m.y - h, LARGEUR, h, FOND);
        ligne.forEach((cellule, i) => {
          p.bloc(i === 1 ? 'TH' : 'TD', () => {
            cellule.forEach((l, j) => {
              p.texte(xDe(i) + 4, m.y - 11 - j * INTERLIGNE, l.texte, l.taille, l.graisse);
            });
          });
        });
      });
      m.y -= h;
    });
  });
  p.trait(MARGE, m.y, DROITE, m.y, FILET);
}

/** The tableau of a département as an A4 PDF, "page n / N", dated. */
export function tableauPdf(t: TableauReferents): Promise<Buffer> {
  const titre = titreDe(t);
  const pdf = new DocumentPdf({ titre, maintenant: t.maintenant });
  const enTete = (p: DocumentPdf) => {
    const y = A4.hauteur - MARGE;
    p.texte(MARGE, y - 9, 'France services', 9, 'bold', BLEU);
    p.texteDroite(DROITE, y - 9, p.tronquer(titre, 8, LARGEUR - 100), 8, 'regular', GRIS);
    p.trait(MARGE, y - 16, DROITE, y - 16, FILET);
  };
  const m = new Flux(pdf, { haut: HAUT, bas: BAS, enTete });
  pdf.artefact(() => enTete(pdf), 'Pagination');
  m.y -= 10;
  pdf.bloc('H1', () => {
    for (const l of pdf.couper(titre, 18, LARGEUR, 'bold')) {
      m.y -= 22;
      pdf.texte(MARGE, m.y, l, 18, 'bold', BLEU);
    }
  });
  m.y -= 4;
  const jour = formaterDate(t.maintenant, 'Europe/Paris', { day: 'numeric', month: 'long', year: 'numeric' });
  m.paragraphe(
    `Annexe 6 de la convention départementale France services. Établi le ${jour}. Pour une situation complexe, l’agent contacte directement le référent ; en son absence, son suppléant.`,
    9,
  );
  const partenaires = [...new Set(t.referents.map((r) => r.partenaireId))];
  if (partenaires.length === 0) m.paragraphe('Aucun référent actif n’est renseigné pour ce département.', 10);
  for (const id of partenaires) {
    const lignes = t.referents.filter((r) => r.partenaireId === id);
    const premier = lignes[0];
    if (!premier) continue;
    const jours = t.delais.find((d) => d.id === id)?.jours ?? null;
    const delai = jours === null ? `${t.delaiNational} jours ouvrés (délai national)` : `${jours} jours ouvrés`;
    m.titre(premier.partenaireNom, 16 + 2 * (INTERLIGNE + 6));
    m.paragraphe(`Délai de première réponse : ${delai}.`, 8.5);
    m.y -= 4;
    tableau(m, premier.partenaireNom, lignes.map(cellules));
  }
  if (t.offres.length > 0) {
    m.titre('Offre complémentaire des partenaires dans les lieux', 30);
    for (const o of t.offres) {
      const modalites = [o.permanence && 'permanence', o.rendezVous && 'rendez-vous', o.visio && 'visio']
        .filter(Boolean)
        .join(', ');
      m.paragraphe(
        `${o.site} – ${o.partenaire}${modalites ? ` (${modalites})` : ''} : ${o.modalites.replaceAll('\n', ' ')}`,
        9,
      );
    }
  }
  pdf.surChaquePage((numero, total) => {
    pdf.trait(MARGE, MARGE + 12, DROITE, MARGE + 12, FILET);
    pdf.texte(MARGE, MARGE, pdf.tronquer(titre, 8, LARGEUR - 80), 8, 'regular', GRIS);
    pdf.texteDroite(DROITE, MARGE, `page ${numero} / ${total}`, 8, 'regular', GRIS);
  });
  return pdf.fin();
}
