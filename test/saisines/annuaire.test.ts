import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, structureNommee } from '../fabriques.ts';
import { Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';

// The référent directory (issue 13, point 1) through HTTP: who reads and who keeps which entries, the forms' refusals,
// the partners' offers at a site, the per-partner deadlines and the tableau récapitulatif with its three files.

let ctx: Contexte;
const ids: Record<string, string> = {};

/** The id of the demo entry of a partner (by code), département and rank. */
async function entree(code: string, departement: string, rang = 'titulaire') {
  const [r] = await ctx.sql<{ id: string }>(
    `select r.id from referents r join partenaires p on p.id = r.partenaire_id
     where p.code = $1 and r.departement = $2 and r.rang = $3 and r.actif order by r.cree_le limit 1`,
    [code, departement, rang],
  );
  if (!r) throw new Error(`no demo entry ${code} ${departement}`);
  return r.id;
}

/** A person signing in with the demo password, holding one habilitation. */
async function compte(role: string, p: { departements?: string[]; partenaireId?: string }) {
  const courriel = `annuaire.${randomBytes(4).toString('hex')}@exemple.fr`;
  const [u] = await ctx.sql<{ id: string }>(
    `insert into utilisateurs (courriel, prenom, nom, mot_de_passe)
     select $1, 'Sam', 'Test', mot_de_passe from utilisateurs where courriel = $2 returning id`,
    [courriel, DEMO.admin],
  );
  await ctx.sql(
    `insert into habilitations (utilisateur_id, role, partenaire_id, departements) values ($1, $2, $3, $4)`,
    [u?.id, role, p.partenaireId ?? null, p.departements ?? []],
  );
  return new Client(ctx.app, `10.1.0.${Math.floor(Math.random() * 200) + 1}`).connecter(courriel);
}

/** A civil date `n` days from now, and as French users type it. */
const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const enClair = (iso: string) => iso.split('-').reverse().join('/');

const nombre = async () => Number((await ctx.sql<{ n: string }>('select count(*) as n from referents'))[0]?.n);

const valide = (p: Record<string, string> = {}) => ({
  rang: 'suppleant',
  prenom: 'Camille',
  nom: 'Ngo',
  fonction: 'Conseillère référente',
  telephone: '01 99 00 99 10',
  courriel: 'camille.ngo@caf.example',
  ...p,
});

beforeAll(async () => {
  ctx = await demarrerApp();
  for (const code of ['caf', 'msa', 'assurance-maladie']) {
    ids[code] = (await ctx.sql<{ id: string }>('select id from partenaires where code = $1', [code]))[0]?.id ?? '';
  }
});
afterAll(() => ctx.fermer());

describe('reading the directory', () => {
  it('shows an agent the référents of their structure’s département, every partner, and nothing elsewhere', async () => {
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const page = await agent.get('/referents');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Julie Moreau');
    expect(page.body).toContain('Sophie Laurent'); // MSA 92
    expect(page.body).toContain('tel:+33199');
    expect(page.body).not.toContain('Inès Bouzid'); // CAF 13
    expect(page.body).not.toContain('Émilie Castaing'); // CAF 47
    expect(page.body).not.toContain('Ajouter un référent');
    // The demo absence: Assurance Maladie 92's titulaire is away, so its backup answers.
    expect(page.body).toMatch(/Fatou Diop[\s\S]*?Absent aujourd’hui/);
    const fiche = await agent.get(`/referents/${await entree('caf', '92')}`);
    expect(fiche.statusCode).toBe(200);
    expect(fiche.body).toContain('Oui (referent.caf@guichet.test)');
    expect(fiche.body).not.toContain('Modifier');
    expect((await agent.get(`/referents/${await entree('caf', '13')}`)).statusCode).toBe(404);
    expect((await agent.post(`/referents/${await entree('caf', '92')}`, valide())).statusCode).toBe(403);
    expect((await agent.get('/referents/nouveau')).statusCode).toBe(403);
    expect((await agent.get('/referents/tableau?departement=13')).statusCode).toBe(404);
    expect((await agent.get('/referents/tableau.csv?departement=47')).statusCode).toBe(404);
  });

  it('shows a référent their own partner only, in their départements', async () => {
    const referent = await clientConnecte(ctx.app, DEMO.referentCaf);
    const page = await referent.get('/referents');
    expect(page.body).toContain('Julie Moreau');
    expect(page.body).toContain('Inès Bouzid');
    expect(page.body).not.toContain('Sophie Laurent');
    expect(page.body).not.toContain('Émilie Castaing');
  });
});

describe('keeping the directory', () => {
  it('lets a coordinator of 92 add and edit 92’s entries, and answers 404 for 13’s', async () => {
    const coordination = await compte('coordinateur', { departements: ['92'] });
    const avant = await nombre();
    const cree = await coordination.post('/referents', valide({ partenaireId: ids.msa ?? '', departement: '92' }));
    expect(cree.statusCode).toBe(303);
    const id = cree.headers.location?.toString().split('/').pop() ?? '';
    expect(await nombre()).toBe(avant + 1);
    expect((await coordination.get(`/referents/${id}`)).body).toContain('Camille Ngo');

    const modifie = await coordination.post(`/referents/${await entree('caf', '92', 'suppleant')}`, {
      ...valide({ prenom: 'Antoine', nom: 'Lambert-Okafor', rang: 'suppleant' }),
    });
    expect(modifie.statusCode).toBe(303);
    expect((await coordination.get('/referents?departement=92')).body).toContain('Lambert-Okafor');

    const treize = await entree('caf', '13');
    expect((await coordination.get(`/referents/${treize}`)).statusCode).toBe(404);
    expect((await coordination.get(`/referents/${treize}/modifier`)).statusCode).toBe(404);
    expect((await coordination.post(`/referents/${treize}`, valide())).statusCode).toBe(404);
    expect((await coordination.post(`/referents/${treize}/desactiver`)).statusCode).toBe(404);
    expect(
      (await coordination.post(`/referents/${treize}/absences`, { du: '2026-06-01', au: '2026-06-02' })).statusCode,
    ).toBe(404);
    const ailleurs = await coordination.post('/referents', valide({ partenaireId: ids.caf ?? '', departement: '13' }));
    expect(ailleurs.statusCode).toBe(422);
    expect(ailleurs.body).toContain('Vous ne tenez pas l’annuaire de ce partenaire dans ce département');
    expect((await ctx.sql(`select 1 from referents where nom = 'Ngo' and departement = '13'`)).length).toBe(0);
  });

  it('lets a CAF référent keep CAF 92 but neither MSA 92 nor CAF 47', async () => {
    const referent = await clientConnecte(ctx.app, DEMO.referentCaf);
    const caf92 = await entree('caf', '92', 'suppleant');
    expect((await referent.get(`/referents/${caf92}/modifier`)).statusCode).toBe(200);
    expect((await referent.post(`/referents/${caf92}`, valide({ fonction: 'Cadre référent' }))).statusCode).toBe(303);
    expect((await ctx.sql(`select fonction from referents where id = $1`, [caf92]))[0]).toEqual({
      fonction: 'Cadre référent',
    });
    for (const autre of [await entree('msa', '92'), await entree('caf', '47')]) {
      expect((await referent.get(`/referents/${autre}`)).statusCode).toBe(404);
      expect((await referent.post(`/referents/${autre}`, valide())).statusCode).toBe(404);
      expect((await referent.post(`/referents/${autre}/desactiver`)).statusCode).toBe(404);
    }
    const msa = await referent.post('/referents', valide({ partenaireId: ids.msa ?? '', departement: '92' }));
    expect(msa.statusCode).toBe(422);
    expect(msa.body).toContain('Choisissez un partenaire de la liste');
  });

  it('records and removes absences, deactivates without deleting, and links a guichet account', async () => {
    const referent = await clientConnecte(ctx.app, DEMO.referentCaf);
    const cree = await referent.post('/referents', valide({ partenaireId: ids.caf ?? '', departement: '13' }));
    const id = cree.headers.location?.toString().split('/').pop() ?? '';
    await referent.get(`/referents/${id}`);
    const [du, au] = [dansJours(30), dansJours(34)];
    expect((await referent.post(`/referents/${id}/absences`, { du: enClair(du), au })).statusCode).toBe(303);
    const fiche = await referent.get(`/referents/${id}`);
    expect(fiche.body).toContain(`Absence du ${enClair(du)} au ${enClair(au)}`);
    const [absence] = await ctx.sql<{ id: string }>('select id from absences_referents where referent_id = $1', [id]);
    expect((await referent.post(`/referents/${id}/absences/${absence?.id}/supprimer`)).statusCode).toBe(303);
    expect(await ctx.sql('select 1 from absences_referents where referent_id = $1', [id])).toEqual([]);

    const lie = await referent.post(`/referents/${id}`, valide({ courrielCompte: 'REFERENT.CAF@guichet.test' }));
    expect(lie.statusCode).toBe(303);
    expect((await referent.get('/referents?departement=13')).body).toMatch(/Camille Ngo[\s\S]*?<td>Oui<\/td>/);
    const refus = await referent.post(`/referents/${id}`, valide({ courrielCompte: 'agent.sceaux@guichet.test' }));
    expect(refus.statusCode).toBe(422);
    expect(refus.body).toContain('Aucun compte guichet actif de référent de ce partenaire');

    expect((await referent.post(`/referents/${id}/desactiver`)).statusCode).toBe(303);
    const [ligne] = await ctx.sql<{ actif: boolean; desactive: boolean }>(
      'select actif, desactive_le is not null as desactive from referents where id = $1',
      [id],
    );
    expect(ligne).toEqual({ actif: false, desactive: true });
    expect((await referent.get('/referents?departement=13')).body).not.toContain('Camille Ngo');
    expect((await referent.get('/referents?departement=13&inactifs=on')).body).toContain('Désactivé');
    expect((await referent.post(`/referents/${id}`, valide())).statusCode).toBe(403);
  });

  it('refuses bad input with French messages, the values typed kept, and writes nothing', async () => {
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    const avant = await nombre();
    for (const [champs, message] of [
      [{ courriel: 'pas-une-adresse' }, 'Saisissez une adresse électronique valide'],
      [{ telephone: '12345' }, 'Saisissez un numéro de téléphone valide'],
      [{ prenom: 'Jean\u202Eevil' }, 'Le prénom contient des caractères non autorisés'],
      [{ nom: 'Nul\u0000' }, 'Le nom contient des caractères non autorisés'],
      [{ nom: 'x'.repeat(101) }, 'Le nom ne doit pas dépasser 100 caractères'],
      [{ rang: 'chef' }, 'Choisissez titulaire ou suppléant'],
      [{ departement: '999' }, 'Département inconnu'],
      [{ structures: 'pas-un-uuid' }, 'Structure inconnue'],
    ] as const) {
      const r = await coordination.post(
        '/referents',
        valide({ partenaireId: ids.caf ?? '', departement: '92', ...champs }),
      );
      expect(r.statusCode, message).toBe(422);
      expect(r.body).toContain(message);
      expect(r.body).toContain('Erreur – Ajouter un référent');
      expect(r.body).toContain('aria-describedby');
      expect(r.body).toContain('value="Conseillère référente"');
    }
    const id = await entree('caf', '92', 'suppleant');
    await coordination.get(`/referents/${id}`);
    for (const [du, au, message] of [
      [dansJours(10), dansJours(1), 'La date de fin ne peut pas précéder la date de début.'],
      [dansJours(10), '9999-01-01', 'La date de fin doit être comprise'],
      ['31/02/2027', dansJours(1), 'Cette date n’existe pas.'],
      [dansJours(1), dansJours(400), 'Une absence dure au plus un an.'],
    ]) {
      const r = await coordination.post(`/referents/${id}/absences`, { du: du ?? '', au: au ?? '' });
      expect(r.statusCode, message).toBe(422);
      expect(r.body).toContain(message);
    }
    expect(await nombre()).toBe(avant);
    expect(await ctx.sql('select 1 from absences_referents where referent_id = $1', [id])).toEqual([]);
  });
});

describe('offers and deadlines', () => {
  it('lets the partner’s référents edit their offer at a site, others read it', async () => {
    const site = await creerSite(ctx, await structureNommee(ctx, 'France services de Sceaux'), 'Antenne des Blagis');
    const referent = await clientConnecte(ctx.app, DEMO.referentCaf);
    expect((await referent.get(`/admin/sites/${site}/offres-partenaires`)).body).toContain('Ajouter l’offre de CAF');
    const url = `/admin/sites/${site}/offres-partenaires/${ids.caf}`;
    await referent.get(url);
    const trop = await referent.post(url, { modalites: 'x'.repeat(1001) });
    expect(trop.statusCode).toBe(422);
    expect(trop.body).toContain('Les modalités ne doivent pas dépasser 1000 caractères');
    expect(
      (await referent.post(url, { modalites: 'Le mercredi matin\nsur rendez-vous', rendezVous: 'on' })).statusCode,
    ).toBe(303);
    expect(
      (await referent.post(`/admin/sites/${site}/offres-partenaires/${ids.msa}`, { modalites: 'x' })).statusCode,
    ).toBe(403);
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const lue = await agent.get(`/admin/sites/${site}/offres-partenaires`);
    expect(lue.body).toContain('Le mercredi matin<br/>');
    expect(lue.body).toContain('sur rendez-vous');
    expect(lue.body).not.toContain('Renseigner une offre');
    expect((await agent.get('/referents?departement=92')).body).toContain('Antenne des Blagis – CAF');
    expect((await agent.post(url, { modalites: 'x' })).statusCode).toBe(403);
    const agen = (await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services Agen Léon Blum'`))[0]
      ?.id;
    expect((await referent.get(`/admin/sites/${agen}/offres-partenaires`)).statusCode).toBe(404);
  });

  it('lets the national administration alone set a partner’s deadline, within 1 to 60 working days', async () => {
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    expect((await coordination.get('/admin/delais-partenaires')).statusCode).toBe(403);
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    expect((await admin.get('/admin/delais-partenaires')).body).toContain('5 jours ouvrés (délai national)');
    for (const v of ['0', '61', 'dix', '2.5']) {
      const r = await admin.post('/admin/delais-partenaires', { [`delai-${ids.caf}`]: v });
      expect(r.statusCode, v).toBe(422);
      expect(r.body).toContain('Saisissez un nombre entier de jours ouvrés entre 1 et 60');
    }
    expect(await ctx.sql('select 1 from delais_partenaires')).toEqual([]);
    expect((await admin.post('/admin/delais-partenaires', { [`delai-${ids.caf}`]: '10' })).statusCode).toBe(303);
    expect((await coordination.get('/referents')).body).toMatch(
      /Caisse d’allocations familiales \(CAF\) : 10 jours ouvrés/,
    );
  });
});

describe('the tableau récapitulatif', () => {
  it('carries the same rows on the page and in the CSV, XLSX and PDF files', async () => {
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    const page = await coordination.get('/referents/tableau?departement=47');
    expect(page.statusCode).toBe(404);
    const tableau = await coordination.get('/referents/tableau?departement=13');
    expect(tableau.statusCode).toBe(200);
    const lignes = await ctx.sql<{ prenom: string; nom: string; courriel: string }>(
      `select prenom, nom, courriel from referents where departement = '13' and actif order by prenom`,
    );
    expect(lignes.length).toBeGreaterThanOrEqual(18);
    for (const l of lignes) expect(tableau.body).toContain(l.courriel);

    const csv = await coordination.get('/referents/tableau.csv?departement=13');
    expect(csv.headers['content-type']).toContain('text/csv');
    const rangees = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rangees).toHaveLength(lignes.length + 1);
    for (const l of lignes) expect(csv.body).toContain(l.courriel);

    const xlsx = await coordination.get('/referents/tableau.xlsx?departement=13');
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const feuille = classeur.getWorksheet('Référents');
    const courriels = (feuille?.getColumn(8).values ?? []).slice(2).map(String);
    expect(courriels.sort()).toEqual(lignes.map((l) => l.courriel).sort());

    const pdf = await lirePdf((await coordination.get('/referents/tableau.pdf?departement=13')).rawPayload);
    expect(pdf.titre).toBe('Tableau récapitulatif des référents – 13 – Bouches-du-Rhône');
    expect(pdf.balise).toBe(true);
    for (const l of lignes) {
      expect(pdf.texte).toContain(`${l.prenom} ${l.nom}`);
      expect(pdf.texte).toContain(l.courriel);
    }
    expect((await coordination.get('/referents/tableau.pdf')).statusCode).toBe(400);
  });

  it('prints names of various origins as typed', async () => {
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    const pdf = await lirePdf((await admin.get('/referents/tableau.pdf?departement=47')).rawPayload);
    for (const nom of ['Łucja Wiśniewska', 'Ingrid Ødegård', 'Mariam Konaté', 'Ahmed Saïdi'])
      expect(pdf.texte).toContain(nom);
    const page = await admin.get('/referents/tableau?departement=92');
    expect(page.body).toContain('Hélène Nguyễn');
  });
});
