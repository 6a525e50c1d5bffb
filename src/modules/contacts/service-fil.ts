// The person's side of a request (issue 12, point 4): the citizen link sent with each reply (purpose `contact.fil`,
// subject the request's id, multi-use, alive while the request is open and 30 days after its closure) opens the thread
// without the internal notes, and a form that adds the person's message through the reception service.

import type { Executor } from '../../platform/db/client.ts';
import { consommerLien, type EtatLien, type LienValide, lireLien, prolongerLiens } from '../../platform/liens/index.ts';
import { demandePourLien, filPublic } from './repo-boite.ts';
import { OBJET_LIEN_FIL } from './service-boite.ts';
import { ajouterMessageEntrant, type ConfigReception, referenceDemande } from './service-reception.ts';

const MS_JOUR = 86_400_000;
const DUREE_LIEN_OUVERT_JOURS = 366;

/** The thread a valid link opens: the request's site and reference, the person's messages and the site's replies. */
export async function filDuLien(db: Executor, lien: LienValide) {
  if (lien.objet !== OBJET_LIEN_FIL) return null;
  const d = await demandePourLien(db, lien.sujet);
  if (!d || d.anonymiseLe) return null;
  return {
    demande: { ...d, reference: referenceDemande(d.id) },
    messages: await filPublic(db, d.id),
  };
}

export type FilPublic = NonNullable<Awaited<ReturnType<typeof filDuLien>>>;

/** The thread of a link's token (a form sent back with errors shows it again), or why the link no longer opens it. */
export async function filDuJeton(
  db: Executor,
  jeton: string,
): Promise<{ ok: true; fil: FilPublic } | { ok: false; etat: EtatLien }> {
  const lu = await lireLien(db, jeton);
  if (!lu.ok) return lu;
  const fil = await filDuLien(db, lu.lien);
  return fil ? { ok: true, fil } : { ok: false, etat: 'inconnu' };
}

export type ResultatMessagePersonne =
  | { ok: true; jeton: string }
  | { ok: false; etat: EtatLien }
  | { ok: false; erreurs: Record<string, string> };

/**
 * Adds the person's message to their request through their link: the link is checked (a link of another purpose
 * adds nothing), the message recorded by `ajouterMessageEntrant` (an answered or closed request is reopened), then the
 * link's use counted; the request's links live again while it is open.
 */
export async function ecrireParLien(
  db: Executor,
  config: ConfigReception,
  jeton: string,
  texte: string,
  maintenant: Date,
): Promise<ResultatMessagePersonne> {
  const lu = await lireLien(db, jeton, maintenant);
  if (!lu.ok) return lu;
  if (lu.lien.objet !== OBJET_LIEN_FIL) return { ok: false, etat: 'inconnu' };
  const r = await ajouterMessageEntrant(db, config, { demandeId: lu.lien.sujet, corps: texte, recuLe: maintenant });
  if (!r.ok) {
    if (r.raison === 'introuvable') return { ok: false, etat: 'inconnu' };
    return { ok: false, erreurs: { texte: Object.values(r.erreurs)[0] ?? 'Votre message n’a pas pu être lu.' } };
  }
  await consommerLien(db, jeton, maintenant);
  if (!r.nouvelle) {
    const fin = new Date(maintenant.getTime() + DUREE_LIEN_OUVERT_JOURS * MS_JOUR);
    await prolongerLiens(db, OBJET_LIEN_FIL, r.demandeId, fin, maintenant);
  }
  return { ok: true, jeton };
}
