import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, dansPorteePartenaire, type Portee } from '../portee/index.ts';
import { saisines } from '../saisines/tables.ts';
import { sites } from '../structures/tables.ts';
import type { Periode } from './periode.ts';
import type { CibleRendezVous } from './repo-rendez-vous.ts';
import type { IssueSaisine, SaisineRapport } from './saisines.ts';

/** Which cases a report counts: those of some départements, a structure, a site, or one partner's in some départements. */
export type CibleSaisines = CibleRendezVous | { partenaireId: string; departements: string[] | null };

/** A case of the report with the site's zone (its working days are counted on the site's calendar). */
export interface SaisineLue extends SaisineRapport {
  fuseau: string;
}

/**
 * The WHERE condition of the cases an actor may count: the coordinator's départements and the national administration
 * (`portee` with those roles only), or a partner's cases in the référent's départements.
 */
export function saisinesDansPortee(portee: Portee): SQL {
  return or(
    dansPortee(portee, saisines.departement, saisines.structureId),
    dansPorteePartenaire(portee, saisines.partenaireId, saisines.departement),
  ) as SQL;
}

/**
 * The cases created within the period on the site's own calendar, within the scope and the report's target, read
 * through the département and structure copied on each case at creation.
 */
export async function saisinesDuRapport(
  db: Executor,
  portee: Portee,
  cible: CibleSaisines,
  periode: Periode,
): Promise<SaisineLue[]> {
  const s = saisines;
  let filtre: SQL;
  if ('partenaireId' in cible)
    filtre =
      cible.departements === null
        ? eq(s.partenaireId, cible.partenaireId)
        : cible.departements.length === 0
          ? sql`false`
          : (and(eq(s.partenaireId, cible.partenaireId), inArray(s.departement, cible.departements)) as SQL);
  else if ('siteId' in cible) filtre = eq(s.siteId, cible.siteId);
  else if ('structureId' in cible) filtre = eq(s.structureId, cible.structureId);
  else if (cible.departements === null) filtre = sql`true`;
  else if (cible.departements.length === 0) return [];
  else filtre = inArray(s.departement, cible.departements);
  // The local day decides; the range on `cree_le` (a day of margin for any offset) keeps the scan short.
  const r = await db
    .select({
      partenaireId: s.partenaireId,
      departement: s.departement,
      creeLe: s.creeLe,
      echeance: s.echeance,
      premiereReponseLe: s.premiereReponseLe,
      clotureLe: s.clotureLe,
      issue: s.issue,
      fuseau: sites.fuseauHoraire,
    })
    .from(s)
    .innerJoin(sites, eq(sites.id, s.siteId))
    .where(
      and(
        sql`${s.creeLe} >= ${periode.du}::date - interval '1 day'`,
        sql`${s.creeLe} < ${periode.au}::date + interval '2 days'`,
        sql`(${s.creeLe} at time zone ${sites.fuseauHoraire})::date between ${periode.du}::date and ${periode.au}::date`,
        filtre,
        saisinesDansPortee(portee),
      ),
    );
  return r.map((x) => ({ ...x, issue: x.issue as IssueSaisine | null }));
}
