// The two originals of a mandate in one PDF (convention 4.6: "établi en autant d'exemplaires originaux qu'il y a de
// parties"; issue 14 point 2): the person's (mandant), then the structure's (mandataire). Each has the parties, the
// procedures entrusted, the duration, the legal mentions, the information notice and the signature blocks; only the
// person's carries the revocation code and how to use it. Every page's footer prints the SHA-256 of the mandate's text
// (stored at creation: the same on every reprint) and "page n / N". Drawn with src/platform/pdf (ADR 0026).

import { formaterDate } from '../../platform/formats/dates.ts';
import { dateEnClair } from '../../platform/http/dates.ts';
import { A4, BLEU, DocumentPdf, FILET, FILET_FONCE, GRIS, MARGE, NOIR } from '../../platform/pdf/document.ts';
import { Flux } from '../../platform/pdf/flux.ts';
import type { ExemplairesMandat } from './service-mandat.ts';
import { ligneDuPerimetre } from './texte-mandat.ts';
import { DUREES_EN_TOUTES_LETTRES, LIBELLES_PIECES } from './validation.ts';

const LARGEUR = A4.largeur - 2 * MARGE;
const DROITE = A4.largeur - MARGE;
const HAUT = A4.hauteur - MARGE - 30;
const BAS = MARGE + 40;
const TEXTE = 9.5;

export const EXEMPLAIRES = [
  { cle: 'mandant', libelle: 'Exemplaire de la personne (mandant)' },
  { cle: 'mandataire', libelle: 'Exemplaire de la structure France Services (mandataire)' },
] as const;

const MENTIONS = [
  'Par ce mandat, la personne (le mandant) autorise la structure France Services (le mandataire), par ses agents, à réaliser en son nom et pour son compte les démarches administratives énumérées ci-dessus, et elles seules, et à demander pour cela la communication des données personnelles nécessaires (convention France services, article 4.6).',
  'Le mandat est signé sur place par le mandant et par l’agent du mandataire, après vérification de l’identité du mandant et après l’avoir informé de l’utilisation de ses données personnelles, de ses droits et des démarches qui seront effectuées. Il est établi en deux exemplaires originaux, un pour chaque partie.',
  'Les agents France Services sont tenus au secret professionnel. Chaque action faite au nom du mandant est enregistrée dans un journal qu’il peut se faire remettre.',
  'Le mandant peut révoquer ce mandat à tout moment, sans avoir à se justifier : la révocation prend effet immédiatement.',
];

/** A framed signature block: who signs, "Fait à …, le …" and room for the signature. */
function blocSignature(m: Flux, x: number, largeur: number, titre: string, lignes: string[], haut: number) {
  const p = m.pdf;
  const hauteur = 120;
  const bas = haut - hauteur;
  p.trait(x, haut, x + largeur, haut, FILET_FONCE);
  p.trait(x, bas, x + largeur, bas, FILET_FONCE);
  p.trait(x, haut, x, bas, FILET_FONCE);
  p.trait(x + largeur, haut, x + largeur, bas, FILET_FONCE);
  p.bloc('P', () => {
    let y = haut - 14;
    p.texte(x + 8, y, p.tronquer(titre, 9.5, largeur - 16, 'bold'), 9.5, 'bold');
    for (const l of lignes) {
      for (const morceau of p.couper(l, 8.5, largeur - 16)) {
        y -= 12;
        p.texte(x + 8, y, morceau, 8.5, 'regular', NOIR);
      }
    }
    p.texte(x + 8, bas + 30, 'Signature :', 8.5, 'regular', GRIS);
  });
}

/** The two originals of a mandate as an A4 PDF. */
export function exemplairesPdf(e: ExemplairesMandat): Promise<Buffer> {
  const c = e.contenu;
  const titre = `Mandat ${c.reference}`;
  const pdf = new DocumentPdf({ titre, maintenant: e.maintenant });
  let exemplaire: string = EXEMPLAIRES[0].libelle;
  const enTete = (p: DocumentPdf) => {
    const y = A4.hauteur - MARGE;
    p.texte(MARGE, y - 9, 'France services', 9, 'bold', BLEU);
    p.texteDroite(DROITE, y - 9, p.tronquer(`${titre} – ${exemplaire}`, 8, LARGEUR - 100), 8, 'regular', GRIS);
    p.trait(MARGE, y - 16, DROITE, y - 16, FILET);
  };
  const m = new Flux(pdf, { haut: HAUT, bas: BAS, enTete });
  const texte = (t: string, taille = TEXTE) => m.paragraphe(t, taille, NOIR);
  const signe = e.signeLe
    ? formaterDate(e.signeLe, e.fuseau, { day: '2-digit', month: '2-digit', year: 'numeric' })
    : null;

  EXEMPLAIRES.forEach((ex, i) => {
    exemplaire = ex.libelle;
    if (i > 0) m.nouvellePage();
    else pdf.artefact(() => enTete(pdf), 'Pagination');
    pdf.groupe('Sect', () => {
      m.y -= 6;
      pdf.bloc('P', () => {
        m.y -= 12;
        pdf.texte(MARGE, m.y, ex.libelle, 11, 'bold', GRIS);
      });
      pdf.bloc('H1', () => {
        m.y -= 26;
        pdf.texte(MARGE, m.y, titre, 20, 'bold', BLEU);
      });
      m.y -= 4;
      m.titre('Les parties', 60);
      texte(
        `Le mandant : ${c.prenom} ${c.nom}, né(e) le ${dateEnClair(c.dateNaissance)}. Identité vérifiée au guichet sur présentation de : ${LIBELLES_PIECES[c.pieceIdentite].toLowerCase()} (aucune copie ni aucun numéro de la pièce n’est conservé).`,
      );
      texte(
        `Le mandataire : ${c.structure}, structure France Services${c.site.nom === c.structure ? '' : `, ${c.site.nom}`}, ${c.site.adresse}, ${c.site.codePostal} ${c.site.commune}${e.agent ? `, représentée par ${e.agent}, agent France Services` : ''}.`,
      );
      m.titre('Les démarches confiées', 30);
      for (const p of c.perimetre) texte(`– ${ligneDuPerimetre(p)}`);
      m.titre('Durée', 30);
      texte(
        `Ce mandat vaut pour ${DUREES_EN_TOUTES_LETTRES[c.duree]}, à compter de la signature${signe ? ` (signé le ${signe})` : ''}.${c.duree === 'demarche' ? ' Il prend fin quand l’agent enregistre la démarche comme terminée, au plus tard trente jours après la signature.' : ''}`,
      );
      m.titre('Mentions', 40);
      for (const mention of MENTIONS) texte(mention, 8.5);
      m.titre(`${e.notice.titre} (version ${e.notice.version})`, 40);
      for (const s of e.notice.sections) texte(`${s.titre} : ${s.texte}`, 8.5);
      if (ex.cle === 'mandant') {
        m.titre('Révoquer ce mandat', 70);
        pdf.bloc('P', () => {
          m.y -= 16;
          pdf.texte(MARGE, m.y, `Votre code de révocation : ${e.code}`, 12, 'bold', NOIR);
        });
        texte(
          `Gardez ce code pour vous. Pour révoquer le mandat à tout moment : sur la page ${e.adresseRevocation}, avec la référence ${c.reference} et ce code, sans compte ; ou auprès d’un agent de la structure France Services ; ou par le lien reçu par courriel ou par SMS si vous avez donné une adresse électronique ou un numéro de téléphone.`,
        );
      }
      m.titre('Signatures', 140);
      m.reserver(130);
      const haut = m.y - 6;
      const largeur = (LARGEUR - 16) / 2;
      const lieu = `Fait à ${c.site.commune}, le ${signe ?? '…… / …… / ……………'}`;
      pdf.groupe('Div', () => {
        blocSignature(m, MARGE, largeur, 'Le mandant', [`${c.prenom} ${c.nom}`, lieu], haut);
        blocSignature(
          m,
          MARGE + largeur + 16,
          largeur,
          'Pour le mandataire, l’agent France Services',
          [e.agent ?? 'Nom de l’agent : ……………………', lieu],
          haut,
        );
      });
      m.y = haut - 124;
    });
  });

  pdf.surChaquePage((numero, total) => {
    pdf.trait(MARGE, MARGE + 22, DROITE, MARGE + 22, FILET);
    pdf.texte(MARGE, MARGE + 10, `Empreinte SHA-256 du texte : ${e.empreinte}`, 7, 'regular', GRIS);
    pdf.texte(MARGE, MARGE, pdf.tronquer(titre, 7, LARGEUR - 80), 7, 'regular', GRIS);
    pdf.texteDroite(DROITE, MARGE, `page ${numero} / ${total}`, 7, 'regular', GRIS);
  });
  return pdf.fin();
}
