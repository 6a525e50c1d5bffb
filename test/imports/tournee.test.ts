import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerTournee, type RapportTournee } from '../../src/modules/imports/index.ts';
import { communeParCode } from '../../src/modules/territoires/index.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

const TOURNEE = readFileSync(new URL('../../data/bus-france-services-charente.json', import.meta.url));
const NATIONAL = { national: true, departements: [], structures: [], sites: [], partenaires: [] };

let ctx: Contexte;
let premier: RapportTournee;

beforeAll(async () => {
  ctx = await demarrerApp();
  premier = await importerTournee(ctx.database.db, NATIONAL, TOURNEE);
});
afterAll(() => ctx.fermer());

async function arrets(siteId: string) {
  return ctx.sql<{
    nom: string;
    adresse: string;
    commune: string;
    code_postal: string;
    code_insee: string;
    latitude: number;
    longitude: number;
    horaires: string;
    semaines: string;
    ordre: number;
  }>(
    'select nom, adresse, commune, code_postal, code_insee, latitude, longitude, horaires, semaines, ordre from arrets where site_id = $1 order by ordre',
    [siteId],
  );
}

describe('import of the Charente France services bus', () => {
  it('creates one itinerant site with its 12 stops', async () => {
    expect(premier).toMatchObject({ lues: 12, creees: 12, misesAJour: 0, rejetees: [] });
    expect(premier.site).toMatchObject({ nom: 'Bus France Services – Emmaus Ruffec', creee: true });
    const [site] = await ctx.sql(
      `select s.genre, s.horaires, s.fuseau_horaire, s.telephone, s.services, st.nom as structure, st.departement
         from sites s join structures st on st.id = s.structure_id where s.id = $1`,
      [premier.site?.id],
    );
    expect(site).toMatchObject({
      genre: 'itinerant',
      horaires: null, // an itinerant site's hours are its stops'
      fuseau_horaire: 'Europe/Paris',
      telephone: '0630392518',
      structure: 'Emmaus Ruffec',
      departement: '16',
    });
    expect(site?.services).toContain('Accéder à une connexion internet');
    const [p] = await ctx.sql<{ n: number }>('select count(*)::int as n from site_partenaires where site_id = $1', [
      premier.site?.id,
    ]);
    expect(p?.n).toBe(9);
  });

  it('cleans the stop names, keeps addresses, hours and ISO week parity', async () => {
    const liste = await arrets(premier.site?.id as string);
    expect(liste).toHaveLength(12);
    expect(liste[0]).toEqual({
      nom: 'Face à la boulangerie',
      adresse: 'Rue du Chant du Coq',
      commune: 'Saint-Fraigne',
      code_postal: '16140',
      code_insee: '16317',
      latitude: 45.952791,
      longitude: -0.008588,
      horaires: 'Mo 09:30-12:30,13:30-15:30; PH off',
      semaines: 'impaires',
      ordre: 1,
    });
    expect(liste[4]).toMatchObject({
      nom: 'Place Robert JOUBERT - St Angeau',
      adresse: '2 Place Arsène Roudy, Saint-Angeau',
    });
    expect(liste[11]).toMatchObject({
      commune: 'Verteuil s/Charente',
      semaines: 'paires',
      horaires: 'Fr 09:00-12:30; PH off',
    });
    expect(liste.map((a) => a.semaines)).toEqual([...Array(6).fill('impaires'), ...Array(6).fill('paires')]);
    expect(liste.map((a) => a.ordre)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('moves a stop geocoded in another Valence back to its commune, with a warning', async () => {
    expect(premier.avertissements).toEqual([
      {
        ligne: 4,
        raison:
          'coordonnées (43.451334, 5.411872) à 485 km de la commune Valence : remplacées par le centre de la commune (position approchée)',
      },
    ]);
    const valence = communeParCode('16392');
    const liste = await arrets(premier.site?.id as string);
    expect(liste[3]).toMatchObject({ commune: 'Valence', latitude: valence?.latitude, longitude: valence?.longitude });
  });

  it('replaces the stops when imported again: no duplicate site, structure or stop', async () => {
    const second = await importerTournee(ctx.database.db, NATIONAL, TOURNEE);
    expect(second).toMatchObject({ lues: 12, creees: 0, misesAJour: 12, rejetees: [] });
    expect(second.site).toEqual({ ...premier.site, creee: false });
    const [compte] = await ctx.sql(
      `select (select count(*)::int from sites where nom = 'Bus France Services – Emmaus Ruffec') as sites,
              (select count(*)::int from structures where nom = 'Emmaus Ruffec') as structures,
              (select count(*)::int from arrets where site_id = $1) as arrets`,
      [premier.site?.id],
    );
    expect(compte).toEqual({ sites: 1, structures: 1, arrets: 12 });
  });

  it('rejects stops it cannot read, with their number, and imports the others', async () => {
    const stops = JSON.parse(TOURNEE.toString('utf8')) as Array<Record<string, unknown>>;
    const modifies = stops.slice(0, 4).map((s) => ({ ...s }));
    (modifies[1] as Record<string, unknown>).horaires = 'Tu 09:00-12:30 sauf vacances';
    (modifies[2] as Record<string, unknown>).ouverture = 'Une semaine sur trois';
    const r = await importerTournee(ctx.database.db, NATIONAL, JSON.stringify(modifies));
    expect(r).toMatchObject({ lues: 4, creees: 0, misesAJour: 2 });
    expect(r.rejetees.map((x) => x.ligne)).toEqual([2, 3]);
    expect(r.rejetees[0]?.raison).toMatch(/^horaires « Tu 09:00-12:30 sauf vacances » : /);
    expect(r.rejetees[1]?.raison).toBe(
      'ouverture « une semaine sur trois » : « Semaine paire », « Semaine impaire » ou vide attendu',
    );
    expect(await arrets(premier.site?.id as string)).toHaveLength(2);
  });

  it('reports a file that is not a list of places', async () => {
    expect((await importerTournee(ctx.database.db, NATIONAL, '{"nom": "x"}')).erreurFichier).toBe(
      'le fichier doit contenir un tableau JSON de lieux (un par arrêt)',
    );
    expect((await importerTournee(ctx.database.db, NATIONAL, '[{"nom": ')).erreurFichier).toMatch(/^JSON illisible/);
    expect((await importerTournee(ctx.database.db, NATIONAL, '[]')).erreurFichier).toBe(
      'le fichier ne contient aucun arrêt',
    );
  });

  it('lets the coordinator of the département import it, nobody else', async () => {
    const charente = { national: false, departements: ['16'], structures: [], sites: [], partenaires: [] };
    expect((await importerTournee(ctx.database.db, charente, TOURNEE)).misesAJour).toBe(12);
    const autre = { national: false, departements: ['92'], structures: [], sites: [], partenaires: [] };
    await expect(importerTournee(ctx.database.db, autre, TOURNEE)).rejects.toThrow(/département de cette tournée/);
  });
});
