import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliquerRetention } from '../../src/app/retention.ts';
import { creerSite, creerStructure, structureNommee } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// The site's day board (issue 11, points 5 and 8), through HTTP on the real database: tickets, check-in, the queue's
// order, waiting time, no-show, finishing a visit into the request log, tenancy and bad input.

let ctx: Contexte;
let agent: Client;
let sceaux: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
});
afterAll(() => ctx.fermer());

const decoder = (html: string) =>
  html.replaceAll('&amp;', '&').replaceAll('&#39;', '’').replaceAll('&quot;', '"').replaceAll('&nbsp;', ' ');

/** A zone where it is now between 02:00 and 21:00, so that "an hour ago" and "in an hour" are both today there. */
function fuseauDeJour(): string {
  for (const fuseau of ['Europe/Paris', 'America/Cayenne', 'Pacific/Noumea', 'Indian/Reunion', 'Pacific/Tahiti']) {
    const h = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: fuseau, hour: '2-digit', hourCycle: 'h23' }).format(),
    );
    if (h >= 2 && h < 21) return fuseau;
  }
  throw new Error('no zone in daytime');
}

/** A fresh site of Sceaux's structure (or of `structure`) in a daytime zone, with a motif and an agent resource. */
async function site(structure = sceaux, motif: { canal?: string; partenaire?: string } = {}) {
  const id = await creerSite(ctx, structure);
  await ctx.sql('update sites set fuseau_horaire = $2 where id = $1', [id, fuseauDeJour()]);
  const partenaire = motif.partenaire
    ? (await ctx.sql<{ id: string }>('select id from partenaires where code = $1', [motif.partenaire]))[0]?.id
    : null;
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal, partenaire_id) values ($1, 'Démarche de test', 30, $2, $3) returning id`,
    [id, motif.canal ?? 'sur_place', partenaire],
  );
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent de test', '{"modeles":[]}') returning id`,
    [id],
  );
  return { id, motif: m?.id as string, ressource: r?.id as string, partenaire };
}

/** An appointment booked at the desk, starting `minutes` from now (negative: already started). */
async function rendezVous(s: { id: string; motif: string; ressource: string }, minutes: number, nom: string) {
  const debut = new Date(Date.now() + minutes * 60_000);
  const fin = new Date(debut.getTime() + 30 * 60_000);
  const [r] = await ctx.sql<{ id: string }>(
    `insert into rendez_vous (site_id, motif_id, ressource_id, debut, fin, occupe, nom, origine)
     values ($1, $2, $3, $4, $5, tstzrange($4, $5, '[)'), $6, 'guichet') returning id`,
    [s.id, s.motif, s.ressource, debut, fin, nom],
  );
  return r?.id as string;
}

async function accueillir(client: Client, siteId: string, libelle: string) {
  await client.get(`/sites/${siteId}/journee`);
  return client.post(`/sites/${siteId}/journee/passages`, { libelle });
}

const statutRdv = async (id: string) =>
  (await ctx.sql<{ statut: string }>('select statut from rendez_vous where id = $1', [id]))[0]?.statut;

/** The part of the board between two headings, to check what is in the queue and in what order. */
const section = (html: string, titre: string) => decoder(html).split(`>${titre}</h2>`)[1]?.split('<h2')[0] ?? '';

describe('the day board', () => {
  it('gives ticket numbers 1, 2, 3… per site and day, shown big, and 20 people at once get distinct numbers', async () => {
    const a = await site();
    const b = await site();
    const premier = await accueillir(agent, a.id, 'Léa');
    expect(premier.statusCode).toBe(303);
    expect(premier.headers.location).toMatch(new RegExp(`^/sites/${a.id}/journee\\?ticket=[0-9a-f-]{36}$`));
    const page = await agent.get(String(premier.headers.location));
    expect(page.statusCode).toBe(200);
    expect(decoder(page.body)).toContain('Ticket n° 1 remis');
    expect(page.body).toMatch(/<p class="fr-display--sm[^"]*">n° 1<\/p>/);
    expect(section(page.body, 'File d’attente')).toContain('Léa');

    expect((await accueillir(agent, a.id, '')).statusCode).toBe(303);
    expect((await accueillir(agent, b.id, 'Marc')).statusCode).toBe(303);
    const numeros = async (siteId: string) =>
      (
        await ctx.sql<{ numero: number }>('select numero from passages where site_id = $1 order by numero', [siteId])
      ).map((r) => r.numero);
    expect(await numeros(a.id)).toEqual([1, 2]);
    expect(await numeros(b.id)).toEqual([1]);

    const reponses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => agent.post(`/sites/${a.id}/journee/passages`, { libelle: `Personne ${i}` })),
    );
    expect(reponses.map((r) => r.statusCode)).toEqual(Array(20).fill(303));
    expect(await numeros(a.id)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('puts a checked-in appointment before the walk-ins who came earlier', async () => {
    const s = await site();
    const rdv = await rendezVous(s, 20, 'Sophie Bernard');
    expect((await accueillir(agent, s.id, 'Arrivé tôt')).statusCode).toBe(303);
    const avant = await agent.get(`/sites/${s.id}/journee`);
    expect(section(avant.body, 'Rendez-vous du jour')).toContain('Sophie Bernard');
    const arrivee = await agent.post(`/sites/${s.id}/journee/rendez-vous/${rdv}/arrivee`);
    expect(arrivee.statusCode).toBe(303);
    expect(await statutRdv(rdv)).toBe('arrive');
    const board = await agent.get(`/sites/${s.id}/journee`);
    const file = section(board.body, 'File d’attente');
    expect(file.indexOf('Sophie Bernard')).toBeGreaterThan(-1);
    expect(file.indexOf('Sophie Bernard')).toBeLessThan(file.indexOf('Arrivé tôt'));
    expect(file).toContain('n° 2');
    // Checked in once only.
    const encore = await agent.post(`/sites/${s.id}/journee/rendez-vous/${rdv}/arrivee`);
    expect(encore.statusCode).toBe(409);
    expect(decoder(encore.body)).toContain('Ce rendez-vous a déjà été accueilli, clos ou annulé.');
  });

  it('records the waiting time as served minus arrived, and who serves', async () => {
    const s = await site();
    expect((await accueillir(agent, s.id, 'Inès')).statusCode).toBe(303);
    const [p] = await ctx.sql<{ id: string }>(
      `update passages set arrive_le = now() - interval '7 minutes' where site_id = $1 returning id`,
      [s.id],
    );
    const avant = await agent.get(`/sites/${s.id}/journee`);
    expect(section(avant.body, 'File d’attente')).toMatch(/>[78] min</);
    const prise = await agent.post(`/sites/${s.id}/journee/passages/${p?.id}/prise-en-charge`);
    expect(prise.statusCode).toBe(303);
    const [ligne] = await ctx.sql<{ statut: string; attente: number; par: string }>(
      `select statut, extract(epoch from pris_en_charge_le - arrive_le)::int / 60 as attente,
              (select prenom || ' ' || nom from utilisateurs where id = pris_en_charge_par) as par
       from passages where id = $1`,
      [p?.id],
    );
    expect(ligne).toEqual({ statut: 'en_cours', attente: 7, par: 'Karim Benali' });
    const board = await agent.get(`/sites/${s.id}/journee`);
    const enCours = section(board.body, 'En cours d’accueil');
    expect(enCours).toContain('Inès');
    expect(enCours).toContain('Karim Benali');
    expect(enCours).toContain('>7 min<');
    expect(section(board.body, 'File d’attente')).toContain('Personne n’attend pour le moment.');
    // Served twice: the second click is told the queue moved on.
    const deux = await agent.post(`/sites/${s.id}/journee/passages/${p?.id}/prise-en-charge`);
    expect(deux.statusCode).toBe(409);
  });

  it('refuses a no-show before the start time, accepts it after', async () => {
    const s = await site();
    const plusTard = await rendezVous(s, 60, 'Jean Petit');
    const commence = await rendezVous(s, -60, 'Awa Diallo');
    await agent.get(`/sites/${s.id}/journee`);
    const trop = await agent.post(`/sites/${s.id}/journee/rendez-vous/${plusTard}/absence`);
    expect(trop.statusCode).toBe(409);
    expect(decoder(trop.body)).toContain('qu’après l’heure de début de son rendez-vous');
    expect(await statutRdv(plusTard)).toBe('reserve');
    const ok = await agent.post(`/sites/${s.id}/journee/rendez-vous/${commence}/absence`);
    expect(ok.statusCode).toBe(303);
    expect(await statutRdv(commence)).toBe('absent');
    const board = await agent.get(`/sites/${s.id}/journee`);
    expect(section(board.body, 'Rendez-vous du jour')).toContain('Absent');
  });

  it('finishing a visit opens the request log prefilled, the agent only confirms; the appointment is seen', async () => {
    const s = await site(sceaux, { canal: 'visio', partenaire: 'finances-publiques' });
    const rdv = await rendezVous(s, 5, 'Louis Martin');
    await agent.get(`/sites/${s.id}/journee`);
    await agent.post(`/sites/${s.id}/journee/rendez-vous/${rdv}/arrivee`);
    const [p] = await ctx.sql<{ id: string }>('select id from passages where rendez_vous_id = $1', [rdv]);
    await agent.post(`/sites/${s.id}/journee/passages/${p?.id}/prise-en-charge`);
    const fin = await agent.post(`/sites/${s.id}/journee/passages/${p?.id}/fin`);
    expect(fin.statusCode).toBe(303);
    const cible = new URL(String(fin.headers.location), 'http://x');
    expect(cible.pathname).toBe('/sollicitations');
    expect(Object.fromEntries(cible.searchParams)).toEqual({
      site: s.id,
      canal: 'visio',
      partenaires: s.partenaire,
      situationId: (await ctx.sql<{ id: string }>(`select id from situations where code = 'je-declare-mes-impots'`))[0]
        ?.id,
    });
    expect(await statutRdv(rdv)).toBe('vu');

    const saisie = await agent.get(String(fin.headers.location));
    expect(saisie.statusCode).toBe(200);
    const html = decoder(saisie.body);
    expect(html).toContain('Vérifiez la sollicitation préremplie');
    expect(html).toMatch(/<input[^>]*name="situation"[^>]*value="Je déclare mes impôts"/);
    expect(html).toMatch(/<input[^>]*name="canal"[^>]*value="visio"[^>]*checked/);
    expect(html).toMatch(new RegExp(`<input[^>]*name="partenaires"[^>]*value="${s.partenaire}"[^>]*checked`));
    // One click: the form as it came is valid.
    const champs: Record<string, string | string[]> = { site: s.id, situation: 'Je déclare mes impôts' };
    for (const m of html.matchAll(/<input([^>]*)>/g)) {
      const attributs = m[1] ?? '';
      if (!/checked/.test(attributs)) continue;
      const nom = attributs.match(/name="([^"]+)"/)?.[1];
      const valeur = attributs.match(/value="([^"]*)"/)?.[1];
      if (!nom || valeur === undefined) continue;
      const deja = champs[nom];
      champs[nom] = deja === undefined ? valeur : [deja, valeur].flat();
    }
    const enregistre = await agent.post('/sollicitations', champs);
    expect(enregistre.statusCode).toBe(303);
    const [sollicitation] = await ctx.sql<{ canal: string; partenaires: string[] }>(
      'select canal, partenaires::text[] as partenaires from sollicitations where site_id = $1',
      [s.id],
    );
    expect(sollicitation).toEqual({ canal: 'visio', partenaires: [s.partenaire] });

    // A walk-in's visit: the counter's channel, no partner.
    await accueillir(agent, s.id, 'Paul');
    const [w] = await ctx.sql<{ id: string }>(`select id from passages where site_id = $1 and libelle = 'Paul'`, [
      s.id,
    ]);
    await agent.post(`/sites/${s.id}/journee/passages/${w?.id}/prise-en-charge`);
    const finW = await agent.post(`/sites/${s.id}/journee/passages/${w?.id}/fin`);
    expect(finW.headers.location).toBe(`/sollicitations?site=${s.id}&canal=accueil_physique`);
  });

  it('lets a walk-in leave the queue, not an appointment', async () => {
    const s = await site();
    await accueillir(agent, s.id, 'Zoé');
    const rdv = await rendezVous(s, 10, 'Hugo Laurent');
    await agent.post(`/sites/${s.id}/journee/rendez-vous/${rdv}/arrivee`);
    const lignes = await ctx.sql<{ id: string; rdv: string | null }>(
      'select id, rendez_vous_id as rdv from passages where site_id = $1',
      [s.id],
    );
    const walkIn = lignes.find((l) => !l.rdv)?.id;
    const avecRdv = lignes.find((l) => l.rdv)?.id;
    expect((await agent.post(`/sites/${s.id}/journee/passages/${walkIn}/depart`)).statusCode).toBe(303);
    expect((await agent.post(`/sites/${s.id}/journee/passages/${avecRdv}/depart`)).statusCode).toBe(409);
    const statuts = await ctx.sql<{ statut: string }>(
      'select statut from passages where site_id = $1 order by numero',
      [s.id],
    );
    expect(statuts.map((x) => x.statut)).toEqual(['parti', 'attente']);
  });

  it('answers 404 on every route to an agent of another structure, and changes nothing', async () => {
    const ailleurs = await site(await creerStructure(ctx, '76'));
    const rdv = await rendezVous(ailleurs, -5, 'Nadia Haddad');
    await ctx.sql(
      `insert into passages (site_id, jour, numero, libelle, arrive_le) values ($1, current_date, 1, 'Léon', now())`,
      [ailleurs.id],
    );
    const [p] = await ctx.sql<{ id: string }>('select id from passages where site_id = $1', [ailleurs.id]);
    const base = `/sites/${ailleurs.id}/journee`;
    await agent.get('/tableau-de-bord');
    expect((await agent.get(base)).statusCode).toBe(404);
    for (const url of [
      `${base}/passages`,
      `${base}/rendez-vous/${rdv}/arrivee`,
      `${base}/rendez-vous/${rdv}/absence`,
      `${base}/passages/${p?.id}/prise-en-charge`,
      `${base}/passages/${p?.id}/fin`,
      `${base}/passages/${p?.id}/depart`,
    ]) {
      expect((await agent.post(url, { libelle: 'Intrus' })).statusCode, url).toBe(404);
    }
    // Another site's ids through one's own site: unknown there too.
    const ici = await site();
    expect((await agent.post(`/sites/${ici.id}/journee/rendez-vous/${rdv}/arrivee`)).statusCode).toBe(404);
    expect((await agent.post(`/sites/${ici.id}/journee/passages/${p?.id}/prise-en-charge`)).statusCode).toBe(404);
    expect((await agent.post(`/sites/${ici.id}/journee/passages/pas-un-uuid/fin`)).statusCode).toBe(404);
    expect(await statutRdv(rdv)).toBe('reserve');
    const passages = await ctx.sql('select 1 from passages where site_id = $1', [ailleurs.id]);
    expect(passages).toHaveLength(1);
  });

  it('refuses a label too long or with control characters in French (422), typed value kept, nothing written', async () => {
    const s = await site();
    const long = 'x'.repeat(61);
    await agent.get(`/sites/${s.id}/journee`);
    const r = await agent.post(`/sites/${s.id}/journee/passages`, { libelle: long });
    expect(r.statusCode).toBe(422);
    const html = decoder(r.body);
    expect(html).toContain('<title>Erreur – ');
    expect(html).toContain('Le formulaire contient une erreur');
    expect(html).toContain('Le prénom ou le repère ne doit pas dépasser 60 caractères');
    expect(html).toMatch(/<input[^>]*aria-invalid="true"[^>]*aria-describedby="libelle-messages"/);
    expect(html).toContain(`value="${long}"`);
    const controle = await agent.post(`/sites/${s.id}/journee/passages`, { libelle: 'Léa\u0007' });
    expect(controle.statusCode).toBe(422);
    expect(decoder(controle.body)).toContain('contient des caractères non autorisés');
    expect(await ctx.sql('select 1 from passages where site_id = $1', [s.id])).toHaveLength(0);
  });

  it('shows the demo board of Sceaux with two walk-ins waiting; names are erased after three months', async () => {
    const [s] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
    const board = await agent.get(`/sites/${s?.id}/journee`);
    expect(board.statusCode).toBe(200);
    const file = section(board.body, 'File d’attente');
    expect(file).toContain('Léa');
    expect(file).toContain('Monsieur au chapeau');
    expect(board.body).toContain('src="/assets/journee.js"');
    expect(board.body).toContain('aria-live="polite"');
    expect(board.body).not.toContain('http-equiv="refresh"');

    await appliquerRetention(ctx.database.db, new Date(Date.now() + 100 * 86_400_000));
    const restants = await ctx.sql(`select 1 from passages where libelle is not null`);
    expect(restants).toHaveLength(0);
  });
});
