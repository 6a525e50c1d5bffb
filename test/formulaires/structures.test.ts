import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerStructure, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { avec, type Corps, compter, flash, pageSuivante, SCRIPT, titre, verifierRejet } from './outils.ts';

/** The structure forms (create, edit) refuse bad input field by field and write nothing. */

let ctx: Contexte;
let admin: Client;
beforeAll(async () => {
  ctx = await demarrerApp();
  admin = await clientConnecte(ctx.app, DEMO.admin);
});
afterAll(() => ctx.fermer());

const TABLES = ['structures', 'sites'];

const valide = (): Corps => ({ nom: 'France services de Test', departement: '92', porteur: 'commune' });

const NOM_INTERDIT = 'Le nom de la structure contient des caractères non autorisés';
const NOM_TROP_LONG = 'Le nom de la structure ne doit pas dépasser 200 caractères';
const NOM_TROP_COURT = 'Le nom de la structure doit contenir au moins 3 caractères';

interface Cas {
  cas: string;
  changements: Record<string, string | string[] | undefined>;
  erreurs: Record<string, string>;
}

const CAS: Cas[] = [
  // missing
  { cas: 'nom absent', changements: { nom: undefined }, erreurs: { nom: 'Saisissez le nom de la structure' } },
  { cas: 'nom vide', changements: { nom: '' }, erreurs: { nom: 'Saisissez le nom de la structure' } },
  { cas: 'nom fait d’espaces', changements: { nom: '     ' }, erreurs: { nom: 'Saisissez le nom de la structure' } },
  { cas: 'nom trop court', changements: { nom: ' ab ' }, erreurs: { nom: NOM_TROP_COURT } },
  {
    cas: 'département absent',
    changements: { departement: undefined },
    erreurs: { departement: 'Choisissez le département' },
  },
  { cas: 'département vide', changements: { departement: '' }, erreurs: { departement: 'Choisissez le département' } },
  { cas: 'porteur absent', changements: { porteur: undefined }, erreurs: { porteur: 'Choisissez le type de porteur' } },
  { cas: 'porteur vide', changements: { porteur: '' }, erreurs: { porteur: 'Choisissez le type de porteur' } },
  {
    cas: 'tout absent',
    changements: { nom: undefined, departement: undefined, porteur: undefined },
    erreurs: {
      nom: 'Saisissez le nom de la structure',
      departement: 'Choisissez le département',
      porteur: 'Choisissez le type de porteur',
    },
  },
  // too long
  { cas: 'nom de 201 caractères', changements: { nom: 'a'.repeat(201) }, erreurs: { nom: NOM_TROP_LONG } },
  { cas: 'nom de 20 000 caractères', changements: { nom: 'é'.repeat(20_000) }, erreurs: { nom: NOM_TROP_LONG } },
  // wrong format / unknown values
  { cas: 'département 99', changements: { departement: '99' }, erreurs: { departement: 'Département inconnu' } },
  {
    cas: 'département 20 (Corse avant 1976)',
    changements: { departement: '20' },
    erreurs: { departement: 'Département inconnu' },
  },
  { cas: 'département 986', changements: { departement: '986' }, erreurs: { departement: 'Département inconnu' } },
  { cas: 'porteur inconnu', changements: { porteur: 'mairie' }, erreurs: { porteur: 'Choisissez le type de porteur' } },
  // hostile strings
  { cas: 'caractère NUL', changements: { nom: 'France services\u0000 de Test' }, erreurs: { nom: NOM_INTERDIT } },
  { cas: 'caractère BEL', changements: { nom: 'France services\u0007' }, erreurs: { nom: NOM_INTERDIT } },
  { cas: 'séquence ANSI', changements: { nom: 'France \u001b[31mservices' }, erreurs: { nom: NOM_INTERDIT } },
  { cas: 'contrôle C1 (CSI)', changements: { nom: 'France \u009b31mservices' }, erreurs: { nom: NOM_INTERDIT } },
  { cas: 'retour à la ligne', changements: { nom: 'France services\r\nde Test' }, erreurs: { nom: NOM_INTERDIT } },
  {
    cas: 'script dans le nom, département invalide',
    changements: { nom: SCRIPT, departement: '99' },
    erreurs: { departement: 'Département inconnu' },
  },
  {
    cas: 'guillemets et chevrons dans le nom, porteur invalide',
    changements: { nom: '"><img src=x onerror=alert(1)>', porteur: 'x' },
    erreurs: { porteur: 'Choisissez le type de porteur' },
  },
  { cas: 'nom en tableau', changements: { nom: ['a', 'b'] }, erreurs: { nom: 'Saisissez le nom de la structure' } },
  {
    cas: 'département en tableau',
    changements: { departement: ['92', '13'] },
    erreurs: { departement: 'Choisissez le département' },
  },
  {
    cas: 'porteur en tableau',
    changements: { porteur: ['commune', 'etat'] },
    erreurs: { porteur: 'Choisissez le type de porteur' },
  },
];

describe('POST /admin/structures (ajout)', () => {
  it.each(CAS)('refuse : $cas', async ({ changements, erreurs }) => {
    const corps = avec(valide(), changements);
    await admin.get('/admin/structures/nouvelle');
    const avant = await compter(ctx, TABLES);
    const r = await admin.post('/admin/structures', corps);
    verifierRejet(r, { erreurs, corps, titreErreur: true });
    expect(titre(r.body)).toMatch(/^Erreur – Ajouter une structure/);
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('a coordinator cannot create a structure outside their départements', async () => {
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    await coordination.get('/admin/structures/nouvelle');
    const avant = await compter(ctx, TABLES);
    const corps = avec(valide(), { departement: '76' });
    const r = await coordination.post('/admin/structures', corps);
    verifierRejet(r, {
      erreurs: { departement: 'Vous ne pouvez pas créer de structure dans ce département' },
      corps,
      titreErreur: true,
    });
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('creates a structure from valid input, trimmed, and says so', async () => {
    await admin.get('/admin/structures/nouvelle');
    const r = await admin.post('/admin/structures', {
      nom: '  France services de Bourg-la-Reine  ',
      departement: '92',
      porteur: 'intercommunalite',
    });
    expect(r.statusCode).toBe(303);
    const id = String(r.headers.location).split('/').pop();
    const [s] = await ctx.sql('select nom, departement, porteur from structures where id = $1', [id]);
    expect(s).toEqual({ nom: 'France services de Bourg-la-Reine', departement: '92', porteur: 'intercommunalite' });
    expect(flash(await pageSuivante(ctx.app, admin, r))).toBe('La structure est créée.');
  });

  it('stores a name with markup as text and always shows it escaped', async () => {
    await admin.get('/admin/structures/nouvelle');
    const r = await admin.post('/admin/structures', { nom: SCRIPT, departement: '92', porteur: 'commune' });
    expect(r.statusCode).toBe(303);
    const [s] = await ctx.sql<{ nom: string }>('select nom from structures where id = $1', [
      String(r.headers.location).split('/').pop(),
    ]);
    expect(s?.nom).toBe(SCRIPT);
    for (const url of [String(r.headers.location), '/admin/structures', `${r.headers.location}/modifier`]) {
      const page = await admin.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(SCRIPT);
      expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    }
  });
});

describe('POST /admin/structures/:id (modification)', () => {
  /** A fresh structure for each case, and a check that a refused form left it exactly as it was. */
  const nouvelle = async () => {
    const id = await creerStructure(ctx, '92', 'Structure à modifier');
    const [origine] = await ctx.sql('select * from structures where id = $1', [id]);
    return {
      id,
      inchangee: async () =>
        expect((await ctx.sql('select * from structures where id = $1', [id]))[0]).toEqual(origine),
    };
  };

  it.each(CAS)('refuse : $cas', async ({ changements, erreurs }) => {
    const { id, inchangee } = await nouvelle();
    const corps = avec(valide(), changements);
    await admin.get(`/admin/structures/${id}/modifier`);
    const avant = await compter(ctx, TABLES);
    const r = await admin.post(`/admin/structures/${id}`, corps);
    verifierRejet(r, { erreurs, corps, titreErreur: true });
    expect(titre(r.body)).toMatch(/^Erreur – Modifier la structure/);
    expect(await compter(ctx, TABLES)).toEqual(avant);
    await inchangee();
  });

  it('a coordinator cannot move a structure to a département they do not coordinate', async () => {
    const { id, inchangee } = await nouvelle();
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    await coordination.get(`/admin/structures/${id}/modifier`);
    const corps = avec(valide(), { departement: '76' });
    const r = await coordination.post(`/admin/structures/${id}`, corps);
    verifierRejet(r, {
      erreurs: { departement: 'Vous ne pouvez pas déplacer la structure dans ce département' },
      corps,
      titreErreur: true,
    });
    await inchangee();
  });

  it('an unknown or malformed id is a 404, whatever the input', async () => {
    const { id, inchangee } = await nouvelle();
    for (const cible of [randomUUID(), 'abc', `${id}x`]) {
      for (const corps of [valide(), avec(valide(), { nom: '' })]) {
        const r = await admin.post(`/admin/structures/${cible}`, corps);
        expect(r.statusCode).toBe(404);
        expect(r.body).toContain('Page non trouvée');
      }
    }
    await inchangee();
  });

  it('a structure outside the coordinator’s départements is a 404, whatever the input', async () => {
    const rouen = await structureNommee(ctx, 'Maison du Plateau');
    const [avant] = await ctx.sql('select * from structures where id = $1', [rouen]);
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    for (const corps of [avec(valide(), { departement: '76' }), avec(valide(), { nom: '' })]) {
      const r = await coordination.post(`/admin/structures/${rouen}`, corps);
      expect(r.statusCode).toBe(404);
    }
    expect((await ctx.sql('select * from structures where id = $1', [rouen]))[0]).toEqual(avant);
  });

  it('an agent, who may only read their structure, is refused (403) even with invalid input', async () => {
    const sceaux = await structureNommee(ctx, 'France services de Sceaux');
    const [avant] = await ctx.sql('select * from structures where id = $1', [sceaux]);
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    await agent.get(`/admin/structures/${sceaux}`);
    for (const corps of [avec(valide(), { departement: '92' }), avec(valide(), { nom: '' })]) {
      const r = await agent.post(`/admin/structures/${sceaux}`, corps);
      expect(r.statusCode).toBe(403);
    }
    expect((await ctx.sql('select * from structures where id = $1', [sceaux]))[0]).toEqual(avant);
  });

  it('saves valid changes and says so', async () => {
    const autre = await creerStructure(ctx, '13');
    await admin.get(`/admin/structures/${autre}/modifier`);
    const r = await admin.post(`/admin/structures/${autre}`, {
      nom: 'France services d’Aubagne',
      departement: '13',
      porteur: 'association',
    });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/admin/structures/${autre}`);
    const [s] = await ctx.sql('select nom, departement, porteur from structures where id = $1', [autre]);
    expect(s).toEqual({ nom: 'France services d’Aubagne', departement: '13', porteur: 'association' });
    expect(flash(await pageSuivante(ctx.app, admin, r))).toBe('La structure est enregistrée.');
  });
});

describe('recherche dans les listes', () => {
  it.each(['/admin/structures', '/admin/sites'])(
    '%s : a hostile search is answered with the page, never a server error',
    async (liste) => {
      for (const q of ['\u0000', 'a\u0000b', SCRIPT, '%_\\', 'x'.repeat(5000), "' or 1=1 --"]) {
        const r = await admin.get(`${liste}?q=${encodeURIComponent(q)}`);
        expect(r.statusCode, `q=${JSON.stringify(q.slice(0, 20))}`).toBe(200);
        expect(r.body).not.toContain(SCRIPT);
      }
    },
  );
});
