import type { Db } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { type Acteur, porteeDe } from '../comptes/index.ts';
import { peutCreerStructure, peutDesactiverStructure, peutGererSites, peutModifierStructure } from './policy.ts';
import * as repo from './repo.ts';
import type { SaisieSite, SaisieStructure } from './validation.ts';

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

export async function consulterSite(db: Db, acteur: Acteur, id: string) {
  const site = await repo.trouverSite(db, porteeDe(acteur), id);
  if (!site) introuvable();
  return { site, droits: { gerer: peutGererSites(acteur, { id: site.structureId, departement: site.departement }) } };
}

/** Structures in which the actor may create or move sites (for the form's choices). */
export async function structuresPourSites(db: Db, acteur: Acteur) {
  const toutes = await repo.listerStructures(db, porteeDe(acteur));
  return toutes.filter((s) => peutGererSites(acteur, s));
}

async function verifierStructureCible(db: Db, acteur: Acteur, structureId: string) {
  const s = await repo.trouverStructure(db, porteeDe(acteur), structureId);
  if (!s?.actif) return 'Structure inconnue';
  if (!peutGererSites(acteur, s)) return 'Vous ne pouvez pas gérer les sites de cette structure';
  return null;
}

/** Adds a site to a structure the actor manages. */
export async function creerSite(db: Db, acteur: Acteur, saisie: SaisieSite): Promise<Resultat> {
  const erreur = await verifierStructureCible(db, acteur, saisie.structureId);
  if (erreur) return { ok: false, erreurs: { structureId: erreur } };
  return { ok: true, id: await repo.insererSite(db, saisie) };
}

/** Edits a site; both its current and its new structure must be managed by the actor. */
export async function modifierSite(db: Db, acteur: Acteur, id: string, saisie: SaisieSite): Promise<Resultat> {
  const { droits } = await consulterSite(db, acteur, id);
  if (!droits.gerer) throw new AppError('interdit');
  const erreur = await verifierStructureCible(db, acteur, saisie.structureId);
  if (erreur) return { ok: false, erreurs: { structureId: erreur } };
  await repo.modifierSite(db, porteeDe(acteur), id, saisie);
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
