import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utilisateurNomme } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// A site's day page with a thousand entries in one day: one page of the entries, the counts of the whole day.

let ctx: Contexte;
let agent: Client;
let site: string;
const JOUR = '2026-11-16';
const TOTAL = 1000;

beforeAll(async () => {
  ctx = await demarrerApp();
  agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
  site = (await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`))[0]?.id ?? '';
  const agentId = await utilisateurNomme(ctx, DEMO.agentSceaux);
  // A thousand requests between 08:00 and 18:00, over the five channels and three partners (some entries two).
  await ctx.sql(
    `with acteur as (select set_config('guichet.acteur', $2::text, true) as a),
          s as (select id, theme_id from situations where code = 'j-etablis-mes-papiers-d-identite'),
          p as (select array_agg(id order by code) as ids from partenaires where code in ('caf', 'finances-publiques', 'interieur-ants'))
     insert into sollicitations (site_id, structure_id, departement, agent_id, survenue_le, jour, canal, situation_id,
       theme_id, partenaires, niveau, issue, duree)
     select si.id, st.id, st.departement, $2::uuid, ($3::date + time '08:00' + i * interval '36 seconds') at time zone 'Europe/Paris', $3::date,
       (enum_range(null::canal))[1 + i % 5], s.id, s.theme_id,
       case when i % 7 = 0 then array[p.ids[1], p.ids[2]] else array[p.ids[1 + i % 3]] end,
       'aide_demarche', 'resolu', 'de_10_a_30'
     from acteur, s, p, generate_series(0, $4::int - 1) i, sites si join structures st on st.id = si.structure_id
     where si.id = $1`,
    [site, agentId, JOUR, TOTAL],
  );
});
afterAll(() => ctx.fermer());

const lignesDuTableau = (html: string) =>
  (html.match(/href="\/sollicitations\/[0-9a-f-]{36}\/historique"/g) ?? []).length;
const heures = (html: string) => [...html.matchAll(/<tr><td>(\d\d:\d\d)<\/td>/g)].map((m) => m[1]);

describe('a day of a thousand entries', () => {
  it('shows the last page of entries, the whole day’s total and its exact counts by channel and partner', async () => {
    const page = await agent.get(`/sollicitations?site=${site}&jour=${JOUR}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1\u202f000 sollicitations');
    expect(lignesDuTableau(page.body)).toBe(100);
    expect(page.body).toContain('page 10 sur 10');
    expect(heures(page.body).at(-1)).toBe('17:59');

    const canaux = await ctx.sql<{ canal: string; n: number }>(
      `select canal, count(*)::int as n from sollicitations where site_id = $1 and jour = $2 group by canal`,
      [site, JOUR],
    );
    const libelles: Record<string, string> = {
      accueil_physique: 'Accueil physique',
      telephone: 'Téléphone',
      courriel_formulaire: 'Courriel ou formulaire',
      visio: 'Visio',
      hors_les_murs: 'Hors les murs',
    };
    for (const c of canaux) expect(page.body).toContain(`<td>${libelles[c.canal]}</td><td>${c.n}</td>`);
    const partenaires = await ctx.sql<{ nom: string; n: number }>(
      `select pa.nom_court as nom, count(*)::int as n from sollicitations s cross join unnest(s.partenaires) p(id)
       join partenaires pa on pa.id = p.id where s.site_id = $1 and s.jour = $2 group by pa.nom_court`,
      [site, JOUR],
    );
    expect(partenaires.reduce((n, p) => n + p.n, 0)).toBeGreaterThan(TOTAL);
    for (const p of partenaires) expect(page.body).toContain(`<td>${p.nom}</td><td>${p.n}</td>`);
  });

  it('pages through the day in time order, and a page past the end shows the last one', async () => {
    const premiere = await agent.get(`/sollicitations?site=${site}&jour=${JOUR}&page=1`);
    expect(lignesDuTableau(premiere.body)).toBe(100);
    expect(heures(premiere.body)[0]).toBe('08:00');
    expect(premiere.body).toContain(`href="/sollicitations?site=${site}&amp;jour=${JOUR}&amp;page=2"`);
    const loin = await agent.get(`/sollicitations?site=${site}&jour=${JOUR}&page=500`);
    expect(loin.statusCode).toBe(200);
    expect(loin.body).toContain('page 10 sur 10');
  });

  it('refuses a page number that is not one, in French', async () => {
    for (const page of ['abc', '0', '-1', '1.5']) {
      const r = await agent.get(`/sollicitations?site=${site}&jour=${JOUR}&page=${page}`);
      expect(r.statusCode, page).toBe(400);
      expect(r.body, page).toContain('Le numéro de page est un nombre entier');
    }
  });
});
