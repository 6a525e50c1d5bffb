import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITES_PROCONNECT_DEMO } from '../../src/demo/proconnect.ts';
import { demarrerFournisseurLocal, type FournisseurLocal } from '../../src/platform/oidc/fournisseur-local.ts';
import { lancerChromium, nouveauContexte, verifierAxe } from '../chromium.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// ProConnect in a real browser without JavaScript, 320 px wide: the button, the local provider, the dashboard, the
// sign-out through the provider, and a refusal; axe finds nothing on guichet's pages.

let ctx: Contexte;
let fournisseur: FournisseurLocal;
let navigateur: Browser;
let base: string;

beforeAll(async () => {
  const serveur = createServer();
  await new Promise<void>((ok) => serveur.listen(0, '127.0.0.1', ok));
  const { port } = serveur.address() as { port: number };
  await new Promise((ok) => serveur.close(ok));
  base = `http://127.0.0.1:${port}`;
  const client = { id: 'guichet-navigateur', secret: 'secret-du-client-guichet-navigateur-0123456789' };
  fournisseur = await demarrerFournisseurLocal({
    port: 0,
    client: {
      ...client,
      redirectUris: [`${base}/connexion/proconnect/retour`],
      postLogoutRedirectUris: [`${base}/deconnexion/proconnect`],
    },
    comptes: IDENTITES_PROCONNECT_DEMO,
  });
  ctx = await demarrerApp({
    PUBLIC_URL: base,
    PROCONNECT_ISSUER: fournisseur.issuer,
    PROCONNECT_CLIENT_ID: client.id,
    PROCONNECT_CLIENT_SECRET: client.secret,
  });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  navigateur = await lancerChromium({ javaScript: false });
});
afterAll(async () => {
  await navigateur?.close();
  await ctx?.fermer();
  await fournisseur?.fermer();
});

describe('ProConnect in a browser without JavaScript, 320 px wide', () => {
  it('signs in with the ProConnect button and signs out through ProConnect', async () => {
    const contexte = await nouveauContexte(navigateur);
    const page = await contexte.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${base}/connexion`);
    await verifierAxe(page, 'connexion avec ProConnect');
    await page.getByRole('link', { name: 'S’identifier avec ProConnect' }).click();
    await page.getByRole('button', { name: /Karim Benali/ }).click();
    await page.waitForURL(`${base}/tableau-de-bord`);
    expect(await page.locator('body').textContent()).toContain('Karim Benali');
    // The header's sign-out button sits in the menu that needs JavaScript below the desktop width.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/deconnexion\/proconnect\?/);
    expect(await page.locator('h1').textContent()).toBe('Vous êtes déconnecté');
    await verifierAxe(page, 'déconnecté de ProConnect');
    await contexte.close();
  });

  it('tells an unknown person, in French, to ask for an invitation', async () => {
    const contexte = await nouveauContexte(navigateur);
    const page = await contexte.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${base}/connexion`);
    await page.getByRole('link', { name: 'S’identifier avec ProConnect' }).click();
    await page.getByRole('button', { name: /Camille Inconnue/ }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Demandez une invitation à votre responsable');
    await verifierAxe(page, 'refus ProConnect');
    expect(await ctx.sql(`select 1 from utilisateurs where courriel = 'inconnu@exemple.gouv.fr'`)).toEqual([]);
    await contexte.close();
  });
});
