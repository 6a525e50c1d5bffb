// What the citizen's booking and cancel pages need besides the booking service itself (service.ts).

import type { Config } from '../../config/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { consommerLien, type EtatLien, lireLien } from '../../platform/liens/index.ts';
import { rendezVousPourUsager, siteActif } from './repo-usager.ts';
import { annulerParUsager, OBJET_LIEN_ANNULATION } from './service.ts';

/** The public facts of a site (name, address, time zone) for its booking pages; null when it is not public. */
export function siteDeReservation(db: Db, siteId: string) {
  return siteActif(db, siteId);
}

export type SiteDeReservation = NonNullable<Awaited<ReturnType<typeof siteDeReservation>>>;

/** The appointment a citizen's cancel link points to, as its page shows it; null when it no longer exists. */
export function rendezVousDuLien(db: Db, rdvId: string) {
  return rendezVousPourUsager(db, rdvId);
}

export type RendezVousUsager = NonNullable<Awaited<ReturnType<typeof rendezVousDuLien>>>;

/**
 * Cancels the appointment of a cancel link and uses the link. The link is checked first (a link of another purpose
 * cancels nothing), the appointment cancelled, then the link used: two clicks racing both see the appointment
 * cancelled once (`annulerParUsager` notifies once), and a failure in between leaves a link that still works.
 */
export async function annulerParLien(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  jeton: string,
): Promise<{ ok: true; rdvId: string } | { ok: false; etat: EtatLien | 'passe' }> {
  const lu = await lireLien(db, jeton);
  if (!lu.ok) return lu;
  if (lu.lien.objet !== OBJET_LIEN_ANNULATION) return { ok: false, etat: 'inconnu' };
  const annulation = await annulerParUsager(db, config, lu.lien.sujet);
  if (!annulation.ok) return { ok: false, etat: annulation.raison === 'passe' ? 'passe' : 'inconnu' };
  await consommerLien(db, jeton);
  return { ok: true, rdvId: lu.lien.sujet };
}
