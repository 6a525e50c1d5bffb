import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, creerStructure, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import {
  avec,
  avecPanne,
  type Corps,
  champ,
  compter,
  flash,
  messagesDe,
  pageSuivante,
  SCRIPT,
  texte,
  verifierRejet,
} from './outils.ts';

/**
 * The site record's fields beyond the address (position, accessibility, services, partners present, label date, ANCT
 * id): bad input is refused field by field without writing anything, and good input is saved with the partners in
 * the same transaction as the site.
 */

let ctx: Contexte;
let gestion: Client;
let sceaux: string;
beforeAll(async () => {
  ctx = await demarrerApp();
  gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  // An id_fs already held by another site of the network (here Rouen's, outside the manager's scope).
  await ctx.sql(`update sites set id_fs = 990001 where nom = 'Maison du Plateau'`);
});
afterAll(() => ctx.fermer());

const TABLES = ['sites', 'site_partenaires', 'structures'];

const valide = (): Corps => ({
  structureId: sceaux,
  nom: 'Antenne des Blagis',
  genre: 'antenne',
  adresse: '2 rue des Écoles',
  complementAdresse: '',
  codePostal: '92330',
  commune: 'Sceaux',
  codeInsee: '',
  telephone: '',
  courriel: '',
  latitude: '48.7782',
  longitude: '2.2846',
  accessibilite: '',
  services: ['Accès libre à un ordinateur', 'Imprimante et scanner'],
  partenaires: ['caf', 'msa'],
  dateLabellisation: '2022-01-15',
  idFs: '',
});

const M = {
  latitude: 'La latitude est un nombre décimal entre -90 et 90, par exemple 48.7782',
  longitude: 'La longitude est un nombre décimal entre -180 et 180, par exemple 2.2846',
  sansLongitude: 'Saisissez aussi la longitude, ou effacez la latitude',
  sansLatitude: 'Saisissez aussi la latitude, ou effacez la longitude',
  horsFrance: 'Ce point n’est pas en France (métropole ou outre-mer) : vérifiez la latitude et la longitude',
  inversees:
    'La latitude et la longitude semblent inversées : la latitude vient en premier (par exemple 48.7782 pour Sceaux)',
  idFs: 'L’identifiant ANCT (id_fs) est un nombre entier positif, par exemple 1234',
  idFsPris: 'Cet identifiant ANCT (id_fs) est déjà attribué à un autre site',
  accessibiliteLongue: 'Les informations d’accessibilité ne doivent pas dépasser 1000 caractères',
  accessibiliteInterdite: 'Les informations d’accessibilité contiennent des caractères non autorisés',
  date: 'Saisissez une date valide, par exemple 15/01/2022',
  dateLointaine: 'La date de labellisation est trop lointaine',
};

interface Cas {
  cas: string;
  changements: Record<string, string | string[] | undefined>;
  erreurs: Record<string, string>;
  /** Errors on a group of checkboxes: in the summary and under the group, no single input marked. */
  groupe?: Record<string, string>;
}

const CAS: Cas[] = [
  // position
  { cas: 'latitude sans longitude', changements: { longitude: '' }, erreurs: { longitude: M.sansLongitude } },
  { cas: 'longitude sans latitude', changements: { latitude: ' ' }, erreurs: { latitude: M.sansLatitude } },
  { cas: 'latitude en lettres', changements: { latitude: 'nord' }, erreurs: { latitude: M.latitude } },
  { cas: 'latitude 91', changements: { latitude: '91' }, erreurs: { latitude: M.latitude } },
  { cas: 'longitude 181', changements: { longitude: '181' }, erreurs: { longitude: M.longitude } },
  { cas: 'latitude 48°46′', changements: { latitude: '48°46′' }, erreurs: { latitude: M.latitude } },
  {
    cas: 'latitude et longitude illisibles',
    changements: { latitude: '4 8', longitude: '2,28,4' },
    erreurs: { latitude: M.latitude, longitude: M.longitude },
  },
  {
    cas: 'point 0,0 (golfe de Guinée)',
    changements: { latitude: '0', longitude: '0' },
    erreurs: { latitude: M.horsFrance },
  },
  { cas: 'Berlin', changements: { latitude: '52.52', longitude: '13.405' }, erreurs: { latitude: M.horsFrance } },
  {
    cas: 'signe moins oublié (Réunion)',
    changements: { latitude: '21.11', longitude: '55.53' },
    erreurs: { latitude: M.horsFrance },
  },
  {
    cas: 'coordonnées inversées',
    changements: { latitude: '2.2846', longitude: '48.7782' },
    erreurs: { latitude: M.inversees },
  },
  { cas: 'latitude en tableau', changements: { latitude: ['48.7', '48.8'] }, erreurs: { latitude: M.latitude } },
  // ANCT id
  { cas: 'id_fs en lettres', changements: { idFs: 'abc' }, erreurs: { idFs: M.idFs } },
  { cas: 'id_fs négatif', changements: { idFs: '-3' }, erreurs: { idFs: M.idFs } },
  { cas: 'id_fs décimal', changements: { idFs: '12.5' }, erreurs: { idFs: M.idFs } },
  { cas: 'id_fs de 10 chiffres', changements: { idFs: '1234567890' }, erreurs: { idFs: M.idFs } },
  { cas: 'id_fs en tableau', changements: { idFs: ['1', '2'] }, erreurs: { idFs: M.idFs } },
  { cas: 'id_fs déjà attribué', changements: { idFs: '990001' }, erreurs: { idFs: M.idFsPris } },
  // accessibility
  {
    cas: 'accessibilité de 1001 caractères',
    changements: { accessibilite: 'a'.repeat(1001) },
    erreurs: {},
    groupe: { accessibilite: M.accessibiliteLongue },
  },
  {
    cas: 'NUL dans l’accessibilité',
    changements: { accessibilite: 'Rampe\u0000' },
    erreurs: {},
    groupe: { accessibilite: M.accessibiliteInterdite },
  },
  // services and partners
  {
    cas: 'service hors liste',
    changements: { services: ['Imprimante et scanner', 'Téléportation'] },
    erreurs: {},
    groupe: { services: 'Service inconnu' },
  },
  {
    cas: 'partenaire inconnu',
    changements: { partenaires: ['caf', 'cnil'] },
    erreurs: {},
    groupe: { partenaires: 'Partenaire inconnu' },
  },
  {
    cas: 'script en partenaire',
    changements: { partenaires: SCRIPT },
    erreurs: {},
    groupe: { partenaires: 'Partenaire inconnu' },
  },
  // label date
  {
    cas: 'date du 30 février',
    changements: { dateLabellisation: '2022-02-30' },
    erreurs: { dateLabellisation: M.date },
  },
  { cas: 'date en lettres', changements: { dateLabellisation: 'hier' }, erreurs: { dateLabellisation: M.date } },
  {
    cas: 'date en l’an 2100',
    changements: { dateLabellisation: '2100-01-01' },
    erreurs: { dateLabellisation: M.dateLointaine },
  },
  // several at once, with an old field
  {
    cas: 'plusieurs champs faux à la fois',
    changements: { nom: '', latitude: '0', longitude: '0', idFs: 'x', services: 'Téléportation' },
    erreurs: { nom: 'Saisissez le nom du site', latitude: M.horsFrance, idFs: M.idFs },
  },
];

function verifierGroupe(html: string, groupe: Record<string, string> | undefined) {
  for (const [nom, message] of Object.entries(groupe ?? {})) expect(messagesDe(html, nom), nom).toBe(message);
}

describe('site form, new fields (bad input)', () => {
  it.each(CAS)('ajout refusé : $cas', async ({ changements, erreurs, groupe }) => {
    await gestion.get('/admin/sites/nouveau');
    const avant = await compter(ctx, TABLES);
    const corps = avec(valide(), changements);
    const r = await gestion.post('/admin/sites', corps);
    verifierRejet(r, { erreurs, resumeSeulement: groupe, corps, titreErreur: true });
    verifierGroupe(r.body, groupe);
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it.each(CAS)('modification refusée : $cas', async ({ changements, erreurs, groupe }) => {
    const id = await creerSite(ctx, sceaux);
    const [origine] = await ctx.sql('select * from sites where id = $1', [id]);
    await gestion.get(`/admin/sites/${id}/modifier`);
    const avant = await compter(ctx, TABLES);
    const corps = avec(valide(), changements);
    const r = await gestion.post(`/admin/sites/${id}`, corps);
    verifierRejet(r, { erreurs, resumeSeulement: groupe, corps, titreErreur: true });
    verifierGroupe(r.body, groupe);
    expect(await compter(ctx, TABLES)).toEqual(avant);
    expect((await ctx.sql('select * from sites where id = $1', [id]))[0]).toEqual(origine);
  });

  it('keeps the boxes ticked and the text typed when another field is wrong', async () => {
    await gestion.get('/admin/sites/nouveau');
    const r = await gestion.post('/admin/sites', avec(valide(), { idFs: 'x', accessibilite: 'Rampe côté parking' }));
    verifierRejet(r, { erreurs: { idFs: M.idFs } });
    for (const [nom, valeur] of [
      ['services', 'Imprimante et scanner'],
      ['partenaires', 'caf'],
      ['partenaires', 'msa'],
    ]) {
      expect(r.body).toMatch(new RegExp(`name="${nom}" value="${valeur}" checked`));
    }
    expect(r.body).not.toMatch(/name="partenaires" value="la-poste" checked/);
    expect(r.body).toContain('>Rampe côté parking</textarea>');
  });
});

/** National partners present at a site, by code. */
async function partenairesDe(id: string) {
  const lignes = await ctx.sql<{ code: string }>(
    'select p.code from site_partenaires sp join partenaires p on p.id = sp.partenaire_id where sp.site_id = $1 order by p.code',
    [id],
  );
  return lignes.map((l) => l.code);
}

describe('site form, new fields (saved)', () => {
  it('creates a site with every field, its partners, and the time zone of its département', async () => {
    await gestion.get('/admin/sites/nouveau');
    const r = await gestion.post(
      '/admin/sites',
      avec(valide(), {
        latitude: ' 48,7782 ',
        longitude: '2,2846',
        accessibilite: 'Rampe d’accès.\r\nBoucle magnétique à l’accueil.',
        dateLabellisation: '15/01/2022',
        idFs: '990002',
      }),
    );
    expect(r.statusCode).toBe(303);
    const id = String(r.headers.location).split('/').pop() as string;
    const [s] = await ctx.sql(
      `select latitude, longitude, coordonnees_approchees, accessibilite, services, to_char(date_labellisation, 'YYYY-MM-DD') as date_labellisation, id_fs, fuseau_horaire
       from sites where id = $1`,
      [id],
    );
    expect(s).toEqual({
      latitude: 48.7782,
      longitude: 2.2846,
      coordonnees_approchees: false,
      accessibilite: 'Rampe d’accès.\nBoucle magnétique à l’accueil.',
      services: ['Accès libre à un ordinateur', 'Imprimante et scanner'],
      date_labellisation: '2022-01-15',
      id_fs: 990002,
      fuseau_horaire: 'Europe/Paris',
    });
    expect(await partenairesDe(id)).toEqual(['caf', 'msa']);
    const page = await pageSuivante(ctx.app, gestion, r);
    expect(flash(page)).toBe('Le site est créé.');
    const vu = texte(page);
    for (const attendu of [
      '48.7782, 2.2846',
      'Caisse d’allocations familiales (CAF)',
      'Mutualité sociale agricole (MSA)',
      'Imprimante et scanner',
      'Boucle magnétique à l’accueil.',
      '15/01/2022',
      '990002',
    ]) {
      expect(vu).toContain(attendu);
    }
    expect(page).toContain(`href="/admin/sites/${id}/horaires"`);
    expect(page).toContain(`href="/admin/sites/${id}/fermetures"`);
  });

  it('a new site in La Réunion is on Réunion time', async () => {
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    const reunion = await creerStructure(ctx, '974');
    await admin.get('/admin/sites/nouveau');
    const r = await admin.post(
      '/admin/sites',
      avec(valide(), {
        structureId: reunion,
        codePostal: '97400',
        commune: 'Saint-Denis',
        latitude: '-20.8789',
        longitude: '55.4481',
      }),
    );
    expect(r.statusCode).toBe(303);
    const id = String(r.headers.location).split('/').pop();
    expect((await ctx.sql('select fuseau_horaire from sites where id = $1', [id]))[0]).toEqual({
      fuseau_horaire: 'Indian/Reunion',
    });
  });

  it('the edit form shows what is stored, and saving it unchanged changes nothing', async () => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql(
      `update sites set latitude = 48.778201, longitude = 2.284643, id_fs = 990003, accessibilite = 'Plain-pied',
        services = array['Imprimante et scanner', 'Aide aux démarches administratives'], date_labellisation = '2021-06-30'
       where id = $1`,
      [id],
    );
    await ctx.sql(
      `insert into site_partenaires select $1, id from partenaires where code in ('caf', 'la-poste', 'justice')`,
      [id],
    );
    const page = await gestion.get(`/admin/sites/${id}/modifier`);
    expect(champ(page.body, 'latitude')?.attributs.get('value')).toBe('48.778201');
    expect(champ(page.body, 'longitude')?.attributs.get('value')).toBe('2.284643');
    expect(champ(page.body, 'idFs')?.attributs.get('value')).toBe('990003');
    expect(champ(page.body, 'dateLabellisation')?.attributs.get('value')).toBe('2021-06-30');
    expect(page.body).toContain('>Plain-pied</textarea>');
    // A service brought by an import, outside the list, is shown ticked so that saving keeps it.
    expect(page.body).toContain('name="services" value="Aide aux démarches administratives" checked');
    const coches = [...page.body.matchAll(/name="partenaires" value="([^"]+)" checked/g)].map((m) => m[1]).sort();
    expect(coches).toEqual(['caf', 'justice', 'la-poste']);

    // What a browser sends back for that form, untouched.
    const [avant] = await ctx.sql('select * from sites where id = $1', [id]);
    const corps: Corps = {
      ...avec(valide(), { nom: String(avant?.nom) }),
      latitude: '48.778201',
      longitude: '2.284643',
      idFs: '990003',
      dateLabellisation: '2021-06-30',
      accessibilite: 'Plain-pied',
      adresse: '1 place de la Mairie',
      services: ['Imprimante et scanner', 'Aide aux démarches administratives'],
      partenaires: coches as string[],
    };
    const r = await gestion.post(`/admin/sites/${id}`, corps);
    expect(r.statusCode).toBe(303);
    const [apres] = await ctx.sql('select * from sites where id = $1', [id]);
    expect({ ...apres, modifie_le: null }).toEqual({ ...avant, modifie_le: null });
    expect(await partenairesDe(id)).toEqual(['caf', 'justice', 'la-poste']);
  });

  it('an approximate position stays marked until someone types another one', async () => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql(
      'update sites set latitude = 48.7765, longitude = 2.2903, coordonnees_approchees = true where id = $1',
      [id],
    );
    const page = await gestion.get(`/admin/sites/${id}/modifier`);
    expect(texte(page.body)).toContain('La position enregistrée est approchée');
    const base = avec(valide(), { adresse: '1 place de la Mairie' });
    await gestion.post(`/admin/sites/${id}`, avec(base, { latitude: '48.7765', longitude: '2.2903' }));
    expect((await ctx.sql('select coordonnees_approchees from sites where id = $1', [id]))[0]).toEqual({
      coordonnees_approchees: true,
    });
    await gestion.get(`/admin/sites/${id}/modifier`);
    await gestion.post(`/admin/sites/${id}`, avec(base, { latitude: '48.77812', longitude: '2.28461' }));
    expect((await ctx.sql('select latitude, coordonnees_approchees from sites where id = $1', [id]))[0]).toEqual({
      latitude: 48.77812,
      coordonnees_approchees: false,
    });
  });

  it('a site keeps its own id_fs when edited, and cannot take another site’s', async () => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql('update sites set id_fs = 990004 where id = $1', [id]);
    await gestion.get(`/admin/sites/${id}/modifier`);
    expect((await gestion.post(`/admin/sites/${id}`, avec(valide(), { idFs: '990004' }))).statusCode).toBe(303);
    await gestion.get(`/admin/sites/${id}/modifier`);
    const r = await gestion.post(`/admin/sites/${id}`, avec(valide(), { idFs: '990001' }));
    verifierRejet(r, { erreurs: { idFs: M.idFsPris } });
    expect((await ctx.sql('select id_fs from sites where id = $1', [id]))[0]).toEqual({ id_fs: 990004 });
  });

  it('unticking national partners leaves the structure’s local partners alone', async () => {
    const id = await creerSite(ctx, sceaux);
    const [local] = await ctx.sql<{ id: string }>(
      `insert into partenaires (code, nom, nom_court, structure_id) values ('mission-locale-sceaux', 'Mission locale', 'Mission locale', $1) returning id`,
      [sceaux],
    );
    await ctx.sql(
      `insert into site_partenaires select $1, id from partenaires where code in ('caf', 'msa') or id = $2`,
      [id, local?.id],
    );
    await gestion.get(`/admin/sites/${id}/modifier`);
    expect(
      (await gestion.post(`/admin/sites/${id}`, avec(valide(), { partenaires: 'france-travail' }))).statusCode,
    ).toBe(303);
    expect(await partenairesDe(id)).toEqual(['france-travail', 'mission-locale-sceaux']);
    const page = await gestion.get(`/admin/sites/${id}`);
    expect(texte(page.body)).toContain('Mission locale');
  });

  it('the site and its partners are written together or not at all (creation)', async () => {
    await gestion.get('/admin/sites/nouveau');
    const avant = await compter(ctx, TABLES);
    const r = await avecPanne(ctx, 'site_partenaires', () =>
      gestion.post('/admin/sites', avec(valide(), { nom: 'Antenne jamais créée' })),
    );
    expect(r.statusCode).toBe(500);
    expect(await compter(ctx, TABLES)).toEqual(avant);
    expect(await ctx.sql(`select id from sites where nom = 'Antenne jamais créée'`)).toEqual([]);
  });

  it('the site and its partners are written together or not at all (edit)', async () => {
    const id = await creerSite(ctx, sceaux);
    await ctx.sql(`insert into site_partenaires select $1, id from partenaires where code = 'justice'`, [id]);
    const [origine] = await ctx.sql('select * from sites where id = $1', [id]);
    await gestion.get(`/admin/sites/${id}/modifier`);
    const r = await avecPanne(ctx, 'site_partenaires', () =>
      gestion.post(`/admin/sites/${id}`, avec(valide(), { nom: 'Nom jamais enregistré' })),
    );
    expect(r.statusCode).toBe(500);
    expect((await ctx.sql('select * from sites where id = $1', [id]))[0]).toEqual(origine);
    expect(await partenairesDe(id)).toEqual(['justice']);
  });
});
