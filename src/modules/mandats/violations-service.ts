// Use cases of the breach register (issue 14 point 7, GDPR art. 33): declaring a breach at a structure or at the
// national level, completing it, and the decision that ends the 72-hour clock (notified to the CNIL with its number,
// or not notified with the reason why there is no risk), then closing it. Every entry is read within the actor's scope
// (404 outside it); a forbidden action on a visible entry is a 403; a status that forbids it, a 409.

import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { type Acteur, porteeDe } from '../portee/index.ts';
import { nouvelleReference } from './references.ts';
import * as repo from './repo-violations.ts';
import { brouillonCnil } from './violations-cnil.ts';
import { echeanceViolation, fuseauViolation, heuresRestantes, texteDelai } from './violations-delai.ts';
import {
  type CibleViolation,
  estAdminNationalViolations,
  peutDeclarerViolation,
  peutModifierViolation,
  peutVoirRegistreViolations,
  structuresDeclarables,
} from './violations-policy.ts';
import {
  lireNotification,
  lireViolation,
  niveauSaisi,
  SaisieNonNotification,
  type SaisieViolation,
  type StatutViolation,
} from './violations-validation.ts';

const Uuid = z.uuid();
function uuidOuIntrouvable(id: string): string {
  if (!Uuid.safeParse(id).success) introuvable();
  return id;
}

/** An expected refusal: fields' errors (422) or a status that forbids the action (409). */
export type Resultat<T = object> =
  | ({ ok: true } & T)
  | { ok: false; statut: 409; message: string }
  | { ok: false; statut: 422; erreurs: Record<string, string> };

/** The value of the national level in the declaration form. */
export const NIVEAU_NATIONAL = 'national';

const cible = (v: { structureId: string | null; departement: string | null }): CibleViolation => ({
  structureId: v.structureId,
  departement: v.departement,
});

/** The registers the actor may declare a breach in: their structures', and the national one for the nation. */
export async function niveauxDeclarables(db: Executor, acteur: Acteur) {
  const portee = porteeDe(acteur);
  const structures = await repo.structuresDansLaPortee(db, portee, structuresDeclarables(acteur));
  const niveaux = structures
    .filter((s) => peutDeclarerViolation(acteur, s.id))
    .map((s) => ({ valeur: s.id, libelle: s.nom, fuseau: fuseauViolation(s.departement) }));
  if (peutDeclarerViolation(acteur, null)) {
    niveaux.push({ valeur: NIVEAU_NATIONAL, libelle: 'Niveau national (la plateforme)', fuseau: 'Europe/Paris' });
  }
  return niveaux;
}

export type NiveauDeclarable = Awaited<ReturnType<typeof niveauxDeclarables>>[number];

/** The declaration form: the registers the actor may write in (403 when none). */
export async function formulaireDeclaration(db: Executor, acteur: Acteur) {
  const niveaux = await niveauxDeclarables(db, acteur);
  if (niveaux.length === 0) throw new AppError('interdit');
  return { niveaux };
}

/**
 * Declares a breach, as soon as it is known: the entry starts open, its 72-hour clock running from the discovery typed
 * on the level's clock; its reference ("V-…") names it in the alerts and to the CNIL.
 */
export async function declarerViolation(
  db: Executor,
  acteur: Acteur,
  body: unknown,
  maintenant: Date,
): Promise<Resultat<{ id: string; reference: string }>> {
  const { niveaux } = await formulaireDeclaration(db, acteur);
  // The form posts the level even when there is one; left out, the only one goes (a client without the hidden field).
  const saisi = niveauSaisi(body);
  const niveau = saisi === '' && niveaux.length === 1 ? niveaux[0] : niveaux.find((n) => n.valeur === saisi);
  const lu = lireViolation(body, niveau?.fuseau ?? 'Europe/Paris', maintenant);
  const erreurs = lu.ok ? {} : { ...lu.erreurs };
  if (!niveau) erreurs.niveau = 'Choisissez le registre concerné dans la liste';
  if (!lu.ok || !niveau) return { ok: false, statut: 422, erreurs };
  const reference = nouvelleReference('V');
  const id = await db.transaction((tx) =>
    repo.insererViolation(tx, porteeDe(acteur), {
      ...champs(lu.donnees),
      reference,
      structureId: niveau.valeur === NIVEAU_NATIONAL ? null : niveau.valeur,
      declarePar: acteur.id,
      creeLe: maintenant,
    }),
  );
  if (!id) throw new AppError('interdit');
  return { ok: true, id, reference };
}

const champs = (s: SaisieViolation): repo.ChampsViolation => s;

/** The countdown of an entry: its deadline, and, while it is open, what is left (or how late it is). */
function delai(v: { statut: StatutViolation; decouverteLe: Date }, fuseau: string, maintenant: Date) {
  const ouverte = v.statut === 'ouverte';
  return {
    echeance: echeanceViolation(v.decouverteLe),
    heuresRestantes: ouverte ? heuresRestantes(v.decouverteLe, maintenant) : null,
    compte: ouverte ? texteDelai(v.decouverteLe, maintenant, fuseau) : null,
  };
}

/** The register as the actor may see it, the most urgent open entries first, each with its countdown. */
export async function listeViolations(db: Executor, acteur: Acteur, maintenant: Date) {
  if (!peutVoirRegistreViolations(acteur)) throw new AppError('interdit');
  const portee = porteeDe(acteur);
  const [lignes, niveaux] = await Promise.all([repo.listerViolations(db, portee), niveauxDeclarables(db, acteur)]);
  return {
    violations: lignes.map((v) => {
      const fuseau = fuseauViolation(v.departement);
      return { ...v, fuseau, ...delai(v, fuseau, maintenant) };
    }),
    complet: lignes.length < repo.VIOLATIONS_MAX,
    peutDeclarer: niveaux.length > 0,
  };
}

export type ListeViolations = Awaited<ReturnType<typeof listeViolations>>;

/** One entry within the actor's scope (404 otherwise), with its countdown and what the actor may do with it. */
export async function ficheViolation(db: Executor, acteur: Acteur, id: string, maintenant: Date) {
  const v = await repo.violationDansLaPortee(db, porteeDe(acteur), uuidOuIntrouvable(id));
  if (!v) introuvable();
  const fuseau = fuseauViolation(v.departement);
  const modifier = peutModifierViolation(acteur, cible(v));
  return {
    violation: v,
    fuseau,
    ...delai(v, fuseau, maintenant),
    actions: {
      modifier: modifier && v.statut !== 'close',
      notifier: modifier && (v.statut === 'ouverte' || v.statut === 'non_notifiee'),
      nePasNotifier: modifier && v.statut === 'ouverte',
      clore: modifier && (v.statut === 'notifiee' || v.statut === 'non_notifiee'),
    },
    national: estAdminNationalViolations(acteur),
  };
}

export type FicheViolation = Awaited<ReturnType<typeof ficheViolation>>;

/** The entry locked for a change within the scope (404 otherwise), kept by the actor (403 otherwise). */
async function violationPourModification(tx: Executor, acteur: Acteur, id: string) {
  const portee = porteeDe(acteur);
  const v = await repo.violationDansLaPortee(tx, portee, uuidOuIntrouvable(id), true);
  if (!v) introuvable();
  if (!peutModifierViolation(acteur, cible(v))) throw new AppError('interdit');
  return { portee, v, fuseau: fuseauViolation(v.departement) };
}

/** Checks the actor may change the entry (404 outside the scope, 403 when they only read it), before a form. */
export async function exigerModification(db: Executor, acteur: Acteur, id: string) {
  return (await violationPourModification(db, acteur, id)).v;
}

const CLOSE = 'Cette violation est close : son entrée du registre ne change plus.';

/** Completes or corrects an entry (its managers, the nation) until it is closed; its level never changes. */
export async function modifierViolation(
  db: Executor,
  acteur: Acteur,
  id: string,
  body: unknown,
  maintenant: Date,
): Promise<Resultat> {
  return db.transaction(async (tx): Promise<Resultat> => {
    const { portee, v, fuseau } = await violationPourModification(tx, acteur, id);
    if (v.statut === 'close') return { ok: false, statut: 409, message: CLOSE };
    const lu = lireViolation(body, fuseau, maintenant);
    if (!lu.ok) return { ok: false, statut: 422, erreurs: lu.erreurs };
    if (v.notifieeLe && lu.donnees.decouverteLe.getTime() > v.notifieeLe.getTime()) {
      return {
        ok: false,
        statut: 422,
        erreurs: { decouverteLe: 'La découverte ne peut pas suivre la notification à la CNIL déjà enregistrée' },
      };
    }
    await repo.modifierViolation(tx, portee, v.id, champs(lu.donnees), maintenant);
    return { ok: true };
  });
}

/** Records the notification to the CNIL (its date, not before discovery, and its number): the clock stops. */
export async function notifierViolation(
  db: Executor,
  acteur: Acteur,
  id: string,
  body: unknown,
  maintenant: Date,
): Promise<Resultat> {
  return db.transaction(async (tx): Promise<Resultat> => {
    const { portee, v, fuseau } = await violationPourModification(tx, acteur, id);
    if (v.statut === 'notifiee' || v.statut === 'close') {
      return { ok: false, statut: 409, message: 'La notification à la CNIL est déjà enregistrée.' };
    }
    const lu = lireNotification(body, { fuseau, maintenant, decouverteLe: v.decouverteLe });
    if (!lu.ok) return { ok: false, statut: 422, erreurs: lu.erreurs };
    await repo.changerStatutViolation(
      tx,
      portee,
      v.id,
      ['ouverte', 'non_notifiee'],
      { statut: 'notifiee', ...lu.donnees },
      maintenant,
    );
    return { ok: true };
  });
}

/**
 * Records the decision not to notify the CNIL, with its required reason (the breach is unlikely to result in a risk
 * to people's rights and freedoms, art. 33.1): the clock stops, the reason stays in the register.
 */
export async function nePasNotifierViolation(
  db: Executor,
  acteur: Acteur,
  id: string,
  body: unknown,
  maintenant: Date,
): Promise<Resultat> {
  return db.transaction(async (tx): Promise<Resultat> => {
    const { portee, v } = await violationPourModification(tx, acteur, id);
    if (v.statut !== 'ouverte') {
      return { ok: false, statut: 409, message: 'La décision sur la notification est déjà enregistrée.' };
    }
    const lu = SaisieNonNotification.safeParse(body ?? {});
    if (!lu.success) {
      return {
        ok: false,
        statut: 422,
        erreurs: { motifNonNotification: lu.error.issues[0]?.message ?? 'Motif invalide' },
      };
    }
    const { motifNonNotification } = lu.data;
    await repo.changerStatutViolation(
      tx,
      portee,
      v.id,
      ['ouverte'],
      { statut: 'non_notifiee', motifNonNotification, nonNotifieeLe: maintenant },
      maintenant,
    );
    return { ok: true };
  });
}

/** Closes an entry once the decision on the notification is recorded (notified or not): it stays in the register. */
export async function cloreViolation(db: Executor, acteur: Acteur, id: string, maintenant: Date): Promise<Resultat> {
  return db.transaction(async (tx): Promise<Resultat> => {
    const { portee, v } = await violationPourModification(tx, acteur, id);
    if (v.statut === 'close') return { ok: false, statut: 409, message: CLOSE };
    if (v.statut === 'ouverte') {
      return {
        ok: false,
        statut: 409,
        message:
          'Enregistrez d’abord la notification à la CNIL, ou la décision motivée de ne pas notifier, avant de clore.',
      };
    }
    const change = await repo.changerStatutViolation(
      tx,
      portee,
      v.id,
      ['notifiee', 'non_notifiee'],
      { statut: 'close', closeLe: maintenant },
      maintenant,
    );
    return change ? { ok: true } : { ok: false, statut: 409, message: CLOSE };
  });
}

/** The prefilled draft of the CNIL notification of an entry within the scope (404 otherwise), for whoever reads it. */
export async function brouillonNotification(db: Executor, acteur: Acteur, id: string, maintenant: Date) {
  const vue = await ficheViolation(db, acteur, id, maintenant);
  const v = vue.violation;
  return {
    id: v.id,
    reference: v.reference,
    compte: vue.compte?.texte ?? null,
    sections: brouillonCnil(v, maintenant, vue.fuseau),
  };
}
