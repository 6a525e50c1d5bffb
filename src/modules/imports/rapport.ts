import type { LigneRapport, RapportImport } from './service.ts';
import type { RapportTournee } from './tournee.ts';

const pluriel = (n: number, un: string, plusieurs: string) => `${n} ${n > 1 ? plusieurs : un}`;

function ligne(l: LigneRapport, libelle: string): string {
  return `  ${libelle} ${l.ligne}${l.idFs ? ` (id_fs ${l.idFs})` : ''} : ${l.raison}`;
}

/** Groups reasons by kind ("identifiant provisoire « … »" ×159) so that the summary stays readable. */
function motifs(lignes: LigneRapport[]): string[] {
  const compte = new Map<string, number>();
  for (const l of lignes) {
    const motif = l.raison
      .replace(/« [^»]* »/g, '« … »')
      .replace(/\((-?[\d.]+), (-?[\d.]+)\)/g, '(…)')
      .replace(/\b(id_fs|ligne) [\d, ]+\d/g, '$1 …')
      .replace(/\d+ km/g, '… km')
      .replace(/\d{2}:\d{2}/g, '…');
    compte.set(motif, (compte.get(motif) ?? 0) + 1);
  }
  return [...compte].sort((a, b) => b[1] - a[1]).map(([motif, n]) => `  ${String(n).padStart(5)} × ${motif}`);
}

/**
 * The report as text for a terminal: the figures, the reasons grouped by kind, then every rejected row and every
 * warning with its line ("ligne 123 (id_fs 456) : raison"). For a tour, `ligne` is the stop's number.
 */
export function formaterRapport(rapport: RapportImport | RapportTournee, options: { tournee?: boolean } = {}): string {
  const l = options.tournee ? 'arrêt' : 'ligne';
  const sortie: string[] = [];
  if (rapport.erreurFichier) {
    sortie.push(`Fichier illisible : ${rapport.erreurFichier}`, 'Rien n’a été importé.');
    if (rapport.rejetees.length > 0) sortie.push('', 'Rejets :', ...rapport.rejetees.map((r) => ligne(r, l)));
    return sortie.join('\n');
  }
  const site = 'site' in rapport ? rapport.site : undefined;
  if (site) sortie.push(`Site itinérant « ${site.nom} » ${site.creee ? 'créé' : 'mis à jour'}.`);
  const t = options.tournee;
  sortie.push(
    t ? pluriel(rapport.lues, 'arrêt lu', 'arrêts lus') : pluriel(rapport.lues, 'ligne lue', 'lignes lues'),
    t ? pluriel(rapport.creees, 'arrêt créé', 'arrêts créés') : pluriel(rapport.creees, 'site créé', 'sites créés'),
    t
      ? pluriel(rapport.misesAJour, 'arrêt mis à jour', 'arrêts mis à jour')
      : pluriel(rapport.misesAJour, 'site mis à jour', 'sites mis à jour'),
    t
      ? pluriel(rapport.rejetees.length, 'arrêt rejeté', 'arrêts rejetés')
      : pluriel(rapport.rejetees.length, 'ligne rejetée', 'lignes rejetées'),
    pluriel(rapport.avertissements.length, 'avertissement', 'avertissements'),
  );
  if (rapport.rejetees.length > 0) {
    sortie.push('', 'Motifs de rejet :', ...motifs(rapport.rejetees));
    sortie.push('', 'Rejets :', ...rapport.rejetees.map((r) => ligne(r, l)));
  }
  if (rapport.avertissements.length > 0) {
    sortie.push('', 'Avertissements par motif :', ...motifs(rapport.avertissements));
    sortie.push('', 'Avertissements (importés malgré tout) :', ...rapport.avertissements.map((r) => ligne(r, l)));
  }
  return sortie.join('\n');
}
