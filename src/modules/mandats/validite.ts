// Whether a mandate allows a new action (issue 14 point 5): requests, appointments and cases that name a mandate call
// `mandatUtilisable()` in their own transaction before writing, and journal what they did with `journaliser()`.
// A mandate allows an action when it is active, its end has not passed (the expiry job may not have run yet), it
// belongs to the structure of the site where the action is done, the actor works with that structure's mandates,
// and the partners concerned are in its scope. Otherwise the answer says why, in French, for the page.

import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { formaterDate } from '../../platform/formats/dates.ts';
import type { Acteur } from '../portee/index.ts';
import { structuresDesMandats } from './portee.ts';
import { mandats, perimetresMandats } from './tables.ts';

export type RaisonRefusMandat =
  | 'introuvable'
  | 'brouillon'
  | 'expire'
  | 'revoque'
  | 'autre_structure'
  | 'hors_perimetre'
  | 'anonymise';

export interface MandatUtilisable {
  id: string;
  reference: string;
  structureId: string;
  citoyenId: string;
  fin: Date;
}

export type VerificationMandat =
  | { ok: true; mandat: MandatUtilisable }
  | { ok: false; raison: RaisonRefusMandat; message: string };

const JOUR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/**
 * Checks that a mandate allows a new action at a site of `structureId` for these partners. Locks the mandate's row
 * (`for share`) so that a revocation committing at the same time waits for the action or is seen by it.
 */
export async function mandatUtilisable(
  tx: Executor,
  acteur: Pick<Acteur, 'habilitations'>,
  mandatId: string,
  cible: { structureId: string; partenaireIds: string[]; maintenant: Date; fuseau?: string },
): Promise<VerificationMandat> {
  const fuseau = cible.fuseau ?? 'Europe/Paris';
  const structures = structuresDesMandats(acteur);
  if (!/^[0-9a-f-]{36}$/i.test(mandatId) || structures.length === 0) {
    return { ok: false, raison: 'introuvable', message: 'Ce mandat est introuvable.' };
  }
  const [m] = await tx
    .select({
      id: mandats.id,
      reference: mandats.reference,
      structureId: mandats.structureId,
      citoyenId: mandats.citoyenId,
      statut: mandats.statut,
      fin: mandats.fin,
      termineLe: mandats.termineLe,
      anonymiseLe: mandats.anonymiseLe,
    })
    .from(mandats)
    .where(and(eq(mandats.id, mandatId), sql`${mandats.structureId} in ${structures}`))
    .for('share');
  if (!m) return { ok: false, raison: 'introuvable', message: 'Ce mandat est introuvable.' };
  if (m.structureId !== cible.structureId) {
    return {
      ok: false,
      raison: 'autre_structure',
      message: `Le mandat ${m.reference} a été signé avec une autre structure France Services : il ne vaut pas ici.`,
    };
  }
  if (m.anonymiseLe || !m.citoyenId) {
    return {
      ok: false,
      raison: 'anonymise',
      message: `Le mandat ${m.reference} a pris fin et ses données ont été effacées.`,
    };
  }
  if (m.statut === 'brouillon' || m.statut === 'signe') {
    return {
      ok: false,
      raison: 'brouillon',
      message: `Le mandat ${m.reference} n’est pas encore en vigueur : enregistrez d’abord sa signature par la personne et par l’agent.`,
    };
  }
  if (m.statut === 'revoque') {
    const le = m.termineLe ? ` le ${formaterDate(m.termineLe, fuseau, JOUR)}` : '';
    return {
      ok: false,
      raison: 'revoque',
      message: `Le mandat ${m.reference} a été révoqué${le} : aucune nouvelle démarche ne peut s’appuyer sur lui.`,
    };
  }
  const fin = m.fin as Date;
  if (m.statut === 'expire' || fin.getTime() <= cible.maintenant.getTime()) {
    return {
      ok: false,
      raison: 'expire',
      message: `Le mandat ${m.reference} a expiré le ${formaterDate(m.termineLe ?? fin, fuseau, JOUR)} : faites signer un nouveau mandat pour agir au nom de la personne.`,
    };
  }
  if (cible.partenaireIds.length > 0) {
    const perimetre = await tx
      .select({ partenaireId: perimetresMandats.partenaireId })
      .from(perimetresMandats)
      .where(eq(perimetresMandats.mandatId, m.id));
    const couverts = new Set(perimetre.map((p) => p.partenaireId));
    if (cible.partenaireIds.some((p) => !couverts.has(p))) {
      return {
        ok: false,
        raison: 'hors_perimetre',
        message: `Le mandat ${m.reference} ne couvre pas cet organisme partenaire : seules les démarches qu’il énumère peuvent être faites au nom de la personne.`,
      };
    }
  }
  return {
    ok: true,
    mandat: { id: m.id, reference: m.reference, structureId: m.structureId, citoyenId: m.citoyenId, fin },
  };
}
