import type { Db } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { fuseauParDefaut } from '../horaires/index.ts';
import { type Acteur, porteeDe } from '../portee/index.ts';
import { peutCreerStructure, peutDesactiverStructure, peutGererSites, peutModifierStructure } from './policy.ts';
import * as repo from './repo.ts';
import { type SaisieSite, type SaisieStructure, SERVICES_SITE } from './validation.ts';

type Resultat = { ok: true; id: string } | { ok: false; erreurs: Record<string, string> };

export function listerStructures(db: Db, acteur: Acteur, filtre: repo.Filtre) {
  return repo.listerStructures(db, porteeDe(acteur), filtre);
}

/** A structure in the actor's scope with what they may do with it; 404 otherwise. */
export async function consulterStructure(db: Db, acteur: Acteur, id: string) {
  const portee = porteeDe(acteur);
  const structure = await repo.trouverStructure(db, portee, id);
  if (!structure) introuvable();
  return {
    structure,
    sites: await repo.listerSites(db, portee, { structureId: id, inclureInactifs: true }),
    droits: {
      modifier: peutModifierStructure(acteur, structure),
      desactiver: peutDesactiverStructure(acteur, structure),
      gererSites: peutGererSites(acteur, structure),
    },
  };
}

/** Creates a structure in a département the actor coordinates (or anywhere for the national admin). */
export async function creerStructure(db: Db, acteur: Acteur, saisie: SaisieStructure): Promise<Resultat> {
  if (!peutCreerStructure(acteur, saisie.departement)) {
    return { ok: false, erreurs: { departement: 'Vous ne pouvez pas créer de structure dans ce département' } };
  }
  return { ok: true, id: await repo.insererStructure(db, saisie) };
}

/** Edits a structure; moving it to another département requires coordinating that one too. */
export async function modifierStructure(
  db: Db,
  acteur: Acteur,
  id: string,
  saisie: SaisieStructure,
): Promise<Resultat> {
  const { structure, droits } = await consulterStructure(db, acteur, id);
  if (!droits.modifier) throw new AppError('interdit');
  if (saisie.departement !== structure.departement && !peutCreerStructure(acteur, saisie.departement)) {
    return { ok: false, erreurs: { departement: 'Vous ne pouvez pas déplacer la structure dans ce département' } };
  }
  await repo.modifierStructure(db, porteeDe(acteur), id, saisie);
  return { ok: true, id };
}

/** Deactivates or reactivates a structure: it disappears from lists but its history stays. */
export async function changerActivationStructure(db: Db, acteur: Acteur, id: string, actif: boolean) {
  const { droits } = await consulterStructure(db, acteur, id);
  if (!droits.desactiver) throw new AppError('interdit');
  await repo.changerActivationStructure(db, porteeDe(acteur), id, actif);
}

export function listerSites(db: Db, acteur: Acteur, filtre: repo.Filtre) {
  return repo.listerSites(db, porteeDe(acteur), filtre);
}

/** A site in the actor's scope with its partners and what they may do with it; 404 otherwise. */
export async function consulterSite(db: Db, acteur: Acteur, id: string) {
  const portee = porteeDe(acteur);
  const trouve = await repo.trouverSite(db, portee, id);
  if (!trouve) introuvable();
  const partenaires = await repo.partenairesDuSite(db, portee, id);
  const site = { ...trouve, partenaires };
  return { site, droits: { gerer: peutGererSites(acteur, { id: site.structureId, departement: site.departement }) } };
}

/** Structures in which the actor may create or move sites (for the form's choices). */
export async function structuresPourSites(db: Db, acteur: Acteur) {
  const toutes = await repo.listerStructures(db, porteeDe(acteur));
  return toutes.filter((s) => peutGererSites(acteur, s));
}

async function verifierStructureCible(
  db: Db,
  acteur: Acteur,
  structureId: string,
): Promise<{ erreur: string } | { structure: { id: string; departement: string } }> {
  const s = await repo.trouverStructure(db, porteeDe(acteur), structureId);
  if (!s?.actif) return { erreur: 'Structure inconnue' };
  if (!peutGererSites(acteur, s)) return { erreur: 'Vous ne pouvez pas gérer les sites de cette structure' };
  return { structure: s };
}

type Erreurs = Record<string, string>;

/**
 * Checks what only the database knows: the structure, the id_fs not held by another site, the services among the
 * offered ones (or already on the site), and returns the national partners' ids.
 */
async function verifierSaisie(
  db: Db,
  acteur: Acteur,
  saisie: SaisieSite,
  existant?: { id: string; services: string[] },
): Promise<{ ok: false; erreurs: Erreurs } | { ok: true; structure: { departement: string }; partenaires: string[] }> {
  const erreurs: Erreurs = {};
  const cible = await verifierStructureCible(db, acteur, saisie.structureId);
  if ('erreur' in cible) erreurs.structureId = cible.erreur;
  if (saisie.idFs !== undefined && (await repo.idFsPris(db, saisie.idFs, existant?.id))) {
    erreurs.idFs = ERREUR_ID_FS;
  }
  const offerts = new Set<string>([...SERVICES_SITE, ...(existant?.services ?? [])]);
  if (saisie.services.some((s) => !offerts.has(s))) erreurs.services = 'Service inconnu';
  const partenaires = await repo.partenairesNationaux(db, saisie.partenaires);
  if (partenaires.length !== new Set(saisie.partenaires).size) erreurs.partenaires = 'Partenaire inconnu';
  if (Object.keys(erreurs).length > 0 || 'erreur' in cible) return { ok: false, erreurs };
  return { ok: true, structure: cible.structure, partenaires: partenaires.map((p) => p.id) };
}

const ERREUR_ID_FS = 'Cet identifiant ANCT (id_fs) est déjà attribué à un autre site';

/** A write refused by the unique index on id_fs (two people saving the same id at once) becomes a field error. */
function estDoublonIdFs(e: unknown): boolean {
  const pg =
    (e as { cause?: { code?: string; constraint?: string } }).cause ?? (e as { code?: string; constraint?: string });
  return pg?.code === '23505' && pg.constraint === 'sites_id_fs_unique';
}

function sansDoublons(services: string[]): string[] {
  return [...new Set(services)];
}

/** Adds a site to a structure the actor manages, with its partners, in one transaction; its time zone is its département's. */
export async function creerSite(db: Db, acteur: Acteur, saisie: SaisieSite): Promise<Resultat> {
  const v = await verifierSaisie(db, acteur, saisie);
  if (!v.ok) return v;
  const valeurs = { ...saisie, services: sansDoublons(saisie.services) };
  try {
    const id = await db.transaction(async (tx) => {
      const id = await repo.insererSite(tx, valeurs, {
        fuseauHoraire: fuseauParDefaut(v.structure.departement),
        coordonneesApprochees: false,
      });
      await repo.remplacerPartenairesNationaux(tx, porteeDe(acteur), id, v.partenaires);
      return id;
    });
    return { ok: true, id };
  } catch (e) {
    if (estDoublonIdFs(e)) return { ok: false, erreurs: { idFs: ERREUR_ID_FS } };
    throw e;
  }
}

/**
 * Edits a site and its national partners in one transaction; both its current and its new structure must be
 * managed by the actor. Coordinates typed (changed) are exact; unchanged ones keep their "approximate" mark.
 */
export async function modifierSite(db: Db, acteur: Acteur, id: string, saisie: SaisieSite): Promise<Resultat> {
  const { site, droits } = await consulterSite(db, acteur, id);
  if (!droits.gerer) throw new AppError('interdit');
  const v = await verifierSaisie(db, acteur, saisie, site);
  if (!v.ok) return v;
  const inchangees =
    saisie.latitude === (site.latitude ?? undefined) && saisie.longitude === (site.longitude ?? undefined);
  const coordonneesApprochees = saisie.latitude !== undefined && inchangees && site.coordonneesApprochees;
  const portee = porteeDe(acteur);
  try {
    await db.transaction(async (tx) => {
      await repo.modifierSite(
        tx,
        portee,
        id,
        { ...saisie, services: sansDoublons(saisie.services) },
        { coordonneesApprochees },
      );
      await repo.remplacerPartenairesNationaux(tx, portee, id, v.partenaires);
    });
  } catch (e) {
    if (estDoublonIdFs(e)) return { ok: false, erreurs: { idFs: ERREUR_ID_FS } };
    throw e;
  }
  return { ok: true, id };
}

export async function changerActivationSite(db: Db, acteur: Acteur, id: string, actif: boolean) {
  const { droits } = await consulterSite(db, acteur, id);
  if (!droits.gerer) throw new AppError('interdit');
  await repo.changerActivationSite(db, porteeDe(acteur), id, actif);
}

/** Counts for the dashboard. */
export function chiffresPortee(db: Db, acteur: Acteur) {
  return repo.compterDansPortee(db, porteeDe(acteur));
}
