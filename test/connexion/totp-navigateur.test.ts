import type { AddressInfo } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, nouveauContexte, verifierAxe } from '../chromium.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// The second factor in a real browser without JavaScript, 320 px wide (ADR 0032): a coordinator without a factor is
// sent to enrolment at sign-in, enrols from the key shown in text, notes the recovery codes; signing in again asks
// for a code, refuses a wrong one in French and accepts the right one. axe-core on every page.

let ctx: Contexte;
let navigateur: Browser;
let contexte: BrowserContext;
let base: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  navigateur = await lancerChromium();
  contexte = await nouveauContexte(navigateur, { javaScript: false });
});

afterAll(async () => {
  await contexte?.close().catch(() => {});
  await navigateur?.close();
  await ctx?.fermer();
});

const largeurPage = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const code = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

async function connecter(page: Page, courriel: string) {
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse électronique').fill(courriel);
  await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
  await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
  await page.waitForURL((u) => u.pathname !== '/connexion');
}

describe('the second factor in a browser', () => {
  it('enrols a coordinator at sign-in, then asks for the code, at 320 px and without JavaScript', async () => {
    const courriel = `coordination.totp.${Date.now()}@exemple.fr`;
    const [u] = await ctx.sql<{ id: string }>(
      `insert into utilisateurs (courriel, prenom, nom, mot_de_passe)
       select $1, 'Inès', 'Deuxfacteurs', mot_de_passe from utilisateurs where courriel = $2 returning id`,
      [courriel, DEMO.admin],
    );
    await ctx.sql(
      `insert into habilitations (utilisateur_id, role, departements) values ($1, 'coordinateur', '{92}')`,
      [u?.id],
    );
    const page = await contexte.newPage();
    await page.setViewportSize({ width: 320, height: 800 });

    await connecter(page, courriel);
    expect(new URL(page.url()).pathname).toBe('/compte/second-facteur');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Activer la validation en deux étapes');
    expect(await page.getByText('Votre rôle impose la validation en deux étapes').count()).toBe(1);
    const qr = page.getByRole('img', { name: /QR code à scanner/ });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await largeurPage(page)).toBeLessThanOrEqual(320);
    await verifierAxe(page, 'activation de la validation en deux étapes');
    const secret = ((await page.locator('#cle-totp').textContent()) ?? '').replaceAll(' ', '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // A wrong code: the same page, the error tied to the field.
    const champ = page.getByLabel('Code à 6 chiffres');
    await champ.fill('12');
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.waitForLoadState();
    expect(await page.title()).toMatch(/^Erreur – /);
    expect(await champ.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#code-messages').textContent()).toContain('Le code se compose de 6 chiffres');
    await verifierAxe(page, 'activation avec une erreur');

    await page.getByLabel('Code à 6 chiffres').fill(code(secret));
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vos codes de secours');
    expect(await page.locator('main li code').count()).toBe(10);
    expect(await largeurPage(page)).toBeLessThanOrEqual(320);
    await verifierAxe(page, 'codes de secours');
    await page.getByRole('link', { name: 'Je les ai notés' }).click();
    await page.waitForURL((url) => url.pathname === '/tableau-de-bord');

    // Next sign-in (a browser that forgot the session): the code page.
    await contexte.clearCookies();
    await ctx.sql('update facteurs_totp set dernier_pas = null where utilisateur_id = $1', [u?.id]);
    await connecter(page, courriel);
    expect(new URL(page.url()).pathname).toBe('/connexion/second-facteur');
    expect(await largeurPage(page)).toBeLessThanOrEqual(320);
    await verifierAxe(page, 'code de connexion');
    const code2 = page.getByLabel('Code de vérification');
    await code2.fill(code(secret) === '000000' ? '000001' : '000000');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForLoadState();
    expect(await code2.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#code-messages').textContent()).toContain('Code incorrect');
    await verifierAxe(page, 'code de connexion refusé');
    await page.getByLabel('Code de vérification').fill(code(secret));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL((url) => url.pathname === '/tableau-de-bord');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Bonjour Inès');

    // The account page with the active factor.
    await page.goto(`${base}/compte/second-facteur`);
    expect(await page.getByText('Il vous reste 10 codes de secours').count()).toBe(1);
    expect(await largeurPage(page)).toBeLessThanOrEqual(320);
    await verifierAxe(page, 'validation en deux étapes activée');
  });
});
