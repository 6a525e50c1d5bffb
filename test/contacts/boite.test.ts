import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adresseContact } from '../../src/modules/contacts/adresse.ts';
import { recevoirDemande } from '../../src/modules/contacts/index.ts';
import { creerSite, creerStructure, structureNommee, utilisateurNomme } from '../fabriques.ts';
import { Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';
import { agentDeTest } from '../rendez-vous/guichet-lieu.ts';

// A site's inbox (issue 12, point 4) through HTTP: the list by due instant with the working hours left, assigning,
// replying by email (threaded, answered to the site's address, first answer set once), internal notes, closing with
// an outcome, the person's thread page through their citizen link, bad input, and tenancy.

let ctx: Contexte;
let agent: Client;
let sceaux: string;
let agentId: string;
const boite = new BoiteDeTest();
const HEURE = 3_600_000;

beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  agentId = await utilisateurNomme(ctx, DEMO.agentSceaux);
  agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
});
afterAll(async () => {
  await boite.fermer();
  await ctx?.fermer();
});

let n = 0;
/** A request received by a site through G's reception service (an email by default), `heures` ago. */
async function demande(
  siteId: string,
  p: { nom?: string; courriel?: string; telephone?: string; heures?: number; messageId?: string } = {},
) {
  n++;
  const recuLe = new Date(Date.now() - (p.heures ?? 1) * HEURE);
  const r = p.telephone
    ? await recevoirDemande(ctx.database.db, ctx.config, {
        siteId,
        canal: 'formulaire',
        nom: p.nom ?? `Personne ${n}`,
        telephone: p.telephone,
        corps: 'Pouvez-vous me rappeler au sujet de ma carte grise ?',
        recuLe,
        consentement: true,
      })
    : await recevoirDemande(ctx.database.db, ctx.config, {
        siteId,
        canal: 'courriel',
        nom: p.nom ?? `Personne ${n}`,
        courriel: p.courriel ?? `personne.${n}@exemple.fr`,
        objet: 'Dossier de retraite',
        corps: 'Bonjour, où en est mon dossier de retraite ?',
        recuLe,
        messageId: p.messageId,
      });
  if (!r.ok) throw new Error(JSON.stringify(r.erreurs));
  return r.demande.id;
}

const etat = async (id: string) =>
  (
    await ctx.sql<{ statut: string; premiere_reponse_le: Date | null; assigne_a: string | null; issue: string | null }>(
      'select statut, premiere_reponse_le, assigne_a, issue from demandes_contact where id = $1',
      [id],
    )
  )[0];
/** The site's replies `a` received (newest first), the acknowledgements of reception left out. */
const reponsesRecues = async (a: string) =>
  (await boite.recus(ctx, a)).filter((c) => !c.sujet.startsWith('Message reçu'));
const fil = (id: string) =>
  ctx.sql<{ sens: string; corps: string; message_id: string | null }>(
    'select sens, corps, message_id from messages_contact where demande_id = $1 order by cree_le, id',
    [id],
  );

describe('the inbox', () => {
  it('lists open requests by due instant with the working hours left or how late, and counts them', async () => {
    const site = await creerSite(ctx, sceaux, 'Antenne des Blagis');
    await ctx.sql(`update sites set horaires = 'Mo-Su 08:00-20:00' where id = $1`, [site]);
    await demande(site, { nom: 'Alice Recente', heures: 1 });
    await demande(site, { nom: 'Bruno Ancien', heures: 30 });
    await demande(site, { nom: 'Chloé Retard', heures: 24 * 5 });
    const r = await agent.get(`/sites/${site}/messages`);
    expect(r.statusCode).toBe(200);
    const ordre = ['Chloé Retard', 'Bruno Ancien', 'Alice Recente'].map((nom) => r.body.indexOf(nom));
    expect(ordre.every((i) => i > 0)).toBe(true);
    expect([...ordre].sort((a, b) => a - b)).toEqual(ordre);
    // Open every day: 5 days ago is 48 working hours late, 1 hour ago leaves 71 hours.
    expect(r.body).toMatch(/En retard de 4[78] h/);
    expect(r.body).toMatch(/Reste 7[01] h/);
    expect(r.body).toContain('3 demandes ouvertes.');
    const sollicitations = await agent.get(`/sollicitations?site=${site}`);
    expect(sollicitations.body).toContain(`href="/sites/${site}/messages"`);
    expect(sollicitations.body).toContain('3 demandes ouvertes');
    const journee = await agent.get(`/sites/${site}/journee`);
    expect(journee.body).toContain('Messages du lieu (3 demandes ouvertes)');
  });

  it('assigns to oneself or to an agent of the site, and refuses anyone else (422, nothing written)', async () => {
    const site = await creerSite(ctx, sceaux);
    const id = await demande(site);
    const base = `/sites/${site}/messages/${id}`;
    await agent.get(base);
    expect((await agent.post(`${base}/attribution`, { agent: 'moi' })).statusCode).toBe(303);
    expect((await etat(id))?.assigne_a).toBe(agentId);
    expect((await agent.get(`/sites/${site}/messages?filtre=moi`)).body).toContain(`/messages/${id}`);
    expect((await agent.get(`/sites/${site}/messages?filtre=non-assignees`)).body).not.toContain(`/messages/${id}`);

    const etranger = await agentDeTest(ctx, await creerStructure(ctx, '76'));
    const refus = await agent.post(`${base}/attribution`, { agent: etranger.id });
    expect(refus.statusCode).toBe(422);
    expect(refus.body).toContain('Choisissez un agent du lieu dans la liste');
    expect((await etat(id))?.assigne_a).toBe(agentId);

    const collegue = await agentDeTest(ctx, sceaux, [site]);
    expect((await agent.post(`${base}/attribution`, { agent: collegue.id })).statusCode).toBe(303);
    expect((await etat(id))?.assigne_a).toBe(collegue.id);
  });

  it('emails a reply from guichet with Reply-To the site and In-Reply-To the person’s mail; first answer set once', async () => {
    const site = await creerSite(ctx, sceaux);
    const courriel = 'lea.martin@exemple.fr';
    const id = await demande(site, { courriel, messageId: '<premier.123@exemple.fr>' });
    const base = `/sites/${site}/messages/${id}`;
    await agent.get(base);
    const r = await agent.post(`${base}/reponses`, {
      texte: 'Votre dossier est complet.\nIl sera traité sous 15 jours.',
    });
    expect(r.statusCode).toBe(303);
    const apres = await etat(id);
    expect(apres?.statut).toBe('repondue');
    expect(apres?.premiere_reponse_le).not.toBeNull();

    const [recu] = await reponsesRecues(courriel);
    const [s] = await ctx.sql<{ id: string; id_fs: number | null }>('select id, id_fs from sites where id = $1', [
      site,
    ]);
    expect(recu?.repondreA).toContain(adresseContact({ id: site, idFs: s?.id_fs ?? null }, ctx.config.domaineContact));
    expect(recu?.enReponseA).toBe('<premier.123@exemple.fr>');
    expect(recu?.references).toContain('<premier.123@exemple.fr>');
    expect(recu?.sujet).toBe('Re: Dossier de retraite');
    expect(recu?.texte).toContain('Il sera traité sous 15 jours.');
    expect(recu?.texte).toMatch(/http:\/\/guichet\.test\/l\/[\w-]{43}/);
    const reponse = (await fil(id)).find((m) => m.sens === 'reponse');
    expect(reponse?.message_id).toBe(recu?.messageId);

    await agent.post(`${base}/reponses`, { texte: 'Un complément : pensez à votre relevé de carrière.' });
    expect((await etat(id))?.premiere_reponse_le?.toISOString()).toBe(apres?.premiere_reponse_le?.toISOString());
    expect(await reponsesRecues(courriel)).toHaveLength(2);
  });

  it('a phone-only request: the agent calls and records the answer; nothing is sent', async () => {
    const site = await creerSite(ctx, sceaux);
    const id = await demande(site, { telephone: '0612345678' });
    const page = await agent.get(`/sites/${site}/messages/${id}`);
    expect(page.body).toContain('n’a laissé qu’un numéro de téléphone');
    const r = await agent.post(`/sites/${site}/messages/${id}/reponses`, { texte: 'Rappelée : rendez-vous jeudi.' });
    expect(r.statusCode).toBe(303);
    expect((await etat(id))?.statut).toBe('repondue');
    const envois = await ctx.sql(`select 1 from messages where modele = 'contacts.reponse' and destinataire = $1`, [
      '0612345678',
    ]);
    expect(envois).toEqual([]);
  });

  it('an internal note is not sent, not an answer, and not shown to the person', async () => {
    const site = await creerSite(ctx, sceaux);
    const courriel = 'note.secrete@exemple.fr';
    const id = await demande(site, { courriel });
    const base = `/sites/${site}/messages/${id}`;
    await agent.get(base);
    expect(
      (await agent.post(`${base}/notes`, { note: 'Personne déjà venue mardi, dossier incomplet.' })).statusCode,
    ).toBe(303);
    expect(await etat(id)).toMatchObject({ statut: 'nouvelle', premiere_reponse_le: null });
    expect((await agent.get(base)).body).toContain('Personne déjà venue mardi');
    expect(await reponsesRecues(courriel)).toHaveLength(0);

    await agent.post(`${base}/reponses`, { texte: 'Merci de venir avec votre avis d’imposition.' });
    const [recu] = await reponsesRecues(courriel);
    expect(recu?.texte).not.toContain('Personne déjà venue');
    const lien = recu?.texte.match(/\/l\/[\w-]{43}/)?.[0] as string;
    const personne = new Client(ctx.app, '10.9.0.1');
    const pageFil = await personne.get(lien);
    expect(pageFil.statusCode).toBe(200);
    expect(pageFil.body).toContain('Merci de venir avec votre avis d’imposition.');
    expect(pageFil.body).not.toContain('Personne déjà venue');
  });

  it('closing needs an outcome; a closed request takes no reply until reopened', async () => {
    const site = await creerSite(ctx, sceaux);
    const id = await demande(site);
    const base = `/sites/${site}/messages/${id}`;
    await agent.get(base);
    const sansIssue = await agent.post(`${base}/cloture`, {});
    expect(sansIssue.statusCode).toBe(422);
    expect(sansIssue.body).toContain('Choisissez l’issue de la demande');
    expect((await etat(id))?.statut).toBe('nouvelle');
    expect((await agent.post(`${base}/cloture`, { issue: 'reponse_apportee' })).statusCode).toBe(303);
    expect(await etat(id)).toMatchObject({ statut: 'close', issue: 'reponse_apportee' });
    expect((await agent.get(`/sites/${site}/messages?filtre=closes`)).body).toContain(`/messages/${id}`);
    const fermee = await agent.post(`${base}/reponses`, { texte: 'Trop tard ?' });
    expect(fermee.statusCode).toBe(409);
    expect((await fil(id)).filter((m) => m.sens === 'reponse')).toEqual([]);
    expect((await agent.post(`${base}/reouverture`, {})).statusCode).toBe(303);
    expect(await etat(id)).toMatchObject({ statut: 'en_cours', issue: null });
  });

  it('the citizen link shows the answer and the person’s reply lands on the thread; bad input is refused in French', async () => {
    const site = await creerSite(ctx, sceaux);
    const courriel = 'marc.durand@exemple.fr';
    const id = await demande(site, { courriel });
    await agent.get(`/sites/${site}/messages/${id}`);
    await agent.post(`/sites/${site}/messages/${id}/reponses`, { texte: 'Venez mardi matin avec votre dossier.' });
    const [recu] = await reponsesRecues(courriel);
    const lien = recu?.texte.match(/\/l\/([\w-]{43})/);
    const personne = new Client(ctx.app, '10.9.0.2');
    const page = await personne.get(lien?.[0] as string);
    expect(page.body).toContain('Venez mardi matin avec votre dossier.');

    const vide = await personne.post('/contact/fil', { jeton: lien?.[1] as string, texte: '   ' });
    expect(vide.statusCode).toBe(422);
    expect(vide.body).toContain('Saisissez votre message');
    const long = await personne.post('/contact/fil', { jeton: lien?.[1] as string, texte: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('ne doit pas dépasser 2');
    expect((await fil(id)).filter((m) => m.sens === 'entrant')).toHaveLength(1);

    const r = await personne.post('/contact/fil', { jeton: lien?.[1] as string, texte: 'Mardi 10 h me convient.' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(lien?.[0]);
    expect((await fil(id)).at(-1)).toMatchObject({ sens: 'entrant', corps: 'Mardi 10 h me convient.' });
    expect((await etat(id))?.statut).toBe('en_cours');
    expect((await agent.get(`/sites/${site}/messages/${id}`)).body).toContain('Mardi 10 h me convient.');
    const inconnu = await personne.post('/contact/fil', { jeton: 'x'.repeat(43), texte: 'Bonjour' });
    expect(inconnu.statusCode).toBe(404);
  });

  it('bad input from an agent: French 422, nothing written', async () => {
    const site = await creerSite(ctx, sceaux);
    const id = await demande(site);
    const base = `/sites/${site}/messages/${id}`;
    await agent.get(base);
    const vide = await agent.post(`${base}/reponses`, { texte: '' });
    expect(vide.statusCode).toBe(422);
    expect(vide.body).toContain('Saisissez le texte de la réponse');
    expect(vide.body).toContain('aria-describedby="texte-messages"');
    const long = await agent.post(`${base}/notes`, { note: 'n'.repeat(5001) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Le texte de la note ne doit pas dépasser 5');
    expect(long.body).toContain('n'.repeat(5001));
    const controle = await agent.post(`${base}/reponses`, { texte: 'Bonjour\u0007' });
    expect(controle.statusCode).toBe(422);
    expect(await fil(id)).toHaveLength(1);
    expect(await etat(id)).toMatchObject({ statut: 'nouvelle', premiere_reponse_le: null });
  });
});

describe('tenancy', () => {
  it('an agent of site A never sees nor acts on site B’s requests (404 on every route)', async () => {
    const siteA = await creerSite(ctx, sceaux, 'Site A');
    const siteB = await creerSite(ctx, sceaux, 'Site B');
    const ailleurs = await creerSite(ctx, await creerStructure(ctx, '76'), 'Site lointain');
    const agentA = await agentDeTest(ctx, sceaux, [siteA]);
    const client = await clientConnecte(ctx.app, agentA.courriel);
    const dansA = await demande(siteA);
    await client.get(`/sites/${siteA}/messages/${dansA}`);
    for (const [site, id] of [
      [siteB, await demande(siteB)],
      [ailleurs, await demande(ailleurs)],
      // B's request through A's address: still B's.
      [siteA, await demande(siteB)],
    ] as const) {
      const base = `/sites/${site}/messages/${id}`;
      if (site !== siteA) expect((await client.get(`/sites/${site}/messages`)).statusCode).toBe(404);
      expect((await client.get(base)).statusCode).toBe(404);
      for (const [action, champs] of [
        ['reponses', { texte: 'Bonjour' }],
        ['notes', { note: 'Note' }],
        ['attribution', { agent: 'moi' }],
        ['cloture', { issue: 'sans_suite' }],
        ['reouverture', {}],
      ] as const) {
        expect((await client.post(`${base}/${action}`, champs)).statusCode, action).toBe(404);
      }
      expect(await fil(id)).toHaveLength(1);
      expect(await etat(id)).toMatchObject({ statut: 'nouvelle', assigne_a: null });
    }
    expect((await client.get(`/sites/${siteA}/messages`)).body).toContain(`/messages/${dansA}`);
  });

  it('a coordinator reads the inbox of their département and cannot act on it (403)', async () => {
    const site = await creerSite(ctx, sceaux);
    const id = await demande(site);
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    expect((await coordination.get(`/sites/${site}/messages`)).statusCode).toBe(200);
    const page = await coordination.get(`/sites/${site}/messages/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Envoyer la réponse');
    expect((await coordination.post(`/sites/${site}/messages/${id}/reponses`, { texte: 'x' })).statusCode).toBe(403);
  });
});
