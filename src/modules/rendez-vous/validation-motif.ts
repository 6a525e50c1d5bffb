// The manager's motif form (issue 11, point 1), with French messages keyed by field. Numbers and resources are
// checked by the `Motif` schema of motif.ts, never restated here; the readers are those of validation-gestion.ts.

import { z } from 'zod';
import { CARACTERES_INTERDITS, texte } from '../../platform/http/formulaire.ts';
import type { Canal } from './capacite.ts';
import { Motif } from './motif.ts';
import { chaine, corpsDe, type Erreurs, echec, type Lu, liste, reporter, texteLong } from './validation-gestion.ts';

/** "At most N appointments per person and day" (the table's check says the same). */
export const MAX_PAR_PERSONNE_JOUR = 20;
export const NOM_MOTIF_MAX = 120;
export const INSTRUCTIONS_MAX = 1000;
export const LIEN_VISIO_MAX = 500;

/** A non-negative integer typed in a form; `undefined` when left empty, an error message when unreadable. */
function entier(v: unknown, libelle: string): number | undefined | { erreur: string } {
  const s = chaine(v);
  if (s === null) return { erreur: `${libelle} : nombre entier attendu.` };
  if (s.trim() === '') return undefined;
  if (!/^\d{1,6}$/.test(s.trim())) return { erreur: `${libelle} : nombre entier attendu, par exemple 30.` };
  return Number(s.trim());
}

/** Why a video link is refused, or null when it is an https address (no credentials, no spaces). */
export function erreurLienVisio(lien: string): string | null {
  if (lien.length > LIEN_VISIO_MAX)
    return `Le lien de visioconférence ne doit pas dépasser ${LIEN_VISIO_MAX} caractères.`;
  if (/^http:\/\//i.test(lien)) return 'Le lien de visioconférence doit commencer par https:// (connexion chiffrée).';
  let url: URL;
  try {
    url = new URL(lien);
  } catch {
    return 'Saisissez l’adresse complète de la visioconférence, commençant par https://.';
  }
  if (url.protocol !== 'https:' || !url.hostname || /\s/.test(lien) || CARACTERES_INTERDITS.test(lien)) {
    return 'Saisissez l’adresse complète de la visioconférence, commençant par https://.';
  }
  if (url.username || url.password)
    return 'Le lien de visioconférence ne doit pas contenir d’identifiant ni de mot de passe.';
  return null;
}

export interface SaisieMotif {
  nom: string;
  duree: number;
  tamponApres: number;
  pas: number | null;
  canal: Canal;
  partenaireId: string | null;
  /** The catalogue's life situation a visit is logged under (prefills the request log). */
  situationId: string | null;
  reservableEnLigne: boolean;
  fenetreJours: number;
  delaiMinimal: number;
  maxParPersonneJour: number;
  instructions: string;
  lienVisio: string | null;
  ressources: string[];
}

const TextesMotif = z.object({
  nom: texte('le nom du motif', NOM_MOTIF_MAX),
  instructions: z.preprocess((v) => v ?? '', texteLong('Le texte des consignes', INSTRUCTIONS_MAX)),
  reservation: z.enum(['guichet', 'en_ligne'], { error: 'Choisissez qui peut prendre ce rendez-vous.' }),
  partenaireId: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.uuid({ error: 'Choisissez un partenaire de la liste.' }).optional(),
  ),
  situationId: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.uuid({ error: 'Choisissez une situation de vie de la liste.' }).optional(),
  ),
});

const NOMBRES_MOTIF = {
  duree: 'Durée',
  tamponApres: 'Battement après le rendez-vous',
  pas: 'Pas de la grille',
  fenetreJours: 'Fenêtre',
  delaiMinimal: 'Délai de prévenance',
  maxParPersonneJour: 'Rendez-vous par personne et par jour',
} as const;

/** The motif form: text fields checked here, numbers and resources by the `Motif` schema of motif.ts. */
export function lireMotif(body: unknown): Lu<SaisieMotif> {
  const corps = corpsDe(body);
  const erreurs: Erreurs = {};
  const textes = TextesMotif.safeParse(corps);
  if (!textes.success) reporter(erreurs, textes.error.issues, (p) => String(p[0]));

  const nombres: Record<string, number | undefined> = {};
  for (const [champ, libelle] of Object.entries(NOMBRES_MOTIF)) {
    const n = entier(corps[champ], libelle);
    if (typeof n === 'object') erreurs[champ] = n.erreur;
    else nombres[champ] = n;
  }
  if (nombres.duree === undefined && !erreurs.duree) erreurs.duree = 'Saisissez la durée du rendez-vous, en minutes.';
  if (nombres.fenetreJours === undefined && !erreurs.fenetreJours) {
    erreurs.fenetreJours = 'Saisissez jusqu’à combien de jours à l’avance on peut réserver.';
  }
  const max = nombres.maxParPersonneJour ?? 1;
  if (!erreurs.maxParPersonneJour && (max < 1 || max > MAX_PAR_PERSONNE_JOUR)) {
    erreurs.maxParPersonneJour = `Rendez-vous par personne et par jour : entre 1 et ${MAX_PAR_PERSONNE_JOUR}.`;
  }
  const canal = chaine(corps.canal) ?? '';
  if (canal === '') erreurs.canal = 'Choisissez le canal du rendez-vous.';

  const ressources = liste(corps.ressources);
  const motif = Motif.safeParse({
    duree: nombres.duree,
    tamponApres: nombres.tamponApres ?? 0,
    pas: nombres.pas,
    canal,
    fenetreJours: nombres.fenetreJours,
    delaiMinimal: nombres.delaiMinimal ?? 0,
    ressources,
  });
  if (!motif.success) reporter(erreurs, motif.error.issues, (p) => String(p[0]));

  const lienSaisi = chaine(corps.lienVisio);
  // A field sent twice is no address: refused as unreadable.
  const lien = lienSaisi === null ? 'invalide' : lienSaisi.trim();
  if (canal === 'visio') {
    if (lien === '') erreurs.lienVisio = 'Saisissez le lien de la visioconférence : il est envoyé à la personne.';
    else {
      const e = erreurLienVisio(lien);
      if (e) erreurs.lienVisio = e;
    }
  }
  if (!textes.success || !motif.success || Object.keys(erreurs).length > 0) return echec(body, erreurs);
  return {
    ok: true,
    donnees: {
      nom: textes.data.nom,
      duree: motif.data.duree,
      tamponApres: motif.data.tamponApres,
      pas: motif.data.pas ?? null,
      canal: motif.data.canal,
      partenaireId: textes.data.partenaireId ?? null,
      situationId: textes.data.situationId ?? null,
      reservableEnLigne: textes.data.reservation === 'en_ligne',
      fenetreJours: motif.data.fenetreJours,
      delaiMinimal: motif.data.delaiMinimal,
      maxParPersonneJour: max,
      instructions: textes.data.instructions,
      // A link is kept for visio motifs only: no other channel sends one.
      lienVisio: motif.data.canal === 'visio' ? lien : null,
      ressources: [...new Set(motif.data.ressources)],
    },
  };
}
