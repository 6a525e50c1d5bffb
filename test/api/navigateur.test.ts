import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, nouveauContexte, verifierAxe } from '../chromium.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// In a real browser: the documentation page passes axe, and a page of another origin can read the API but not the
// rest of the application.

let ctx: Contexte;
let navigateur: Browser;
let contexte: BrowserContext;
let port: number;
/** A blank page on another port: another origin, on the loopback like the app (Chromium guards local networks). */
let autreOrigine: Server;

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  port = (ctx.app.server.address() as AddressInfo).port;
  autreOrigine = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><title>client</title>');
  });
  await new Promise<void>((ok) => autreOrigine.listen(0, '127.0.0.1', ok));
  navigateur = await lancerChromium();
  contexte = await nouveauContexte(navigateur);
});

afterAll(async () => {
  await contexte?.close().catch(() => {});
  await navigateur?.close();
  await new Promise((ok) => autreOrigine?.close(ok));
  await ctx?.fermer();
});

describe('the API in a browser', () => {
  it('documentation page: accessible, no CSP violation', async () => {
    const page = await contexte.newPage();
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/content.security.policy/i.test(m.text())) csp.push(m.text());
    });
    await page.goto(`http://127.0.0.1:${port}/api/docs`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('API publique du réseau France services');
    await expect(page.getByRole('link', { name: 'GET /api/v1/sites/{id}/openings' }).count()).resolves.toBe(1);
    await verifierAxe(page, 'documentation de l’API');
    expect(csp).toEqual([]);
    await page.close();
  });

  it('a page of another origin reads the API and the open data, not the rest', async () => {
    const page = await contexte.newPage();
    await page.goto(`http://127.0.0.1:${(autreOrigine.address() as AddressInfo).port}/`);
    const lire = (url: string) =>
      page.evaluate(async (u) => {
        try {
          const r = await fetch(u);
          return { statut: r.status, lien: r.headers.get('link'), debut: (await r.text()).slice(0, 12) };
        } catch (e) {
          return { erreur: String(e) };
        }
      }, url);
    const api = await lire(`http://127.0.0.1:${port}/api/v1/sites?limit=1`);
    expect(api).toMatchObject({ statut: 200, debut: '{"total":14,' });
    expect((api as { lien: string }).lien).toContain('rel="next"');
    await expect(lire(`http://127.0.0.1:${port}/donnees/france-services.geojson`)).resolves.toMatchObject({
      statut: 200,
    });
    await expect(lire(`http://127.0.0.1:${port}/api/openapi.json`)).resolves.toHaveProperty('erreur');
    await expect(lire(`http://127.0.0.1:${port}/recherche?q=sceaux`)).resolves.toHaveProperty('erreur');
    await page.close();
  });
});
