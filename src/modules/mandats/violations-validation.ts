// Forms of the breach register (issue 14 point 7), with French messages. Instants are typed on the wall clock of the
// entry's level (datetime-local, or "03/12/2026 14:05"), so they are read once the level is known: `lireViolation`
// takes its zone. Every text and number is bounded as its column is.

import { z } from 'zod';
import { DATE_MIN, dateEnClair, dateReelle, normaliserDate } from '../../platform/http/dates.ts';
import { CARACTERES_INTERDITS, liste, texte, valeursSaisies } from '../../platform/http/formulaire.ts';
import { instantMural } from '../horaires/index.ts';
import { statutViolationEnum } from './tables.ts';

export const NATURES_VIOLATION = ['confidentialite', 'integrite', 'disponibilite'] as const;
export type NatureViolation = (typeof NATURES_VIOLATION)[number];
export const STATUTS_VIOLATION = statutViolationEnum.enumValues;
export type StatutViolation = (typeof STATUTS_VIOLATION)[number];

export const LIBELLES_NATURES: Record<NatureViolation, string> = {
  confidentialite: 'Perte de confidentialité (données vues ou divulguées sans droit)',
  integrite: 'Perte d’intégrité (données modifiées sans droit)',
  disponibilite: 'Perte de disponibilité (données perdues ou inaccessibles)',
};
export const LIBELLES_STATUTS_VIOLATION: Record<StatutViolation, string> = {
  ouverte: 'À traiter',
  notifiee: 'Notifiée à la CNIL',
  non_notifiee: 'Non notifiée',
  close: 'Close',
};

export const TEXTE_MAX = 5000;
export const LISTE_MAX = 2000;
export const PERSONNES_MAX = 100_000_000;
export const ENREGISTREMENTS_MAX = 2_000_000_000;

// C0 controls except tab and line breaks, DEL, C1 controls and bidirectional overrides: never in a text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROLES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function corpsTexte(libelle: string, max: number) {
  const majuscule = libelle.charAt(0).toUpperCase() + libelle.slice(1);
  return z
    .string()
    .max(max, `${majuscule} ne doit pas dépasser ${max.toLocaleString('fr-FR')} caractères`)
    .refine((s) => !CONTROLES.test(s), `${majuscule} contient des caractères non autorisés`);
}

const nettoyer = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/** A required multi-line text: line breaks kept (as \n), trimmed, bounded, no control characters. */
function texteLong(libelle: string, max: number) {
  return z
    .string({ error: `Saisissez ${libelle}` })
    .transform(nettoyer)
    .pipe(corpsTexte(libelle, max).min(1, `Saisissez ${libelle}`));
}

/** The same, optional: empty or absent is undefined. */
function texteLongFacultatif(libelle: string, max: number) {
  return z.preprocess(
    (v) => (v === undefined ? undefined : typeof v === 'string' ? nettoyer(v) || undefined : v),
    corpsTexte(libelle, max).optional(),
  );
}

/** An optional whole number within bounds ("1 200" and "1200" alike). */
function nombre(libelle: string, max: number) {
  return z.preprocess(
    (v) => (v === undefined ? '' : typeof v === 'string' ? v.replace(/[\s\u00a0\u202f]/g, '') : v),
    z
      .string({ error: `Saisissez ${libelle} en chiffres` })
      .transform((s) => (s === '' ? undefined : s))
      .pipe(
        z
          .string()
          .regex(/^\d{1,10}$/, `Saisissez ${libelle} en chiffres, sans virgule`)
          .transform(Number)
          .pipe(
            z
              .number()
              .max(max, `${libelle.charAt(0).toUpperCase()}${libelle.slice(1)} dépasse ${max.toLocaleString('fr-FR')}`),
          )
          .optional(),
      ),
  );
}

/** The fields of an entry, instants still as typed (`lireViolation` reads them on the level's clock); the level is the service's. */
const ChampsViolation = z.object({
  titre: texte('un titre court', 200),
  nature: liste(z.enum(NATURES_VIOLATION, { error: 'Choisissez une nature dans la liste' })).refine(
    (n) => n.length > 0,
    'Cochez au moins une nature de violation',
  ),
  description: texteLong('les circonstances de la violation', TEXTE_MAX),
  survenueLe: z.string().optional().default(''),
  decouverteLe: z.string().optional().default(''),
  categoriesDonnees: texteLong('les catégories de données concernées', LISTE_MAX),
  nombreEnregistrements: nombre('le nombre d’enregistrements', ENREGISTREMENTS_MAX),
  categoriesPersonnes: texteLong('les catégories de personnes concernées', LISTE_MAX),
  nombrePersonnes: nombre('le nombre de personnes', PERSONNES_MAX),
  consequences: texteLongFacultatif('les conséquences probables', TEXTE_MAX),
  mesuresPrises: texteLong('les mesures prises', TEXTE_MAX),
  mesuresEnvisagees: texteLongFacultatif('les mesures envisagées', TEXTE_MAX),
  informationPersonnes: texteLongFacultatif('l’information des personnes', LISTE_MAX),
});

export interface SaisieViolation {
  titre: string;
  nature: NatureViolation[];
  description: string;
  survenueLe: Date | null;
  decouverteLe: Date;
  categoriesDonnees: string;
  nombreEnregistrements: number | null;
  categoriesPersonnes: string;
  nombrePersonnes: number | null;
  consequences: string | null;
  mesuresPrises: string;
  mesuresEnvisagees: string | null;
  informationPersonnes: string | null;
}

export type Lu<T> = { ok: true; donnees: T } | { ok: false; erreurs: Record<string, string> };

/** "2026-12-01T14:05" (datetime-local) or "01/12/2026 14:05" → date and minutes; null when unreadable. */
function dateHeure(brut: string): { date: string; minutes: number } | null {
  const t = brut.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/.exec(t);
  const fr = /^(\d{1,2}\/\d{1,2}\/\d{4})\s+(?:à\s+)?(\d{1,2})\s?[:hH]\s?(\d{2})$/.exec(t);
  const m = iso ?? fr;
  if (!m) return null;
  const date = iso ? (m[1] as string) : normaliserDate(m[1] as string);
  const [h, mn] = [Number(m[2]), Number(m[3])];
  if (!date || h > 23 || mn > 59) return null;
  return { date, minutes: h * 60 + mn };
}

/**
 * An instant typed on the zone's wall clock: required or not, a real date, not before 2000, not in the future
 * (a minute of slack for the clock of the browser). Puts its French message in `erreurs`.
 */
export function lireInstant(
  brut: unknown,
  champ: string,
  libelle: string,
  o: { fuseau: string; maintenant: Date; requis: boolean; erreurs: Record<string, string> },
): Date | null | undefined {
  const t = typeof brut === 'string' ? brut.trim() : '';
  if (t === '') {
    if (o.requis) o.erreurs[champ] = `Saisissez ${libelle}`;
    return o.requis ? undefined : null;
  }
  const lu = t.length <= 30 && !CARACTERES_INTERDITS.test(t) ? dateHeure(t) : null;
  if (!lu) o.erreurs[champ] = `Saisissez ${libelle} au format JJ/MM/AAAA HH:MM, par exemple 01/12/2026 14:05`;
  else if (!dateReelle(lu.date)) o.erreurs[champ] = 'Cette date n’existe pas';
  else if (lu.date < DATE_MIN) o.erreurs[champ] = `La date ne peut pas précéder le ${dateEnClair(DATE_MIN)}`;
  else {
    const instant = instantMural(lu.date, lu.minutes, o.fuseau);
    if (instant.getTime() > o.maintenant.getTime() + 60_000)
      o.erreurs[champ] = 'La date ne peut pas être dans le futur';
    else return instant;
  }
  return undefined;
}

/** The level chosen in the form ("national" or a structure's id), before the service checks it. */
export function niveauSaisi(body: unknown): string {
  const v = valeursSaisies(body).niveau;
  return typeof v === 'string' ? v.trim() : '';
}

/** Reads an entry's form on the level's clock: all texts bounded, discovery required, occurrence before discovery. */
export function lireViolation(body: unknown, fuseau: string, maintenant: Date): Lu<SaisieViolation> {
  const brut = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const r = ChampsViolation.safeParse(brut);
  const erreurs: Record<string, string> = {};
  if (!r.success) {
    for (const issue of r.error.issues) {
      const champ = String(issue.path[0] ?? '_formulaire');
      erreurs[champ] ??= issue.message;
    }
  }
  const o = { fuseau, maintenant, erreurs };
  const decouverteLe = lireInstant(brut.decouverteLe, 'decouverteLe', 'la date de découverte', { ...o, requis: true });
  const survenueLe = lireInstant(brut.survenueLe, 'survenueLe', 'la date de début', { ...o, requis: false });
  if (decouverteLe && survenueLe && survenueLe.getTime() > decouverteLe.getTime()) {
    erreurs.survenueLe = 'La violation ne peut pas avoir commencé après sa découverte';
  }
  if (!r.success || Object.keys(erreurs).length > 0 || !decouverteLe) return { ok: false, erreurs };
  const d = r.data;
  return {
    ok: true,
    donnees: {
      titre: d.titre,
      nature: [...new Set(d.nature)] as NatureViolation[],
      description: d.description,
      survenueLe: survenueLe ?? null,
      decouverteLe,
      categoriesDonnees: d.categoriesDonnees,
      nombreEnregistrements: d.nombreEnregistrements ?? null,
      categoriesPersonnes: d.categoriesPersonnes,
      nombrePersonnes: d.nombrePersonnes ?? null,
      consequences: d.consequences ?? null,
      mesuresPrises: d.mesuresPrises,
      mesuresEnvisagees: d.mesuresEnvisagees ?? null,
      informationPersonnes: d.informationPersonnes ?? null,
    },
  };
}

/** The notification to the CNIL: when (on the level's clock, not before discovery, not in the future), its number. */
export function lireNotification(
  body: unknown,
  o: { fuseau: string; maintenant: Date; decouverteLe: Date },
): Lu<{ notifieeLe: Date; numeroCnil: string }> {
  const brut = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const erreurs: Record<string, string> = {};
  const numero = texte('le numéro de notification donné par la CNIL', 50).safeParse(brut.numeroCnil ?? '');
  if (!numero.success) erreurs.numeroCnil = numero.error.issues[0]?.message ?? 'Numéro invalide';
  const notifieeLe = lireInstant(brut.notifieeLe, 'notifieeLe', 'la date de la notification', {
    ...o,
    requis: true,
    erreurs,
  });
  if (notifieeLe && notifieeLe.getTime() < o.decouverteLe.getTime()) {
    erreurs.notifieeLe = 'La notification ne peut pas précéder la découverte de la violation';
  }
  if (!numero.success || !notifieeLe || Object.keys(erreurs).length > 0) return { ok: false, erreurs };
  return { ok: true, donnees: { notifieeLe, numeroCnil: numero.data } };
}

/** The decision not to notify: its reason is required (no risk to people's rights and freedoms, art. 33.1). */
export const SaisieNonNotification = z.object({
  motifNonNotification: texteLong('le motif de la non-notification', LISTE_MAX),
});

export const LIBELLES_CHAMPS_VIOLATION: Record<string, string> = {
  niveau: 'Registre',
  titre: 'Titre',
  nature: 'Nature',
  description: 'Circonstances',
  survenueLe: 'Début de la violation',
  decouverteLe: 'Découverte',
  categoriesDonnees: 'Catégories de données',
  nombreEnregistrements: 'Nombre d’enregistrements',
  categoriesPersonnes: 'Catégories de personnes',
  nombrePersonnes: 'Nombre de personnes',
  consequences: 'Conséquences probables',
  mesuresPrises: 'Mesures prises',
  mesuresEnvisagees: 'Mesures envisagées',
  informationPersonnes: 'Information des personnes',
  notifieeLe: 'Date de notification',
  numeroCnil: 'Numéro CNIL',
  motifNonNotification: 'Motif',
};
