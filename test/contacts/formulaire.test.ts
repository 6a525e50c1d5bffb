import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delaiReponseSite, echeanceEnClair } from '../../src/modules/contacts/index.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { Client, type Contexte, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// The public contact form of a site (issue 12), through HTTP and without JavaScript: the link from the site page,
// bad input refused in French with nothing written, the honeypot, the rate limits kept in PostgreSQL, and the
// acknowledgement page and email stating the promised date of the answer clock.

let ctx: Contexte;
const boite = new BoiteDeTest();
let siteId: string;
let ipSuivante = 10;
/** A browser from its own address, so that each test has its own IP limit. */
const navigateur = () => new Client(ctx.app, `203.0.113.${ipSuivante++}`);

beforeAll(async () => {
  ctx = await demarrerApp();
  siteId = await creerSite(ctx, await creerStructure(ctx, '92', 'Communauté de test'), 'France services du Formulaire');
});
afterAll(async () => {
  await boite.fermer();
  await ctx?.fermer();
});

const valide = {
  nom: 'Camille Martin',
  courriel: 'camille.formulaire@exemple.fr',
  telephone: '',
  corps: 'Bonjour,\r\nje voudrais de l’aide pour ma déclaration de revenus.',
  consentement: 'on',
  siteWeb: '',
};

async function demandes(site = siteId) {
  const [r] = await ctx.sql<{ n: string }>('select count(*) as n from demandes_contact where site_id = $1', [site]);
  return Number(r?.n);
}

async function envoyer(c: Client, champs: Record<string, string>, site = siteId) {
  await c.get(`/lieux/${site}/contact`);
  return c.post(`/lieux/${site}/contact`, champs);
}

describe('the contact form of a site', () => {
  it('is linked from the site page, with the site’s own address', async () => {
    const fiche = await navigateur().get(`/lieux/${siteId}`);
    expect(fiche.statusCode).toBe(200);
    expect(fiche.body).toContain(`href="/lieux/${siteId}/contact"`);
    expect(fiche.body).toMatch(/Écrire à ce lieu/);
    expect(fiche.body).toContain(`lieu-${siteId.replaceAll('-', '').slice(0, 12)}@contact.guichet.localhost`);
  });

  it('asks name, email or phone, message and consent, with who keeps what and for how long', async () => {
    const page = await navigateur().get(`/lieux/${siteId}/contact`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toMatch(/<textarea[^>]*name="corps"[^>]*maxlength="2000"/);
    expect(page.body).toContain('name="siteWeb"');
    expect(page.body).toContain('Responsable du traitement : Communauté de test');
    expect(page.body).toContain('effacés 3 mois après la clôture de votre demande');
  });

  it('answers 404 for an unknown or inactive site', async () => {
    expect((await navigateur().get('/lieux/00000000-0000-4000-8000-000000000000/contact')).statusCode).toBe(404);
    const inactif = await creerSite(ctx, await creerStructure(ctx, '92'));
    await ctx.sql('update sites set actif = false where id = $1', [inactif]);
    expect((await navigateur().get(`/lieux/${inactif}/contact`)).statusCode).toBe(404);
  });

  it('refuses bad input in French, keeps what was typed, and writes nothing', async () => {
    const avant = await demandes();
    const cas: Array<[Record<string, string>, RegExp]> = [
      [{ nom: '', corps: '' }, /Saisissez votre nom\.[\s\S]*Saisissez votre message\./],
      [{ courriel: '', telephone: '' }, /Indiquez une adresse électronique ou un numéro de téléphone/],
      [{ corps: 'a'.repeat(2001) }, /Votre message ne doit pas dépasser 2\u202f000 caractères/],
      [{ nom: 'Camille\u0000Martin' }, /Le nom contient des caractères non autorisés/],
      [{ corps: 'Bonjour\u001b[31m' }, /Votre message contient des caractères non autorisés/],
      [{ corps: '<img src=x onerror=alert(1)>' }, /ne doit pas contenir de balises HTML/],
      [{ nom: '<b>Camille</b>' }, /Le nom ne doit pas contenir les signes &lt; ou >/],
      [{ courriel: 'camille@' }, /Saisissez une adresse électronique valide/],
      [{ courriel: '', telephone: '12 34' }, /Saisissez un numéro de téléphone valide/],
      [{ consentement: '' }, /Cochez la case pour accepter/],
    ];
    for (const [champs, message] of cas) {
      const r = await envoyer(navigateur(), { ...valide, ...champs });
      expect(r.statusCode, JSON.stringify(champs).slice(0, 60)).toBe(422);
      expect(r.body).toMatch(message);
      expect(r.body).toContain('<title>Erreur – ');
      expect(r.body).toMatch(/aria-describedby="[a-z]+-messages/);
      expect(r.body).not.toContain('<img src=x');
    }
    const garde = await envoyer(navigateur(), { ...valide, courriel: 'camille@' });
    expect(garde.body).toContain('value="Camille Martin"');
    expect(garde.body).toContain('je voudrais de l’aide');
    expect(await demandes()).toBe(avant);
  });

  it('answers a filled honeypot as a success but writes nothing', async () => {
    const avant = await demandes();
    const [marques] = await ctx.sql<{ n: string }>('select count(*) as n from limites_contact');
    const c = navigateur();
    const r = await envoyer(c, { ...valide, siteWeb: 'http://spam.example' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/lieux/${siteId}/contact/envoye`);
    const page = await c.get(r.headers.location as string);
    expect(page.body).toMatch(/Référence : <strong>C-[0-9A-F]{8}<\/strong>/);
    expect(page.body).toContain('Vous recevrez une réponse au plus tard le');
    expect(await demandes()).toBe(avant);
    const [apres] = await ctx.sql<{ n: string }>('select count(*) as n from limites_contact');
    expect(apres?.n).toBe(marques?.n);
    expect(await ctx.sql(`select 1 from messages where destinataire = $1`, [valide.courriel])).toHaveLength(0);
  });

  it('records the request, then shows and emails the promised date of the answer clock', async () => {
    const c = navigateur();
    const courriel = 'dominique.formulaire@exemple.fr';
    const r = await envoyer(c, { ...valide, courriel });
    expect(r.statusCode).toBe(303);
    const [d] = await ctx.sql<{ id: string; recu_le: Date; echeance: Date; canal: string }>(
      'select id, recu_le, echeance, canal from demandes_contact where courriel = $1',
      [courriel],
    );
    expect(d?.canal).toBe('formulaire');
    const clock = await delaiReponseSite(ctx.database.db, siteId, d?.recu_le as Date);
    if (!clock?.delai.ok) throw new Error('no due instant');
    expect(d?.echeance.toISOString()).toBe(clock.delai.echeance.toISOString());
    const promis = echeanceEnClair(clock.delai.echeance, 'Europe/Paris');

    const page = await c.get(r.headers.location as string);
    expect(page.statusCode).toBe(200);
    const reference = `C-${d?.id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
    expect(page.body).toContain(`Référence : <strong>${reference}</strong>`);
    expect(page.body).toContain(`Vous recevrez une réponse au plus tard le ${promis}.`);
    expect(page.body).toContain('Un accusé de réception vous a été envoyé par courriel.');
    expect(page.body).toMatch(/lieu-[0-9a-f]{12}@contact\.guichet\.localhost/);
    // Reloading is harmless; another browser has nothing to see.
    expect((await c.get(r.headers.location as string)).statusCode).toBe(200);
    const autre = await navigateur().get(r.headers.location as string);
    expect(autre.statusCode).toBe(303);
    expect(autre.headers.location).toBe(`/lieux/${siteId}/contact`);

    const [mail] = await boite.recus(ctx, courriel);
    expect(mail?.sujet).toBe(`Message reçu par France services du Formulaire (réf. ${reference})`);
    expect(mail?.texte).toContain(`Vous recevrez une réponse au plus tard le ${promis}.`);
  });

  it('refuses a sixth message from one address within the hour, in French, and never stores the address', async () => {
    const c = navigateur();
    for (let i = 0; i < 5; i++) {
      const r = await envoyer(c, { ...valide, courriel: `limite-ip-${i}@exemple.fr` });
      expect(r.statusCode).toBe(303);
    }
    const avant = await demandes();
    const r = await envoyer(c, { ...valide, courriel: 'limite-ip-6@exemple.fr' });
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBe('3600');
    expect(r.body).toContain('Vous avez envoyé plusieurs messages en peu de temps');
    expect(await demandes()).toBe(avant);
    expect(await ctx.sql(`select 1 from limites_contact where cle like '%203.0.113%'`)).toHaveLength(0);
  });

  it('refuses messages to a site past its hourly limit, whoever sends them', async () => {
    const plein = await creerSite(ctx, await creerStructure(ctx, '92'));
    await ctx.sql(`insert into limites_contact (cle, le) select $1, now() from generate_series(1, 50)`, [
      `site:${plein}`,
    ]);
    const r = await envoyer(navigateur(), valide, plein);
    expect(r.statusCode).toBe(429);
    expect(r.body).toContain('Ce lieu reçoit beaucoup de messages en ce moment');
    expect(await demandes(plein)).toBe(0);
    // Marks older than an hour no longer count.
    await ctx.sql(`update limites_contact set le = now() - interval '61 minutes' where cle = $1`, [`site:${plein}`]);
    expect((await envoyer(navigateur(), valide, plein)).statusCode).toBe(303);
    expect(await demandes(plein)).toBe(1);
  });

  it('refuses a post without its CSRF token', async () => {
    const c = navigateur();
    await c.get(`/lieux/${siteId}/contact`);
    const r = await c.post(`/lieux/${siteId}/contact`, valide, { jeton: false });
    expect(r.statusCode).toBe(403);
  });
});
