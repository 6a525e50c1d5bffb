import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerUtilisateur, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { avec, avecPanne, type Corps, compter, flash, pageSuivante, SCRIPT, titre, verifierRejet } from './outils.ts';

/**
 * The people forms (create a person with a first role, edit a person, add a role) refuse bad input field by field,
 * and write nothing: no person, no role, no invitation link, no email.
 */

let ctx: Contexte;
let admin: Client;
const ids = { sceaux: '', rouen: '', agen: '', caf: '', partenaireLocal: '', siteSceaux: '', siteAgen: '' };
beforeAll(async () => {
  ctx = await demarrerApp();
  admin = await clientConnecte(ctx.app, DEMO.admin);
  ids.sceaux = await structureNommee(ctx, 'France services de Sceaux');
  ids.rouen = await structureNommee(ctx, 'Maison du Plateau');
  ids.agen = await structureNommee(ctx, 'France services Agen Léon Blum');
  const [caf] = await ctx.sql<{ id: string }>(
    'select id from partenaires where national and actif order by nom limit 1',
  );
  ids.caf = caf?.id as string;
  const [local] = await ctx.sql<{ id: string }>(
    `insert into partenaires (code, nom, nom_court, national, structure_id)
     values ('mediatheque-sceaux', 'Médiathèque de Sceaux', 'Médiathèque', false, $1) returning id`,
    [ids.sceaux],
  );
  ids.partenaireLocal = local?.id as string;
  const [s1] = await ctx.sql<{ id: string }>('select id from sites where structure_id = $1 limit 1', [ids.sceaux]);
  const [s2] = await ctx.sql<{ id: string }>('select id from sites where structure_id = $1 limit 1', [ids.agen]);
  ids.siteSceaux = s1?.id as string;
  ids.siteAgen = s2?.id as string;
});
afterAll(() => ctx.fermer());

const TABLES = ['utilisateurs', 'habilitations', 'habilitation_sites', 'jetons', 'messages', 'sessions'];

const adresse = () => `camille.${randomBytes(4).toString('hex')}@exemple.fr`;

const M = {
  prenomVide: 'Saisissez le prénom',
  prenomLong: 'Le prénom ne doit pas dépasser 100 caractères',
  prenomInterdit: 'Le prénom contient des caractères non autorisés',
  nomVide: 'Saisissez le nom',
  nomLong: 'Le nom ne doit pas dépasser 100 caractères',
  nomInterdit: 'Le nom contient des caractères non autorisés',
  courrielVide: 'Saisissez une adresse électronique',
  courriel: 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr',
  courrielLong: 'L’adresse électronique ne doit pas dépasser 254 caractères',
  courrielPris: 'Un compte existe déjà avec cette adresse électronique',
  role: 'Choisissez un rôle',
  roleInterdit: 'Vous ne pouvez pas attribuer ce rôle',
  structureVide: 'Choisissez la structure',
  structure: 'Structure inconnue',
  departementsVides: 'Indiquez au moins un département',
  departements: 'Un code de département est inconnu (exemples : 92, 2A, 974)',
  departementsLongs: 'Liste de départements trop longue',
  departementsTableau: 'Saisissez des codes de département',
  partenaireVide: 'Choisissez le partenaire',
  partenaire: 'Partenaire inconnu',
  site: 'Site inconnu',
  siteEtranger: 'Un site choisi n’appartient pas à cette structure',
};

type Changements = Record<string, string | string[] | undefined>;

interface CasRole {
  cas: string;
  changements: () => Changements;
  erreurs: Record<string, string>;
  resumeSeulement?: Record<string, string>;
}

const coordinateur = (departements: string | string[]): Changements => ({
  role: 'coordinateur',
  structureId: '',
  departements,
});
const referent = (partenaireId: string | string[]): Changements => ({
  role: 'referent',
  structureId: '',
  departements: '92',
  partenaireId,
});

/** Bad role-and-scope fields, shared by the creation form and the "add a role" form. */
const CAS_ROLE: CasRole[] = [
  { cas: 'rôle absent', changements: () => ({ role: undefined }), erreurs: { role: M.role } },
  { cas: 'rôle vide', changements: () => ({ role: '' }), erreurs: { role: M.role } },
  { cas: 'rôle inconnu', changements: () => ({ role: 'superadmin' }), erreurs: { role: M.role } },
  { cas: 'rôle en tableau', changements: () => ({ role: ['agent', 'admin_national'] }), erreurs: { role: M.role } },
  { cas: 'agent sans structure', changements: () => ({ structureId: '' }), erreurs: { structureId: M.structureVide } },
  { cas: 'structure « abc »', changements: () => ({ structureId: 'abc' }), erreurs: { structureId: M.structure } },
  {
    cas: 'structure inexistante',
    changements: () => ({ structureId: randomUUID() }),
    erreurs: { structureId: M.structure },
  },
  {
    cas: 'structure en tableau',
    changements: () => ({ structureId: [ids.sceaux, ids.agen] }),
    erreurs: { structureId: M.structure },
  },
  {
    cas: 'coordinateur sans département',
    changements: () => coordinateur(''),
    erreurs: { departements: M.departementsVides },
  },
  { cas: 'département 99', changements: () => coordinateur('99'), erreurs: { departements: M.departements } },
  { cas: 'département 20', changements: () => coordinateur('92, 20'), erreurs: { departements: M.departements } },
  { cas: 'département « ABC »', changements: () => coordinateur('ABC'), erreurs: { departements: M.departements } },
  {
    cas: 'départements avec NUL',
    changements: () => coordinateur('92\u000013'),
    erreurs: { departements: M.departements },
  },
  {
    cas: 'liste de départements trop longue',
    changements: () => coordinateur('92, '.repeat(60)),
    erreurs: { departements: M.departementsLongs },
  },
  {
    cas: 'départements en tableau',
    changements: () => coordinateur(['92', '13']),
    erreurs: { departements: M.departementsTableau },
  },
  { cas: 'référent sans partenaire', changements: () => referent(''), erreurs: { partenaireId: M.partenaireVide } },
  { cas: 'partenaire inexistant', changements: () => referent(randomUUID()), erreurs: { partenaireId: M.partenaire } },
  { cas: 'partenaire « abc »', changements: () => referent('abc'), erreurs: { partenaireId: M.partenaire } },
  {
    cas: 'partenaire local',
    changements: () => referent(ids.partenaireLocal),
    erreurs: { partenaireId: M.partenaire },
  },
  {
    cas: 'partenaire en tableau',
    changements: () => referent([ids.caf, ids.caf]),
    erreurs: { partenaireId: M.partenaire },
  },
  {
    cas: 'référent sans département ni partenaire',
    changements: () => ({ ...referent(''), departements: '' }),
    erreurs: { departements: M.departementsVides, partenaireId: M.partenaireVide },
  },
  { cas: 'site « abc »', changements: () => ({ siteIds: 'abc' }), erreurs: {}, resumeSeulement: { siteIds: M.site } },
  {
    cas: 'site d’une autre structure',
    changements: () => ({ siteIds: [ids.siteSceaux, ids.siteAgen] }),
    erreurs: {},
    resumeSeulement: { siteIds: M.siteEtranger },
  },
];

interface CasIdentite {
  cas: string;
  changements: Changements;
  erreurs: Record<string, string>;
}

/** Bad identity fields, shared by the creation form and the edit form. */
const CAS_IDENTITE: CasIdentite[] = [
  {
    cas: 'tout absent',
    changements: { prenom: undefined, nom: undefined, courriel: undefined },
    erreurs: { prenom: M.prenomVide, nom: M.nomVide, courriel: M.courrielVide },
  },
  {
    cas: 'tout vide',
    changements: { prenom: '', nom: '  ', courriel: '' },
    erreurs: { prenom: M.prenomVide, nom: M.nomVide, courriel: M.courrielVide },
  },
  { cas: 'prénom de 101 caractères', changements: { prenom: 'p'.repeat(101) }, erreurs: { prenom: M.prenomLong } },
  { cas: 'nom de 101 caractères', changements: { nom: 'n'.repeat(101) }, erreurs: { nom: M.nomLong } },
  { cas: 'nom de 30 000 caractères', changements: { nom: 'ñ'.repeat(30_000) }, erreurs: { nom: M.nomLong } },
  {
    cas: 'adresse de 255 caractères',
    changements: { courriel: `${'a'.repeat(64)}@${'b'.repeat(187)}.fr` },
    erreurs: { courriel: M.courrielLong },
  },
  {
    cas: 'adresse « pas-une-adresse »',
    changements: { courriel: 'pas-une-adresse' },
    erreurs: { courriel: M.courriel },
  },
  { cas: 'adresse sans domaine', changements: { courriel: 'camille@' }, erreurs: { courriel: M.courriel } },
  {
    cas: 'adresse avec espace',
    changements: { courriel: 'camille martin@exemple.fr' },
    erreurs: { courriel: M.courriel },
  },
  { cas: 'adresse avec NUL', changements: { courriel: 'camille\u0000@exemple.fr' }, erreurs: { courriel: M.courriel } },
  {
    cas: 'adresse avec retour à la ligne (injection d’en-tête)',
    changements: { courriel: 'camille@exemple.fr\r\nBcc: tous@exemple.fr' },
    erreurs: { courriel: M.courriel },
  },
  {
    cas: 'adresse déjà prise, en majuscules',
    changements: { courriel: 'ADMIN@guichet.test' },
    erreurs: { courriel: M.courrielPris },
  },
  {
    cas: 'adresse déjà prise, casse mêlée et espaces',
    changements: { courriel: '  Agent.Sceaux@Guichet.TEST ' },
    erreurs: { courriel: M.courrielPris },
  },
  { cas: 'NUL dans le prénom', changements: { prenom: 'Cam\u0000ille' }, erreurs: { prenom: M.prenomInterdit } },
  { cas: 'BEL dans le nom', changements: { nom: 'Martin\u0007' }, erreurs: { nom: M.nomInterdit } },
  { cas: 'DEL dans le nom', changements: { nom: 'Mar\u007ftin' }, erreurs: { nom: M.nomInterdit } },
  {
    cas: 'saut de ligne dans le prénom',
    changements: { prenom: 'Camille\nMartin' },
    erreurs: { prenom: M.prenomInterdit },
  },
  {
    cas: 'script dans le prénom et le nom, adresse invalide',
    changements: { prenom: SCRIPT, nom: '"><svg onload=alert(1)>', courriel: 'pas-une-adresse' },
    erreurs: { courriel: M.courriel },
  },
  { cas: 'prénom en tableau', changements: { prenom: ['Camille', 'Paul'] }, erreurs: { prenom: M.prenomVide } },
  {
    cas: 'adresse en tableau',
    changements: { courriel: ['a@exemple.fr', 'b@exemple.fr'] },
    erreurs: { courriel: M.courrielVide },
  },
];

describe('POST /admin/utilisateurs (création)', () => {
  const valide = (): Corps => ({
    prenom: 'Camille',
    nom: 'Martin',
    courriel: adresse(),
    role: 'agent',
    structureId: ids.sceaux,
    departements: '',
    partenaireId: '',
  });

  const refuser = async (c: Client, corps: Corps, attendu: Omit<Parameters<typeof verifierRejet>[1], 'corps'>) => {
    await c.get('/admin/utilisateurs/nouveau');
    const avant = await compter(ctx, TABLES);
    const r = await c.post('/admin/utilisateurs', corps);
    verifierRejet(r, { ...attendu, corps, titreErreur: true });
    expect(titre(r.body)).toMatch(/^Erreur – Ajouter une personne/);
    expect(await compter(ctx, TABLES)).toEqual(avant);
    return r;
  };

  it.each(CAS_IDENTITE)('refuse : $cas', async ({ changements, erreurs }) => {
    await refuser(admin, avec(valide(), changements), { erreurs });
  });

  it.each(CAS_ROLE)('refuse : $cas', async ({ changements, erreurs, resumeSeulement }) => {
    await refuser(admin, avec(valide(), changements()), { erreurs, resumeSeulement });
  });

  it('reports every problem at once: address taken and structure unknown', async () => {
    await refuser(admin, avec(valide(), { courriel: 'ADMIN@guichet.test', structureId: randomUUID() }), {
      erreurs: { courriel: M.courrielPris, structureId: M.structure },
    });
  });

  it.each([
    ['coordination', DEMO.coordination, () => ({ structureId: ids.rouen }), { structureId: M.structure }],
    ['coordination', DEMO.coordination, () => ({ role: 'admin_national', structureId: '' }), { role: M.roleInterdit }],
    ['coordination', DEMO.coordination, () => coordinateur('92'), { role: M.roleInterdit }],
    ['gestion.sceaux', DEMO.gestionSceaux, () => ({ structureId: ids.agen }), { structureId: M.structure }],
    [
      'gestion.sceaux',
      DEMO.gestionSceaux,
      () => ({ role: 'gestionnaire', structureId: ids.rouen }),
      { structureId: M.structure },
    ],
  ] as const)('%s is refused outside their scope (%#)', async (_nom, courriel, changements, erreurs) => {
    const c = await clientConnecte(ctx.app, courriel);
    await refuser(c, avec(valide(), changements()), { erreurs });
  });

  it('writes nothing at all when the invitation email cannot be queued (one transaction)', async () => {
    const courriel = adresse();
    await admin.get('/admin/utilisateurs/nouveau');
    const avant = await compter(ctx, TABLES);
    const r = await avecPanne(ctx, 'messages', () => admin.post('/admin/utilisateurs', avec(valide(), { courriel })));
    expect(r.statusCode).toBe(500);
    expect(await compter(ctx, TABLES)).toEqual(avant);
    expect(await ctx.sql('select 1 from utilisateurs where courriel = $1', [courriel])).toEqual([]);
  });

  it('writes nothing at all when the agent’s sites cannot be saved (one transaction)', async () => {
    const courriel = adresse();
    await admin.get('/admin/utilisateurs/nouveau');
    const avant = await compter(ctx, TABLES);
    const r = await avecPanne(ctx, 'habilitation_sites', () =>
      admin.post('/admin/utilisateurs', avec(valide(), { courriel, siteIds: ids.siteSceaux })),
    );
    expect(r.statusCode).toBe(500);
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('two simultaneous creations with one address: one account, the other form refused on its address', async () => {
    const courriel = adresse();
    await admin.get('/admin/utilisateurs/nouveau');
    const avant = await compter(ctx, ['utilisateurs', 'habilitations', 'jetons', 'messages']);
    const corps = avec(valide(), { courriel });
    const reponses = await Promise.all([1, 2, 3, 4].map(() => admin.post('/admin/utilisateurs', corps)));
    const statuts = reponses.map((r) => r.statusCode).sort();
    expect(statuts).toEqual([303, 422, 422, 422]);
    for (const r of reponses.filter((x) => x.statusCode === 422)) {
      verifierRejet(r, { erreurs: { courriel: M.courrielPris }, corps });
    }
    const apres = await compter(ctx, ['utilisateurs', 'habilitations', 'jetons', 'messages']);
    expect(apres).toEqual({
      utilisateurs: (avant.utilisateurs ?? 0) + 1,
      habilitations: (avant.habilitations ?? 0) + 1,
      jetons: (avant.jetons ?? 0) + 1,
      messages: (avant.messages ?? 0) + 1,
    });
  });

  it('creates the person, their role, an invitation link and its email, and says so', async () => {
    const courriel = adresse();
    await admin.get('/admin/utilisateurs/nouveau');
    const r = await admin.post(
      '/admin/utilisateurs',
      avec(valide(), {
        prenom: ' Camille ',
        nom: ' Martin ',
        courriel: `  ${courriel.toUpperCase()} `,
        siteIds: ids.siteSceaux,
      }),
    );
    expect(r.statusCode).toBe(303);
    const id = String(r.headers.location).split('/').pop();
    const [u] = await ctx.sql('select prenom, nom, courriel, mot_de_passe from utilisateurs where id = $1', [id]);
    expect(u).toEqual({ prenom: 'Camille', nom: 'Martin', courriel, mot_de_passe: null });
    const habs = await ctx.sql<{ id: string }>(
      'select id, role, structure_id from habilitations where utilisateur_id = $1',
      [id],
    );
    expect(habs.map(({ id: _, ...h }) => h)).toEqual([{ role: 'agent', structure_id: ids.sceaux }]);
    expect(await ctx.sql('select site_id from habilitation_sites where habilitation_id = $1', [habs[0]?.id])).toEqual([
      { site_id: ids.siteSceaux },
    ]);
    expect(await ctx.sql('select objet from jetons where utilisateur_id = $1', [id])).toEqual([
      { objet: 'invitation' },
    ]);
    expect(await ctx.sql('select count(*)::int n from messages where destinataire = $1', [courriel])).toEqual([
      { n: 1 },
    ]);
    expect(flash(await pageSuivante(ctx.app, admin, r))).toBe(
      'Le compte est créé ; une invitation a été envoyée par courriel.',
    );
  });

  it('stores a name with markup as text and shows it escaped', async () => {
    await admin.get('/admin/utilisateurs/nouveau');
    const r = await admin.post('/admin/utilisateurs', avec(valide(), { prenom: SCRIPT, nom: SCRIPT }));
    expect(r.statusCode).toBe(303);
    for (const url of [String(r.headers.location), `${r.headers.location}/modifier`, '/admin/utilisateurs']) {
      const page = await admin.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(SCRIPT);
    }
  });
});

describe('POST /admin/utilisateurs/:id (modification)', () => {
  const valide = (): Corps => ({ prenom: 'Camille', nom: 'Test', courriel: adresse() });
  const nouvelle = async (structureId = ids.sceaux) => {
    const { id } = await creerUtilisateur(ctx, structureId, ['gestionnaire']);
    const [origine] = await ctx.sql('select * from utilisateurs where id = $1', [id]);
    return {
      id,
      inchangee: async () =>
        expect((await ctx.sql('select * from utilisateurs where id = $1', [id]))[0]).toEqual(origine),
    };
  };

  it.each(CAS_IDENTITE)('refuse : $cas', async ({ changements, erreurs }) => {
    const { id, inchangee } = await nouvelle();
    const corps = avec(valide(), changements);
    await admin.get(`/admin/utilisateurs/${id}/modifier`);
    const avant = await compter(ctx, TABLES);
    const r = await admin.post(`/admin/utilisateurs/${id}`, corps);
    verifierRejet(r, { erreurs, corps, titreErreur: true });
    expect(titre(r.body)).toMatch(/^Erreur – Modifier une personne/);
    expect(await compter(ctx, TABLES)).toEqual(avant);
    await inchangee();
  });

  it('an unknown or malformed id is a 404, whatever the input', async () => {
    await admin.get('/admin/utilisateurs');
    for (const cible of [randomUUID(), 'abc']) {
      for (const corps of [valide(), avec(valide(), { prenom: '' })]) {
        expect((await admin.post(`/admin/utilisateurs/${cible}`, corps)).statusCode).toBe(404);
      }
    }
  });

  it('a person outside the coordinator’s départements is a 404, whatever the input', async () => {
    const { id, inchangee } = await nouvelle(ids.agen);
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    for (const corps of [valide(), avec(valide(), { prenom: '' })]) {
      expect((await coordination.post(`/admin/utilisateurs/${id}`, corps)).statusCode).toBe(404);
    }
    await inchangee();
  });

  it('a visible person the actor may not edit is refused (403) even with invalid input', async () => {
    // A manager in Sceaux (92) and in Agen (47): the coordinator of 92 sees them but does not manage every role.
    const { id, inchangee } = await nouvelle(ids.sceaux);
    await ctx.sql(`insert into habilitations (utilisateur_id, role, structure_id) values ($1, 'gestionnaire', $2)`, [
      id,
      ids.agen,
    ]);
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    expect((await coordination.get(`/admin/utilisateurs/${id}`)).statusCode).toBe(200);
    for (const corps of [valide(), avec(valide(), { prenom: '' })]) {
      expect((await coordination.post(`/admin/utilisateurs/${id}`, corps)).statusCode).toBe(403);
    }
    await inchangee();
  });

  it('saves a new name and address (own address in another case is not “taken”) and says so', async () => {
    const { id } = await nouvelle();
    const [avant] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [id]);
    await admin.get(`/admin/utilisateurs/${id}/modifier`);
    const r = await admin.post(`/admin/utilisateurs/${id}`, {
      prenom: 'Camille',
      nom: 'Lefort',
      courriel: String(avant?.courriel).toUpperCase(),
    });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/admin/utilisateurs/${id}`);
    const [u] = await ctx.sql('select nom, courriel from utilisateurs where id = $1', [id]);
    expect(u).toEqual({ nom: 'Lefort', courriel: avant?.courriel });
    expect(flash(await pageSuivante(ctx.app, admin, r))).toBe('Les informations sont enregistrées.');
  });
});

describe('POST /admin/utilisateurs/:id/habilitations (ajout d’un rôle)', () => {
  const valide = (): Corps => ({ role: 'agent', structureId: ids.sceaux, departements: '', partenaireId: '' });
  const TABLES_ROLES = ['habilitations', 'habilitation_sites', 'utilisateurs'];

  const refuser = async (
    c: Client,
    id: string,
    corps: Corps,
    attendu: Omit<Parameters<typeof verifierRejet>[1], 'corps'>,
  ) => {
    await c.get(`/admin/utilisateurs/${id}`);
    const avant = await compter(ctx, TABLES_ROLES);
    const r = await c.post(`/admin/utilisateurs/${id}/habilitations`, corps);
    verifierRejet(r, { ...attendu, corps, titreErreur: true });
    expect(titre(r.body)).toMatch(/^Erreur – .*Camille Test/);
    expect(await compter(ctx, TABLES_ROLES)).toEqual(avant);
  };

  it.each(CAS_ROLE)('refuse : $cas', async ({ changements, erreurs, resumeSeulement }) => {
    const { id } = await creerUtilisateur(ctx, ids.sceaux, ['gestionnaire']);
    await refuser(admin, id, avec(valide(), changements()), { erreurs, resumeSeulement });
  });

  it.each([
    ['coordination', DEMO.coordination, () => ({ structureId: ids.rouen }), { structureId: M.structure }],
    ['coordination', DEMO.coordination, () => referent(ids.caf), { role: M.roleInterdit }],
    ['coordination', DEMO.coordination, () => coordinateur('76'), { role: M.roleInterdit }],
    ['gestion.sceaux', DEMO.gestionSceaux, () => ({ structureId: ids.agen }), { structureId: M.structure }],
  ] as const)('%s is refused outside their scope (%#)', async (_nom, courriel, changements, erreurs) => {
    const { id } = await creerUtilisateur(ctx, ids.sceaux, ['gestionnaire']);
    const c = await clientConnecte(ctx.app, courriel);
    await refuser(c, id, avec(valide(), changements()), { erreurs });
  });

  it('an unknown or malformed person is a 404, whatever the input', async () => {
    await admin.get('/admin/utilisateurs');
    const avant = await compter(ctx, TABLES_ROLES);
    for (const cible of [randomUUID(), 'abc']) {
      for (const corps of [valide(), avec(valide(), { role: 'x' })]) {
        expect((await admin.post(`/admin/utilisateurs/${cible}/habilitations`, corps)).statusCode).toBe(404);
      }
    }
    expect(await compter(ctx, TABLES_ROLES)).toEqual(avant);
  });

  it('adds no role at all when the agent’s sites cannot be saved (one transaction)', async () => {
    const { id } = await creerUtilisateur(ctx, ids.sceaux, ['gestionnaire']);
    await admin.get(`/admin/utilisateurs/${id}`);
    const avant = await compter(ctx, TABLES_ROLES);
    const r = await avecPanne(ctx, 'habilitation_sites', () =>
      admin.post(`/admin/utilisateurs/${id}/habilitations`, avec(valide(), { siteIds: ids.siteSceaux })),
    );
    expect(r.statusCode).toBe(500);
    // Otherwise the person would be left an agent of every site of the structure instead of the one chosen.
    expect(await compter(ctx, TABLES_ROLES)).toEqual(avant);
    expect(await ctx.sql(`select 1 from habilitations where utilisateur_id = $1 and role = 'agent'`, [id])).toEqual([]);
  });

  it('adds a valid role, restricted to the sites chosen, and says so', async () => {
    const { id } = await creerUtilisateur(ctx, ids.sceaux, ['gestionnaire']);
    await admin.get(`/admin/utilisateurs/${id}`);
    const r = await admin.post(`/admin/utilisateurs/${id}/habilitations`, avec(valide(), { siteIds: ids.siteSceaux }));
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/admin/utilisateurs/${id}`);
    const [h] = await ctx.sql<{ id: string }>(
      `select id from habilitations where utilisateur_id = $1 and role = 'agent' and structure_id = $2`,
      [id, ids.sceaux],
    );
    expect(h).toBeDefined();
    expect(await ctx.sql('select site_id from habilitation_sites where habilitation_id = $1', [h?.id])).toEqual([
      { site_id: ids.siteSceaux },
    ]);
    expect(flash(await pageSuivante(ctx.app, admin, r))).toBe('Le rôle est ajouté.');
  });

  it('adds a référent role with its départements, normalised', async () => {
    const { id } = await creerUtilisateur(ctx, ids.sceaux, ['gestionnaire']);
    await admin.get(`/admin/utilisateurs/${id}`);
    const r = await admin.post(`/admin/utilisateurs/${id}/habilitations`, {
      role: 'referent',
      structureId: '',
      departements: ' 92, 2a;974 92 ',
      partenaireId: ids.caf,
    });
    expect(r.statusCode).toBe(303);
    const [h] = await ctx.sql(
      `select departements, partenaire_id from habilitations where utilisateur_id = $1 and role = 'referent'`,
      [id],
    );
    expect(h).toEqual({ departements: ['92', '2A', '974'], partenaire_id: ids.caf });
  });
});

describe('recherche de personnes', () => {
  it('a hostile search is answered with the page, never a server error', async () => {
    for (const q of ['\u0000', SCRIPT, '%_\\', 'x'.repeat(5000)]) {
      const r = await admin.get(`/admin/utilisateurs?q=${encodeURIComponent(q)}`);
      expect(r.statusCode, `q=${JSON.stringify(q.slice(0, 20))}`).toBe(200);
      expect(r.body).not.toContain(SCRIPT);
    }
  });
});
