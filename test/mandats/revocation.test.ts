import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envoyerLienRevocation } from '../../src/modules/mandats/service-revocation.ts';
import { structureNommee, utilisateurNomme } from '../fabriques.ts';
import { Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';
import { creerMandat, etatMandat, JOUR_MS, journalDe, messagesA } from './outils-revocation.ts';

// Revoking a mandate (issue 14 point 3), through HTTP as people do it: the agent of the structure on a confirmation
// page; the citizen without an account, with the reference and the code of their original (the same answer to any
// wrong pair, limited per IP and per reference); the citizen through the link sent at signature. Each time once, with
// a confirmation to the citizen; and the list of actions done in their name, which names no agent.

let ctx: Contexte;
let sceaux: string;
let agen: string;
const boite = new BoiteDeTest();

beforeAll(async () => {
  ctx = await demarrerApp();
  sceaux = await structureNommee(ctx, 'France services de Sceaux');
  agen = await structureNommee(ctx, 'France services Agen Léon Blum');
});
afterAll(async () => {
  await boite.fermer();
  await ctx?.fermer();
});

let ip = 20;
/** An anonymous browser from its own address (the limits count per address). */
async function visiteur() {
  const c = new Client(ctx.app, `10.9.0.${ip++}`);
  await c.get('/mandats/revocation');
  return c;
}

describe('revocation by the agent', () => {
  it('confirms, revokes once, journals it and tells the citizen; a second time is refused with nothing written', async () => {
    const m = await creerMandat(ctx, { structureId: sceaux, courriel: 'lukasz.agent@exemple.fr' });
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const page = await agent.get(`/mandats/${m.id}/revocation`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Révoquer le mandat ${m.reference}`);
    expect(page.body).toContain('<bdi>Łukasz Ştefănescu-Nguyễn</bdi>');
    expect(page.body).toContain('Ce que signifie la révocation');

    const r = await agent.post(`/mandats/${m.id}/revocation`);
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/mandats/${m.id}`);
    const etat = await etatMandat(ctx, m.id);
    expect(etat?.statut).toBe('revoque');
    expect(etat?.origine_revocation).toBe('agent');
    expect(etat?.revoque_par).toBe(await utilisateurNomme(ctx, DEMO.agentSceaux));
    expect(etat?.termine_le).not.toBeNull();
    const journal = await journalDe(ctx, m.id);
    expect(journal.at(-1)).toMatchObject({ action: 'mandat.revoque', details: { origine: 'agent' } });

    const [courriel] = await boite.recus(ctx, 'lukasz.agent@exemple.fr');
    expect(courriel?.sujet).toBe(`Votre mandat ${m.reference} est révoqué`);
    expect(courriel?.texte).toContain('Bonjour Łukasz,');
    expect(courriel?.texte).toContain(`est révoqué depuis le`);
    expect(courriel?.texte).not.toContain('Ştefănescu');

    const encore = await agent.post(`/mandats/${m.id}/revocation`);
    expect(encore.statusCode).toBe(409);
    expect(encore.body).toContain(`Le mandat ${m.reference} est déjà révoqué`);
    expect(await journalDe(ctx, m.id)).toHaveLength(journal.length);
    expect(await messagesA(ctx, 'lukasz.agent@exemple.fr')).toEqual(['mandats.revocation-confirmee']);
  });

  it('is open to the structure’s agents and managers only: 404 for an agent of Sceaux on Agen’s mandate', async () => {
    const m = await creerMandat(ctx, { structureId: agen, prenom: 'محمد', nom: 'الأحمد', courriel: null });
    const sceauxAgent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    for (const url of [`/mandats/${m.id}/revocation`, `/mandats/${m.id}/actions`, `/mandats/${m.id}/actions.pdf`]) {
      expect((await sceauxAgent.get(url)).statusCode).toBe(404);
    }
    expect((await sceauxAgent.post(`/mandats/${m.id}/revocation`)).statusCode).toBe(404);
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    expect((await coordination.get(`/mandats/${m.id}/revocation`)).statusCode).toBe(404);
    expect((await etatMandat(ctx, m.id))?.statut).toBe('actif');

    const gestion = await clientConnecte(ctx.app, DEMO.gestionAgen);
    const page = await gestion.get(`/mandats/${m.id}/revocation`);
    expect(page.body).toContain('<bdi>محمد الأحمد</bdi>');
    expect((await gestion.post(`/mandats/${m.id}/revocation`)).statusCode).toBe(303);
    expect((await etatMandat(ctx, m.id))?.origine_revocation).toBe('agent');
  });

  it('refuses an expired mandate, even before the expiry job ran', async () => {
    const debut = new Date(Date.now() - 40 * JOUR_MS);
    const m = await creerMandat(ctx, {
      structureId: sceaux,
      duree: 'mois',
      debut,
      fin: new Date(Date.now() - JOUR_MS),
    });
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const page = await agent.get(`/mandats/${m.id}/revocation`);
    expect(page.body).toContain('a pris fin le');
    expect(page.body).not.toContain(`action="/mandats/${m.id}/revocation"`);
    const r = await agent.post(`/mandats/${m.id}/revocation`);
    expect(r.statusCode).toBe(409);
    expect((await etatMandat(ctx, m.id))?.statut).toBe('actif');
  });
});

describe('revocation by the citizen with the code', () => {
  it('shows the summary and the actions after the right pair, then revokes with origin code', async () => {
    const m = await creerMandat(ctx, {
      structureId: sceaux,
      prenom: '李',
      nom: '小龙',
      courriel: null,
      telephone: '0612345678',
    });
    const c = await visiteur();
    const code = m.code.toLowerCase().replaceAll('-', ' ');
    const page = await c.post('/mandats/revocation', { reference: m.reference.toLowerCase().replace('-', ''), code });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(`Votre mandat ${m.reference}`);
    expect(page.body).toContain('<bdi>李</bdi>');
    expect(page.body).not.toContain('小龙');
    expect(page.body).toContain('Mandat signé au guichet par la personne et l’agent');
    expect(page.body).toContain('Révoquer ce mandat');
    expect(await journalDe(ctx, m.id)).toHaveLength(2);

    const jeton = page.body.match(/name="jeton" value="([^"]+)"/)?.[1] as string;
    const r = await c.post('/mandats/revocation', { jeton });
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(new RegExp(`Votre mandat ${m.reference} est révoqué depuis le \\d`));
    expect(r.body).toContain('Une confirmation vous a été envoyée par SMS');
    expect(await etatMandat(ctx, m.id)).toMatchObject({
      statut: 'revoque',
      origine_revocation: 'code',
      revoque_par: null,
    });
    expect((await journalDe(ctx, m.id)).at(-1)).toMatchObject({
      action: 'mandat.revoque',
      details: { origine: 'code' },
      auteur_id: null,
    });
    expect(await messagesA(ctx, '0612345678')).toEqual(['mandats.revocation-confirmee.sms']);

    // Again: the mandate says it is revoked, and offers no button; the old token writes nothing.
    const apres = await c.post('/mandats/revocation', { reference: m.reference, code: m.code });
    expect(apres.body).toContain(`Le mandat ${m.reference} est déjà révoqué`);
    expect(apres.body).not.toContain('name="jeton"');
    expect((await c.post('/mandats/revocation', { jeton })).statusCode).toBe(409);
    expect(await journalDe(ctx, m.id)).toHaveLength(3);
  });

  it('answers any wrong pair with one message, and a malformed field with its own', async () => {
    const m = await creerMandat(ctx, { structureId: sceaux });
    const autre = await creerMandat(ctx, { structureId: agen });
    const c = await visiteur();
    const mauvais = [
      { reference: m.reference, code: autre.code },
      { reference: 'M-22222222', code: m.code },
      { reference: autre.reference, code: m.code },
    ];
    const corps = [];
    for (const paire of mauvais) {
      const r = await c.post('/mandats/revocation', paire);
      expect(r.statusCode).toBe(422);
      corps.push(r.body.match(/<div class="fr-alert fr-alert--error[^>]*><p>([^<]+)<\/p>/)?.[1]);
    }
    expect(new Set(corps).size).toBe(1);
    expect(corps[0]).toContain('Cette référence et ce code ne correspondent à aucun mandat');

    const vide = await c.post('/mandats/revocation', { reference: '', code: 'abc' });
    expect(vide.statusCode).toBe(422);
    expect(vide.body).toContain('Saisissez la référence du mandat.');
    expect(vide.body).toContain('Le code compte 12 caractères');
    expect(vide.body).toContain('aria-describedby="reference-messages"');
    expect(
      (await c.post('/mandats/revocation', { reference: m.reference, code: m.code }, { jeton: false })).statusCode,
    ).toBe(403);
    expect((await etatMandat(ctx, m.id))?.statut).toBe('actif');
  });

  it('limits attempts per reference and per address (429 in French with Retry-After), with nothing revealed', async () => {
    const m = await creerMandat(ctx, { structureId: sceaux });
    const autre = await creerMandat(ctx, { structureId: sceaux });
    // Five tries on one reference from five addresses; the sixth, even right, is refused.
    for (let i = 0; i < 5; i++) {
      const r = await (await visiteur()).post('/mandats/revocation', { reference: m.reference, code: autre.code });
      expect(r.statusCode).toBe(422);
    }
    const bloque = await (await visiteur()).post('/mandats/revocation', { reference: m.reference, code: m.code });
    expect(bloque.statusCode).toBe(429);
    expect(Number(bloque.headers['retry-after'])).toBeGreaterThan(3000);
    expect(bloque.body).toContain('Trop de tentatives');
    expect(bloque.body).not.toContain('Votre mandat');

    // Ten tries from one address on ten references; the eleventh is refused whatever it names.
    const c = await visiteur();
    for (let i = 0; i < 10; i++) {
      const r = await c.post('/mandats/revocation', { reference: `M-${'23456789AB'[i]}2345678`, code: m.code });
      expect(r.statusCode).toBe(422);
    }
    expect((await c.post('/mandats/revocation', { reference: autre.reference, code: autre.code })).statusCode).toBe(
      429,
    );
    expect((await etatMandat(ctx, autre.id))?.statut).toBe('actif');
  });

  it('says an expired mandate has ended, without a button', async () => {
    const debut = new Date(Date.now() - 400 * JOUR_MS);
    const m = await creerMandat(ctx, {
      structureId: sceaux,
      duree: 'douze_mois',
      debut,
      fin: new Date(Date.now() - 30 * JOUR_MS),
    });
    await ctx.sql(`update mandats set statut = 'expire', termine_le = fin where id = $1`, [m.id]);
    const r = await (await visiteur()).post('/mandats/revocation', { reference: m.reference, code: m.code });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`Le mandat ${m.reference} a pris fin le`);
    expect(r.body).not.toContain('name="jeton"');
  });
});

describe('revocation through the citizen link', () => {
  it('sends the link at signature, shows the mandate and its actions, and revokes with origin lien', async () => {
    const m = await creerMandat(ctx, { structureId: sceaux, courriel: 'lukasz.lien@exemple.fr' });
    const maintenant = new Date();
    const canal = await ctx.database.db.transaction((tx) => envoyerLienRevocation(tx, ctx.config, m.id, maintenant));
    expect(canal).toBe('courriel');
    // Twice: still one link and one message.
    await ctx.database.db.transaction((tx) => envoyerLienRevocation(tx, ctx.config, m.id, maintenant));
    const [courriel, ...autres] = await boite.recus(ctx, 'lukasz.lien@exemple.fr');
    expect(autres).toHaveLength(0);
    expect(courriel?.sujet).toBe(`Votre mandat ${m.reference} avec France services de Sceaux`);
    expect(courriel?.texte).toContain('Bonjour Łukasz,');
    expect(courriel?.texte).not.toContain('Ştefănescu');
    const lien = courriel?.texte.match(/http:\/\/guichet\.test(\/l\/[\w-]{43})/)?.[1] as string;
    const [l] = await ctx.sql<{ expire_le: Date; usage: string }>(
      `select expire_le, usage from liens_citoyens where objet = 'mandat.revoquer' and sujet = $1`,
      [m.id],
    );
    expect(l?.usage).toBe('multiple');
    const [fin] = await ctx.sql<{ fin: Date }>('select fin from mandats where id = $1', [m.id]);
    expect(l?.expire_le.getTime()).toBe(fin?.fin.getTime());

    const c = new Client(ctx.app, '10.9.1.1');
    const page = await c.get(lien);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Votre mandat ${m.reference}`);
    expect(page.body).toContain('Mandat entré en vigueur');
    const jeton = lien.slice(3);
    const r = await c.post('/mandats/revocation/lien', { jeton });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`Votre mandat ${m.reference} est révoqué depuis le`);
    expect(await etatMandat(ctx, m.id)).toMatchObject({ statut: 'revoque', origine_revocation: 'lien' });
    expect(await messagesA(ctx, 'lukasz.lien@exemple.fr')).toEqual([
      'mandats.lien-revocation',
      'mandats.revocation-confirmee',
    ]);

    // The link still shows the mandate, now revoked, and the list; posting again writes nothing.
    const apres = await c.get(lien);
    expect(apres.body).toContain('est déjà révoqué');
    expect(apres.body).toContain('Mandat révoqué');
    const encore = await c.post('/mandats/revocation/lien', { jeton });
    expect(encore.statusCode).toBe(303);
    expect((await journalDe(ctx, m.id)).filter((e) => e.action === 'mandat.revoque')).toHaveLength(1);
    expect((await c.post('/mandats/revocation/lien', { jeton: 'x'.repeat(43) })).statusCode).toBe(404);
  });

  it('sends nothing when the citizen gave no contact', async () => {
    const m = await creerMandat(ctx, { structureId: sceaux, courriel: null });
    const canal = await ctx.database.db.transaction((tx) => envoyerLienRevocation(tx, ctx.config, m.id, new Date()));
    expect(canal).toBeNull();
    expect(await ctx.sql('select 1 from liens_citoyens where sujet = $1', [m.id])).toHaveLength(0);
  });
});

describe('the list of actions done in the citizen’s name', () => {
  it('is printed by the agent as a page and a PDF, naming no agent, and the handing over is journalled', async () => {
    const m = await creerMandat(ctx, { structureId: sceaux });
    const agent = await clientConnecte(ctx.app, DEMO.agentSceaux);
    const page = await agent.get(`/mandats/${m.id}/actions`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mandat signé au guichet par la personne et l’agent');
    expect(page.body).toContain('France services de Sceaux');
    const [moi] = await ctx.sql<{ nom: string }>('select nom from utilisateurs where courriel = $1', [
      DEMO.agentSceaux,
    ]);
    expect(page.body.split('<main')[1]).not.toContain(moi?.nom as string);
    const pdf = await agent.get(`/mandats/${m.id}/actions.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await journalDe(ctx, m.id)).at(-1)?.action).toBe('mandat.actions_remises');
  });
});
