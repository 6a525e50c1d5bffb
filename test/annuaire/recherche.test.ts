import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Contexte, demarrerApp } from '../harnais.ts';

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterEach(() => vi.useRealTimers());
afterAll(() => ctx.fermer());

const texte = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const titres = (html: string) =>
  [...html.matchAll(/class="fr-card__title"><a href="[^"]+">([^<]+)</g)].map((m) => m[1]);

describe('public search', () => {
  it('finds the nearest sites to a commune, with distance and travel time, without JavaScript', async () => {
    const r = await ctx.app.inject({ url: '/recherche?q=Sceaux' });
    expect(r.statusCode).toBe(200);
    expect(titres(r.body)[0]).toBe('France services de Sceaux');
    const t = texte(r.body);
    expect(t).toMatch(/lieux les plus proches de Sceaux/);
    expect(t).toMatch(/France services · [\d,]+ (m|km) · environ \d+ min en voiture/);
  });

  it('finds by postcode, and gives a tour’s nearest stop', async () => {
    const r = await ctx.app.inject({ url: '/recherche?q=47480' });
    expect(r.statusCode).toBe(200);
    expect(titres(r.body)[0]).toBe('Permanences itinérantes d’Agen');
    expect(texte(r.body)).toContain('Arrêt le plus proche : Mairie de Pont-du-Casse, Pont-du-Casse');
  });

  it('tells when a tour next comes to the stop nearest to the searched place', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T07:00:00Z')); // Monday 08:00 in Agen
    const r = await ctx.app.inject({ url: '/recherche?q=Foulayronnes' });
    const t = texte(r.body);
    expect(t).toContain('Arrêt le plus proche : Mairie de Foulayronnes, Foulayronnes');
    // Not Tuesday at Pont-du-Casse (the tour's next stop anywhere), but Wednesday here.
    expect(t).toContain('Fermé – ouvre mercredi 9 décembre à 09:00 – Mairie de Foulayronnes (Foulayronnes)');
  });

  it('says so, in French, when the place is unknown, and survives hostile input', async () => {
    const r = await ctx.app.inject({ url: `/recherche?q=${encodeURIComponent('zzqqxx')}` });
    expect(r.statusCode).toBe(200);
    expect(texte(r.body)).toContain('Nous n’avons pas trouvé « zzqqxx »');
    expect((await ctx.app.inject({ url: '/recherche?q=%00%3Cscript%3E' })).statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/recherche?q=a&q=b' })).statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/recherche' })).body).toContain('Commune, code postal ou adresse');
  });

  it('offers the search from the home page', async () => {
    const r = await ctx.app.inject({ url: '/' });
    expect(r.body).toContain('action="/recherche"');
  });
});
