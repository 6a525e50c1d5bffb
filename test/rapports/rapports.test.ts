import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acteur } from '../../src/modules/portee/index.ts';
import { type Perimetre, rapport } from '../../src/modules/rapports/index.ts';
import { enregistrer } from '../../src/modules/sollicitations/service.ts';
import { creerStructure, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// Reports equal the raw records, whatever happened to them, for every scope; each role sees only its own.

let ctx: Contexte;
let admin: Acteur;
const ids: Record<string, string> = {};

function acteur(id: string, role: 'admin_national' | 'gestionnaire', structureId: string | null = null): Acteur {
  return {
    id,
    courriel: 'x@exemple.fr',
    prenom: 'Test',
    nom: 'Test',
    habilitations: [{ id, role, structureId, partenaireId: null, departements: [], siteIds: [] }],
  };
}

/** Runs SQL in one transaction that names the actor (the journal trigger requires it). */
async function auNomDe(sqlTexte: string, valeurs: unknown[] = []) {
  const client = await ctx.database.pool.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('guichet.acteur', $1, true)`, [admin.id]);
    await client.query(sqlTexte, valeurs);
    await client.query('commit');
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  ctx = await demarrerApp();
  const [a] = await ctx.sql<{ id: string }>(`select id from utilisateurs where courriel = $1`, [DEMO.admin]);
  admin = acteur(a?.id ?? '', 'admin_national');
  ids.sceaux = await structureNommee(ctx, 'France services de Sceaux');
  ids.rouen = await structureNommee(ctx, 'Maison du Plateau');
  ids.siteSceaux =
    (await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`))[0]?.id ?? '';

  // 600 requests over 15 months at every demo site, with random attributes (seeded), then random edits and deletions.
  await ctx.sql(`select setseed(0.42)`);
  await auNomDe(
    `
    insert into sollicitations (site_id, arret_id, structure_id, departement, agent_id, survenue_le, jour, canal, situation_id,
      theme_id, partenaires, niveau, issue, duree, non_recours, difficulte_numerique, premiere_visite, tranche_age)
    select si.id, (select a.id from arrets a where a.site_id = si.id order by random() limit 1), st.id, st.departement, $1,
      j.jour + make_interval(hours => 8 + (random() * 10)::int), j.jour,
      (enum_range(null::canal))[1 + floor(random() * 5)::int], s.id, s.theme_id,
      array(select p.id from partenaires p order by random() limit 1 + floor(random() * 2)::int),
      (enum_range(null::niveau_aide))[1 + floor(random() * 5)::int],
      (enum_range(null::issue_sollicitation))[1 + floor(random() * 4)::int],
      (enum_range(null::tranche_duree))[1 + floor(random() * 4)::int],
      random() < 0.1, random() < 0.3, random() < 0.2,
      case when random() < 0.5 then (enum_range(null::tranche_age))[1 + floor(random() * 6)::int] end
    from generate_series(1, 600) g
    cross join lateral (select current_date - (random() * 450)::int as jour, g as k) j
    cross join lateral (select * from sites where actif order by random() + g * 0 limit 1) si
    join structures st on st.id = si.structure_id
    cross join lateral (select * from situations where structure_id is null order by random() + g * 0 limit 1) s`,
    [admin.id],
  );
  await auNomDe(`update sollicitations set canal = 'telephone',
    partenaires = array(select distinct unnest(partenaires || (select id from partenaires where code = 'msa')))
    where id in (select id from sollicitations order by random() limit 60)`);
  await auNomDe(`update sollicitations set jour = jour - 40, survenue_le = survenue_le - interval '40 days'
    where id in (select id from sollicitations order by random() limit 40)`);
  await auNomDe(`delete from sollicitations where id in (select id from sollicitations order by random() limit 50)`);
});
afterAll(() => ctx.fermer());

/** The same figures counted directly from the rows (an independent query, not the counters). */
async function brut(condition: string, du: string, au: string) {
  const q = async (expression: string, depuis = 'sollicitations s') =>
    new Map(
      (
        await ctx.sql<{ k: string; n: string }>(
          `select ${expression} as k, count(*) as n from ${depuis} where ${condition} and s.jour between $1 and $2 group by 1`,
          [du, au],
        )
      ).map((r) => [String(r.k), Number(r.n)]),
    );
  return {
    total: [...(await q(`''`)).values()][0] ?? 0,
    canal: await q('s.canal'),
    partenaire: await q('p', 'sollicitations s cross join unnest(s.partenaires) p'),
    theme: await q('s.theme_id'),
    situation: await q('s.situation_id'),
    niveau: await q('s.niveau'),
    issue: await q('s.issue'),
    duree: await q('s.duree'),
    tranche_age: new Map([...(await q('s.tranche_age'))].filter(([k]) => k !== 'null')),
    premiere_visite: (await q('s.premiere_visite')).get('true') ?? 0,
    non_recours: (await q('s.non_recours')).get('true') ?? 0,
    site: await q('s.site_id'),
    creneau: await q(
      `extract(isodow from s.jour) || '-' || lpad(extract(hour from s.survenue_le at time zone si.fuseau_horaire)::text, 2, '0')`,
      'sollicitations s join sites si on si.id = s.site_id',
    ),
  };
}

const carte = (lignes: Array<{ cle: string; n: number }>) =>
  new Map(lignes.filter((l) => l.n > 0).map((l) => [l.cle, l.n]));
const sansZero = (m: Map<string, number>) => new Map([...m].filter(([, n]) => n > 0));

describe('exactness against the raw records', () => {
  const perimetres: Array<[string, () => Perimetre, () => string]> = [
    ['the nation', () => ({ type: 'nation' }), () => 'true'],
    ['a département', () => ({ type: 'departement', code: '13' }), () => `s.departement = '13'`],
    [
      'a region',
      () => ({ type: 'region', code: '75' }),
      () => `s.departement in ('16','17','19','23','24','33','40','47','64','79','86','87')`,
    ],
    ['a structure', () => ({ type: 'structure', id: ids.sceaux ?? '' }), () => `s.structure_id = '${ids.sceaux}'`],
  ];
  const periodes = [
    ['a quarter', '2026-07-01', '2026-09-30'],
    ['loose days across months', '2026-02-11', '2026-06-03'],
    ['a year', '2025-11-24', '2026-11-24'],
  ] as const;
  for (const [nomP, perimetre, condition] of perimetres) {
    for (const [nomPeriode, du, au] of periodes) {
      it(`${nomP}, ${nomPeriode}`, async () => {
        const r = await rapport(ctx.database.db, admin, perimetre(), { du, au });
        const b = await brut(condition(), du, au);
        expect(r.total.n).toBe(b.total);
        expect(carte(r.canaux)).toEqual(sansZero(b.canal));
        expect(carte(r.partenaires)).toEqual(b.partenaire);
        expect(carte(r.themes)).toEqual(b.theme);
        expect(carte(r.situations)).toEqual(b.situation);
        expect(carte(r.niveaux)).toEqual(sansZero(b.niveau));
        expect(carte(r.issues)).toEqual(sansZero(b.issue));
        expect(r.reperes[0]?.n).toBe(b.non_recours);
        expect(r.reperes[2]?.n).toBe(b.premiere_visite);
        expect(carte(r.durees)).toEqual(sansZero(b.duree));
        expect(carte(r.tranchesAge)).toEqual(sansZero(b.tranche_age));
        const grille = new Map<string, number>();
        r.grille.jours.forEach((l, j) => {
          l.forEach((n, h) => {
            if (n > 0) grille.set(`${j + 1}-${String(r.grille.heures[h]).padStart(2, '0')}`, n);
          });
        });
        expect(grille).toEqual(b.creneau);
        if (perimetre().type === 'structure')
          expect(carte(r.lieux.lignes.filter((l) => !l.libelle.includes('arrêt')))).toEqual(b.site);
        // The comparisons are the same computation on the other periods.
        const precedente = await brut(condition(), r.precedente.du, r.precedente.au);
        const unAn = await brut(condition(), r.anneePrecedente.du, r.anneePrecedente.au);
        expect([r.total.precedente, r.total.anneePrecedente]).toEqual([precedente.total, unAn.total]);
      });
    }
  }

  it('stays exact after one more edit and one more deletion', async () => {
    const avant = await rapport(ctx.database.db, admin, { type: 'nation' }, { du: '2025-01-01', au: '2026-12-31' });
    await auNomDe(
      `update sollicitations set canal = 'visio' where id = (select id from sollicitations where canal <> 'visio' and jour >= '2025-01-01' limit 1)`,
    );
    await auNomDe(
      `delete from sollicitations where id = (select id from sollicitations where jour >= '2025-01-01' limit 1)`,
    );
    const apres = await rapport(ctx.database.db, admin, { type: 'nation' }, { du: '2025-01-01', au: '2026-12-31' });
    expect(apres.total.n).toBe(avant.total.n - 1);
    const b = await brut('true', '2025-01-01', '2026-12-31');
    expect(carte(apres.canaux)).toEqual(sansZero(b.canal));
  });
});

describe('time zones', () => {
  it('a request made at 1 a.m. on 1 April in Réunion counts in the second quarter, at 1 a.m.', async () => {
    const structure = await creerStructure(ctx, '974', 'France services de Saint-Paul');
    const [site] = await ctx.sql<{ id: string }>(
      `insert into sites (structure_id, nom, genre, adresse, code_postal, commune, fuseau_horaire)
       values ($1, 'France services de Saint-Paul', 'principal', '1 rue de la Mairie', '97460', 'Saint-Paul', 'Indian/Reunion') returning id`,
      [structure],
    );
    const gestionnaire = acteur(admin.id, 'gestionnaire', structure);
    const r = await enregistrer(
      ctx.database.db,
      gestionnaire,
      {
        site: site?.id ?? '',
        situation: 'papiers',
        canal: 'accueil_physique',
        partenaires: [],
        niveau: 'aide_demarche',
        issue: 'resolu',
        duree: 'moins_10',
        nonRecours: false,
        difficulteNumerique: false,
        premiereVisite: false,
      },
      new Date('2026-03-31T21:00:00Z'),
    );
    expect(r.ok).toBe(true);
    const perimetre: Perimetre = { type: 'structure', id: structure };
    const t1 = await rapport(ctx.database.db, admin, perimetre, { du: '2026-01-01', au: '2026-03-31' });
    const t2 = await rapport(ctx.database.db, admin, perimetre, { du: '2026-04-01', au: '2026-06-30' });
    expect([t1.total.n, t2.total.n]).toEqual([0, 1]);
    expect(t2.total.precedente).toBe(0);
    const mercredi = t2.grille.jours[2] ?? [];
    expect(t2.grille.heures.filter((_, h) => (mercredi[h] ?? 0) > 0)).toEqual([1]);
    const departement = await rapport(
      ctx.database.db,
      admin,
      { type: 'departement', code: '974' },
      { du: '2026-04-01', au: '2026-06-30' },
    );
    expect(departement.total.n).toBe(1);
  });
});

describe('who sees which report', () => {
  const attendus: Array<[keyof typeof DEMO, string, number]> = [
    ['agentSceaux', '', 200],
    ['agentSceaux', 'perimetre=nation', 403],
    ['agentSceaux', 'perimetre=departement:92', 403],
    ['agentSceaux', 'perimetre=structure:ROUEN', 404],
    ['agentAix', 'perimetre=structure:AIX', 403],
    ['coordination', 'perimetre=departement:92', 200],
    ['coordination', 'perimetre=departement:76', 403],
    ['coordination', 'perimetre=region:11', 403],
    ['coordination', 'perimetre=nation', 403],
    ['coordination', 'perimetre=structure:SCEAUX', 200],
    ['coordination', 'perimetre=structure:ROUEN', 404],
    ['gestionSceaux', 'perimetre=structure:SCEAUX', 200],
    ['gestionSceaux', 'perimetre=departement:92', 403],
    // Référents read their partner's report (issue 13 point 6; test/rapports/referent.test.ts), and no place's.
    ['referentCaf', '', 200],
    ['referentCaf', 'perimetre=departement:92', 403],
    ['referentCaf', 'perimetre=structure:SCEAUX', 404],
    ['admin', 'perimetre=nation', 200],
    ['admin', 'perimetre=region:75', 200],
    ['admin', 'perimetre=departement:999', 404],
    ['admin', 'perimetre=n%27importe', 404],
  ];
  const clients = new Map<string, Client>();
  for (const [compte, requete, statut] of attendus) {
    it(`${compte} ${requete || '(default scope)'} → ${statut}`, async () => {
      const aix = await structureNommee(ctx, 'France services multi-sites d’Aix-en-Provence');
      const url = `/rapports?${requete
        .replace('SCEAUX', ids.sceaux ?? '')
        .replace('ROUEN', ids.rouen ?? '')
        .replace('AIX', aix)}`;
      let client = clients.get(compte);
      if (!client) {
        client = await clientConnecte(ctx.app, DEMO[compte]);
        clients.set(compte, client);
      }
      const r = await client.get(url);
      expect(r.statusCode).toBe(statut);
      if (statut === 200) {
        const csv = await client.get(url.replace('/rapports?', '/rapports/export.csv?'));
        expect(csv.statusCode).toBe(200);
      }
    });
  }

  it('an anonymous visitor is sent to sign in', async () => {
    const r = await ctx.app.inject({ url: '/rapports' });
    expect(r.statusCode).toBe(303);
  });
});

describe('report page and exports', () => {
  it('shows the figures, the charts as images with their tables, and refuses bad dates in French', async () => {
    const client = await clientConnecte(ctx.app, DEMO.admin);
    const r = await client.get('/rapports?perimetre=nation&du=2025-11-24&au=2026-11-24');
    expect(r.statusCode).toBe(200);
    const attendu = (await brut('true', '2025-11-24', '2026-11-24')).total;
    expect(r.body).toContain(`<p class="fr-tile__title">${new Intl.NumberFormat('fr-FR').format(attendu)}</p>`);
    expect(r.body).toMatch(/<img class="guichet-graphique" src="data:image\/svg\+xml;base64,/);
    expect(r.body).toContain('<figcaption');
    const mauvais = await client.get('/rapports?perimetre=nation&du=2026-02-30&au=2026-03-01');
    expect(mauvais.statusCode).toBe(422);
    expect(mauvais.body).toContain('Cette date n’existe pas.');
    const inverse = await client.get('/rapports?perimetre=nation&du=2026-03-01&au=2026-01-01');
    expect(inverse.body).toContain('La date de fin doit suivre la date de début.');
  });

  it('exports the same figures as CSV and XLSX', async () => {
    const client = await clientConnecte(ctx.app, DEMO.gestionSceaux);
    const q = `perimetre=structure:${ids.sceaux}&du=2025-11-24&au=2026-11-24`;
    const total = (await brut(`s.structure_id = '${ids.sceaux}'`, '2025-11-24', '2026-11-24')).total;
    const csv = await client.get(`/rapports/export.csv?${q}`);
    expect(csv.body).toContain(`Total,Sollicitations,${total},`);
    const xlsx = await client.get(`/rapports/export.xlsx?${q}`);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ligne = classeur.getWorksheet('Rapport')?.getRow(4);
    expect([ligne?.getCell(1).value, ligne?.getCell(3).value]).toEqual(['Total', total]);
    expect(classeur.getWorksheet('Jours et heures')?.rowCount).toBe(8);
    const pdf = await client.get(`/rapports/rapport.pdf?${q}`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
