import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

const titre = (html: string) => html.match(/<title>([^<]*)<\/title>/)?.[1];

describe('page shell', () => {
  it('gives every page a unique French title, lang="fr" and the service name', async () => {
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    const [structure] = await ctx.sql<{ id: string }>(`select id from structures where nom = 'Maison du Plateau'`);
    const [site] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'Maison du Plateau'`);
    const [utilisateur] = await ctx.sql<{ id: string }>(`select id from utilisateurs where courriel = $1`, [
      DEMO.agentSceaux,
    ]);
    const pages = [
      '/tableau-de-bord',
      '/admin/structures',
      '/admin/structures/nouvelle',
      `/admin/structures/${structure?.id}`,
      `/admin/structures/${structure?.id}/modifier`,
      '/admin/sites',
      '/admin/sites/nouveau',
      `/admin/sites/${site?.id}`,
      `/admin/sites/${site?.id}/modifier`,
      '/admin/utilisateurs',
      '/admin/utilisateurs/nouveau',
      `/admin/utilisateurs/${utilisateur?.id}`,
      `/admin/utilisateurs/${utilisateur?.id}/modifier`,
      '/admin/conformite',
      '/admin/imports',
      '/accessibilite',
    ];
    const titres = new Map<string, string>();
    for (const url of pages) {
      const r = await admin.get(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.body.startsWith('<!DOCTYPE html><html lang="fr"'), url).toBe(true);
      const t = titre(r.body) ?? '';
      expect(t, url).toMatch(/ – guichet – France services$/);
      expect(titres.has(t), `${url} has the same title as ${titres.get(t)}`).toBe(false);
      titres.set(t, url);
    }
    const [sceaux] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
    const anonyme = [
      '/',
      '/connexion',
      '/mot-de-passe-oublie',
      `/lieux/${sceaux?.id}/rendez-vous`,
      '/rendez-vous/annule',
    ];
    for (const url of anonyme) {
      const t = titre((await ctx.app.inject({ url })).body) ?? '';
      expect(titres.has(t), url).toBe(false);
      titres.set(t, url);
    }
  });

  it('shows each role the navigation it may use', async () => {
    const nav = (html: string) => [...html.matchAll(/class="fr-nav__link" href="([^"]+)"/g)].map((m) => m[1]);
    expect(nav((await (await clientConnecte(ctx.app, DEMO.gestionSceaux)).get('/tableau-de-bord')).body)).toEqual([
      '/tableau-de-bord',
      '/sollicitations',
      '/mandats',
      '/saisines',
      '/rapports',
      '/admin/structures',
      '/admin/sites',
      '/admin/utilisateurs',
      '/referents',
      '/admin/catalogue',
      '/admin/conformite',
      '/violations',
    ]);
    // A partner's référent: their cases, their partner's report, the directory; nothing of the sites' admin.
    expect(nav((await (await clientConnecte(ctx.app, DEMO.referentCaf)).get('/tableau-de-bord')).body)).toEqual([
      '/tableau-de-bord',
      '/saisines',
      '/rapports',
      '/referents',
    ]);
    expect(nav((await ctx.app.inject({ url: '/' })).body)).toEqual([]);
  });

  it('lists people with their roles and scopes, including an agent’s sites', async () => {
    const page = (await (await clientConnecte(ctx.app, DEMO.admin)).get('/admin/utilisateurs')).body;
    expect(page).toContain('Agent France services – France services multi-sites d’Aix-en-Provence (2 sites)');
    expect(page).toContain('Référent partenaire – Caisse d’allocations familiales (CAF), départements 92, 13');
    expect(page).toContain('Coordination départementale – départements 92, 13');
  });

  it('hides the actions a role may not take', async () => {
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const [sceaux] = await ctx.sql<{ id: string }>(`select id from structures where nom = 'France services de Sceaux'`);
    const page = (await agent.get(`/admin/structures/${sceaux?.id}`)).body;
    expect(page).toContain('France services de Sceaux');
    expect(page).not.toContain('Modifier');
    expect(page).not.toContain('Ajouter un site');
    expect((await agent.get('/admin/sites')).body).not.toContain('Ajouter un site');
  });

  it('escapes what people type when it is shown back', async () => {
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    const r = await admin.post('/admin/structures', {
      nom: '<img src=x onerror=alert(1)> Structure',
      departement: '92',
      porteur: 'commune',
    });
    expect(r.statusCode).toBe(303);
    const page = await admin.get(String(r.headers.location));
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)> Structure');
  });
});

describe('health check', () => {
  it('answers 200 with the database status when it answers', async () => {
    const r = await ctx.app.inject({ url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: 'ok', messages: { enAttente: 0, plusAncienSecondes: 0 } });
  });

  it('answers 503 when the database does not', async () => {
    // A running guichet whose database disappears (dropped here, as a lost server would be).
    const autre = await demarrerApp();
    try {
      const [{ nom }] = (await autre.sql<{ nom: string }>('select current_database() as nom')) as [{ nom: string }];
      const admin = new pg.Client({ connectionString: inject('urlMaintenance') });
      await admin.connect();
      await admin.query(`drop database "${nom}" with (force)`);
      await admin.end();
      const r = await autre.app.inject({ url: '/healthz' });
      expect(r.statusCode).toBe(503);
      expect(r.json()).toEqual({ status: 'degraded', database: 'error' });
    } finally {
      await autre.fermer().catch(() => {});
    }
  });
});
