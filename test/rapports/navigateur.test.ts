import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, nouveauContexte, passerSecondFacteur, verifierAxe } from '../chromium.ts';
import { creerSollicitation, utilisateurNomme } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// The report pages in a real browser, without JavaScript (charts are server-drawn images): a coordinator goes from
// their département to one site, then downloads nothing but reads; axe-core finds no violation on any page.

let ctx: Contexte;
let navigateur: Browser;
let base: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  const agent = await utilisateurNomme(ctx, DEMO.agentSceaux);
  const [site] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
  for (let i = 0; i < 12; i++)
    await creerSollicitation(ctx, site?.id ?? '', agent, {
      situation: i % 3 ? 'je-declare-mes-impots' : 'j-etablis-mes-papiers-d-identite',
    });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  navigateur = await lancerChromium({ javaScript: false });
});
afterAll(async () => {
  await navigateur?.close();
  await ctx?.fermer();
});

async function connecter(page: Page, courriel: string) {
  await page.goto(`${base}/connexion`);
  await page.fill('#courriel', courriel);
  await page.fill('#motDePasse', MOT_DE_PASSE);
  await page.click('button[type=submit]');
  await passerSecondFacteur(page, ctx.app, courriel);
}

describe('report pages in the browser', () => {
  it('a coordinator reads the département report, drills down to a site, changes the period', async () => {
    const contexte = await nouveauContexte(navigateur);
    const page = await contexte.newPage();
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/content.security.policy/i.test(m.text())) csp.push(m.text());
    });
    await connecter(page, DEMO.coordination);
    await page.goto(`${base}/rapports`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('.fr-text--lead').first().textContent()).toContain('Département 92 – Hauts-de-Seine');
    // The 12 above, and the demo's request logged under a mandate (issue 14) when it falls in this quarter.
    const [trimestre] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from sollicitations where departement = '92'
         and date_trunc('quarter', jour) = date_trunc('quarter', (now() at time zone 'Europe/Paris')::date)`,
    );
    expect(await page.locator('.fr-tile__title').first().textContent()).toBe(String(trimestre?.n));
    expect(await page.locator('img.guichet-graphique').count()).toBeGreaterThan(3);
    await verifierAxe(page, 'rapport départemental');

    await page.click('a:text("France services de Sceaux")');
    expect(page.url()).toContain('perimetre=site:');
    expect(await page.locator('.fr-text--lead').first().textContent()).toContain('France services de Sceaux');
    await verifierAxe(page, 'rapport d’un lieu');

    await page.fill('#du', '2020-01-01');
    await page.click('button:text("Afficher")');
    expect(await page.locator('#resume-erreurs').textContent()).toContain('La période ne peut pas dépasser trois ans.');
    await verifierAxe(page, 'rapport avec erreur');
    expect(csp).toEqual([]);
    await contexte.close();
  });

  it('a partner référent reads their partner’s report, then one of their départements', async () => {
    const contexte = await nouveauContexte(navigateur);
    const page = await contexte.newPage();
    await connecter(page, DEMO.referentCaf);
    await page.goto(`${base}/rapports`);
    expect(await page.locator('.fr-text--lead').first().textContent()).toContain('CAF – départements 92, 13');
    expect(await page.locator('#saisines').count()).toBe(1);
    expect(await page.locator('#rendez-vous, #messages').count()).toBe(0);
    await verifierAxe(page, 'rapport d’un référent');

    await page.selectOption('#perimetre', { label: 'CAF – Département 13 – Bouches-du-Rhône' });
    await page.click('button:text("Afficher")');
    expect(await page.locator('.fr-text--lead').first().textContent()).toContain('CAF – Département 13');
    await verifierAxe(page, 'rapport d’un référent pour un département');
    await contexte.close();
  });
});
