import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// The search map in a real browser. The test machine cannot reach IGN's tiles: the map's style (CARTE_STYLE) is an
// address the browser is answered for by the test, with a style holding only a background layer, or refused.

const STYLE = 'http://carte.test/style.json';
const STYLE_FOND = { version: 8, sources: {}, layers: [{ id: 'fond', type: 'background', paint: {} }] };

let ctx: Contexte;
let navigateur: Browser;
let base: string;
const contextes: BrowserContext[] = [];

beforeAll(async () => {
  ctx = await demarrerApp({ CARTE_STYLE: STYLE });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  navigateur = await lancerChromium();
});

afterAll(async () => {
  for (const c of contextes) await c.close().catch(() => {});
  await navigateur?.close();
  await ctx?.fermer();
});

/** A page whose requests for the map style get the background-only style, or a refused connection. */
async function pageAvecStyle(style: 'fond' | 'injoignable') {
  const surveillee = await pageSurveillee(navigateur, contextes, { javaScript: true });
  await surveillee.page.route(`${new URL(STYLE).origin}/**`, (route) =>
    style === 'fond'
      ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(STYLE_FOND) })
      : route.abort('connectionrefused'),
  );
  return surveillee;
}

const conteneur = (page: Page) => page.locator('[data-carte]');

describe('the search map', () => {
  it('starts once shown, with its canvas, every marker, and all results in view', async () => {
    const { page, violationsCsp, erreursScript } = await pageAvecStyle('fond');
    await page.goto(`${base}/recherche?q=47480`);
    await page.locator('[data-carte-etat="chargee"]').waitFor();
    const cadre = await conteneur(page).boundingBox();
    const toile = await page.locator('[data-carte] canvas.maplibregl-canvas').boundingBox();
    expect(toile?.width).toBeGreaterThan(300);
    expect(toile?.height).toBeGreaterThan(300);
    const points = JSON.parse((await conteneur(page).getAttribute('data-points')) ?? '[]') as unknown[];
    expect(points.length).toBeGreaterThan(2);
    const marqueurs = page.locator('[data-carte] .maplibregl-marker');
    expect(await marqueurs.count()).toBe(points.length);
    // Zoomed to fit: every marker lies within the map.
    for (const boite of await Promise.all((await marqueurs.all()).map((m) => m.boundingBox()))) {
      const x = (boite?.x ?? -1) + (boite?.width ?? 0) / 2;
      const y = (boite?.y ?? -1) + (boite?.height ?? 0);
      expect(x).toBeGreaterThanOrEqual(cadre?.x ?? 0);
      expect(x).toBeLessThanOrEqual((cadre?.x ?? 0) + (cadre?.width ?? 0));
      expect(y).toBeGreaterThanOrEqual(cadre?.y ?? 0);
      expect(y).toBeLessThanOrEqual((cadre?.y ?? 0) + (cadre?.height ?? 0));
    }
    await verifierAxe(page, 'résultats de recherche avec la carte chargée');
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  }, 60_000);

  it('is removed, leaving the list alone, when its style cannot be reached', async () => {
    const { page, violationsCsp, erreursScript } = await pageAvecStyle('injoignable');
    await page.goto(`${base}/recherche?q=Sceaux`);
    await page.locator('[data-carte-etat="retiree"]').waitFor({ state: 'attached' });
    expect(await conteneur(page).isVisible()).toBe(false);
    expect(await page.locator('[data-carte] canvas, [data-carte] .maplibregl-marker').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'France services de Sceaux' }).first().isVisible()).toBe(true);
    await verifierAxe(page, 'résultats de recherche sans carte');
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  }, 60_000);
});
