// Revoking a mandate (issue 14 point 3, ADR 0031): by the agent of the structure, by the citizen with the reference
// and the code printed on their original (no account), or through the citizen link sent at signature. Every path
// revokes in one transaction (guarded update, journal entry, the link consumed) and tells the citizen by email or SMS
// when they gave a contact.

import { createHash } from 'node:crypto';
import type { Config } from '../../config/index.ts';
import { egaliteSure, jetonDeLienCitoyen, signature } from '../../platform/auth/jetons.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { formaterDate } from '../../platform/formats/dates.ts';
import { introuvable } from '../../platform/http/errors.ts';
import { consommerLien, creerLien, type EtatLien, type LienValide, lireLien } from '../../platform/liens/index.ts';
import { DUREE_MAX_MS } from '../../platform/liens/service.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import type { Acteur } from '../portee/index.ts';
import { type ActionCitoyen, actionsDuCitoyen, quandEnClair } from './actions-citoyen.ts';
import { journaliser } from './journal.ts';
import { structuresDesMandats } from './portee.ts';
import { normaliserCode, normaliserReference } from './references.ts';
import * as repo from './repo-revocation.ts';

/** The purpose of the citizen link that revokes a mandate (subject: the mandate's id). */
export const OBJET_LIEN_REVOCATION = 'mandat.revoquer' as const;

export const JOUR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
export const JOUR_HEURE: Intl.DateTimeFormatOptions = { ...JOUR, hour: '2-digit', minute: '2-digit' };

/** The reference of a mandate's revocation link, from which its token is derived (`jetonDeLienCitoyen`). */
export const referenceLienRevocation = (mandatId: string) => `${OBJET_LIEN_REVOCATION}:${mandatId}`;

/**
 * Sends the citizen the link that revokes their mandate, in the caller's transaction (the signature's): by email when
 * they gave one, else by SMS, else nothing; the link lives until the mandate's end (at most 366 days). Returns the
 * channel used, or null. Calling it twice for one mandate sends once.
 */
export async function envoyerLienRevocation(
  tx: Executor,
  config: Config,
  mandatId: string,
  maintenant: Date,
): Promise<'courriel' | 'sms' | null> {
  const m = await repo.mandatEtContact(tx, mandatId);
  if (!m?.fin || m.prenom === null || m.statut === 'revoque' || m.statut === 'expire' || m.anonymiseLe) return null;
  const destinataire = m.courriel ?? m.telephone;
  if (!destinataire) return null;
  const plafond = maintenant.getTime() + DUREE_MAX_MS;
  const expireLe = new Date(Math.min(m.fin.getTime(), plafond));
  if (expireLe.getTime() <= maintenant.getTime()) return null;
  const refLien = referenceLienRevocation(m.id);
  const jeton = jetonDeLienCitoyen(config.sessionSecret, refLien);
  // The token is derived: a second call finds the link already issued (its hash is unique).
  const existant = await lireLien(tx, jeton, maintenant);
  if (!existant.ok && existant.etat === 'inconnu') {
    await creerLien(
      tx,
      { objet: OBJET_LIEN_REVOCATION, sujet: m.id, usage: 'multiple', expireLe, jeton },
      config.publicUrl,
      maintenant,
    );
  }
  const canal = m.courriel ? 'courriel' : 'sms';
  const parametres = {
    prenom: m.prenom,
    reference: m.reference,
    structure: m.structure,
    fin: formaterDate(m.fin, m.fuseau, JOUR),
    refLien,
  };
  await mettreEnFile(tx, config, {
    modele: canal === 'courriel' ? 'mandats.lien-revocation' : 'mandats.lien-revocation.sms',
    destinataire,
    cle: `mandats.lien-revocation:${m.id}`,
    parametres,
    expireLe,
  });
  return canal;
}

/** Where a mandate stands for whoever would revoke it. */
export type EtatMandat = 'en_vigueur' | 'revoque' | 'expire' | 'brouillon';

function etatDe(m: repo.MandatContact, maintenant: Date): EtatMandat {
  if (m.statut === 'revoque') return 'revoque';
  if (m.statut === 'expire' || (m.fin && m.fin.getTime() <= maintenant.getTime())) return 'expire';
  if (m.statut === 'brouillon' || !m.fin) return 'brouillon';
  return 'en_vigueur';
}

/** What a revocation page shows of a mandate: no one's name but the person's first name (and full name for the agent). */
export interface VueMandat {
  id: string;
  reference: string;
  structure: string;
  site: string;
  prenom: string;
  /** The person's full name: for the agent's pages only. */
  nomComplet: string;
  perimetre: string[];
  /** "12 janvier 2027" (empty for a draft). */
  fin: string;
  etat: EtatMandat;
  /** Why it can no longer be revoked, in French (null while in force). */
  message: string | null;
  actions: ActionCitoyen[];
}

/** Why a mandate cannot be revoked, in French; null while it can. */
function messageEtat(m: repo.MandatContact, etat: EtatMandat): string | null {
  if (etat === 'revoque') {
    const le = m.termineLe ? ` depuis le ${quandEnClair(m.termineLe, m.fuseau)}` : '';
    return `Le mandat ${m.reference} est déjà révoqué${le} : plus aucune démarche ne peut être faite en votre nom sur son fondement.`;
  }
  if (etat === 'expire') {
    const fin = m.termineLe ?? m.fin;
    const le = fin ? ` le ${formaterDate(fin, m.fuseau, JOUR)}` : '';
    return `Le mandat ${m.reference} a pris fin${le} : il n’a plus d’effet et n’a donc pas à être révoqué.`;
  }
  if (etat === 'brouillon') return `Le mandat ${m.reference} n’a pas été signé : il ne permet aucune démarche.`;
  return null;
}

async function vue(db: Executor, m: repo.MandatContact, maintenant: Date): Promise<VueMandat> {
  const etat = etatDe(m, maintenant);
  return {
    id: m.id,
    reference: m.reference,
    structure: m.structure,
    site: m.site,
    prenom: m.prenom ?? '',
    nomComplet: `${m.prenom ?? ''} ${m.nom ?? ''}`.trim(),
    perimetre: await repo.perimetreEnClair(db, m.id),
    fin: m.fin ? formaterDate(m.fin, m.fuseau, JOUR) : '',
    etat,
    message: messageEtat(m, etat),
    actions: await actionsDuCitoyen(db, m),
  };
}

export type ResultatRevocation =
  | { ok: true; reference: string; revoqueLe: string; canal: 'courriel' | 'sms' | null }
  | { ok: false; message: string };

/** Tells the citizen their mandate is revoked, by email or else SMS, in the revocation's transaction. */
async function confirmer(tx: Executor, config: Config, m: repo.MandatContact, maintenant: Date) {
  const destinataire = m.courriel ?? m.telephone;
  if (!destinataire || m.prenom === null) return null;
  const canal = m.courriel ? ('courriel' as const) : ('sms' as const);
  await mettreEnFile(tx, config, {
    modele: canal === 'courriel' ? 'mandats.revocation-confirmee' : 'mandats.revocation-confirmee.sms',
    destinataire,
    cle: `mandats.revocation-confirmee:${m.id}`,
    parametres: {
      prenom: m.prenom,
      reference: m.reference,
      structure: m.structure,
      fin: m.fin ? formaterDate(m.fin, m.fuseau, JOUR) : '',
      revoqueLe: quandEnClair(maintenant, m.fuseau),
    },
  });
  return canal;
}

/**
 * Revokes in the caller's transaction: locks the mandate, refuses (in French, nothing written) one no longer in force,
 * else records the revocation, its journal entry and the citizen's confirmation.
 */
async function revoquerDansTx(
  tx: Executor,
  config: Config,
  m: repo.MandatContact,
  origine: 'agent' | 'code' | 'lien',
  auteurId: string | null,
  maintenant: Date,
): Promise<ResultatRevocation> {
  const message = messageEtat(m, etatDe(m, maintenant));
  if (message) return { ok: false, message };
  if (!(await repo.revoquer(tx, m.id, origine, auteurId, maintenant))) {
    return { ok: false, message: `Le mandat ${m.reference} n’est plus en vigueur.` };
  }
  await journaliser(tx, {
    mandatId: m.id,
    structureId: m.structureId,
    auteurId,
    action: 'mandat.revoque',
    objetType: 'mandat',
    objetId: m.id,
    details: { origine },
    le: maintenant,
  });
  const canal = await confirmer(tx, config, m, maintenant);
  return { ok: true, reference: m.reference, revoqueLe: quandEnClair(maintenant, m.fuseau), canal };
}

// ---------- by the agent ----------

/** A mandate of the actor's structures (404 otherwise, and for everyone who does not work with mandates). */
async function mandatDeLActeur(db: Executor, acteur: Pick<Acteur, 'habilitations'>, mandatId: string, verrou = false) {
  const structures = structuresDesMandats(acteur);
  if (!/^[0-9a-f-]{36}$/i.test(mandatId) || structures.length === 0) introuvable();
  const m = await repo.mandatEtContact(db, mandatId, verrou);
  if (!m || !structures.includes(m.structureId) || m.anonymiseLe) introuvable();
  return m;
}

/** The agent's revocation page: the mandate as it stands (404 outside the actor's structures). */
export async function mandatARevoquer(db: Executor, acteur: Acteur, mandatId: string, maintenant: Date) {
  return vue(db, await mandatDeLActeur(db, acteur, mandatId), maintenant);
}

/** Revocation by an agent or manager of the mandate's structure (origin `agent`). */
export async function revoquerParAgent(
  db: Db,
  config: Config,
  acteur: Acteur,
  mandatId: string,
  maintenant: Date,
): Promise<ResultatRevocation> {
  return db.transaction(async (tx) => {
    const m = await mandatDeLActeur(tx, acteur, mandatId, true);
    return revoquerDansTx(tx, config, m, 'agent', acteur.id, maintenant);
  });
}

/** The list of actions for the agent to print and hand over (404 outside the actor's structures). */
export async function actionsPourAgent(db: Executor, acteur: Acteur, mandatId: string, maintenant: Date) {
  return vue(db, await mandatDeLActeur(db, acteur, mandatId), maintenant);
}

/** Records that the list of actions was handed to the person (journal `mandat.actions_remises`). */
export async function noterRemiseActions(db: Db, acteur: Acteur, mandatId: string) {
  await db.transaction(async (tx) => {
    const m = await mandatDeLActeur(tx, acteur, mandatId);
    await journaliser(tx, {
      mandatId: m.id,
      structureId: m.structureId,
      auteurId: acteur.id,
      action: 'mandat.actions_remises',
      objetType: 'mandat',
      objetId: m.id,
    });
  });
}

// ---------- by the citizen, with the reference and the code ----------

/** Attempts per hour at the public page: from one IP address, and on one reference (whoever tries). */
export const LIMITE_IP_HEURE = 10;
export const LIMITE_REFERENCE_HEURE = 5;
/** How long the page shown after a right code lets its button revoke without typing the code again. */
const DUREE_JETON_MS = 15 * 60_000;

/** The one answer to a wrong reference, a wrong code, or both: which one is never said (no oracle). */
export const MESSAGE_PAIRE_INCONNUE =
  'Cette référence et ce code ne correspondent à aucun mandat. Vérifiez-les sur votre exemplaire du mandat (en haut de la première page) et réessayez.';

/** A short-lived token of the summary page's button: the mandate's id, its expiry and their HMAC. */
export function jetonRevocationCode(secret: string, mandatId: string, expire: number): string {
  return `${mandatId}.${expire}.${signature(secret, `mandats.revocation.code:${mandatId}:${expire}`)}`;
}

function lireJetonRevocation(secret: string, jeton: string, maintenant: Date): string | null {
  const [id, expire, sig] = jeton.split('.');
  if (!id || !expire || !sig || !/^[0-9a-f-]{36}$/.test(id) || !/^\d{1,15}$/.test(expire)) return null;
  const t = Number(expire);
  if (t <= maintenant.getTime() || t > maintenant.getTime() + DUREE_JETON_MS) return null;
  return egaliteSure(sig, signature(secret, `mandats.revocation.code:${id}:${expire}`)) ? id : null;
}

export type SaisieCode = { reference: string; code: string };

/** The fields of the public form, normalised; French messages for a field left empty or not of the printed form. */
export function lireSaisieCode(
  corps: unknown,
): { ok: true; saisie: SaisieCode } | { ok: false; erreurs: Record<string, string> } {
  const c = (corps ?? {}) as Record<string, unknown>;
  const brut = (k: string) => (typeof c[k] === 'string' ? (c[k] as string).slice(0, 100) : '');
  const erreurs: Record<string, string> = {};
  const reference = normaliserReference(brut('reference'), 'M');
  const code = normaliserCode(brut('code'));
  if (!brut('reference').trim()) erreurs.reference = 'Saisissez la référence du mandat.';
  else if (!reference) erreurs.reference = 'La référence s’écrit M- suivi de 8 caractères, par exemple M-7KQ2X9HD.';
  if (!brut('code').trim()) erreurs.code = 'Saisissez le code de révocation.';
  else if (!code) erreurs.code = 'Le code compte 12 caractères, par exemple K7QM-2XD9-P4TA.';
  if (!reference || !code) return { ok: false, erreurs };
  return { ok: true, saisie: { reference, code } };
}

export type OuvertureCode =
  | { ok: true; vue: VueMandat; jeton: string }
  | { ok: false; raison: 'inconnu' }
  | { ok: false; raison: 'limite'; reessayerDans: number };

/**
 * Checks a reference and its code against the hourly limits (per IP HMAC, per reference), then the stored hash of the
 * code: the mandate's summary and a short-lived token for its button, or the same refusal whatever was wrong.
 */
export async function ouvrirParCode(
  db: Db,
  config: Pick<Config, 'sessionSecret'>,
  saisie: SaisieCode & { ip: string },
  maintenant: Date,
): Promise<OuvertureCode> {
  const cleIp = `mandats:ip:${signature(config.sessionSecret, `mandats.revocation.ip:${saisie.ip}`)}`;
  const pleine = await repo.consommerTentative(
    db,
    [
      { cle: cleIp, max: LIMITE_IP_HEURE },
      { cle: `mandats:ref:${saisie.reference}`, max: LIMITE_REFERENCE_HEURE },
    ],
    maintenant,
  );
  if (pleine) {
    const premiere = await repo.premiereTentative(db, pleine, maintenant);
    const reste = premiere ? premiere.getTime() + 3_600_000 - maintenant.getTime() : 3_600_000;
    return { ok: false, raison: 'limite', reessayerDans: Math.max(1, Math.ceil(reste / 1000)) };
  }
  const m = await repo.mandatParReference(db, saisie.reference);
  const empreinte = createHash('sha256').update(saisie.code).digest('hex');
  if (!m?.empreinteCode || m.anonymiseLe || !egaliteSure(m.empreinteCode, empreinte)) {
    return { ok: false, raison: 'inconnu' };
  }
  const expire = maintenant.getTime() + DUREE_JETON_MS;
  return {
    ok: true,
    vue: await vue(db, m, maintenant),
    jeton: jetonRevocationCode(config.sessionSecret, m.id, expire),
  };
}

/** The summary page's button: revokes with origin `code`, or says why not (an expired token: type the code again). */
export async function revoquerParCode(
  db: Db,
  config: Config,
  jeton: string,
  maintenant: Date,
): Promise<ResultatRevocation> {
  const id = lireJetonRevocation(config.sessionSecret, jeton, maintenant);
  if (!id) {
    return {
      ok: false,
      message:
        'Cette page a expiré (elle reste valable 15 minutes). Saisissez de nouveau la référence et le code de votre mandat.',
    };
  }
  return db.transaction(async (tx) => {
    const m = await repo.mandatEtContact(tx, id, true);
    if (!m || m.anonymiseLe) return { ok: false, message: MESSAGE_PAIRE_INCONNUE };
    return revoquerDansTx(tx, config, m, 'code', null, maintenant);
  });
}

// ---------- by the citizen, through the link sent at signature ----------

/** The page of a valid link: the mandate it revokes, or null when it no longer exists (erased). */
export async function mandatDuLien(db: Executor, lien: LienValide, maintenant: Date): Promise<VueMandat | null> {
  const m = await repo.mandatEtContact(db, lien.sujet);
  if (!m || m.anonymiseLe) return null;
  return vue(db, m, maintenant);
}

/** The link page's button: uses the link and revokes (origin `lien`) in one transaction, or says why not. */
export async function revoquerParLien(
  db: Db,
  config: Config,
  jeton: string,
  maintenant: Date,
): Promise<ResultatRevocation | { ok: false; etat: EtatLien }> {
  return db.transaction(async (tx) => {
    // Read first: a refused revocation (already revoked, expired) leaves the link as it was.
    const lu = await lireLien(tx, jeton, maintenant);
    if (!lu.ok) return { ok: false as const, etat: lu.etat };
    if (lu.lien.objet !== OBJET_LIEN_REVOCATION) return { ok: false as const, etat: 'inconnu' as const };
    const m = await repo.mandatEtContact(tx, lu.lien.sujet, true);
    if (!m || m.anonymiseLe) return { ok: false as const, etat: 'inconnu' as const };
    const message = messageEtat(m, etatDe(m, maintenant));
    if (message) return { ok: false as const, message };
    const utilise = await consommerLien(tx, jeton, maintenant);
    if (!utilise.ok) return { ok: false as const, etat: utilise.etat };
    return revoquerDansTx(tx, config, m, 'lien', null, maintenant);
  });
}
