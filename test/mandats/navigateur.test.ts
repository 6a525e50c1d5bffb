import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { creerSite, structureNommee } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// A mandate in a real browser, JavaScript off, 320 px wide: the agent opens the mandates from the navigation, sends
// the form empty (errors), fills it for a person with a right-to-left name, lands on the mandate's page, records the
// signature, and finds it in force in the list. axe-core finds nothing on any page and nothing is wider than the screen.

let ctx: Contexte;
let navigateur: Browser;
let base: string;
let siteId: string;
const contextes: BrowserContext[] = [];

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  siteId = await creerSite(ctx, await structureNommee(ctx, 'France services de Sceaux'), 'Antenne du Petit-Chambord');
  navigateur = await lancerChromium({ javaScript: false });
});

afterAll(async () => {
  for (const c of contextes) await c.close().catch(() => {});
  await navigateur?.close();
  await ctx?.fermer();
});

async function verifierPage(page: Page, nom: string) {
  await verifierAxe(page, nom);
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(largeur, `${nom} is wider than the screen`).toBeLessThanOrEqual(320);
}

describe('a mandate in a browser', () => {
  it('without JavaScript at 320 px: refused, prepared, signed, then listed in force', async () => {
    const { page } = await pageSurveillee(navigateur, contextes, { javaScript: false });
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(`${base}/connexion`);
    await page.getByLabel('Adresse électronique').fill(DEMO.agentSceaux);
    await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
    await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
    await page.waitForURL((u) => u.pathname === '/tableau-de-bord');

    await page.goto(`${base}/mandats`);
    await verifierPage(page, 'tous les mandats');
    await page.getByRole('link', { name: 'Nouveau mandat – Antenne du Petit-Chambord' }).click();
    await page.waitForURL((u) => u.pathname === `/sites/${siteId}/mandats/nouveau`);
    await verifierPage(page, 'nouveau mandat');
    await page.getByRole('button', { name: 'Préparer le mandat' }).click();
    const resume = await page.getByRole('alert').first().textContent();
    expect(resume).toContain('Saisissez le prénom');
    expect(resume).toContain('Choisissez au moins un organisme partenaire');
    expect(resume).toContain('a reçu et compris l’information');
    await verifierPage(page, 'nouveau mandat avec erreurs');

    await page.getByLabel('Prénom', { exact: true }).fill('محمد');
    await page.getByLabel('Nom', { exact: true }).fill('الأحمد');
    await page.getByLabel(/^Date de naissance/).fill('1979-11-23');
    await page.getByLabel('Caisse d’allocations familiales (CAF)', { exact: true }).check({ force: true });
    await page.getByLabel(/^Six mois/).check({ force: true });
    await page.getByLabel('Titre de séjour').check({ force: true });
    await page.getByLabel(/^La personne a reçu et compris cette information/).check({ force: true });
    await page.getByRole('button', { name: 'Préparer le mandat' }).click();
    await page.waitForURL((u) => /^\/mandats\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await page.locator('bdi').first().textContent()).toBe('محمد الأحمد');
    await verifierPage(page, 'mandat à signer');

    await page.getByLabel(/^La personne et l’agent ont signé les deux exemplaires sur place/).check({ force: true });
    await page.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('status').first().textContent()).toContain('le mandat est en vigueur jusqu’au');
    await verifierPage(page, 'mandat en vigueur');

    await page.goto(`${base}/sites/${siteId}/mandats?statut=actif`);
    expect(await page.locator('tbody').textContent()).toContain('محمد الأحمد');
    await verifierPage(page, 'mandats en vigueur du lieu');
  });
});
