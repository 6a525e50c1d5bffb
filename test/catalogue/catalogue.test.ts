import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueDeSaisie, libellesCatalogue } from '../../src/modules/catalogue/index.ts';
import { creerSollicitation, structureNommee, utilisateurNomme } from '../fabriques.ts';
import {
  avec,
  avecPanne,
  type Corps,
  compter,
  flash,
  messagesDe,
  pageSuivante,
  resumeErreurs,
  SCRIPT,
  texte,
  verifierRejet,
} from '../formulaires/outils.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

/**
 * The bouquet de services as data: the national administration edits the national catalogue, a structure adds local
 * partners and situations only it sees, and retiring an entry never breaks what was recorded with it.
 */

let ctx: Contexte;
let admin: Client;
let gestionSceaux: Client;
let agentSceaux: Client;
let gestionAgen: Client;
let sceaux: string;
let agen: string;
const ids: Record<string, string> = {};

const TABLES = ['situations', 'situation_partenaires', 'prestations', 'partenaires', 'themes'];

async function idDe(table: 'situations' | 'partenaires' | 'themes', code: string) {
  const [r] = await ctx.sql<{ id: string }>(`select id from ${table} where code = $1`, [code]);
  if (!r) throw new Error(`no ${table} ${code}`);
  return r.id;
}

beforeAll(async () => {
  ctx = await demarrerApp();
  [admin, gestionSceaux, agentSceaux, gestionAgen] = await Promise.all([
    clientConnecte(ctx.app, DEMO.admin),
    clientConnecte(ctx.app, DEMO.gestionSceaux),
    clientConnecte(ctx.app, DEMO.agentSceaux),
    clientConnecte(ctx.app, DEMO.gestionAgen),
  ]);
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  agen = await structureNommee(ctx, 'France services Agen Léon Blum');
  for (const code of ['msa', 'caf', 'assurance-retraite', 'finances-publiques', 'justice'])
    ids[code] = await idDe('partenaires', code);
  for (const code of ['budget', 'justice', 'etat-civil-famille']) ids[`theme-${code}`] = await idDe('themes', code);
});
afterAll(() => ctx.fermer());

/** The active items of a situation, per rubrique, in order. */
async function prestationsActives(situationId: string) {
  const lignes = await ctx.sql<{ rubrique: string; libelle: string }>(
    'select rubrique, libelle from prestations where situation_id = $1 and actif order by ordre',
    [situationId],
  );
  const par = { accompagnement: [] as string[], numerique: [] as string[], demarches: [] as string[] };
  for (const l of lignes) par[l.rubrique as keyof typeof par]?.push(l.libelle);
  return par;
}

async function partenairesDe(situationId: string) {
  const lignes = await ctx.sql<{ code: string }>(
    `select p.code from situation_partenaires sp join partenaires p on p.id = sp.partenaire_id
     where sp.situation_id = $1 order by sp.ordre`,
    [situationId],
  );
  return lignes.map((l) => l.code);
}

describe('national catalogue', () => {
  it('lets the national administrator edit a situation’s name, partners and items, and shows the result', async () => {
    const id = await idDe('situations', 'je-prepare-ma-retraite');
    const avant = await prestationsActives(id);
    const [{ n: lignesAvant } = { n: 0 }] = await ctx.sql<{ n: number }>(
      'select count(*)::int as n from prestations where situation_id = $1',
      [id],
    );
    const formulaire = await admin.get(`/admin/catalogue/situations/${id}`);
    expect(formulaire.statusCode).toBe(200);
    expect(formulaire.body).toContain('Orienter vers le site lassuranceretraite.fr');

    const accompagnement = [avant.accompagnement[0] ?? '', 'Présenter le simulateur M@rel'];
    const r = await admin.post(`/admin/catalogue/situations/${id}`, {
      nom: 'Je prépare ma retraite et ma pension',
      themeId: ids['theme-budget'] ?? '',
      partenairePrincipal: ids.msa ?? '',
      partenaires: [ids['assurance-retraite'] ?? '', ids.caf ?? ''],
      accompagnement: accompagnement.join('\r\n'),
      numerique: (avant.numerique ?? []).join('\n'),
      demarches: '',
    });
    const page = await pageSuivante(ctx.app, admin, r);
    expect(flash(page)).toBe('La situation est enregistrée.');
    expect(page).toContain('Je prépare ma retraite et ma pension');
    expect(page).toContain('Présenter le simulateur M@rel');

    expect(await partenairesDe(id)).toEqual(['msa', 'assurance-retraite', 'caf']);
    const apres = await prestationsActives(id);
    expect(apres).toEqual({ accompagnement, numerique: avant.numerique, demarches: [] });
    // Removed lines are retired, not deleted: one row more than before (the new line), none fewer.
    const [{ n: lignesApres } = { n: 0 }] = await ctx.sql<{ n: number }>(
      'select count(*)::int as n from prestations where situation_id = $1',
      [id],
    );
    expect(lignesApres).toBe(lignesAvant + 1);

    const saisie = await catalogueDeSaisie(ctx.database.db, sceaux);
    const s = saisie.situations.find((x) => x.id === id);
    expect(s?.nom).toBe('Je prépare ma retraite et ma pension');
    expect(s?.themeId).toBe(ids['theme-budget']);
    expect(s?.partenaires).toEqual([ids.msa, ids['assurance-retraite'], ids.caf]);

    const liste = await agentSceaux.get('/admin/catalogue');
    expect(liste.statusCode).toBe(200);
    expect(liste.body).toContain('Je prépare ma retraite et ma pension');

    // Typing back a retired line brings its item back rather than adding a twin.
    const retiree = avant.accompagnement[1] ?? '';
    await admin.get(`/admin/catalogue/situations/${id}`);
    const r2 = await admin.post(`/admin/catalogue/situations/${id}`, {
      nom: 'Je prépare ma retraite et ma pension',
      themeId: ids['theme-budget'] ?? '',
      partenairePrincipal: ids.msa ?? '',
      accompagnement: [...accompagnement, retiree].join('\n'),
      numerique: '',
      demarches: '',
    });
    expect(r2.statusCode).toBe(303);
    expect((await prestationsActives(id)).accompagnement).toEqual([...accompagnement, retiree]);
    expect(await partenairesDe(id)).toEqual(['msa']);
    const [{ n: lignesFin } = { n: 0 }] = await ctx.sql<{ n: number }>(
      'select count(*)::int as n from prestations where situation_id = $1',
      [id],
    );
    expect(lignesFin).toBe(lignesApres);
  });

  it('retires a situation: gone from the counter, still named in past requests, and it can come back', async () => {
    const id = await idDe('situations', 'je-fais-face-a-un-litige-de-consommation');
    const [site] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
    const sollicitation = await creerSollicitation(ctx, site?.id ?? '', await utilisateurNomme(ctx, DEMO.agentSceaux), {
      situation: 'je-fais-face-a-un-litige-de-consommation',
    });

    await admin.get(`/admin/catalogue/situations/${id}`);
    const page = await pageSuivante(ctx.app, admin, await admin.post(`/admin/catalogue/situations/${id}/retirer`));
    expect(flash(page)).toBe('La situation est retirée.');
    expect(page).toContain('Réactiver la situation');

    const [ligne] = await ctx.sql<{ actif: boolean }>('select actif from situations where id = $1', [id]);
    expect(ligne?.actif).toBe(false);
    expect((await catalogueDeSaisie(ctx.database.db, sceaux)).situations.some((s) => s.id === id)).toBe(false);
    const [passee] = await ctx.sql<{ situation_id: string }>('select situation_id from sollicitations where id = $1', [
      sollicitation,
    ]);
    expect(passee?.situation_id).toBe(id);
    expect((await libellesCatalogue(ctx.database.db)).situations.get(id)).toBe(
      'Je fais face à un litige de consommation',
    );
    const liste = texte((await agentSceaux.get('/admin/catalogue')).body);
    expect(liste).toContain('Je fais face à un litige de consommation Retirée');

    await admin.get(`/admin/catalogue/situations/${id}`);
    expect((await admin.post(`/admin/catalogue/situations/${id}/reactiver`)).statusCode).toBe(303);
    expect((await catalogueDeSaisie(ctx.database.db, sceaux)).situations.some((s) => s.id === id)).toBe(true);
  });

  it('retires a partner without touching the requests or situations that name it', async () => {
    const id = ids.justice ?? '';
    await admin.get(`/admin/catalogue/partenaires/${id}`);
    expect((await admin.post(`/admin/catalogue/partenaires/${id}/retirer`)).statusCode).toBe(303);
    const saisie = await catalogueDeSaisie(ctx.database.db, sceaux);
    expect(saisie.partenaires.some((p) => p.id === id)).toBe(false);
    expect((await libellesCatalogue(ctx.database.db)).partenaires.get(id)).toBe('Justice');
    expect(await partenairesDe(await idDe('situations', 'je-suis-victime-d-une-infraction'))).toEqual(['justice']);
    expect(texte((await gestionSceaux.get('/admin/catalogue')).body)).toContain('Justice Retiré');
    await admin.get(`/admin/catalogue/partenaires/${id}`);
    expect((await admin.post(`/admin/catalogue/partenaires/${id}/reactiver`)).statusCode).toBe(303);
    expect((await catalogueDeSaisie(ctx.database.db, sceaux)).partenaires.some((p) => p.id === id)).toBe(true);
  });

  it('lets the national administrator add a national situation and rename a theme', async () => {
    await admin.get('/admin/catalogue/situations/nouvelle');
    const r = await admin.post('/admin/catalogue/situations', {
      structureId: 'national',
      nom: 'Je déménage',
      themeId: ids['theme-etat-civil-famille'] ?? '',
      partenairePrincipal: ids.caf ?? '',
      accompagnement: 'Informer sur le changement d’adresse en ligne',
      numerique: '',
      demarches: '',
    });
    expect(r.statusCode).toBe(303);
    const [s] = await ctx.sql<{ id: string; code: string; structure_id: string | null }>(
      `select id, code, structure_id from situations where nom = 'Je déménage'`,
    );
    expect(s?.code).toBe('je-demenage');
    expect(s?.structure_id).toBeNull();
    expect((await catalogueDeSaisie(ctx.database.db, agen)).situations.some((x) => x.id === s?.id)).toBe(true);

    const theme = ids['theme-justice'] ?? '';
    await admin.get(`/admin/catalogue/themes/${theme}`);
    expect((await admin.post(`/admin/catalogue/themes/${theme}`, { nom: 'Justice et droit' })).statusCode).toBe(303);
    expect((await catalogueDeSaisie(ctx.database.db, null)).themes.find((t) => t.id === theme)?.nom).toBe(
      'Justice et droit',
    );
    const doublon = await admin.post(`/admin/catalogue/themes/${theme}`, { nom: 'budget' });
    verifierRejet(doublon, { erreurs: { nom: 'Un thème porte déjà ce nom' }, titreErreur: true });
  });

  it('leaves the national catalogue read-only to managers and agents, and closed to référents', async () => {
    const id = await idDe('situations', 'je-declare-mes-impots');
    const lecture = await gestionSceaux.get(`/admin/catalogue/situations/${id}`);
    expect(lecture.statusCode).toBe(200);
    expect(lecture.body).not.toContain('name="nom"');
    expect(lecture.body).toContain('Présenter les principales fonctionnalités d’impots.gouv.fr');
    const r = await gestionSceaux.post(`/admin/catalogue/situations/${id}`, {
      nom: 'Impôts',
      themeId: ids['theme-budget'] ?? '',
      partenairePrincipal: ids['finances-publiques'] ?? '',
    });
    expect(r.statusCode).toBe(403);
    expect((await agentSceaux.post(`/admin/catalogue/situations/${id}/retirer`)).statusCode).toBe(403);
    expect((await gestionSceaux.post(`/admin/catalogue/partenaires/${ids.caf}/retirer`)).statusCode).toBe(403);
    const [s] = await ctx.sql<{ nom: string; actif: boolean }>('select nom, actif from situations where id = $1', [id]);
    expect(s).toEqual({ nom: 'Je déclare mes impôts', actif: true });

    const referent = await clientConnecte(ctx.app, DEMO.referentCaf);
    expect((await referent.get('/admin/catalogue')).statusCode).toBe(403);
    expect((await referent.get('/tableau-de-bord')).body).not.toContain('href="/admin/catalogue"');
    expect((await agentSceaux.get('/tableau-de-bord')).body).toContain('href="/admin/catalogue"');
  });

  it('writes all of an edit or none of it', async () => {
    const id = await idDe('situations', 'je-me-deplace');
    const avant = await prestationsActives(id);
    await admin.get(`/admin/catalogue/situations/${id}`);
    const r = await avecPanne(ctx, 'prestations', () =>
      admin.post(`/admin/catalogue/situations/${id}`, {
        nom: 'Je me déplace autrement',
        themeId: ids['theme-budget'] ?? '',
        partenairePrincipal: ids.caf ?? '',
        accompagnement: 'Une prestation nouvelle',
      }),
    );
    expect(r.statusCode).toBe(500);
    const [s] = await ctx.sql<{ nom: string }>('select nom from situations where id = $1', [id]);
    expect(s?.nom).toBe('Je me déplace');
    expect(await partenairesDe(id)).toEqual(['interieur-ants']);
    expect(await prestationsActives(id)).toEqual(avant);
  });
});

describe('local entries', () => {
  let partenaireLocal = '';
  let situationLocale = '';

  it('lets a manager add a local partner and a local situation that their agents see', async () => {
    await gestionSceaux.get('/admin/catalogue/partenaires/nouveau');
    const r1 = await gestionSceaux.post('/admin/catalogue/partenaires', {
      structureId: sceaux,
      nom: 'Mission locale du Val de Bièvre',
      nomCourt: 'Mission locale',
    });
    expect(r1.statusCode).toBe(303);
    const [p] = await ctx.sql<{ id: string; code: string; national: boolean; structure_id: string }>(
      `select id, code, national, structure_id from partenaires where nom = 'Mission locale du Val de Bièvre'`,
    );
    expect(p?.national).toBe(false);
    expect(p?.structure_id).toBe(sceaux);
    expect(p?.code).toMatch(/^mission-locale-du-val-de-bievre-[0-9a-f]{6}$/);
    partenaireLocal = p?.id ?? '';

    const nouvelle = await gestionSceaux.get('/admin/catalogue/situations/nouvelle');
    expect(nouvelle.statusCode).toBe(200);
    expect(nouvelle.body).toContain('Mission locale du Val de Bièvre (partenaire local – France services de Sceaux)');
    expect(nouvelle.body).not.toContain('Catalogue national');
    const r2 = await gestionSceaux.post('/admin/catalogue/situations', {
      structureId: sceaux,
      nom: 'Je cherche une formation',
      themeId: ids['theme-budget'] ?? '',
      partenairePrincipal: partenaireLocal,
      partenaires: [ids.caf ?? ''],
      accompagnement: 'Orienter vers la Mission locale\nPrendre rendez-vous avec un conseiller',
      numerique: 'Présenter 1jeune1solution.gouv.fr',
      demarches: '',
    });
    const page = await pageSuivante(ctx.app, gestionSceaux, r2);
    expect(flash(page)).toBe('La situation est ajoutée au catalogue.');
    const [s] = await ctx.sql<{ id: string; structure_id: string; code: string }>(
      `select id, structure_id, code from situations where nom = 'Je cherche une formation'`,
    );
    expect(s?.structure_id).toBe(sceaux);
    expect(s?.code).toMatch(/^je-cherche-une-formation-[0-9a-f]{6}$/);
    situationLocale = s?.id ?? '';
    expect(await partenairesDe(situationLocale)).toEqual([p?.code, 'caf']);
    expect(await prestationsActives(situationLocale)).toEqual({
      accompagnement: ['Orienter vers la Mission locale', 'Prendre rendez-vous avec un conseiller'],
      numerique: ['Présenter 1jeune1solution.gouv.fr'],
      demarches: [],
    });

    const saisie = await catalogueDeSaisie(ctx.database.db, sceaux);
    expect(saisie.situations.find((x) => x.id === situationLocale)).toMatchObject({
      local: true,
      partenaires: [partenaireLocal, ids.caf],
    });
    expect(saisie.partenaires.some((x) => x.id === partenaireLocal)).toBe(true);

    const vueAgent = await agentSceaux.get('/admin/catalogue');
    expect(vueAgent.body).toContain('Je cherche une formation');
    expect(vueAgent.body).toContain('Mission locale du Val de Bièvre');
    const fiche = await agentSceaux.get(`/admin/catalogue/situations/${situationLocale}`);
    expect(fiche.statusCode).toBe(200);
    expect(fiche.body).toContain('Prendre rendez-vous avec un conseiller');
    expect(fiche.body).not.toContain('name="nom"');
    expect((await agentSceaux.post(`/admin/catalogue/situations/${situationLocale}/retirer`)).statusCode).toBe(403);

    // The manager edits what they created.
    const edition = await gestionSceaux.get(`/admin/catalogue/situations/${situationLocale}`);
    expect(edition.body).toContain('name="nom"');
  });

  it('hides one structure’s local entries from another (404, absent from lists and from its counter)', async () => {
    const liste = await gestionAgen.get('/admin/catalogue');
    expect(liste.statusCode).toBe(200);
    expect(liste.body).not.toContain('Je cherche une formation');
    expect(liste.body).not.toContain('Mission locale du Val de Bièvre');
    for (const url of [
      `/admin/catalogue/situations/${situationLocale}`,
      `/admin/catalogue/partenaires/${partenaireLocal}`,
    ]) {
      expect((await gestionAgen.get(url)).statusCode, url).toBe(404);
    }
    const tentatives = [
      gestionAgen.post(`/admin/catalogue/situations/${situationLocale}`, {
        nom: 'Pris',
        themeId: ids['theme-budget'] ?? '',
        partenairePrincipal: ids.caf ?? '',
      }),
      gestionAgen.post(`/admin/catalogue/situations/${situationLocale}/retirer`),
      gestionAgen.post(`/admin/catalogue/partenaires/${partenaireLocal}`, { nom: 'Pris', nomCourt: 'Pris' }),
      gestionAgen.post(`/admin/catalogue/partenaires/${partenaireLocal}/retirer`),
    ];
    for (const r of await Promise.all(tentatives)) expect(r.statusCode).toBe(404);
    const [s] = await ctx.sql<{ nom: string; actif: boolean }>('select nom, actif from situations where id = $1', [
      situationLocale,
    ]);
    expect(s).toEqual({ nom: 'Je cherche une formation', actif: true });

    const saisie = await catalogueDeSaisie(ctx.database.db, agen);
    expect(saisie.situations.some((x) => x.id === situationLocale)).toBe(false);
    expect(saisie.partenaires.some((x) => x.id === partenaireLocal)).toBe(false);

    // Agen may not name Sceaux's partner either, nor add entries to Sceaux.
    const avant = await compter(ctx, TABLES);
    await gestionAgen.get('/admin/catalogue/situations/nouvelle');
    const r = await gestionAgen.post('/admin/catalogue/situations', {
      structureId: sceaux,
      nom: 'Je cherche un stage',
      themeId: ids['theme-budget'] ?? '',
      partenairePrincipal: partenaireLocal,
    });
    verifierRejet(r, { erreurs: { structureId: 'Structure inconnue', partenairePrincipal: 'Partenaire inconnu' } });
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('lets the manager retire and bring back their local entries', async () => {
    await gestionSceaux.get(`/admin/catalogue/partenaires/${partenaireLocal}`);
    expect((await gestionSceaux.post(`/admin/catalogue/partenaires/${partenaireLocal}/retirer`)).statusCode).toBe(303);
    await gestionSceaux.get(`/admin/catalogue/situations/${situationLocale}`);
    expect((await gestionSceaux.post(`/admin/catalogue/situations/${situationLocale}/retirer`)).statusCode).toBe(303);
    const saisie = await catalogueDeSaisie(ctx.database.db, sceaux);
    expect(saisie.situations.some((x) => x.id === situationLocale)).toBe(false);
    expect(saisie.partenaires.some((x) => x.id === partenaireLocal)).toBe(false);
    const page = texte((await agentSceaux.get('/admin/catalogue')).body);
    expect(page).toContain('Je cherche une formation Retirée');
    expect(page).toContain('Mission locale du Val de Bièvre Retiré');

    // A retired partner the situation still names stays offered (flagged) so that saving does not drop it.
    const edition = await gestionSceaux.get(`/admin/catalogue/situations/${situationLocale}`);
    expect(edition.body).toContain(
      'Mission locale du Val de Bièvre (partenaire local – France services de Sceaux) (retiré)',
    );

    await gestionSceaux.get(`/admin/catalogue/situations/${situationLocale}`);
    expect((await gestionSceaux.post(`/admin/catalogue/situations/${situationLocale}/reactiver`)).statusCode).toBe(303);
    await gestionSceaux.get(`/admin/catalogue/partenaires/${partenaireLocal}`);
    expect((await gestionSceaux.post(`/admin/catalogue/partenaires/${partenaireLocal}/reactiver`)).statusCode).toBe(
      303,
    );
    expect((await catalogueDeSaisie(ctx.database.db, sceaux)).situations.some((x) => x.id === situationLocale)).toBe(
      true,
    );
  });
});

describe('bad input', () => {
  const valide = (): Corps => ({
    structureId: sceaux,
    nom: 'Je prépare un concours',
    themeId: ids['theme-budget'] ?? '',
    partenairePrincipal: ids.caf ?? '',
    accompagnement: 'Informer sur les concours',
    numerique: '',
    demarches: '',
  });

  const CAS_CHAMPS: Array<[string, Record<string, string | string[] | undefined>, Record<string, string>]> = [
    ['missing name', { nom: undefined }, { nom: 'Saisissez le nom de la situation' }],
    ['empty name', { nom: '   ' }, { nom: 'Saisissez le nom de la situation' }],
    ['name too long', { nom: 'a'.repeat(201) }, { nom: 'Le nom de la situation ne doit pas dépasser 200 caractères' }],
    [
      'control characters',
      { nom: 'Je\u0007 bip' },
      { nom: 'Le nom de la situation contient des caractères non autorisés' },
    ],
    [
      'bidirectional override',
      { nom: 'Je \u202Eetiart' },
      { nom: 'Le nom de la situation contient des caractères non autorisés' },
    ],
    ['array instead of a string', { nom: ['Un', 'Deux'] }, { nom: 'Saisissez le nom de la situation' }],
    [
      'a name a national situation already has',
      { nom: 'Je déclare mes impôts' },
      { nom: 'Une situation porte déjà ce nom dans ce catalogue' },
    ],
    ['unknown theme id', { themeId: randomUUID() }, { themeId: 'Thème inconnu' }],
    ['theme that is not an id', { themeId: 'budget' }, { themeId: 'Thème inconnu' }],
    ['missing theme', { themeId: '' }, { themeId: 'Choisissez le thème' }],
    ['unknown partner', { partenairePrincipal: randomUUID() }, { partenairePrincipal: 'Partenaire inconnu' }],
    ['no partner', { partenairePrincipal: '' }, { partenairePrincipal: 'Choisissez le partenaire principal' }],
    ['unknown structure', { structureId: randomUUID() }, { structureId: 'Structure inconnue' }],
    ['another structure', { structureId: 'AGEN' }, { structureId: 'Structure inconnue' }],
    [
      'national catalogue for a manager',
      { structureId: 'national' },
      { structureId: 'Vous ne pouvez pas ajouter de situation au catalogue national' },
    ],
  ];

  for (const [nom, changements, erreurs] of CAS_CHAMPS) {
    it(`refuses ${nom} with a French message and writes nothing`, async () => {
      const avant = await compter(ctx, TABLES);
      await gestionSceaux.get('/admin/catalogue/situations/nouvelle');
      const corps = avec(valide(), changements.structureId === 'AGEN' ? { structureId: agen } : changements);
      const r = await gestionSceaux.post('/admin/catalogue/situations', corps);
      verifierRejet(r, { erreurs, corps, titreErreur: true });
      expect(await compter(ctx, TABLES)).toEqual(avant);
    });
  }

  /** Fields that are not inputs or selects (textareas, the checkbox group): message under the field and in the summary. */
  const CAS_ZONES: Array<[string, Record<string, string | string[]>, string, string]> = [
    [
      'an item too long',
      { accompagnement: `Court\n${'b'.repeat(501)}` },
      'accompagnement',
      'La ligne 2 dépasse 500 caractères',
    ],
    [
      'too many items',
      { numerique: Array.from({ length: 31 }, (_, i) => `Prestation ${i + 1}`).join('\n') },
      'numerique',
      'Saisissez au plus 30 prestations (une par ligne) ; il y en a 31',
    ],
    [
      'control characters in an item',
      { demarches: 'Aider\nAider \u0000 encore' },
      'demarches',
      'La ligne 2 contient des caractères non autorisés',
    ],
    ['a repeated item', { demarches: 'Aider\naider' }, 'demarches', 'La ligne 2 répète la ligne 1'],
    ['items as an array', { demarches: ['Un', 'Deux'] }, 'demarches', 'Démarches : la saisie doit être un texte'],
    [
      'a foreign partner among the others',
      { partenaires: [ids.caf ?? '', randomUUID()] },
      'partenaires',
      'Partenaire inconnu',
    ],
  ];

  for (const [nom, changements, champ, message] of CAS_ZONES) {
    it(`refuses ${nom} with a French message and writes nothing`, async () => {
      const avant = await compter(ctx, TABLES);
      await gestionSceaux.get('/admin/catalogue/situations/nouvelle');
      const r = await gestionSceaux.post('/admin/catalogue/situations', avec(valide(), changements));
      verifierRejet(r, { erreurs: {}, resumeSeulement: { [champ]: message } });
      expect(messagesDe(r.body, champ)).toBe(message);
      expect(await compter(ctx, TABLES)).toEqual(avant);
    });
  }

  it('keeps every value typed when refusing an edit, and never echoes markup', async () => {
    const id = await idDe('situations', 'je-gere-mon-energie');
    await admin.get(`/admin/catalogue/situations/${id}`);
    const avant = await compter(ctx, TABLES);
    const corps = {
      nom: 'a'.repeat(201),
      themeId: ids['theme-budget'] ?? '',
      partenairePrincipal: ids.caf ?? '',
      partenaires: [ids.msa ?? ''],
      accompagnement: `${SCRIPT}\nConseiller`,
      numerique: '',
      demarches: '',
    };
    const r = await admin.post(`/admin/catalogue/situations/${id}`, corps);
    verifierRejet(r, {
      erreurs: { nom: 'Le nom de la situation ne doit pas dépasser 200 caractères' },
      corps,
      titreErreur: true,
    });
    expect(r.body).toContain('&lt;script>alert(1)&lt;/script>\nConseiller</textarea>');
    expect(r.body).toMatch(new RegExp(`value="${ids.msa}" checked`));
    expect(texte(resumeErreurs(r.body) ?? '')).toContain('Nom de la situation');
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('refuses bad partner input and duplicate names in the same catalogue', async () => {
    const base = { structureId: sceaux, nom: 'Point conseil budget de Sceaux', nomCourt: 'PCB Sceaux' };
    const cas: Array<[Corps, Record<string, string>]> = [
      [avec(base, { nom: undefined }), { nom: 'Saisissez le nom du partenaire' }],
      [avec(base, { nomCourt: 'c'.repeat(61) }), { nomCourt: 'Le nom court ne doit pas dépasser 60 caractères' }],
      [avec(base, { nomCourt: 'PCB\u0085' }), { nomCourt: 'Le nom court contient des caractères non autorisés' }],
      [avec(base, { structureId: agen }), { structureId: 'Structure inconnue' }],
      [avec(base, { structureId: 'national' }), { structureId: 'Structure inconnue' }],
      [
        avec(base, { nom: 'caisse d’allocations familiales (CAF)', nomCourt: 'caf' }),
        {
          nom: 'Un partenaire porte déjà ce nom',
          nomCourt: 'Un partenaire porte déjà ce nom court',
        },
      ],
    ];
    for (const [corps, erreurs] of cas) {
      const avant = await compter(ctx, TABLES);
      await gestionSceaux.get('/admin/catalogue/partenaires/nouveau');
      const r = await gestionSceaux.post('/admin/catalogue/partenaires', corps);
      verifierRejet(r, { erreurs, corps, titreErreur: true });
      expect(await compter(ctx, TABLES)).toEqual(avant);
    }
    // The same name is fine for another structure: local names only clash within their structure and the national ones.
    await gestionAgen.get('/admin/catalogue/partenaires/nouveau');
    const agenLocal = await gestionAgen.post('/admin/catalogue/partenaires', {
      structureId: agen,
      nom: 'Mission locale du Val de Bièvre',
      nomCourt: 'Mission locale',
    });
    expect(agenLocal.statusCode).toBe(303);
  });
});
