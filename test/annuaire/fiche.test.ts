import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Contexte, demarrerApp } from '../harnais.ts';

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterEach(() => vi.useRealTimers());
afterAll(() => ctx.fermer());

async function idSite(nom: string) {
  const [r] = await ctx.sql<{ id: string }>('select id from sites where nom = $1', [nom]);
  return r?.id as string;
}

const texte = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('public site page', () => {
  it('shows the address, contact, partners and whether the site is open now', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T09:00:00Z')); // Monday 10:00 in Paris
    const r = await ctx.app.inject({ url: `/lieux/${await idSite('France services de Sceaux')}` });
    expect(r.statusCode).toBe(200);
    const t = texte(r.body);
    expect(t).toContain('49 rue de Bagneux');
    expect(t).toContain('01 71 22 44 45');
    expect(t).toContain('Agence postale communale sur place');
    expect(t).toContain('Ouvert jusqu’à 12:30');
    expect(t).toContain('CAF');
    expect(t).toContain('Jeudi : 09:30–12:30');
    expect(t).toContain('lundi 7 décembre 09:30 – 12:30 14:30 – 17:30');
    expect(t).toContain('dimanche 13 décembre Fermé');
    expect(t).not.toContain('Services proposés');
    await ctx.sql(
      `update sites set services = '{"Accès libre à un ordinateur"}' where nom = 'France services de Sceaux'`,
    );
    const apres = texte((await ctx.app.inject({ url: `/lieux/${await idSite('France services de Sceaux')}` })).body);
    expect(apres).toContain('Services proposés Accès libre à un ordinateur');
  });

  it('shows public holidays and announced closures in the next 14 days', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-21T17:00:00Z')); // Monday 18:00 in Paris
    const id = await idSite('France services de Sceaux');
    await ctx.sql(
      `insert into fermetures (site_id, debut, fin, motif) values ($1, '2026-12-28', '2026-12-31', 'Inventaire annuel')`,
      [id],
    );
    const t = texte((await ctx.app.inject({ url: `/lieux/${id}` })).body);
    expect(t).toContain('vendredi 25 décembre Jour férié (Noël)');
    expect(t).toContain('lundi 28 décembre Fermeture exceptionnelle : Inventaire annuel');
    expect(t).toContain('Fermé – ouvre mardi 22 décembre à 09:30');
    expect(t).toContain('Fermetures annoncées');
  });

  it('shows where an itinerant service stops, day by day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T07:00:00Z')); // Monday 08:00 in Paris
    const t = texte((await ctx.app.inject({ url: `/lieux/${await idSite('Permanences itinérantes d’Agen')}` })).body);
    expect(t).toContain('Passages des 14 prochains jours');
    expect(t).toContain('mardi 8 décembre 09:00 – 12:00 : Mairie de Pont-du-Casse, Pont-du-Casse');
    expect(t).toContain('Fermé – ouvre mardi 8 décembre à 09:00 – Mairie de Pont-du-Casse (Pont-du-Casse)');
    expect(t).toContain('Les arrêts de la tournée');
  });

  it('answers 404 for an unknown or deactivated site', async () => {
    expect((await ctx.app.inject({ url: '/lieux/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    const id = await idSite('Maison du Plateau');
    await ctx.sql('update sites set actif = false where id = $1', [id]);
    expect((await ctx.app.inject({ url: `/lieux/${id}` })).statusCode).toBe(404);
    await ctx.sql('update sites set actif = true where id = $1', [id]);
  });
});
