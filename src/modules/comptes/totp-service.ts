import { empreinte, jetonAleatoire } from '../../platform/auth/jetons.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import type { Acteur, Role } from '../portee/index.ts';
import * as repo from './repo.ts';
import { DUREE_ABSOLUE_MS, DUREE_INACTIVITE_MS, FENETRE_TENTATIVES_MS } from './service.ts';
import {
  chiffrerSecret,
  dechiffrerSecret,
  type EtapeSecondFacteur,
  empreinteCodeSecours,
  etapeSecondFacteur,
  normaliserCode,
  nouveauSecret,
  nouveauxCodesSecours,
  pasDuCode,
  qrCodeSvg,
  secondFacteurExigePour,
  secretGroupe,
  uriTotp,
} from './totp.ts';
import * as totpRepo from './totp-repo.ts';

// The TOTP second factor's use cases (issue 15, ADR 0032): enrolment, the code after the password, recovery codes.

/** Wrong codes one pending session may send before it is dropped. */
export const MAX_CODES_SESSION = 5;
/** Wrong codes on one account, all sessions together, in 15 minutes. */
export const MAX_CODES_COMPTE = 10;

const cleSession = (sessionId: string) => `totp:session:${sessionId}`;
const cleCompte = (utilisateurId: string) => `totp:compte:${utilisateurId}`;

/** What the application's configuration gives this module: the key material and the roles that need a factor. */
export interface ConfigSecondFacteur {
  sessionSecret: string;
  rolesSecondFacteur: readonly Role[];
}

/**
 * Records one attempt on each key unless one already reached its maximum in the window, under the same advisory
 * locks as the password's throttling (service.ts): counted before the code is checked, so concurrent wrong codes
 * cannot exceed the limit. Returns the recorded rows, or null when refused.
 */
async function reserverTentatives(db: Db, limites: Array<{ cle: string; max: number }>) {
  const depuis = new Date(Date.now() - FENETRE_TENTATIVES_MS);
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

/** A pending session (password right, second factor due) and the step it is at. */
export interface Attente {
  sessionId: string;
  utilisateurId: string;
  courriel: string;
  creeLe: Date;
}

/** The pending session behind a session cookie, or null (none, expired, complete, or the person deactivated). */
export async function attenteDuJeton(db: Executor, jetonSession: string): Promise<Attente | null> {
  const s = await totpRepo.sessionEnAttente(db, empreinte(jetonSession), DUREE_ABSOLUE_MS);
  return s && { sessionId: s.id, utilisateurId: s.utilisateurId, courriel: s.courriel, creeLe: s.creeLe };
}

export function etapeDe(db: Executor, attente: Attente, config: ConfigSecondFacteur): Promise<EtapeSecondFacteur> {
  return etapeSecondFacteur(db, attente.utilisateurId, config.rolesSecondFacteur);
}

/**
 * Replaces a pending session by a full one, with a new id (a new cookie): the 12-hour lifetime still counts from the
 * password step. Returns null when the pending session is gone (expired, or a concurrent right code won).
 */
async function terminerConnexion(tx: Executor, attente: Attente): Promise<string | null> {
  if (!(await totpRepo.supprimerSessionEnAttente(tx, attente.sessionId))) return null;
  const jeton = jetonAleatoire();
  const fin = Math.min(Date.now() + DUREE_INACTIVITE_MS, attente.creeLe.getTime() + DUREE_ABSOLUE_MS);
  await totpRepo.insererSession(tx, {
    id: empreinte(jeton),
    utilisateurId: attente.utilisateurId,
    creeLe: attente.creeLe,
    expireLe: new Date(fin),
    secondFacteurEnAttente: false,
  });
  await repo.noterConnexion(tx, attente.utilisateurId);
  return jeton;
}

class Annulation extends Error {}

export type ResultatCode =
  | { ok: true; jetonSession: string; codesSecoursRestants: number | null }
  | { ok: false; raison: 'code' | 'rejoue' | 'trop_de_tentatives' | 'expiree' };

/**
 * Checks the code (or a recovery code) of a pending session. Wrong codes are limited per pending session (5) and per
 * account (10 in 15 minutes), counted before checking; past the limit the pending session is dropped. A right code
 * ends the pending session and opens a full one; a TOTP code of a step already used, or a used recovery code, is
 * refused.
 */
export async function verifierCodeConnexion(
  db: Db,
  config: ConfigSecondFacteur,
  attente: Attente,
  saisie: string,
): Promise<ResultatCode> {
  const reservees = await reserverTentatives(db, [
    { cle: cleSession(attente.sessionId), max: MAX_CODES_SESSION },
    { cle: cleCompte(attente.utilisateurId), max: MAX_CODES_COMPTE },
  ]);
  if (!reservees) {
    await totpRepo.supprimerSessionEnAttente(db, attente.sessionId);
    return { ok: false, raison: 'trop_de_tentatives' };
  }
  const code = normaliserCode(saisie);
  const uid = attente.utilisateurId;
  let secret: string | null = null;
  if (/^\d{6}$/.test(code)) {
    const facteur = await totpRepo.facteurDe(db, uid);
    secret = facteur?.activeLe ? dechiffrerSecret(config.sessionSecret, uid, facteur.secretChiffre) : null;
    if (!secret) return { ok: false, raison: 'code' };
  }
  const pas = secret ? pasDuCode(secret, code) : null;
  if (secret && pas === null) return { ok: false, raison: 'code' };
  try {
    return await db.transaction(async (tx): Promise<ResultatCode> => {
      let restants: number | null = null;
      if (pas !== null) {
        if (!(await totpRepo.accepterPas(tx, uid, pas, false))) return { ok: false, raison: 'rejoue' };
      } else {
        if (!(await totpRepo.consommerCodeSecours(tx, uid, empreinteCodeSecours(uid, code))))
          return { ok: false, raison: 'code' };
        restants = await totpRepo.codesSecoursRestants(tx, uid);
      }
      const jetonSession = await terminerConnexion(tx, attente);
      // Gone meanwhile: nothing of this attempt is kept (the recovery code stays usable).
      if (!jetonSession) throw new Annulation();
      await repo.supprimerTentatives(tx, reservees);
      await repo.effacerTentatives(tx, cleCompte(uid));
      return { ok: true, jetonSession, codesSecoursRestants: restants };
    });
  } catch (error) {
    if (error instanceof Annulation) return { ok: false, raison: 'expiree' };
    throw error;
  }
}

/** What the enrolment page shows: the QR code, the secret in groups of four, and the URI for manual entry. */
export interface Enrolement {
  secretGroupe: string;
  uri: string;
  qrCode: string;
}

async function presenter(secret: string, courriel: string): Promise<Enrolement> {
  const uri = uriTotp(secret, courriel);
  return { secretGroupe: secretGroupe(secret), uri, qrCode: await qrCodeSvg(uri) };
}

export interface EtatFacteur {
  actif: boolean;
  activeLe: Date | null;
  exige: boolean;
  codesSecoursRestants: number;
  /** False for an account without a password (ProConnect only): the second factor is ProConnect's business. */
  motDePasse: boolean;
}

/** The person's factor: active or not, required by their roles or not, recovery codes left. */
export async function etatFacteur(
  db: Db,
  config: ConfigSecondFacteur,
  utilisateurId: string,
  roles: readonly Role[],
): Promise<EtatFacteur> {
  const facteur = await totpRepo.facteurDe(db, utilisateurId);
  return {
    actif: Boolean(facteur?.activeLe),
    activeLe: facteur?.activeLe ?? null,
    exige: secondFacteurExigePour(roles, config.rolesSecondFacteur),
    codesSecoursRestants: facteur?.activeLe ? await totpRepo.codesSecoursRestants(db, utilisateurId) : 0,
    motDePasse: await totpRepo.aUnMotDePasse(db, utilisateurId),
  };
}

/**
 * Starts an enrolment with a fresh secret (each showing of the page draws a new one, so a secret shown to someone
 * else before is void); null once a factor is active.
 */
export async function commencerEnrolement(
  db: Db,
  config: ConfigSecondFacteur,
  utilisateurId: string,
  courriel: string,
): Promise<Enrolement | null> {
  const secret = nouveauSecret();
  const prepare = await totpRepo.preparerFacteur(
    db,
    utilisateurId,
    chiffrerSecret(config.sessionSecret, utilisateurId, secret),
  );
  return prepare ? presenter(secret, courriel) : null;
}

/** The enrolment under way (same secret), to show the page again after a wrong code; null if there is none. */
export async function enrolementEnCours(
  db: Db,
  config: ConfigSecondFacteur,
  utilisateurId: string,
  courriel: string,
): Promise<Enrolement | null> {
  const facteur = await totpRepo.facteurDe(db, utilisateurId);
  if (!facteur || facteur.activeLe) return null;
  const secret = dechiffrerSecret(config.sessionSecret, utilisateurId, facteur.secretChiffre);
  return secret ? presenter(secret, courriel) : null;
}

export type ResultatActivation =
  | { ok: true; codesSecours: string[]; jetonSession: string | null }
  | { ok: false; raison: 'code' | 'deja_actif' | 'expiree' };

async function nouveauxCodes(tx: Executor, utilisateurId: string): Promise<string[]> {
  const codes = nouveauxCodesSecours();
  await totpRepo.remplacerCodesSecours(
    tx,
    utilisateurId,
    codes.map((c) => empreinteCodeSecours(utilisateurId, c)),
  );
  return codes;
}

/**
 * Activates the factor being enrolled with a first code of its secret, and gives ten recovery codes (shown once, only
 * their hashes kept). From a pending session (enrolment required at sign-in) it also completes the sign-in.
 */
export async function activerFacteur(
  db: Db,
  config: ConfigSecondFacteur,
  utilisateurId: string,
  saisie: string,
  attente: Attente | null,
): Promise<ResultatActivation> {
  const facteur = await totpRepo.facteurDe(db, utilisateurId);
  if (facteur?.activeLe) return { ok: false, raison: 'deja_actif' };
  const secret = facteur && dechiffrerSecret(config.sessionSecret, utilisateurId, facteur.secretChiffre);
  const pas = secret ? pasDuCode(secret, normaliserCode(saisie)) : null;
  if (pas === null) return { ok: false, raison: 'code' };
  try {
    return await db.transaction(async (tx): Promise<ResultatActivation> => {
      if (!(await totpRepo.accepterPas(tx, utilisateurId, pas, true))) return { ok: false, raison: 'deja_actif' };
      const codesSecours = await nouveauxCodes(tx, utilisateurId);
      let jetonSession: string | null = null;
      if (attente) {
        jetonSession = await terminerConnexion(tx, attente);
        if (!jetonSession) throw new Annulation();
      }
      return { ok: true, codesSecours, jetonSession };
    });
  } catch (error) {
    if (error instanceof Annulation) return { ok: false, raison: 'expiree' };
    throw error;
  }
}

/**
 * Checks a current code of a signed-in person's active factor before a sensitive change (new recovery codes,
 * disabling): the same per-account limit as at sign-in, and a code is good once.
 */
async function reauthentifier(
  db: Db,
  config: ConfigSecondFacteur,
  utilisateurId: string,
  saisie: string,
): Promise<'ok' | 'code' | 'rejoue' | 'trop_de_tentatives'> {
  const reservees = await reserverTentatives(db, [{ cle: cleCompte(utilisateurId), max: MAX_CODES_COMPTE }]);
  if (!reservees) return 'trop_de_tentatives';
  const facteur = await totpRepo.facteurDe(db, utilisateurId);
  const secret = facteur?.activeLe
    ? dechiffrerSecret(config.sessionSecret, utilisateurId, facteur.secretChiffre)
    : null;
  const pas = secret ? pasDuCode(secret, normaliserCode(saisie)) : null;
  if (pas === null) return 'code';
  if (!(await totpRepo.accepterPas(db, utilisateurId, pas, false))) return 'rejoue';
  await repo.supprimerTentatives(db, reservees);
  return 'ok';
}

/** Replaces the recovery codes by ten new ones, after a current code; the old ones stop working. */
export async function regenererCodesSecours(
  db: Db,
  config: ConfigSecondFacteur,
  utilisateurId: string,
  saisie: string,
) {
  const r = await reauthentifier(db, config, utilisateurId, saisie);
  if (r !== 'ok') return { ok: false as const, raison: r };
  return { ok: true as const, codesSecours: await db.transaction((tx) => nouveauxCodes(tx, utilisateurId)) };
}

/** Removes the factor and its recovery codes, after a current code; refused while the person's roles require it. */
export async function desactiverFacteur(db: Db, config: ConfigSecondFacteur, acteur: Acteur, saisie: string) {
  if (
    secondFacteurExigePour(
      acteur.habilitations.map((h) => h.role),
      config.rolesSecondFacteur,
    )
  )
    return { ok: false as const, raison: 'exige' as const };
  const r = await reauthentifier(db, config, acteur.id, saisie);
  if (r !== 'ok') return { ok: false as const, raison: r };
  await db.transaction((tx) => totpRepo.supprimerFacteur(tx, acteur.id));
  return { ok: true as const };
}
