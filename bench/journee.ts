import type pg from 'pg';

// A counter's busiest day: a thousand requests logged at Sceaux on one day, for the day page (/sollicitations) that
// lists them with their counts by partner and channel. Before it was paged, the page rendered all of them: 6 requests/s
// with timeouts.

/** Requests on the measured day. */
export const ENTREES_JOURNEE = 1000;
const SITE = 'France services de Sceaux';
const AGENT = 'agent.sceaux@guichet.test';

/**
 * Logs `ENTREES_JOURNEE` requests at Sceaux on the day before today (after removing what an earlier run left there)
 * and returns the path of that day's page.
 */
export async function preparerJourneeChargee(pool: pg.Pool): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const r = await client.query<{ site: string; agent: string; jour: string }>(
      `select s.id as site, u.id as agent, ((now() at time zone 'Europe/Paris')::date - 1)::text as jour
       from sites s, utilisateurs u where s.nom = $1 and u.courriel = $2`,
      [SITE, AGENT],
    );
    const ligne = r.rows[0];
    if (!ligne) throw new Error(`no site "${SITE}" or no account ${AGENT} in the bench database`);
    await client.query(`select set_config('guichet.acteur', $1, true)`, [ligne.agent]);
    await client.query('delete from sollicitations where site_id = $1 and jour = $2', [ligne.site, ligne.jour]);
    // Between 08:00 and 18:00, over the five channels and three partners (every seventh entry has two).
    await client.query(
      `with s as (select id, theme_id from situations where code = 'j-etablis-mes-papiers-d-identite'),
            p as (select array_agg(id order by code) as ids from partenaires
                  where code in ('caf', 'finances-publiques', 'interieur-ants'))
       insert into sollicitations (site_id, structure_id, departement, agent_id, survenue_le, jour, canal, situation_id,
         theme_id, partenaires, niveau, issue, duree)
       select si.id, st.id, st.departement, $2::uuid,
         ($3::date + time '08:00' + i * interval '36 seconds') at time zone 'Europe/Paris', $3::date,
         (enum_range(null::canal))[1 + i % 5], s.id, s.theme_id,
         case when i % 7 = 0 then array[p.ids[1], p.ids[2]] else array[p.ids[1 + i % 3]] end,
         'aide_demarche', 'resolu', 'de_10_a_30'
       from s, p, generate_series(0, $4::int - 1) i, sites si join structures st on st.id = si.structure_id
       where si.id = $1`,
      [ligne.site, ligne.agent, ligne.jour, ENTREES_JOURNEE],
    );
    await client.query('commit');
    return `/sollicitations?site=${ligne.site}&jour=${ligne.jour}`;
  } catch (erreur) {
    await client.query('rollback');
    throw erreur;
  } finally {
    client.release();
  }
}
