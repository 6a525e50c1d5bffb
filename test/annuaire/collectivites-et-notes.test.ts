// Issue 9, points 2, 5 and 7: the overseas collectivities (Saint-Martin) are part of the network, the national list's
// comments reach people as a public note, and time zones are named in French.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oublierRegistre } from '../../src/modules/annuaire/index.ts';
import { oublierRegistreApi } from '../../src/modules/donnees/index.ts';
import { importerFranceServices } from '../../src/modules/imports/index.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';

const LISTE = readFileSync(new URL('../../data/france-services-2022-12-01.csv', import.meta.url), 'utf8');
const NATIONAL = { national: true, departements: [], structures: [], sites: [], partenaires: [] };
const NOTE_ROUEN = 'Le mercredi permanence de 9h00 à 12h00 au centre social Simone Veil au 74 Rue Jules Adeline';

let ctx: Contexte;
let admin: Client;

/** The real rows of Saint-Martin (1684, 1685) and of Rouen's Maison du Plateau (1816, with a comment). */
function extrait(...ids: string[]) {
  const lignes = LISTE.split('\n');
  return `${[lignes[0], ...ids.map((id) => lignes.find((l) => l.startsWith(`"${id}",`)))].join('\n')}\n`;
}

beforeAll(async () => {
  ctx = await demarrerApp();
  const r = await importerFranceServices(ctx.database.db, NATIONAL, extrait('1684', '1685', '1816'));
  expect(r).toMatchObject({ creees: 2, misesAJour: 1, rejetees: [] });
  oublierRegistre(ctx.database.db);
  oublierRegistreApi(ctx.database.db);
  admin = await clientConnecte(ctx.app, DEMO.admin);
});
afterAll(() => ctx.fermer());

const texte = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const titres = (html: string) =>
  [...html.matchAll(/class="fr-card__title"><a href="[^"]+">([^<]+)</g)].map((m) => m[1]);

async function idSite(idFs: number) {
  const [r] = await ctx.sql<{ id: string }>('select id from sites where id_fs = $1', [idFs]);
  return r?.id as string;
}

describe('Saint-Martin, an overseas collectivity, is part of the network', () => {
  it('finds its sites from its postcode, nearby instead of 243 km away', async () => {
    const r = await ctx.app.inject({ url: '/recherche?q=97150' });
    expect(r.statusCode).toBe(200);
    expect(titres(r.body).slice(0, 2).sort()).toEqual([
      'France services de Quartier d’Orléans',
      'France services de Sandy Ground',
    ]);
    expect(texte(r.body)).toMatch(/lieux les plus proches de Saint-Martin/);
    expect(texte(r.body)).toMatch(/France services · \d(,\d)? km/);
  });

  it('shows its hours on Saint-Martin’s clock, named in French', async () => {
    const t = texte((await ctx.app.inject({ url: `/lieux/${await idSite(1684)}` })).body);
    expect(t).toContain('Heures locales (heure de Saint-Martin).');
    expect(t).not.toContain('America/Marigot');
    const fiche = texte((await admin.get(`/admin/sites/${await idSite(1684)}`)).body);
    expect(fiche).toContain('(heure de Saint-Martin)');
    const horaires = texte((await admin.get(`/admin/sites/${await idSite(1684)}/horaires`)).body);
    expect(horaires).toContain('Par défaut pour ce territoire : heure de Saint-Martin.');
    expect(horaires).toContain('Heure de La Réunion');
    for (const vu of [t, fiche, horaires]) expect(vu).not.toMatch(/America\/|Indian\/|Europe\/Paris/);
  });

  it('has its own report and its own line on the compliance page', async () => {
    const choix = texte((await admin.get('/rapports')).body);
    expect(choix).toContain('Collectivité 978 – Saint-Martin');
    const r = await admin.get('/rapports?perimetre=departement:978');
    expect(r.statusCode).toBe(200);
    expect(texte(r.body)).toContain('Collectivité 978 – Saint-Martin');
    const conformite = await admin.get('/admin/conformite?departement=978&seulement=tous');
    expect(conformite.statusCode).toBe(200);
    const t = texte(conformite.body);
    expect(t).toContain('978 – Saint-Martin');
    expect(t).toContain('France services de Sandy Ground');
    expect(t).not.toContain('France services de Sceaux');
  });

  it('may hold a structure and a coordinator of its own', async () => {
    await admin.get('/admin/structures/nouvelle');
    const r = await admin.post('/admin/structures', {
      nom: 'France services de Gustavia',
      departement: '977',
      porteur: 'commune',
    });
    expect(r.statusCode).toBe(303);
    const [s] = await ctx.sql(`select departement from structures where nom = 'France services de Gustavia'`);
    expect(s).toEqual({ departement: '977' });
  });
});

describe('the national list’s comment is a public note', () => {
  it('reaches the site page, the poster, the GeoJSON, the API and the ANCT file', async () => {
    const id = await idSite(1816);
    const page = texte((await ctx.app.inject({ url: `/lieux/${id}` })).body);
    expect(page).toContain(`À savoir ${NOTE_ROUEN}`);

    const affiche = await ctx.app.inject({ url: `/lieux/${id}/affiche.pdf` });
    const pdf = (await lirePdf(affiche.rawPayload)).texte.replace(/\s+/g, ' ');
    expect(pdf).toContain('À savoir');
    expect(pdf).toContain('centre social Simone Veil');

    const geojson = (await ctx.app.inject({ url: '/donnees/france-services.geojson' })).json();
    const rouen = geojson.features.find((f: { id: string }) => f.id === id);
    expect(rouen.properties.commentaire).toMatch(/^Le mercredi permanence de 9h00 à 12h00/);

    const api = (await ctx.app.inject({ url: '/api/v1/sites?departement=76&limit=100' })).json();
    const site = api.items.find((s: { id: string }) => s.id === id);
    expect(site.note).toMatch(/^Le mercredi permanence de 9h00 à 12h00/);

    const csv = (await ctx.app.inject({ url: '/donnees/france-services.csv' })).body;
    expect(csv).toContain('centre social Simone Veil');
    const retour = await importerFranceServices(ctx.database.db, NATIONAL, csv);
    expect(retour.creees).toBe(0);
    const [apres] = await ctx.sql('select commentaire from sites where id = $1', [id]);
    expect(apres?.commentaire).toMatch(/^Le mercredi permanence de 9h00 à 12h00/);
  });

  it('is edited by the site’s manager, and removed when emptied', async () => {
    const gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
    const [s] = await ctx.sql<Record<string, unknown>>(
      `select id, structure_id, nom, genre, adresse, complement_adresse, code_postal, commune, code_insee, telephone,
              courriel, latitude, longitude, to_char(date_labellisation, 'YYYY-MM-DD') as date_labellisation, id_fs
         from sites where id_fs = 2541`,
    );
    const formulaire = await gestion.get(`/admin/sites/${s?.id}/modifier`);
    expect(formulaire.body).toContain('name="commentaire"');
    const corps = (commentaire: string) => ({
      structureId: String(s?.structure_id),
      nom: String(s?.nom),
      genre: String(s?.genre),
      adresse: String(s?.adresse),
      complementAdresse: String(s?.complement_adresse ?? ''),
      codePostal: String(s?.code_postal),
      commune: String(s?.commune),
      codeInsee: String(s?.code_insee ?? ''),
      telephone: String(s?.telephone ?? ''),
      courriel: String(s?.courriel ?? ''),
      latitude: String(s?.latitude),
      longitude: String(s?.longitude),
      accessibilite: '',
      services: [],
      partenaires: ['caf'],
      dateLabellisation: String(s?.date_labellisation),
      idFs: '2541',
      commentaire,
    });
    const r = await gestion.post(`/admin/sites/${s?.id}`, corps('Uniquement sur rendez-vous.\r\nEntrée côté parc.'));
    expect(r.statusCode).toBe(303);
    const fiche = texte((await gestion.get(`/admin/sites/${s?.id}`)).body);
    expect(fiche).toContain('Note publique Uniquement sur rendez-vous. Entrée côté parc.');
    const publique = (await ctx.app.inject({ url: `/lieux/${s?.id}` })).body;
    expect(publique).toContain('Uniquement sur rendez-vous.<br/>Entrée côté parc.');

    const trop = await gestion.post(`/admin/sites/${s?.id}`, corps('a'.repeat(1001)));
    expect(trop.statusCode).toBe(422);
    expect(texte(trop.body)).toContain('La note publique ne doit pas dépasser 1000 caractères');

    expect((await gestion.post(`/admin/sites/${s?.id}`, corps(''))).statusCode).toBe(303);
    expect(texte((await ctx.app.inject({ url: `/lieux/${s?.id}` })).body)).not.toContain('À savoir');
  });
});
