import type { AddressInfo } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiffrerSecret } from '../../src/modules/comptes/totp.ts';
import { structureNommee, utilisateurNomme } from '../fabriques.ts';
import {
  avecCodeTotp,
  Client,
  type Contexte,
  DEMO,
  demarrerApp,
  jetonCsrfDe,
  MOT_DE_PASSE,
  secretTotpAffiche,
} from '../harnais.ts';

// The TOTP second factor of password accounts (issue 15 point 3, ADR 0032), through HTTP on the real database.

let ctx: Contexte;
let base: string;
beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
});
afterAll(() => ctx.fermer());

const COOKIE = 'guichet_session';
let ip = 10;
/** A client from its own address, so that the password's per-IP throttling of one test never touches another. */
const nouveauClient = (app = ctx.app) => new Client(app, `10.9.0.${ip++}`);

const code = (secret: string, decalage = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: Date.now() + decalage * 30_000,
  });
/** A 6-digit code that is none of the codes accepted now (the steps before, now and after). */
function mauvaisCode(secret: string): string {
  const bons = new Set([-1, 0, 1, 2].map((d) => code(secret, d)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!bons.has(c)) return c;
  }
}

/** A fresh password account (the demo password) with one role, and, given a secret, an active factor. */
async function personne(c: Contexte, role: 'agent' | 'coordinateur', secret?: string) {
  const courriel = `totp.${Math.random().toString(36).slice(2, 10)}@exemple.fr`;
  const [u] = await c.sql<{ id: string }>(
    `insert into utilisateurs (courriel, prenom, nom, mot_de_passe)
     select $1, 'Dominique', 'Deuxfacteurs', mot_de_passe from utilisateurs where courriel = $2 returning id`,
    [courriel, DEMO.admin],
  );
  const id = u?.id as string;
  if (role === 'agent')
    await c.sql(`insert into habilitations (utilisateur_id, role, structure_id) values ($1, 'agent', $2)`, [
      id,
      await structureNommee(c, 'France services de Sceaux'),
    ]);
  else
    await c.sql(`insert into habilitations (utilisateur_id, role, departements) values ($1, 'coordinateur', '{92}')`, [
      id,
    ]);
  if (secret)
    await c.sql(`insert into facteurs_totp (utilisateur_id, secret_chiffre, active_le) values ($1, $2, now())`, [
      id,
      chiffrerSecret(c.config.sessionSecret, id, secret),
    ]);
  return { id, courriel };
}

/** The password step: the client then holds a pending session. */
async function motDePasse(c: Client, courriel: string) {
  await c.get('/connexion');
  return c.post('/connexion', { courriel, motDePasse: MOT_DE_PASSE });
}

const sessionsDe = (id: string) =>
  ctx.sql<{ id: string; en_attente: boolean; cree_le: Date; expire_le: Date }>(
    'select id, second_facteur_en_attente as en_attente, cree_le, expire_le from sessions where utilisateur_id = $1',
    [id],
  );

const secretAffiche = secretTotpAffiche;
const codesSecoursAffiches = (html: string) =>
  [...html.matchAll(/<code>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})<\/code>/g)].map((m) => m[1] as string);

describe('sign-in with the second factor', () => {
  it('password then code: the pending session opens nothing else, the right code gives a new session id', async () => {
    const c = nouveauClient();
    const r = await motDePasse(c, DEMO.admin);
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/connexion/second-facteur?retour=%2Ftableau-de-bord');
    const enAttente = c.cookies.get(COOKIE);
    expect(enAttente).toBeTruthy();
    const admin = await utilisateurNomme(ctx, DEMO.admin);
    const [attente] = (await sessionsDe(admin)).filter((s) => s.en_attente);
    expect(attente).toBeDefined();

    // Nothing else opens: pages send to the sign-in page, form posts are refused, the cookie stays for the code page.
    for (const page of ['/tableau-de-bord', '/rapports', '/admin/utilisateurs', '/saisines', '/violations']) {
      const p = await c.get(page);
      expect(p.statusCode, page).toBe(303);
      expect(p.headers.location, page).toBe(`/connexion?retour=${encodeURIComponent(page)}`);
    }
    expect((await c.post('/admin/structures', { nom: 'Essai' })).statusCode).toBe(401);
    expect((await c.get('/compte/second-facteur')).headers.location).toBe(
      '/connexion/second-facteur?retour=%2Ftableau-de-bord',
    );
    expect(c.cookies.get(COOKIE)).toBe(enAttente);

    const page = await c.get('/connexion/second-facteur?retour=%2Ftableau-de-bord');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Validation en deux étapes');
    expect(page.body).toContain('autocomplete="one-time-code"');
    const fin = await avecCodeTotp(ctx.app, DEMO.admin, (code) =>
      c.post('/connexion/second-facteur', { code, retour: '/rapports' }),
    );
    expect(fin.statusCode).toBe(303);
    expect(fin.headers.location).toBe('/rapports');
    const nouveau = c.cookies.get(COOKIE);
    expect(nouveau).toBeTruthy();
    expect(nouveau).not.toBe(enAttente);
    const sessions = await sessionsDe(admin);
    expect(sessions.some((s) => s.id === attente?.id)).toBe(false);
    // The new session keeps the password step's start: the 12-hour lifetime counts from there.
    const pleine = sessions.find((s) => !s.en_attente && s.cree_le.getTime() === attente?.cree_le.getTime());
    expect(pleine).toBeDefined();
    expect((await c.get('/tableau-de-bord')).body).toContain('Bonjour Anne');

    // The pending cookie is dead.
    const ancien = nouveauClient();
    ancien.cookies.set(COOKIE, enAttente as string);
    expect((await ancien.get('/connexion/second-facteur')).headers.location).toBe('/connexion');
    expect((await ancien.get('/tableau-de-bord')).statusCode).toBe(303);
  });

  it('refuses a wrong code, a malformed one, and a code already used, in French', async () => {
    const secret = new Secret({ size: 20 }).base32;
    const p = await personne(ctx, 'coordinateur', secret);
    const c = nouveauClient();
    await motDePasse(c, p.courriel);
    await c.get('/connexion/second-facteur');
    const faux = await c.post('/connexion/second-facteur', { code: mauvaisCode(secret) });
    expect(faux.statusCode).toBe(422);
    expect(faux.body).toContain('Code incorrect');
    expect(faux.body).toContain('aria-describedby="code-messages"');
    const malforme = await c.post('/connexion/second-facteur', { code: '12ab' });
    expect(malforme.statusCode).toBe(422);
    expect(malforme.body).toContain('Saisissez 6 chiffres');
    const vide = await c.post('/connexion/second-facteur', {});
    expect(vide.statusCode).toBe(422);

    const juste = code(secret);
    expect((await c.post('/connexion/second-facteur', { code: juste })).statusCode).toBe(303);
    // Someone who saw the code and knows the password: the same code is refused, in the same step or the next.
    const autre = nouveauClient();
    await motDePasse(autre, p.courriel);
    await autre.get('/connexion/second-facteur');
    const rejoue = await autre.post('/connexion/second-facteur', { code: juste });
    expect(rejoue.statusCode).toBe(422);
    expect(rejoue.body).toContain('Ce code a déjà servi');
    expect((await autre.get('/tableau-de-bord')).statusCode).toBe(303);
  });

  it('stops after 5 wrong codes on a pending session: the session is dropped, even the right code is refused', async () => {
    const secret = new Secret({ size: 20 }).base32;
    const p = await personne(ctx, 'coordinateur', secret);
    const c = nouveauClient();
    await motDePasse(c, p.courriel);
    await c.get('/connexion/second-facteur');
    for (let i = 0; i < 5; i++)
      expect((await c.post('/connexion/second-facteur', { code: mauvaisCode(secret) })).statusCode).toBe(422);
    const bloque = await c.post('/connexion/second-facteur', { code: code(secret) });
    expect(bloque.statusCode).toBe(429);
    expect(bloque.body).toContain('Trop de codes incorrects');
    expect(c.cookies.has(COOKIE)).toBe(false);
    expect(await sessionsDe(p.id)).toEqual([]);
  });

  it('under concurrency: 30 simultaneous wrong codes on one pending session get at most 5 checks', async () => {
    const secret = new Secret({ size: 20 }).base32;
    const p = await personne(ctx, 'coordinateur', secret);
    const { cookie, _csrf } = await attenteParHttp(p.courriel);
    const reponses = await Promise.all(Array.from({ length: 30 }, () => essai(cookie, _csrf, mauvaisCode(secret))));
    const statuts = reponses.map((r) => r.status);
    expect(statuts.filter((s) => s === 422).length).toBeLessThanOrEqual(5);
    // Past the limit: refused (429) and the pending session dropped; later ones find it gone, and with it the session
    // their form token was bound to (403), or not yet (sent to the sign-in page, 303).
    expect(statuts.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuts.filter((s) => s !== 422 && s !== 429 && s !== 403 && s !== 303)).toEqual([]);
    // After the limit the right code opens nothing: the pending session is gone.
    const juste = await essai(cookie, _csrf, code(secret));
    expect(juste.status).toBe(403);
    expect(juste.corps).toContain('Le formulaire a expiré');
    expect((await sessionsDe(p.id)).filter((s) => !s.en_attente)).toEqual([]);
  });

  it('under concurrency: at most 10 wrong codes per account in 15 minutes, over several pending sessions', async () => {
    const secret = new Secret({ size: 20 }).base32;
    const p = await personne(ctx, 'coordinateur', secret);
    // Four pending sessions, signed in one after the other (concurrent sign-ins are the password's own test).
    const attentes: Awaited<ReturnType<typeof attenteParHttp>>[] = [];
    for (let i = 0; i < 4; i++) attentes.push(await attenteParHttp(p.courriel));
    const reponses = await Promise.all(
      attentes.flatMap(({ cookie, _csrf }) =>
        Array.from({ length: 5 }, () => essai(cookie, _csrf, mauvaisCode(secret))),
      ),
    );
    const statuts = reponses.map((r) => r.status);
    expect(statuts.filter((s) => s === 422).length).toBeLessThanOrEqual(10);
    // Past the account's limit: refused (429), each refusal dropping its pending session, whose other requests then
    // find it gone (403: their form token was bound to it; or 303 to the sign-in page).
    expect(statuts.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuts.filter((s) => s !== 422 && s !== 429 && s !== 403 && s !== 303)).toEqual([]);
    // A new pending session, the right code: still refused, the account's limit holds.
    const nouvelle = await attenteParHttp(p.courriel);
    const juste = await essai(nouvelle.cookie, nouvelle._csrf, code(secret));
    expect(juste.status).toBe(429);
    expect(juste.corps).toContain('Trop de codes incorrects');
    expect((await sessionsDe(p.id)).filter((s) => !s.en_attente)).toEqual([]);
  });
});

/** A pending session over real HTTP: its cookies and the code form's CSRF token. */
async function attenteParHttp(courriel: string) {
  const cookies = new Map<string, string>();
  const garder = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [paire] = c.split(';');
      const [nom, ...v] = (paire ?? '').split('=');
      if (nom) cookies.set(nom, v.join('='));
    }
  };
  const entete = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${base}/connexion`);
  garder(page);
  const connexion = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: entete(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ courriel, motDePasse: MOT_DE_PASSE, _csrf: jetonCsrfDe(await page.text()) }).toString(),
  });
  garder(connexion);
  expect(connexion.headers.get('location')).toMatch(/^\/connexion\/second-facteur/);
  const formulaire = await fetch(`${base}/connexion/second-facteur`, { headers: { cookie: entete() } });
  return { cookie: entete(), _csrf: jetonCsrfDe(await formulaire.text()) };
}

const essai = (cookie: string, _csrf: string, code: string) =>
  fetch(`${base}/connexion/second-facteur`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code, _csrf }).toString(),
  }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), corps: await r.text() }));

describe('enrolment and recovery codes', () => {
  it('enrols with a code computed from the shown secret, shows 10 recovery codes once, each good once', async () => {
    const p = await personne(ctx, 'agent');
    const c = await nouveauClient().connecter(p.courriel);
    const page = await c.get('/compte/second-facteur');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(page.body).toMatch(/id="cle-totp">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</);
    const secret = secretAffiche(page.body);
    const uri = page.body.match(/(otpauth:\/\/totp\/[^<"]+)/)?.[1]?.replaceAll('&amp;', '&') ?? '';
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    expect(Object.fromEntries(new URL(uri).searchParams)).toMatchObject({
      issuer: 'guichet',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    // The QR code carries the same URI (decoded by the SVG's own size: version and quiet zone, not its content).
    const svg = Buffer.from(page.body.match(/data:image\/svg\+xml;base64,([^"]+)/)?.[1] ?? '', 'base64').toString();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    // A wrong first code: the same secret is shown again.
    const faux = await c.post('/compte/second-facteur', { code: mauvaisCode(secret) });
    expect(faux.statusCode).toBe(422);
    expect(faux.body).toContain('Code incorrect');
    expect(secretAffiche(faux.body)).toBe(secret);

    const active = await c.post('/compte/second-facteur', { code: code(secret) });
    expect(active.statusCode).toBe(200);
    expect(active.body).toContain('Je les ai notés');
    const codes = codesSecoursAffiches(active.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const [facteur] = await ctx.sql<{ secret_chiffre: string; active_le: Date | null }>(
      'select secret_chiffre, active_le from facteurs_totp where utilisateur_id = $1',
      [p.id],
    );
    expect(facteur?.active_le).not.toBeNull();
    expect(facteur?.secret_chiffre).not.toContain(secret);
    const stockes = await ctx.sql<{ empreinte: string }>(
      'select empreinte from codes_secours where utilisateur_id = $1',
      [p.id],
    );
    expect(stockes).toHaveLength(10);
    for (const s of stockes) for (const k of codes) expect(s.empreinte).not.toContain(k.replaceAll('-', ''));
    // Shown once: the page now shows the active factor, not the codes.
    const ensuite = await c.get('/compte/second-facteur');
    expect(ensuite.body).toContain('Il vous reste 10 codes de secours');
    expect(codesSecoursAffiches(ensuite.body)).toEqual([]);

    // An agent with a factor is asked for it at sign-in; a recovery code works, typed loosely, once.
    const code1 = codes[0] as string;
    const d = nouveauClient();
    const r = await motDePasse(d, p.courriel);
    expect(r.headers.location).toMatch(/^\/connexion\/second-facteur/);
    await d.get('/connexion/second-facteur');
    const secours = await d.post('/connexion/second-facteur', {
      code: ` ${code1.toLowerCase().replaceAll('-', ' ')} `,
    });
    expect(secours.statusCode).toBe(303);
    const tableau = await d.get('/tableau-de-bord');
    expect(tableau.statusCode).toBe(200);
    expect(tableau.body).toContain('Il vous reste 9 codes de secours');
    const e = nouveauClient();
    await motDePasse(e, p.courriel);
    await e.get('/connexion/second-facteur');
    const encore = await e.post('/connexion/second-facteur', { code: code1 });
    expect(encore.statusCode).toBe(422);
    expect(encore.body).toContain('Code incorrect');

    // New recovery codes after a current code: the old ones stop working.
    await ctx.sql('update facteurs_totp set dernier_pas = null where utilisateur_id = $1', [p.id]);
    const faux2 = await c.post('/compte/second-facteur/codes-secours', { codeRegeneration: mauvaisCode(secret) });
    expect(faux2.statusCode).toBe(422);
    expect(faux2.body).toContain('aria-describedby="codeRegeneration-messages"');
    const nouveaux = await c.post('/compte/second-facteur/codes-secours', { codeRegeneration: code(secret) });
    expect(nouveaux.statusCode).toBe(200);
    const codes2 = codesSecoursAffiches(nouveaux.body);
    expect(codes2).toHaveLength(10);
    const f = nouveauClient();
    await motDePasse(f, p.courriel);
    await f.get('/connexion/second-facteur');
    expect((await f.post('/connexion/second-facteur', { code: codes[1] as string })).statusCode).toBe(422);
    expect((await f.post('/connexion/second-facteur', { code: codes2[0] as string })).statusCode).toBe(303);

    // Not required for an agent: disabled after a current code, and the password suffices again.
    await ctx.sql('update facteurs_totp set dernier_pas = null where utilisateur_id = $1', [p.id]);
    const desactive = await c.post('/compte/second-facteur/desactiver', { codeDesactivation: code(secret) });
    expect(desactive.statusCode).toBe(303);
    expect(await ctx.sql('select 1 from facteurs_totp where utilisateur_id = $1', [p.id])).toEqual([]);
    expect(await ctx.sql('select 1 from codes_secours where utilisateur_id = $1', [p.id])).toEqual([]);
    expect((await motDePasse(nouveauClient(), p.courriel)).headers.location).toBe('/tableau-de-bord');
  });

  it('refuses to disable the factor for a role that requires it', async () => {
    const c = await nouveauClient().connecter(DEMO.coordination);
    const page = await c.get('/compte/second-facteur');
    expect(page.body).toContain('obligatoire pour votre rôle');
    expect(page.body).not.toContain('/compte/second-facteur/desactiver');
    const r = await avecCodeTotp(ctx.app, DEMO.coordination, (code) =>
      c.post('/compte/second-facteur/desactiver', { codeDesactivation: code }),
    );
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain('obligatoire pour votre rôle');
    const id = await utilisateurNomme(ctx, DEMO.coordination);
    expect(
      await ctx.sql('select 1 from facteurs_totp where utilisateur_id = $1 and active_le is not null', [id]),
    ).toHaveLength(1);
  });

  it('sends a required role without a factor to enrolment, the only page its pending session opens', async () => {
    const p = await personne(ctx, 'coordinateur');
    const c = nouveauClient();
    const r = await motDePasse(c, p.courriel);
    expect(r.headers.location).toBe('/compte/second-facteur?retour=%2Ftableau-de-bord');
    const enAttente = c.cookies.get(COOKIE);
    expect((await c.get('/tableau-de-bord')).statusCode).toBe(303);
    expect((await c.get('/rapports')).headers.location).toBe('/connexion?retour=%2Frapports');
    expect((await c.get('/connexion/second-facteur')).headers.location).toBe(
      '/compte/second-facteur?retour=%2Ftableau-de-bord',
    );
    expect((await c.post('/compte/second-facteur/codes-secours', { codeRegeneration: '123456' })).statusCode).toBe(401);
    const page = await c.get('/compte/second-facteur');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Votre rôle impose la validation en deux étapes');
    const secret = secretAffiche(page.body);
    const active = await c.post('/compte/second-facteur', { code: code(secret), retour: '/rapports' });
    expect(active.statusCode).toBe(200);
    expect(codesSecoursAffiches(active.body)).toHaveLength(10);
    expect(active.body).toContain('href="/rapports"');
    const nouveau = c.cookies.get(COOKIE);
    expect(nouveau).not.toBe(enAttente);
    expect((await sessionsDe(p.id)).map((s) => s.en_attente)).toEqual([false]);
    expect((await c.get('/rapports')).statusCode).toBe(200);
  });

  it('SECOND_FACTEUR_ROLES adds roles that require the factor', async () => {
    const autre = await demarrerApp({ SECOND_FACTEUR_ROLES: 'agent,referent' });
    try {
      const c = new Client(autre.app, '10.9.1.1');
      const r = await motDePasse(c, DEMO.agentSceaux);
      expect(r.headers.location).toBe('/compte/second-facteur?retour=%2Ftableau-de-bord');
      // Without the setting the same agent signs in with the password alone.
      expect((await motDePasse(nouveauClient(), DEMO.agentSceaux)).headers.location).toBe('/tableau-de-bord');
    } finally {
      await autre.fermer();
    }
  });
});
