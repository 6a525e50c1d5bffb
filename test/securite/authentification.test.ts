import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utilisateurNomme } from '../fabriques.ts';
import { Client, type Contexte, DEMO, demarrerApp, MOT_DE_PASSE } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

let ctx: Contexte;
const journal: string[] = [];
let ipSuivante = 1;
/** Each test uses its own IP so that per-IP throttling in one test does not leak into another. */
const nouveauClient = () => new Client(ctx.app, `192.0.2.${ipSuivante++}`);

beforeAll(async () => {
  ctx = await demarrerApp({ LOG_LEVEL: 'info' }, { write: (l) => void journal.push(l) });
});
afterAll(() => ctx.fermer());

const boite = new BoiteDeTest();
afterAll(() => boite.fermer());

/** The newest password link emailed to a person, as received by the local SMTP server. */
const dernierLien = (courriel: string) => boite.dernierLien(ctx, courriel);

describe('sessions', () => {
  it('gives a new session id at every sign-in and never adopts a cookie chosen before it', async () => {
    const c = nouveauClient();
    c.cookies.set('guichet_session', 'A'.repeat(43));
    await c.connecter(DEMO.gestionSceaux);
    const premiere = c.cookies.get('guichet_session');
    expect(premiere).toBeDefined();
    expect(premiere).not.toBe('A'.repeat(43));
    await c.post('/connexion', { courriel: DEMO.gestionSceaux, motDePasse: MOT_DE_PASSE });
    const seconde = c.cookies.get('guichet_session');
    expect(seconde).not.toBe(premiere);

    const ancien = nouveauClient();
    ancien.cookies.set('guichet_session', premiere as string);
    const r = await ancien.get('/tableau-de-bord');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/connexion?retour=%2Ftableau-de-bord');
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const c = nouveauClient();
    await c.get('/connexion');
    const r = await c.post('/connexion', { courriel: DEMO.agentSceaux, motDePasse: MOT_DE_PASSE });
    const entete = [r.headers['set-cookie']].flat().find((x) => x?.startsWith('guichet_session='));
    expect(entete).toMatch(/HttpOnly/);
    expect(entete).toMatch(/SameSite=Lax/);
  });

  it('expires after 8 hours without activity, and slides while the person is active', async () => {
    const c = await nouveauClient().connecter(DEMO.agentSceaux);
    const id = await utilisateurNomme(ctx, DEMO.agentSceaux);
    await ctx.sql(
      `update sessions set vu_le = now() - interval '2 minutes', expire_le = now() + interval '1 minute' where utilisateur_id = $1`,
      [id],
    );
    expect((await c.get('/tableau-de-bord')).statusCode).toBe(200);
    const [apres] = await ctx.sql<{ reste: number }>(
      `select extract(epoch from max(expire_le) - now())::int as reste from sessions where utilisateur_id = $1`,
      [id],
    );
    expect(apres?.reste).toBeGreaterThan(7 * 3600);

    await ctx.sql(
      `update sessions set vu_le = now() - interval '9 hours', expire_le = now() - interval '1 hour' where utilisateur_id = $1`,
      [id],
    );
    const r = await c.get('/tableau-de-bord');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toContain('/connexion');
  });

  it('logs out: the session is deleted server-side and the pages need a new sign-in', async () => {
    const c = await nouveauClient().connecter(DEMO.coordination);
    const jeton = c.cookies.get('guichet_session');
    const r = await c.post('/deconnexion');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/connexion');
    const page = await c.get('/connexion');
    expect(page.body).toContain('Vous êtes déconnecté.');
    const rejoue = nouveauClient();
    rejoue.cookies.set('guichet_session', jeton as string);
    expect((await rejoue.get('/admin/structures')).statusCode).toBe(303);
  });

  it('closes the sessions of a deactivated person, who can no longer sign in', async () => {
    const agent = await nouveauClient().connecter(DEMO.agentAix);
    const coordination = await nouveauClient().connecter(DEMO.coordination);
    const id = await utilisateurNomme(ctx, DEMO.agentAix);
    expect((await coordination.post(`/admin/utilisateurs/${id}/desactiver`)).statusCode).toBe(303);
    expect((await agent.get('/tableau-de-bord')).statusCode).toBe(303);
    const r = await nouveauClient().post('/connexion', { courriel: DEMO.agentAix, motDePasse: MOT_DE_PASSE });
    expect(r.statusCode).toBe(422);
    expect((await coordination.post(`/admin/utilisateurs/${id}/reactiver`)).statusCode).toBe(303);
  });
});

describe('no account enumeration', () => {
  it('answers a wrong password and an unknown email the same way', async () => {
    const a = await nouveauClient().post('/connexion', {
      courriel: DEMO.gestionAgen,
      motDePasse: 'mauvais mot de passe',
    });
    const b = await nouveauClient().post('/connexion', {
      courriel: 'inconnu@exemple.fr',
      motDePasse: 'mauvais mot de passe',
    });
    expect(a.statusCode).toBe(422);
    expect(b.statusCode).toBe(422);
    const message = (html: string) =>
      html.match(/<div class="fr-alert fr-alert--error[^"]*" role="alert"><p>([^<]+)<\/p>/)?.[1];
    expect(message(a.body)).toBe('Adresse électronique ou mot de passe incorrect.');
    expect(message(b.body)).toBe(message(a.body));
  });

  it('answers a reset request the same way for an existing and an unknown email', async () => {
    const a = await nouveauClient().post('/mot-de-passe-oublie', { courriel: DEMO.gestionAgen });
    const b = await nouveauClient().post('/mot-de-passe-oublie', { courriel: 'inconnu@exemple.fr' });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const texte = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(texte(a.body)).toBe(texte(b.body));
    expect(a.body).toContain('Si un compte actif existe pour cette adresse');
  });
});

describe('sign-in throttling', () => {
  it('blocks an account after 5 failures in 15 minutes, even with the right password, with a French message', async () => {
    const c = nouveauClient();
    for (let i = 0; i < 5; i++) {
      expect((await c.post('/connexion', { courriel: DEMO.referentCaf, motDePasse: `essai ${i}` })).statusCode).toBe(
        422,
      );
    }
    const r = await c.post('/connexion', { courriel: DEMO.referentCaf, motDePasse: MOT_DE_PASSE });
    expect(r.statusCode).toBe(429);
    expect(r.body).toContain('Trop de tentatives de connexion');
    // From another IP too: the limit is on the account.
    expect(
      (await nouveauClient().post('/connexion', { courriel: DEMO.referentCaf, motDePasse: MOT_DE_PASSE })).statusCode,
    ).toBe(429);
    // Another account is not affected.
    expect((await c.post('/connexion', { courriel: DEMO.gestionAgen, motDePasse: MOT_DE_PASSE })).statusCode).toBe(303);
    // Once the window has passed, the account works again.
    await ctx.sql(`update tentatives_connexion set le = now() - interval '16 minutes'`);
    expect(
      (await nouveauClient().post('/connexion', { courriel: DEMO.referentCaf, motDePasse: MOT_DE_PASSE })).statusCode,
    ).toBe(303);
  });

  it('blocks an IP after 30 failures, whatever the accounts tried', async () => {
    const c = nouveauClient();
    for (let i = 0; i < 30; i++) {
      await c.post('/connexion', { courriel: `essai${i}@exemple.fr`, motDePasse: 'x' });
    }
    const r = await c.post('/connexion', { courriel: DEMO.admin, motDePasse: MOT_DE_PASSE });
    expect(r.statusCode).toBe(429);
    expect(
      (await nouveauClient().post('/connexion', { courriel: DEMO.admin, motDePasse: MOT_DE_PASSE })).statusCode,
    ).toBe(303);
  });
});

describe('password reset and invitation', () => {
  it('resets a password with a one-time link, closes open sessions, and the link works once', async () => {
    const session = await nouveauClient().connecter(DEMO.gestionAgen);
    const c = nouveauClient();
    await c.post('/mot-de-passe-oublie', { courriel: DEMO.gestionAgen });
    const lien = await dernierLien(DEMO.gestionAgen);
    const page = await c.get(lien);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Choisir un mot de passe');
    const jeton = new URL(lien, 'http://x').searchParams.get('jeton') as string;
    const r = await c.post('/mot-de-passe/nouveau', {
      jeton,
      motDePasse: 'un nouveau mot de passe solide',
      confirmation: 'un nouveau mot de passe solide',
    });
    expect(r.statusCode).toBe(303);
    expect((await session.get('/tableau-de-bord')).statusCode).toBe(303);
    expect(
      (await nouveauClient().post('/connexion', { courriel: DEMO.gestionAgen, motDePasse: MOT_DE_PASSE })).statusCode,
    ).toBe(422);
    await nouveauClient().connecter(DEMO.gestionAgen, 'un nouveau mot de passe solide');
    const encore = await c.post('/mot-de-passe/nouveau', {
      jeton,
      motDePasse: 'encore un autre mot de passe',
      confirmation: 'encore un autre mot de passe',
    });
    expect(encore.statusCode).toBe(410);
    expect(encore.body).toContain('Ce lien n’est plus valable');
  });

  it('refuses an expired link', async () => {
    await nouveauClient().post('/mot-de-passe-oublie', { courriel: DEMO.agentSceaux });
    const lien = await dernierLien(DEMO.agentSceaux);
    await ctx.sql(`update jetons set expire_le = now() - interval '1 minute'`);
    expect((await nouveauClient().get(lien)).statusCode).toBe(410);
  });

  it('invites a new person by email; they choose a password and can sign in with the role given', async () => {
    const gestion = await nouveauClient().connecter(DEMO.gestionSceaux);
    const sceaux = (
      await ctx.sql<{ id: string }>(`select id from structures where nom = 'France services de Sceaux'`)
    )[0]?.id as string;
    const r = await gestion.post('/admin/utilisateurs', {
      prenom: 'Inès',
      nom: 'Garcia',
      courriel: 'ines.garcia@exemple.fr',
      role: 'agent',
      structureId: sceaux,
    });
    expect(r.statusCode).toBe(303);
    const lien = await dernierLien('ines.garcia@exemple.fr');
    const c = nouveauClient();
    await c.get(lien);
    const jeton = new URL(lien, 'http://x').searchParams.get('jeton') as string;
    expect(
      (
        await c.post('/mot-de-passe/nouveau', {
          jeton,
          motDePasse: 'ma phrase de passe secrète',
          confirmation: 'ma phrase de passe secrète',
        })
      ).statusCode,
    ).toBe(303);
    const ines = await nouveauClient().connecter('ines.garcia@exemple.fr', 'ma phrase de passe secrète');
    const liste = await ines.get('/admin/sites');
    expect(liste.statusCode).toBe(200);
    expect(liste.body).toContain('France services de Sceaux');
    expect(liste.body).not.toContain('Maison du Plateau');
  });
});

describe('CSRF', () => {
  it('refuses a form post without the token, or with the token of another browser', async () => {
    const c = await nouveauClient().connecter(DEMO.admin);
    const autre = await nouveauClient().connecter(DEMO.admin);
    const champs = { nom: 'Structure CSRF', departement: '92', porteur: 'commune' };
    const sans = await c.post('/admin/structures', champs, { jeton: false });
    expect(sans.statusCode).toBe(403);
    expect(sans.body).toContain('Le formulaire a expiré');
    const jetonAutre = (await autre.get('/admin/structures/nouvelle')).body.match(
      /name="_csrf" value="([^"]+)"/,
    )?.[1] as string;
    expect((await c.post('/admin/structures', champs, { jeton: jetonAutre })).statusCode).toBe(403);
    expect(await ctx.sql(`select 1 from structures where nom = 'Structure CSRF'`)).toHaveLength(0);
    expect(
      (await nouveauClient().post('/connexion', { courriel: DEMO.admin, motDePasse: MOT_DE_PASSE }, { jeton: false }))
        .statusCode,
    ).toBe(403);
  });
});

describe('HTTP hardening', () => {
  it('sends a strict Content-Security-Policy and the usual security headers', async () => {
    const r = await nouveauClient().get('/connexion');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-request-id']).toBeTruthy();
  });

  it('serves the DSFR assets compressed', async () => {
    const r = await ctx.app.inject({
      method: 'GET',
      url: '/dsfr/dsfr.min.css',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
  });

  it('answers unknown pages with the DSFR 404 page, in French', async () => {
    const r = await nouveauClient().get('/nulle-part');
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('Page non trouvée');
    expect(r.body).toContain('<html lang="fr"');
  });

  it('answers a malformed id with 404, not a database error', async () => {
    const c = await nouveauClient().connecter(DEMO.admin);
    expect((await c.get('/admin/structures/pas-un-uuid')).statusCode).toBe(404);
  });

  it('keeps personal data out of the logs, which carry a request id', async () => {
    const c = nouveauClient();
    await c.post('/connexion', { courriel: 'secret.personne@exemple.fr', motDePasse: 'mot-de-passe-tres-secret' });
    await c.post('/mot-de-passe-oublie', { courriel: DEMO.gestionSceaux });
    const lien = await dernierLien(DEMO.gestionSceaux);
    await c.get(lien);
    const jeton = new URL(lien, 'http://x').searchParams.get('jeton') as string;
    const tout = journal.join('\n');
    expect(tout).not.toContain('secret.personne@exemple.fr');
    expect(tout).not.toContain('mot-de-passe-tres-secret');
    expect(tout).not.toContain(DEMO.gestionSceaux);
    expect(tout).not.toContain(jeton);
    expect(tout).not.toContain('guichet_session=');
    const lignes = journal.map((l) => JSON.parse(l) as { reqId?: string; req?: { url: string } });
    expect(lignes.some((l) => l.reqId && l.req?.url === '/mot-de-passe/nouveau')).toBe(true);
  });
});

describe('housekeeping', () => {
  it('purges expired sessions and attempts too old to count, keeping live ones', async () => {
    const { appliquerRetention } = await import('../../src/app/retention.ts');
    const vivant = await nouveauClient().connecter(DEMO.coordination);
    await ctx.sql(
      `insert into sessions (id, utilisateur_id, expire_le) select 'perimee-' || id, id, now() - interval '1 minute' from utilisateurs limit 1`,
    );
    await ctx.sql(
      `insert into tentatives_connexion (cle, le) values ('ip:ancienne', now() - interval '2 hours'), ('ip:recente', now())`,
    );
    await appliquerRetention(ctx.database.db);
    expect(await ctx.sql(`select 1 from sessions where id like 'perimee-%'`)).toHaveLength(0);
    expect(await ctx.sql(`select cle from tentatives_connexion where cle in ('ip:ancienne', 'ip:recente')`)).toEqual([
      { cle: 'ip:recente' },
    ]);
    expect((await vivant.get('/tableau-de-bord')).statusCode).toBe(200);
  });
});
