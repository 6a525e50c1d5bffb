// The lifecycle job of mandates (issue 14 point 3, ADR 0031), every 15 minutes: a mandate in force whose end has
// passed becomes expired at its end (journal `mandat.expire` dated at the end, not at the sweep); and the structure is
// reminded of the end of its long mandates, 30 then 7 days before for six or twelve months, 7 days before for one
// month, each once. A reminder is recorded (`rappelsEnvoyes`, guarded update) in the transaction that queues its
// emails; a sweep late past both takes the nearest one only. The emails carry no personal data: the reference, the
// site, the end and the mandate's page behind sign-in.

import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { formaterDate } from '../../platform/formats/dates.ts';
import { definirTache } from '../../platform/jobs/index.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import { journaliser } from './journal.ts';
import * as repo from './repo-revocation.ts';

const JOUR_MS = 86_400_000;
const JOUR: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
/** Mandates handled per sweep and kind; the next sweep takes the rest. */
const LOT = 500;

/** The reminders of each duration, in days before the end (the longest first). */
export const RAPPELS: Record<string, number[]> = { mois: [7], six_mois: [30, 7], douze_mois: [30, 7] };

export interface BilanEcheances {
  expires: number;
  rappels: number;
  sansDestinataire: number;
}

/** The reminder due at `maintenant` (the nearest threshold passed and not yet sent), and those it replaces. */
export function rappelDu(
  m: { duree: string; fin: Date; rappelsEnvoyes: number[] },
  maintenant: Date,
): { jours: number; couverts: number[] } | null {
  const seuils = RAPPELS[m.duree] ?? [];
  const passes = seuils.filter((j) => m.fin.getTime() - j * JOUR_MS <= maintenant.getTime());
  const du = passes.at(-1);
  if (du === undefined || m.rappelsEnvoyes.includes(du)) return null;
  return { jours: du, couverts: passes };
}

async function expirer(db: Db, maintenant: Date): Promise<number> {
  let n = 0;
  for (const m of await repo.mandatsEchus(db, maintenant, LOT)) {
    const fait = await db.transaction(async (tx) => {
      const r = await repo.expirer(tx, m.id, maintenant);
      if (!r) return false;
      await journaliser(tx, {
        mandatId: m.id,
        structureId: m.structureId,
        auteurId: null,
        action: 'mandat.expire',
        objetType: 'mandat',
        objetId: m.id,
        le: r.fin,
      });
      return true;
    });
    if (fait) n++;
  }
  return n;
}

async function rappeler(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  maintenant: Date,
  bilan: BilanEcheances,
): Promise<void> {
  for (const m of await repo.mandatsProchesDeLaFin(db, maintenant, 30, LOT)) {
    if (!m.fin) continue;
    const du = rappelDu({ duree: m.duree, fin: m.fin, rappelsEnvoyes: m.rappelsEnvoyes }, maintenant);
    if (!du) continue;
    const fin = m.fin;
    const destinataires = await db.transaction(async (tx) => {
      if (!(await repo.marquerRappel(tx, m.id, du.jours, du.couverts))) return null;
      const personnes = await repo.destinatairesRappel(tx, m.structureId, m.siteId);
      const jours = Math.max(1, Math.ceil((fin.getTime() - maintenant.getTime()) / JOUR_MS));
      for (const p of personnes) {
        await mettreEnFile(tx, config, {
          modele: 'mandats.rappel-echeance',
          destinataire: p.courriel,
          cle: `mandats.rappel:${m.id}:${du.jours}:${p.id}`,
          parametres: {
            mandatId: m.id,
            reference: m.reference,
            site: m.site.slice(0, 200),
            fin: formaterDate(fin, m.fuseau, JOUR),
            jours: Math.min(60, jours),
          },
        });
      }
      return personnes.length;
    });
    if (destinataires === null) continue;
    bilan.rappels++;
    if (destinataires === 0) bilan.sansDestinataire++;
  }
}

/** One sweep at `maintenant` (tests move it): expiries first, then the reminders due; idempotent. */
export async function balayerEcheances(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  maintenant = new Date(),
): Promise<BilanEcheances> {
  const bilan: BilanEcheances = { expires: await expirer(db, maintenant), rappels: 0, sansDestinataire: 0 };
  await rappeler(db, config, maintenant, bilan);
  return bilan;
}

/** The sweep as a periodic job, every 15 minutes. */
export const tacheEcheancesMandats = definirTache({
  nom: 'mandats.echeances',
  charge: z.object({}),
  reessais: { limite: 2, delaiSecondes: 60 },
  expirationSecondes: 10 * 60,
  planification: { cron: '*/15 * * * *', charge: {} },
  async executer(_charge, { db, config, log }) {
    const bilan = await balayerEcheances(db, config);
    if (bilan.expires + bilan.rappels > 0) log.info({ ...bilan }, 'mandats: expiries and reminders');
    if (bilan.sansDestinataire > 0) log.warn({ n: bilan.sansDestinataire }, 'mandats: reminders without any recipient');
  },
});
