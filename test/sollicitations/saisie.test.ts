import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSollicitation, creerUtilisateur, structureNommee, utilisateurNomme } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// The request log at the counter, through real HTTP requests on a real database: logging, the journal, the rights
// of each role, site isolation, bad input, exports.

let ctx: Contexte;
let agent: Client;
let gestion: Client;
let siteSceaux: string;
let siteRouen: string;
let idAgent: string;

const VALIDE = {
  situation: 'papiers',
  canal: 'accueil_physique',
  niveau: 'aide_demarche',
  issue: 'resolu',
  duree: 'de_10_a_30',
};

const nombre = async (where = 'true', valeurs: unknown[] = []) =>
  Number((await ctx.sql<{ n: string }>(`select count(*) as n from sollicitations where ${where}`, valeurs))[0]?.n);
const jourParis = (decalageJours = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + decalageJours * 86_400_000),
  );

beforeAll(async () => {
  ctx = await demarrerApp();
  agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
  gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
  siteSceaux =
    (await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`))[0]?.id ?? '';
  siteRouen = (await ctx.sql<{ id: string }>(`select id from sites where nom = 'Maison du Plateau'`))[0]?.id ?? '';
  idAgent = await utilisateurNomme(ctx, DEMO.agentSceaux);
});
afterAll(() => ctx.fermer());

describe('quick entry', () => {
  it('logs a request from a few letters, with the defaults, attributed to the site, its structure and département', async () => {
    const page = await agent.get('/sollicitations');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('France services de Sceaux');
    const r = await agent.post('/sollicitations', { site: siteSceaux, ...VALIDE });
    expect(r.statusCode).toBe(303);
    const id = /enregistree=([0-9a-f-]{36})/.exec(r.headers.location as string)?.[1];
    const [ligne] = await ctx.sql<Record<string, unknown>>(
      `select s.*, s.jour::text as jour, si.nom as situation_nom, t.code as theme, (select array_agg(p.code) from partenaires p where p.id = any(s.partenaires)) as codes
       from sollicitations s join situations si on si.id = s.situation_id join themes t on t.id = s.theme_id where s.id = $1`,
      [id],
    );
    expect(ligne).toMatchObject({
      site_id: siteSceaux,
      departement: '92',
      agent_id: idAgent,
      situation_nom: 'J’établis mes papiers d’identité',
      theme: 'etat-civil-famille',
      codes: ['interieur-ants'],
      canal: 'accueil_physique',
      jour: jourParis(),
    });
    const confirmation = await agent.get(r.headers.location as string);
    expect(confirmation.body).toContain('Sollicitation enregistrée à');
    expect(confirmation.body).toContain('Annuler cette saisie');
  });

  it('shows the day’s entries at the site with counts by partner and by channel', async () => {
    await agent.post('/sollicitations', { site: siteSceaux, ...VALIDE, situation: 'impots', canal: 'telephone' });
    const page = await agent.get(`/sollicitations?site=${siteSceaux}`);
    expect(page.body).toContain('Je déclare mes impôts');
    expect(page.body).toMatch(/<caption>Par partenaire<\/caption>/);
    expect(page.body).toMatch(/Finances publiques<\/td><td>1</);
    expect(page.body).toMatch(/Téléphone<\/td><td>1</);
  });

  it('preselects the channel of the agent’s last entry', async () => {
    await agent.post('/sollicitations', { site: siteSceaux, ...VALIDE, canal: 'visio' });
    const page = await agent.get('/sollicitations');
    expect(page.body).toMatch(/<input type="radio" id="canal-3" name="canal" value="visio" checked/);
  });

  it('puts the situations most used at this site first in the suggestions', async () => {
    for (let i = 0; i < 3; i++)
      await agent.post('/sollicitations', { site: siteSceaux, ...VALIDE, situation: 'service postal' });
    const page = await agent.get('/sollicitations');
    const premiere = /<datalist id="situations-connues"><option value="([^"]+)"/.exec(page.body)?.[1];
    expect(premiere).toBe('J’ai besoin d’un service postal');
  });

  it('"same as last" logs the same request again, now, without the person’s profile', async () => {
    await agent.post('/sollicitations', {
      site: siteSceaux,
      ...VALIDE,
      situation: 'allocation logement',
      trancheAge: 'de_26_a_39',
      communeResidence: 'Sceaux',
      premiereVisite: 'on',
    });
    const avant = await nombre(
      `situation_id = (select id from situations where code = 'je-cherche-une-allocation-logement')`,
    );
    const r = await agent.post('/sollicitations/repeter', { site: siteSceaux });
    expect(r.statusCode).toBe(303);
    const [copie] = await ctx.sql<Record<string, unknown>>(
      `select tranche_age, commune_residence, premiere_visite from sollicitations
       where situation_id = (select id from situations where code = 'je-cherche-une-allocation-logement') order by cree_le desc limit 1`,
    );
    expect(
      await nombre(`situation_id = (select id from situations where code = 'je-cherche-une-allocation-logement')`),
    ).toBe(avant + 1);
    expect(copie).toEqual({ tranche_age: null, commune_residence: null, premiere_visite: false });
  });

  it('stores the commune of residence as its INSEE code, and the anonymous age band', async () => {
    const r = await agent.post('/sollicitations', {
      site: siteSceaux,
      ...VALIDE,
      communeResidence: '92330',
      trancheAge: 'plus_75',
    });
    const id = /enregistree=([0-9a-f-]{36})/.exec(r.headers.location as string)?.[1];
    const [l] = await ctx.sql(`select commune_residence, tranche_age from sollicitations where id = $1`, [id]);
    expect(l).toEqual({ commune_residence: '92071', tranche_age: 'plus_75' });
  });

  it('attributes a request at a tour stop to the tour’s site', async () => {
    const agen = await clientConnecte(ctx.app, DEMO.gestionAgen);
    const [tour] = await ctx.sql<{ site: string; arret: string }>(
      `select a.site_id as site, a.id as arret from arrets a where a.nom = 'Mairie de Foulayronnes'`,
    );
    const r = await agen.post('/sollicitations', { site: tour?.site ?? '', arret: tour?.arret ?? '', ...VALIDE });
    expect(r.statusCode).toBe(303);
    expect(await nombre('arret_id = $1 and site_id = $2', [tour?.arret, tour?.site])).toBe(1);
    // A stop of another site is refused.
    const autre = await agen.post('/sollicitations', { site: tour?.site ?? '', arret: siteSceaux, ...VALIDE });
    expect(autre.statusCode).toBe(422);
    expect(autre.body).toContain('Choisissez un arrêt de cette tournée.');
  });
});

describe('bad input: a French message on the field, nothing saved', () => {
  const cas: Array<[string, Record<string, string | string[]>, string, string]> = [
    ['no situation', { situation: '' }, 'situation', 'Indiquez la situation de vie'],
    ['ambiguous situation', { situation: 'je' }, 'situation', 'Plusieurs situations correspondent'],
    ['unknown situation', { situation: 'passeport pour la lune' }, 'situation', 'Aucune situation ne correspond'],
    ['situation as an array', { situation: ['papiers', 'impots'] }, 'situation', 'Indiquez la situation de vie'],
    ['control character', { situation: 'papiers\u0007' }, 'situation', 'caractères non autorisés'],
    ['no channel', { canal: '' }, 'canal', 'Choisissez le canal'],
    ['unknown channel', { canal: 'pigeon' }, 'canal', 'Choisissez le canal'],
    ['unknown level', { niveau: 'tout' }, 'niveau', 'Choisissez le niveau d’aide'],
    ['no outcome', { issue: '' }, 'issue', 'Choisissez l’issue'],
    ['unknown duration', { duree: '3h' }, 'duree', 'Choisissez la durée'],
    ['partner not an id', { partenaires: 'CAF' }, 'partenaires', 'Choisissez les partenaires dans la liste.'],
    [
      'unknown partner',
      { partenaires: '00000000-0000-4000-8000-000000000000' },
      'partenaires',
      'Choisissez les partenaires dans la liste.',
    ],
    ['unknown age band', { trancheAge: '12' }, 'trancheAge', 'Choisissez une tranche d’âge'],
    ['unknown commune', { communeResidence: 'Zzyzx-les-Bains' }, 'communeResidence', 'Commune inconnue'],
    ['note too long', { note: 'x'.repeat(201) }, 'note', 'ne doit pas dépasser 200 caractères'],
    ['note with a line break', { note: 'a\nb' }, 'note', 'caractères non autorisés'],
    ['bad date', { date: 'le 24 novembre' }, 'date', 'JJ/MM/AAAA'],
    ['impossible date', { date: '2026-02-29' }, 'date', 'Cette date n’existe pas.'],
    ['date of year 0', { date: '0000-01-01' }, 'date', 'Cette date n’existe pas.'],
    ['date of year 9999', { date: '9999-12-31' }, 'date', 'doit être comprise entre le 01/01/2000'],
    ['date in the future', { date: jourParis(2) }, 'date', 'dans le futur'],
    ['date too old for an agent', { date: jourParis(-9) }, 'date', '7 derniers jours'],
    ['bad time', { heure: '25:00' }, 'heure', 'HH:MM'],
    ['stop on a fixed site', { arret: '00000000-0000-4000-8000-000000000000' }, 'arret', 'Choisissez un arrêt'],
  ];
  for (const [nom, champs, champ, message] of cas) {
    it(nom, async () => {
      const avant = await nombre();
      const r = await agent.post('/sollicitations', { site: siteSceaux, ...VALIDE, ...champs });
      expect(r.statusCode).toBe(422);
      expect(r.body).toContain(`href="#${champ}"`);
      expect(r.body).toContain(message);
      expect(await nombre()).toBe(avant);
    });
  }

  it('a local partner of another structure is refused', async () => {
    const agen = await structureNommee(ctx, 'France services Agen Léon Blum');
    const [p] = await ctx.sql<{ id: string }>(
      `insert into partenaires (code, nom, nom_court, structure_id) values ('mission-locale-agen', 'Mission locale d’Agen', 'Mission locale', $1) returning id`,
      [agen],
    );
    const r = await agent.post('/sollicitations', { site: siteSceaux, ...VALIDE, partenaires: p?.id ?? '' });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Choisissez les partenaires dans la liste.');
  });
});

describe('site isolation', () => {
  it('an agent of Sceaux can neither log at nor read Rouen', async () => {
    const rouenId = await creerSollicitation(
      ctx,
      siteRouen,
      (await creerUtilisateur(ctx, await structureNommee(ctx, 'Maison du Plateau'))).id,
    );
    const avant = await nombre();
    expect((await agent.post('/sollicitations', { site: siteRouen, ...VALIDE })).statusCode).toBe(404);
    expect(await nombre()).toBe(avant);
    expect((await agent.get(`/sollicitations?site=${siteRouen}`)).statusCode).toBe(404);
    expect((await agent.get(`/sollicitations/${rouenId}/modifier`)).statusCode).toBe(404);
    expect((await agent.get(`/sollicitations/${rouenId}/historique`)).statusCode).toBe(404);
    expect((await agent.post(`/sollicitations/${rouenId}/supprimer`)).statusCode).toBe(404);
    expect((await agent.get(`/sollicitations?site=${siteSceaux}`)).body).not.toContain(rouenId);
  });

  it('an agent assigned to two of Aix’s district halls cannot log at or read a third one of the same structure', async () => {
    const aix = await clientConnecte(ctx.app, DEMO.agentAix);
    const [autre] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'Mairie de quartier des Milles'`);
    const [sien] = await ctx.sql<{ id: string }>(
      `select id from sites where nom = 'Mairie de quartier du Jas de Bouffan'`,
    );
    expect(autre && sien).toBeTruthy();
    expect((await aix.post('/sollicitations', { site: autre?.id ?? '', ...VALIDE })).statusCode).toBe(404);
    expect((await aix.get(`/sollicitations?site=${autre?.id}`)).statusCode).toBe(404);
    expect((await aix.post('/sollicitations', { site: sien?.id ?? '', ...VALIDE })).statusCode).toBe(303);
    const ailleurs = await creerSollicitation(ctx, autre?.id ?? '', idAgent);
    expect((await aix.get(`/sollicitations/${ailleurs}/historique`)).statusCode).toBe(404);
  });

  it('exports hold only the manager’s structure; another structure is not found; agents cannot export', async () => {
    await creerSollicitation(
      ctx,
      siteRouen,
      (await creerUtilisateur(ctx, await structureNommee(ctx, 'Maison du Plateau'))).id,
    );
    const periode = `du=${jourParis(-30)}&au=${jourParis()}`;
    const csv = await gestion.get(`/sollicitations/export?${periode}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain('Maison du Plateau');
    const rouen = await structureNommee(ctx, 'Maison du Plateau');
    expect((await gestion.get(`/sollicitations/export?${periode}&structure=${rouen}&format=csv`)).statusCode).toBe(404);
    expect((await agent.get(`/sollicitations/export?${periode}&format=csv`)).statusCode).toBe(403);
  });
});

describe('edit and delete rights', () => {
  it('the author edits their entry for 7 days, not after', async () => {
    const recente = await creerSollicitation(ctx, siteSceaux, idAgent, {
      jour: jourParis(-3),
      creeLe: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    const ancienne = await creerSollicitation(ctx, siteSceaux, idAgent, {
      jour: jourParis(-8),
      creeLe: new Date(Date.now() - 8 * 86_400_000).toISOString(),
    });
    const corps = { site: siteSceaux, ...VALIDE, situation: 'retraite', issue: 'a_suivre' };
    expect((await agent.post(`/sollicitations/${recente}`, corps)).statusCode).toBe(303);
    const [l] = await ctx.sql(`select issue, jour::text as jour from sollicitations where id = $1`, [recente]);
    expect(l).toEqual({ issue: 'a_suivre', jour: jourParis(-3) });
    expect((await agent.post(`/sollicitations/${ancienne}`, corps)).statusCode).toBe(403);
    expect((await agent.get(`/sollicitations/${ancienne}/modifier`)).statusCode).toBe(403);
  });

  it('an agent cannot change a colleague’s entry; the manager can, within the current quarter only', async () => {
    const collegue = (await creerUtilisateur(ctx, await structureNommee(ctx, 'France services de Sceaux'))).id;
    const [debut] = await ctx.sql<{ d: string; veille: string }>(
      `select to_char(date_trunc('quarter', (now() at time zone 'Europe/Paris')::date), 'YYYY-MM-DD') as d,
              to_char(date_trunc('quarter', (now() at time zone 'Europe/Paris')::date) - interval '1 day', 'YYYY-MM-DD') as veille`,
    );
    const duTrimestre = await creerSollicitation(ctx, siteSceaux, collegue, { jour: debut?.d });
    const trimestrePasse = await creerSollicitation(ctx, siteSceaux, collegue, { jour: debut?.veille });
    const corps = { site: siteSceaux, ...VALIDE, issue: 'transmis_referent' };
    expect((await agent.post(`/sollicitations/${duTrimestre}`, corps)).statusCode).toBe(403);
    expect((await gestion.post(`/sollicitations/${duTrimestre}`, corps)).statusCode).toBe(303);
    expect((await gestion.post(`/sollicitations/${trimestrePasse}`, corps)).statusCode).toBe(403);
    expect((await gestion.post(`/sollicitations/${trimestrePasse}/supprimer`)).statusCode).toBe(403);
    expect((await gestion.post(`/sollicitations/${duTrimestre}/supprimer`)).statusCode).toBe(303);
    expect(await nombre('id = $1', [duTrimestre])).toBe(0);
  });

  it('undo works for the author within 10 minutes only', async () => {
    const tout = await creerSollicitation(ctx, siteSceaux, idAgent);
    const tard = await creerSollicitation(ctx, siteSceaux, idAgent, {
      creeLe: new Date(Date.now() - 11 * 60_000).toISOString(),
    });
    expect((await gestion.post(`/sollicitations/${tout}/annuler`)).statusCode).toBe(403);
    expect((await agent.post(`/sollicitations/${tout}/annuler`)).statusCode).toBe(303);
    expect((await agent.post(`/sollicitations/${tard}/annuler`)).statusCode).toBe(403);
    expect(await nombre('id = any($1)', [[tout, tard]])).toBe(1);
  });

  it('an edit with bad input changes nothing', async () => {
    const id = await creerSollicitation(ctx, siteSceaux, idAgent);
    const r = await agent.post(`/sollicitations/${id}`, {
      site: siteSceaux,
      ...VALIDE,
      issue: 'peut-être',
      note: 'x'.repeat(300),
    });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Choisissez l’issue');
    const [l] = await ctx.sql(`select issue, note, modifie_le from sollicitations where id = $1`, [id]);
    expect(l).toEqual({ issue: 'resolu', note: null, modifie_le: null });
  });
});

describe('the journal', () => {
  it('records creation, change and deletion with who, when, before and after', async () => {
    const r = await agent.post('/sollicitations', { site: siteSceaux, ...VALIDE });
    const id = /enregistree=([0-9a-f-]{36})/.exec(r.headers.location as string)?.[1] ?? '';
    await agent.post(`/sollicitations/${id}`, { site: siteSceaux, ...VALIDE, issue: 'a_suivre' });
    await agent.post(`/sollicitations/${id}/supprimer`);
    const lignes = await ctx.sql<{
      operation: string;
      par: string;
      avant: { issue: string } | null;
      apres: { issue: string } | null;
    }>(`select operation, par, avant, apres from journal_sollicitations where sollicitation_id = $1 order by id`, [id]);
    expect(lignes.map((l) => [l.operation, l.par, l.avant?.issue ?? null, l.apres?.issue ?? null])).toEqual([
      ['creation', idAgent, null, 'resolu'],
      ['modification', idAgent, 'resolu', 'a_suivre'],
      ['suppression', idAgent, 'a_suivre', null],
    ]);
    const page = await gestion.get(`/sollicitations/${id}/historique`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Suppression le');
    expect(page.body).toContain('À suivre');
  });

  it('refuses updates, deletes and truncation, even in raw SQL', async () => {
    await creerSollicitation(ctx, siteSceaux, idAgent);
    await expect(ctx.sql(`update journal_sollicitations set par = gen_random_uuid()`)).rejects.toThrow(/append-only/);
    await expect(ctx.sql(`delete from journal_sollicitations`)).rejects.toThrow(/append-only/);
    await expect(ctx.sql(`truncate journal_sollicitations`)).rejects.toThrow(/append-only/);
  });

  it('refuses a change to a request that does not name its actor', async () => {
    const id = await creerSollicitation(ctx, siteSceaux, idAgent);
    await expect(ctx.sql(`update sollicitations set issue = 'a_suivre' where id = $1`, [id])).rejects.toThrow(
      /guichet.acteur/,
    );
    await expect(ctx.sql(`delete from sollicitations where id = $1`, [id])).rejects.toThrow(/guichet.acteur/);
    expect(await nombre('id = $1 and issue = $2', [id, 'resolu'])).toBe(1);
  });
});

describe('exports', () => {
  it('CSV and XLSX hold the same rows, with readable labels and no name of a person served', async () => {
    await agent.post('/sollicitations', { site: siteSceaux, ...VALIDE, note: '=HYPERLINK("x")' });
    const periode = `du=${jourParis(-30)}&au=${jourParis()}`;
    const csv = await gestion.get(`/sollicitations/export?${periode}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="sollicitations-france-services-de-sceaux-/,
    );
    const lignesCsv = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lignesCsv[0]).toMatch(/^Date,Heure,Lieu,Arrêt,Agent,Canal,Thème,Situation de vie,Partenaires/);
    expect(csv.body).toContain(`'=HYPERLINK`);
    const attendu = await nombre(
      `structure_id = (select structure_id from sites where id = $1) and jour between $2 and $3`,
      [siteSceaux, jourParis(-30), jourParis()],
    );
    expect(lignesCsv.length - 1).toBe(attendu);

    const xlsx = await gestion.get(`/sollicitations/export?${periode}&format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const feuille = classeur.getWorksheet('Sollicitations');
    expect(feuille?.rowCount).toBe(attendu + 1);
    expect(feuille?.getRow(1).getCell(8).value).toBe('Situation de vie');
    expect(JSON.stringify(feuille?.getSheetValues())).toContain('J’établis mes papiers d’identité');
  });

  const mauvais: Array<[string, string, string]> = [
    ['end before start', 'du=2026-10-10&au=2026-10-01', 'La date de fin doit suivre la date de début.'],
    ['more than a year', 'du=2024-01-01&au=2026-01-01', 'ne peut pas dépasser un an'],
    ['impossible date', 'du=2026-02-30&au=2026-03-01', 'Cette date n’existe pas.'],
    ['missing date', 'du=&au=2026-03-01', 'date de début'],
  ];
  for (const [nom, requete, message] of mauvais) {
    it(`refuses ${nom} with a French message`, async () => {
      const r = await gestion.get(`/sollicitations/export?${requete}&format=csv`);
      expect(r.statusCode).toBe(422);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.body).toContain(message);
    });
  }
});
