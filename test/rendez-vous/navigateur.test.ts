import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { motifEnLigne } from './motif.ts';

// The citizen's booking in a real browser, on a 320 px wide screen, JavaScript off: every page passes axe-core and
// nothing is wider than the screen.

let ctx: Contexte;
let navigateur: Browser;
let base: string;
let siteId: string;
let motif: { id: string; nom: string };
const contextes: BrowserContext[] = [];

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const [s] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
  siteId = s?.id as string;
  motif = await motifEnLigne(ctx, siteId);
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

describe('booking in a browser without JavaScript, 320 px wide', () => {
  it('site page → motif → slot → form with errors → confirmation, axe 0 on every page', async () => {
    const { page, violationsCsp, erreursScript } = await pageSurveillee(navigateur, contextes, { javaScript: false });
    await page.setViewportSize({ width: 320, height: 720 });

    await page.goto(`${base}/lieux/${siteId}`);
    await page.getByRole('link', { name: 'Prendre rendez-vous' }).click();
    await page.waitForURL((u) => u.pathname === `/lieux/${siteId}/rendez-vous`);
    await verifierPage(page, 'choix du motif');

    await page.locator('label', { hasText: motif.nom }).click();
    await page.getByRole('button', { name: 'Voir les créneaux disponibles' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/rendez-vous/creneaux'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Choisir un créneau');
    await verifierPage(page, 'créneaux');

    await page.locator('a[href*="/rendez-vous/coordonnees"]').first().click();
    await page.waitForURL((u) => u.pathname.endsWith('/rendez-vous/coordonnees'));
    await verifierPage(page, 'coordonnées');

    await page.getByLabel('Nom et prénom').fill('Camille Navigateur');
    await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
    await page.waitForURL((u) => u.pathname === `/lieux/${siteId}/rendez-vous`);
    expect(await page.title()).toMatch(/^Erreur – /);
    expect(await page.getByRole('alert').getByRole('link').count()).toBe(2);
    await verifierPage(page, 'coordonnées avec erreurs');

    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill('camille.navigateur@exemple.fr');
    await page.locator('label[for="consentement"]').click();
    await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/rendez-vous/confirmation'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Votre rendez-vous est confirmé');
    await verifierPage(page, 'confirmation');

    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  });
});
