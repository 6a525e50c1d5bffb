import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { structureNommee } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';
import { lieuDeTest } from './guichet-lieu.ts';

// The desk and the manager's pages in a real browser, JavaScript off, 320 px wide, as a manager: agenda → motif →
// slot → name → "Réserver" → the appointment → its move → its cancellation form with an error; then the manager's
// page, the motif form with an error, an agent's weekly pattern, the absences and the appointments to take up after a
// closure. axe-core finds nothing on any page and none is wider than the screen. One journey: a browser is slow.

let ctx: Contexte;
let navigateur: Browser;
let base: string;
let lieu: Awaited<ReturnType<typeof lieuDeTest>>;
const contextes: BrowserContext[] = [];

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  lieu = await lieuDeTest(ctx, await structureNommee(ctx, 'France services de Sceaux'));
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

describe('the desk and the manager’s pages in a browser without JavaScript, 320 px wide', () => {
  it('books, moves and starts cancelling an appointment, then goes through the manager’s pages, axe 0 on each', async () => {
    const { page, violationsCsp, erreursScript } = await pageSurveillee(navigateur, contextes, { javaScript: false });
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(`${base}/connexion`);
    await page.fill('#courriel', DEMO.gestionSceaux);
    await page.fill('#motDePasse', MOT_DE_PASSE);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/tableau-de-bord');

    await page.goto(`${base}/sites/${lieu.siteId}/rendez-vous`);
    await verifierPage(page, 'agenda');
    // The small buttons to the site's other pages show their words, not an icon alone (DSFR hides the label of an
    // icon button in a small group unless the group says where the icon goes).
    const autrePage = page.getByRole('navigation', { name: 'Autres pages des rendez-vous du lieu' }).getByRole('link');
    for (const lien of await autrePage.all()) {
      expect((await lien.boundingBox())?.width, (await lien.textContent()) ?? undefined).toBeGreaterThan(100);
    }
    expect(await autrePage.count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Prendre un rendez-vous' }).click();
    await verifierPage(page, 'choix du motif');
    await page.getByRole('link', { name: 'Accompagnement renforcé' }).click();
    await verifierPage(page, 'prochains créneaux');
    await page.locator('a.fr-tag').first().click();
    await verifierPage(page, 'formulaire');
    await page.getByRole('button', { name: 'Réserver' }).click();
    expect(await page.title()).toMatch(/^Erreur – /);
    await verifierPage(page, 'formulaire avec erreur');
    await page.getByLabel('Nom et prénom').fill('Irène Navigateur');
    await page.getByRole('button', { name: 'Réserver' }).click();
    await page.waitForURL((u) => /\/rendez-vous\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await page.locator('.fr-alert--success').textContent()).toContain(
      'Rendez-vous réservé pour Irène Navigateur',
    );
    await verifierPage(page, 'rendez-vous');

    await page.getByRole('link', { name: 'Déplacer' }).click();
    await verifierPage(page, 'déplacer');
    await page.locator('.fr-radio-group label').nth(1).click();
    await page.getByRole('button', { name: 'Déplacer le rendez-vous' }).click();
    expect(await page.locator('.fr-alert--success').textContent()).toContain('Rendez-vous déplacé au');

    await page.getByRole('button', { name: 'Annuler le rendez-vous' }).click();
    expect(await page.title()).toMatch(/^Erreur – /);
    await verifierPage(page, 'annulation avec erreur');

    await page.goto(`${base}/sites/${lieu.siteId}/rendez-vous`);
    await page.getByRole('link', { name: 'Motifs et plannings' }).click();
    expect(new URL(page.url()).pathname).toBe(`/admin/sites/${lieu.siteId}/rendez-vous`);
    await verifierPage(page, 'gestion des rendez-vous');
    await page.getByRole('link', { name: 'Ajouter un motif' }).click();
    await page.getByLabel('Durée (minutes)').fill('0');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await page.title()).toMatch(/^Erreur – /);
    expect(await page.locator('#duree-messages').textContent()).toContain('Durée : au moins 5 minutes.');
    await verifierPage(page, 'motif avec erreur');

    const gestion = `${base}/admin/sites/${lieu.siteId}/rendez-vous`;
    await page.goto(`${gestion}/agents/${lieu.ressourceId}`);
    await verifierPage(page, 'planning d’un agent');
    await page.goto(`${gestion}/ressources/${lieu.ressourceId}/absences`);
    await verifierPage(page, 'absences');

    // A closure on the appointment's day: it is to take up again.
    await ctx.sql(
      `insert into fermetures (site_id, debut, fin, motif)
       select site_id, (debut at time zone 'Europe/Paris')::date, (debut at time zone 'Europe/Paris')::date, 'Inventaire'
       from rendez_vous where site_id = $1 and statut = 'reserve' limit 1`,
      [lieu.siteId],
    );
    await page.goto(`${gestion}/a-reprendre`);
    expect(await page.locator('.fr-text--lead').textContent()).toBe('1 rendez-vous est concerné.');
    await verifierPage(page, 'rendez-vous à reprendre');
    await page.getByRole('link', { name: 'Agenda des rendez-vous' }).click();
    await verifierPage(page, 'agenda depuis les pages de gestion');
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  });
});
