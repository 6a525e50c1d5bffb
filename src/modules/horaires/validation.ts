import { z } from 'zod';
import { normaliserDate } from '../../platform/http/dates.ts';
import { CARACTERES_INTERDITS } from '../../platform/http/formulaire.ts';
import { JOURS, type JourCle, validerHoraires } from './calcul.ts';
import { type GrilleSaisie, grilleDepuisHoraires, horairesDepuisGrille, PLAGES_MAX_PAR_JOUR } from './grille.ts';
import { REGLES_SEMAINE_53 } from './semaine53.ts';

/** The IANA zones of France's territories, as offered to managers (mainland first, then overseas). */
export const FUSEAUX_FRANCE = [
  { valeur: 'Europe/Paris', nom: 'heure de Paris', libelle: 'Heure de Paris (métropole et Corse)' },
  { valeur: 'America/Guadeloupe', nom: 'heure de la Guadeloupe', libelle: 'Heure de la Guadeloupe' },
  { valeur: 'America/Martinique', nom: 'heure de la Martinique', libelle: 'Heure de la Martinique' },
  { valeur: 'America/Cayenne', nom: 'heure de la Guyane', libelle: 'Heure de la Guyane' },
  { valeur: 'Indian/Reunion', nom: 'heure de La Réunion', libelle: 'Heure de La Réunion' },
  { valeur: 'Indian/Mayotte', nom: 'heure de Mayotte', libelle: 'Heure de Mayotte' },
  {
    valeur: 'America/Miquelon',
    nom: 'heure de Saint-Pierre-et-Miquelon',
    libelle: 'Heure de Saint-Pierre-et-Miquelon',
  },
  { valeur: 'America/St_Barthelemy', nom: 'heure de Saint-Barthélemy', libelle: 'Heure de Saint-Barthélemy' },
  { valeur: 'America/Marigot', nom: 'heure de Saint-Martin', libelle: 'Heure de Saint-Martin' },
  { valeur: 'Pacific/Noumea', nom: 'heure de la Nouvelle-Calédonie', libelle: 'Heure de la Nouvelle-Calédonie' },
  { valeur: 'Pacific/Tahiti', nom: 'heure de Tahiti', libelle: 'Heure de Tahiti (Polynésie française)' },
  { valeur: 'Pacific/Wallis', nom: 'heure de Wallis-et-Futuna', libelle: 'Heure de Wallis-et-Futuna' },
] as const;

/** A time zone as French people name it ("heure de La Réunion"), never its IANA identifier. */
export function nomFuseau(fuseau: string): string {
  return FUSEAUX_FRANCE.find((f) => f.valeur === fuseau)?.nom ?? 'heure locale';
}
const VALEURS_FUSEAUX = FUSEAUX_FRANCE.map((f) => f.valeur);

export const NOMS_JOURS: Record<JourCle, string> = {
  lu: 'Lundi',
  ma: 'Mardi',
  me: 'Mercredi',
  je: 'Jeudi',
  ve: 'Vendredi',
  sa: 'Samedi',
  di: 'Dimanche',
};

/** The weekday names, Monday first (ISO order), for tables and charts indexed by day. */
export const NOMS_JOURS_SEMAINE: readonly string[] = JOURS.map((j) => NOMS_JOURS[j]);

/** What each of the three ranges of a day is called in the form. */
export const NOMS_PLAGES = ['matin', 'après-midi', 'soir'] as const;

export type Bord = 'debut' | 'fin';

/** Field name (and id) of one time of the grid: "lu-0-debut" is Monday's first opening time. */
export const champHeure = (jour: JourCle, plage: number, bord: Bord) => `${jour}-${plage}-${bord}`;

/** "Lundi, matin – ouverture". */
export function libelleHeure(jour: JourCle, plage: number, bord: Bord): string {
  return `${NOMS_JOURS[jour]}, ${NOMS_PLAGES[plage] ?? `plage ${plage + 1}`} – ${bord === 'debut' ? 'ouverture' : 'fermeture'}`;
}

/** Every field name of the grid, Monday first. */
export const CHAMPS_GRILLE = JOURS.flatMap((jour) =>
  Array.from({ length: PLAGES_MAX_PAR_JOUR }, (_, i) => [champHeure(jour, i, 'debut'), champHeure(jour, i, 'fin')]),
).flat();

const MESSAGE_HEURE = 'Heure invalide (format attendu : 09:30).';

/** One time of the grid: missing means empty; the grid engine reads the text ("9h30" is accepted). */
const heure = z.preprocess(
  (v) => (v === undefined ? '' : v),
  z.string({ error: MESSAGE_HEURE }).trim().max(10, MESSAGE_HEURE),
);

const texteSimple = (message: string, max: number, libelle: string) =>
  z.preprocess(
    (v) => (v === undefined ? '' : v),
    z
      .string({ error: message })
      .trim()
      .max(max, `${libelle} ne doit pas dépasser ${max} caractères.`)
      .refine((s) => !CARACTERES_INTERDITS.test(s), `${libelle} contient des caractères non autorisés.`),
  );

const fuseauHoraire = z.enum(VALEURS_FUSEAUX, { error: 'Choisissez un fuseau horaire de la liste.' });

/** The hours form: the weekly grid, the OSM text (expert), the text shown when the form was opened, the time zone. */
export const SaisieHoraires = z.object({
  ...Object.fromEntries(CHAMPS_GRILLE.map((c) => [c, heure])),
  osm: texteSimple('Saisissez les horaires en un seul texte.', 1000, 'La syntaxe OSM'),
  // Not shown: only tells what the person changed. A tampered value can only make their own input win or lose.
  osmInitial: z.string().max(2000).optional().catch(undefined),
  fuseauHoraire,
}) as z.ZodType<Record<string, string> & { osmInitial?: string; fuseauHoraire: (typeof VALEURS_FUSEAUX)[number] }>;
export type SaisieHoraires = z.infer<typeof SaisieHoraires>;

/**
 * An itinerant site's hours are its stops': only its time zone, and what its stops do in ISO week 53, are edited here
 * (a form without the week 53 choice keeps the stored one).
 */
export const SaisieFuseau = z.object({
  fuseauHoraire,
  semaine53: z.enum(REGLES_SEMAINE_53, { error: 'Choisissez ce que fait la tournée en semaine 53.' }).optional(),
});
export type SaisieFuseau = z.infer<typeof SaisieFuseau>;

/** Reads a time as the grid engine does ("9:30", "09:30", "9h30", "9h", "24:00"), for locating an error. */
function minutes(texte: string): number | null {
  const m = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec(texte.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mn = Number(m[2] ?? '0');
  if (h > 24 || mn > 59 || (h === 24 && mn > 0)) return null;
  return h * 60 + mn;
}

/** Which of a range's two fields an engine message is about: the one missing, unreadable or (end before start) the end. */
function champFautif(debut: string, fin: string): Bord {
  if (!debut) return 'debut';
  if (!fin) return 'fin';
  const d = minutes(debut);
  const f = minutes(fin);
  if (d === null) return 'debut';
  if (f === null || f <= d) return 'fin';
  return 'debut'; // overlap with an earlier range: the range's start is what moves
}

function grilleDe(saisie: Record<string, string>): GrilleSaisie {
  return Object.fromEntries(
    JOURS.map((jour) => [
      jour,
      Array.from({ length: PLAGES_MAX_PAR_JOUR }, (_, i) => ({
        debut: saisie[champHeure(jour, i, 'debut')] ?? '',
        fin: saisie[champHeure(jour, i, 'fin')] ?? '',
      })),
    ]),
  );
}

export type ChoixHoraires =
  | { ok: true; horaires: string; source: 'grille' | 'expert' | 'inchange' }
  | { ok: false; erreurs: Record<string, string> };

/**
 * Which hours a submitted form means. The OSM text wins when it was changed (filled and different from the text
 * shown); otherwise the grid does. When neither was changed, the stored text is kept as written (an imported value,
 * or one a grid cannot show). Errors are French and keyed by field.
 */
export function choisirHoraires(saisie: SaisieHoraires): ChoixHoraires {
  const expert = (saisie.osm ?? '').trim();
  const initial = (saisie.osmInitial ?? '').trim();
  if (expert && expert !== initial) {
    const v = validerHoraires(expert);
    return v.ok ? { ok: true, horaires: expert, source: 'expert' } : { ok: false, erreurs: { osm: v.message } };
  }
  const grille = grilleDe(saisie);
  const r = horairesDepuisGrille(grille);
  if (!r.ok) {
    const erreurs: Record<string, string> = {};
    for (const [cle, message] of Object.entries(r.erreurs)) {
      const [jour, index] = cle.split('.') as [JourCle, string | undefined];
      const i = Number(index ?? 0);
      const plage = grille[jour]?.[i] ?? {};
      const bord = champFautif((plage.debut ?? '').trim(), (plage.fin ?? '').trim());
      erreurs[champHeure(jour, i, bord)] = message;
    }
    return { ok: false, erreurs };
  }
  const grilleVide = JOURS.every((j) => r.grille[j].length === 0);
  if (initial && expert === initial) {
    const avant = grilleDepuisHoraires(initial);
    const avantTexte = avant ? horairesDepuisGrille(avant) : null;
    const inchangee = avant === null ? grilleVide : avantTexte?.ok === true && avantTexte.horaires === r.horaires;
    if (inchangee) {
      const v = validerHoraires(initial);
      return v.ok ? { ok: true, horaires: initial, source: 'inchange' } : { ok: false, erreurs: { osm: v.message } };
    }
  }
  if (grilleVide) {
    return {
      ok: false,
      erreurs: {
        [champHeure('lu', 0, 'debut')]:
          'Indiquez au moins une plage d’ouverture, ou les horaires en syntaxe OSM. Une fermeture temporaire se déclare dans « Fermetures exceptionnelles ».',
      },
    };
  }
  return { ok: true, horaires: r.horaires, source: 'grille' };
}

/** The form's values for stored hours: the grid when the text fits one, the text itself in the expert field. */
export function valeursHoraires(horaires: string | null, fuseau: string, semaine53 = 'impaire') {
  const valeurs: Record<string, string> = {
    osm: horaires ?? '',
    osmInitial: horaires ?? '',
    fuseauHoraire: fuseau,
    semaine53,
  };
  const grille = horaires ? grilleDepuisHoraires(horaires) : null;
  if (grille) {
    for (const jour of JOURS) {
      grille[jour].forEach((p, i) => {
        valeurs[champHeure(jour, i, 'debut')] = p.debut;
        valeurs[champHeure(jour, i, 'fin')] = p.fin;
      });
    }
  }
  return { valeurs, grilleImpossible: Boolean(horaires) && grille === null };
}

// ---------- exceptional closures ----------

/** The database holds 300 characters per reason (the engine's own bound is higher). */
export const MOTIF_FERMETURE_MAX = 300;

const MESSAGE_DATE = 'Date invalide (format attendu : AAAA-MM-JJ).';

/** "2026-12-24" as sent by a date input, or "24/12/2026" typed where date inputs are not supported. */
const dateSaisie = z.preprocess(
  (v) => (v === undefined ? '' : v),
  z
    .string({ error: MESSAGE_DATE })
    .trim()
    .max(10, MESSAGE_DATE)
    .transform((t) => normaliserDate(t) ?? t),
);

/** Form shape of a closure; the rules (dates, notice, urgent reason) are the engine's `validerFermeture`. */
export const SaisieFermeture = z.object({
  debut: dateSaisie,
  fin: dateSaisie,
  motif: texteSimple('Indiquez le motif de la fermeture.', MOTIF_FERMETURE_MAX, 'Le motif'),
  motifUrgence: texteSimple('Indiquez le motif d’urgence en un seul texte.', MOTIF_FERMETURE_MAX, 'Le motif d’urgence'),
});
export type SaisieFermeture = z.infer<typeof SaisieFermeture>;
