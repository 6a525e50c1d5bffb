import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, nouveauContexte, verifierAxe } from '../chromium.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// A manager edits the hours and announces a closure in a real browser without JavaScript; every page is checked
// with axe-core.

let ctx: Contexte;
let navigateur: Browser;
let contexte: BrowserContext;
let base: string;
let site: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  site = (await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`))[0]?.id ?? '';
  navigateur = await lancerChromium();
  contexte = await nouveauContexte(navigateur, { javaScript: false });
});

afterAll(async () => {
  await contexte?.close().catch(() => {});
  await navigateur?.close();
  await ctx?.fermer();
});

async function texte(locator: Locator) {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function seConnecter(page: Page) {
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse électronique').fill(DEMO.gestionSceaux);
  await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => u.pathname === '/tableau-de-bord');
}

/** Today in Paris plus `n` days, as a date input takes it. */
function dans(n: number): string {
  const [a, m, j] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  return new Date(Date.UTC(a, m - 1, j + n)).toISOString().slice(0, 10);
}

describe('hours and closures in a browser without JavaScript', () => {
  it('edits the weekly grid, is told what is wrong, then announces a closure', async () => {
    const page = await contexte.newPage();
    await seConnecter(page);

    await page.goto(`${base}/admin/sites/${site}`);
    await verifierAxe(page, 'fiche du site');
    await page.getByRole('link', { name: 'Horaires', exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/admin/sites/${site}/horaires`);
    expect(await texte(page.locator('#semaine-type'))).toBe('30 h d’ouverture par semaine, sur 6 jours.');
    await verifierAxe(page, 'horaires');

    // Sunday morning, typed backwards.
    await page.getByLabel('Dimanche, matin – ouverture', { exact: true }).fill('10:00');
    await page.getByLabel('Dimanche, matin – fermeture', { exact: true }).fill('09:00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL((u) => u.pathname === `/admin/sites/${site}/horaires`);
    expect(await page.title()).toMatch(/^Erreur – Horaires – /);
    const resume = page.getByRole('alert');
    expect((await resume.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual([
      "Dimanche, matin – fermeture : L'heure de fin (09:00) doit être après l'heure de début (10:00).",
    ]);
    const fin = page.getByLabel('Dimanche, matin – fermeture', { exact: true });
    expect(await fin.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Dimanche, matin – ouverture', { exact: true }).inputValue()).toBe('10:00');
    await verifierAxe(page, 'horaires avec erreur');

    await fin.fill('12:00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL((u) => u.pathname === `/admin/sites/${site}/horaires`);
    expect(await texte(page.getByRole('status'))).toBe('Les horaires sont enregistrés.');
    expect(await texte(page.locator('#semaine-type'))).toBe('32 h d’ouverture par semaine, sur 7 jours.');
    expect(await page.getByLabel('Horaires en syntaxe OSM').inputValue()).toBe(
      'Mo-We,Fr 09:30-12:30,14:30-17:30; Th 09:30-12:30; Sa 09:00-12:00; Su 10:00-12:00; PH off',
    );

    await page.getByRole('link', { name: 'Fermetures exceptionnelles de ce site' }).click();
    await page.waitForURL((u) => u.pathname === `/admin/sites/${site}/fermetures`);
    await verifierAxe(page, 'fermetures');
    await page.getByLabel(/^Premier jour de fermeture/).fill(dans(3));
    await page.getByLabel(/^Dernier jour de fermeture/).fill(dans(3));
    await page.getByLabel(/^Motif\s*Affiché/).fill('Panne de chauffage');
    await page.getByRole('button', { name: 'Enregistrer la fermeture' }).click();
    await page.waitForURL((u) => u.pathname === `/admin/sites/${site}/fermetures`);
    expect(await texte(page.locator('#motifUrgence-messages'))).toBe(
      "La fermeture commence dans moins de 7 jours : indiquez le motif d'urgence.",
    );
    await verifierAxe(page, 'fermetures avec erreur');
    await page.getByLabel(/^Motif d’urgence/).fill('Chaudière hors service');
    await page.getByRole('button', { name: 'Enregistrer la fermeture' }).click();
    await page.waitForURL((u) => u.pathname === `/admin/sites/${site}/fermetures`);
    expect(await texte(page.getByRole('status'))).toMatch(/^La fermeture exceptionnelle est enregistrée\./);
    expect(await page.getByText('Annoncée tardivement', { exact: true }).count()).toBe(1);
    await verifierAxe(page, 'fermetures avec une fermeture tardive');

    await page.goto(`${base}/admin/sites/${site}/modifier`);
    await verifierAxe(page, 'formulaire du site');
  });
});
