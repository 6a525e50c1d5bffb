import { z } from 'zod';
import { deNom } from '../../platform/formats/francais.ts';
import { COLONNES_ANCT } from '../donnees/index.ts';
import { JOURS_ANCT, type JourAnct } from '../horaires/index.ts';
import { CODES_TERRITOIRES } from '../territoires/index.ts';

/** The columns of the ANCT national list: the same list the open-data export writes. */
export { COLONNES_ANCT };
export type ColonneAnct = (typeof COLONNES_ANCT)[number];
export type LigneAnct = Record<ColonneAnct, string>;

/** A row of the national list, checked and normalised, ready to be written. */
export interface SiteAnct {
  /** The ANCT's final identifier; null for a site that has only a provisional one. */
  idFs: number | null;
  /** The provisional identifier (`temp_12`) of a site labelled before the ANCT numbered it; null otherwise. */
  idFsProvisoire: string | null;
  departement: string;
  nom: string;
  adresse: string;
  complementAdresse: string | null;
  codeInsee: string;
  codePostal: string;
  commune: string;
  latitude: number | null;
  longitude: number | null;
  courriel: string | null;
  telephone: string | null;
  /** The weekday texts exactly as received (empty days included), for `sites.horaires_source`. */
  horairesSource: Record<JourAnct, string>;
  commentaire: string | null;
  itinerance: boolean;
  format: 'principal' | 'antenne';
  groupe: string | null;
  /** ISO date (YYYY-MM-DD). */
  dateLabellisation: string | null;
}

export type ValidationLigne =
  | { ok: true; site: SiteAnct; avertissements: string[] }
  | { ok: false; raison: string; idFs?: string };

// Pacific collectivities that the ANCT could list with a three-digit code: their own law (holidays, labour code) is
// not modelled, so their rows are refused by name. 975, 977 and 978 are territories of guichet (CODES_TERRITOIRES).
const COLLECTIVITES: Record<string, string> = {
  '986': 'Wallis-et-Futuna',
  '987': 'Polynésie française',
  '988': 'Nouvelle-Calédonie',
};

/** A provisional identifier of the national list: sites labelled on 1 December 2022 were listed as `temp_1`…. */
const ID_PROVISOIRE = /^temp_\d{1,9}$/i;

/** One line of text: every run of white space (line breaks included) becomes one space. */
const uneLigne = (s: string) => s.replace(/\s+/g, ' ').trim();

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function texteRequis(manquant: string, libelle: string, max: number) {
  return z
    .string()
    .transform(uneLigne)
    .pipe(
      z
        .string()
        .min(1, manquant)
        .max(max, `${libelle} dépasse ${max} caractères`)
        .refine((s) => !CONTROLE.test(s), `${libelle} contient des caractères de contrôle`),
    );
}

const SchemaLigne = z.object({
  id_fs: z
    .string()
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      if (s === '') ctx.addIssue({ code: 'custom', message: 'id_fs manquant' });
      else if (!/^\d{1,9}$/.test(s) && !ID_PROVISOIRE.test(s))
        ctx.addIssue({
          code: 'custom',
          message: `id_fs « ${s} » n’est ni un entier ni un identifiant provisoire (temp_12)`,
        });
    })
    .transform((s) =>
      ID_PROVISOIRE.test(s)
        ? { idFs: null, idFsProvisoire: s.toLowerCase() }
        : { idFs: Number(s), idFsProvisoire: null },
    ),
  insee_dep: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .superRefine((s, ctx) => {
      if (s === '') ctx.addIssue({ code: 'custom', message: 'département manquant' });
      else if (!CODES_TERRITOIRES.has(s))
        ctx.addIssue({
          code: 'custom',
          message: COLLECTIVITES[s]
            ? `département « ${s} » : ${COLLECTIVITES[s]} est une collectivité du Pacifique, dont guichet ne gère ni le calendrier ni le droit local`
            : `département « ${s} » inconnu`,
        });
    }),
  lib_fs: texteRequis('nom manquant', 'le nom', 200),
  adresse: texteRequis('adresse manquante', 'l’adresse', 200),
  complement_adresse: z
    .string()
    .transform(uneLigne)
    .pipe(z.string().max(200, 'le complément d’adresse dépasse 200 caractères'))
    .transform((s) => s || null),
  insee_com: z
    .string()
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      if (s === '') ctx.addIssue({ code: 'custom', message: 'code commune INSEE manquant' });
      else if (!/^(\d{5}|2[AB]\d{3})$/i.test(s))
        ctx.addIssue({ code: 'custom', message: `code commune INSEE « ${s} » invalide` });
    })
    .transform((s) => s.toUpperCase()),
  code_postal: z
    .string()
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      if (s === '') ctx.addIssue({ code: 'custom', message: 'code postal manquant' });
      else if (!/^\d{5}$/.test(s)) ctx.addIssue({ code: 'custom', message: `code postal « ${s} » invalide` });
    }),
  lib_com: texteRequis('commune manquante', 'le nom de la commune', 120),
  itinerance: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.enum(['oui', 'non'], { error: (i) => `itinerance « ${String(i.input)} » : « Oui » ou « Non » attendu` }))
    .transform((s) => s === 'oui'),
  format_fs: z
    .string()
    .transform((s) => uneLigne(s).toLowerCase())
    .pipe(
      z.enum(['site principal', 'antenne'], {
        error: (i) => `format_fs « ${String(i.input)} » : « Site principal » ou « Antenne » attendu`,
      }),
    )
    .transform((s) => (s === 'antenne' ? ('antenne' as const) : ('principal' as const))),
});

/** Bounding boxes of the French territories guichet serves: [south, north, west, east]. */
const TERRITOIRES: Record<string, { nom: string; boite: [number, number, number, number] }> = {
  metropole: { nom: 'la France métropolitaine', boite: [41.3, 51.15, -5.25, 9.6] },
  '971': { nom: 'la Guadeloupe', boite: [15.8, 16.55, -61.85, -60.95] },
  '972': { nom: 'la Martinique', boite: [14.35, 14.9, -61.25, -60.8] },
  '973': { nom: 'la Guyane', boite: [2.1, 5.8, -54.65, -51.6] },
  '974': { nom: 'La Réunion', boite: [-21.42, -20.85, 55.2, 55.85] },
  '976': { nom: 'Mayotte', boite: [-13.05, -12.6, 44.95, 45.35] },
  '975': { nom: 'Saint-Pierre-et-Miquelon', boite: [46.7, 47.15, -56.45, -56.1] },
  '977': { nom: 'Saint-Barthélemy', boite: [17.85, 17.98, -62.95, -62.78] },
  '978': { nom: 'Saint-Martin', boite: [18.0, 18.13, -63.16, -62.96] },
};

function territoire(departement: string) {
  return TERRITOIRES[departement] ?? (TERRITOIRES.metropole as (typeof TERRITOIRES)[string]);
}

/** Coordinates of the row if both are numbers inside the département's territory; otherwise why not. */
function lireCoordonnees(
  latitude: string,
  longitude: string,
  departement: string,
): { latitude: number; longitude: number } | { absentes: true } | { erreur: string } {
  const la = latitude.trim().replace(',', '.');
  const lo = longitude.trim().replace(',', '.');
  if (la === '' && lo === '') return { absentes: true };
  const lat = Number(la);
  const lon = Number(lo);
  if (la === '' || lo === '' || !Number.isFinite(lat) || !Number.isFinite(lon))
    return { erreur: `coordonnées illisibles (« ${latitude} », « ${longitude} »)` };
  const t = territoire(departement);
  const [sud, nord, ouest, est] = t.boite;
  if (lat < sud || lat > nord || lon < ouest || lon > est)
    return { erreur: `coordonnées (${lat}, ${lon}) hors ${deNom(t.nom)}` };
  return { latitude: lat, longitude: lon };
}

const courrielValide = z.email();

/** The first valid address of the cell, lower-cased; a warning when the cell held something else. */
function lireCourriel(brut: string): { valeur: string | null; avertissement?: string } {
  const texte = brut.trim();
  if (texte === '') return { valeur: null };
  const candidats = texte.split(/[\s,;]+(?:-\s+)?|\s+-\s+/).filter((c) => c.includes('@'));
  const valides = candidats
    .map((c) => c.toLowerCase())
    .filter((c) => c.length <= 254 && courrielValide.safeParse(c).success);
  const [premier] = valides;
  if (!premier) return { valeur: null, avertissement: `adresse électronique « ${texte} » invalide : non importée` };
  if (valides.length > 1 || premier !== texte.toLowerCase())
    return { valeur: premier, avertissement: `adresse électronique « ${texte} » : seule « ${premier} » est gardée` };
  return { valeur: premier };
}

/** A French number as ten digits (0123456789) or an international one as +…; a warning when unreadable. */
export function normaliserTelephone(brut: string): { valeur: string | null; avertissement?: string } {
  const texte = brut.trim();
  if (texte === '') return { valeur: null };
  const chiffres = texte.replace(/[\s.\-()/]/g, '');
  if (/^0\d{9}$/.test(chiffres)) return { valeur: chiffres };
  const international = chiffres.replace(/^00/, '+').replace(/^(33\d{9})$/, '+$1');
  if (/^\+33\d{9}$/.test(international)) return { valeur: `0${international.slice(3)}` };
  if (/^\+\d{11,12}$/.test(international)) return { valeur: international };
  return { valeur: null, avertissement: `téléphone « ${texte} » invalide : non importé` };
}

/** "Espace labellisé 01/01/2020" → 2020-01-01. */
function lireLabellisation(brut: string): { valeur: string | null; avertissement?: string } {
  const texte = uneLigne(brut);
  if (texte === '') return { valeur: null, avertissement: 'date de labellisation absente' };
  const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(texte);
  if (m) {
    const [j, mo, a] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(a, mo - 1, j));
    if (date.getUTCFullYear() === a && date.getUTCMonth() === mo - 1 && date.getUTCDate() === j)
      return { valeur: date.toISOString().slice(0, 10) };
  }
  return { valeur: null, avertissement: `date de labellisation « ${texte} » illisible : non importée` };
}

/** Normalises a multi-line comment: trims each line and drops blank lines (the export repeats line breaks). */
function lireCommentaire(brut: string): string | null {
  const texte = brut
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/[^\S\n]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
  return texte === '' ? null : texte;
}

/**
 * Checks one row of the national list. Missing or malformed identity fields (id_fs, département, name, address,
 * commune) reject the row; contact details, label date and coordinates that cannot be read only give a warning.
 */
export function validerLigneAnct(ligne: LigneAnct): ValidationLigne {
  const idFsBrut = ligne.id_fs.trim() || undefined;
  const resultat = SchemaLigne.safeParse(ligne);
  if (!resultat.success) {
    const raisons = [...new Set(resultat.error.issues.map((i) => i.message))];
    return { ok: false, raison: raisons.join(' ; '), idFs: idFsBrut };
  }
  const d = resultat.data;
  const avertissements: string[] = [];

  const prefixe = d.insee_dep.length === 3 ? d.insee_dep : d.insee_dep.slice(0, 2);
  if (!d.insee_com.startsWith(prefixe))
    return {
      ok: false,
      raison: `le code commune INSEE « ${d.insee_com} » n’est pas dans le département ${d.insee_dep}`,
      idFs: idFsBrut,
    };

  let latitude: number | null = null;
  let longitude: number | null = null;
  const coordonnees = lireCoordonnees(ligne.latitude, ligne.longitude, d.insee_dep);
  if ('erreur' in coordonnees) avertissements.push(`${coordonnees.erreur} : non importées`);
  else if ('latitude' in coordonnees) ({ latitude, longitude } = coordonnees);

  const courriel = lireCourriel(ligne.mail);
  const telephone = normaliserTelephone(ligne.telephone);
  const labellisation = lireLabellisation(ligne.labellisation);
  for (const r of [courriel, telephone, labellisation]) if (r.avertissement) avertissements.push(r.avertissement);

  const horairesSource = Object.fromEntries(
    JOURS_ANCT.map((jour) => [jour, ligne[`h_${jour}` as ColonneAnct]]),
  ) as Record<JourAnct, string>;

  return {
    ok: true,
    avertissements,
    site: {
      ...d.id_fs,
      departement: d.insee_dep,
      nom: d.lib_fs,
      adresse: d.adresse,
      complementAdresse: d.complement_adresse,
      codeInsee: d.insee_com,
      codePostal: d.code_postal,
      commune: d.lib_com,
      latitude,
      longitude,
      courriel: courriel.valeur,
      telephone: telephone.valeur,
      horairesSource,
      commentaire: lireCommentaire(ligne.commentaire),
      itinerance: d.itinerance,
      format: d.format_fs,
      groupe: uneLigne(ligne.groupe) || null,
      dateLabellisation: labellisation.valeur,
    },
  };
}

// ——— Itinerant tours in the national mediation-place format (LaMednum/standard-mediation-num) ———

/** A code that a JSON export may have turned into a number (16140, or 1140 for 01140). */
const code5 = (libelle: string) =>
  z
    .union([z.string(), z.number()], { error: `${libelle} manquant` })
    .transform((v) => (typeof v === 'number' ? String(Math.trunc(v)).padStart(5, '0') : v.trim().toUpperCase()));

const nombreOuVide = z
  .union([z.number(), z.string(), z.null(), z.undefined()])
  .transform((v) => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? null : Number(v)))
  .refine((v) => v === null || Number.isFinite(v), 'coordonnée illisible');

const texteOuVide = z
  .union([z.string(), z.number(), z.null(), z.undefined()])
  .transform((v) => (v === null || v === undefined ? '' : String(v).trim()));

/** One stop of a tour as the national format gives it; site-level fields are read from the first stop. */
export const ArretMediation = z.object({
  nom: z.string({ error: 'nom manquant' }).transform(uneLigne).pipe(z.string().min(1, 'nom manquant')),
  adresse: z
    .string({ error: 'adresse manquante' })
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map(uneLigne)
        .filter((l) => l !== '')
        .join(', '),
    )
    .pipe(z.string().min(1, 'adresse manquante').max(200, 'l’adresse dépasse 200 caractères')),
  complement_adresse: texteOuVide,
  commune: z.string({ error: 'commune manquante' }).transform(uneLigne).pipe(z.string().min(1, 'commune manquante')),
  code_postal: code5('code postal').pipe(z.string().regex(/^\d{5}$/, 'code postal invalide')),
  code_insee: code5('code commune INSEE').pipe(z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'code commune INSEE invalide')),
  latitude: nombreOuVide,
  longitude: nombreOuVide,
  horaires: z.string({ error: 'horaires manquants' }).transform((s) => s.trim()),
  ouverture: texteOuVide
    .transform((s) => s.toLowerCase())
    .pipe(
      z
        .enum(['', 'semaine paire', 'semaine impaire'], {
          error: (i) => `ouverture « ${String(i.input)} » : « Semaine paire », « Semaine impaire » ou vide attendu`,
        })
        .transform((s) => (s === 'semaine paire' ? 'paires' : s === 'semaine impaire' ? 'impaires' : 'toutes')),
    ),
  structure_parente: texteOuVide,
  telephone: texteOuVide,
  courriel: texteOuVide,
  services: texteOuVide,
  labels_nationaux: texteOuVide,
});
export type ArretMediation = z.infer<typeof ArretMediation>;

/** "Bus France Services - [Face à la boulangerie]" → the service ("Bus France Services") and the place. */
export function decomposerNomArret(nom: string): { service: string | null; lieu: string } {
  const m = /^(.*?)\s*[-–—]\s*\[(.+)\]\s*$/.exec(nom);
  if (m?.[1] && m[2]) return { service: m[1].trim(), lieu: m[2].trim() };
  const crochets = /^\[(.+)\]$/.exec(nom);
  return { service: null, lieu: (crochets?.[1] ?? nom).trim() };
}

/** Reads an email address of the national format; invalid ones are dropped with a warning. */
export function normaliserCourriel(brut: string) {
  return lireCourriel(brut);
}
