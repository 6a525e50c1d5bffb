import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITES_PROCONNECT_DEMO, IDP_LOCAL } from '../../src/demo/proconnect.ts';
import { USAGE_ID_TOKEN } from '../../src/modules/comptes/proconnect-service.ts';
import { COOKIE_FLUX, encoderFlux } from '../../src/modules/comptes/routes-proconnect.tsx';
import { dechiffrer } from '../../src/platform/auth/chiffrement.ts';
import {
  type CompteFournisseurLocal,
  demarrerFournisseurLocal,
  type FournisseurLocal,
} from '../../src/platform/oidc/fournisseur-local.ts';
import { creerUtilisateur, structureNommee, utilisateurNomme } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp } from '../harnais.ts';

// ProConnect sign-in (issue 15, ADR 0032) against a real local OpenID provider (oidc-provider) on its own port, with
// guichet listening on real HTTP: the browser's redirects are followed by hand with fetch.

const CLIENT = { id: 'guichet-test', secret: 'secret-du-client-guichet-de-test-0123456789' };
const INVITE = 'nouvelle.agente@exemple.gouv.fr';
const identite = (email: string, sub: string): CompteFournisseurLocal => ({
  sub,
  email,
  given_name: 'Nora',
  usual_name: 'Invitée',
  uid: sub,
  siret: '21920071000013',
  idp_id: IDP_LOCAL,
});
const sub = (courriel: string) => IDENTITES_PROCONNECT_DEMO.find((i) => i.email === courriel)?.sub as string;

let ctx: Contexte;
let fournisseur: FournisseurLocal;
let base: string;

async function portLibre(): Promise<number> {
  const serveur = createServer();
  await new Promise<void>((ok) => serveur.listen(0, '127.0.0.1', ok));
  const { port } = serveur.address() as { port: number };
  await new Promise((ok) => serveur.close(ok));
  return port;
}

/** A browser without JavaScript: one cookie jar per host, redirects followed by hand. */
class Navigateur {
  readonly bocaux = new Map<string, Map<string, string>>();

  bocal(url: string) {
    const hote = new URL(url).host;
    if (!this.bocaux.has(hote)) this.bocaux.set(hote, new Map());
    return this.bocaux.get(hote) as Map<string, string>;
  }

  private async envoyer(url: string, init: RequestInit = {}) {
    const bocal = this.bocal(url);
    const cookie = [...bocal].map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const ligne of r.headers.getSetCookie()) {
      const [paire = '', ...attributs] = ligne.split(';');
      const i = paire.indexOf('=');
      const nom = paire.slice(0, i).trim();
      const valeur = paire.slice(i + 1).trim();
      const expire = attributs.some((a) => /max-age=0\b/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (!valeur || expire) bocal.delete(nom);
      else bocal.set(nom, valeur);
    }
    return r;
  }

  get(url: string) {
    return this.envoyer(url);
  }

  post(url: string, champs: Record<string, string>) {
    return this.envoyer(url, {
      method: 'POST',
      body: new URLSearchParams(champs).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Follows redirects until a page, or until the address guichet's callback would be called with (returned as is). */
  async suivre(url: string): Promise<{ url: string; reponse: Response | null }> {
    let courante = url;
    for (let i = 0; i < 10; i++) {
      if (courante.startsWith(`${base}/connexion/proconnect/retour`)) return { url: courante, reponse: null };
      const r = await this.get(courante);
      const location = r.headers.get('location');
      if (r.status < 300 || r.status >= 400 || !location) return { url: courante, reponse: r };
      courante = new URL(location, courante).href;
    }
    throw new Error('too many redirects');
  }

  /** From guichet's button to the address of guichet's callback, choosing an identity at the provider. */
  async jusquAuRetour(subChoisi: string, depart = `${base}/connexion/proconnect`): Promise<string> {
    const page = await this.suivre(depart);
    expect(page.url).toContain('/interaction/');
    const r = await this.post(page.url, { sub: subChoisi });
    expect(r.status).toBe(303);
    const retour = await this.suivre(new URL(r.headers.get('location') as string, page.url).href);
    expect(retour.reponse).toBeNull();
    return retour.url;
  }

  async seConnecter(subChoisi: string) {
    return this.get(await this.jusquAuRetour(subChoisi));
  }
}

const texte = async (r: Response) => (await r.text()).replace(/\s+/g, ' ');

beforeAll(async () => {
  const port = await portLibre();
  base = `http://127.0.0.1:${port}`;
  fournisseur = await demarrerFournisseurLocal({
    port: 0,
    client: {
      ...CLIENT,
      redirectUris: [`${base}/connexion/proconnect/retour`],
      postLogoutRedirectUris: [`${base}/deconnexion/proconnect`],
    },
    comptes: [...IDENTITES_PROCONNECT_DEMO, identite(INVITE, 'invitee-1'), identite(INVITE, 'invitee-2')],
  });
  ctx = await demarrerApp({
    PUBLIC_URL: base,
    PROCONNECT_ISSUER: fournisseur.issuer,
    PROCONNECT_CLIENT_ID: CLIENT.id,
    PROCONNECT_CLIENT_SECRET: CLIENT.secret,
  });
  await ctx.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await ctx?.fermer();
  await fournisseur?.fermer();
});

describe('ProConnect sign-in', () => {
  it('offers the DSFR ProConnect button on the sign-in page', async () => {
    const html = await texte(await new Navigateur().get(`${base}/connexion`));
    expect(html).toContain('class="fr-connect fr-connect--pro"');
    expect(html).toContain('S’identifier avec</span> <span class="fr-connect__brand">ProConnect');
    expect(html).toContain('Qu’est-ce que ProConnect ?');
  });

  it('asks ProConnect for the documented scopes and claims, with PKCE, state and nonce', async () => {
    const r = await new Navigateur().get(`${base}/connexion/proconnect`);
    expect(r.status).toBe(303);
    const url = new URL(r.headers.get('location') as string);
    expect(url.origin).toBe(fournisseur.issuer);
    expect(url.searchParams.get('scope')).toBe('openid email given_name usual_name uid siret idp_id');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(url.searchParams.get('nonce')?.length).toBeGreaterThanOrEqual(32);
    expect(JSON.parse(url.searchParams.get('claims') as string)).toMatchObject({ id_token: { acr: null, amr: null } });
    expect(r.headers.getSetCookie().join()).toMatch(/guichet_proconnect=.*HttpOnly/i);
  });

  it('signs a linked demo account in: a ProConnect session with its ID token, ending 12 hours after', async () => {
    const nav = new Navigateur();
    const r = await nav.seConnecter(sub(DEMO.admin));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/tableau-de-bord');
    const tableau = await nav.get(`${base}/tableau-de-bord`);
    expect(tableau.status).toBe(200);
    expect(await texte(tableau)).toContain('Anne Martin');
    const [s] = await ctx.sql<{ id: string; methode: string; id_token: string | null; heures: number }>(
      `select s.id, s.methode, s.id_token, extract(epoch from s.expire_le - s.cree_le) / 3600 as heures
       from sessions s join utilisateurs u on u.id = s.utilisateur_id where u.courriel = $1
       order by s.vu_le desc limit 1`,
      [DEMO.admin],
    );
    expect(s?.methode).toBe('proconnect');
    // The ID token is kept encrypted, bound to its session: nothing of the JWT in clear.
    expect(s?.id_token).toMatch(/^v1\./);
    const jwt = dechiffrer(ctx.config.sessionSecret, USAGE_ID_TOKEN, s?.id_token as string, s?.id);
    expect(jwt?.split('.')).toHaveLength(3);
    expect(s?.id_token).not.toContain(jwt?.split('.')[1]);
    expect(Number(s?.heures)).toBeLessThanOrEqual(12);
    // 12 hours after the ProConnect authentication, the session is over, however active the person.
    await ctx.sql(`update sessions set cree_le = now() - interval '12 hours 1 minute' where id = $1`, [s?.id]);
    const apres = await nav.get(`${base}/tableau-de-bord`);
    expect(apres.status).toBe(303);
    expect(apres.headers.get('location')).toContain('/connexion');
  });

  it('links the first ProConnect sign-in of an invited person to their invitation, once', async () => {
    const structure = await structureNommee(ctx, 'France services de Sceaux');
    const { id } = await creerUtilisateur(ctx, structure);
    await ctx.sql(`update utilisateurs set courriel = $2 where id = $1`, [id, INVITE]);
    await ctx.sql(
      `insert into jetons (utilisateur_id, empreinte, objet, expire_le)
       values ($1, md5(random()::text) || md5(random()::text), 'invitation', now() + interval '7 days')`,
      [id],
    );
    const nav = new Navigateur();
    const r = await nav.seConnecter('invitee-1');
    expect(r.status).toBe(303);
    expect((await nav.get(`${base}/tableau-de-bord`)).status).toBe(200);
    expect(await ctx.sql(`select sub from identites_proconnect where utilisateur_id = $1`, [id])).toEqual([
      { sub: 'invitee-1' },
    ]);
    const [j] = await ctx.sql<{ utilise: boolean }>(
      `select utilise_le is not null as utilise from jetons where utilisateur_id = $1`,
      [id],
    );
    expect(j?.utilise).toBe(true);

    // Someone else with the same email, through another identity: no silent match on the email.
    const autre = await new Navigateur().seConnecter('invitee-2');
    expect(autre.status).toBe(403);
    expect(await texte(autre)).toContain('Aucun compte guichet n’est associé à cette identité ProConnect');
    expect(await ctx.sql(`select 1 from identites_proconnect where sub = 'invitee-2'`)).toEqual([]);
  });

  it('refuses an unknown person with a French message, creating nothing', async () => {
    const avant = await ctx.sql<{ n: number }>(`select count(*)::int as n from utilisateurs`);
    const r = await new Navigateur().seConnecter(sub('inconnu@exemple.gouv.fr'));
    expect(r.status).toBe(403);
    const html = await texte(r);
    expect(html).toContain('Aucun compte guichet n’est associé à cette identité ProConnect.');
    expect(html).toContain('Demandez une invitation à votre responsable');
    expect(r.headers.getSetCookie().join()).not.toContain('guichet_session=');
    expect(await ctx.sql(`select count(*)::int as n from utilisateurs`)).toEqual(avant);
    expect(await ctx.sql(`select 1 from utilisateurs where courriel = 'inconnu@exemple.gouv.fr'`)).toEqual([]);
    expect(
      await ctx.sql(`select 1 from identites_proconnect where sub = $1`, [sub('inconnu@exemple.gouv.fr')]),
    ).toEqual([]);
  });

  it('refuses a deactivated account', async () => {
    await ctx.sql(`update utilisateurs set actif = false where courriel = $1`, [DEMO.gestionAgen]);
    const r = await new Navigateur().seConnecter(sub(DEMO.gestionAgen));
    expect(r.status).toBe(403);
    expect(await texte(r)).toContain('Votre compte guichet est désactivé.');
    expect(r.headers.getSetCookie().join()).not.toContain('guichet_session=');
  });

  it('refuses a return whose state is not the one sent', async () => {
    const nav = new Navigateur();
    const retour = new URL(await nav.jusquAuRetour(sub(DEMO.agentSceaux)));
    retour.searchParams.set('state', 'x'.repeat(43));
    const r = await nav.get(retour.href);
    expect(r.status).toBe(400);
    expect(await texte(r)).toContain('Le retour de ProConnect n’a pas pu être vérifié');
    expect(r.headers.getSetCookie().join()).not.toContain('guichet_session=');
  });

  it('refuses a return without the flow cookie (another browser)', async () => {
    const retour = await new Navigateur().jusquAuRetour(sub(DEMO.agentSceaux));
    const r = await new Navigateur().get(retour);
    expect(r.status).toBe(400);
    expect(await texte(r)).toContain('Le retour de ProConnect n’a pas pu être vérifié');
  });

  it('refuses an ID token whose nonce is not the one kept', async () => {
    const nav = new Navigateur();
    const retour = await nav.jusquAuRetour(sub(DEMO.agentSceaux));
    const bocal = nav.bocal(base);
    const lu = ctx.app.unsignCookie(decodeURIComponent(bocal.get(COOKIE_FLUX) as string));
    const flux = JSON.parse(Buffer.from(lu.value as string, 'base64url').toString('utf8'));
    // A validly signed cookie, with another nonce: only the ID token's check can catch it.
    bocal.set(COOKIE_FLUX, encodeURIComponent(ctx.app.signCookie(encoderFlux({ ...flux, nonce: 'n'.repeat(43) }))));
    const r = await nav.get(retour);
    expect(r.status).toBe(400);
    expect(await texte(r)).toContain('ProConnect n’a pas pu confirmer votre identité');
    expect(r.headers.getSetCookie().join()).not.toContain('guichet_session=');
  });

  it('refuses an authorization code used twice', async () => {
    const nav = new Navigateur();
    const retour = await nav.jusquAuRetour(sub(DEMO.agentSceaux));
    const cookieFlux = nav.bocal(base).get(COOKIE_FLUX) as string;
    expect((await nav.get(retour)).status).toBe(303);
    const rejoue = new Navigateur();
    rejoue.bocal(base).set(COOKIE_FLUX, cookieFlux);
    const r = await rejoue.get(retour);
    expect(r.status).toBe(400);
    expect(await texte(r)).toContain('ProConnect n’a pas pu confirmer votre identité');
  });

  it('signs out through ProConnect’s end-session endpoint with the ID token, then lands on a French page', async () => {
    const nav = new Navigateur();
    expect((await nav.seConnecter(sub(DEMO.referentCaf))).status).toBe(303);
    const page = await texte(await nav.get(`${base}/tableau-de-bord`));
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    const [s] = await ctx.sql<{ id: string; id_token: string }>(
      `select s.id, s.id_token from sessions s join utilisateurs u on u.id = s.utilisateur_id where u.courriel = $1`,
      [DEMO.referentCaf],
    );
    const r = await nav.post(`${base}/deconnexion`, { _csrf: csrf });
    // A page that goes on to ProConnect (refresh and link): the form's CSP forbids a redirect to another site.
    expect(r.status).toBe(200);
    const suite = await texte(r);
    expect(suite).toContain('Votre session guichet est fermée');
    const href = suite.match(/<a class="fr-btn" href="([^"]+)">Continuer vers ProConnect/)?.[1] as string;
    expect(suite).toContain(`content="0;url=${href}"`);
    const fin = new URL(href.replaceAll('&amp;', '&'));
    expect(fin.origin).toBe(fournisseur.issuer);
    expect(fin.searchParams.get('id_token_hint')).toBe(
      dechiffrer(ctx.config.sessionSecret, USAGE_ID_TOKEN, s?.id_token as string, s?.id),
    );
    expect(fin.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect(fin.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/deconnexion/proconnect`);
    expect(fin.searchParams.get('state')).toBeTruthy();
    expect(
      await ctx.sql(`select 1 from sessions s join utilisateurs u on u.id = s.utilisateur_id where u.courriel = $1`, [
        DEMO.referentCaf,
      ]),
    ).toEqual([]);
    expect((await nav.get(`${base}/tableau-de-bord`)).status).toBe(303);

    // At the provider: its confirmation form, then back to guichet with the state.
    const confirmation = await nav.suivre(fin.href);
    const formulaire = (await (confirmation.reponse as Response).text()).match(
      /<form[^>]*action="([^"]+)"[^>]*>(.*?)<\/form>/s,
    );
    const champs: Record<string, string> = { logout: 'yes' };
    for (const m of (formulaire?.[2] ?? '').matchAll(/name="([^"]+)" value="([^"]*)"/g))
      champs[m[1] as string] = m[2] as string;
    const apres = await nav.post(new URL(formulaire?.[1] as string, fin).href, champs);
    const arrivee = await nav.suivre(new URL(apres.headers.get('location') as string, fin).href);
    expect(arrivee.url.startsWith(`${base}/deconnexion/proconnect?`)).toBe(true);
    const html = await texte(arrivee.reponse as Response);
    expect(html).toContain('Vous êtes déconnecté');
    expect(html).toContain('ainsi que votre session ProConnect');
  });

  it('lets a person signed in with their password link their account to ProConnect', async () => {
    const structure = await structureNommee(ctx, 'France services de Sceaux');
    const { id } = await creerUtilisateur(ctx, structure);
    await ctx.sql(
      `update utilisateurs set courriel = 'lien.pc@exemple.gouv.fr',
         mot_de_passe = (select mot_de_passe from utilisateurs where courriel = $2) where id = $1`,
      [id, DEMO.agentSceaux],
    );
    const nav = new Navigateur();
    const page = await texte(await nav.get(`${base}/connexion`));
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    const connexion = await nav.post(`${base}/connexion`, {
      _csrf: csrf,
      courriel: 'lien.pc@exemple.gouv.fr',
      motDePasse: 'guichet-demo-2026',
    });
    expect(connexion.status).toBe(303);
    const retour = await nav.jusquAuRetour('invitee-2', `${base}/compte/proconnect`);
    const r = await nav.get(retour);
    expect(r.status).toBe(303);
    expect(await ctx.sql(`select sub from identites_proconnect where utilisateur_id = $1`, [id])).toEqual([
      { sub: 'invitee-2' },
    ]);
    // From now on, ProConnect alone opens this account.
    const ailleurs = await new Navigateur().seConnecter('invitee-2');
    expect(ailleurs.status).toBe(303);
    expect(await utilisateurNomme(ctx, 'lien.pc@exemple.gouv.fr')).toBe(id);
  });
});

describe('without ProConnect configured', () => {
  it('shows no button and its routes answer 404', async () => {
    const sans = await demarrerApp();
    try {
      expect((await sans.app.inject({ url: '/connexion' })).body).not.toContain('ProConnect');
      for (const url of ['/connexion/proconnect', '/connexion/proconnect/retour', '/deconnexion/proconnect']) {
        expect((await sans.app.inject({ url })).statusCode).toBe(404);
      }
    } finally {
      await sans.fermer();
    }
  });
});
