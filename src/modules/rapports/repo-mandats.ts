import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/client.ts';
import { mandats } from '../mandats/tables.ts';
import { type Acteur, dansPortee, type Portee, porteeDe } from '../portee/index.ts';
import { sites, structures } from '../structures/tables.ts';
import { agregerMandats, type LigneMandats, type MandatsRapport } from './mandats.ts';
import type { Periode } from './periode.ts';
import type { CibleRendezVous } from './repo-rendez-vous.ts';

/**
 * Who may count mandates: the national administration, coordinators (their départements) and managers (their
 * structures); null for everyone else (agents work with the mandates themselves, référents have none).
 */
export function porteeMandatsRapport(acteur: Pick<Acteur, 'habilitations'>): Portee | null {
  const p = porteeDe(acteur, { roles: ['admin_national', 'coordinateur', 'gestionnaire'] });
  return p.national || p.departements.length > 0 || p.structures.length > 0 ? p : null;
}

/**
 * The mandates of the target within the scope, counted per structure over the period on each site's own calendar:
 * signed in it, active at its end (or now, for a period still running), revoked by whom and expired in it.
 */
export async function compterMandats(
  db: Executor,
  portee: Portee,
  cible: CibleRendezVous,
  periode: Periode,
  maintenant: Date,
): Promise<LigneMandats[]> {
  const m = mandats;
  let filtre: SQL;
  if ('siteId' in cible) filtre = sql`${m.siteId} = ${cible.siteId}`;
  else if ('structureId' in cible) filtre = sql`${m.structureId} = ${cible.structureId}`;
  else if (cible.departements === null) filtre = sql`true`;
  else if (cible.departements.length === 0) return [];
  else filtre = inArray(structures.departement, cible.departements);
  const jour = (c: AnyPgColumn) => sql`(${c} at time zone ${sites.fuseauHoraire})::date`;
  const dans = (c: AnyPgColumn) => sql`${jour(c)} between ${periode.du}::date and ${periode.au}::date`;
  // The end of the period's last day on the site's clock, or now when it has not come yet.
  const fin = sql`least(((${periode.au}::date + 1)::timestamp at time zone ${sites.fuseauHoraire}), ${maintenant.toISOString()}::timestamptz)`;
  const r = await db.execute<{
    cle: string;
    libelle: string;
    signes: number;
    actifs: number;
    revoques_agent: number;
    revoques_personne: number;
    expires: number;
  }>(sql`
    select ${m.structureId} as cle, ${structures.nom} as libelle,
      count(*) filter (where ${dans(m.signeLe)})::int as signes,
      count(*) filter (where ${m.debut} < ${fin} and ${m.fin} > ${fin}
        and (${m.termineLe} is null or ${m.termineLe} > ${fin}))::int as actifs,
      count(*) filter (where ${m.statut} = 'revoque' and ${m.origineRevocation} = 'agent' and ${dans(m.termineLe)})::int
        as revoques_agent,
      count(*) filter (where ${m.statut} = 'revoque' and ${m.origineRevocation} in ('code', 'lien')
        and ${dans(m.termineLe)})::int as revoques_personne,
      count(*) filter (where ${m.statut} = 'expire' and ${dans(m.termineLe)})::int as expires
    from ${m}
    join ${sites} on ${sites.id} = ${m.siteId}
    join ${structures} on ${structures.id} = ${m.structureId}
    where ${m.signeLe} is not null
      and ${m.signeLe} < ${periode.au}::date + interval '2 days'
      and ${filtre}
      and ${dansPortee(portee, structures.departement, m.structureId)}
    group by ${m.structureId}, ${structures.nom}`);
  return r.rows.map((x) => ({
    cle: x.cle,
    libelle: x.libelle,
    signes: Number(x.signes),
    actifs: Number(x.actifs),
    revoquesAgent: Number(x.revoques_agent),
    revoquesPersonne: Number(x.revoques_personne),
    expires: Number(x.expires),
  }));
}

/** The mandates section of a report; null when the actor may count none or the report is a partner's. */
export async function mandatsDuRapport(
  db: Executor,
  acteur: Pick<Acteur, 'habilitations'>,
  cible: CibleRendezVous | null,
  periode: Periode,
  maintenant: Date,
): Promise<MandatsRapport | null> {
  const portee = porteeMandatsRapport(acteur);
  if (!portee || !cible) return null;
  return agregerMandats(await compterMandats(db, portee, cible, periode, maintenant));
}
