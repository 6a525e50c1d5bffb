import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contexte, demarrerApp } from '../harnais.ts';

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
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
