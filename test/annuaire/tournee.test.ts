import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { importerTournee } from '../../src/modules/imports/index.ts';
import { flash, pageSuivante, texte } from '../formulaires/outils.ts';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// The Charente bus: 12 stops, four of them called "Place de la mairie", odd weeks then even weeks. 2026 has an ISO
// week 53 (Monday 28 December 2026 to Sunday 3 January 2027), followed by week 1 of 2027, odd as well.

const TOURNEE = readFileSync(new URL('../../data/bus-france-services-charente.json', import.meta.url));

let ctx: Contexte;
let bus: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  const r = await importerTournee(
    ctx.database.db,
    { national: true, departements: [], structures: [], sites: [], partenaires: [] },
    TOURNEE,
  );
  bus = r.site?.id as string;
});
afterEach(() => vi.useRealTimers());
afterAll(() => ctx.fermer());

function aLInstant(instant: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
}

describe('a tour on the public pages', () => {
  it('gives the next passage at the nearest stop itself, not at another stop of the same name', async () => {
    aLInstant('2026-12-07T07:00:00Z'); // Monday 08:00 in Charente, ISO week 50 (even)
    const t = texte((await ctx.app.inject({ url: '/recherche?q=Verteuil-sur-Charente' })).body);
    expect(t).toContain('Arrêt le plus proche : Place de la mairie, Verteuil s/Charente');
    // Verteuil is Friday; Charmé's "Place de la mairie" is Tuesday 8 December.
    expect(t).toContain('Fermé – ouvre vendredi 11 décembre à 09:00 – Place de la mairie (Verteuil s/Charente)');
    expect(t).not.toContain('Place de la mairie (Charmé)');
  });

  it('lists every stop with its days, hours and weeks on the tour’s page', async () => {
    const html = (await ctx.app.inject({ url: `/lieux/${bus}` })).body;
    const lignes = [...html.matchAll(/<tr>\s*<th scope="row">([\s\S]*?)<\/tr>/g)]
      .map((m) => texte(m[1] ?? ''))
      .filter((l) => / Semaines (paires|impaires)$/.test(l));
    expect(lignes).toHaveLength(12);
    expect(lignes).toContain(
      'Face à la boulangerie Rue du Chant du Coq, 16140 Saint-Fraigne lundi 09:30–12:30 et 13:30–15:30 Semaines impaires',
    );
    expect(lignes.filter((l) => l.startsWith('Place de la mairie'))).toHaveLength(4);
    expect(lignes.find((l) => l.includes('Verteuil'))).toMatch(/vendredi 09:00–12:30 Semaines paires$/);
  });

  it('writes the first of the month "1er" and "du Tampon", as French does', async () => {
    aLInstant('2026-11-30T20:00:00Z'); // Monday 21:00 in Paris
    const t = texte((await ctx.app.inject({ url: `/lieux/${bus}` })).body);
    expect(t).toContain('mardi 1er décembre');
    expect(t).not.toMatch(/\b1 décembre/);
    const tampon = texte((await ctx.app.inject({ url: '/recherche?q=Le%20Tampon' })).body);
    expect(tampon).toContain('lieux les plus proches du Tampon (974)');
    const agen = await ctx.app.inject({ url: '/recherche?q=Agen' });
    expect(texte(agen.body)).toContain('lieux les plus proches d’Agen (47000)');
    expect(agen.body).toContain('<title>France services près d’Agen (47000)');
  });
});

describe('week 53 of a tour', () => {
  it('shows the manager the dates of week 53 and warns about stops left three weeks without a passage', async () => {
    aLInstant('2026-12-07T07:00:00Z');
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    const page = await admin.get(`/admin/sites/${bus}/horaires`);
    expect(page.statusCode).toBe(200);
    const t = texte(page.body);
    expect(t).toContain('Semaine 53 de 2026');
    expect(t).toContain('la semaine 53 va du lundi 28 décembre 2026 au dimanche 3 janvier 2027');
    // ISO's own rule (week 53 odd, then week 1 odd): every even-week stop waits three weeks, and so do the Friday
    // odd-week stops, whose week 53 Friday is 1 January.
    expect(t).toContain('8 arrêts restent trois semaines ou plus sans passage autour de la semaine 53 de 2026');
    expect(t).toContain(
      'Place de la mairie (Charmé) : aucun passage entre le mardi 22 décembre 2026 et le mardi 12 janvier 2027 (21 jours).',
    );
    expect(page.body).toContain('name="semaine53" value="impaire" checked');

    // The compliance page says it too, while week 53 is near.
    const conformite = texte((await admin.get('/admin/conformite?departement=16')).body);
    expect(conformite).toContain('Semaine 53 de 2026 : 8 arrêts sans passage pendant trois semaines ou plus');
  });

  it('lets the manager keep the alternation going: week 1 of 2027 then serves the even-week stops', async () => {
    aLInstant('2026-12-07T07:00:00Z');
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    await admin.get(`/admin/sites/${bus}/horaires`);
    const r = await admin.post(`/admin/sites/${bus}/horaires`, {
      fuseauHoraire: 'Europe/Paris',
      semaine53: 'alterner',
    });
    expect(r.statusCode).toBe(303);
    expect(flash(await pageSuivante(ctx.app, admin, r))).toBe(
      'Le fuseau horaire et la règle de la semaine 53 de la tournée sont enregistrés.',
    );
    const t = texte((await admin.get(`/admin/sites/${bus}/horaires`)).body);
    // Only the Friday stops still wait, because of Christmas and New Year's Day.
    expect(t).toContain('3 arrêts restent trois semaines ou plus sans passage');
    expect(t).not.toContain('Place de la mairie (Charmé) : aucun passage');

    aLInstant('2027-01-04T07:00:00Z'); // Monday of ISO week 1 of 2027
    const fiche = texte((await ctx.app.inject({ url: `/lieux/${bus}` })).body);
    expect(fiche).toContain(
      'mardi 5 janvier 09:30 – 12:00 : Derrière la mairie, La Foret de Tessé 13:30 – 16:30 : Place de la mairie, Charmé',
    );
    expect(fiche).not.toContain('mardi 5 janvier 09:00 – 12:30 : Place de la poste, Tusson');

    const refus = await admin.post(`/admin/sites/${bus}/horaires`, { fuseauHoraire: 'Europe/Paris', semaine53: 'x' });
    expect(refus.statusCode).toBe(422);
    expect(texte(refus.body)).toContain('Choisissez ce que fait la tournée en semaine 53.');
  });

  it('follows ISO numbering by default: week 1 of 2027 serves the odd-week stops again', async () => {
    await ctx.sql(`update sites set semaine_53 = 'impaire' where id = $1`, [bus]);
    aLInstant('2027-01-04T07:00:00Z');
    // The search keeps its registry for a minute: the site page reads the database.
    const fiche = texte((await ctx.app.inject({ url: `/lieux/${bus}` })).body);
    expect(fiche).toContain('mardi 5 janvier 09:00 – 12:30 : Place de la poste, Tusson');
    expect(fiche).not.toContain('mardi 5 janvier 09:30 – 12:00 : Derrière la mairie');
  });
});
