import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, creerStructure, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import {
  avec,
  balises,
  type Corps,
  champ,
  compter,
  flash,
  pageSuivante,
  SCRIPT,
  titre,
  verifierRejet,
} from './outils.ts';

/** The site forms (create, edit) refuse bad input field by field and write nothing. */

let ctx: Contexte;
let admin: Client;
let sceaux: string;
let rouen: string;
let agen: string;
beforeAll(async () => {
  ctx = await demarrerApp();
  admin = await clientConnecte(ctx.app, DEMO.admin);
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  rouen = await structureNommee(ctx, 'Maison du Plateau');
  agen = await structureNommee(ctx, 'France services Agen Léon Blum');
});
afterAll(() => ctx.fermer());

const TABLES = ['sites', 'structures'];

/** What a browser sends for a filled-in form: optional fields left empty arrive as empty strings. */
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
});

const M = {
  structure: 'Structure inconnue',
  nomVide: 'Saisissez le nom du site',
  nomCourt: 'Le nom du site doit contenir au moins 3 caractères',
  nomLong: 'Le nom du site ne doit pas dépasser 200 caractères',
  nomInterdit: 'Le nom du site contient des caractères non autorisés',
  genre: 'Choisissez le type de site',
  adresseVide: 'Saisissez l’adresse',
  adresseLongue: 'L’adresse ne doit pas dépasser 200 caractères',
  adresseInterdite: 'L’adresse contient des caractères non autorisés',
  complementLong: 'Le complément d’adresse ne doit pas dépasser 200 caractères',
  complementInterdit: 'Le complément d’adresse contient des caractères non autorisés',
  codePostalVide: 'Saisissez le code postal',
  codePostal: 'Le code postal doit comporter 5 chiffres, par exemple 92330',
  communeVide: 'Saisissez la commune',
  communeLongue: 'La commune ne doit pas dépasser 120 caractères',
  insee: 'Le code commune INSEE comporte 5 caractères, par exemple 92071 ou 2A004',
  telephone: 'Saisissez un numéro de téléphone valide, par exemple 01 23 45 67 89',
  courriel: 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr',
  courrielLong: 'L’adresse électronique ne doit pas dépasser 254 caractères',
  courrielVide: 'Saisissez une adresse électronique',
};

interface Cas {
  cas: string;
  changements: Record<string, string | string[] | undefined>;
  erreurs: Record<string, string>;
}

const CAS: Cas[] = [
  // missing
  {
    cas: 'tout absent',
    changements: Object.fromEntries(Object.keys(valide()).map((k) => [k, undefined])),
    erreurs: {
      structureId: 'Choisissez la structure',
      nom: M.nomVide,
      genre: M.genre,
      adresse: M.adresseVide,
      codePostal: M.codePostalVide,
      commune: M.communeVide,
    },
  },
  {
    cas: 'champs obligatoires laissés vides',
    changements: { structureId: '', nom: '', genre: '', adresse: ' ', codePostal: '', commune: '' },
    erreurs: {
      structureId: 'Choisissez la structure',
      nom: M.nomVide,
      genre: M.genre,
      adresse: M.adresseVide,
      codePostal: M.codePostalVide,
      commune: M.communeVide,
    },
  },
  { cas: 'nom de 2 caractères', changements: { nom: 'Ab' }, erreurs: { nom: M.nomCourt } },
  // too long
  { cas: 'nom de 201 caractères', changements: { nom: 'n'.repeat(201) }, erreurs: { nom: M.nomLong } },
  {
    cas: 'adresse de 201 caractères',
    changements: { adresse: 'a'.repeat(201) },
    erreurs: { adresse: M.adresseLongue },
  },
  {
    cas: 'complément de 201 caractères',
    changements: { complementAdresse: 'c'.repeat(201) },
    erreurs: { complementAdresse: M.complementLong },
  },
  {
    cas: 'commune de 121 caractères',
    changements: { commune: 'c'.repeat(121) },
    erreurs: { commune: M.communeLongue },
  },
  {
    cas: 'adresse électronique de 255 caractères',
    changements: { courriel: `${'a'.repeat(64)}@${'b'.repeat(187)}.fr` },
    erreurs: { courriel: M.courrielLong },
  },
  {
    cas: 'commune de 50 000 caractères',
    changements: { commune: 'x'.repeat(50_000) },
    erreurs: { commune: M.communeLongue },
  },
  // wrong format
  { cas: 'code postal 9233', changements: { codePostal: '9233' }, erreurs: { codePostal: M.codePostal } },
  { cas: 'code postal ABCDE', changements: { codePostal: 'ABCDE' }, erreurs: { codePostal: M.codePostal } },
  { cas: 'code postal 923300', changements: { codePostal: '923300' }, erreurs: { codePostal: M.codePostal } },
  {
    cas: 'code postal 92330 suivi de texte',
    changements: { codePostal: '92330 x' },
    erreurs: { codePostal: M.codePostal },
  },
  { cas: 'code INSEE 9207', changements: { codeInsee: '9207' }, erreurs: { codeInsee: M.insee } },
  { cas: 'code INSEE 2C004', changements: { codeInsee: '2C004' }, erreurs: { codeInsee: M.insee } },
  { cas: 'code INSEE ABCDE', changements: { codeInsee: 'ABCDE' }, erreurs: { codeInsee: M.insee } },
  { cas: 'téléphone 12', changements: { telephone: '12' }, erreurs: { telephone: M.telephone } },
  { cas: 'téléphone en lettres', changements: { telephone: 'zéro un deux' }, erreurs: { telephone: M.telephone } },
  { cas: 'téléphone trop long', changements: { telephone: '01 23 45 67 89 01' }, erreurs: { telephone: M.telephone } },
  {
    cas: 'adresse électronique sans @',
    changements: { courriel: 'pas-une-adresse' },
    erreurs: { courriel: M.courriel },
  },
  {
    cas: 'adresse électronique sans domaine',
    changements: { courriel: 'contact@' },
    erreurs: { courriel: M.courriel },
  },
  { cas: 'genre inconnu', changements: { genre: 'chateau' }, erreurs: { genre: M.genre } },
  // unknown ids
  { cas: 'structure « abc »', changements: { structureId: 'abc' }, erreurs: { structureId: M.structure } },
  { cas: 'structure inexistante', changements: { structureId: randomUUID() }, erreurs: { structureId: M.structure } },
  {
    cas: 'structure en injection SQL',
    changements: { structureId: "' or 1=1 --" },
    erreurs: { structureId: M.structure },
  },
  // hostile strings
  { cas: 'NUL dans le nom', changements: { nom: 'Antenne\u0000' }, erreurs: { nom: M.nomInterdit } },
  {
    cas: 'BEL dans l’adresse',
    changements: { adresse: '2 rue\u0007 des Écoles' },
    erreurs: { adresse: M.adresseInterdite },
  },
  {
    cas: 'échappement dans le complément',
    changements: { complementAdresse: 'Bâtiment \u001b[2J' },
    erreurs: { complementAdresse: M.complementInterdit },
  },
  {
    cas: 'saut de ligne dans l’adresse',
    changements: { adresse: '2 rue\ndes Écoles' },
    erreurs: { adresse: M.adresseInterdite },
  },
  { cas: 'NUL dans le code postal', changements: { codePostal: '9233\u0000' }, erreurs: { codePostal: M.codePostal } },
  { cas: 'NUL dans le téléphone', changements: { telephone: '0123\u000045678' }, erreurs: { telephone: M.telephone } },
  { cas: 'NUL dans le code INSEE', changements: { codeInsee: '9207\u0000' }, erreurs: { codeInsee: M.insee } },
  {
    cas: 'script dans le nom et la commune, code postal faux',
    changements: { nom: SCRIPT, commune: SCRIPT, codePostal: '9233' },
    erreurs: { codePostal: M.codePostal },
  },
  // arrays where one value is expected
  { cas: 'nom en tableau', changements: { nom: ['Antenne A', 'Antenne B'] }, erreurs: { nom: M.nomVide } },
  {
    cas: 'structure en tableau',
    changements: { structureId: [sceauxFictif(), sceauxFictif()] },
    erreurs: { structureId: 'Choisissez la structure' },
  },
  {
    cas: 'code postal en tableau',
    changements: { codePostal: ['92330', '92330'] },
    erreurs: { codePostal: M.codePostalVide },
  },
  { cas: 'code INSEE en tableau', changements: { codeInsee: ['92071', '92071'] }, erreurs: { codeInsee: M.insee } },
  {
    cas: 'téléphone en tableau',
    changements: { telephone: ['0123456789', '0123456789'] },
    erreurs: { telephone: M.telephone },
  },
  {
    cas: 'adresse électronique en tableau',
    changements: { courriel: ['a@b.fr', 'c@d.fr'] },
    erreurs: { courriel: M.courrielVide },
  },
];

/** Any well-formed uuid: arrays are refused before the id is looked at. */
function sceauxFictif() {
  return '00000000-0000-4000-8000-000000000000';
}

describe('POST /admin/sites (ajout)', () => {
  it.each(CAS)('refuse : $cas', async ({ changements, erreurs }) => {
    const corps = avec(valide(), changements);
    await admin.get('/admin/sites/nouveau');
    const avant = await compter(ctx, TABLES);
    const r = await admin.post('/admin/sites', corps);
    verifierRejet(r, { erreurs, corps, titreErreur: true });
    expect(titre(r.body)).toMatch(/^Erreur – Ajouter un site/);
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('keeps the structure chosen and the checkbox ticked when another field is wrong', async () => {
    await admin.get('/admin/sites/nouveau');
    const r = await admin.post(
      '/admin/sites',
      avec(valide(), { structureId: agen, agencePostale: 'on', telephone: '12' }),
    );
    verifierRejet(r, { erreurs: { telephone: M.telephone } });
    const options = balises(r.body, 'option').filter((o) => o.attributs.has('selected'));
    expect(options.map((o) => o.attributs.get('value'))).toContain(agen);
    expect(champ(r.body, 'agencePostale')?.attributs.has('checked')).toBe(true);
  });

  it('a deactivated structure is unknown', async () => {
    const fermee = await creerStructure(ctx, '92');
    await ctx.sql('update structures set actif = false where id = $1', [fermee]);
    await admin.get('/admin/sites/nouveau');
    const avant = await compter(ctx, TABLES);
    const corps = avec(valide(), { structureId: fermee });
    verifierRejet(await admin.post('/admin/sites', corps), { erreurs: { structureId: M.structure }, corps });
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it.each([
    ['coordination', DEMO.coordination, () => rouen],
    ['gestion.sceaux', DEMO.gestionSceaux, () => agen],
  ] as const)('%s cannot add a site to a structure outside their scope', async (_nom, courriel, cible) => {
    const c = await clientConnecte(ctx.app, courriel);
    await c.get('/admin/sites/nouveau');
    const avant = await compter(ctx, TABLES);
    const corps = avec(valide(), { structureId: cible() });
    const r = await c.post('/admin/sites', corps);
    verifierRejet(r, { erreurs: { structureId: M.structure }, corps, titreErreur: true });
    // The foreign structure is not offered in the list either.
    expect(r.body).not.toContain(`value="${cible()}"`);
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('creates a site from valid input, normalised, and says so', async () => {
    await admin.get('/admin/sites/nouveau');
    const r = await admin.post('/admin/sites', {
      structureId: sceaux,
      nom: '  Antenne du Petit-Chambord ',
      genre: 'antenne',
      adresse: '12 avenue de la Gare',
      complementAdresse: '  ',
      codePostal: ' 92330 ',
      commune: 'Sceaux',
      codeInsee: '2a004',
      telephone: '01 23.45-67 (89)',
      courriel: ' Accueil@Exemple.FR ',
      agencePostale: 'on',
    });
    expect(r.statusCode).toBe(303);
    const id = String(r.headers.location).split('/').pop();
    const [s] = await ctx.sql(
      `select structure_id, nom, genre, adresse, complement_adresse, code_postal, commune, code_insee, telephone, courriel, agence_postale
       from sites where id = $1`,
      [id],
    );
    expect(s).toEqual({
      structure_id: sceaux,
      nom: 'Antenne du Petit-Chambord',
      genre: 'antenne',
      adresse: '12 avenue de la Gare',
      complement_adresse: null,
      code_postal: '92330',
      commune: 'Sceaux',
      code_insee: '2A004',
      telephone: '0123456789',
      courriel: 'accueil@exemple.fr',
      agence_postale: true,
    });
    expect(flash(await pageSuivante(ctx.app, admin, r))).toBe('Le site est créé.');
  });

  it('stores markup as text and shows it escaped', async () => {
    await admin.get('/admin/sites/nouveau');
    const r = await admin.post(
      '/admin/sites',
      avec(valide(), { nom: SCRIPT, commune: SCRIPT, complementAdresse: SCRIPT }),
    );
    expect(r.statusCode).toBe(303);
    for (const url of [
      String(r.headers.location),
      `${r.headers.location}/modifier`,
      '/admin/sites',
      `/admin/structures/${sceaux}`,
    ]) {
      const page = await admin.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(SCRIPT);
      expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    }
  });
});

describe('POST /admin/sites/:id (modification)', () => {
  const nouveau = async (structureId = sceaux) => {
    const id = await creerSite(ctx, structureId, 'Site à modifier');
    const [origine] = await ctx.sql('select * from sites where id = $1', [id]);
    return {
      id,
      inchange: async () => expect((await ctx.sql('select * from sites where id = $1', [id]))[0]).toEqual(origine),
    };
  };

  it.each(CAS)('refuse : $cas', async ({ changements, erreurs }) => {
    const { id, inchange } = await nouveau();
    const corps = avec(valide(), changements);
    await admin.get(`/admin/sites/${id}/modifier`);
    const avant = await compter(ctx, TABLES);
    const r = await admin.post(`/admin/sites/${id}`, corps);
    verifierRejet(r, { erreurs, corps, titreErreur: true });
    expect(titre(r.body)).toMatch(/^Erreur – Modifier le site/);
    expect(await compter(ctx, TABLES)).toEqual(avant);
    await inchange();
  });

  it('a coordinator cannot move a site to a structure outside their départements', async () => {
    const { id, inchange } = await nouveau();
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    await coordination.get(`/admin/sites/${id}/modifier`);
    const corps = avec(valide(), { structureId: rouen });
    verifierRejet(await coordination.post(`/admin/sites/${id}`, corps), {
      erreurs: { structureId: M.structure },
      corps,
      titreErreur: true,
    });
    await inchange();
  });

  it('an unknown, malformed or foreign site is a 404, whatever the input', async () => {
    const { id, inchange } = await nouveau(agen);
    const gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
    await gestion.get('/admin/sites');
    for (const cible of [randomUUID(), 'abc', id]) {
      for (const corps of [valide(), avec(valide(), { codePostal: '9233' })]) {
        const r = await gestion.post(`/admin/sites/${cible}`, corps);
        expect(r.statusCode).toBe(404);
      }
    }
    await inchange();
  });

  it('an agent, who may only read sites, is refused (403) whatever the input', async () => {
    const { id, inchange } = await nouveau();
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    await agent.get(`/admin/sites/${id}`);
    for (const corps of [valide(), avec(valide(), { codePostal: '9233' })]) {
      expect((await agent.post(`/admin/sites/${id}`, corps)).statusCode).toBe(403);
    }
    await inchange();
  });

  it('saves valid changes and says so', async () => {
    const { id } = await nouveau();
    await admin.get(`/admin/sites/${id}/modifier`);
    const r = await admin.post(
      `/admin/sites/${id}`,
      avec(valide(), { nom: 'Antenne renommée', telephone: '+33 1 23 45 67 89', codeInsee: '92071' }),
    );
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/admin/sites/${id}`);
    const [s] = await ctx.sql('select nom, telephone, code_insee from sites where id = $1', [id]);
    expect(s).toEqual({ nom: 'Antenne renommée', telephone: '+33123456789', code_insee: '92071' });
    expect(flash(await pageSuivante(ctx.app, admin, r))).toBe('Le site est enregistré.');
  });
});
