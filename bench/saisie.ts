import type { Locator, Page } from 'playwright-core';
import { MOT_DE_PASSE_DEMO } from '../src/demo/donnees.ts';
import { lancerChromium, nouveauContexte } from '../test/chromium.ts';

// The counter's quick entry, as an agent does it: a real Chromium signed in as agent.sceaux opens /sollicitations and
// records a common request with the keyboard only. For each scenario: how many interactions it takes (counted as
// they are made) and how long it takes, from the quick-entry page's DOMContentLoaded to the confirmation alert being
// visible on the page that follows. Every entry measured is undone afterwards (outside the timing), so that the bench
// database does not fill up and the defaults (most frequent level, outcome, duration) stay those of the demo data.

const COMPTE = 'agent.sceaux@guichet.test';
export const REPETITIONS = 5;
/** A counter agent's typing: 120 ms per character, and as long before each key press. */
export const DELAI_HUMAIN_MS = 120;
/** The Tab presses allowed to reach a field before the scenario is declared broken. */
const TABULATIONS_MAX = 40;

/** Counts every interaction: 1 per text typed (keyboard.type), 1 per key pressed, 1 per click. */
class Agent {
  interactions = 0;
  readonly gestes: string[] = [];

  constructor(
    readonly page: Page,
    private readonly delai: number,
  ) {}

  async taper(texte: string) {
    this.compter(`type "${texte}"`);
    await this.page.keyboard.type(texte, { delay: this.delai });
  }

  async touche(touche: string) {
    this.compter(touche);
    if (this.delai > 0) await this.page.waitForTimeout(this.delai);
    await this.page.keyboard.press(touche);
  }

  async cliquer(cible: Locator, libelle: string) {
    this.compter(`click "${libelle}"`);
    await cible.click();
  }

  /** Gestures in order, repeated ones folded: `Tab ×11`. */
  resume(): string {
    const plies: Array<{ geste: string; n: number }> = [];
    for (const g of this.gestes) {
      const dernier = plies.at(-1);
      if (dernier?.geste === g) dernier.n++;
      else plies.push({ geste: g, n: 1 });
    }
    return plies.map((p) => (p.n > 1 ? `${p.geste} ×${p.n}` : p.geste)).join(', ');
  }

  private compter(geste: string) {
    this.interactions++;
    this.gestes.push(geste);
  }
}

interface Scenario {
  nom: string;
  /** The situation the confirmation must name. */
  situation: string;
  /** Untimed, before the runs: finds out what the runs need to know about the page (e.g. how many Tabs). */
  preparer?(page: Page, base: string): Promise<void>;
  /** What the agent does once the quick-entry page is loaded; the focus is in the situation field (autofocus). */
  jouer(agent: Agent): Promise<void>;
  /** Checks, after the timing, that the entry saved is the one meant (e.g. the level changed); throws otherwise. */
  verifier?(page: Page, id: string): Promise<void>;
}

const PAPIERS = 'J’établis mes papiers d’identité';
const IMPOTS = 'Je déclare mes impôts';
/** The level one ArrowDown selects: the one after the preselected level (the site's most frequent), found by `preparer`. */
let niveauChoisi = '';
/** Tab presses from the situation field to the level radio group, found by `preparer` (they depend on the site). */
let tabulationsVersNiveau = 0;

const SCENARIOS: Scenario[] = [
  {
    nom: '1. Papiers d’identité (ANTS), valeurs par défaut',
    situation: PAPIERS,
    async jouer(agent) {
      await agent.taper('papiers');
      await agent.touche('Enter');
    },
  },
  {
    nom: '2. Impôts, niveau d’aide changé',
    situation: IMPOTS,
    async preparer(page, base) {
      // Tab from the situation field until the focus is in the level radio group (on its checked radio), as a
      // keyboard user would; counted here, untimed, so that the runs do not pay a focus check after each Tab.
      await ouvrirSaisie(page, base);
      tabulationsVersNiveau = 0;
      while (!(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'niveau'))) {
        if (++tabulationsVersNiveau > TABULATIONS_MAX) throw new Error('Tab never reaches the level radio group');
        await page.keyboard.press('Tab');
      }
      niveauChoisi = await page.evaluate(() => {
        const radios = [...document.querySelectorAll<HTMLInputElement>('input[name="niveau"]')];
        const suivant = radios[(radios.findIndex((r) => r.checked) + 1) % radios.length];
        return document.querySelector(`label[for="${suivant?.id}"]`)?.textContent?.trim() ?? '';
      });
    },
    async jouer(agent) {
      await agent.taper('impots');
      for (let i = 0; i < tabulationsVersNiveau; i++) await agent.touche('Tab');
      // `verifier` checks that the focus was indeed in the level group: the level saved is the one chosen here.
      // From the preselected level to the next choice, then Enter submits the form.
      await agent.touche('ArrowDown');
      await agent.touche('Enter');
    },
    async verifier(page, id) {
      const ligne = page.locator('tr').filter({ has: page.locator(`a[href="/sollicitations/${id}/modifier"]`) });
      const aide = ((await ligne.locator('td').nth(4).textContent()) ?? '').replace(/\s+/g, ' ');
      if (!niveauChoisi || !aide.startsWith(niveauChoisi)) {
        throw new Error(`level saved: "${aide}", expected "${niveauChoisi}"`);
      }
    },
  },
  {
    nom: '3. Même chose que la dernière',
    situation: PAPIERS,
    async jouer(agent) {
      await agent.cliquer(
        agent.page.getByRole('button', { name: 'Enregistrer la même chose maintenant' }),
        'Enregistrer la même chose maintenant',
      );
    },
  },
];

export interface MesureScenario {
  nom: string;
  interactions: number;
  gestes: string;
  /** Milliseconds, one per run, with the human typing delay. */
  humain: number[];
  /** Milliseconds, one per run, without any delay. */
  machine: number[];
}

export interface FiguresSaisie {
  repetitions: number;
  scenarios: MesureScenario[];
}

async function seConnecter(page: Page, base: string) {
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse électronique').fill(COMPTE);
  await page.getByLabel('Mot de passe', { exact: true }).fill(MOT_DE_PASSE_DEMO);
  await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
  await page.waitForURL((u) => u.pathname === '/tableau-de-bord');
}

/** Opens the quick-entry page; returns the browser's clock at its DOMContentLoaded (epoch ms). */
async function ouvrirSaisie(page: Page, base: string): Promise<number> {
  await page.goto(`${base}/sollicitations`, { waitUntil: 'domcontentloaded' });
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return performance.timeOrigin + (navigation?.domContentLoadedEventStart ?? 0);
  });
}

/** Waits for the success alert; returns the browser's clock when it was first seen visible (epoch ms). */
async function attendreConfirmation(page: Page): Promise<number> {
  const vu = await page.waitForFunction(() => {
    const alerte = document.querySelector('.fr-alert--success');
    return alerte?.checkVisibility() ? performance.timeOrigin + performance.now() : false;
  });
  return (await vu.jsonValue()) as number;
}

/** The entry the confirmation names, checked against what the scenario meant; returns its id. */
async function entreeConfirmee(page: Page, situation: string): Promise<string> {
  const id = new URL(page.url()).searchParams.get('enregistree');
  const texte = (await page.locator('.fr-alert--success').textContent()) ?? '';
  if (!id || !texte.includes(situation)) throw new Error(`unexpected confirmation at ${page.url()}: ${texte}`);
  return id;
}

/** "Annuler cette saisie", on the page that confirms the entry `id`. */
async function annuler(page: Page, base: string, id: string) {
  if (!page.url().includes(`enregistree=${id}`)) await page.goto(`${base}/sollicitations?enregistree=${id}`);
  await page.getByRole('button', { name: 'Annuler cette saisie' }).click();
  await page.waitForURL((u) => !u.searchParams.has('enregistree'));
}

/** One run of a scenario: its duration (ms) and the interactions it took. */
async function executer(page: Page, base: string, scenario: Scenario, delai: number) {
  const agent = new Agent(page, delai);
  const debut = await ouvrirSaisie(page, base);
  // Autofocus is applied at the first rendering update after parsing, which a busy machine may delay past
  // DOMContentLoaded: wait for it (counted in the time: the agent cannot type before it).
  const focus = await page
    .waitForFunction(() => document.activeElement?.id === 'situation', null, { timeout: 5000 })
    .then(() => true)
    .catch(() => false);
  if (!focus) throw new Error('the focus is not in the situation field when the page opens');
  await scenario.jouer(agent);
  const fin = await attendreConfirmation(page);
  const id = await entreeConfirmee(page, scenario.situation);
  await scenario.verifier?.(page, id);
  await annuler(page, base, id);
  return { duree: fin - debut, interactions: agent.interactions, gestes: agent.resume() };
}

/** Measures every scenario, `REPETITIONS` times with human typing and as many times at machine speed. */
export async function mesurerSaisie(base: string): Promise<FiguresSaisie> {
  const navigateur = await lancerChromium();
  try {
    const contexte = await nouveauContexte(navigateur, { javaScript: true });
    const page = await contexte.newPage();
    page.setDefaultTimeout(10_000);
    const erreurs: string[] = [];
    page.on('pageerror', (e) => erreurs.push(e.message));
    // A stylesheet or script that fails to load (e.g. upgraded to https by the production CSP) would skew the times.
    // (The favicon, cut short whenever the page moves on, does not count.)
    page.on('requestfailed', (r) => {
      if (['stylesheet', 'script', 'font'].includes(r.resourceType()))
        erreurs.push(`${r.url()} failed: ${r.failure()?.errorText ?? 'unknown error'}`);
    });
    await seConnecter(page, base);

    // Warm-up, untimed: one entry saved and kept until the end; it is also the "last entry" scenario 3 repeats.
    await ouvrirSaisie(page, base);
    await page.keyboard.type('papiers');
    await page.keyboard.press('Enter');
    await attendreConfirmation(page);
    const amorce = await entreeConfirmee(page, PAPIERS);

    const scenarios: MesureScenario[] = [];
    try {
      for (const scenario of SCENARIOS) {
        const mesure: MesureScenario = { nom: scenario.nom, interactions: 0, gestes: '', humain: [], machine: [] };
        await scenario.preparer?.(page, base);
        for (const [delai, durees] of [
          [DELAI_HUMAIN_MS, mesure.humain],
          [0, mesure.machine],
        ] as const) {
          for (let i = 0; i < REPETITIONS; i++) {
            const r = await executer(page, base, scenario, delai);
            if (mesure.gestes && r.gestes !== mesure.gestes)
              throw new Error(`${scenario.nom}: "${r.gestes}" this time, "${mesure.gestes}" before`);
            mesure.interactions = r.interactions;
            mesure.gestes = r.gestes;
            durees.push(r.duree);
          }
        }
        scenarios.push(mesure);
      }
    } finally {
      await annuler(page, base, amorce).catch(() => {});
    }
    if (erreurs.length > 0) throw new Error(`errors in the page: ${erreurs.join('; ')}`);
    return { repetitions: REPETITIONS, scenarios };
  } finally {
    await navigateur.close();
  }
}

const mediane = (valeurs: number[]) => {
  const tries = [...valeurs].sort((a, b) => a - b);
  const milieu = Math.floor(tries.length / 2);
  return tries.length % 2 ? (tries[milieu] ?? 0) : ((tries[milieu - 1] ?? 0) + (tries[milieu] ?? 0)) / 2;
};

export function tableauSaisie(f: FiguresSaisie): string {
  const ms = (v: number) => `${Math.round(v)}`;
  const lignes = f.scenarios.map((s) => [
    s.nom,
    String(s.interactions),
    ms(mediane(s.humain)),
    ms(Math.max(...s.humain)),
    ms(mediane(s.machine)),
    ms(Math.max(...s.machine)),
    s.gestes,
  ]);
  const entete = ['quick entry scenario', 'interactions', 'human p50 ms', 'max', 'machine p50 ms', 'max', 'gestures'];
  const largeurs = entete.map((e, i) => Math.max(e.length, ...lignes.map((l) => (l[i] ?? '').length)));
  const texte = [entete, ...lignes].map((l) =>
    l
      .map((c, i) => (i === 0 || i === l.length - 1 ? c.padEnd(largeurs[i] ?? 0) : c.padStart(largeurs[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  texte.splice(1, 0, largeurs.map((l) => '-'.repeat(l)).join('  '));
  return [
    `Quick entry of a request at the counter: real Chromium signed in as ${COMPTE}, /sollicitations, keyboard only;`,
    `${f.repetitions} runs per scenario and speed (median and max).`,
    '',
    ...texte,
    '',
    'Interactions: 1 per text typed (keyboard.type), 1 per key pressed (Enter, Tab, ArrowDown…), 1 per click; the',
    'focus starts in the situation field (autofocus), so reaching it costs nothing. Time: from the DOMContentLoaded of',
    'the quick-entry page to the success alert "Sollicitation enregistrée à HH:MM" seen visible on the next page, both',
    `read on the browser's clock. Human: ${DELAI_HUMAIN_MS} ms per typed character and ${DELAI_HUMAIN_MS} ms before each key press, no`,
    'pointing time before a click; machine: no delay at all (what is left is the round trip, rendering and the server).',
    'Each entry is undone after it is measured (not timed); one untimed entry first warms up and is the one repeated.',
  ].join('\n');
}
