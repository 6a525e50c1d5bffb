import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lancerChromium, pageSurveillee, verifierAxe } from '../chromium.ts';
import { creerSite, structureNommee } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';

// The day board in a real browser: an agent on a 320 px wide screen, JavaScript off, welcomes a walk-in, checks in an
// appointment, serves and finishes it, and confirms the prefilled request; axe-core finds nothing on any page and
// nothing is wider than the screen. Then, JavaScript on, the board reloads its queue in place without a CSP violation.

let ctx: Contexte;
let navigateur: Browser;
let base: string;
let siteId: string;
const contextes: BrowserContext[] = [];

/** A zone where it is now between 02:00 and 21:00, so that an appointment in 10 minutes is today there. */
function fuseauDeJour(): string {
  for (const fuseau of ['Europe/Paris', 'America/Cayenne', 'Pacific/Noumea', 'Indian/Reunion', 'Pacific/Tahiti']) {
    const h = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: fuseau, hour: '2-digit', hourCycle: 'h23' }).format(),
    );
    if (h >= 2 && h < 21) return fuseau;
  }
  throw new Error('no zone in daytime');
}

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  siteId = await creerSite(ctx, await structureNommee(ctx, 'France services de Sceaux'), 'Antenne du Parc');
  await ctx.sql('update sites set fuseau_horaire = $2 where id = $1', [siteId, fuseauDeJour()]);
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal, partenaire_id)
     values ($1, 'Dossier retraite', 30, 'sur_place', (select id from partenaires where code = 'assurance-retraite'))
     returning id`,
    [siteId],
  );
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Karim Benali', '{"modeles":[]}') returning id`,
    [siteId],
  );
  await ctx.sql(
    `insert into rendez_vous (site_id, motif_id, ressource_id, debut, fin, occupe, nom, origine)
     values ($1, $2, $3, now() + interval '10 minutes', now() + interval '40 minutes',
             tstzrange(now() + interval '10 minutes', now() + interval '40 minutes', '[)'), 'Sophie Bernard', 'guichet')`,
    [siteId, m?.id, r?.id],
  );
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

async function seConnecter(page: Page) {
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse électronique').fill(DEMO.agentSceaux);
  await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE);
  await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
  await page.waitForURL((u) => u.pathname === '/tableau-de-bord');
}

const board = (u: URL) => u.pathname === `/sites/${siteId}/journee`;

describe('the day board in a browser', () => {
  it('without JavaScript at 320 px: walk-in, check-in, serve, finish, confirm the request; axe 0', async () => {
    const { page, violationsCsp, erreursScript } = await pageSurveillee(navigateur, contextes, { javaScript: false });
    await page.setViewportSize({ width: 320, height: 720 });
    await seConnecter(page);

    await page.goto(`${base}/sollicitations?site=${siteId}`);
    await page.getByRole('link', { name: 'File d’attente et rendez-vous du jour' }).click();
    await page.waitForURL(board);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Journée – Antenne du Parc');
    await verifierPage(page, 'journée');

    await page.getByRole('textbox', { name: /^Prénom ou repère/ }).fill('Léa');
    await page.getByRole('button', { name: 'Donner un ticket' }).click();
    await page.waitForURL((u) => board(u) && u.searchParams.has('ticket'));
    expect(await page.locator('#ticket .fr-display--sm').textContent()).toBe('n° 1');
    await verifierPage(page, 'journée avec ticket');

    await page.getByRole('button', { name: /^Arrivé : Sophie Bernard/ }).click();
    await page.waitForURL(board);
    const file = page.locator('section[aria-labelledby="titre-file"] tbody tr');
    expect(await file.count()).toBe(2);
    expect(await file.first().textContent()).toContain('Sophie Bernard');
    expect(await file.nth(1).textContent()).toContain('Léa');
    await verifierPage(page, 'journée avec file');

    await page.getByRole('button', { name: 'Prendre en charge le ticket n° 2' }).click();
    await page.waitForURL(board);
    expect(await page.locator('section[aria-labelledby="titre-en-cours"]').textContent()).toContain('Karim Benali');
    await verifierPage(page, 'journée en cours');

    await page.getByRole('button', { name: /^Terminer l’accueil du ticket n° 2/ }).click();
    await page.waitForURL((u) => u.pathname === '/sollicitations');
    expect(await page.getByRole('combobox', { name: /^Situation de vie/ }).inputValue()).toBe('Je prépare ma retraite');
    await verifierPage(page, 'sollicitation préremplie');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/sollicitations' && u.searchParams.has('enregistree'));
    expect(await page.getByRole('status').textContent()).toContain('Je prépare ma retraite');

    const [rdv] = await ctx.sql<{ statut: string }>('select statut from rendez_vous where site_id = $1', [siteId]);
    expect(rdv?.statut).toBe('vu');
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  });

  it('with JavaScript: the queue reloads in place when the tab comes back, without a CSP violation', async () => {
    const { page, violationsCsp, erreursScript } = await pageSurveillee(navigateur, contextes, { javaScript: true });
    await seConnecter(page);
    await page.goto(`${base}/sites/${siteId}/journee`);
    await verifierAxe(page, 'journée avec JavaScript');
    await ctx.sql(
      `insert into passages (site_id, jour, numero, libelle, arrive_le)
       select id, (now() at time zone fuseau_horaire)::date, 99, 'Arrivée pendant ce temps', now() from sites where id = $1`,
      [siteId],
    );
    // The script refreshes every 15 s and whenever the tab becomes visible again: the latter, without waiting.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.locator('[data-journee-direct]', { hasText: 'Arrivée pendant ce temps' }).waitFor();
    expect(await page.locator('#journee-etat').textContent()).toMatch(/^\d+ personnes? attend/);
    expect(violationsCsp).toEqual([]);
    expect(erreursScript).toEqual([]);
  });
});
