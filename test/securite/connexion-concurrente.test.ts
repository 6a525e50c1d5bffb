import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { utilisateurNomme } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp, jetonCsrfDe, MOT_DE_PASSE } from '../harnais.ts';

// Every argon2 verification the server runs is counted: the throttle must stop them, not only the answers.
const verifications = vi.hoisted(() => ({ n: 0 }));
vi.mock('@node-rs/argon2', async (original) => {
  const argon2 = await original<typeof import('@node-rs/argon2')>();
  return {
    ...argon2,
    verify: (...args: Parameters<typeof argon2.verify>) => {
      verifications.n++;
      return argon2.verify(...args);
    },
  };
});

let ctx: Contexte;
let base: string;
beforeAll(async () => {
  ctx = await demarrerApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
});
afterAll(() => ctx.fermer());

describe('sign-in throttling under concurrency', () => {
  it('60 simultaneous attempts on one account (59 wrong, the right one last): at most 5 password checks, the right one refused', async () => {
    // One browser: its CSRF cookie and the token of the sign-in form, as every request of the burst carries them.
    const page = await fetch(`${base}/connexion`);
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const _csrf = jetonCsrfDe(await page.text());
    const essai = (motDePasse: string) =>
      fetch(`${base}/connexion`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ courriel: DEMO.gestionAgen, motDePasse, _csrf }).toString(),
      }).then(async (r) => ({ status: r.status, corps: await r.text() }));

    verifications.n = 0;
    const mauvais = Array.from({ length: 59 }, (_, i) => essai(`mauvais mot de passe ${i}`));
    const bon = essai(MOT_DE_PASSE);
    const reponses = await Promise.all([...mauvais, bon]);

    const juste = await bon;
    expect(juste.status).toBe(429);
    expect(juste.corps).toContain('Trop de tentatives de connexion');
    const statuts = reponses.map((r) => r.status);
    expect(statuts.filter((s) => s === 422).length).toBeLessThanOrEqual(5);
    expect(statuts.filter((s) => s !== 422 && s !== 429)).toEqual([]);
    expect(verifications.n).toBeGreaterThanOrEqual(statuts.filter((s) => s === 422).length);
    expect(verifications.n).toBeLessThanOrEqual(5);
    const id = await utilisateurNomme(ctx, DEMO.gestionAgen);
    expect(await ctx.sql('select 1 from sessions where utilisateur_id = $1', [id])).toHaveLength(0);
  });
});
