// Reminders of an appointment (issue 11): an email and an SMS the day before at 18:00 on the site's clock, an SMS two
// hours before the start. Each is a pg-boss job scheduled in the booking's (or the move's) transaction to start at its
// instant; when it runs it reads the appointment again and sends only if it is still booked, not started, and still
// starts when the job was scheduled for (a moved appointment has new jobs, keyed on its new start). Messages expire at
// the start: the outbox never sends a reminder once the appointment has begun.

import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Executor } from '../../platform/db/client.ts';
import { type ContexteTache, definirTache, planifier } from '../../platform/jobs/index.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import { ajouterJours, dateLocale, instantMural } from '../horaires/index.ts';
import { rendezVousARappeler } from './repo-rappels.ts';
import { OBJET_LIEN_ANNULATION, parametresMessage } from './service.ts';
import { estMobile } from './validation.ts';

/** The day-before reminder's wall-clock time, in minutes after midnight (18:00). */
export const HEURE_RAPPEL_VEILLE = 18 * 60;
/** How long before the start the last SMS goes (2 hours). */
export const AVANCE_RAPPEL_MS = 2 * 3_600_000;

const TypeRappel = z.enum(['veille', 'deux-heures']);
export type TypeRappel = z.infer<typeof TypeRappel>;

/**
 * When the reminders of an appointment starting at `debut` fall: the day before at 18:00 on the site's clock, and two
 * hours before the start; a reminder whose instant is already past at `maintenant` (or not before the start) has none.
 */
export function instantsRappels(debut: Date, fuseau: string, maintenant: Date): Partial<Record<TypeRappel, Date>> {
  const veille = instantMural(ajouterJours(dateLocale(debut, fuseau), -1), HEURE_RAPPEL_VEILLE, fuseau);
  const deuxHeures = new Date(debut.getTime() - AVANCE_RAPPEL_MS);
  const avenir = (t: Date) => t.getTime() > maintenant.getTime() && t.getTime() < debut.getTime();
  return { ...(avenir(veille) ? { veille } : {}), ...(avenir(deuxHeures) ? { 'deux-heures': deuxHeures } : {}) };
}

const ChargeRappel = z.object({ rdvId: z.uuid(), type: TypeRappel, debut: z.iso.datetime() });

/** Sends a reminder job's messages at `maintenant`, if the appointment still calls for them; returns how many. */
export async function envoyerRappel(
  db: Executor,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  charge: z.output<typeof ChargeRappel>,
  maintenant: Date,
): Promise<number> {
  return db.transaction(async (tx) => {
    const r = await rendezVousARappeler(tx, charge.rdvId);
    const debut = Date.parse(charge.debut);
    if (r?.statut !== 'reserve' || r.debut.getTime() !== debut || debut <= maintenant.getTime()) return 0;
    const site = { nom: r.siteNom, adresse: r.adresse, codePostal: r.codePostal, commune: r.commune, fuseau: r.fuseau };
    const motif = { nom: r.motifNom, instructions: r.instructions, canal: r.canal, lienVisio: r.lienVisio };
    const parametres = {
      ...parametresMessage(r, site, motif, `${OBJET_LIEN_ANNULATION}:${r.id}`),
      sequence: r.sequence,
    };
    // The start is in every key: a moved appointment is reminded again of its new time, never twice of the same one.
    const suffixe = `${r.id}:${r.debut.toISOString()}`;
    const envois: Array<{ modele: 'rdv.rappel' | 'rdv.rappel.sms' | 'rdv.rappel.2h.sms'; destinataire: string }> = [];
    const mobile = r.telephone && estMobile(r.telephone) ? r.telephone : null;
    if (charge.type === 'veille') {
      if (r.courriel) envois.push({ modele: 'rdv.rappel', destinataire: r.courriel });
      if (mobile) envois.push({ modele: 'rdv.rappel.sms', destinataire: mobile });
    } else if (mobile) envois.push({ modele: 'rdv.rappel.2h.sms', destinataire: mobile });
    let n = 0;
    for (const e of envois) {
      const id = await mettreEnFile(tx, config, { ...e, parametres, cle: `${e.modele}:${suffixe}`, expireLe: r.debut });
      if (id) n++;
    }
    return n;
  });
}

/** The reminder job: one per appointment, kind of reminder and start; runs at the reminder's instant. */
export const tacheRappel = definirTache({
  nom: 'rendez-vous.rappel',
  charge: ChargeRappel,
  reessais: { limite: 3, delaiSecondes: 60, exponentiel: true },
  expirationSecondes: 5 * 60,
  async executer(charge, { db, config }: ContexteTache) {
    await envoyerRappel(db, config, charge, new Date());
  },
});

/**
 * Schedules the reminders of a booked (or just moved) appointment in the caller's transaction, each at its instant
 * (`instantsRappels`); none when already past. Called by the booking and by every move of an appointment.
 */
export async function planifierRappels(
  tx: Executor,
  rdv: { id: string; debut: Date; fuseau: string },
  maintenant = new Date(),
): Promise<TypeRappel[]> {
  const instants = instantsRappels(rdv.debut, rdv.fuseau, maintenant);
  const planifies: TypeRappel[] = [];
  for (const [type, apres] of Object.entries(instants) as Array<[TypeRappel, Date]>) {
    const debut = rdv.debut.toISOString();
    await planifier(tx, tacheRappel, { rdvId: rdv.id, type, debut }, { cle: `${rdv.id}:${type}:${debut}`, apres });
    planifies.push(type);
  }
  return planifies;
}
