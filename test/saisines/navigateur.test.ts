import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { creerSite, structureNommee } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';
import { creerCompteReferent, creerPartenaireLocal, creerReferent } from './outils.ts';

// A case in a real browser, JavaScript off, 320 px wide: the agent creates it (a refused form first), the référent
// signs in, takes it in hand and answers, the agent reads the answer and closes it with an outcome. axe-core finds
// nothing on any page and nothing is wider than the screen.

let ctx: Contexte;
let navigateur: Browser;
let base: string;
let siteId: string;
let referent: string;
let partenaire: string;
const contextes: BrowserContext[] = [];

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const sceaux = await structureNommee(ctx, 'France services de Sceaux');
  siteId = await creerSite(ctx, sceaux, 'Antenne du Parc');
  const p = await creerPartenaireLocal(ctx, sceaux);
  partenaire = (await ctx.sql<{ nom: string }>('select nom from partenaires where id = $1', [p]))[0]?.nom as string;
  referent = (await creerCompteReferent(ctx, p, ['92'])).courriel;
  await creerReferent(ctx, { partenaireId: p, departement: '92', rang: 'titulaire', prenom: 'Rémi' });
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

async function connecter(courriel: string) {
  const surveillee = await pageSurveillee(navigateur, contextes, { javaScript: false });
  const { page } = surveillee;
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse électronique').fill(courriel);
  await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
  await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
  await page.waitForURL((u) => u.pathname === '/tableau-de-bord');
  return surveillee;
}

describe('a case in a browser', () => {
  it('without JavaScript at 320 px: created by the agent, answered by the référent, closed with an outcome', async () => {
    const agent = await connecter(DEMO.agentSceaux);
    const page = agent.page;
    await page.goto(`${base}/saisines`);
    await verifierPage(page, 'liste des saisines');
    await page.getByRole('link', { name: 'Saisir un référent – Antenne du Parc' }).click();
    await page.waitForURL((u) => u.pathname === `/sites/${siteId}/saisines/nouvelle`);
    await verifierPage(page, 'nouvelle saisine');
    await page.getByRole('button', { name: 'Transmettre au référent' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('Saisissez le prénom');
    await verifierPage(page, 'nouvelle saisine avec erreurs');

    await page.locator('#partenaire').selectOption({ label: partenaire });
    await page.getByLabel('Prénom').fill('Lucie');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByLabel(/^Date de naissance/).fill('1980-05-01');
    await page.getByLabel(/^La personne a donné au guichet son consentement/).check({ force: true });
    await page.getByLabel(/^Question posée au référent/).fill('Ses allocations sont suspendues depuis mars.');
    await page.getByLabel('Revenus coupés').check({ force: true });
    await page.getByRole('button', { name: 'Transmettre au référent' }).click();
    await page.waitForURL((u) => /^\/saisines\/[0-9a-f-]{36}$/.test(u.pathname));
    const adresse = new URL(page.url()).pathname;
    expect(await page.getByRole('status').textContent()).toContain('Saisine transmise à Rémi Référent');
    await verifierPage(page, 'saisine créée');

    const ref = await connecter(referent);
    await ref.page.goto(`${base}/saisines`);
    await verifierPage(ref.page, 'saisines du référent');
    await ref.page.locator(`a[href="${adresse}"]`).click();
    await ref.page.waitForURL((u) => u.pathname === adresse);
    await ref.page.getByRole('button', { name: 'Prendre en charge' }).click();
    expect(await ref.page.getByRole('status').textContent()).toContain('Saisine prise en charge');
    await ref.page.getByLabel(/^Votre réponse/).fill('Le dossier est rétabli : versement le 5 du mois.');
    await ref.page.getByRole('button', { name: 'Envoyer' }).click();
    await ref.page.waitForURL((u) => u.pathname === adresse);
    expect(await ref.page.getByRole('status').textContent()).toContain('Réponse envoyée');
    await verifierPage(ref.page, 'saisine répondue (référent)');

    await page.goto(`${base}${adresse}`);
    expect(await page.locator('[data-auteur="referent"]').textContent()).toContain('Le dossier est rétabli');
    expect(await page.locator('.fr-badge').first().textContent()).toBe('Réponse apportée');
    await page.getByLabel('Droit ouvert ou rétabli').check({ force: true });
    await page.getByRole('button', { name: 'Clôturer' }).click();
    await page.waitForURL((u) => u.pathname === adresse);
    expect(await page.locator('#issue-saisine').textContent()).toContain('Saisine clôturée : droit ouvert ou rétabli');
    await verifierPage(page, 'saisine clôturée');
    expect(agent.violationsCsp).toEqual([]);
    expect(ref.violationsCsp).toEqual([]);
  });
});
