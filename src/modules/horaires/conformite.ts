// The charter's numbers on opening hours and exceptional closures.

import { ajouterJours, dateLocale, dateValide, ecartJours, exigerFuseau, instantMural } from './fuseau.ts';

/** A site is open at least 24 hours a week… */
export const HEURES_MIN_SEMAINE = 24;
/** …over at least 5 days. */
export const JOURS_MIN_SEMAINE = 5;
/** Exceptional closures are announced at least 7 days before the first closed day. */
export const PREAVIS_FERMETURE_JOURS = 7;
/** Beyond three months a closure is a suspension of the label, not an exceptional closure. */
export const DUREE_MAX_FERMETURE_JOURS = 92;
/** A closure is declared at most a year ahead: further away it is a plan, not an announcement to the public. */
export const ANTICIPATION_MAX_FERMETURE_JOURS = 366;
/** Longest reason (and urgent reason) accepted for a closure. */
export const MOTIF_MAX_CARACTERES = 300;

/** The charter check of one site, with French explanations. */
export interface Conformite {
  /** Meets the 24 h / 5 days rule. Late closures are reported beside it, not folded in (ADR 0013). */
  conforme: boolean;
  manqueHeures: number;
  manqueJours: number;
  /** No closure announced late in the last 12 months. */
  preavisRespecte: boolean;
  fermeturesTardives12Mois: number;
  /** French sentences, one per unmet rule, for dashboards. */
  motifs: string[];
}

/** Checks a typical week against the charter (>= 24 h over >= 5 days) and reports late-announced closures. */
export function conformite(p: { heures: number; jours: number; fermeturesTardives12Mois: number }): Conformite {
  const manqueHeures = Math.max(0, Math.round((HEURES_MIN_SEMAINE - p.heures) * 100) / 100);
  const manqueJours = Math.max(0, Math.ceil(JOURS_MIN_SEMAINE - p.jours));
  const motifs: string[] = [];
  const nombre = (n: number) => String(n).replace('.', ',');
  if (manqueHeures > 0) {
    motifs.push(
      `Ouvert ${nombre(p.heures)} h par semaine : il manque ${nombre(manqueHeures)} h pour atteindre ${HEURES_MIN_SEMAINE} h.`,
    );
  }
  if (manqueJours > 0) {
    motifs.push(`Ouvert ${nombre(p.jours)} jours par semaine : ${JOURS_MIN_SEMAINE} jours au moins sont attendus.`);
  }
  if (p.fermeturesTardives12Mois > 0) {
    const n = p.fermeturesTardives12Mois;
    motifs.push(
      `${n} fermeture${n > 1 ? 's' : ''} annoncée${n > 1 ? 's' : ''} moins de ${PREAVIS_FERMETURE_JOURS} jours à l'avance sur les 12 derniers mois.`,
    );
  }
  return {
    conforme: manqueHeures === 0 && manqueJours === 0,
    manqueHeures,
    manqueJours,
    preavisRespecte: p.fermeturesTardives12Mois === 0,
    fermeturesTardives12Mois: p.fermeturesTardives12Mois,
    motifs,
  };
}

/**
 * True when a closure starting on `debut` (a civil date of the site) is announced less than 7 calendar days ahead:
 * the deadline is 00:00 on the site's wall clock 7 days before the first closed day.
 */
export function fermetureTardive(p: { debut: string; annonceLe: Date; fuseau: string }): boolean {
  exigerFuseau(p.fuseau);
  const limite = instantMural(ajouterJours(p.debut, -PREAVIS_FERMETURE_JOURS), 0, p.fuseau);
  return p.annonceLe.getTime() > limite.getTime();
}

/**
 * Validates an exceptional closure typed by a manager: dates (today or later, end not before start, at most 92
 * days), a reason, and an urgent reason when it is announced late. Errors are French, keyed by form field.
 */
export function validerFermeture(p: {
  debut: string;
  fin: string;
  motif: string;
  motifUrgence?: string | null;
  maintenant: Date;
  fuseau: string;
}): { ok: true; tardive: boolean } | { ok: false; erreurs: Record<string, string> } {
  exigerFuseau(p.fuseau);
  const erreurs: Record<string, string> = {};
  const debut = (p.debut ?? '').trim();
  const fin = (p.fin ?? '').trim();
  const aujourdhui = dateLocale(p.maintenant, p.fuseau);

  if (!debut) erreurs.debut = 'Indiquez le premier jour de fermeture.';
  else if (!dateValide(debut)) erreurs.debut = 'Date invalide (format attendu : AAAA-MM-JJ).';
  else if (debut < aujourdhui) erreurs.debut = 'La fermeture ne peut pas commencer dans le passé.';
  else if (debut > ajouterJours(aujourdhui, ANTICIPATION_MAX_FERMETURE_JOURS)) {
    erreurs.debut = 'Une fermeture exceptionnelle se déclare au plus un an à l’avance.';
  }

  if (!fin) erreurs.fin = 'Indiquez le dernier jour de fermeture.';
  else if (!dateValide(fin)) erreurs.fin = 'Date invalide (format attendu : AAAA-MM-JJ).';
  else if (dateValide(debut) && fin < debut) erreurs.fin = 'Le dernier jour doit être le premier jour ou après.';
  else if (dateValide(debut) && ecartJours(debut, fin) + 1 > DUREE_MAX_FERMETURE_JOURS) {
    erreurs.fin = `Une fermeture exceptionnelle dure ${DUREE_MAX_FERMETURE_JOURS} jours au plus.`;
  }

  const motif = (p.motif ?? '').trim();
  if (!motif) erreurs.motif = 'Indiquez le motif de la fermeture.';
  else if (motif.length > MOTIF_MAX_CARACTERES) erreurs.motif = `${MOTIF_MAX_CARACTERES} caractères au plus.`;

  const tardive = dateValide(debut) && fermetureTardive({ debut, annonceLe: p.maintenant, fuseau: p.fuseau });
  const urgence = (p.motifUrgence ?? '').trim();
  if (tardive && !urgence) {
    erreurs.motifUrgence = `La fermeture commence dans moins de ${PREAVIS_FERMETURE_JOURS} jours : indiquez le motif d'urgence.`;
  } else if (urgence.length > MOTIF_MAX_CARACTERES) {
    erreurs.motifUrgence = `${MOTIF_MAX_CARACTERES} caractères au plus.`;
  }

  return Object.keys(erreurs).length > 0 ? { ok: false, erreurs } : { ok: true, tardive };
}
