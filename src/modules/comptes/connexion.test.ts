import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Contexte, DEMO, demarrerApp } from '../../../test/harnais.ts';

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

describe('sign-in', () => {
  it('signs in a demo account, shows the dashboard and rotates the session id', async () => {
    const c = new Client(ctx.app);
    await c.get('/connexion');
    // A manager: the password alone (the admin's second factor is tested in test/connexion/totp.test.ts).
    const r = await c.post('/connexion', { courriel: DEMO.gestionSceaux, motDePasse: 'guichet-demo-2026' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/tableau-de-bord');
    const page = await c.get('/tableau-de-bord');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bonjour Claire');
  });
});
