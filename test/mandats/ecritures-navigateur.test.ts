import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, nouveauContexte } from '../chromium.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// Names in scripts Marianne lacks are drawn in the Noto fonts guichet serves (src/ui/ecritures.ts), not left to
// whatever the machine has: the demo's mandates name people in Arabic and Chinese script. This machine's Chromium has
// no Chinese font, so without the served font the Chinese name would show as empty boxes.

let ctx: Contexte;
let navigateur: Browser;
let base: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  navigateur = await lancerChromium();
});

afterAll(async () => {
  await navigateur?.close();
  await ctx?.fermer();
});

describe('names in any script on the pages', () => {
  it('loads the Arabic and Chinese font slices a page needs, and only those', async () => {
    const contexte = await nouveauContexte(navigateur);
    const page = await contexte.newPage();
    const polices: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/vendor/polices/') && r.url().endsWith('.woff2') && r.ok()) polices.push(r.url());
    });
    await page.goto(`${base}/connexion`);
    await page.getByLabel('Adresse électronique').fill(DEMO.agentSceaux);
    await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
    await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
    await page.waitForURL((u) => u.pathname === '/tableau-de-bord');
    await page.evaluate(() => document.fonts.ready);
    // A page with Latin text only downloads no font slice.
    expect(polices).toEqual([]);

    await page.goto(`${base}/mandats`);
    await expect.poll(() => page.locator('td', { hasText: '李' }).count()).toBeGreaterThan(0);
    await page.evaluate(() => document.fonts.ready);
    const charge = await page.evaluate(() => ({
      chinois: document.fonts.check('16px "Noto Sans SC"', '李小龙'),
      arabe: document.fonts.check('16px "Noto Sans Arabic"', 'محمد'),
      police: getComputedStyle(document.body).fontFamily,
    }));
    expect(charge).toMatchObject({ chinois: true, arabe: true });
    expect(charge.police).toContain('Noto Sans SC');
    expect(polices.some((u) => /noto-sans-sc-\d+-400-normal\.woff2$/.test(u))).toBe(true);
    expect(polices.some((u) => /noto-sans-arabic-arabic-400-normal\.woff2$/.test(u))).toBe(true);
    // Slices, not the whole font: a few files of the hundred.
    expect(polices.length).toBeLessThan(10);
    // The drawn Chinese name has a width: its glyphs exist (an empty-box fallback would be tofu of equal widths).
    const largeur = await page
      .locator('td', { hasText: '李' })
      .first()
      .evaluate((td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return r.getBoundingClientRect().width;
      });
    expect(largeur).toBeGreaterThan(20);
    await contexte.close();
  });
});
