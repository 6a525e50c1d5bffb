import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// The contact form in a real browser on a 320 px wide screen: JavaScript off, from the site page to the
// acknowledgement through a rejected form, axe-core 0 on every page; JavaScript on, the character counter.

let ctx: Contexte;
let navigateur: Browser;
let base: string;
let siteId: string;
const contextes: BrowserContext[] = [];

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const [s] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
  siteId = s?.id as string;
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

describe('the contact form in a browser, 320 px wide', () => {
  it('without JavaScript: site page → form with errors → acknowledgement, axe 0 on every page', async () => {
    const { page, violationsCsp, erreursScript } = await pageSurveillee(navigateur, contextes, { javaScript: false });
    await page.setViewportSize({ width: 320, height: 720 });

    await page.goto(`${base}/lieux/${siteId}`);
    await page.getByRole('link', { name: 'Écrire un message' }).click();
    await page.waitForURL((u) => u.pathname === `/lieux/${siteId}/contact`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Écrire à France services de Sceaux');
    await verifierPage(page, 'formulaire de contact');

    await page.getByLabel('Nom et prénom').fill('Camille Navigateur');
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.waitForURL((u) => u.pathname === `/lieux/${siteId}/contact`);
    expect(await page.title()).toMatch(/^Erreur – /);
    expect(await page.getByRole('alert').getByRole('link').count()).toBe(3);
    await verifierPage(page, 'formulaire de contact avec erreurs');

    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill('camille.navigateur@exemple.fr');
    await page
      .getByRole('textbox', { name: /^Votre message/ })
      .fill('Bonjour,\nje cherche de l’aide pour ma retraite.');
    await page.locator('label[for="consentement"]').click();
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.waitForURL((u) => u.pathname === `/lieux/${siteId}/contact/envoye`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Votre message a été envoyé');
    expect(await page.locator('main').textContent()).toMatch(/Vous recevrez une réponse au plus tard le \S+ \d/);
    await verifierPage(page, 'accusé de réception');

    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  });

  it('with JavaScript: the message counts its characters as they are typed', async () => {
    const { page, violationsCsp, erreursScript } = await pageSurveillee(navigateur, contextes, { javaScript: true });
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(`${base}/lieux/${siteId}/contact`);
    const compteur = page.locator('#corps-compteur');
    await expect.poll(() => compteur.textContent()).toBe('0 / 2\u202f000 caractères');
    await page.getByRole('textbox', { name: /^Votre message/ }).fill('Bonjour');
    await expect.poll(() => compteur.textContent()).toBe('7 / 2\u202f000 caractères');
    await verifierPage(page, 'formulaire de contact avec JavaScript');
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  });
});
