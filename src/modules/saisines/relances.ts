// Reminders and escalation of a case without a first answer (issue 13 point 4, ADR 0030), swept every 15 minutes.
// Past its deadline (`saisines.echeance`, the end of the partner's Nth working day), its référent gets a reminder;
// 2 working days later (on the site's territory), the backup (the other rank of the directory for that partner,
// département and structure); 2 more, the département's coordinators. The case stays routed to its référent
// (`referentId` unchanged: the backup and the coordinators are told, the statistics keep whom it was sent to); each
// step writes a system line in the thread, so the agent sees it. Each step is taken once: a guarded UPDATE records it
// in the same transaction as its emails, whose outbox keys are unique per case, step and recipient. A sweep takes the
// highest step due, skipping earlier ones it was too late for (a sweep down for days sends one email, not three).

import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { formaterDate } from '../../platform/formats/dates.ts';
import { definirTache } from '../../platform/jobs/index.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import { dateLocale, territoireDe } from '../horaires/index.ts';
import { ajouterJoursOuvres } from './delais.ts';
import {
  ajouterLigneSysteme,
  coordinateursDe,
  type DestinataireRelance,
  type Escalade,
  marquerEtape,
  referentDeLaSaisine,
  type SaisineEnRetard,
  saisinesEnRetard,
  suppleantsDe,
} from './repo-relances.ts';

/** Working days between two steps: the reminder, then the backup, then the coordinators. */
export const JOURS_ENTRE_ETAPES = 2;
/** Cases looked at per sweep, the latest deadline last; the next sweep takes the rest. */
const LIMITE_BALAYAGE = 2000;

const JOUR: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };

/** What the thread says of each step (the people told are not named: the agent sees the step, not the addresses). */
const LIGNES: Record<Escalade, { avec: string; sans: string }> = {
  referent: {
    avec: 'Délai de première réponse dépassé : le référent a été relancé par courriel.',
    sans: 'Délai de première réponse dépassé : aucun référent actif à relancer.',
  },
  suppleant: {
    avec: 'Toujours sans réponse 2 jours ouvrés après l’échéance : la saisine a été signalée au suppléant du référent.',
    sans: 'Toujours sans réponse 2 jours ouvrés après l’échéance : aucun suppléant disponible dans l’annuaire.',
  },
  coordinateur: {
    avec: 'Toujours sans réponse 4 jours ouvrés après l’échéance : la saisine a été signalée à la coordination départementale.',
    sans: 'Toujours sans réponse 4 jours ouvrés après l’échéance : aucun coordinateur du département à prévenir.',
  },
};

/** What a sweep did: steps taken per level, and steps taken without anyone to email. */
export interface BilanRelances {
  relances: number;
  suppleants: number;
  coordinateurs: number;
  sansDestinataire: number;
}

/** The step due at `maintenant` for a case past its deadline, or null when its next step has not come yet. */
export function etapeDue(s: SaisineEnRetard, maintenant: Date): Escalade | null {
  const calendrier = { fuseau: s.fuseau, territoire: territoireDe(s.departement) };
  const suppleant = ajouterJoursOuvres(s.echeance, JOURS_ENTRE_ETAPES, calendrier);
  const coordinateur = ajouterJoursOuvres(s.echeance, 2 * JOURS_ENTRE_ETAPES, calendrier);
  const t = maintenant.getTime();
  if (t > coordinateur.getTime()) return 'coordinateur';
  if (t > suppleant.getTime()) return s.escalade === 'referent' ? 'suppleant' : null;
  if (t > s.echeance.getTime()) return s.escalade === 'referent' && !s.relancee ? 'referent' : null;
  return null;
}

async function destinataires(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  s: SaisineEnRetard,
  etape: Escalade,
  maintenant: Date,
): Promise<DestinataireRelance[]> {
  if (etape === 'referent') return s.referentId ? referentDeLaSaisine(tx, s.referentId) : [];
  if (etape === 'suppleant') return suppleantsDe(tx, s, dateLocale(maintenant, s.fuseau));
  return coordinateursDe(tx, s.departement);
}

async function franchir(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  s: SaisineEnRetard,
  etape: Escalade,
  maintenant: Date,
): Promise<{ franchie: boolean; destinataires: number }> {
  return db.transaction(async (tx) => {
    if (!(await marquerEtape(tx, s.id, etape, maintenant))) return { franchie: false, destinataires: 0 };
    const personnes = await destinataires(tx, s, etape, maintenant);
    const parametres = {
      saisineId: s.id,
      niveau: etape,
      partenaire: s.partenaireNom.slice(0, 200),
      site: s.siteNom.slice(0, 200),
      cree: formaterDate(s.creeLe, s.fuseau, JOUR),
      echeance: formaterDate(s.echeance, s.fuseau, JOUR),
      urgente: s.urgente,
    };
    for (const p of personnes) {
      await mettreEnFile(tx, config, {
        modele: 'saisines.relance',
        destinataire: p.courriel,
        parametres,
        cle: `saisines.relance:${s.id}:${etape}:${p.cle}`,
      });
    }
    await ajouterLigneSysteme(tx, s.id, LIGNES[etape][personnes.length > 0 ? 'avec' : 'sans'], maintenant);
    return { franchie: true, destinataires: personnes.length };
  });
}

/**
 * One sweep at `maintenant` (tests move it): for each open case past its deadline without a first answer, takes the
 * highest step due (reminder to the référent, backup after 2 more working days, coordinators after 2 more), once.
 */
export async function balayerRelances(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  maintenant = new Date(),
): Promise<BilanRelances> {
  const bilan: BilanRelances = { relances: 0, suppleants: 0, coordinateurs: 0, sansDestinataire: 0 };
  for (const s of await saisinesEnRetard(db, maintenant, LIMITE_BALAYAGE)) {
    const etape = etapeDue(s, maintenant);
    if (!etape) continue;
    const r = await franchir(db, config, s, etape, maintenant);
    if (!r.franchie) continue;
    if (etape === 'referent') bilan.relances++;
    else if (etape === 'suppleant') bilan.suppleants++;
    else bilan.coordinateurs++;
    if (r.destinataires === 0) bilan.sansDestinataire++;
  }
  return bilan;
}

/** The sweep as a periodic job: every 15 minutes; idempotent (each step recorded once, its emails keyed). */
export const tacheRelancesSaisines = definirTache({
  nom: 'saisines.relances',
  charge: z.object({}),
  reessais: { limite: 2, delaiSecondes: 60 },
  expirationSecondes: 10 * 60,
  planification: { cron: '*/15 * * * *', charge: {} },
  async executer(_charge, { db, config, log }) {
    const bilan = await balayerRelances(db, config);
    if (bilan.relances + bilan.suppleants + bilan.coordinateurs > 0) log.info({ ...bilan }, 'saisines: reminders');
    if (bilan.sansDestinataire > 0) log.warn({ n: bilan.sansDestinataire }, 'saisines: steps without any recipient');
  },
});
