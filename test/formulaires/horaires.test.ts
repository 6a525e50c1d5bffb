import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { avec, type Corps, compter, SCRIPT, titre, verifierRejet } from './outils.ts';

/** The opening-hours form (weekly grid, OSM text, time zone) refuses bad input field by field and writes nothing. */

let ctx: Contexte;
let gestion: Client;
let sceaux: string;
beforeAll(async () => {
  ctx = await demarrerApp();
  gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
});
afterAll(() => ctx.fermer());

const TABLES = ['sites', 'fermetures', 'arrets'];
const INITIAL = 'Mo-Fr 09:00-12:00,14:00-17:00; PH off';

/** What a browser sends for a filled-in grid: every field present, unused ones empty. */
function valide(): Corps {
  const corps: Corps = {};
  for (const j of ['lu', 'ma', 'me', 'je', 've', 'sa', 'di']) {
    for (const i of [0, 1, 2]) {
      corps[`${j}-${i}-debut`] = '';
      corps[`${j}-${i}-fin`] = '';
    }
  }
  for (const j of ['lu', 'ma', 'me', 'je', 've']) {
    Object.assign(corps, { [`${j}-0-debut`]: '09:00', [`${j}-0-fin`]: '12:00' });
    Object.assign(corps, { [`${j}-1-debut`]: '14:00', [`${j}-1-fin`]: '17:00' });
  }
  return { ...corps, osm: INITIAL, osmInitial: INITIAL, fuseauHoraire: 'Europe/Paris' };
}

const M = {
  finAvantDebut: (fin: string, debut: string) => `L'heure de fin (${fin}) doit être après l'heure de début (${debut}).`,
  heure: (h: string) => `Heure invalide : « ${h} » (format attendu : 09:30).`,
  paire: "Indiquez l'heure de début et l'heure de fin.",
  chevauche: (p: string) => `Cette plage chevauche la plage ${p}.`,
  champHeure: 'Heure invalide (format attendu : 09:30).',
  fuseau: 'Choisissez un fuseau horaire de la liste.',
  grilleVide:
    'Indiquez au moins une plage d’ouverture, ou les horaires en syntaxe OSM. Une fermeture temporaire se déclare dans « Fermetures exceptionnelles ».',
  osmIllisible: (morceau: string, quoi: string) =>
    `Horaires illisibles : « ${morceau} » n'est pas ${quoi} (exemple attendu : Mo-Fr 09:00-12:00,14:00-17:00)`,
};

interface Cas {
  cas: string;
  changements: Record<string, string | string[] | undefined>;
  erreurs: Record<string, string>;
}

const CAS: Cas[] = [
  // ranges
  {
    cas: 'fin avant le début',
    changements: { 'lu-0-debut': '12:00', 'lu-0-fin': '09:00' },
    erreurs: { 'lu-0-fin': M.finAvantDebut('09:00', '12:00') },
  },
  {
    cas: 'fin égale au début',
    changements: { 'ma-1-debut': '14:00', 'ma-1-fin': '14:00' },
    erreurs: { 'ma-1-fin': M.finAvantDebut('14:00', '14:00') },
  },
  {
    cas: 'plages qui se chevauchent',
    changements: { 'me-1-debut': '11:00' },
    erreurs: { 'me-1-debut': M.chevauche('09:00-12:00') },
  },
  {
    cas: 'troisième plage dans la deuxième',
    changements: { 've-2-debut': '15:00', 've-2-fin': '16:00' },
    erreurs: { 've-2-debut': M.chevauche('14:00-17:00') },
  },
  { cas: 'heure « 25:00 »', changements: { 'je-0-debut': '25:00' }, erreurs: { 'je-0-debut': M.heure('25:00') } },
  { cas: 'heure « 12:60 »', changements: { 'je-0-fin': '12:60' }, erreurs: { 'je-0-fin': M.heure('12:60') } },
  {
    cas: 'heure « midi »',
    changements: { 'sa-0-debut': 'midi', 'sa-0-fin': '12:00' },
    erreurs: { 'sa-0-debut': M.heure('midi') },
  },
  { cas: 'début sans fin', changements: { 'sa-0-debut': '09:00' }, erreurs: { 'sa-0-fin': M.paire } },
  { cas: 'fin sans début', changements: { 'di-2-fin': '18:00' }, erreurs: { 'di-2-debut': M.paire } },
  {
    cas: 'plusieurs jours en erreur à la fois',
    changements: { 'lu-0-fin': '08:00', 'ma-0-debut': '99:99', 'me-1-debut': '10:00' },
    erreurs: {
      'lu-0-fin': M.finAvantDebut('08:00', '09:00'),
      'ma-0-debut': M.heure('99:99'),
      'me-1-debut': M.chevauche('09:00-12:00'),
    },
  },
  {
    cas: 'grille vidée sans syntaxe OSM',
    changements: {
      ...Object.fromEntries(
        ['lu', 'ma', 'me', 'je', 've'].flatMap((j) =>
          [0, 1].flatMap((i) => [
            [`${j}-${i}-debut`, ''],
            [`${j}-${i}-fin`, ''],
          ]),
        ),
      ),
      osm: '',
    },
    erreurs: { 'lu-0-debut': M.grilleVide },
  },
  // expert syntax, changed by the person: it wins and is checked
  {
    cas: 'syntaxe OSM avec une heure à un chiffre',
    changements: { osm: 'Mo-Fr 9:00-17:00' },
    erreurs: { osm: M.osmIllisible('9:00-17:00', 'une plage horaire HH:MM-HH:MM') },
  },
  {
    cas: 'syntaxe OSM avec un mois',
    changements: { osm: 'Jan Mo 09:00-12:00' },
    erreurs: { osm: M.osmIllisible('Jan', 'une liste de jours comprise') },
  },
  {
    cas: 'syntaxe OSM de plus de 1000 caractères',
    changements: { osm: `Mo 09:00-12:00${'; Tu 09:00-12:00'.repeat(70)}` },
    erreurs: { osm: 'La syntaxe OSM ne doit pas dépasser 1000 caractères.' },
  },
  {
    cas: 'syntaxe OSM avec un saut de ligne',
    changements: { osm: 'Mo 09:00-12:00;\nTu 09:00-12:00' },
    erreurs: { osm: 'La syntaxe OSM contient des caractères non autorisés.' },
  },
  // time zone
  { cas: 'fuseau inconnu', changements: { fuseauHoraire: 'Mars/Olympus' }, erreurs: { fuseauHoraire: M.fuseau } },
  { cas: 'fuseau absent', changements: { fuseauHoraire: undefined }, erreurs: { fuseauHoraire: M.fuseau } },
  { cas: 'fuseau UTC (hors liste)', changements: { fuseauHoraire: 'UTC' }, erreurs: { fuseauHoraire: M.fuseau } },
  // arrays and hostile strings
  {
    cas: 'heure en tableau',
    changements: { 'lu-0-debut': ['09:00', '10:00'] },
    erreurs: { 'lu-0-debut': M.champHeure },
  },
  {
    cas: 'heure de 50 000 caractères',
    changements: { 'lu-0-debut': '9'.repeat(50_000) },
    erreurs: { 'lu-0-debut': M.champHeure },
  },
  { cas: 'script dans une heure', changements: { 'lu-0-fin': SCRIPT }, erreurs: { 'lu-0-fin': M.champHeure } },
  {
    cas: 'script dans la syntaxe OSM',
    changements: { osm: SCRIPT },
    erreurs: { osm: M.osmIllisible('<script>alert(1)</script>', 'une liste de jours comprise') },
  },
  {
    cas: 'syntaxe OSM en tableau',
    changements: { osm: [INITIAL, 'Mo 09:00-12:00'] },
    erreurs: { osm: 'Saisissez les horaires en un seul texte.' },
  },
  {
    cas: 'fuseau en tableau',
    changements: { fuseauHoraire: ['Europe/Paris', 'Indian/Reunion'] },
    erreurs: { fuseauHoraire: M.fuseau },
  },
];

describe('POST /admin/sites/:id/horaires (bad input)', () => {
  it.each(CAS)('refuse : $cas', async ({ changements, erreurs }) => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql('update sites set horaires = $2 where id = $1', [id, INITIAL]);
    const [origine] = await ctx.sql('select * from sites where id = $1', [id]);
    await gestion.get(`/admin/sites/${id}/horaires`);
    const avant = await compter(ctx, TABLES);
    const corps = avec(valide(), changements);
    const r = await gestion.post(`/admin/sites/${id}/horaires`, corps);
    verifierRejet(r, { erreurs, corps, titreErreur: true });
    expect(titre(r.body)).toMatch(/^Erreur – Horaires – /);
    // Nothing written: the same rows, and this site's row untouched (hours, time zone, modification date).
    expect(await compter(ctx, TABLES)).toEqual(avant);
    expect((await ctx.sql('select * from sites where id = $1', [id]))[0]).toEqual(origine);
  });

  it('the valid body used above is accepted (so each case fails for its own reason)', async () => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql('update sites set horaires = $2 where id = $1', [id, INITIAL]);
    await gestion.get(`/admin/sites/${id}/horaires`);
    const r = await gestion.post(`/admin/sites/${id}/horaires`, valide());
    expect(r.statusCode).toBe(303);
  });

  it('a request without CSRF token is refused and writes nothing', async () => {
    const id = await creerSite(ctx, sceaux);
    await gestion.get(`/admin/sites/${id}/horaires`);
    const r = await gestion.post(`/admin/sites/${id}/horaires`, valide(), { jeton: false });
    expect(r.statusCode).toBe(403);
    expect((await ctx.sql('select horaires from sites where id = $1', [id]))[0]).toEqual({ horaires: null });
  });
});
