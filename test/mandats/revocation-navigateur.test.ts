import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { structureNommee } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { creerMandat, etatMandat } from './outils-revocation.ts';

// The public revocation page in a real browser, JavaScript off, 320 px wide: a person types a wrong code, then the
// right one from their original, reads what was done in their name and revokes. axe-core finds nothing on any page
// and nothing is wider than the screen.

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

describe('the public revocation page in a browser', () => {
  it('without JavaScript at 320 px: wrong code, right code, the actions, revoked; axe 0', async () => {
    const m = await creerMandat(ctx, {
      structureId: await structureNommee(ctx, 'France services de Sceaux'),
      prenom: 'محمد',
      nom: 'الأحمد',
      courriel: 'mohammed@exemple.fr',
    });
    const { page, violationsCsp } = await pageSurveillee(navigateur, contextes, { javaScript: false });
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(`${base}/mandats/revocation`);
    await verifierPage(page, 'formulaire');

    await page.getByRole('button', { name: 'Continuer' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('Saisissez la référence du mandat.');
    await verifierPage(page, 'formulaire vide');

    await page.getByRole('textbox', { name: /^Référence du mandat/ }).fill(m.reference);
    await page.getByRole('textbox', { name: /^Code de révocation/ }).fill('AAAA-BBBB-CCCC');
    await page.getByRole('button', { name: 'Continuer' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('ne correspondent à aucun mandat');
    await verifierPage(page, 'paire inconnue');

    await page.getByRole('textbox', { name: /^Code de révocation/ }).fill(m.code.toLowerCase());
    await page.getByRole('button', { name: 'Continuer' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Votre mandat ${m.reference}`);
    expect(await page.locator('bdi').first().textContent()).toBe('محمد');
    expect(await page.locator('tbody').textContent()).toContain('Mandat entré en vigueur');
    await verifierPage(page, 'mandat du citoyen');

    await page.getByRole('button', { name: 'Révoquer ce mandat' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mandat révoqué');
    expect(await page.locator('main').textContent()).toContain(`Votre mandat ${m.reference} est révoqué depuis le`);
    await verifierPage(page, 'révocation confirmée');
    expect((await etatMandat(ctx, m.id))?.origine_revocation).toBe('code');
    expect(violationsCsp).toEqual([]);
  });
});
