// The journal of mandates (issue 14 point 4, ADR 0031). Writing: `journaliser()` inserts an entry in the caller's
// transaction; the database numbers it, links it to the previous entry and computes its hash (trigger of migration
// 0014), and refuses any UPDATE, DELETE or TRUNCATE. Checking: `verifierJournal()` reads the whole chain in order and
// recomputes every hash here, in Node, from the stored fields: a row changed behind the triggers' back (by someone
// who dropped them), removed or inserted out of order is named by its number.

import { createHash } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { journalMandats } from './tables.ts';

/** What can be done on or under a mandate. Stored as text; the labels are the citizen's words. */
export const ACTIONS_JOURNAL = {
  'mandat.cree': 'Mandat préparé',
  'mandat.signe': 'Mandat signé au guichet par la personne et l’agent',
  'mandat.active': 'Mandat entré en vigueur',
  'mandat.imprime': 'Exemplaires du mandat imprimés',
  'mandat.expire': 'Mandat arrivé à échéance',
  'mandat.demarche_terminee': 'Démarche terminée : fin du mandat',
  'mandat.revoque': 'Mandat révoqué',
  'mandat.consulte': 'Mandat consulté',
  'mandat.actions_remises': 'Liste des actions remise à la personne',
  'sollicitation.enregistree': 'Démarche réalisée au guichet en votre nom',
  'rendez_vous.reserve': 'Rendez-vous pris en votre nom',
  'saisine.creee': 'Dossier transmis au référent d’un partenaire en votre nom',
  'action.refusee': 'Action refusée : mandat non valide',
} as const;

export type ActionJournal = keyof typeof ACTIONS_JOURNAL;

export interface EntreeJournal {
  mandatId: string;
  structureId: string;
  /** The account that acted; null for the citizen or the system. */
  auteurId: string | null;
  action: ActionJournal;
  objetType?: 'sollicitation' | 'rendez_vous' | 'saisine' | 'mandat';
  objetId?: string;
  /** Non-personal details only (ids, codes, durations): the journal names no one. */
  details?: Record<string, string | number | boolean | null | string[]>;
  /** When it happened (default: the transaction's time). Kept to the millisecond. */
  le?: Date;
}

/** Appends one entry in the caller's transaction; returns its number and hash. */
export async function journaliser(tx: Executor, entree: EntreeJournal): Promise<{ numero: number; empreinte: string }> {
  const [ligne] = await tx
    .insert(journalMandats)
    .values({
      // Set by the database's trigger, whatever is sent here.
      numero: 0,
      empreinte: '',
      empreintePrecedente: '',
      le: entree.le ?? sql`now()`,
      mandatId: entree.mandatId,
      structureId: entree.structureId,
      auteurId: entree.auteurId,
      action: entree.action,
      objetType: entree.objetType ?? null,
      objetId: entree.objetId ?? null,
      details: entree.details ?? {},
    })
    .returning({ numero: journalMandats.numero, empreinte: journalMandats.empreinte });
  if (!ligne) throw new Error('journal entry not written');
  return ligne;
}

/** One entry as the verification reads it: the fields in their stored text form. */
interface LigneLue {
  numero: number;
  le: string;
  mandat_id: string;
  structure_id: string;
  auteur_id: string | null;
  action: string;
  objet_type: string | null;
  objet_id: string | null;
  details: string;
  empreinte_precedente: string;
  empreinte: string;
}

export const EMPREINTE_INITIALE = '0'.repeat(64);

/** The canonical text of an entry, hashed (same as `journal_mandats_texte` in SQL). */
export function texteEntree(l: Omit<LigneLue, 'empreinte'>): string {
  return [
    String(l.numero),
    l.le,
    l.mandat_id,
    l.structure_id,
    l.auteur_id ?? '',
    l.action,
    l.objet_type ?? '',
    l.objet_id ?? '',
    l.details,
    l.empreinte_precedente,
  ].join('\n');
}

export const empreinteEntree = (l: Omit<LigneLue, 'empreinte'>) =>
  createHash('sha256').update(texteEntree(l), 'utf8').digest('hex');

export interface BilanJournal {
  entrees: number;
  /** The first broken link, if any: its number and what is wrong with it. */
  rupture: { numero: number; raison: string } | null;
  derniere: { numero: number; empreinte: string } | null;
}

const LOT = 5000;

/**
 * Walks the whole chain in order, by batches, and stops at the first broken link: a number that does not follow the
 * previous one (an entry removed), a previous-hash that is not the previous entry's hash, or a hash that is not the
 * SHA-256 of the entry's text (an entry changed).
 */
export async function verifierJournal(db: Executor): Promise<BilanJournal> {
  let precedente = { numero: 0, empreinte: EMPREINTE_INITIALE };
  let entrees = 0;
  for (;;) {
    const { rows } = await db.execute<LigneLue & Record<string, unknown>>(sql`
      select numero::int as numero, to_char(le at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as le,
        mandat_id::text as mandat_id, structure_id::text as structure_id, auteur_id::text as auteur_id, action,
        objet_type, objet_id::text as objet_id, details::text as details, empreinte_precedente, empreinte
      from journal_mandats where numero > ${precedente.numero} order by numero limit ${LOT}`);
    for (const l of rows) {
      entrees++;
      if (l.numero !== precedente.numero + 1) {
        return {
          entrees,
          rupture: { numero: l.numero, raison: `entry ${precedente.numero + 1} is missing` },
          derniere: precedente,
        };
      }
      if (l.empreinte_precedente !== precedente.empreinte) {
        return {
          entrees,
          rupture: { numero: l.numero, raison: `its previous hash is not the hash of entry ${precedente.numero}` },
          derniere: precedente,
        };
      }
      if (empreinteEntree(l) !== l.empreinte) {
        return {
          entrees,
          rupture: { numero: l.numero, raison: 'its hash does not match its content (the entry was changed)' },
          derniere: precedente,
        };
      }
      precedente = { numero: l.numero, empreinte: l.empreinte };
    }
    if (rows.length < LOT) break;
  }
  return { entrees, rupture: null, derniere: entrees > 0 ? precedente : null };
}

/** The entries of one mandate, oldest first (for the mandate page and the list given to the citizen). */
export async function entreesDuMandat(db: Executor, mandatId: string, apres = 0) {
  return db
    .select({
      numero: journalMandats.numero,
      le: journalMandats.le,
      action: journalMandats.action,
      objetType: journalMandats.objetType,
      objetId: journalMandats.objetId,
      auteurId: journalMandats.auteurId,
      details: journalMandats.details,
      empreinte: journalMandats.empreinte,
    })
    .from(journalMandats)
    .where(and(eq(journalMandats.mandatId, mandatId), gt(journalMandats.numero, apres)))
    .orderBy(asc(journalMandats.numero))
    .limit(2000);
}
