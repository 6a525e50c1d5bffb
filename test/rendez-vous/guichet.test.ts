import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { structureNommee, utilisateurNomme } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { agentDeTest, debutDe, liensCreneaux, lieuDeTest, radiosCreneaux, reserverAuGuichet } from './guichet-lieu.ts';

// Assisted booking at the desk (issue 11, point 4): an agent books for a person from the next free slots of a motif,
// with or without their contact, agents-only motifs included; the site's agenda shows it. Tenancy and bad input.

let ctx: Contexte;
let lieu: Awaited<ReturnType<typeof lieuDeTest>>;
let agent: Client;
let sceaux: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  lieu = await lieuDeTest(ctx, sceaux);
  agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
});
afterAll(() => ctx.fermer());

const apostrophes = (html: string) => html.replaceAll('&#39;', '’').replaceAll('&amp;', '&');
const compter = async () =>
  (await ctx.sql<{ n: number }>('select count(*)::int as n from rendez_vous where site_id = $1', [lieu.siteId]))[0]?.n;
/** The civil date of an instant at the site (Paris). */
const jourA = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(iso));

describe('booking at the desk', () => {
  it('books for a person without contact in 3 interactions once the motif is chosen, shown in the agenda', async () => {
    // The motif chosen: the next free slots across the motif's resources, 12 at most, and a later page.
    const creneaux = await agent.get(`/sites/${lieu.siteId}/rendez-vous/nouveau?motif=${lieu.motifEnLigne}`);
    expect(creneaux.statusCode).toBe(200);
    expect(creneaux.body).toContain('Prochains créneaux');
    const liens = liensCreneaux(creneaux.body);
    expect(liens).toHaveLength(12);
    const plusTard = apostrophes(creneaux.body).match(/href="([^"]+apres=[^"]+)"[^>]*>\s*Voir plus tard/)?.[1];
    expect(plusTard).toBeDefined();
    const suite = await agent.get(plusTard as string);
    const liensSuite = liensCreneaux(suite.body);
    expect(liensSuite.length).toBeGreaterThan(0);
    expect(Date.parse(debutDe(liensSuite[0] as string))).toBeGreaterThan(Date.parse(debutDe(liens[11] as string)));

    // Interaction 1: a click on a slot opens the one form.
    const lien = liens[0] as string;
    const formulaire = await agent.get(lien);
    expect(formulaire.statusCode).toBe(200);
    expect(formulaire.body).toContain('Réserver');
    expect(formulaire.body).toContain('name="nom"');
    // Interaction 2: the name typed (email and phone left empty). Interaction 3: "Réserver".
    const reserve = await agent.post(`/sites/${lieu.siteId}/rendez-vous`, {
      motif: lieu.motifEnLigne,
      debut: debutDe(lien),
      nom: 'Josiane Lefèvre',
      courriel: '',
      telephone: '',
    });
    // Total: 3 interactions once the motif is chosen (at most 4 asked for).
    expect(reserve.statusCode).toBe(303);
    const fiche = await agent.get(String(reserve.headers.location));
    expect(fiche.statusCode).toBe(200);
    const page = apostrophes(fiche.body);
    expect(page).toContain('Rendez-vous réservé pour Josiane Lefèvre');
    expect(page).toContain('Sans coordonnées');
    expect(page).toContain('Agent d’accueil');

    const id = String(reserve.headers.location).split('/').pop();
    const [rdv] = await ctx.sql<{ origine: string; cree_par: string; courriel: string | null }>(
      'select origine, cree_par, courriel, telephone from rendez_vous where id = $1',
      [id],
    );
    expect(rdv).toMatchObject({ origine: 'guichet', cree_par: await utilisateurNomme(ctx, DEMO.agentSceaux) });
    expect(rdv?.courriel).toBeNull();
    expect(await ctx.sql('select 1 from messages where cle like $1', [`rdv.%${id}%`])).toHaveLength(0);

    // The agenda of that day lists it: time, motif, person, status, who receives, and a link to it.
    const agenda = await agent.get(`/sites/${lieu.siteId}/rendez-vous?jour=${jourA(debutDe(lien))}`);
    expect(agenda.statusCode).toBe(200);
    const texte = apostrophes(agenda.body);
    expect(texte).toContain('Josiane Lefèvre');
    expect(texte).toContain('Dossier retraite');
    expect(texte).toContain('Réservé');
    expect(texte).toContain(`href="/sites/${lieu.siteId}/rendez-vous/${id}"`);
    expect(texte).toMatch(/href="[^"]+\?jour=\d{4}-\d{2}-\d{2}"[^>]*>\s*Jour précédent/);
    // The slot is no longer offered.
    const apres = await agent.get(`/sites/${lieu.siteId}/rendez-vous/nouveau?motif=${lieu.motifEnLigne}`);
    expect(liensCreneaux(apres.body).map(debutDe)).not.toContain(debutDe(lien));
  });

  it('books an agents-only motif at the desk, never online', async () => {
    const choix = await agent.get(`/sites/${lieu.siteId}/rendez-vous/nouveau`);
    expect(apostrophes(choix.body)).toContain('Accompagnement renforcé');
    expect(apostrophes(choix.body)).toContain('réservé aux agents');
    const { id } = await reserverAuGuichet(agent, lieu, lieu.motifAgents, {
      nom: 'Marcel Petit',
      courriel: 'marcel.petit@exemple.fr',
    });
    const [rdv] = await ctx.sql<{ motif_id: string }>('select motif_id from rendez_vous where id = $1', [id]);
    expect(rdv?.motif_id).toBe(lieu.motifAgents);

    // Online: not listed, not bookable through the pages nor the API.
    const enLigne = await ctx.app.inject({ url: `/lieux/${lieu.siteId}/rendez-vous` });
    expect(apostrophes(enLigne.body)).toContain('Dossier retraite');
    expect(apostrophes(enLigne.body)).not.toContain('Accompagnement renforcé');
    const avant = await compter();
    const page = await ctx.app.inject({
      url: `/lieux/${lieu.siteId}/rendez-vous/creneaux?motif=${lieu.motifAgents}`,
    });
    expect(page.statusCode).toBe(404);
    const api = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/rendez-vous',
      payload: {
        motif: lieu.motifAgents,
        start: new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/T.*/, 'T10:00:00+01:00'),
        name: 'Marcel Petit',
        email: 'marcel@exemple.fr',
        consent: true,
      },
    });
    expect(api.statusCode).toBe(422);
    expect(await compter()).toBe(avant);
  });
});

describe('bad input at the desk: French messages, nothing written', () => {
  it('refuses bad dates, unknown motifs, slots outside the hours and a name of 101 characters', async () => {
    const avant = await compter();
    for (const jour of ['2026-02-30', 'demain', '9999-01-01']) {
      const r = await agent.get(`/sites/${lieu.siteId}/rendez-vous?jour=${jour}`);
      expect(r.statusCode, jour).toBe(422);
      expect(r.body).toContain('<title>Erreur – ');
      expect(r.body).toMatch(/Cette date n’existe pas|au format JJ\/MM\/AAAA|doit être comprise/);
    }
    for (const motif of ['00000000-0000-4000-8000-000000000000', 'pas-un-motif']) {
      const r = await agent.get(`/sites/${lieu.siteId}/rendez-vous/nouveau?motif=${motif}`);
      expect(r.statusCode).toBe(422);
      expect(apostrophes(r.body)).toContain('Ce motif de rendez-vous n’existe pas pour ce lieu');
    }
    const mauvaisDebut = await agent.get(
      `/sites/${lieu.siteId}/rendez-vous/nouveau?motif=${lieu.motifEnLigne}&apres=hier`,
    );
    expect(mauvaisDebut.statusCode).toBe(422);

    const page = await agent.get(`/sites/${lieu.siteId}/rendez-vous/nouveau?motif=${lieu.motifEnLigne}`);
    const debut = debutDe(liensCreneaux(page.body)[0] as string);
    const poster = (champs: Record<string, string>) =>
      agent.post(`/sites/${lieu.siteId}/rendez-vous`, {
        motif: lieu.motifEnLigne,
        debut,
        nom: 'Léa Girard',
        courriel: '',
        telephone: '',
        ...champs,
      });

    const inconnu = await poster({ motif: '00000000-0000-4000-8000-000000000000' });
    expect(inconnu.statusCode).toBe(422);
    expect(apostrophes(inconnu.body)).toContain('Ce motif de rendez-vous n’existe pas pour ce lieu');

    const long = await poster({ nom: 'x'.repeat(101) });
    expect(long.statusCode).toBe(422);
    expect(apostrophes(long.body)).toContain('Le nom de la personne ne doit pas dépasser 100 caractères');
    expect(long.body).toContain('aria-describedby="nom-messages"');
    expect(long.body).toContain(`value="${'x'.repeat(101)}"`);

    const courriel = await poster({ courriel: 'pas-une-adresse' });
    expect(courriel.statusCode).toBe(422);
    expect(apostrophes(courriel.body)).toContain('Saisissez une adresse électronique valide');

    // 03:00 at the site, the day after the first slot: outside the hours; the next free slots to choose from.
    const nuit = new Date(Date.parse(debut) + 86_400_000);
    nuit.setUTCHours(2, 0, 0, 0);
    const horsHoraires = await poster({ debut: nuit.toISOString() });
    expect(horsHoraires.statusCode).toBe(422);
    expect(apostrophes(horsHoraires.body)).toContain('Ce créneau n’est pas ou plus disponible');
    expect(radiosCreneaux(horsHoraires.body).length).toBeGreaterThan(0);
    expect(horsHoraires.body).toContain('value="Léa Girard"');

    for (const mauvais of ['demain', '2026-13-45T10:00:00Z', '']) {
      const r = await poster({ debut: mauvais });
      expect(r.statusCode, mauvais).toBe(422);
      expect(apostrophes(r.body)).toContain('Choisissez un créneau dans la liste.');
    }
    expect(await compter()).toBe(avant);
  });
});

describe('tenancy of the desk', () => {
  it('answers 404 on every route to an agent of another structure, GET and POST, and changes nothing', async () => {
    const { id } = await reserverAuGuichet(agent, lieu, lieu.motifEnLigne, { nom: 'Nora Said' });
    const etranger = await clientConnecte(ctx.app, DEMO.agentAix);
    const base = `/sites/${lieu.siteId}/rendez-vous`;
    for (const url of [base, `${base}/nouveau`, `${base}/nouveau?motif=${lieu.motifEnLigne}`, `${base}/${id}`]) {
      expect((await etranger.get(url)).statusCode, url).toBe(404);
    }
    expect((await etranger.get(`${base}/${id}/deplacer`)).statusCode).toBe(404);
    const page = await agent.get(`${base}/nouveau?motif=${lieu.motifEnLigne}`);
    const debut = debutDe(liensCreneaux(page.body)[0] as string);
    const posts: Array<[string, Record<string, string>]> = [
      [base, { motif: lieu.motifEnLigne, debut, nom: 'Intrus' }],
      [`${base}/${id}/deplacer`, { debut }],
      [`${base}/${id}/deplacer`, {}],
      [`${base}/${id}/annuler`, { raison: 'Tentative' }],
      [`${base}/${id}/annuler`, {}],
    ];
    for (const [url, corps] of posts) expect((await etranger.post(url, corps)).statusCode, url).toBe(404);
    const [rdv] = await ctx.sql<{ statut: string; sequence: number }>(
      'select statut, sequence from rendez_vous where id = $1',
      [id],
    );
    expect(rdv).toEqual({ statut: 'reserve', sequence: 0 });
    expect(await ctx.sql('select 1 from rendez_vous where nom = $1', ['Intrus'])).toHaveLength(0);
  });

  it('keeps an agent restricted to one site of the structure out of its other sites', async () => {
    const [principal] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
    const restreint = await agentDeTest(ctx, sceaux, [principal?.id as string]);
    const client = await clientConnecte(ctx.app, restreint.courriel);
    expect((await client.get(`/sites/${principal?.id}/rendez-vous`)).statusCode).toBe(200);
    expect((await client.get(`/sites/${lieu.siteId}/rendez-vous`)).statusCode).toBe(404);
    expect((await client.get(`/sites/${lieu.siteId}/rendez-vous/nouveau`)).statusCode).toBe(404);
    const r = await client.post(`/sites/${lieu.siteId}/rendez-vous`, { motif: lieu.motifEnLigne, nom: 'Intrus' });
    expect(r.statusCode).toBe(404);
    // Not restricted: the whole structure.
    const libre = await clientConnecte(ctx.app, (await agentDeTest(ctx, sceaux)).courriel);
    expect((await libre.get(`/sites/${lieu.siteId}/rendez-vous`)).statusCode).toBe(200);
  });
});
