import { inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { motifs, rendezVous } from '../rendez-vous/tables.ts';
import { sites, structures } from '../structures/tables.ts';
import type { Periode } from './periode.ts';

/** Which appointments a report counts: those of some départements (all of them when null), a structure or a site. */
export type CibleRendezVous = { departements: string[] | null } | { structureId: string } | { siteId: string };

/** Appointments of one site, motif and status over the period. */
export interface CompteRendezVous {
  siteId: string;
  siteNom: string;
  motifId: string;
  motifNom: string;
  statut: string;
  n: number;
}

/**
 * Appointments by site, motif and status whose start falls within the period on the site's own calendar, within the
 * scope (site → structure → département) and the report's target. Cancelled ones count too: the report shows them.
 */
export async function compterRendezVous(
  db: Executor,
  portee: Portee,
  cible: CibleRendezVous,
  periode: Periode,
): Promise<CompteRendezVous[]> {
  let filtre: SQL;
  if ('siteId' in cible) filtre = sql`${sites.id} = ${cible.siteId}`;
  else if ('structureId' in cible) filtre = sql`${structures.id} = ${cible.structureId}`;
  else if (cible.departements === null) filtre = sql`true`;
  else if (cible.departements.length === 0) return [];
  else filtre = inArray(structures.departement, cible.departements);
  // The local day decides; the range on `debut` (a day of margin for any offset) lets the (site, debut) index work.
  const r = await db.execute<{
    site_id: string;
    site_nom: string;
    motif_id: string;
    motif_nom: string;
    statut: string;
    n: string;
  }>(sql`
    select ${rendezVous.siteId} as site_id, ${sites.nom} as site_nom, ${rendezVous.motifId} as motif_id,
      ${motifs.nom} as motif_nom, ${rendezVous.statut}::text as statut, count(*) as n
    from ${rendezVous}
    join ${sites} on ${sites.id} = ${rendezVous.siteId}
    join ${structures} on ${structures.id} = ${sites.structureId}
    join ${motifs} on ${motifs.id} = ${rendezVous.motifId}
    where ${rendezVous.debut} >= ${periode.du}::date - interval '1 day'
      and ${rendezVous.debut} < ${periode.au}::date + interval '2 days'
      and (${rendezVous.debut} at time zone ${sites.fuseauHoraire})::date between ${periode.du}::date and ${periode.au}::date
      and ${filtre}
      and ${dansPortee(portee, structures.departement, structures.id, sites.id)}
    group by 1, 2, 3, 4, 5`);
  return r.rows.map((x) => ({
    siteId: x.site_id,
    siteNom: x.site_nom,
    motifId: x.motif_id,
    motifNom: x.motif_nom,
    statut: x.statut,
    n: Number(x.n),
  }));
}
