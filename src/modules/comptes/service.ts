import type { Config } from '../../config/index.ts';
import { empreinte, jetonAleatoire } from '../../platform/auth/jetons.ts';
import { hacherMotDePasse, verifierMotDePasse } from '../../platform/auth/mots-de-passe.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { jetonDuMessage, mettreEnFile, nouvelleCle } from '../../platform/messages/index.ts';
import {
  type Acteur,
  type CibleStructure,
  type Habilitation,
  type Portee,
  porteeDe,
  type Role,
} from '../portee/index.ts';
import { ciblesStructures, structureDansPortee } from '../structures/index.ts';
import { peutCreerUtilisateur, peutGererHabilitation, peutModifierUtilisateur, rolesAttribuables } from './policy.ts';
import * as repo from './repo.ts';
import { DUREE_ATTENTE_SECOND_FACTEUR_MS, type EtapeSecondFacteur, etapeSecondFacteur } from './totp.ts';
import { LIBELLES_ROLES } from './types.ts';
import type { ChampsHabilitation, CreationUtilisateur, Identite } from './validation.ts';

export const DUREE_INACTIVITE_MS = 8 * 60 * 60 * 1000;
/** However active the person, a session ends 12 hours after sign-in. */
export const DUREE_ABSOLUE_MS = 12 * 60 * 60 * 1000;
export const FENETRE_TENTATIVES_MS = 15 * 60 * 1000;
export const MAX_ECHECS_COMPTE = 5;
export const MAX_ECHECS_IP = 30;
const DUREE_REINITIALISATION_MS = 60 * 60 * 1000;
const DUREE_INVITATION_MS = 7 * 24 * 60 * 60 * 1000;

export type ResultatConnexion =
  /** `secondFacteur` other than 'aucun': the session is pending, it opens only the second-factor pages (ADR 0032). */
  | { ok: true; utilisateurId: string; jetonSession: string; secondFacteur: EtapeSecondFacteur }
  | { ok: false; raison: 'identifiants' | 'trop_de_tentatives' };

const cleCompte = (courriel: string) => `compte:${empreinte(courriel.toLowerCase())}`;
const cleIp = (ip: string) => `ip:${ip}`.slice(0, 100);

/**
 * Records one attempt on each key unless one of them already reached its maximum since `depuis`, under a lock per key:
 * counting and recording are one step, so concurrent attempts cannot all pass the check before any is counted.
 * Returns the recorded rows, or null when refused.
 */
async function reserverTentatives(db: Db, limites: Array<{ cle: string; max: number }>, depuis: Date) {
  return db.transaction(async (tx) => {
    await repo.verrouillerCles(
      tx,
      limites.map((l) => l.cle),
    );
    for (const { cle, max } of limites) {
      if ((await repo.compterTentatives(tx, cle, depuis)) >= max) return null;
    }
    return repo.ajouterTentatives(
      tx,
      limites.map((l) => l.cle),
    );
  });
}

/**
 * Signs a person in. Attempts are counted per account and per IP over 15 minutes; past 5 (account) or 30 (IP) the
 * answer is "too many attempts" whether or not the account exists, so the page never reveals which emails exist.
 * The attempt is recorded before the password is checked (and withdrawn if it was right), so that concurrent
 * attempts on one account get at most 5 password checks in the window.
 */
export async function connecter(
  db: Db,
  courriel: string,
  motDePasse: string,
  ip: string,
  /** Roles that need the second factor besides the nation and coordinators (`SECOND_FACTEUR_ROLES`). */
  rolesSecondFacteur: readonly Role[] = [],
): Promise<ResultatConnexion> {
  const depuis = new Date(Date.now() - FENETRE_TENTATIVES_MS);
  const reservees = await reserverTentatives(
    db,
    [
      { cle: cleCompte(courriel), max: MAX_ECHECS_COMPTE },
      { cle: cleIp(ip), max: MAX_ECHECS_IP },
    ],
    depuis,
  );
  if (!reservees) return { ok: false, raison: 'trop_de_tentatives' };

  const compte = await repo.trouverCompteParCourriel(db, courriel);
  const valide = await verifierMotDePasse(compte?.actif ? compte.motDePasse : null, motDePasse);
  if (!compte || !valide) return { ok: false, raison: 'identifiants' };
  const jetonSession = jetonAleatoire();
  const secondFacteur = await etapeSecondFacteur(db, compte.id, rolesSecondFacteur);
  await db.transaction(async (tx) => {
    await repo.supprimerTentatives(tx, reservees);
    await repo.effacerTentatives(tx, cleCompte(courriel));
    if (secondFacteur === 'aucun') {
      await repo.creerSession(tx, empreinte(jetonSession), compte.id, new Date(Date.now() + DUREE_INACTIVITE_MS));
      await repo.noterConnexion(tx, compte.id);
    } else {
      // The second factor's pages take over from here (totp-service.ts): a short-lived session that opens nothing else.
      await repo.creerSession(
        tx,
        empreinte(jetonSession),
        compte.id,
        new Date(Date.now() + DUREE_ATTENTE_SECOND_FACTEUR_MS),
        {
          secondFacteurEnAttente: true,
        },
      );
    }
  });
  return { ok: true, utilisateurId: compte.id, jetonSession, secondFacteur };
}

/** Ends a session. */
export async function deconnecter(db: Db, jetonSession: string): Promise<void> {
  await repo.supprimerSession(db, empreinte(jetonSession));
}

/**
 * The actor of a session cookie, sliding the 8-hour idle expiry (at most one write a minute per session) within the
 * 12-hour absolute lifetime.
 */
export async function acteurDuJeton(db: Db, jetonSession: string): Promise<Acteur | null> {
  const id = empreinte(jetonSession);
  const trouve = await repo.acteurDeSession(db, id, DUREE_ABSOLUE_MS);
  if (!trouve) return null;
  if (Date.now() - trouve.vuLe.getTime() > 60_000) {
    await repo.prolongerSession(db, id, new Date(Date.now() + DUREE_INACTIVITE_MS), DUREE_ABSOLUE_MS);
  }
  return trouve.acteur;
}

/** What queuing a one-time link needs: the public URL and the secret its token is derived from (ADR 0021). */
export type EnvoiLiens = Pick<Config, 'publicUrl' | 'sessionSecret'>;

/**
 * Sends a one-time reset link (valid 1 hour) if an active account has this email; it replaces any older link of that
 * person. The caller shows the same message either way. Limited to 5 requests an hour per IP.
 */
export async function demanderReinitialisation(db: Db, courriel: string, ip: string, envoi: EnvoiLiens) {
  const cle = `reinit:${ip}`.slice(0, 100);
  if (!(await reserverTentatives(db, [{ cle, max: 5 }], new Date(Date.now() - 60 * 60 * 1000)))) {
    return { ok: false as const, raison: 'trop_de_tentatives' as const };
  }
  const compte = await repo.trouverCompteParCourriel(db, courriel);
  if (!compte?.actif) return { ok: true as const };
  // The link's token is derived from the message's key when it is sent: only its hash is stored (ADR 0021).
  const cleMessage = nouvelleCle('comptes.reinitialisation');
  const jeton = jetonDuMessage(envoi.sessionSecret, cleMessage);
  const expireLe = new Date(Date.now() + DUREE_REINITIALISATION_MS);
  await db.transaction(async (tx) => {
    await repo.creerJeton(tx, {
      utilisateurId: compte.id,
      empreinte: empreinte(jeton),
      objet: 'reinitialisation',
      expireLe,
    });
    await mettreEnFile(tx, envoi, {
      modele: 'comptes.reinitialisation',
      destinataire: courriel,
      parametres: {},
      cle: cleMessage,
      expireLe,
    });
  });
  return { ok: true as const };
}

export async function lienValide(db: Db, jeton: string): Promise<boolean> {
  return repo.jetonValide(db, empreinte(jeton));
}

/** Sets a new password from a one-time link, voids the person's other links and closes all their sessions. */
export async function definirMotDePasse(db: Db, jeton: string, motDePasse: string): Promise<boolean> {
  const hache = await hacherMotDePasse(motDePasse);
  return db.transaction(async (tx) => {
    const utilisateurId = await repo.consommerJeton(tx, empreinte(jeton));
    if (!utilisateurId) return false;
    await repo.definirMotDePasse(tx, utilisateurId, hache);
    await repo.supprimerJetonsDe(tx, utilisateurId);
    await repo.supprimerSessionsDe(tx, utilisateurId);
    return true;
  });
}

// ---------- administration of people ----------

const COURRIEL_PRIS = 'Un compte existe déjà avec cette adresse électronique';

/**
 * Runs a write that may hit the unique index on emails; two people creating the same account at the same moment
 * both pass the early check, and the database decides: the loser gets null (shown as a field error), not a 500.
 */
async function sansDoublonDeCourriel<T>(ecriture: () => Promise<T>): Promise<T | null> {
  try {
    return await ecriture();
  } catch (error) {
    const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
    const pg = e.code ? e : e.cause;
    if (pg?.code === '23505' && pg.constraint === 'utilisateurs_courriel_unique') return null;
    throw error;
  }
}

export type Erreurs = Record<string, string>;

export function listerUtilisateurs(db: Db, acteur: Acteur, filtre: repo.FiltreUtilisateurs) {
  return repo.listerUtilisateurs(db, porteeDe(acteur), filtre);
}

/** A person visible to the actor, with what the actor may do to them; 404 when out of scope. */
export async function consulterUtilisateur(db: Db, acteur: Acteur, id: string) {
  const portee = porteeDe(acteur);
  const u = await repo.trouverUtilisateur(db, portee, id);
  if (!u) introuvable();
  const cible = { id: u.id, habilitations: await avecStructures(db, u.habilitations) };
  return {
    utilisateur: u,
    modifiable: peutModifierUtilisateur(acteur, cible),
    habilitationsRetirables: new Set(
      cible.habilitations.filter((h) => peutGererHabilitation(acteur, h, h.structure)).map((h) => h.id),
    ),
  };
}

async function avecStructures(db: Db, habs: Habilitation[]) {
  const cibles = await ciblesStructures(
    db,
    habs.flatMap((h) => (h.structureId ? [h.structureId] : [])),
  );
  const parId = new Map(cibles.map((c) => [c.id, c]));
  return habs.map((h) => ({ ...h, structure: h.structureId ? (parId.get(h.structureId) ?? null) : null }));
}

/**
 * Checks that the actor may grant this role with this scope, and that the scope's ids exist and belong together
 * (sites of the chosen structure, a national partner). Returns field errors, or the habilitation to insert.
 */
async function verifierHabilitation(
  db: Db,
  acteur: Acteur,
  champs: ChampsHabilitation,
): Promise<{ ok: true; h: repo.NouvelleHabilitation } | { ok: false; erreurs: Erreurs }> {
  const erreurs: Erreurs = {};
  const portee: Portee = porteeDe(acteur);
  if (!rolesAttribuables(acteur).includes(champs.role)) erreurs.role = 'Vous ne pouvez pas attribuer ce rôle';
  const h: repo.NouvelleHabilitation = {
    role: champs.role,
    structureId: null,
    partenaireId: null,
    departements: [],
    siteIds: [],
  };
  let structure: CibleStructure | null = null;
  if (champs.role === 'gestionnaire' || champs.role === 'agent') {
    if (!champs.structureId) erreurs.structureId = 'Choisissez la structure';
    else {
      structure = await structureDansPortee(db, portee, champs.structureId);
      if (!structure) erreurs.structureId = 'Structure inconnue';
      else h.structureId = structure.id;
    }
    if (champs.role === 'agent' && structure && champs.siteIds.length > 0) {
      const sitesStructure = new Set((await repo.sitesDeStructure(db, portee, structure.id)).map((s) => s.id));
      if (champs.siteIds.some((id) => !sitesStructure.has(id)))
        erreurs.siteIds = 'Un site choisi n’appartient pas à cette structure';
      else h.siteIds = [...new Set(champs.siteIds)];
    }
  }
  if (champs.role === 'coordinateur' || champs.role === 'referent') {
    if (champs.departements.length === 0) erreurs.departements = 'Indiquez au moins un département';
    else h.departements = champs.departements;
  }
  if (champs.role === 'referent') {
    const partenaires = await repo.partenairesNationaux(db);
    if (!champs.partenaireId) erreurs.partenaireId = 'Choisissez le partenaire';
    else if (!partenaires.some((p) => p.id === champs.partenaireId)) erreurs.partenaireId = 'Partenaire inconnu';
    else h.partenaireId = champs.partenaireId;
  }
  if (!erreurs.role && !erreurs.structureId && !peutGererHabilitation(acteur, h, structure)) {
    erreurs.role = 'Vous ne pouvez pas attribuer ce rôle sur cette structure';
  }
  return Object.keys(erreurs).length > 0 ? { ok: false, erreurs } : { ok: true, h };
}

/**
 * Creates a person with a first role and emails them an invitation link (valid 7 days) to choose their password.
 * All or nothing: the person, the role and the email are written in one transaction.
 */
export async function creerUtilisateur(db: Db, acteur: Acteur, saisie: CreationUtilisateur, envoi: EnvoiLiens) {
  if (!peutCreerUtilisateur(acteur)) throw new AppError('interdit');
  const verif = await verifierHabilitation(db, acteur, saisie);
  const erreurs: Erreurs = verif.ok ? {} : { ...verif.erreurs };
  if (await repo.courrielPris(db, saisie.courriel)) erreurs.courriel = COURRIEL_PRIS;
  if (!verif.ok || Object.keys(erreurs).length > 0) return { ok: false as const, erreurs };
  const cleMessage = nouvelleCle('comptes.invitation');
  const jeton = jetonDuMessage(envoi.sessionSecret, cleMessage);
  const expireLe = new Date(Date.now() + DUREE_INVITATION_MS);
  const id = await sansDoublonDeCourriel(() =>
    db.transaction(async (tx) => {
      const id = await repo.insererUtilisateur(tx, {
        courriel: saisie.courriel,
        prenom: saisie.prenom,
        nom: saisie.nom,
      });
      await repo.insererHabilitation(tx, id, verif.h);
      await repo.creerJeton(tx, { utilisateurId: id, empreinte: empreinte(jeton), objet: 'invitation', expireLe });
      await mettreEnFile(tx, envoi, {
        modele: 'comptes.invitation',
        destinataire: saisie.courriel,
        parametres: { prenom: saisie.prenom, auteur: `${acteur.prenom} ${acteur.nom}` },
        cle: cleMessage,
        expireLe,
      });
      return id;
    }),
  );
  if (id === null) return { ok: false as const, erreurs: { courriel: COURRIEL_PRIS } };
  return { ok: true as const, id };
}

/** Changes a person's name and email, if the actor manages every role the person holds. */
export async function modifierUtilisateur(db: Db, acteur: Acteur, id: string, saisie: Identite) {
  const { modifiable } = await consulterUtilisateur(db, acteur, id);
  if (!modifiable) throw new AppError('interdit');
  const fait = await sansDoublonDeCourriel(async () => {
    if (await repo.courrielPris(db, saisie.courriel, id)) return null;
    await repo.modifierIdentite(db, porteeDe(acteur), id, saisie);
    return true;
  });
  if (!fait) return { ok: false as const, erreurs: { courriel: COURRIEL_PRIS } };
  return { ok: true as const };
}

/** Deactivates (and signs out) or reactivates a person; nobody deactivates themselves. */
export async function changerActivation(db: Db, acteur: Acteur, id: string, actif: boolean) {
  const { modifiable } = await consulterUtilisateur(db, acteur, id);
  if (!modifiable) throw new AppError('interdit');
  await db.transaction(async (tx) => {
    await repo.changerActivation(tx, porteeDe(acteur), id, actif);
    if (!actif) await repo.supprimerSessionsDe(tx, id);
  });
}

/** Adds a role to a visible person. */
export async function ajouterHabilitation(db: Db, acteur: Acteur, id: string, champs: ChampsHabilitation) {
  await consulterUtilisateur(db, acteur, id);
  if (!peutCreerUtilisateur(acteur)) throw new AppError('interdit');
  const verif = await verifierHabilitation(db, acteur, champs);
  if (!verif.ok) return verif;
  await db.transaction((tx) => repo.insererHabilitation(tx, id, verif.h));
  return { ok: true as const };
}

/** Withdraws one role; a person keeps at least one role (deactivate them instead). */
export async function retirerHabilitation(db: Db, acteur: Acteur, id: string, habilitationId: string) {
  const { utilisateur, habilitationsRetirables } = await consulterUtilisateur(db, acteur, id);
  if (!utilisateur.habilitations.some((h) => h.id === habilitationId)) introuvable();
  if (!habilitationsRetirables.has(habilitationId)) throw new AppError('interdit');
  if (utilisateur.habilitations.length <= 1) {
    return { ok: false as const, message: 'Une personne garde au moins un rôle : désactivez plutôt son compte.' };
  }
  await repo.supprimerHabilitation(db, porteeDe(acteur), id, habilitationId);
  return { ok: true as const };
}

/** Choices for the role form: roles the actor may grant, national partners, structures are listed by the caller. */
export async function choixHabilitation(db: Db, acteur: Acteur) {
  return { roles: rolesAttribuables(acteur), partenaires: await repo.partenairesNationaux(db) };
}

/** Human labels of habilitations ("Agent France services – France services de Sceaux"), for lists and details. */
export async function libellesHabilitations(db: Db, habs: Habilitation[]): Promise<Map<string, string>> {
  const structuresIds = [...new Set(habs.flatMap((h) => (h.structureId ? [h.structureId] : [])))];
  const [cibles, partenaires] = await Promise.all([ciblesStructures(db, structuresIds), repo.partenairesNationaux(db)]);
  const nomStructure = new Map(cibles.map((c) => [c.id, c.nom]));
  const nomPartenaire = new Map(partenaires.map((p) => [p.id, p.nom]));
  const libelles = new Map<string, string>();
  for (const h of habs) {
    let portee = '';
    if (h.structureId) portee = nomStructure.get(h.structureId) ?? '';
    if (h.role === 'coordinateur') portee = `départements ${h.departements.join(', ')}`;
    if (h.role === 'referent')
      portee = `${nomPartenaire.get(h.partenaireId ?? '') ?? ''}, départements ${h.departements.join(', ')}`;
    const sites = h.siteIds.length > 0 ? ` (${h.siteIds.length} site${h.siteIds.length > 1 ? 's' : ''})` : '';
    libelles.set(h.id, portee ? `${LIBELLES_ROLES[h.role]} – ${portee}${sites}` : LIBELLES_ROLES[h.role]);
  }
  return libelles;
}

/** Restricts an agent's habilitation to some sites of their structure (none chosen: every site). */
export async function definirSitesAgent(db: Db, acteur: Acteur, id: string, habilitationId: string, siteIds: string[]) {
  const { utilisateur, habilitationsRetirables } = await consulterUtilisateur(db, acteur, id);
  const h = utilisateur.habilitations.find((x) => x.id === habilitationId);
  if (h?.role !== 'agent' || !h.structureId) introuvable();
  if (!habilitationsRetirables.has(habilitationId)) throw new AppError('interdit');
  const possibles = new Set((await repo.sitesDeStructure(db, porteeDe(acteur), h.structureId)).map((s) => s.id));
  if (siteIds.some((s) => !possibles.has(s)))
    return { ok: false as const, message: 'Un site choisi n’appartient pas à cette structure.' };
  await db.transaction((tx) => repo.remplacerSitesHabilitation(tx, habilitationId, [...new Set(siteIds)]));
  return { ok: true as const };
}

/** Sites of an agent's structure, for the restriction form. */
export function sitesPourHabilitation(db: Db, acteur: Acteur, structureId: string) {
  return repo.sitesDeStructure(db, porteeDe(acteur), structureId);
}
