import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, structureNommee } from '../fabriques.ts';
import { flash, pageSuivante, texte, valeurAffichee } from '../formulaires/outils.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

/** Managers edit a site's opening hours with a weekly grid (or the OSM text) and its time zone; agents read them. */

let ctx: Contexte;
let gestion: Client;
let sceaux: string;
let siteRouen: string;
let siteSceaux: string;
beforeAll(async () => {
  ctx = await demarrerApp();
  gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  const id = async (nom: string) =>
    (await ctx.sql<{ id: string }>('select id from sites where nom = $1', [nom]))[0]?.id;
  siteRouen = (await id('Maison du Plateau')) as string;
  siteSceaux = (await id('France services de Sceaux')) as string;
});
afterAll(() => ctx.fermer());

const JOURS = ['lu', 'ma', 'me', 'je', 've', 'sa', 'di'];

/** The grid as a browser sends it: every field, with `plages` filled in (e.g. { lu: [['09:00','12:00']] }). */
function grille(plages: Record<string, Array<[string, string]>>, extra: Record<string, string> = {}) {
  const corps: Record<string, string> = {};
  for (const j of JOURS) {
    for (const i of [0, 1, 2]) {
      corps[`${j}-${i}-debut`] = plages[j]?.[i]?.[0] ?? '';
      corps[`${j}-${i}-fin`] = plages[j]?.[i]?.[1] ?? '';
    }
  }
  return { ...corps, osm: '', osmInitial: '', fuseauHoraire: 'Europe/Paris', ...extra };
}

/** The form as the page shows it, to post it back with some changes, as a person would. */
async function formulaire(c: Client, id: string) {
  const page = await c.get(`/admin/sites/${id}/horaires`);
  expect(page.statusCode).toBe(200);
  const corps: Record<string, string> = {};
  for (const j of JOURS)
    for (const i of [0, 1, 2])
      for (const b of ['debut', 'fin']) corps[`${j}-${i}-${b}`] = valeurAffichee(page.body, `${j}-${i}-${b}`) ?? '';
  corps.osm = valeurAffichee(page.body, 'osm') ?? '';
  corps.osmInitial = page.body.match(/name="osmInitial" value="([^"]*)"/)?.[1]?.replaceAll('&amp;', '&') ?? '';
  corps.fuseauHoraire = valeurAffichee(page.body, 'fuseauHoraire') ?? '';
  return { page: page.body, corps };
}

const horairesDe = async (id: string) =>
  (
    await ctx.sql<{ horaires: string | null; fuseau_horaire: string }>(
      'select horaires, fuseau_horaire from sites where id = $1',
      [id],
    )
  )[0];

const SEMAINE = {
  lu: [
    ['09:00', '12:00'],
    ['13:30', '17:00'],
  ],
  ma: [
    ['09:00', '12:00'],
    ['13:30', '17:00'],
  ],
  me: [['09:00', '12:00']],
  je: [
    ['09:00', '12:00'],
    ['13:30', '17:00'],
  ],
  ve: [
    ['09:00', '12:00'],
    ['13:30', '17:00'],
  ],
  sa: [['09:00', '12:00']],
} as Record<string, Array<[string, string]>>;

describe('weekly grid', () => {
  it('saves a grid as OSM text, and shows the same grid and the typical week when reopened', async () => {
    const id = await creerSite(ctx, sceaux);
    const { page } = await formulaire(gestion, id);
    expect(texte(page)).toContain('Aucun horaire n’est encore enregistré.');
    const r = await gestion.post(`/admin/sites/${id}/horaires`, grille(SEMAINE));
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/admin/sites/${id}/horaires`);
    expect(await horairesDe(id)).toEqual({
      horaires: 'Mo,Tu,Th,Fr 09:00-12:00,13:30-17:00; We,Sa 09:00-12:00; PH off',
      fuseau_horaire: 'Europe/Paris',
    });
    const suite = await pageSuivante(ctx.app, gestion, r);
    expect(flash(suite)).toBe('Les horaires sont enregistrés.');
    expect(texte(suite)).toContain('32 h d’ouverture par semaine, sur 6 jours.');
    expect(suite).not.toContain('id="alerte-charte"');

    const { corps } = await formulaire(gestion, id);
    expect(corps).toEqual(
      grille(SEMAINE, {
        osm: 'Mo,Tu,Th,Fr 09:00-12:00,13:30-17:00; We,Sa 09:00-12:00; PH off',
        osmInitial: 'Mo,Tu,Th,Fr 09:00-12:00,13:30-17:00; We,Sa 09:00-12:00; PH off',
      }),
    );
  });

  it('labels each time with its day and range, as time inputs that work without JavaScript', async () => {
    const { page } = await formulaire(gestion, siteSceaux);
    expect(page).toContain('<label class="fr-label" for="lu-0-debut">Lundi, matin – ouverture</label>');
    expect(page).toContain('<label class="fr-label" for="di-2-fin">Dimanche, soir – fermeture</label>');
    expect(page.match(/type="time"/g)).toHaveLength(42);
    expect(page).toMatch(/<form method="post" action="\/admin\/sites\/[^"]+\/horaires"/);
  });

  it('reads loosely typed times and ranges out of order, and writes them canonically', async () => {
    const id = await creerSite(ctx, sceaux);
    await gestion.get(`/admin/sites/${id}/horaires`);
    const corps = grille({
      lu: [
        ['14h', '17h30'],
        ['9:00', '12:00'],
      ],
      ma: [['09:00', '12:00']],
    });
    expect((await gestion.post(`/admin/sites/${id}/horaires`, corps)).statusCode).toBe(303);
    expect((await horairesDe(id))?.horaires).toBe('Mo 09:00-12:00,14:00-17:30; Tu 09:00-12:00; PH off');
  });

  it('warns when the hours are below the charter’s 24 hours over 5 days', async () => {
    const id = await creerSite(ctx, sceaux);
    await gestion.get(`/admin/sites/${id}/horaires`);
    const r = await gestion.post(
      `/admin/sites/${id}/horaires`,
      grille({ lu: [['09:00', '12:00']], ma: [['09:00', '12:00']], je: [['14:00', '17:00']] }),
    );
    const suite = await pageSuivante(ctx.app, gestion, r);
    expect(texte(suite)).toContain('9 h d’ouverture par semaine, sur 3 jours.');
    expect(texte(suite)).toContain('En dessous du minimum de la charte France services (24 h sur 5 jours)');
    expect(texte(suite)).toContain('il manque 15 h pour atteindre 24 h');
  });
});

describe('expert syntax', () => {
  it('a changed OSM text wins over the grid', async () => {
    const id = await creerSite(ctx, sceaux);
    const { corps } = await formulaire(gestion, id);
    const r = await gestion.post(`/admin/sites/${id}/horaires`, {
      ...corps,
      'lu-0-debut': '08:00',
      'lu-0-fin': '09:00',
      osm: 'Mo-Fr 08:30-12:30,13:30-17:30',
    });
    expect(r.statusCode).toBe(303);
    expect((await horairesDe(id))?.horaires).toBe('Mo-Fr 08:30-12:30,13:30-17:30');
    expect(flash(await pageSuivante(ctx.app, gestion, r))).toBe(
      'Les horaires sont enregistrés à partir de la syntaxe OSM.',
    );
  });

  it('an unchanged OSM text lets the grid win', async () => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql('update sites set horaires = $2 where id = $1', [id, 'Mo-Fr 09:00-17:00; PH off']);
    const { corps } = await formulaire(gestion, id);
    expect(corps.osm).toBe('Mo-Fr 09:00-17:00; PH off');
    const r = await gestion.post(`/admin/sites/${id}/horaires`, {
      ...corps,
      'sa-0-debut': '09:00',
      'sa-0-fin': '12:00',
    });
    expect(r.statusCode).toBe(303);
    expect((await horairesDe(id))?.horaires).toBe('Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off');
  });

  it('an invalid OSM text is refused with a French message and nothing is written', async () => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql('update sites set horaires = $2 where id = $1', [id, 'Mo-Fr 09:00-17:00; PH off']);
    const { corps } = await formulaire(gestion, id);
    const r = await gestion.post(`/admin/sites/${id}/horaires`, { ...corps, osm: 'lundi au vendredi 9h-17h' });
    expect(r.statusCode).toBe(422);
    expect(texte(r.body)).toContain(
      "Horaires en syntaxe OSM : Horaires illisibles : « lundi » n'est pas une liste de jours comprise (exemple attendu : Mo-Fr 09:00-12:00,14:00-17:00)",
    );
    expect(valeurAffichee(r.body, 'osm')).toBe('lundi au vendredi 9h-17h');
    expect((await horairesDe(id))?.horaires).toBe('Mo-Fr 09:00-17:00; PH off');
  });

  it('hours a grid cannot show are left in the expert field, said so, and kept when saved unchanged', async () => {
    const id = await creerSite(ctx, sceaux);
    const riches = 'Mo 08:00-09:00,10:00-11:00,12:00-13:00,14:00-15:00; Tu-Fr 09:00-17:00; PH off';
    await ctx.sql('update sites set horaires = $2 where id = $1', [id, riches]);
    const { page, corps } = await formulaire(gestion, id);
    expect(page).toContain('id="grille-impossible"');
    expect(texte(page)).toContain('ne peuvent pas être présentés dans la grille');
    expect(corps.osm).toBe(riches);
    expect(JOURS.every((j) => corps[`${j}-0-debut`] === '')).toBe(true);
    const r = await gestion.post(`/admin/sites/${id}/horaires`, { ...corps, fuseauHoraire: 'Europe/Paris' });
    expect(r.statusCode).toBe(303);
    expect((await horairesDe(id))?.horaires).toBe(riches);
  });

  it('hours open on public holidays (PH) stay as typed', async () => {
    const id = await creerSite(ctx, sceaux);
    const { corps } = await formulaire(gestion, id);
    await gestion.post(`/admin/sites/${id}/horaires`, { ...corps, osm: 'Mo-Sa 09:00-18:00; PH 10:00-12:00' });
    expect((await horairesDe(id))?.horaires).toBe('Mo-Sa 09:00-18:00; PH 10:00-12:00');
    expect(texte((await gestion.get(`/admin/sites/${id}/horaires`)).body)).toContain(
      '54 h d’ouverture par semaine, sur 6 jours.',
    );
  });
});

describe('time zone', () => {
  it('offers France’s zones, defaults to the département’s, and saves a change', async () => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql('update sites set horaires = $2 where id = $1', [id, 'Mo-Fr 09:00-17:00; PH off']);
    const { page, corps } = await formulaire(gestion, id);
    expect(corps.fuseauHoraire).toBe('Europe/Paris');
    for (const zone of [
      'America/Guadeloupe',
      'America/Martinique',
      'America/Cayenne',
      'Indian/Reunion',
      'Indian/Mayotte',
    ]) {
      expect(page).toContain(`value="${zone}"`);
    }
    expect(texte(page)).toContain('Par défaut pour ce territoire : heure de Paris.');
    expect(texte(page)).not.toContain('Europe/Paris');
    const r = await gestion.post(`/admin/sites/${id}/horaires`, { ...corps, fuseauHoraire: 'Indian/Reunion' });
    expect(r.statusCode).toBe(303);
    expect(await horairesDe(id)).toEqual({ horaires: 'Mo-Fr 09:00-17:00; PH off', fuseau_horaire: 'Indian/Reunion' });
    expect((await formulaire(gestion, id)).corps.fuseauHoraire).toBe('Indian/Reunion');
  });
});

describe('itinerant site', () => {
  it('lists the stops with their hours and weeks, the whole tour’s week, and edits only the time zone', async () => {
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    const [tour] = await ctx.sql<{ id: string }>(`select id from sites where genre = 'itinerant' limit 1`);
    const id = tour?.id as string;
    await ctx.sql(`update arrets set semaines = 'impaires' where site_id = $1 and nom = 'Mairie de Foulayronnes'`, [
      id,
    ]);
    const page = await admin.get(`/admin/sites/${id}/horaires`);
    expect(page.statusCode).toBe(200);
    const vu = texte(page.body);
    expect(vu).toContain('Mairie de Pont-du-Casse');
    expect(vu).toContain('Tu 09:00-12:00; PH off');
    expect(vu).toContain('Semaines impaires');
    expect(vu).toContain('Semaine type de la tournée');
    // 3 h + 3 h + 3 h every week, plus 3 h on odd weeks: 10.5 h on average over 3.5 days.
    expect(vu).toContain('10,5 h d’ouverture par semaine, sur 3,5 jours.');
    expect(vu).toContain('Ils ne se modifient pas encore ici');
    expect(page.body).not.toContain('type="time"');

    const r = await admin.post(`/admin/sites/${id}/horaires`, {
      fuseauHoraire: 'Europe/Paris',
      'lu-0-debut': '09:00',
      'lu-0-fin': '12:00',
      osm: 'Mo 09:00-12:00',
    });
    expect(r.statusCode).toBe(303);
    expect(flash(await pageSuivante(ctx.app, admin, r))).toBe('Le fuseau horaire est enregistré.');
    expect((await horairesDe(id))?.horaires).toBeNull();
  });
});

describe('who may do what', () => {
  it('a manager of Sceaux gets a 404 on Rouen’s hours, whatever they send, and nothing changes', async () => {
    const avant = await horairesDe(siteRouen);
    expect((await gestion.get(`/admin/sites/${siteRouen}/horaires`)).statusCode).toBe(404);
    await gestion.get(`/admin/sites/${siteSceaux}/horaires`);
    for (const corps of [grille(SEMAINE), grille({ lu: [['12:00', '09:00']] })]) {
      expect((await gestion.post(`/admin/sites/${siteRouen}/horaires`, corps)).statusCode).toBe(404);
    }
    expect(await horairesDe(siteRouen)).toEqual(avant);
  });

  it('an agent of Sceaux reads the hours without a form, and gets a 403 on POST whatever they send', async () => {
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const avant = await horairesDe(siteSceaux);
    const page = await agent.get(`/admin/sites/${siteSceaux}/horaires`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('id="formulaire-horaires"');
    expect(texte(page.body)).toContain('Lundi 09:30–12:30, 14:30–17:30');
    expect(texte(page.body)).toContain('30 h d’ouverture par semaine, sur 6 jours.');
    for (const corps of [grille(SEMAINE), grille({ lu: [['12:00', '09:00']] })]) {
      expect((await agent.post(`/admin/sites/${siteSceaux}/horaires`, corps)).statusCode).toBe(403);
    }
    expect(await horairesDe(siteSceaux)).toEqual(avant);
  });

  it('the coordinator of the département edits the hours of a Sceaux site', async () => {
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    const id = await creerSite(ctx, sceaux);
    await coordination.get(`/admin/sites/${id}/horaires`);
    expect((await coordination.post(`/admin/sites/${id}/horaires`, grille(SEMAINE))).statusCode).toBe(303);
  });
});
