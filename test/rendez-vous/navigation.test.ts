import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balises } from '../formulaires/outils.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// How a site's appointment pages lead to each other (issue 11): the staff dashboard lists the sites whose day board
// the person keeps; the day board, the agenda, booking, the manager's page and the appointments to take up link to
// the others the person may open, and never to one they would be refused.

let ctx: Contexte;
let sceaux: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  const [s] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
  sceaux = s?.id as string;
});
afterAll(() => ctx.fermer());

/** The links of a page's "other pages" navigation, or of the whole page. */
function liens(html: string, seulementNavigation = true): string[] {
  const debut = seulementNavigation ? html.indexOf('aria-label="Autres pages des rendez-vous du lieu"') : 0;
  if (debut < 0) return [];
  const fin = seulementNavigation ? html.indexOf('</nav>', debut) : html.length;
  return balises(html.slice(debut, fin), 'a').map((a) => a.attributs.get('href') ?? '');
}

async function page(client: Client, url: string) {
  const r = await client.get(url);
  expect(r.statusCode, url).toBe(200);
  return r.body;
}

describe('navigation between a site’s appointment pages', () => {
  it('lists the agent’s site on the dashboard, and links the day board, the agenda, booking and the manager’s pages', async () => {
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const tableau = await page(agent, '/tableau-de-bord');
    expect(tableau).toContain('Rendez-vous et file d’attente');
    expect(liens(tableau, false)).toEqual(
      expect.arrayContaining([`/sites/${sceaux}/journee`, `/sites/${sceaux}/rendez-vous`]),
    );

    const gestion = `/admin/sites/${sceaux}/rendez-vous`;
    const mandats = `/sites/${sceaux}/mandats`;
    expect(liens(await page(agent, `/sites/${sceaux}/journee`))).toEqual([
      `/sites/${sceaux}/rendez-vous`,
      `/sites/${sceaux}/rendez-vous/nouveau`,
      mandats,
      gestion,
      `${gestion}/a-reprendre`,
    ]);
    const agenda = await page(agent, `/sites/${sceaux}/rendez-vous`);
    expect(liens(agenda)).toEqual([mandats, gestion, `${gestion}/a-reprendre`]);
    expect(liens(agenda, false)).toEqual(
      expect.arrayContaining([`/sites/${sceaux}/rendez-vous/nouveau`, `/sites/${sceaux}/journee`]),
    );
    expect(liens(await page(agent, `/sites/${sceaux}/rendez-vous/nouveau`))).toEqual([
      `/sites/${sceaux}/journee`,
      `/sites/${sceaux}/rendez-vous`,
      mandats,
      gestion,
      `${gestion}/a-reprendre`,
    ]);
    expect(liens(await page(agent, gestion))).toEqual([
      `/sites/${sceaux}/journee`,
      `/sites/${sceaux}/rendez-vous`,
      `/sites/${sceaux}/rendez-vous/nouveau`,
      mandats,
      `${gestion}/a-reprendre`,
    ]);
    expect(liens(await page(agent, `${gestion}/a-reprendre`))).toEqual([
      `/sites/${sceaux}/journee`,
      `/sites/${sceaux}/rendez-vous`,
      `/sites/${sceaux}/rendez-vous/nouveau`,
      mandats,
      gestion,
    ]);
  });

  it('shows no day board of Sceaux to an agent of another structure, nor to someone without a counter', async () => {
    const aix = await clientConnecte(ctx.app, DEMO.agentAix);
    const tableau = await page(aix, '/tableau-de-bord');
    expect(liens(tableau, false)).not.toContain(`/sites/${sceaux}/journee`);
    const caf = await clientConnecte(ctx.app, DEMO.referentCaf);
    expect(await page(caf, '/tableau-de-bord')).not.toContain('Rendez-vous et file d’attente');
  });
});
