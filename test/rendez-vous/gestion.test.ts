import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ajouterJours, estFerie } from '../../src/modules/horaires/index.ts';
import { creerSite, structureNommee, utilisateurNomme } from '../fabriques.ts';
import {
  avec,
  avecPanne,
  type Corps,
  compter,
  flash,
  pageSuivante,
  SCRIPT,
  verifierRejet,
} from '../formulaires/outils.ts';
import { Client, type Contexte, DEMO, demarrerApp } from '../harnais.ts';

// The manager's appointment pages (issue 11): motifs, agents' weekly patterns, partners' monthly permanences and
// absences, set through plain HTML forms, and what citizens then see through the public API.

let ctx: Contexte;
let gestion: Client;
let siteId: string;
let base: string;
let karim: string;
let caf: string;

/** A fresh site of Sceaux's structure, open on weekdays 08:00–18:00 (Paris time). */
async function nouveauSite() {
  const id = await creerSite(ctx, await structureNommee(ctx, 'France services de Sceaux'));
  await ctx.sql(`update sites set horaires = 'Mo-Fr 08:00-18:00' where id = $1`, [id]);
  return id;
}

beforeAll(async () => {
  ctx = await demarrerApp();
  gestion = await new Client(ctx.app, '10.1.0.1').connecter(DEMO.gestionSceaux);
  siteId = await nouveauSite();
  base = `/admin/sites/${siteId}/rendez-vous`;
  karim = await utilisateurNomme(ctx, DEMO.agentSceaux);
  caf = (await ctx.sql<{ id: string }>(`select id from partenaires where code = 'caf'`))[0]?.id as string;
});
afterAll(() => ctx.fermer());

const aujourdhui = () => new Date().toISOString().slice(0, 10);
const jourSemaine = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay(); // 2 = Tuesday

/** The first Tuesday at least `apres` days ahead that is not a public holiday. */
function mardi(apres = 3): string {
  let d = ajouterJours(aujourdhui(), apres);
  while (jourSemaine(d) !== 2 || estFerie(d, 'metropole')) d = ajouterJours(d, 1);
  return d;
}

async function disponibilites(motif: string, du: string, au = du) {
  const r = await ctx.app.inject({ url: `/api/v1/sites/${siteId}/disponibilites?motif=${motif}&from=${du}&to=${au}` });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().slots as Array<{ start: string }>).map((s) => s.start);
}

const heures = (starts: string[]) => starts.map((s) => s.slice(11, 16));

const PATTERN: Corps = {
  'ma-0-debut': '09:00',
  'ma-0-fin': '12:00',
  'ma-1-debut': '13:30',
  'ma-1-fin': '17:00',
};

const motifValide = (ressources: string[]): Corps => ({
  nom: 'Carte grise',
  canal: 'sur_place',
  lienVisio: '',
  duree: '30',
  tamponApres: '0',
  pas: '',
  partenaireId: '',
  reservation: 'en_ligne',
  fenetreJours: '60',
  delaiMinimal: '0',
  maxParPersonneJour: '1',
  instructions: 'Apportez une pièce d’identité.\nEt un justificatif de domicile.',
  ressources,
});

/** Ids of rows created through the pages, shared by the tests below (they run in order). */
const cree: { agent?: string; motif?: string; permanence?: string; absence?: string } = {};

describe('a manager sets up appointments at a site', () => {
  it('adds an agent with a weekly pattern and a motif: citizens see the motif and its slots at the right times', async () => {
    const vide = await gestion.get(base);
    expect(vide.statusCode).toBe(200);
    expect(vide.body).toContain('Aucun motif de rendez-vous pour ce site.');
    expect((await gestion.get(`/admin/sites/${siteId}`)).body).toContain(`href="${base}"`);

    const formulaire = await gestion.get(`${base}/agents/nouveau`);
    expect(formulaire.statusCode).toBe(200);
    expect(formulaire.body).toContain(`value="${karim}"`);
    const ajout = await gestion.post(`${base}/agents`, { utilisateurId: karim, ...PATTERN });
    expect(flash(await pageSuivante(ctx.app, gestion, ajout))).toBe('L’agent est ajouté avec son planning.');
    const [agent] = await ctx.sql<{ id: string; regles: unknown }>(
      `select id, regles from ressources where site_id = $1 and type = 'agent'`,
      [siteId],
    );
    cree.agent = agent?.id;
    expect(agent?.regles).toMatchObject({
      modeles: [
        {
          jours: {
            ma: [
              { debut: '09:00', fin: '12:00' },
              { debut: '13:30', fin: '17:00' },
            ],
          },
        },
      ],
    });
    // The same person cannot be added twice: they are no longer offered.
    expect((await gestion.get(`${base}/agents/nouveau`)).body).not.toContain(`value="${karim}"`);

    const creation = await gestion.post(`${base}/motifs`, motifValide([cree.agent as string]));
    expect(flash(await pageSuivante(ctx.app, gestion, creation))).toBe('Le motif est créé.');
    const [motif] = await ctx.sql<{ id: string }>(`select id from motifs where site_id = $1`, [siteId]);
    cree.motif = motif?.id as string;

    const page = await gestion.get(base);
    expect(page.body).toContain('Carte grise');
    expect(page.body).toContain('En ligne et par les agents');
    expect(page.body).toContain('mardi : 09:00–12:00 et 13:30–17:00');

    const api = await ctx.app.inject({ url: `/api/v1/sites/${siteId}/motifs` });
    expect(api.json().items).toEqual([
      expect.objectContaining({ id: cree.motif, name: 'Carte grise', durationMinutes: 30, channel: 'sur_place' }),
    ]);
    const jour = mardi();
    const creneaux = await disponibilites(cree.motif, jour);
    expect(creneaux.every((s) => s.startsWith(jour))).toBe(true);
    expect(heures(creneaux)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]);
    // Wednesday: the agent does not work.
    expect(await disponibilites(cree.motif, ajouterJours(jour, 1))).toEqual([]);
  });

  it('records an absence: its slots disappear, the others stay; deleting it brings them back', async () => {
    const jour = mardi();
    const absences = `${base}/ressources/${cree.agent}/absences`;
    expect((await gestion.get(absences)).body).toContain('Aucune absence à venir.');
    const ajout = await gestion.post(absences, { debut: `${jour}T08:30`, fin: `${jour}T12:00`, motif: 'Formation' });
    expect(flash(await pageSuivante(ctx.app, gestion, ajout))).toBe('L’absence est enregistrée.');
    expect(heures(await disponibilites(cree.motif as string, jour))).toEqual([
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]);
    const page = await gestion.get(absences);
    expect(page.body).toContain('Formation');
    const [a] = await ctx.sql<{ id: string }>('select id from absences where ressource_id = $1', [cree.agent]);
    cree.absence = a?.id;

    const suppression = await gestion.post(`${absences}/${cree.absence}/supprimer`);
    expect(flash(await pageSuivante(ctx.app, gestion, suppression))).toBe('L’absence est supprimée.');
    expect(await disponibilites(cree.motif as string, jour)).toHaveLength(13);
    // Put back for the tenancy tests below.
    await gestion.post(absences, { debut: `${jour}T08:30`, fin: `${jour}T12:00`, motif: '' });
    cree.absence = (
      await ctx.sql<{ id: string }>('select id from absences where ressource_id = $1', [cree.agent])
    )[0]?.id;
  });

  it('a monthly permanence (2nd and 4th Tuesdays) gives slots on those Tuesdays only', async () => {
    const ajout = await gestion.post(`${base}/permanences`, {
      partenaireId: caf,
      libelle: 'Permanence CAF',
      frequence: 'mensuelle',
      jour: 'ma',
      rangs: ['2', '4'],
      semaines: 'toutes',
      'p-0-debut': '09:00',
      'p-0-fin': '12:00',
      canaux: [],
    });
    expect(flash(await pageSuivante(ctx.app, gestion, ajout))).toBe('La permanence est ajoutée.');
    const [p] = await ctx.sql<{ id: string }>(`select id from ressources where site_id = $1 and type = 'permanence'`, [
      siteId,
    ]);
    cree.permanence = p?.id as string;
    expect((await gestion.get(base)).body).toContain('2e et 4e mardis du mois, 09:00–12:00');
    await gestion.post(`${base}/motifs`, { ...motifValide([cree.permanence]), nom: 'Rendez-vous CAF', duree: '60' });
    const [m] = await ctx.sql<{ id: string }>(`select id from motifs where site_id = $1 and nom = 'Rendez-vous CAF'`, [
      siteId,
    ]);

    const du = ajouterJours(aujourdhui(), 1);
    const au = ajouterJours(du, 30);
    const creneaux = await disponibilites(m?.id as string, du, au);
    const jours = [...new Set(creneaux.map((s) => s.slice(0, 10)))];
    const attendus: string[] = [];
    for (let d = du; d <= au; d = ajouterJours(d, 1)) {
      const rang = Math.ceil(Number(d.slice(8, 10)) / 7);
      if (jourSemaine(d) === 2 && (rang === 2 || rang === 4) && !estFerie(d, 'metropole')) attendus.push(d);
    }
    expect(attendus.length).toBeGreaterThan(0);
    expect(jours).toEqual(attendus);
    expect([...new Set(heures(creneaux))]).toEqual(['09:00', '10:00', '11:00']);
  });

  it('edits a motif to visio with its https link, deactivates it (gone from the API) and reactivates it', async () => {
    const url = `${base}/motifs/${cree.motif}`;
    const edition = await gestion.get(url);
    expect(edition.body).toContain('value="Carte grise"');
    const maj = await gestion.post(url, {
      ...motifValide([cree.agent as string]),
      canal: 'visio',
      lienVisio: 'https://visio.exemple.fr/salle-12',
    });
    expect(flash(await pageSuivante(ctx.app, gestion, maj))).toBe('Le motif est enregistré.');
    const [m] = await ctx.sql<{ canal: string; lien_visio: string }>(
      'select canal, lien_visio from motifs where id = $1',
      [cree.motif],
    );
    expect(m).toEqual({ canal: 'visio', lien_visio: 'https://visio.exemple.fr/salle-12' });

    await gestion.post(`${url}/desactiver`);
    const api = async () => (await ctx.app.inject({ url: `/api/v1/sites/${siteId}/motifs` })).json().items;
    expect((await api()).map((i: { id: string }) => i.id)).not.toContain(cree.motif);
    expect((await gestion.get(base)).body).toContain('Désactivé');
    await gestion.post(`${url}/reactiver`);
    expect((await api()).map((i: { id: string }) => i.id)).toContain(cree.motif);
  });
});

describe('bad input is refused in French and writes nothing', () => {
  const TABLES = ['motifs', 'motif_ressources', 'ressources', 'absences'];

  it('motif form: duration 0, visio without link, an http:// link, hostile strings, a foreign resource', async () => {
    const avant = await compter(ctx, TABLES);
    const valide = motifValide([cree.agent as string]);
    verifierRejet(await gestion.post(`${base}/motifs`, avec(valide, { duree: '0' })), {
      erreurs: { duree: 'Durée : au moins 5 minutes.' },
      corps: avec(valide, { duree: '0' }),
      titreErreur: true,
    });
    verifierRejet(await gestion.post(`${base}/motifs`, avec(valide, { canal: 'visio' })), {
      erreurs: { lienVisio: 'Saisissez le lien de la visioconférence : il est envoyé à la personne.' },
    });
    const http = avec(valide, { canal: 'visio', lienVisio: 'http://visio.exemple.fr/salle' });
    verifierRejet(await gestion.post(`${base}/motifs`, http), {
      erreurs: { lienVisio: 'Le lien de visioconférence doit commencer par https:// (connexion chiffrée).' },
      corps: http,
    });
    const script = avec(valide, { canal: 'visio', lienVisio: 'javascript:alert(1)' });
    verifierRejet(await gestion.post(`${base}/motifs`, script), {
      erreurs: { lienVisio: 'Saisissez l’adresse complète de la visioconférence, commençant par https://.' },
    });
    verifierRejet(await gestion.post(`${base}/motifs`, avec(valide, { nom: `${SCRIPT}\u202e`, fenetreJours: '999' })), {
      erreurs: {
        nom: 'Le nom du motif contient des caractères non autorisés',
        fenetreJours: 'Fenêtre : au plus 366 jours.',
      },
    });
    verifierRejet(await gestion.post(`${base}/motifs`, avec(valide, { instructions: 'x'.repeat(1001) })), {
      erreurs: {},
      resumeSeulement: { instructions: 'Le texte des consignes ne doit pas dépasser 1000 caractères.' },
    });
    const autreSite = await nouveauSite();
    const [etrangere] = await ctx.sql<{ id: string }>(
      `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Ailleurs', '{"modeles":[]}') returning id`,
      [autreSite],
    );
    verifierRejet(await gestion.post(`${base}/motifs`, avec(valide, { ressources: [etrangere?.id as string] })), {
      erreurs: {},
      resumeSeulement: { ressources: 'Choisissez parmi les personnes et les permanences de ce lieu.' },
    });
    expect(await compter(ctx, TABLES)).toEqual({ ...avant, ressources: (avant.ressources ?? 0) + 1 });
  });

  it('a motif whose links cannot be written is not created either (one transaction)', async () => {
    const avant = await compter(ctx, TABLES);
    const r = await avecPanne(ctx, 'motif_ressources', () =>
      gestion.post(`${base}/motifs`, { ...motifValide([cree.agent as string]), nom: 'Jamais créé' }),
    );
    expect(r.statusCode).toBe(500);
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });

  it('pattern, permanence and absence forms: bad times, end before start, over a year, outside the window', async () => {
    const avant = await compter(ctx, TABLES);
    verifierRejet(
      await gestion.post(`${base}/agents/${cree.agent}`, { ...PATTERN, 'lu-0-debut': '25:00', 'lu-0-fin': '12:00' }),
      { erreurs: { 'lu-0-debut': 'Heure invalide (format attendu : 09:30).' } },
    );
    verifierRejet(await gestion.post(`${base}/agents/${cree.agent}`, { 'ma-0-debut': '12:00', 'ma-0-fin': '09:00' }), {
      erreurs: { 'ma-0-fin': 'L’heure de fin doit suivre l’heure de début.' },
    });
    verifierRejet(await gestion.post(`${base}/agents/${cree.agent}`, { ...PATTERN, 'ma-1-debut': '11:00' }), {
      erreurs: {
        'ma-1-debut': 'Les deux plages se chevauchent : la seconde doit commencer après la fin de la première.',
      },
    });
    verifierRejet(
      await gestion.post(`${base}/permanences/${cree.permanence}`, {
        partenaireId: caf,
        libelle: 'Permanence CAF',
        frequence: 'mensuelle',
        jour: 'ma',
        'p-0-debut': '09:00',
        'p-0-fin': '12:00',
      }),
      { erreurs: {}, resumeSeulement: { rangs: 'Choisissez au moins une semaine du mois.' } },
    );
    const absences = `${base}/ressources/${cree.agent}/absences`;
    const jour = mardi();
    verifierRejet(await gestion.post(absences, { debut: `${jour}T12:00`, fin: `${jour}T09:00`, motif: '' }), {
      erreurs: { fin: 'La fin de l’absence doit suivre son début.' },
      corps: { debut: `${jour}T12:00`, fin: `${jour}T09:00` },
      titreErreur: true,
    });
    verifierRejet(
      await gestion.post(absences, { debut: `${jour}T09:00`, fin: `${ajouterJours(jour, 400)}T09:00`, motif: '' }),
      { erreurs: { fin: 'Une absence dure au plus un an : enregistrez-en une autre pour la suite.' } },
    );
    const r = await gestion.post(absences, { debut: '9999-01-01T09:00', fin: '9999-01-02T09:00', motif: '' });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('La date doit être comprise entre le 01/01/2000');
    expect(await compter(ctx, TABLES)).toEqual(avant);
  });
});

describe('who may do what', () => {
  /** Every route of the pages, with this site's real rows. */
  const routes = () => {
    const r = `${base}/ressources/${cree.agent}`;
    return {
      get: [
        base,
        `${base}/motifs/nouveau`,
        `${base}/motifs/${cree.motif}`,
        `${base}/agents/nouveau`,
        `${base}/agents/${cree.agent}`,
        `${base}/permanences/nouveau`,
        `${base}/permanences/${cree.permanence}`,
        `${r}/absences`,
      ],
      post: [
        `${base}/motifs`,
        `${base}/motifs/${cree.motif}`,
        `${base}/motifs/${cree.motif}/desactiver`,
        `${base}/motifs/${cree.motif}/reactiver`,
        `${base}/agents`,
        `${base}/agents/${cree.agent}`,
        `${base}/permanences`,
        `${base}/permanences/${cree.permanence}`,
        `${r}/desactiver`,
        `${r}/reactiver`,
        `${r}/absences`,
        `${r}/absences/${cree.absence}/supprimer`,
      ],
    };
  };

  it('a manager or an agent of another structure gets 404 on every route, and nothing changes', async () => {
    const avant = await compter(ctx, ['motifs', 'ressources', 'absences']);
    const [motifAvant] = await ctx.sql('select * from motifs where id = $1', [cree.motif]);
    for (const courriel of [DEMO.gestionAgen, DEMO.agentAix]) {
      const autre = await new Client(ctx.app, '10.1.0.2').connecter(courriel);
      for (const url of routes().get) expect((await autre.get(url)).statusCode, `GET ${url}`).toBe(404);
      for (const url of routes().post) {
        const r = await autre.post(url, { ...motifValide([cree.agent as string]), ...PATTERN, debut: '', fin: '' });
        expect(r.statusCode, `POST ${url}`).toBe(404);
      }
    }
    expect(await compter(ctx, ['motifs', 'ressources', 'absences'])).toEqual(avant);
    expect((await ctx.sql('select * from motifs where id = $1', [cree.motif]))[0]).toEqual(motifAvant);
  });

  it('an agent of the structure reads the site’s motifs, patterns and absences, and may change none', async () => {
    const agent = await new Client(ctx.app, '10.1.0.3').connecter(DEMO.agentSceaux);
    const page = await agent.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Carte grise');
    expect(page.body).not.toContain('Ajouter un motif');
    expect((await agent.get(`${base}/ressources/${cree.agent}/absences`)).statusCode).toBe(200);
    const [lecture, ...formulaires] = routes().get;
    expect(lecture).toBe(base);
    for (const url of formulaires.filter((u) => !u.endsWith('/absences'))) {
      expect((await agent.get(url)).statusCode, `GET ${url}`).toBe(403);
    }
    for (const url of routes().post) expect((await agent.post(url, {})).statusCode, `POST ${url}`).toBe(403);
  });

  it('refuses a form without its CSRF token (403)', async () => {
    const avant = await compter(ctx, ['motifs', 'absences']);
    expect(
      (await gestion.post(`${base}/motifs`, motifValide([cree.agent as string]), { jeton: false })).statusCode,
    ).toBe(403);
    const jour = mardi();
    const absence = { debut: `${jour}T14:00`, fin: `${jour}T15:00`, motif: '' };
    expect(
      (await gestion.post(`${base}/ressources/${cree.agent}/absences`, absence, { jeton: false })).statusCode,
    ).toBe(403);
    expect(await compter(ctx, ['motifs', 'absences'])).toEqual(avant);
  });
});
