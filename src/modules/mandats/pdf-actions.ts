// The list of actions done in a citizen's name, as the PDF the agent prints and hands over (issue 14 point 4): the
// mandate's summary, then one line per journal entry (date and time on the site's clock, the action in the citizen's
// words, the site), naming no agent. Drawn with src/platform/pdf (ADR 0026): tagged headings and paragraphs.

import { A4, BLEU, DocumentPdf, FILET, GRIS, MARGE, NOIR } from '../../platform/pdf/document.ts';
import { Flux } from '../../platform/pdf/flux.ts';
import type { VueMandat } from './service-revocation.ts';

const LARGEUR = A4.largeur - 2 * MARGE;
const DROITE = A4.largeur - MARGE;

/** The list as an A4 PDF, "page n / N". */
export function actionsPdf(m: VueMandat, maintenant: Date, etabliLe: string): Promise<Buffer> {
  const titre = `Actions faites au titre du mandat ${m.reference}`;
  const pdf = new DocumentPdf({ titre, maintenant });
  const enTete = (p: DocumentPdf) => {
    const y = A4.hauteur - MARGE;
    p.texte(MARGE, y - 9, 'France services', 9, 'bold', BLEU);
    p.texteDroite(DROITE, y - 9, p.tronquer(m.structure, 8, LARGEUR - 100), 8, 'regular', GRIS);
    p.trait(MARGE, y - 16, DROITE, y - 16, FILET);
  };
  const flux = new Flux(pdf, { haut: A4.hauteur - MARGE - 30, bas: MARGE + 28, enTete });
  pdf.artefact(() => enTete(pdf), 'Pagination');
  flux.y -= 10;
  pdf.bloc('H1', () => {
    for (const l of pdf.couper(titre, 16, LARGEUR, 'bold')) {
      flux.y -= 20;
      pdf.texte(MARGE, flux.y, l, 16, 'bold', BLEU);
    }
  });
  flux.y -= 6;
  flux.paragraphe(`Mandant : ${m.nomComplet}`, 10, NOIR);
  flux.paragraphe(
    `Structure France services : ${m.site === m.structure ? m.structure : `${m.structure}, ${m.site}`}`,
    10,
    NOIR,
  );
  flux.paragraphe(`Démarches couvertes : ${m.perimetre.join(' ; ') || 'aucune'}`, 10, NOIR);
  if (m.fin) flux.paragraphe(`Fin prévue : ${m.fin}`, 10, NOIR);
  if (m.message) flux.paragraphe(m.message, 10, NOIR);
  flux.paragraphe(
    `Liste établie le ${etabliLe} à partir du journal des mandats, que personne ne peut modifier. Elle ne nomme aucun agent.`,
    9,
  );
  flux.titre('Actions enregistrées', 30);
  if (m.actions.length === 0) flux.paragraphe('Aucune action n’a été enregistrée au titre de ce mandat.', 10, NOIR);
  for (const a of m.actions) flux.paragraphe(`${a.quand} – ${a.libelle} – ${a.site}`, 10, NOIR);
  pdf.surChaquePage((numero, total) => {
    pdf.trait(MARGE, MARGE + 12, DROITE, MARGE + 12, FILET);
    pdf.texte(MARGE, MARGE, pdf.tronquer(titre, 8, LARGEUR - 80), 8, 'regular', GRIS);
    pdf.texteDroite(DROITE, MARGE, `page ${numero} / ${total}`, 8, 'regular', GRIS);
  });
  return pdf.fin();
}
