import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, structureNommee, utilisateurNomme } from '../fabriques.ts';
import { flash, pageSuivante, texte } from '../formulaires/outils.ts';
import { Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

/**
 * Exceptional closures: announced by managers with a reason (and an urgent reason under 7 days' notice, then flagged),
 * listed upcoming and over the last 12 months, deletable only before they start, shown on the public page.
 */

let ctx: Contexte;
let gestion: Client;
let sceaux: string;
let siteRouen: string;
let siteSceaux: string;
beforeAll(async () => {
  ctx = await demarrerApp();
  gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  const id = async (nom: string) =>
    (await ctx.sql<{ id: string }>('select id from sites where nom = $1', [nom]))[0]?.id;
  siteRouen = (await id('Maison du Plateau')) as string;
  siteSceaux = (await id('France services de Sceaux')) as string;
});
afterAll(() => ctx.fermer());

/** Today on the site's wall clock (Europe/Paris), then `n` days later, as YYYY-MM-DD. */
function dans(n: number): string {
  const [a, m, j] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  return new Date(Date.UTC(a, m - 1, j + n)).toISOString().slice(0, 10);
}

const fr = (iso: string) => iso.split('-').reverse().join('/');

const fermeturesDe = (id: string) =>
  ctx.sql<{ id: string; debut: string; fin: string; motif: string; motif_urgence: string | null; annonce_par: string }>(
    `select id, to_char(debut, 'YYYY-MM-DD') as debut, to_char(fin, 'YYYY-MM-DD') as fin, motif, motif_urgence, annonce_par
     from fermetures where site_id = $1 order by debut`,
    [id],
  );

async function annoncer(c: Client, id: string, champs: Record<string, string>) {
  await c.get(`/admin/sites/${id}/fermetures`);
  return c.post(`/admin/sites/${id}/fermetures`, { motifUrgence: '', ...champs });
}

/** The row of the closures table whose period cell starts with the given text. */
function ligne(html: string, periode: string): string | undefined {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '').find((l) => texte(l).startsWith(periode));
}

describe('announcing a closure', () => {
  it('a closure starting in less than 7 days without an urgent reason is refused on that field', async () => {
    const id = await creerSite(ctx, sceaux);
    const r = await annoncer(gestion, id, { debut: dans(2), fin: dans(2), motif: 'Dégât des eaux' });
    expect(r.statusCode).toBe(422);
    expect(texte(r.body)).toContain(
      "Motif d’urgence : La fermeture commence dans moins de 7 jours : indiquez le motif d'urgence.",
    );
    expect(r.body).toMatch(/id="motifUrgence"[^>]*aria-invalid="true"/);
    expect(await fermeturesDe(id)).toEqual([]);
  });

  it('with an urgent reason it is saved, with who announced it, and flagged as late', async () => {
    const id = await creerSite(ctx, sceaux);
    const avant = Date.now();
    const r = await annoncer(gestion, id, {
      debut: dans(2),
      fin: dans(3),
      motif: 'Dégât des eaux',
      motifUrgence: 'Inondation de l’accueil',
    });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/admin/sites/${id}/fermetures`);
    const [f] = await fermeturesDe(id);
    expect(f).toMatchObject({
      debut: dans(2),
      fin: dans(3),
      motif: 'Dégât des eaux',
      motif_urgence: 'Inondation de l’accueil',
      annonce_par: await utilisateurNomme(ctx, DEMO.gestionSceaux),
    });
    const [{ annonce_le } = { annonce_le: new Date(0) }] = await ctx.sql<{ annonce_le: Date }>(
      'select annonce_le from fermetures where id = $1',
      [f?.id],
    );
    expect(annonce_le.getTime()).toBeGreaterThanOrEqual(avant - 1000);
    const page = await pageSuivante(ctx.app, gestion, r);
    expect(flash(page)).toBe(
      'La fermeture exceptionnelle est enregistrée. Annoncée moins de 7 jours à l’avance, elle est signalée comme tardive.',
    );
    const l = ligne(page, `Du ${fr(dans(2))} au ${fr(dans(3))}`);
    expect(l).toContain('<p class="fr-badge fr-badge--sm fr-badge--warning">Annoncée tardivement</p>');
    expect(texte(l ?? '')).toContain('Motif d’urgence : Inondation de l’accueil');
    expect(texte(l ?? '')).toMatch(/par \S+ \S+/);
  });

  it('7 full days ahead (starting in 8 days) is on time: no urgent reason needed, not flagged', async () => {
    const id = await creerSite(ctx, sceaux);
    const r = await annoncer(gestion, id, { debut: dans(8), fin: dans(8), motif: 'Formation de l’équipe' });
    expect(r.statusCode).toBe(303);
    const page = await pageSuivante(ctx.app, gestion, r);
    expect(flash(page)).toBe('La fermeture exceptionnelle est enregistrée.');
    const l = ligne(page, `Le ${fr(dans(8))}`);
    expect(l).toBeDefined();
    expect(l).not.toContain('Annoncée tardivement');
  });

  it('starting in 7 days, that is less than 7 full days ahead, needs an urgent reason', async () => {
    const id = await creerSite(ctx, sceaux);
    const r = await annoncer(gestion, id, { debut: dans(7), fin: dans(7), motif: 'Formation de l’équipe' });
    expect(r.statusCode).toBe(422);
    expect(await fermeturesDe(id)).toEqual([]);
  });

  it('refuses a last day before the first', async () => {
    const id = await creerSite(ctx, sceaux);
    const r = await annoncer(gestion, id, { debut: dans(20), fin: dans(19), motif: 'Travaux' });
    expect(r.statusCode).toBe(422);
    expect(texte(r.body)).toContain('Dernier jour de fermeture : Le dernier jour doit être le premier jour ou après.');
    expect(await fermeturesDe(id)).toEqual([]);
  });
});

describe('the list', () => {
  it('shows upcoming and current closures, and past ones of the last 12 months only', async () => {
    const id = await creerSite(ctx, sceaux);
    const inserer = (debut: string, fin: string, motif: string) =>
      ctx.sql(
        `insert into fermetures (site_id, debut, fin, motif, annonce_le) values ($1, $2, $3, $4, $2::date - 30)`,
        [id, debut, fin, motif],
      );
    await inserer(dans(-400), dans(-400), 'Très ancienne');
    await inserer(dans(-200), dans(-199), 'Inventaire de l’an passé');
    await inserer(dans(-1), dans(1), 'Travaux en cours');
    await inserer(dans(40), dans(41), 'Séminaire');
    const page = (await gestion.get(`/admin/sites/${id}/fermetures`)).body;
    const [aVenir, passees] = page.split('Passées (12 derniers mois)');
    expect(texte(aVenir ?? '')).toContain('Travaux en cours');
    expect(texte(aVenir ?? '')).toContain('Séminaire');
    expect(texte(passees ?? '')).toContain('Inventaire de l’an passé');
    expect(page).not.toContain('Très ancienne');
  });
});

describe('deleting a closure', () => {
  it('a closure that has not started is deleted', async () => {
    const id = await creerSite(ctx, sceaux);
    await annoncer(gestion, id, { debut: dans(30), fin: dans(30), motif: 'Séminaire' });
    const [f] = await fermeturesDe(id);
    const page = (await gestion.get(`/admin/sites/${id}/fermetures`)).body;
    expect(page).toContain(`action="/admin/sites/${id}/fermetures/${f?.id}/supprimer"`);
    const r = await gestion.post(`/admin/sites/${id}/fermetures/${f?.id}/supprimer`);
    expect(r.statusCode).toBe(303);
    expect(flash(await pageSuivante(ctx.app, gestion, r))).toBe('La fermeture exceptionnelle est supprimée.');
    expect(await fermeturesDe(id)).toEqual([]);
  });

  it('a past or current closure stays as history', async () => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql(
      `insert into fermetures (site_id, debut, fin, motif) values ($1, $2, $2, 'Passée'), ($1, $3, $4, 'En cours')`,
      [id, dans(-10), dans(0), dans(2)],
    );
    const page = (await gestion.get(`/admin/sites/${id}/fermetures`)).body;
    expect(page).not.toContain('/supprimer"');
    for (const f of await fermeturesDe(id)) {
      const r = await gestion.post(`/admin/sites/${id}/fermetures/${f.id}/supprimer`);
      expect(r.statusCode).toBe(303);
      expect(flash(await pageSuivante(ctx.app, gestion, r))).toBe(
        'Cette fermeture a déjà commencé ou est passée : elle reste dans l’historique et ne peut pas être supprimée.',
      );
    }
    expect(await fermeturesDe(id)).toHaveLength(2);
  });

  it('another site’s closure, or an unknown one, is a 404 through this site’s address', async () => {
    const id = await creerSite(ctx, sceaux);
    const autre = await creerSite(ctx, sceaux);
    await annoncer(gestion, autre, { debut: dans(30), fin: dans(30), motif: 'Séminaire' });
    const [f] = await fermeturesDe(autre);
    await gestion.get(`/admin/sites/${id}/fermetures`);
    for (const cible of [f?.id, '00000000-0000-4000-8000-000000000000', 'abc']) {
      expect((await gestion.post(`/admin/sites/${id}/fermetures/${cible}/supprimer`)).statusCode).toBe(404);
    }
    expect(await fermeturesDe(autre)).toHaveLength(1);
  });
});

describe('who may do what', () => {
  it('a manager of Sceaux gets a 404 on Rouen’s closures and writes nothing', async () => {
    const [f] = await ctx.sql<{ id: string }>(
      `insert into fermetures (site_id, debut, fin, motif) values ($1, $2, $2, 'Rouen') returning id`,
      [siteRouen, dans(30)],
    );
    expect((await gestion.get(`/admin/sites/${siteRouen}/fermetures`)).statusCode).toBe(404);
    await gestion.get(`/admin/sites/${siteSceaux}/fermetures`);
    const r = await gestion.post(`/admin/sites/${siteRouen}/fermetures`, {
      debut: dans(30),
      fin: dans(30),
      motif: 'Intrusion',
      motifUrgence: '',
    });
    expect(r.statusCode).toBe(404);
    expect((await gestion.post(`/admin/sites/${siteRouen}/fermetures/${f?.id}/supprimer`)).statusCode).toBe(404);
    expect(await fermeturesDe(siteRouen)).toHaveLength(1);
  });

  it('an agent of Sceaux reads the closures, has no form or delete button, and gets 403 on POST', async () => {
    const id = await creerSite(ctx, sceaux);
    await annoncer(gestion, id, { debut: dans(30), fin: dans(30), motif: 'Séminaire' });
    const [f] = await fermeturesDe(id);
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const page = await agent.get(`/admin/sites/${id}/fermetures`);
    expect(page.statusCode).toBe(200);
    expect(texte(page.body)).toContain('Séminaire');
    expect(page.body).not.toContain('id="formulaire-fermeture"');
    expect(page.body).not.toContain('/supprimer"');
    for (const corps of [
      { debut: dans(30), fin: dans(30), motif: 'Agent', motifUrgence: '' },
      { debut: 'x', fin: '', motif: '', motifUrgence: '' },
    ]) {
      expect((await agent.post(`/admin/sites/${id}/fermetures`, corps)).statusCode).toBe(403);
    }
    expect((await agent.post(`/admin/sites/${id}/fermetures/${f?.id}/supprimer`)).statusCode).toBe(403);
    expect(await fermeturesDe(id)).toHaveLength(1);
  });
});

describe('in public', () => {
  it('a closure announced here shows on the site’s public page', async () => {
    await annoncer(gestion, siteSceaux, { debut: dans(10), fin: dans(11), motif: 'Déménagement du guichet' });
    const page = await new Client(ctx.app).get(`/lieux/${siteSceaux}`);
    expect(page.statusCode).toBe(200);
    expect(texte(page.body)).toContain('Déménagement du guichet');
  });
});
