import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, nouveauContexte, verifierAxe } from '../chromium.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// The référent directory in a real browser without JavaScript, 320 px wide: the list, the entry form sent back with an
// error, the tableau récapitulatif; axe-core on each.

let ctx: Contexte;
let navigateur: Browser;
let contexte: BrowserContext;
let base: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  navigateur = await lancerChromium();
  contexte = await nouveauContexte(navigateur, { javaScript: false });
});

afterAll(async () => {
  await contexte?.close().catch(() => {});
  await navigateur?.close();
  await ctx?.fermer();
});

/** Nothing wider than the screen but the tables, which scroll in their own frame. */
const largeurPage = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('référent directory in a browser', () => {
  it('lists, refuses a bad entry in French and shows the tableau, at 320 px and without JavaScript', async () => {
    const page = await contexte.newPage();
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${base}/connexion`);
    await page.getByLabel('Adresse électronique').fill(DEMO.referentCaf);
    await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
    await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
    await page.waitForURL((u) => u.pathname === '/tableau-de-bord');

    await page.goto(`${base}/referents`);
    expect(await page.getByRole('heading', { name: '92 – Hauts-de-Seine' }).count()).toBe(1);
    expect(await page.getByRole('main').getByRole('link', { name: 'Julie Moreau' }).count()).toBe(1);
    expect(await largeurPage(page)).toBeLessThanOrEqual(320);
    await verifierAxe(page, 'annuaire des référents');

    await page.getByRole('link', { name: 'Ajouter un référent' }).click();
    await page.waitForURL((u) => u.pathname === '/referents/nouveau');
    await page.getByLabel('Département', { exact: true }).selectOption('92');
    await page.locator('label[for="rang-0"]').click();
    await page.getByLabel('Prénom').fill('Ana');
    await page.getByLabel('Nom', { exact: true }).fill('Pereira');
    await page.getByLabel(/Téléphone direct/).fill('12 34');
    await page.getByLabel(/Adresse électronique directe/).fill('ana.pereira@caf.example');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL((u) => u.pathname === '/referents');
    expect(await page.title()).toMatch(/^Erreur – Ajouter un référent/);
    const telephone = page.getByLabel(/Téléphone direct/);
    expect(await telephone.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#telephone-messages').textContent()).toContain(
      'Saisissez un numéro de téléphone valide',
    );
    expect(await page.getByLabel('Prénom').inputValue()).toBe('Ana');
    expect(await largeurPage(page)).toBeLessThanOrEqual(320);
    await verifierAxe(page, 'formulaire de référent avec une erreur');

    await telephone.fill('01 99 00 77 10');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL((u) => /^\/referents\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await page.getByText('Le référent est ajouté à l’annuaire.').count()).toBe(1);

    await page.goto(`${base}/referents/tableau?departement=92`);
    expect(await page.getByRole('cell', { name: /Ana Pereira/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Télécharger en PDF' }).getAttribute('href')).toBe(
      '/referents/tableau.pdf?departement=92',
    );
    expect(await largeurPage(page)).toBeLessThanOrEqual(320);
    await verifierAxe(page, 'tableau récapitulatif des référents');
  }, 90_000);
});
