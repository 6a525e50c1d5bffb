import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// The counter's request log in a real browser: the quick entry typed with the keyboard only, undo, a refused entry,
// then (without JavaScript) an entry edited and its history; and the manager's export form. Every page visited is
// checked with axe-core, and neither CSP violations nor script errors may show in the console.

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
const ouvrir = (javaScript: boolean) => pageSurveillee(navigateur, contextes, { javaScript, delai: 5_000 });

/** The text of an element as rendered, whitespace collapsed (the locator must match exactly one element). */
async function texte(locator: Locator) {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text keeps a space between a cell's blocks.
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

const titre1 = (page: Page) => texte(page.getByRole('heading', { level: 1 }));

const sessions = new Map<string, Promise<Array<{ name: string; value: string; url: string }>>>();

/**
 * Opens `chemin` signed in as `courriel`. The sign-in form has its own browser journey (test/navigateur): here each
 * account signs in once, through the login form over app.inject, and its cookies are handed to the browser.
 */
async function seConnecter(page: Page, courriel: string, chemin: string) {
  let session = sessions.get(courriel);
  if (!session) {
    session = clientConnecte(ctx.app, courriel).then((client) =>
      [...client.cookies].map(([name, value]) => ({ name, value, url: base })),
    );
    sessions.set(courriel, session);
  }
  await page.context().addCookies(await session);
  await page.goto(`${base}${chemin}`);
}

/** The rows of the day's table (the one captioned "Sollicitations du …"), as cell texts. */
async function lignesDuJour(page: Page): Promise<string[][]> {
  const tableau = page.getByRole('table', { name: /^Sollicitations du / });
  if ((await tableau.count()) === 0) return [];
  const lignes = tableau.locator('tbody tr');
  const resultat: string[][] = [];
  for (let i = 0; i < (await lignes.count()); i++) {
    const cellules = lignes.nth(i).getByRole('cell');
    const n = await cellules.count();
    const textes: string[] = [];
    for (let k = 0; k < n; k++) textes.push(await texte(cellules.nth(k)));
    resultat.push(textes);
  }
  return resultat;
}

/** Submits a form by `action` (a key, a click); returns the response to its POST once the next page is loaded. */
async function soumettrePar(page: Page, action: () => Promise<void>): Promise<Response> {
  const [reponse] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.waitForEvent('domcontentloaded'),
    action(),
  ]);
  return reponse;
}

// The demo's request logged under a mandate (issue 14) is left out: these count the entries typed here.
const compterSaisies = async () =>
  Number((await ctx.sql<{ n: string }>('select count(*) as n from sollicitations where mandat_id is null'))[0]?.n);

const PAPIERS = 'J’établis mes papiers d’identité';
const IMPOTS = 'Je déclare mes impôts';

describe('quick entry at the counter, agent of Sceaux', () => {
  it('with JavaScript: keyboard only, a few letters and Enter save; undo removes; an ambiguous word is refused', async () => {
    const { page, violationsCsp, erreursScript } = await ouvrir(true);
    await seConnecter(page, DEMO.agentSceaux, '/sollicitations');
    expect(await titre1(page)).toBe('Sollicitations');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('situation');
    expect(await lignesDuJour(page)).toEqual([]);
    await verifierAxe(page, 'saisie rapide');

    // Keyboard only: the focus is already in the field.
    await page.keyboard.type('papiers');
    const enregistrement = await soumettrePar(page, () => page.keyboard.press('Enter'));
    expect(enregistrement.status()).toBe(303);
    expect(new URL(page.url()).searchParams.get('enregistree')).toMatch(/^[0-9a-f-]{36}$/);
    const confirmation = page.locator('.fr-alert--success');
    expect(await confirmation.getAttribute('role')).toBe('status');
    expect(await texte(confirmation.getByRole('heading'))).toMatch(/^Sollicitation enregistrée à \d\d:\d\d$/);
    expect(await texte(confirmation.locator('p'))).toBe(`${PAPIERS} · Intérieur – ANTS · Accueil physique`);
    const lignes = await lignesDuJour(page);
    expect(lignes).toHaveLength(1);
    expect(lignes[0]?.slice(1, 5)).toEqual([
      PAPIERS,
      'Intérieur – ANTS',
      'Accueil physique',
      'Aide à la démarche ou au dossier Résolu sur place',
    ]);
    const enBase = await ctx.sql(
      `select s.nom as situation, so.canal, so.niveau, so.issue, so.duree, cardinality(so.partenaires) as partenaires
       from sollicitations so join situations s on s.id = so.situation_id where so.mandat_id is null`,
    );
    expect(enBase).toEqual([
      {
        situation: PAPIERS,
        canal: 'accueil_physique',
        niveau: 'aide_demarche',
        issue: 'resolu',
        duree: 'de_10_a_30',
        partenaires: 1,
      },
    ]);
    await verifierAxe(page, 'saisie rapide après enregistrement');

    // Undo: the entry is gone from the day and from the database.
    await soumettrePar(page, () => page.getByRole('button', { name: 'Annuler cette saisie' }).click());
    expect(await texte(page.getByRole('status'))).toBe('La saisie est annulée.');
    expect(await lignesDuJour(page)).toEqual([]);
    expect(await page.getByText('Aucune sollicitation enregistrée pour cette journée.').isVisible()).toBe(true);
    expect(await compterSaisies()).toBe(0);

    // An ambiguous word: refused, the error linked to the field, what was typed kept, nothing saved.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('situation');
    await page.keyboard.type('je');
    const refus = await soumettrePar(page, () => page.keyboard.press('Enter'));
    expect(refus.status()).toBe(422);
    expect(await page.title()).toMatch(/^Erreur – /);
    const resume = page.getByRole('alert');
    expect(await texte(resume.getByRole('heading'))).toBe('Le formulaire contient une erreur');
    const lien = resume.getByRole('link');
    expect(await lien.getAttribute('href')).toBe('#situation');
    expect(await texte(lien)).toMatch(
      /^Situation de vie : Plusieurs situations correspondent à « je » : .+\. Précisez\.$/,
    );
    const champ = page.getByRole('combobox', { name: /^Situation de vie/ });
    expect(await champ.getAttribute('aria-invalid')).toBe('true');
    expect(await champ.inputValue()).toBe('je');
    expect(await texte(page.locator('#situation-messages .fr-message--error'))).toMatch(
      /^Plusieurs situations correspondent/,
    );
    expect(await compterSaisies()).toBe(0);
    await verifierAxe(page, 'saisie rapide refusée');
    // Following the summary link puts the focus back in the field.
    await lien.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('situation');

    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  }, 30_000);

  it('without JavaScript: saves, edits the outcome, shows the history', async () => {
    const { page, violationsCsp } = await ouvrir(false);
    await seConnecter(page, DEMO.agentSceaux, '/sollicitations');
    await page.locator('#situation').fill('impots');
    const enregistrement = await soumettrePar(page, () => page.locator('#situation').press('Enter'));
    expect(enregistrement.status()).toBe(303);
    const id = new URL(page.url()).searchParams.get('enregistree');
    expect(await texte(page.locator('.fr-alert--success p'))).toBe(`${IMPOTS} · Finances publiques · Accueil physique`);
    const ligne = page.getByRole('row').filter({ has: page.getByRole('cell', { name: IMPOTS, exact: true }) });
    expect(await ligne.count()).toBe(1);
    expect(await texte(ligne.getByRole('cell').nth(4))).toBe('Aide à la démarche ou au dossier Résolu sur place');

    await ligne.getByRole('link', { name: 'Modifier' }).click();
    await page.waitForURL((u) => /^\/sollicitations\/[0-9a-f-]{36}\/modifier$/.test(u.pathname));
    expect(await titre1(page)).toBe('Modifier une sollicitation');
    expect(await page.getByRole('combobox', { name: 'Situation de vie' }).inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByRole('radio', { name: 'Résolu sur place' }).isChecked()).toBe(true);
    await verifierAxe(page, 'modifier une sollicitation');
    // DSFR draws the radio over its label: the user clicks the label.
    await page.getByRole('group', { name: 'Issue' }).getByText('À suivre', { exact: true }).click();
    expect(await page.getByRole('radio', { name: 'À suivre' }).isChecked()).toBe(true);
    const modification = await soumettrePar(page, () =>
      page.getByRole('button', { name: 'Enregistrer les modifications' }).click(),
    );
    expect(modification.status()).toBe(303);
    expect(await texte(page.getByRole('status'))).toBe('La sollicitation est modifiée.');
    expect(await texte(ligne.getByRole('cell').nth(4))).toBe('Aide à la démarche ou au dossier À suivre');
    expect(await ctx.sql('select issue from sollicitations where id = $1', [id])).toEqual([{ issue: 'a_suivre' }]);

    await ligne.getByRole('link', { name: 'Historique' }).click();
    await page.waitForURL((u) => /^\/sollicitations\/[0-9a-f-]{36}\/historique$/.test(u.pathname));
    expect(await titre1(page)).toBe('Historique d’une sollicitation');
    const sections = (await page.getByRole('heading', { level: 2 }).allTextContents()).map((t) => t.trim());
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/^Création le /);
    expect(sections[1]).toMatch(/^Modification le /);
    const changements = page.getByRole('table', { name: 'Modification : champs' });
    expect(await texte(changements.locator('tbody'))).toBe('Issue Résolu sur place À suivre');
    await verifierAxe(page, 'historique d’une sollicitation');

    expect(violationsCsp).toEqual([]);
  }, 30_000);
});

describe('export of the request log, manager of Sceaux', () => {
  it('shows an accessible period form with one button per format', async () => {
    const { page, violationsCsp, erreursScript } = await ouvrir(true);
    await seConnecter(page, DEMO.gestionSceaux, '/sollicitations/export');
    expect(await titre1(page)).toBe('Exporter les sollicitations');
    expect(await page.getByLabel('Du', { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-01$/);
    expect(await page.getByRole('button', { name: 'Télécharger en XLSX (tableur)' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Télécharger en CSV' }).isVisible()).toBe(true);
    await verifierAxe(page, 'export des sollicitations');
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  });
});
