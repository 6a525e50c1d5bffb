import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateLocale } from '../../src/modules/horaires/index.ts';
import { protegerAnnee, publier } from '../../src/modules/rapports/indicateurs.ts';
import { creerSite, creerStructure, creerUtilisateur } from '../fabriques.ts';
import { Client, type Contexte, DEMO, demarrerApp } from '../harnais.ts';

// The public indicators: the figures are the raw counts, and no count under 5 can be read, directly or by difference.

describe('statistical secrecy rule', () => {
  it('shows a part of at least 5 with its percentage', () => {
    expect(publier(5, 10)).toEqual({ type: 'visible', n: 5, pourcentage: 50 });
    expect(publier(95, 100)).toEqual({ type: 'visible', n: 95, pourcentage: 95 });
  });

  it('hides a part under 5, zero included, and its percentage', () => {
    for (const n of [0, 1, 4]) expect(publier(n, 1000)).toEqual({ type: 'moins_de_5' });
  });

  it('hides a part that leaves fewer than 5 outside it, since total minus part would give them away', () => {
    expect(publier(6, 10)).toEqual({ type: 'complement_masque', plusDe95: false });
    expect(publier(100, 100)).toEqual({ type: 'complement_masque', plusDe95: true });
    // "plus de 95 %" only when every possible hidden value keeps it true: (total - 4) / total > 95 %.
    expect(publier(80, 81)).toEqual({ type: 'complement_masque', plusDe95: true });
    expect(publier(80, 80)).toEqual({ type: 'complement_masque', plusDe95: false });
    expect(publier(77, 80)).toEqual({ type: 'complement_masque', plusDe95: false });
  });

  it('publishes no breakdown of a year under 5 requests', () => {
    const a = protegerAnnee(
      { annee: 2024, total: 4, resolus: 4, partenaires: new Map([['caf', 4]]) },
      [{ id: 'caf', libelle: 'CAF', actif: true }],
      { du: '2024-01-01', au: '2024-12-31', complete: true },
    );
    expect(a).toMatchObject({ total: null, resolus: null, partenaires: [] });
  });

  it('lists every active partner, never orders hidden ones by their value, and drops retired ones left hidden', () => {
    const a = protegerAnnee(
      {
        annee: 2024,
        total: 50,
        resolus: 20,
        partenaires: new Map([
          ['a', 3],
          ['b', 1],
          ['c', 10],
          ['d', 30],
          ['e', 48],
          ['f', 2],
        ]),
      },
      [
        { id: 'a', libelle: 'Zèbre', actif: true },
        { id: 'b', libelle: 'Abeille', actif: true },
        { id: 'c', libelle: 'Castor', actif: true },
        { id: 'd', libelle: 'Daim', actif: true },
        { id: 'e', libelle: 'Élan', actif: true },
        { id: 'f', libelle: 'Fouine', actif: false },
        { id: 'g', libelle: 'Gnou', actif: true },
      ],
      { du: '2024-01-01', au: '2024-12-31', complete: true },
    );
    expect(a.partenaires.map((p) => [p.libelle, p.publication.type])).toEqual([
      ['Élan', 'complement_masque'],
      ['Daim', 'visible'],
      ['Castor', 'visible'],
      ['Abeille', 'moins_de_5'],
      ['Gnou', 'moins_de_5'],
      ['Zèbre', 'moins_de_5'],
    ]);
  });
});

let ctx: Contexte;
let agent: string;
const ANNEE = Number(dateLocale(new Date(), 'Europe/Paris').slice(0, 4));
const A = ANNEE - 1;
const B = ANNEE - 2;
const sites: Record<'principal' | 'resolus' | 'petit' | 'recent' | 'ferme', string> = {
  principal: '',
  resolus: '',
  petit: '',
  recent: '',
  ferme: '',
};

/** Runs SQL in one transaction that names the actor (the journal trigger refuses any other write). */
async function auNomDe(texte: string, valeurs: unknown[]) {
  const client = await ctx.database.pool.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('guichet.acteur', $1, true)`, [agent]);
    await client.query(texte, valeurs);
    await client.query('commit');
  } finally {
    client.release();
  }
}

/** `n` requests at a site on a day, with an outcome and partners (by code). */
async function inserer(siteId: string, jour: string, n: number, issue: string, codes: string[]) {
  await auNomDe(
    `insert into sollicitations (site_id, structure_id, departement, agent_id, survenue_le, jour, canal, situation_id,
       theme_id, partenaires, niveau, issue, duree)
     select si.id, st.id, st.departement, $2, $3::date + time '10:00', $3::date, 'accueil_physique', s.id, s.theme_id,
       array(select id from partenaires where code = any($6::text[])), 'aide_demarche', $5::issue_sollicitation, 'de_10_a_30'
     from generate_series(1, $4::int) g, sites si join structures st on st.id = si.structure_id,
       (select id, theme_id from situations where code = 'j-etablis-mes-papiers-d-identite') s
     where si.id = $1`,
    [siteId, agent, jour, n, issue, codes],
  );
}

beforeAll(async () => {
  ctx = await demarrerApp();
  const structure = await creerStructure(ctx, '92');
  agent = (await creerUtilisateur(ctx, structure)).id;
  for (const cle of Object.keys(sites) as Array<keyof typeof sites>) sites[cle] = await creerSite(ctx, structure);

  // Main site, year A: 30 requests; 20 resolved; CAF on 26 (4 without it), France Travail on 6, La Poste on 4.
  await inserer(sites.principal, `${A}-03-15`, 20, 'resolu', ['caf']);
  await inserer(sites.principal, `${A}-06-02`, 6, 'a_suivre', ['caf', 'france-travail']);
  await inserer(sites.principal, `${A}-11-30`, 4, 'a_suivre', ['la-poste']);
  // Main site, year B: 100 requests, 97 resolved, all for the MSA.
  await inserer(sites.principal, `${B}-02-01`, 97, 'resolu', ['msa']);
  await inserer(sites.principal, `${B}-12-31`, 3, 'oriente_partenaire', ['msa']);
  // 12 requests, 9 resolved: the 3 others must not be readable.
  await inserer(sites.resolus, `${A}-05-05`, 9, 'resolu', ['caf']);
  await inserer(sites.resolus, `${A}-05-06`, 3, 'a_suivre', ['caf']);
  // A site with 3 requests in a year.
  await inserer(sites.petit, `${A}-09-09`, 3, 'resolu', ['justice']);
  // Requests of this month are not published before the month is over.
  await inserer(sites.recent, dateLocale(new Date(), 'Europe/Paris'), 8, 'resolu', ['caf']);
  await ctx.sql(`update sites set actif = false where id = $1`, [sites.ferme]);
});
afterAll(() => ctx.fermer());

const ENTITES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The visible text of some HTML (screen-reader-only words dropped, French narrow spaces as plain spaces). */
function texte(html: string): string {
  return html
    .replace(/<span class="fr-sr-only">[\s\S]*?<\/span>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITES[e] ?? e)
    .replace(/[\u202f\u00a0\s]+/g, ' ')
    .trim();
}

/** Rows (cells as text) of the table whose caption starts with `legende`; null when the page has no such table. */
/** The text of every table of a page (the figures; the page's other text may hold unrelated digits). */
function tables(html: string): string {
  return [...html.matchAll(/<table>[\s\S]*?<\/table>/g)].map(([t]) => texte(t)).join(' ');
}

function tableau(html: string, legende: string): string[][] | null {
  for (const [, t = ''] of html.matchAll(/<table>([\s\S]*?)<\/table>/g)) {
    if (!texte(/<caption>([\s\S]*?)<\/caption>/.exec(t)?.[1] ?? '').startsWith(legende)) continue;
    const corps = t.split('<tbody>')[1] ?? '';
    return [...corps.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, ligne = '']) =>
      [...ligne.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, c = '']) => texte(c)),
    );
  }
  return null;
}

const ligne = (lignes: string[][] | null, premiere: string) => lignes?.find((l) => l[0] === premiere);
const entier = (n: number) => new Intl.NumberFormat('fr-FR').format(n).replace(/\u202f/g, ' ');
const part = (n: number, total: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
    .format(n / total)
    .replace(/[\u202f\u00a0]/g, ' ');

describe('national indicators', () => {
  it('are reachable signed out, cacheable by anyone, and equal the raw counts of every year', async () => {
    const r = await new Client(ctx.app).get('/indicateurs');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('private, max-age=300');

    const finExclue = `${dateLocale(new Date(), 'Europe/Paris').slice(0, 7)}-01`;
    const brut = await ctx.sql<{ annee: number; total: number; resolus: number }>(
      `select extract(year from jour)::int as annee, count(*)::int as total,
         (count(*) filter (where issue = 'resolu'))::int as resolus
       from sollicitations where jour < $1 group by 1 order by 1 desc`,
      [finExclue],
    );
    expect(brut.map((b) => b.annee)).toEqual(expect.arrayContaining([A, B]));
    const parAnnee = tableau(r.body, 'Sollicitations par année');
    expect(parAnnee?.map((l) => l[0]?.slice(0, 4))).toEqual(brut.map((b) => String(b.annee)));
    for (const b of brut) {
      const l = parAnnee?.find((x) => x[0]?.startsWith(String(b.annee)));
      expect(l?.[1]).toBe(b.total < 5 ? 'moins de 5' : entier(b.total));
    }

    // Year A in detail: 30 + 12 + 3 requests, 20 + 9 + 3 resolved; partners counted on the rows.
    const a = await ctx.app.inject({ method: 'GET', url: `/indicateurs?annee=${A}` });
    const [{ total, resolus } = { total: 0, resolus: 0 }] = brut.filter((b) => b.annee === A);
    expect(total).toBe(45);
    expect(ligne(tableau(a.body, 'Sollicitations par année'), String(A))).toEqual([
      String(A),
      '45',
      entier(resolus),
      part(resolus, total),
    ]);
    expect(texte(a.body)).toContain(`Année ${A} 45 sollicitations, dont ${part(32, 45)} résolues sur place.`);
    const partenaires = tableau(a.body, `Part des sollicitations concernant chaque partenaire en ${A}`);
    const parPartenaire = await ctx.sql<{ nom: string; n: number }>(
      `select p.nom_court as nom, count(*)::int as n
       from sollicitations s cross join unnest(s.partenaires) as x(id) join partenaires p on p.id = x.id
       where extract(year from s.jour) = $1 group by 1`,
      [A],
    );
    expect(parPartenaire).toEqual(
      expect.arrayContaining([
        { nom: 'CAF', n: 26 + 12 },
        { nom: 'Justice', n: 3 },
        { nom: 'France Travail', n: 6 },
        { nom: 'La Poste', n: 4 },
      ]),
    );
    expect(ligne(partenaires, 'CAF')).toEqual(['CAF', '38', part(38, 45)]);
    expect(ligne(partenaires, 'France Travail')).toEqual(['France Travail', '6', part(6, 45)]);
    // Partners named on 4, 3 and no requests of the year read the same.
    for (const nom of ['La Poste', 'Justice', 'Assurance Retraite'])
      expect(ligne(partenaires, nom)).toEqual([nom, 'moins de 5', '—']);
  });

  it('says a request may concern several partners and states the secrecy rule', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: '/indicateurs' });
    expect(texte(r.body)).toContain('Une sollicitation peut concerner plusieurs partenaires');
    expect(texte(r.body)).toContain('un nombre inférieur à 5 n’est jamais publié');
  });

  it('offers the years in a form that works without JavaScript, and lists the sites of a département', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: `/indicateurs?departement=92&annee=${B}` });
    expect(r.body).toMatch(/<form method="get" action="\/indicateurs"/);
    expect(r.body).toContain(`<option value="${B}" selected`);
    expect(texte(r.body)).toContain(`Année ${B} 100 sollicitations`);
    expect(r.body).toContain(`href="/indicateurs/lieux/${sites.principal}"`);
    expect(r.body).not.toContain(`href="/indicateurs/lieux/${sites.ferme}"`);
  });

  it('keeps a signed-in page (it shows the person’s name) out of shared caches', async () => {
    const client = await new Client(ctx.app).connecter(DEMO.agentSceaux);
    const r = await client.get('/indicateurs');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('private, no-store');
  });

  it('downloads the same figures as CSV, hidden cells empty with the reason', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: '/indicateurs.csv' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    const lignes = r.body.trim().split('\r\n');
    expect(lignes[0]).toBe('annee,du,au,indicateur,partenaire,nombre,part_pourcentage,secret');
    expect(lignes).toContain(`${A},${A}-01-01,${A}-12-31,sollicitations,,45,,`);
    expect(lignes).toContain(`${A},${A}-01-01,${A}-12-31,partenaire,CAF,38,84.4,`);
    expect(lignes).toContain(`${A},${A}-01-01,${A}-12-31,partenaire,La Poste,,,moins de 5`);
  });
});

describe('indicators of a site', () => {
  it('show counts and shares, hiding a partner named on 4 requests and one on all but 4', async () => {
    const r = await new Client(ctx.app).get(`/indicateurs/lieux/${sites.principal}?annee=${A}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('private, max-age=300');
    expect(ligne(tableau(r.body, 'Sollicitations par année'), String(A))).toEqual([String(A), '30', '20', '66,7 %']);
    const partenaires = tableau(r.body, `Part des sollicitations concernant chaque partenaire en ${A}`);
    expect(ligne(partenaires, 'France Travail')).toEqual(['France Travail', '6', '20,0 %']);
    expect(ligne(partenaires, 'La Poste')).toEqual(['La Poste', 'moins de 5', '—']);
    // 26 of 30: the 4 requests without the CAF would be 30 − 26.
    expect(ligne(partenaires, 'CAF')).toEqual(['CAF', '—', '—']);
    expect(r.body).not.toMatch(/>26</);
  });

  it('hide the resolved share when fewer than 5 requests were not resolved', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: `/indicateurs/lieux/${sites.resolus}` });
    expect(ligne(tableau(r.body, 'Sollicitations par année'), String(A))).toEqual([String(A), '12', '—', '—']);
    expect(tables(r.body)).not.toMatch(/\b9\b|75,0/);
    // With 100 requests and 97 resolved, "plus de 95 %" is certain whatever the hidden 3.
    const b = await ctx.app.inject({ method: 'GET', url: `/indicateurs/lieux/${sites.principal}?annee=${B}` });
    expect(ligne(tableau(b.body, 'Sollicitations par année'), String(B))).toEqual([
      String(B),
      '100',
      '—',
      'plus de 95 %',
    ]);
    expect(ligne(tableau(b.body, `Part des sollicitations concernant chaque partenaire en ${B}`), 'MSA')).toEqual([
      'MSA',
      '—',
      'plus de 95 %',
    ]);
    expect(tables(b.body)).not.toMatch(/\b97\b/);
  });

  it('show only "moins de 5 sollicitations" for a year under 5, with no breakdown', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: `/indicateurs/lieux/${sites.petit}` });
    expect(r.statusCode).toBe(200);
    expect(ligne(tableau(r.body, 'Sollicitations par année'), String(A))).toEqual([String(A), 'moins de 5', '—', '—']);
    expect(texte(r.body)).toContain('moins de 5 sollicitations');
    expect(tableau(r.body, 'Part des sollicitations concernant chaque partenaire')).toBeNull();
    expect(texte(r.body)).not.toMatch(/\b3\b/);
  });

  it('wait for the month to be over before publishing its requests', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: `/indicateurs/lieux/${sites.recent}` });
    expect(r.statusCode).toBe(200);
    expect(texte(r.body)).toContain('Aucune sollicitation n’est publiée pour le moment.');
  });

  it('do not exist for an unknown, malformed or closed site', async () => {
    for (const id of [randomUUID(), 'pas-un-id', sites.ferme]) {
      const r = await ctx.app.inject({ method: 'GET', url: `/indicateurs/lieux/${id}` });
      expect(r.statusCode).toBe(404);
    }
  });
});
