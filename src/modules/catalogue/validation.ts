import { z } from 'zod';
import { CARACTERES_INTERDITS, identifiant, liste, texte } from '../../platform/http/formulaire.ts';
import { rubriqueEnum } from './tables.ts';

export const RUBRIQUES = rubriqueEnum.enumValues;
export type Rubrique = (typeof RUBRIQUES)[number];

export const LIBELLES_RUBRIQUES: Record<Rubrique, string> = {
  accompagnement: 'Accompagnement',
  numerique: 'Numérique',
  demarches: 'Démarches',
};

export const PRESTATIONS_MAX_PAR_RUBRIQUE = 30;
export const PRESTATION_MAX_CARACTERES = 500;
/** A request names at most 12 partners (check constraint of `sollicitations`), so a situation offers no more. */
export const PARTENAIRES_MAX_PAR_SITUATION = 12;

/** The value of the "catalogue" choice meaning the national catalogue rather than one structure's. */
export const CATALOGUE_NATIONAL = 'national';

/**
 * The items of one rubrique, typed one per line: blank lines dropped, tabs turned into spaces, each line bounded and
 * free of control characters, at most 30, none repeated.
 */
function prestations(rubrique: string) {
  return z
    .preprocess((v) => (v === undefined ? '' : v), z.string({ error: `${rubrique} : la saisie doit être un texte` }))
    .transform((s) =>
      s
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((l) => l.replace(/\t/g, ' ').trim())
        .filter((l) => l !== ''),
    )
    .superRefine((lignes, c) => {
      if (lignes.length > PRESTATIONS_MAX_PAR_RUBRIQUE) {
        c.addIssue({
          code: 'custom',
          message: `Saisissez au plus ${PRESTATIONS_MAX_PAR_RUBRIQUE} prestations (une par ligne) ; il y en a ${lignes.length}`,
        });
        return;
      }
      const vues = new Map<string, number>();
      for (const [i, l] of lignes.entries()) {
        if (l.length > PRESTATION_MAX_CARACTERES) {
          c.addIssue({
            code: 'custom',
            message: `La ligne ${i + 1} dépasse ${PRESTATION_MAX_CARACTERES} caractères`,
          });
          return;
        }
        if (CARACTERES_INTERDITS.test(l)) {
          c.addIssue({ code: 'custom', message: `La ligne ${i + 1} contient des caractères non autorisés` });
          return;
        }
        const deja = vues.get(l.toLowerCase());
        if (deja !== undefined) {
          c.addIssue({ code: 'custom', message: `La ligne ${i + 1} répète la ligne ${deja + 1}` });
          return;
        }
        vues.set(l.toLowerCase(), i);
      }
    });
}

const champsSituation = {
  nom: texte('le nom de la situation', 200),
  themeId: identifiant('Thème inconnu', 'Choisissez le thème'),
  partenairePrincipal: identifiant('Partenaire inconnu', 'Choisissez le partenaire principal'),
  partenaires: liste(identifiant('Partenaire inconnu')),
  accompagnement: prestations(LIBELLES_RUBRIQUES.accompagnement),
  numerique: prestations(LIBELLES_RUBRIQUES.numerique),
  demarches: prestations(LIBELLES_RUBRIQUES.demarches),
};

/** Where a new entry goes: the national catalogue (`national`) or one structure, by its id. */
function catalogueCible(choisir: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: choisir })
      .min(1, choisir)
      .refine((v) => v === CATALOGUE_NATIONAL || z.uuid().safeParse(v).success, 'Structure inconnue'),
  );
}

/** The edit form of a situation: its catalogue (national or a structure's) never changes. */
export const SaisieSituation = z.object(champsSituation);
export type SaisieSituation = z.infer<typeof SaisieSituation>;

export const SaisieNouvelleSituation = z.object({
  ...champsSituation,
  structureId: catalogueCible('Choisissez le catalogue de la situation'),
});
export type SaisieNouvelleSituation = z.infer<typeof SaisieNouvelleSituation>;

const champsPartenaire = {
  nom: texte('le nom du partenaire', 200),
  nomCourt: texte('le nom court', 60),
};

export const SaisiePartenaire = z.object(champsPartenaire);
export type SaisiePartenaire = z.infer<typeof SaisiePartenaire>;

/** A new partner is always local: national partners are those of the accord-cadre, loaded by migration. */
export const SaisieNouveauPartenaire = z.object({
  ...champsPartenaire,
  structureId: identifiant('Structure inconnue', 'Choisissez la structure'),
});
export type SaisieNouveauPartenaire = z.infer<typeof SaisieNouveauPartenaire>;

export const SaisieTheme = z.object({ nom: texte('le nom du thème', 200) });
export type SaisieTheme = z.infer<typeof SaisieTheme>;
