// The SQL of the synthetic activity generator (index.ts): what it reads of the network and the catalogue, the
// synthetic agents, and the bulk-load housekeeping (deleting earlier synthetic rows, dropping and rebuilding indexes).
// Raw pg clients, not Drizzle: the load runs on dedicated connections with triggers off.

import type pg from 'pg';
import { type Territoire, territoireDe } from '../../modules/horaires/index.ts';
import type { SituationModele } from './modele.ts';

type Requetable = Pick<pg.PoolClient, 'query'>;

/** Emails of the synthetic agents: `activite+<structure id>@synthetique.invalid`. */
export const MOTIF_AGENTS = 'activite+%@synthetique.invalid';

export async function compterSitesActifs(db: Requetable): Promise<number> {
  const r = await db.query<{ n: number }>(
    `select count(*)::int as n from sites si join structures st on st.id = si.structure_id where si.actif and st.actif`,
  );
  return r.rows[0]?.n ?? 0;
}

/**
 * One synthetic agent per active structure with an active site (prénom "Agent", nom "synthétique", no password, so
 * nobody can sign in as them), with an agent habilitation on the structure. Returns how many were created.
 */
export async function assurerAgents(db: Requetable): Promise<number> {
  const crees = await db.query(
    `insert into utilisateurs (courriel, prenom, nom)
     select 'activite+' || st.id || '@synthetique.invalid', 'Agent', 'synthétique' from structures st
     where st.actif and exists (select 1 from sites si where si.structure_id = st.id and si.actif)
     on conflict ((lower(courriel))) do nothing`,
  );
  await db.query(
    `insert into habilitations (utilisateur_id, role, structure_id)
     select u.id, 'agent', st.id from structures st
     join utilisateurs u on lower(u.courriel) = 'activite+' || st.id || '@synthetique.invalid'
     where not exists (select 1 from habilitations h where h.utilisateur_id = u.id and h.role = 'agent'
                       and h.structure_id = st.id)`,
  );
  return crees.rowCount ?? 0;
}

export interface SiteCharge {
  id: string;
  genre: string;
  departement: string;
  fuseau: string;
  territoire: Territoire | null;
  insee: string | null;
  arrets: Array<{ id: string; insee: string | null }>;
  /** `structure_id \t departement \t agent_id \t`: the part of a COPY line fixed by the site. */
  milieu: string;
}

/** Active sites of active structures with their structure's département, zone, stops and synthetic agent. */
export async function chargerSites(db: Requetable): Promise<SiteCharge[]> {
  const r = await db.query<{
    id: string;
    structure_id: string;
    genre: string;
    departement: string;
    fuseau: string;
    insee: string | null;
    agent: string;
    arrets: Array<{ id: string; insee: string | null }>;
  }>(
    `select si.id, si.structure_id, si.genre, st.departement, si.fuseau_horaire as fuseau, si.code_insee as insee,
       u.id as agent,
       coalesce((select json_agg(json_build_object('id', a.id, 'insee', a.code_insee) order by a.ordre, a.id)
                 from arrets a where a.site_id = si.id and a.actif), '[]') as arrets
     from sites si join structures st on st.id = si.structure_id
     join utilisateurs u on lower(u.courriel) = 'activite+' || st.id || '@synthetique.invalid'
     where si.actif and st.actif order by si.id`,
  );
  return r.rows.map((s) => {
    let territoire: Territoire | null = null;
    try {
      territoire = territoireDe(s.departement);
    } catch {}
    return {
      id: s.id,
      genre: s.genre,
      departement: s.departement,
      fuseau: s.fuseau,
      territoire,
      insee: s.insee && /^[0-9AB]{5}$/.test(s.insee) ? s.insee : null,
      arrets: s.arrets.map((a) => ({ id: a.id, insee: a.insee && /^[0-9AB]{5}$/.test(a.insee) ? a.insee : null })),
      milieu: `${s.structure_id}\t${s.departement}\t${s.agent}\t`,
    };
  });
}

/** The active national situations of active themes, each with its active partners in the catalogue's order. */
export async function chargerSituations(
  db: Requetable,
): Promise<Array<SituationModele & { codesPartenaires: string[] }>> {
  const r = await db.query<{ id: string; code: string; theme_id: string; partenaires: string[]; codes: string[] }>(
    `select s.id, s.code, s.theme_id,
       array(select p.id::text from situation_partenaires sp join partenaires p on p.id = sp.partenaire_id
             where sp.situation_id = s.id and p.actif order by sp.ordre, p.code) as partenaires,
       array(select p.code::text from situation_partenaires sp join partenaires p on p.id = sp.partenaire_id
             where sp.situation_id = s.id and p.actif order by sp.ordre, p.code) as codes
     from situations s join themes t on t.id = s.theme_id
     where s.actif and t.actif and s.structure_id is null order by s.ordre, s.code`,
  );
  return r.rows
    .filter((s) => s.partenaires.length > 0)
    .map((s) => ({
      id: s.id,
      code: s.code,
      themeId: s.theme_id,
      partenaires: s.partenaires,
      codesPartenaires: s.codes,
    }));
}

/**
 * Deletes the synthetic requests of earlier runs (triggers are off on this connection: no journal entry, they never
 * had one), then rebuilds the counters from the requests left, the real ones. TRUNCATE when nothing real is left.
 */
export async function supprimerSynthetiques(db: Requetable): Promise<number> {
  const agents = `select id from utilisateurs where lower(courriel) like '${MOTIF_AGENTS}'`;
  const reelles = await db.query(`select 1 from sollicitations where agent_id not in (${agents}) limit 1`);
  let supprimees: number;
  if (reelles.rowCount === 0) {
    const r = await db.query<{ n: string }>('select count(*)::text as n from sollicitations');
    supprimees = Number(r.rows[0]?.n ?? 0);
    await db.query('truncate sollicitations');
  } else {
    supprimees = (await db.query(`delete from sollicitations where agent_id in (${agents})`)).rowCount ?? 0;
  }
  await reconstruireCompteurs(db);
  return supprimees;
}

/**
 * What stats_reconstruire() (migration 0004) does, through the same stats_dimensions(). The function itself fails on
 * PostgreSQL 18.4 ("variable not found in subplan target list": the planner inlines stats_dimensions(s) for a table
 * row and trips on its unnest(s.partenaires) branch); OFFSET 0 keeps the call from being inlined.
 */
export const SQL_RECONSTRUCTION_JOUR = `select s.jour, s.departement, d.dimension, d.valeur, count(*)::int as n
  from sollicitations s cross join lateral (select * from stats_dimensions(s) offset 0) d group by 1, 2, 3, 4`;

async function reconstruireCompteurs(db: Requetable) {
  // TRUNCATE rather than DELETE: no dead rows left in the counters' indexes for the load that follows.
  await db.query('truncate stats_departement_jour, stats_departement_mois');
  await db.query(
    `insert into stats_departement_jour (jour, departement, dimension, valeur, n) ${SQL_RECONSTRUCTION_JOUR}`,
  );
  await db.query(
    `insert into stats_departement_mois (mois, departement, dimension, valeur, n)
     select date_trunc('month', jour)::date, departement, dimension, valeur, sum(n)::int
     from stats_departement_jour group by 1, 2, 3, 4`,
  );
  // The site-month counters of the requests that remain (migration 0005).
  await db.query('select stats_lieux_reconstruire()');
}

/** True when the request log is empty; it is then truncated, so that this transaction may COPY … WITH (FREEZE). */
export async function videEnCeCas(db: Requetable): Promise<boolean> {
  // Only an apparently empty table is locked: a busy one stays open to the counters while the load runs.
  if ((await estimerLignes(db)) > 0) return false;
  await db.query('lock table sollicitations in access exclusive mode');
  if (((await db.query('select 1 from sollicitations limit 1')).rowCount ?? 0) > 0) return false;
  await db.query('truncate sollicitations');
  return true;
}

/** Rows in the request log, from the planner's estimate (exact count when the table was never analysed). */
export async function estimerLignes(db: Requetable): Promise<number> {
  const r = await db.query<{ n: number }>(
    `select reltuples::float8 as n from pg_class where oid = 'sollicitations'::regclass`,
  );
  const n = r.rows[0]?.n ?? -1;
  if (n >= 0) return n;
  const c = await db.query<{ n: string }>('select count(*)::text as n from sollicitations');
  return Number(c.rows[0]?.n ?? 0);
}

/** The indexes of `sollicitations` that back no constraint, with their definitions as the migrations made them. */
export async function indexSecondaires(db: Requetable): Promise<Array<{ nom: string; definition: string }>> {
  const r = await db.query<{ nom: string; definition: string }>(
    `select i.indexname as nom, i.indexdef as definition from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = 'sollicitations'
       and not exists (select 1 from pg_constraint c
                       where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
     order by i.indexname`,
  );
  return r.rows;
}

/** A quoted SQL identifier. */
export function ident(nom: string): string {
  return `"${nom.replaceAll('"', '""')}"`;
}
