import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utilisateurNomme } from '../fabriques.ts';
import { Client, type Contexte, DEMO, demarrerApp, jetonCsrfDe, MOT_DE_PASSE } from '../harnais.ts';

let ctx: Contexte;
let base: string;
let ipSuivante = 1;
const nouveauClient = () => new Client(ctx.app, `203.0.113.${ipSuivante++}`);

beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
});
afterAll(() => ctx.fermer());

describe('what a signed-in person sees is never cached', () => {
  it('sends no-store on signed-in pages, exports and public pages seen signed in; not on anonymous public data', async () => {
    const c = await nouveauClient().connecter(DEMO.admin);
    const jour = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    for (const url of [
      '/admin/utilisateurs',
      '/tableau-de-bord',
      `/sollicitations/export?du=${jour}&au=${jour}&format=csv`,
      '/recherche?q=Sceaux',
      '/',
      '/page-inconnue',
    ]) {
      const r = await c.get(url);
      expect([url, r.headers['cache-control']]).toEqual([url, 'private, no-store']);
    }
    const connexion = await nouveauClient().post('/connexion', { courriel: DEMO.admin, motDePasse: MOT_DE_PASSE });
    expect(connexion.headers['cache-control']).toBe('private, no-store');

    await c.post('/deconnexion');
    expect((await c.get('/admin/utilisateurs')).statusCode).toBe(303);
    expect((await c.get('/recherche?q=Sceaux')).headers['cache-control'] ?? '').not.toContain('no-store');
    expect((await c.get('/donnees/france-services.csv')).headers['cache-control']).toBe('public, max-age=60');
  });
});

describe('session lifetime', () => {
  it('ends a session 12 hours after sign-in, however active the person', async () => {
    const c = await nouveauClient().connecter(DEMO.gestionSceaux);
    const id = await utilisateurNomme(ctx, DEMO.gestionSceaux);
    await ctx.sql(
      `update sessions set cree_le = now() - interval '11 hours 50 minutes', vu_le = now() - interval '2 minutes'
        where utilisateur_id = $1`,
      [id],
    );
    expect((await c.get('/tableau-de-bord')).statusCode).toBe(200);
    const [fin] = await ctx.sql<{ reste: number }>(
      `select extract(epoch from max(expire_le) - now())::int as reste from sessions where utilisateur_id = $1`,
      [id],
    );
    expect(fin?.reste).toBeLessThanOrEqual(10 * 60);

    await ctx.sql(
      `update sessions set cree_le = now() - interval '12 hours 1 minute', vu_le = now(), expire_le = now() + interval '7 hours'
        where utilisateur_id = $1`,
      [id],
    );
    const r = await c.get('/tableau-de-bord');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toContain('/connexion');
  });
});

describe('the return path after sign-in', () => {
  const VALEURS = [
    '%E2%9C%93',
    '/%E2%9C%93',
    '%ED%A0%80',
    '/%ED%A0%80',
    '/%ED%B0%80x',
    '%F0%9F%98%80',
    '/%F0%9F%98%80',
    '/lieux?q=%F0%9F%98%80#%E2%9C%93',
    `/${'%E2%9C%93'.repeat(700)}`,
    '/%09/evil.example',
    '/%5C%5Cevil.example',
  ];

  it.each(VALEURS.map((v) => [v.length > 40 ? `${v.slice(0, 40)}… (${v.length} characters)` : v, v]))(
    'retour=%s: never a 500, always a local path (GET and POST, over real HTTP)',
    async (_nom, valeur) => {
      const page = await fetch(`${base}/connexion?retour=${valeur}`);
      expect(page.status).toBe(200);
      const cookie = page.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const _csrf = jetonCsrfDe(await page.text());
      const corps = `courriel=${encodeURIComponent(DEMO.agentSceaux)}&motDePasse=${encodeURIComponent(MOT_DE_PASSE)}&_csrf=${encodeURIComponent(_csrf)}&retour=${valeur}`;
      const r = await fetch(`${base}/connexion`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: corps,
      });
      expect(r.status).toBe(303);
      const location = r.headers.get('location') ?? '';
      expect(location).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
      expect(new URL(location, 'http://guichet.test').origin).toBe('http://guichet.test');
    },
  );

  it('keeps a same-site return path, percent-encoded', async () => {
    const c = nouveauClient();
    await c.get('/connexion');
    const r = await c.post('/connexion', {
      courriel: DEMO.agentSceaux,
      motDePasse: MOT_DE_PASSE,
      retour: '/recherche?q=Saint-Étienne ✓',
    });
    expect(r.headers.location).toBe('/recherche?q=Saint-%C3%89tienne%20%E2%9C%93');
  });
});
