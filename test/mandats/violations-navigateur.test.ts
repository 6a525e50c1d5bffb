import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// The breach register in a real browser, JavaScript off, 320 px wide: the manager of Sceaux declares a breach (a
// refused form first), reads its countdown, opens the CNIL draft and records the decision not to notify. axe-core finds
// nothing on any page and nothing is wider than the screen.

let ctx: Contexte;
let navigateur: Browser;
let base: string;
const contextes: BrowserContext[] = [];

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
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

/** "2026-12-01T14:05" an hour ago on Paris' clock. */
function ilYaUneHeure(): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(Date.now() - 3_600_000))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

describe('the breach register in a browser', () => {
  it('without JavaScript at 320 px: declared with a refused form first, its countdown, the CNIL draft, a decision', async () => {
    const { page } = await pageSurveillee(navigateur, contextes, { javaScript: false });
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(`${base}/connexion`);
    await page.getByLabel('Adresse électronique').fill(DEMO.gestionSceaux);
    await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
    await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
    await page.waitForURL((u) => u.pathname === '/tableau-de-bord');

    await page.goto(`${base}/violations`);
    await verifierPage(page, 'registre des violations');
    await page.getByRole('link', { name: 'Déclarer une violation' }).click();
    await page.waitForURL((u) => u.pathname === '/violations/nouvelle');
    await page.getByLabel(/^Titre court/).fill('Ordinateur portable volé au guichet');
    await page.getByRole('button', { name: 'Enregistrer la violation' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('Cochez au moins une nature de violation');
    await verifierPage(page, 'déclaration avec erreurs');

    await page.getByLabel(/^Découverte de la violation/).fill(ilYaUneHeure());
    await page.getByLabel(/^Perte de confidentialité/).check({ force: true });
    await page.getByLabel(/^Circonstances/).fill('Ordinateur volé dans la voiture de service.');
    await page.getByLabel(/^Catégories de données/).fill('Identité et coordonnées des usagers');
    await page.getByLabel(/^Catégories de personnes/).fill('Usagers du guichet');
    await page.getByLabel(/^Mesures prises/).fill('Plainte déposée, comptes de l’ordinateur désactivés.');
    await page.getByRole('button', { name: 'Enregistrer la violation' }).click();
    await page.waitForURL((u) => /^\/violations\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await page.locator('#delai').textContent()).toMatch(/il reste 70 h/);
    await verifierPage(page, 'fiche de la violation');

    await page.getByRole('link', { name: 'Brouillon de notification CNIL' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/cnil'));
    expect(await page.locator('h2').allTextContents()).toContain('3. La violation');
    await verifierPage(page, 'brouillon CNIL');
    await page.getByRole('link', { name: 'Retour à la violation' }).click();

    await page
      .getByLabel(/^Pourquoi la violation ne présente pas de risque/)
      .fill('Disque chiffré, mot de passe robuste : aucun risque pour les personnes.');
    await page.getByRole('button', { name: 'Enregistrer la décision de ne pas notifier' }).click();
    await page.waitForURL((u) => /^\/violations\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await page.locator('#delai').textContent()).toContain('Non notifiée à la CNIL');
    await verifierPage(page, 'fiche de la violation non notifiée');
  });
});
