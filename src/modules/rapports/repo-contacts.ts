import { inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { demandesContact } from '../contacts/tables.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { sites, structures } from '../structures/tables.ts';
import type { Periode } from './periode.ts';
import type { CibleRendezVous } from './repo-rendez-vous.ts';

/** Which requests a report counts: those of some départements (all when null), a structure or a site. */
export type CibleContacts = CibleRendezVous;

/** A request written to a site, as the report reads it: where, when received, first answered, due, closed. */
export interface DemandeRapport {
  siteId: string;
  siteNom: string;
  structureId: string;
  structureNom: string;
  departement: string;
  recuLe: Date;
  premiereReponseLe: Date | null;
  echeance: Date | null;
  close: boolean;
}

/**
 * The requests received within the period on the site's own calendar, within the scope and the report's target, read
 * through the structure and département copied on each request at receipt (a site moved since keeps its history).
 * Those closed as unwanted (spam) are left out.
 */
export async function demandesDuRapport(
  db: Executor,
  portee: Portee,
  cible: CibleContacts,
  periode: Periode,
): Promise<DemandeRapport[]> {
  const d = demandesContact;
  let filtre: SQL;
  if ('siteId' in cible) filtre = sql`${d.siteId} = ${cible.siteId}`;
  else if ('structureId' in cible) filtre = sql`${d.structureId} = ${cible.structureId}`;
  else if (cible.departements === null) filtre = sql`true`;
  else if (cible.departements.length === 0) return [];
  else filtre = inArray(d.departement, cible.departements);
  // The local day decides; the range on `recu_le` (a day of margin for any offset) lets the index work.
  const r = await db.execute<{
    site_id: string;
    site_nom: string;
    structure_id: string;
    structure_nom: string;
    departement: string;
    recu_le: string;
    premiere_reponse_le: string | null;
    echeance: string | null;
    close: boolean;
  }>(sql`
    select ${d.siteId} as site_id, ${sites.nom} as site_nom, ${d.structureId} as structure_id,
      ${structures.nom} as structure_nom, ${d.departement} as departement, ${d.recuLe} as recu_le,
      ${d.premiereReponseLe} as premiere_reponse_le, ${d.echeance} as echeance, ${d.statut} = 'close' as close
    from ${d}
    join ${sites} on ${sites.id} = ${d.siteId}
    join ${structures} on ${structures.id} = ${d.structureId}
    where ${d.recuLe} >= ${periode.du}::date - interval '1 day'
      and ${d.recuLe} < ${periode.au}::date + interval '2 days'
      and (${d.recuLe} at time zone ${sites.fuseauHoraire})::date between ${periode.du}::date and ${periode.au}::date
      and ${d.issue} is distinct from 'indesirable'
      and ${filtre}
      and ${dansPortee(portee, d.departement, d.structureId, d.siteId)}`);
  const instant = (v: string | null) => (v === null ? null : new Date(v));
  return r.rows.map((x) => ({
    siteId: x.site_id,
    siteNom: x.site_nom,
    structureId: x.structure_id,
    structureNom: x.structure_nom,
    departement: x.departement,
    recuLe: new Date(x.recu_le),
    premiereReponseLe: instant(x.premiere_reponse_le),
    echeance: instant(x.echeance),
    close: x.close,
  }));
}
