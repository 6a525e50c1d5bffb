// What the citizen's pages read (no account, no scope): the public facts of a site that takes bookings, and the
// appointment a cancel link points to. Public data or data the link's holder already has: no `Portee`.

import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { sites, structures } from '../structures/tables.ts';
import { motifs, rendezVous } from './tables.ts';

const SITE = {
  id: sites.id,
  nom: sites.nom,
  adresse: sites.adresse,
  complementAdresse: sites.complementAdresse,
  codePostal: sites.codePostal,
  commune: sites.commune,
  fuseauHoraire: sites.fuseauHoraire,
};

/** An active site of an active structure (what the public directory shows), or null. */
export async function siteActif(db: Executor, siteId: string) {
  const [site] = await db
    .select(SITE)
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), eq(sites.actif, true), eq(structures.actif, true)))
    .limit(1);
  return site ?? null;
}

/** An appointment as its cancel page shows it: when, what, where, and whether it is still booked. */
export async function rendezVousPourUsager(db: Executor, rdvId: string) {
  const [rdv] = await db
    .select({
      id: rendezVous.id,
      debut: rendezVous.debut,
      fin: rendezVous.fin,
      statut: rendezVous.statut,
      motifNom: motifs.nom,
      instructions: motifs.instructions,
      canal: motifs.canal,
      /** Whether the citizen may choose another time themselves (an agents-only motif is moved at the desk). */
      reservableEnLigne: motifs.reservableEnLigne,
      site: SITE,
    })
    .from(rendezVous)
    .innerJoin(motifs, eq(motifs.id, rendezVous.motifId))
    .innerJoin(sites, eq(sites.id, rendezVous.siteId))
    .where(eq(rendezVous.id, rdvId))
    .limit(1);
  return rdv ?? null;
}
