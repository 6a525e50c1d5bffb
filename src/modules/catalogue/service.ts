import { randomBytes } from 'node:crypto';
import type { Db, Executor } from '../../platform/db/client.ts';
import { interdit, introuvable } from '../../platform/http/errors.ts';
import { type Acteur, type Portee, porteeDe } from '../portee/index.ts';
import { listerStructuresDansPortee, structureDansPortee } from '../structures/index.ts';
import {
  type CibleEntree,
  peutGererLocal,
  peutModifierEntree,
  peutModifierNational,
  peutVoirCatalogue,
} from './policy.ts';
import * as repo from './repo.ts';
import {
  CATALOGUE_NATIONAL,
  PARTENAIRES_MAX_PAR_SITUATION,
  RUBRIQUES,
  type Rubrique,
  type SaisieNouveauPartenaire,
  type SaisieNouvelleSituation,
  type SaisiePartenaire,
  type SaisieSituation,
  type SaisieTheme,
} from './validation.ts';

type Erreurs = Record<string, string>;
export type Resultat = { ok: true; id: string } | { ok: false; erreurs: Erreurs };

/** The scope of an actor who may read the catalogue; a référent alone gets a 403. */
function lecteur(acteur: Acteur): Portee {
  if (!peutVoirCatalogue(acteur)) interdit();
  return porteeDe(acteur);
}

/** An entry as its policy sees it, from a row with its structure's id and département. */
function cibleDe(e: { structureId: string | null; departement: string | null }): CibleEntree {
  return { structure: e.structureId ? { id: e.structureId, departement: e.departement ?? '' } : null };
}

/** Active structures in the actor's scope whose local entries they may manage. */
async function structuresGerees(db: Db, acteur: Acteur) {
  const toutes = await listerStructuresDansPortee(db, porteeDe(acteur));
  return toutes
    .filter((s) => s.actif && peutGererLocal(acteur, s))
    .map((s) => ({ id: s.id, nom: s.nom, departement: s.departement }));
}

/** A structure the actor may add local entries to, or null (unknown, out of scope, inactive or not managed). */
async function structureGeree(db: Db, acteur: Acteur, id: string) {
  const s = await structureDansPortee(db, porteeDe(acteur), id);
  return s?.actif && peutGererLocal(acteur, s) ? s : null;
}

/** Where a new entry may go, as the options of the form's "catalogue" choice. */
function catalogues(
  acteur: Acteur,
  gerees: Array<{ id: string; nom: string; departement: string }>,
  avecNational: boolean,
) {
  return [
    ...(avecNational && peutModifierNational(acteur)
      ? [{ valeur: CATALOGUE_NATIONAL, libelle: 'Catalogue national (toutes les structures)' }]
      : []),
    ...gerees.map((s) => ({ valeur: s.id, libelle: `${s.nom} (${s.departement})` })),
  ];
}

/**
 * The catalogue as the actor sees it: themes with their situations (national ones and the local ones of structures
 * in their scope, retired ones flagged), partners, and what they may add.
 */
export async function consulterCatalogue(db: Db, acteur: Acteur) {
  const portee = lecteur(acteur);
  const [themes, situations, partenaires, gerees] = await Promise.all([
    repo.listerThemes(db),
    repo.listerSituations(db, portee),
    repo.listerPartenaires(db, portee),
    structuresGerees(db, acteur),
  ]);
  return {
    themes: themes.map((t) => ({ ...t, situations: situations.filter((s) => s.themeId === t.id) })),
    partenaires,
    droits: {
      national: peutModifierNational(acteur),
      local: gerees.length > 0,
    },
  };
}

export type Catalogue = Awaited<ReturnType<typeof consulterCatalogue>>;

// ---------- situations ----------

/** What the form of a new situation offers: themes, catalogues (national and/or managed structures), partners. */
export async function choixNouvelleSituation(db: Db, acteur: Acteur) {
  const portee = lecteur(acteur);
  const gerees = await structuresGerees(db, acteur);
  const options = catalogues(acteur, gerees, true);
  if (options.length === 0) interdit();
  const [themes, partenaires] = await Promise.all([
    repo.listerThemes(db),
    repo.partenairesProposes(
      db,
      portee,
      gerees.map((s) => s.id),
    ),
  ]);
  return {
    themes: themes.filter((t) => t.actif),
    catalogues: options,
    partenaires: partenaires.filter((p) => p.actif),
  };
}

/** A situation visible to the actor, with its partners in order, its active items and whether they may edit it. */
export async function consulterSituation(db: Db, acteur: Acteur, id: string) {
  const portee = lecteur(acteur);
  const situation = await repo.trouverSituation(db, portee, id);
  if (!situation) introuvable();
  const [partenaires, prestations] = await Promise.all([
    repo.partenairesDeSituation(db, portee, id),
    repo.prestationsDeSituation(db, portee, id),
  ]);
  return {
    situation: { ...situation, partenaires, prestations: prestations.filter((p) => p.actif) },
    modifiable: peutModifierEntree(acteur, cibleDe(situation)),
  };
}

export type SituationConsultee = Awaited<ReturnType<typeof consulterSituation>>['situation'];

/**
 * What the edit form of a situation offers: active themes (and its own), the partners its catalogue may name (active
 * ones, plus retired ones it still names).
 */
export async function choixSituation(db: Db, acteur: Acteur, situation: SituationConsultee) {
  const portee = lecteur(acteur);
  const [themes, partenaires] = await Promise.all([
    repo.listerThemes(db),
    repo.partenairesProposes(db, portee, situation.structureId ? [situation.structureId] : []),
  ]);
  const nommes = new Set(situation.partenaires.map((p) => p.id));
  return {
    themes: themes.filter((t) => t.actif || t.id === situation.themeId),
    partenaires: partenaires.filter((p) => p.actif || nommes.has(p.id)),
  };
}

/**
 * Checks what only the database knows: a known active theme, partners the situation's catalogue may name (national,
 * "other", or local to its structure; a retired one only if the situation already names it), at most 12 of them, and
 * a name not already used in the same catalogue. Returns the partners in order, the usual one first.
 */
async function verifierSituation(
  db: Executor,
  portee: Portee,
  saisie: SaisieSituation,
  structureId: string | null,
  existante?: { id: string; partenaires: string[] },
): Promise<{ ok: true; partenaires: string[] } | { ok: false; erreurs: Erreurs }> {
  const erreurs: Erreurs = {};
  // One after the other: `db` is a transaction here, and a transaction runs one query at a time.
  const themes = await repo.listerThemes(db);
  const proposes = await repo.partenairesProposes(db, portee, structureId ? [structureId] : []);
  const homonyme = await repo.situationNommee(db, saisie.nom, structureId, existante?.id);
  if (!themes.some((t) => t.actif && t.id === saisie.themeId)) erreurs.themeId = 'Thème inconnu';
  const dejaNommes = new Set(existante?.partenaires ?? []);
  const permis = new Set(proposes.filter((p) => p.actif || dejaNommes.has(p.id)).map((p) => p.id));
  if (!permis.has(saisie.partenairePrincipal)) erreurs.partenairePrincipal = 'Partenaire inconnu';
  const ordre = [...new Set([saisie.partenairePrincipal, ...saisie.partenaires])];
  if (saisie.partenaires.some((p) => !permis.has(p))) erreurs.partenaires = 'Partenaire inconnu';
  else if (ordre.length > PARTENAIRES_MAX_PAR_SITUATION) {
    erreurs.partenaires = `Choisissez au plus ${PARTENAIRES_MAX_PAR_SITUATION} partenaires, le partenaire principal compris`;
  }
  if (homonyme) {
    erreurs.nom = homonyme.actif
      ? 'Une situation porte déjà ce nom dans ce catalogue'
      : 'Une situation retirée porte déjà ce nom dans ce catalogue : réactivez-la plutôt que d’en créer une autre';
  }
  return Object.keys(erreurs).length > 0 ? { ok: false, erreurs } : { ok: true, partenaires: ordre };
}

type PrestationExistante = { id: string; rubrique: string; libelle: string; ordre: number; actif: boolean };

/**
 * Turns the lines typed per rubrique into changes that never delete: a line already there keeps its item (a retired
 * one comes back), a new line becomes a new item, an item whose line is gone is retired. Order follows the lines.
 */
export function planPrestations(existantes: PrestationExistante[], lignes: Record<Rubrique, string[]>) {
  const changements: Array<{ id: string; ordre: number; actif: boolean }> = [];
  const nouvelles: Array<{ rubrique: Rubrique; libelle: string; ordre: number }> = [];
  // Active items first, so that a line matches its live item rather than a retired twin.
  const candidates = [...existantes].sort((a, b) => Number(b.actif) - Number(a.actif));
  const reprises = new Set<string>();
  let ordre = 0;
  for (const rubrique of RUBRIQUES) {
    for (const libelle of lignes[rubrique]) {
      ordre++;
      const e = candidates.find((x) => !reprises.has(x.id) && x.rubrique === rubrique && x.libelle === libelle);
      if (!e) {
        nouvelles.push({ rubrique, libelle, ordre });
        continue;
      }
      reprises.add(e.id);
      if (e.ordre !== ordre || !e.actif) changements.push({ id: e.id, ordre, actif: true });
    }
  }
  for (const e of existantes) {
    if (e.actif && !reprises.has(e.id)) changements.push({ id: e.id, ordre: e.ordre, actif: false });
  }
  return { changements, nouvelles };
}

/** A stable, readable code from a name: lower-case ASCII words joined by hyphens, cut to `max` characters. */
export function codeDepuisNom(nom: string, max: number): string {
  return nom
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/**
 * A unique code for a new entry: the name's slug, with a short random suffix for a local entry (or when the slug is
 * taken), so that two structures may use the same name.
 */
async function codeUnique(
  nom: string,
  max: number,
  defaut: string,
  local: boolean,
  pris: (code: string) => Promise<boolean>,
): Promise<string> {
  const base = codeDepuisNom(nom, max - 7) || defaut;
  if (!local && !(await pris(base))) return base;
  for (let essai = 0; essai < 5; essai++) {
    const code = `${base}-${randomBytes(3).toString('hex')}`;
    if (!(await pris(code))) return code;
  }
  throw new Error('no free code after 5 attempts');
}

/** The catalogue a new entry goes to: null for the national one, else a structure the actor manages. */
async function catalogueChoisi(
  db: Db,
  acteur: Acteur,
  choix: string,
  objet: string,
): Promise<{ ok: true; structureId: string | null } | { ok: false; erreur: string }> {
  if (choix === CATALOGUE_NATIONAL) {
    return peutModifierNational(acteur)
      ? { ok: true, structureId: null }
      : { ok: false, erreur: `Vous ne pouvez pas ajouter ${objet} au catalogue national` };
  }
  const s = await structureGeree(db, acteur, choix);
  return s ? { ok: true, structureId: s.id } : { ok: false, erreur: 'Structure inconnue' };
}

/**
 * Adds a situation to the national catalogue (national admin) or as a local one of a structure the actor manages,
 * with its partners and items, in one transaction.
 */
export async function creerSituation(db: Db, acteur: Acteur, saisie: SaisieNouvelleSituation): Promise<Resultat> {
  const portee = lecteur(acteur);
  const cible = await catalogueChoisi(db, acteur, saisie.structureId, 'de situation');
  const structureId = cible.ok ? cible.structureId : null;
  return db.transaction(async (tx): Promise<Resultat> => {
    await repo.verrouillerCatalogue(tx);
    const v = await verifierSituation(tx, portee, saisie, structureId);
    if (!cible.ok || !v.ok) {
      return { ok: false, erreurs: { ...(cible.ok ? {} : { structureId: cible.erreur }), ...(v.ok ? {} : v.erreurs) } };
    }
    const code = await codeUnique(saisie.nom, 80, 'situation', structureId !== null, (c) =>
      repo.codeSituationPris(tx, c),
    );
    const id = await repo.insererSituation(tx, { code, nom: saisie.nom, themeId: saisie.themeId, structureId });
    await repo.remplacerPartenairesSituation(tx, portee, id, v.partenaires);
    await repo.insererPrestations(tx, portee, id, planPrestations([], saisie).nouvelles);
    return { ok: true, id };
  });
}

/**
 * Edits a situation: name, theme, partners in order and items (kept, retired or added, never deleted), in one
 * transaction. National ones by the national admin, local ones by their structure's managers.
 */
export async function modifierSituation(
  db: Db,
  acteur: Acteur,
  id: string,
  saisie: SaisieSituation,
): Promise<Resultat> {
  const portee = lecteur(acteur);
  const { situation, modifiable } = await consulterSituation(db, acteur, id);
  if (!modifiable) interdit();
  return db.transaction(async (tx): Promise<Resultat> => {
    await repo.verrouillerCatalogue(tx);
    const v = await verifierSituation(tx, portee, saisie, situation.structureId, {
      id,
      partenaires: situation.partenaires.map((p) => p.id),
    });
    if (!v.ok) return v;
    if (!(await repo.modifierSituation(tx, portee, id, { nom: saisie.nom, themeId: saisie.themeId }))) introuvable();
    await repo.remplacerPartenairesSituation(tx, portee, id, v.partenaires);
    const plan = planPrestations(await repo.prestationsDeSituation(tx, portee, id), saisie);
    await repo.majPrestations(tx, portee, id, plan.changements);
    await repo.insererPrestations(tx, portee, id, plan.nouvelles);
    return { ok: true, id };
  });
}

/** Retires or brings back a situation: a retired one is no longer offered at the counter, past requests keep it. */
export async function changerActivationSituation(db: Db, acteur: Acteur, id: string, actif: boolean) {
  const { modifiable } = await consulterSituation(db, acteur, id);
  if (!modifiable) interdit();
  await repo.changerActivationSituation(db, porteeDe(acteur), id, actif);
}

// ---------- partners ----------

/** A partner visible to the actor, the situations it serves that they see, and whether they may edit it. */
export async function consulterPartenaire(db: Db, acteur: Acteur, id: string) {
  const portee = lecteur(acteur);
  const partenaire = await repo.trouverPartenaire(db, portee, id);
  if (!partenaire) introuvable();
  return {
    partenaire,
    situations: await repo.situationsDuPartenaire(db, portee, id),
    modifiable: peutModifierEntree(acteur, cibleDe(partenaire)),
  };
}

/** The structures a new local partner may belong to; none is a 403. */
export async function choixNouveauPartenaire(db: Db, acteur: Acteur) {
  lecteur(acteur);
  const options = catalogues(acteur, await structuresGerees(db, acteur), false);
  if (options.length === 0) interdit();
  return { catalogues: options };
}

async function verifierNomsPartenaire(
  db: Executor,
  saisie: SaisiePartenaire,
  structureId: string | null,
  saufId?: string,
): Promise<Erreurs> {
  const pris = await repo.partenaireNomme(db, saisie, structureId, saufId);
  const erreurs: Erreurs = {};
  if (pris.nom) erreurs.nom = 'Un partenaire porte déjà ce nom';
  if (pris.nomCourt) erreurs.nomCourt = 'Un partenaire porte déjà ce nom court';
  return erreurs;
}

/** Adds a local partner to a structure the actor manages; only that structure sees it. */
export async function creerPartenaire(db: Db, acteur: Acteur, saisie: SaisieNouveauPartenaire): Promise<Resultat> {
  lecteur(acteur);
  const structure = await structureGeree(db, acteur, saisie.structureId);
  return db.transaction(async (tx): Promise<Resultat> => {
    await repo.verrouillerCatalogue(tx);
    const erreurs = await verifierNomsPartenaire(tx, saisie, structure?.id ?? null);
    if (!structure) erreurs.structureId = 'Structure inconnue';
    if (!structure || Object.keys(erreurs).length > 0) return { ok: false, erreurs };
    const code = await codeUnique(saisie.nom, 60, 'partenaire', true, (c) => repo.codePartenairePris(tx, c));
    const id = await repo.insererPartenaire(tx, {
      code,
      nom: saisie.nom,
      nomCourt: saisie.nomCourt,
      structureId: structure.id,
    });
    return { ok: true, id };
  });
}

/** Renames a partner: national-level ones by the national admin, local ones by their structure's managers. */
export async function modifierPartenaire(
  db: Db,
  acteur: Acteur,
  id: string,
  saisie: SaisiePartenaire,
): Promise<Resultat> {
  const portee = lecteur(acteur);
  const { partenaire, modifiable } = await consulterPartenaire(db, acteur, id);
  if (!modifiable) interdit();
  return db.transaction(async (tx): Promise<Resultat> => {
    await repo.verrouillerCatalogue(tx);
    const erreurs = await verifierNomsPartenaire(tx, saisie, partenaire.structureId, id);
    if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };
    if (!(await repo.modifierPartenaire(tx, portee, id, { nom: saisie.nom, nomCourt: saisie.nomCourt }))) {
      introuvable();
    }
    return { ok: true, id };
  });
}

/**
 * Retires or brings back a partner: a retired one is no longer offered at the counter nor as a situation's partner;
 * past requests keep it.
 */
export async function changerActivationPartenaire(db: Db, acteur: Acteur, id: string, actif: boolean) {
  const { modifiable } = await consulterPartenaire(db, acteur, id);
  if (!modifiable) interdit();
  await repo.changerActivationPartenaire(db, porteeDe(acteur), id, actif);
}

// ---------- themes ----------

/** A theme, for the national admin only (the six themes are the bouquet's; they may only be renamed). */
export async function consulterTheme(db: Db, acteur: Acteur, id: string) {
  lecteur(acteur);
  if (!peutModifierNational(acteur)) interdit();
  const theme = await repo.trouverTheme(db, id);
  if (!theme) introuvable();
  return theme;
}

/** Renames a theme; two themes may not share a name. */
export async function renommerTheme(db: Db, acteur: Acteur, id: string, saisie: SaisieTheme): Promise<Resultat> {
  await consulterTheme(db, acteur, id);
  return db.transaction(async (tx): Promise<Resultat> => {
    await repo.verrouillerCatalogue(tx);
    if (await repo.themeNomme(tx, saisie.nom, id)) return { ok: false, erreurs: { nom: 'Un thème porte déjà ce nom' } };
    await repo.renommerTheme(tx, id, saisie.nom);
    return { ok: true, id };
  });
}
