// The answer clock's alerts (issue 12, point 4; ADR 0028): a sweep every 5 minutes over the requests still waiting
// for their first answer. When 75 % of the 72 working hours have run (`delaiReponse(site, recu, 54)`), the agent in
// charge (or, unassigned, the site's agents) gets an email; when all 72 have run, the structure's managers get one.
// Both instants are computed at each sweep on the site's calendar as it stands (ADR 0028, consequences): new hours or
// a closure recorded after the message arrived move them, with nothing stored to reschedule. Each alert goes once: a
// guarded UPDATE records it in the same transaction as its emails, whose outbox keys are unique per request and person.

import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { formaterDate } from '../../platform/formats/dates.ts';
import { definirTache } from '../../platform/jobs/index.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import { ajouterJours } from '../horaires/index.ts';
import { calendriers } from './calendriers.ts';
import { delaiReponse, HEURES_OUVREES } from './delai.ts';
import {
  type DemandeAAlerter,
  demandesAAlerter,
  destinatairesDepassement,
  destinatairesTroisQuarts,
  marquerAlerte,
} from './repo-alertes.ts';

/** Three quarters of the clock: 54 of the 72 working hours. */
export const HEURES_TROIS_QUARTS = (HEURES_OUVREES * 3) / 4;
/**
 * 54 counted hours take at least 53 real ones (a spring daylight-saving day counts 24 for 23): a request received
 * less than 53 hours ago cannot be due an alert, so the sweep does not look at it.
 */
const AGE_MIN_MS = (HEURES_TROIS_QUARTS - 1) * 3_600_000;
/** Requests looked at per sweep, the oldest first; the next sweep, 5 minutes later, takes the rest. */
const LIMITE_BALAYAGE = 5000;

const QUAND: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/** What a sweep did: alerts recorded (each with its emails), and alerts recorded without anyone to send them to. */
export interface BilanAlertes {
  troisQuarts: number;
  depassements: number;
  sansDestinataire: number;
}

async function alerter(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  d: DemandeAAlerter,
  alerte: 'trois_quarts' | 'depassement',
  contexte: { echeance: Date; fuseau: string; maintenant: Date },
): Promise<{ envoyee: boolean; destinataires: number }> {
  return db.transaction(async (tx) => {
    if (!(await marquerAlerte(tx, d.id, alerte, contexte.maintenant))) return { envoyee: false, destinataires: 0 };
    const personnes =
      alerte === 'trois_quarts' ? await destinatairesTroisQuarts(tx, d) : await destinatairesDepassement(tx, d);
    const modele = alerte === 'trois_quarts' ? 'contacts.alerte.trois-quarts' : 'contacts.alerte.depassement';
    const parametres = {
      demandeId: d.id,
      siteId: d.siteId,
      site: d.siteNom.slice(0, 200),
      recu: formaterDate(d.recuLe, contexte.fuseau, QUAND),
      echeance: formaterDate(contexte.echeance, contexte.fuseau, QUAND),
      attribuee: d.assigneA !== null,
    };
    for (const p of personnes) {
      await mettreEnFile(tx, config, {
        modele,
        destinataire: p.courriel,
        parametres,
        cle: `${modele}:${d.id}:${p.id}`,
      });
    }
    return { envoyee: true, destinataires: personnes.length };
  });
}

/**
 * One sweep at `maintenant`: for each request still waiting for its first answer, the breach alert when its 72
 * working hours have run on the site's current calendar, else the 75 % alert when 54 have; each at most once, even
 * when sweeps run at the same time. A request already past its due instant gets the breach alert only.
 */
export async function balayerAlertes(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  maintenant = new Date(),
): Promise<BilanAlertes> {
  const bilan: BilanAlertes = { troisQuarts: 0, depassements: 0, sansDestinataire: 0 };
  const demandes = await demandesAAlerter(db, new Date(maintenant.getTime() - AGE_MIN_MS), LIMITE_BALAYAGE);
  if (demandes.length === 0) return bilan;
  // Closures between the oldest reception and today decide whether an instant has come; later ones cannot.
  const premier = (demandes[0] as DemandeAAlerter).recuLe.toISOString().slice(0, 10);
  const aujourdhui = maintenant.toISOString().slice(0, 10);
  const lesCalendriers = await calendriers(
    db,
    demandes.map((d) => d.siteId),
    ajouterJours(premier, -1),
    ajouterJours(aujourdhui, 1),
  );
  for (const d of demandes) {
    const calendrier = lesCalendriers.get(d.siteId);
    if (!calendrier) continue;
    const contexte = { fuseau: calendrier.fuseau, maintenant };
    const due = delaiReponse(calendrier, d.recuLe, HEURES_OUVREES);
    let alerte: 'trois_quarts' | 'depassement' | null = null;
    if (due.ok && due.echeance.getTime() <= maintenant.getTime()) alerte = 'depassement';
    else if (!d.troisQuartsEnvoyee) {
      const troisQuarts = delaiReponse(calendrier, d.recuLe, HEURES_TROIS_QUARTS);
      if (troisQuarts.ok && troisQuarts.echeance.getTime() <= maintenant.getTime()) alerte = 'trois_quarts';
    }
    if (!alerte || !due.ok) continue;
    const r = await alerter(db, config, d, alerte, { ...contexte, echeance: due.echeance });
    if (!r.envoyee) continue;
    if (alerte === 'trois_quarts') bilan.troisQuarts++;
    else bilan.depassements++;
    if (r.destinataires === 0) bilan.sansDestinataire++;
  }
  return bilan;
}

/** The sweep as a periodic job: every 5 minutes; idempotent (each alert is recorded once, its emails keyed). */
export const tacheAlertesContacts = definirTache({
  nom: 'contacts.alertes',
  charge: z.object({}),
  reessais: { limite: 2, delaiSecondes: 60 },
  expirationSecondes: 4 * 60,
  planification: { cron: '*/5 * * * *', charge: {} },
  async executer(_charge, { db, config, log }) {
    const bilan = await balayerAlertes(db, config);
    if (bilan.troisQuarts + bilan.depassements > 0) log.info({ ...bilan }, 'contacts: answer-clock alerts queued');
    if (bilan.sansDestinataire > 0) log.warn({ n: bilan.sansDestinataire }, 'contacts: alerts without any recipient');
  },
});
