import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recevoirDemande } from '../../src/modules/contacts/index.ts';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { creerSite, structureNommee } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// The inbox in a real browser, JavaScript off, 320 px wide: an agent goes from the request log to the site's messages,
// opens the most urgent request, replies; the person opens the link of the email and answers. axe-core finds nothing
// on any page and nothing is wider than the screen.

let ctx: Contexte;
let navigateur: Browser;
let base: string;
let siteId: string;
const contextes: BrowserContext[] = [];
const boite = new BoiteDeTest();

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  siteId = await creerSite(ctx, await structureNommee(ctx, 'France services de Sceaux'), 'Antenne du Parc');
  // Open every day: a message of 80 hours ago is late whatever the day the test runs.
  await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-20:00' where id = $1`, [siteId]);
  for (const [nom, heures] of [
    ['Sophie Bernard', 80],
    ['Karim Benali', 2],
  ] as const) {
    const r = await recevoirDemande(ctx.database.db, ctx.config, {
      siteId,
      canal: 'courriel',
      nom,
      courriel: `${nom.split(' ')[0]?.toLowerCase()}@exemple.fr`,
      objet: 'Ma demande de carte vitale',
      corps: 'Bonjour,\nma carte vitale n’est jamais arrivée. Que faire ?',
      recuLe: new Date(Date.now() - heures * 3_600_000),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.erreurs));
  }
  navigateur = await lancerChromium({ javaScript: false });
});

afterAll(async () => {
  for (const c of contextes) await c.close().catch(() => {});
  await navigateur?.close();
  await boite.fermer();
  await ctx?.fermer();
});

async function verifierPage(page: Page, nom: string) {
  await verifierAxe(page, nom);
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(largeur, `${nom} is wider than the screen`).toBeLessThanOrEqual(320);
}

describe('the inbox in a browser', () => {
  it('without JavaScript at 320 px: inbox → request → reply, then the person answers by the link; axe 0', async () => {
    const { page, violationsCsp } = await pageSurveillee(navigateur, contextes, { javaScript: false });
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(`${base}/connexion`);
    await page.getByLabel('Adresse électronique').fill(DEMO.agentSceaux);
    await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
    await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
    await page.waitForURL((u) => u.pathname === '/tableau-de-bord');

    await page.goto(`${base}/sollicitations?site=${siteId}`);
    await page.getByRole('link', { name: 'Messages du lieu (2 demandes ouvertes)' }).click();
    await page.waitForURL((u) => u.pathname === `/sites/${siteId}/messages`);
    await verifierPage(page, 'boîte');
    const lignes = page.locator('tbody tr');
    expect(await lignes.first().textContent()).toContain('Sophie Bernard');
    expect(await lignes.first().textContent()).toContain('En retard de');

    await page.getByRole('link', { name: /^Sophie Bernard/ }).click();
    await page.waitForURL((u) => u.pathname.startsWith(`/sites/${siteId}/messages/`));
    await verifierPage(page, 'demande');
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('Saisissez le texte de la réponse');
    await verifierPage(page, 'demande avec erreur');
    await page.getByRole('textbox', { name: /^Réponse/ }).fill('Nous avons relancé l’Assurance maladie pour vous.');
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.waitForURL((u) => u.pathname.startsWith(`/sites/${siteId}/messages/`));
    expect(await page.getByRole('status').textContent()).toContain('Réponse envoyée');
    expect(await page.locator('[data-sens="reponse"]').textContent()).toContain('relancé l’Assurance maladie');
    await verifierPage(page, 'demande répondue');

    const recus = (await boite.recus(ctx, 'sophie@exemple.fr')).filter((c) => c.sujet.startsWith('Re:'));
    const lien = recus[0]?.texte.match(/\/l\/[\w-]{43}/)?.[0];
    expect(lien).toBeDefined();
    const personne = await pageSurveillee(navigateur, contextes, { javaScript: false });
    await personne.page.setViewportSize({ width: 320, height: 720 });
    await personne.page.goto(`${base}${lien}`);
    expect(await personne.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Votre demande à Antenne du Parc',
    );
    await verifierPage(personne.page, 'fil de la personne');
    await personne.page.getByRole('textbox', { name: /^Votre message/ }).fill('Merci, je passerai jeudi.');
    await personne.page.getByRole('button', { name: 'Envoyer' }).click();
    await personne.page.waitForURL((u) => u.pathname === lien);
    expect(await personne.page.getByRole('status').textContent()).toContain('Votre message a été transmis');
    await verifierPage(personne.page, 'fil après réponse');
    expect(violationsCsp).toEqual([]);
    expect(personne.violationsCsp).toEqual([]);
  });
});
