import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// Real browser journeys over a real HTTP port: what a manager sees, with and without JavaScript.
// Every page visited is checked with axe-core, and the browser console must not report any
// Content-Security-Policy violation (the app serves `default-src 'self'` without inline scripts or styles).

let ctx: Contexte;
let navigateur: Browser;
let base: string;
const contextes: BrowserContext[] = [];

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  navigateur = await lancerChromium();
});

afterAll(async () => {
  for (const c of contextes) await c.close().catch(() => {});
  await navigateur?.close();
  await ctx?.fermer();
});

/** A new page in its own context, whose CSP violations and script errors are collected. */
const ouvrir = (javaScript: boolean) => pageSurveillee(navigateur, contextes, { javaScript });

function chemin(page: Page) {
  return new URL(page.url()).pathname;
}

/** The text of an element, whitespace collapsed (the locator must match exactly one element). */
async function texte(locator: Locator) {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

function titre1(page: Page) {
  return texte(page.getByRole('heading', { level: 1 }));
}

const LIBELLES = {
  adresse: /^Adresse\s*Numéro et voie$/,
  codePostal: /^Code postal\s*5 chiffres$/,
  commune: /^Commune$/,
  nom: /^Nom du site\s*Par exemple/,
  genre: /^Type de site$/,
};

/** A form field found by its accessible name, as a screen reader user would. */
function champ(page: Page, nom: keyof typeof LIBELLES) {
  const role = nom === 'genre' ? 'combobox' : 'textbox';
  return page.getByRole(role, { name: LIBELLES[nom] });
}

/** Signs in through the login form with the keyboard, from the home page. */
async function seConnecter(page: Page) {
  await page.goto(`${base}/`);
  expect(await titre1(page)).toBe('guichet – France services');
  await verifierAxe(page, 'accueil');

  await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => u.pathname === '/connexion');
  expect(await titre1(page)).toBe('Connexion à guichet');
  await verifierAxe(page, 'connexion');

  await page.getByLabel('Adresse électronique').fill(DEMO.gestionSceaux);
  await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
  await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
  await page.waitForURL((u) => u.pathname === '/tableau-de-bord');
  expect(await titre1(page)).toMatch(/^Bonjour /);
  await verifierAxe(page, 'tableau de bord');
}

/** From the dashboard: the sites list, a rejected then accepted creation form, the new site in the list. */
async function creerSite(page: Page, nom: string) {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Sites' }).click();
  await page.waitForURL((u) => u.pathname === '/admin/sites');
  expect(await titre1(page)).toBe('Sites d’accueil');
  expect(await page.getByRole('link', { name: nom }).count()).toBe(0);
  await verifierAxe(page, 'liste des sites');

  await page.getByRole('link', { name: 'Ajouter un site' }).click();
  await page.waitForURL((u) => u.pathname === '/admin/sites/nouveau');
  expect(await titre1(page)).toBe('Ajouter un site');
  await verifierAxe(page, 'formulaire de nouveau site');

  // First attempt: no name, no type, a 4-digit postcode.
  await champ(page, 'adresse').fill('1 rue des Blagis');
  await champ(page, 'codePostal').fill('9233');
  await champ(page, 'commune').fill('Sceaux');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL((u) => u.pathname === '/admin/sites');
  expect(await page.title()).toMatch(/^Erreur – Ajouter un site/);
  const resume = page.getByRole('alert');
  expect(await texte(resume.getByRole('heading'))).toBe('Le formulaire contient 3 erreurs');
  const liens = (await resume.getByRole('link').allTextContents()).map((t) => t.trim());
  expect(liens).toHaveLength(3);
  expect(liens[0]).toMatch(/^Nom du site : \S/);
  expect(liens.slice(1)).toEqual([
    'Type de site : Choisissez le type de site',
    'Code postal : Le code postal doit comporter 5 chiffres, par exemple 92330',
  ]);
  expect(await champ(page, 'nom').getAttribute('aria-invalid')).toBe('true');
  expect(await texte(page.locator('#nom-messages'))).not.toBe('');
  expect(await champ(page, 'codePostal').getAttribute('aria-invalid')).toBe('true');
  expect(await texte(page.locator('#codePostal-messages'))).toBe(
    'Le code postal doit comporter 5 chiffres, par exemple 92330',
  );
  expect(await texte(page.locator('#genre-messages'))).toBe('Choisissez le type de site');
  // What was typed is kept.
  expect(await champ(page, 'adresse').inputValue()).toBe('1 rue des Blagis');
  expect(await champ(page, 'codePostal').inputValue()).toBe('9233');
  expect(await champ(page, 'commune').inputValue()).toBe('Sceaux');
  await verifierAxe(page, 'formulaire de nouveau site avec erreurs');

  // Following the summary link puts the focus on the field, then the corrected form is sent.
  await resume.getByRole('link', { name: /^Nom du site/ }).click();
  await page.keyboard.type(nom);
  await champ(page, 'genre').selectOption({ label: 'Antenne' });
  await champ(page, 'codePostal').fill('92330');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL((u) => /^\/admin\/sites\/[0-9a-f-]{36}$/.test(u.pathname));
  expect(await texte(page.getByRole('status'))).toBe('Le site est créé.');
  expect(await titre1(page)).toBe(nom);
  expect(await page.getByText('1 rue des Blagis, 92330 Sceaux').isVisible()).toBe(true);
  await verifierAxe(page, 'page du site créé');

  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Sites' }).click();
  await page.waitForURL((u) => u.pathname === '/admin/sites');
  const ligne = page.getByRole('row').filter({ has: page.getByRole('link', { name: nom, exact: true }) });
  const cellules = (await ligne.getByRole('cell').allTextContents()).map((t) => t.trim());
  expect(cellules.slice(0, 4)).toEqual([nom, 'France services de Sceaux', 'Antenne', '92330 Sceaux']);
  await verifierAxe(page, 'liste des sites avec le nouveau site');
}

/** Signs out with the header button and checks the session is really gone. */
async function seDeconnecter(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL((u) => u.pathname === '/connexion');
  expect(await texte(page.getByRole('status'))).toBe('Vous êtes déconnecté.');
  expect(await titre1(page)).toBe('Connexion à guichet');
  expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);
  await verifierAxe(page, 'connexion après déconnexion');

  await page.goto(`${base}/admin/sites`);
  expect(chemin(page)).toBe('/connexion');
  expect(new URL(page.url()).searchParams.get('retour')).toBe('/admin/sites');
  expect(await titre1(page)).toBe('Connexion à guichet');
}

describe('browser journeys of a structure manager', () => {
  it('with JavaScript: signs in, adds a site after fixing the form, finds it listed, signs out', async () => {
    const { page, violationsCsp, erreursScript } = await ouvrir(true);
    await seConnecter(page);
    await creerSite(page, 'Antenne des Blagis');
    await seDeconnecter(page);
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  }, 60_000);

  it('without JavaScript: the same journey works with plain HTML forms and links', async () => {
    const { page, violationsCsp } = await ouvrir(false);
    await seConnecter(page);
    await creerSite(page, 'Antenne de Robinson');
    await seDeconnecter(page);
    expect(violationsCsp).toEqual([]);
  }, 60_000);

  it('shows an accessible 404 page for an unknown address', async () => {
    const { page, violationsCsp, erreursScript } = await ouvrir(true);
    const reponse = await page.goto(`${base}/page-qui-n-existe-pas`);
    expect(reponse?.status()).toBe(404);
    expect(await titre1(page)).toBe('Page non trouvée');
    expect(await page.getByRole('link', { name: 'Page d’accueil' }).isVisible()).toBe(true);
    await verifierAxe(page, 'page 404');
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  });
});

describe('browser journey of a citizen', () => {
  it('without JavaScript: searches from the home page, picks the nearest site, reads its hours', async () => {
    const { page, violationsCsp } = await ouvrir(false);
    await page.goto(`${base}/`);
    await page.getByRole('searchbox', { name: 'Commune, code postal ou adresse' }).fill('Sceaux');
    await page.getByRole('searchbox', { name: 'Commune, code postal ou adresse' }).press('Enter');
    await page.waitForURL(/\/recherche\?q=Sceaux/);
    expect(await titre1(page)).toBe('Trouver un France services');
    await verifierAxe(page, 'résultats de recherche');
    await page.getByRole('link', { name: 'France services de Sceaux' }).first().click();
    await page.waitForURL(/\/lieux\//);
    expect(await titre1(page)).toBe('France services de Sceaux');
    expect(await page.getByRole('table').textContent()).toMatch(/14 prochains jours/);
    await verifierAxe(page, 'fiche du site');
    await page.goto(`${base}/recherche?q=47480`);
    await page.getByRole('link', { name: 'Permanences itinérantes d’Agen' }).click();
    expect(await page.getByRole('heading', { name: 'Les arrêts de la tournée' }).isVisible()).toBe(true);
    await verifierAxe(page, 'fiche d’un service itinérant');
    expect(violationsCsp).toEqual([]);
  }, 60_000);
});

describe('the search map, with JavaScript', () => {
  it('adds a map beside the list without script errors, CSP violations or accessibility problems', async () => {
    const { page, violationsCsp, erreursScript } = await ouvrir(true);
    await page.goto(`${base}/recherche?q=Sceaux`);
    expect(await page.locator('[data-carte]').count()).toBe(1);
    // The list is there whatever happens to the map (tiles cannot be reached from the test machine).
    expect(await page.getByRole('link', { name: 'France services de Sceaux' }).first().isVisible()).toBe(true);
    await page.waitForLoadState('load');
    await verifierAxe(page, 'résultats de recherche avec carte');
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  }, 60_000);
});
