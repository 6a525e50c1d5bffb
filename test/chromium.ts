import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { avecCodeTotp } from './harnais.ts';

const CHROMIUM_SYSTEME = '/usr/bin/chromium';

/** Only violations are wanted: axe then spends no time detailing what passed. */
const OPTIONS_AXE = { resultTypes: ['violations'] } satisfies Parameters<AxeBuilder['options']>[0];

/**
 * The Chromium to drive: CHROME_PATH, else the system package, else the optional @sparticuz/chromium.
 * Throws an error saying how to install one when none is found.
 */
async function cheminChromium(): Promise<string> {
  const impose = process.env.CHROME_PATH;
  if (impose) {
    if (!existsSync(impose)) throw new Error(`CHROME_PATH points to ${impose}, which does not exist.`);
    return impose;
  }
  if (existsSync(CHROMIUM_SYSTEME)) return CHROMIUM_SYSTEME;
  try {
    // Optional dependency: absent on some installs, so it is only loaded when needed.
    const module = (await import('@sparticuz/chromium')) as { default: { executablePath(): Promise<string> } };
    const chemin = await module.default.executablePath();
    if (chemin && existsSync(chemin)) return chemin;
  } catch {}
  throw new Error(
    'No Chromium found for the browser tests. Install one with `apt-get install -y chromium`, ' +
      'or set CHROME_PATH to a Chromium or Chrome executable.',
  );
}

const javaScriptParDefaut = new WeakMap<Browser, boolean>();

/** Starts a headless Chromium (sandbox off: the tests may run as root). */
export async function lancerChromium(options: { javaScript?: boolean } = {}): Promise<Browser> {
  const navigateur = await chromium.launch({
    executablePath: await cheminChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // `javaScript` only sets the default of the contexts made with `nouveauContexte`.
  javaScriptParDefaut.set(navigateur, options.javaScript ?? true);
  return navigateur;
}

const contextesSansJavaScript = new WeakSet<BrowserContext>();

/** A fresh context (own cookies) at 1280×800, French, with or without JavaScript. */
export async function nouveauContexte(
  navigateur: Browser,
  options: { javaScript?: boolean } = {},
): Promise<BrowserContext> {
  const javaScript = options.javaScript ?? javaScriptParDefaut.get(navigateur) ?? true;
  const contexte = await navigateur.newContext({
    javaScriptEnabled: javaScript,
    viewport: { width: 1280, height: 800 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  if (!javaScript) contextesSansJavaScript.add(contexte);
  return contexte;
}

/**
 * axe-core needs timers, which never fire in a page whose scripts are disabled (switching scripts back on through
 * CDP does not revive them). So a page of a context without JavaScript is analysed as a snapshot: its DOM, as
 * served and never touched by a script, is loaded at the same address in a scratch context where every script
 * request is refused — the DSFR scripts do not run there either, so axe sees what a user without JavaScript gets.
 */
async function analyser(page: Page) {
  const contexte = page.context();
  if (!contextesSansJavaScript.has(contexte)) return new AxeBuilder({ page }).options(OPTIONS_AXE).analyze();
  let brouillon = brouillons.get(contexte);
  if (!brouillon) {
    brouillon = creerBrouillon(contexte, page.viewportSize());
    brouillons.set(contexte, brouillon);
  }
  const { copie, instantanes } = await brouillon;
  instantanes.set(page.url(), await page.content());
  try {
    await copie.goto(page.url());
    return await new AxeBuilder({ page: copie }).options(OPTIONS_AXE).analyze();
  } finally {
    instantanes.delete(page.url());
  }
}

interface Brouillon {
  copie: Page;
  /** HTML to serve by address, while it is being analysed. */
  instantanes: Map<string, string>;
}

const brouillons = new WeakMap<BrowserContext, Promise<Brouillon>>();

/** The scratch page where snapshots of a context without JavaScript are analysed; closed with that context. */
async function creerBrouillon(
  contexte: BrowserContext,
  taille: { width: number; height: number } | null,
): Promise<Brouillon> {
  const navigateur = contexte.browser();
  if (!navigateur) throw new Error('verifierAxe: the page has no browser');
  const brouillon = await navigateur.newContext({ viewport: taille ?? { width: 1280, height: 800 }, locale: 'fr-FR' });
  contexte.on('close', () => void brouillon.close().catch(() => {}));
  const instantanes = new Map<string, string>();
  await brouillon.route('**/*', (route) => {
    const requete = route.request();
    const html = instantanes.get(requete.url());
    if (requete.isNavigationRequest() && html !== undefined)
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (requete.resourceType() === 'script') return route.abort();
    return route.continue();
  });
  return { copie: await brouillon.newPage(), instantanes };
}

/** Runs axe-core on the page as it is now and fails with a readable list when anything is reported. */
export async function verifierAxe(page: Page, nomPage: string): Promise<void> {
  const resultats = await analyser(page);
  if (resultats.violations.length === 0) return;
  const details = resultats.violations.map((v) => {
    const cibles = v.nodes.map(
      (n) =>
        `      - ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replaceAll('\n', '\n        ')}` : ''}`,
    );
    return `  - ${v.id} (${v.impact ?? 'impact inconnu'}): ${v.help}\n    ${v.helpUrl}\n${cibles.join('\n')}`;
  });
  throw new Error(
    `axe-core: ${resultats.violations.length} violation(s) on "${nomPage}" (${page.url()}):\n${details.join('\n')}`,
  );
}

/**
 * A new page in its own context (added to `contextes` for closing), whose Content-Security-Policy violations and
 * script errors are collected: journeys assert both lists stay empty.
 */
export async function pageSurveillee(
  navigateur: Browser,
  contextes: BrowserContext[],
  options: { javaScript: boolean; delai?: number },
) {
  const contexte = await nouveauContexte(navigateur, { javaScript: options.javaScript });
  contextes.push(contexte);
  const page = await contexte.newPage();
  if (options.delai) page.setDefaultTimeout(options.delai);
  const violationsCsp: string[] = [];
  const erreursScript: string[] = [];
  page.on('console', (message) => {
    if (/content.security.policy/i.test(message.text())) violationsCsp.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (erreur) => erreursScript.push(`${page.url()}: ${erreur.message}`));
  return { page, violationsCsp, erreursScript };
}

/**
 * After the password step in a browser: when guichet asks for the second factor (the demo admin and coordination,
 * ADR 0032), types the demo secret's current code and waits for the page it leads to.
 */
export async function passerSecondFacteur(page: Page, app: FastifyInstance, courriel: string): Promise<void> {
  await page.waitForLoadState();
  if (new URL(page.url()).pathname !== '/connexion/second-facteur') return;
  await avecCodeTotp(app, courriel, async (code) => {
    await page.getByLabel('Code de vérification').fill(code);
    await Promise.all([
      page.waitForURL((u) => u.pathname !== '/connexion/second-facteur'),
      page.getByRole('button', { name: 'Valider' }).click(),
    ]);
  });
}
