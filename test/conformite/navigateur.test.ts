import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, nouveauContexte, passerSecondFacteur, verifierAxe } from '../chromium.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// A coordinator's journey on the compliance page in a real browser, without JavaScript (filters and sorting are
// plain GET forms and links), with axe-core on every state of the page.

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

/** Site names of the table, in order. */
const noms = (page: Page) => page.locator('tbody tr td:first-child a').allTextContents();

describe('compliance page in a browser', () => {
  it('lets a coordinator filter by département, show every site and sort by hours', async () => {
    const structure = await creerStructure(ctx, '92');
    for (const [nom, horaires] of [
      ['Antenne du matin', 'Mo-Fr 09:00-12:00; PH off'],
      ['Antenne du mardi', 'Tu 09:00-12:00,14:00-17:00; PH off'],
    ]) {
      const id = await creerSite(ctx, structure, nom);
      await ctx.sql('update sites set horaires = $2 where id = $1', [id, horaires]);
    }
    const page = await contexte.newPage();
    await page.goto(`${base}/connexion`);
    await page.getByLabel('Adresse électronique').fill(DEMO.coordination);
    await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
    await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
    await page.waitForURL((u) => u.pathname !== '/connexion');
    await passerSecondFacteur(page, ctx.app, DEMO.coordination);
    await page.waitForURL((u) => u.pathname === '/tableau-de-bord');

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Conformité' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/conformite');
    await verifierAxe(page, 'conformité');
    // By default only the sites to follow: the two short antennas first (biggest gap), Aix's sites without hours.
    expect((await noms(page)).slice(0, 2)).toEqual(['Antenne du mardi', 'Antenne du matin']);
    expect(await noms(page)).not.toContain('France services de Sceaux');

    await page.getByLabel('Département').selectOption('92');
    // DSFR draws the box on the label, as users click it.
    await page.locator('label[for="seulement"]').click();
    expect(await page.getByLabel(/Seulement les sites non conformes/).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((u) => u.searchParams.get('departement') === '92');
    expect((await noms(page)).sort()).toEqual(['Antenne du mardi', 'Antenne du matin', 'France services de Sceaux']);

    await page.getByRole('link', { name: 'Trier par « Heures par semaine », ordre croissant' }).click();
    await page.waitForURL((u) => u.searchParams.get('tri') === 'heures');
    expect(await noms(page)).toEqual(['Antenne du mardi', 'Antenne du matin', 'France services de Sceaux']);
    expect(await page.getByRole('columnheader', { name: /Heures par semaine/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    // The filters survive the sort.
    expect(await page.getByLabel('Département').inputValue()).toBe('92');
    expect(await page.getByLabel(/Seulement les sites non conformes/).isChecked()).toBe(false);
    await verifierAxe(page, 'conformité triée par heures');

    const csv = await page.getByRole('link', { name: /Télécharger ce tableau/ }).getAttribute('href');
    expect(csv).toBe('/admin/conformite.csv?departement=92&seulement=tous&tri=heures&ordre=asc');
  }, 60_000);
});
