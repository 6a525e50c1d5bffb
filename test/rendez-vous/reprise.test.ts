import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// Appointments covered by a closure (issue 11, point 6): after a manager announces an exceptional closure, the
// closures page says how many appointments it covers and links to the list of the site's appointments to take up
// again, where each is cancelled (the person told once, even on a double click) or moved. Tenancy: 404 elsewhere.

let ctx: Contexte;
const boite = new BoiteDeTest();
let gestion: Client;
let sceaux: string;
let adresse = 0;

beforeAll(async () => {
  ctx = await demarrerApp();
  gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

const jour = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const texte = (html: string) => html.replaceAll('&#39;', '’').replaceAll('&amp;', '&');

/** A fresh site of Sceaux's structure open every day 08:00–20:00, with an online motif and one agent. */
async function site() {
  const id = await creerSite(ctx, sceaux);
  await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-20:00' where id = $1`, [id]);
  const plages = [{ debut: '08:00', fin: '20:00' }];
  const jours = Object.fromEntries(['lu', 'ma', 'me', 'je', 've', 'sa', 'di'].map((j) => [j, plages]));
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal, reservable_en_ligne, fenetre_jours, max_par_personne_jour)
     values ($1, 'Titre de séjour', 60, 'sur_place', true, 60, 5) returning id`,
    [id],
  );
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent', $2) returning id`,
    [id, JSON.stringify({ modeles: [{ siteId: id, jours }] })],
  );
  await ctx.sql('insert into motif_ressources (motif_id, ressource_id) values ($1, $2)', [m?.id, r?.id]);
  return { site: id, motif: m?.id as string };
}

/** Books the slot `n` days ahead at `heure` (site's clock) through the public API. */
async function reserver(s: { site: string; motif: string }, n: number, heure: string, courriel: string) {
  const d = await ctx.app.inject({
    url: `/api/v1/sites/${s.site}/disponibilites?motif=${s.motif}&from=${jour(n)}&to=${jour(n)}`,
  });
  const slot = (d.json().slots as { start: string }[]).find((c) => c.start.slice(11, 16) === heure);
  const r = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/rendez-vous',
    remoteAddress: `10.3.0.${++adresse}`,
    payload: {
      motif: s.motif,
      start: slot?.start,
      name: 'Léa Bernard',
      email: courriel,
      phone: '0698765432',
      consent: true,
    },
  });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

const messages = (rdvId: string) =>
  ctx.sql<{ modele: string; destinataire: string }>(
    `select modele, destinataire from messages where cle like $1 and modele like 'rdv.annulation%' order by modele`,
    [`%${rdvId}`],
  );

describe('appointments covered by a closure', () => {
  it('are counted on the closures page, listed, and cancelled with one message per person, even on a double POST', async () => {
    const s = await site();
    const couverte = await reserver(s, 10, '09:00', 'lea.bernard@exemple.fr');
    const epargnee = await reserver(s, 11, '09:00', 'autre.personne@exemple.fr');
    const base = `/admin/sites/${s.site}`;

    // The manager announces a closure of the 10th day: the closures page counts the appointment and links to it.
    await gestion.get(`${base}/fermetures`);
    const annonce = await gestion.post(`${base}/fermetures`, {
      debut: jour(10),
      fin: jour(10),
      motif: 'Inventaire annuel',
      motifUrgence: '',
    });
    expect(annonce.statusCode).toBe(303);
    const fermetures = await gestion.get(annonce.headers.location as string);
    expect(fermetures.body).toContain('1 rendez-vous est concerné');
    expect(fermetures.body).toContain(`href="${base}/rendez-vous/a-reprendre"`);

    const page = await gestion.get(`${base}/rendez-vous/a-reprendre`);
    expect(page.statusCode).toBe(200);
    const html = texte(page.body);
    expect(html).toContain('1 rendez-vous est concerné.');
    expect(html).toContain('Léa Bernard');
    expect(html).toContain('Fermeture exceptionnelle du lieu (Inventaire annuel)');
    expect(html).toContain(`name="rdv" value="${couverte}"`);
    expect(html).not.toContain(epargnee);
    expect(html).toContain(`href="/sites/${s.site}/rendez-vous/${couverte}"`);
    expect(html).toMatch(/\d{4} à 09:00/);

    // Cancel and notify: once, whatever the number of clicks.
    const annulation = await gestion.post(`${base}/rendez-vous/a-reprendre`, { rdv: couverte });
    expect(annulation.statusCode).toBe(303);
    const apres = await gestion.get(`${base}/rendez-vous/a-reprendre`);
    expect(texte(apres.body)).toContain('Le rendez-vous est annulé et la personne est prévenue.');
    expect(texte(apres.body)).toContain('Aucun rendez-vous à reprendre.');
    const encore = await gestion.post(`${base}/rendez-vous/a-reprendre`, { rdv: couverte });
    expect(encore.statusCode).toBe(303);
    expect(texte((await gestion.get(`${base}/rendez-vous/a-reprendre`)).body)).toContain('était déjà annulé');
    expect(await messages(couverte)).toEqual([
      { modele: 'rdv.annulation', destinataire: 'lea.bernard@exemple.fr' },
      { modele: 'rdv.annulation.sms', destinataire: '+33698765432' },
    ]);
    const [statut] = await ctx.sql<{ statut: string; raison_annulation: string }>(
      'select statut, raison_annulation from rendez_vous where id = $1',
      [couverte],
    );
    expect(statut).toEqual({
      statut: 'annule_site',
      raison_annulation: 'fermeture exceptionnelle du lieu (Inventaire annuel)',
    });
    const [courriel] = (await boite.recus(ctx, 'lea.bernard@exemple.fr')).filter((c) =>
      c.sujet.startsWith('Rendez-vous annulé'),
    );
    expect(courriel?.texte).toContain('a dû l’annuler : fermeture exceptionnelle du lieu (Inventaire annuel)');
    expect(courriel?.contenus.get('annulation.ics')).toContain('METHOD:CANCEL');
    // The appointment outside the closure was never touched.
    expect(await messages(epargnee)).toEqual([]);
    expect((await gestion.get(`${base}/fermetures`)).body).not.toContain('rendez-vous est concerné');
  });

  it('lists appointments that new hours leave outside, with their reason, and not those still inside', async () => {
    const s = await site();
    const tot = await reserver(s, 5, '09:00', 'matin@exemple.fr');
    const tard = await reserver(s, 5, '15:00', 'apres-midi@exemple.fr');
    await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-12:00' where id = $1`, [s.site]);
    const html = texte((await gestion.get(`/admin/sites/${s.site}/rendez-vous/a-reprendre`)).body);
    expect(html).toContain(`name="rdv" value="${tard}"`);
    expect(html).not.toContain(tot);
    expect(html).toContain('Les horaires d’ouverture du lieu ont changé');
    // Back inside the hours before the click: not cancelled from here.
    await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-20:00' where id = $1`, [s.site]);
    await gestion.post(`/admin/sites/${s.site}/rendez-vous/a-reprendre`, { rdv: tard });
    expect(texte((await gestion.get(`/admin/sites/${s.site}/rendez-vous/a-reprendre`)).body)).toContain(
      'tombe de nouveau pendant l’ouverture du lieu',
    );
    expect(await messages(tard)).toEqual([]);
  });

  it('are out of reach of another structure’s manager (404) and read-only for the site’s agents (403)', async () => {
    const s = await site();
    const rdv = await reserver(s, 6, '10:00', 'tenance@exemple.fr');
    await ctx.sql(`insert into fermetures (site_id, debut, fin, motif) values ($1, $2, $2, 'Travaux')`, [
      s.site,
      jour(6),
    ]);
    const url = `/admin/sites/${s.site}/rendez-vous/a-reprendre`;

    const agen = await clientConnecte(ctx.app, DEMO.gestionAgen);
    expect((await agen.get(url)).statusCode).toBe(404);
    await agen.get('/tableau-de-bord');
    expect((await agen.post(url, { rdv })).statusCode).toBe(404);
    // Another site's appointment through one's own site: unknown here.
    const autre = await site();
    expect((await gestion.post(`/admin/sites/${autre.site}/rendez-vous/a-reprendre`, { rdv })).statusCode).toBe(404);

    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const lecture = await agent.get(url);
    expect(lecture.statusCode).toBe(200);
    expect(lecture.body).toContain('Travaux');
    expect(lecture.body).not.toContain('Annuler et prévenir');
    expect((await agent.post(url, { rdv })).statusCode).toBe(403);
    expect(await messages(rdv)).toEqual([]);
  });
});
