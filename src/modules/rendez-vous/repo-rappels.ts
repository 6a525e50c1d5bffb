// SQL of the appointment reminders: the job acts for no one in particular, so its one read takes no scope (listed in
// test/portee/repos-scopes.test.ts); it reads one appointment by its id, the id the booking gave the job.

import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { sites } from '../structures/tables.ts';
import { motifs, rendezVous } from './tables.ts';

/** An appointment with what its reminders say (site, motif, visio link), locked against a concurrent change. */
export async function rendezVousARappeler(db: Executor, id: string) {
  const [r] = await db
    .select({
      id: rendezVous.id,
      statut: rendezVous.statut,
      debut: rendezVous.debut,
      fin: rendezVous.fin,
      sequence: rendezVous.sequence,
      courriel: rendezVous.courriel,
      telephone: rendezVous.telephone,
      siteNom: sites.nom,
      adresse: sites.adresse,
      codePostal: sites.codePostal,
      commune: sites.commune,
      fuseau: sites.fuseauHoraire,
      motifNom: motifs.nom,
      instructions: motifs.instructions,
      canal: motifs.canal,
      lienVisio: motifs.lienVisio,
    })
    .from(rendezVous)
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .where(eq(rendezVous.id, id))
    .limit(1)
    .for('share', { of: rendezVous });
  return r ?? null;
}
