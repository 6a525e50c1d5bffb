import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

/** The header and the first 30 rows of the real national list (no multi-line field in them). */
const extrait = readFileSync('data/france-services-2022-12-01.csv', 'utf8').split('\n').slice(0, 31).join('\n');

function multipart(champs: Record<string, string>, fichier?: { nom: string; contenu: string }) {
  const frontiere = '----guichet-test-frontiere';
  const parties = Object.entries(champs).map(
    ([k, v]) => `--${frontiere}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  if (fichier) {
    parties.push(
      `--${frontiere}\r\nContent-Disposition: form-data; name="fichier"; filename="${fichier.nom}"\r\nContent-Type: text/csv\r\n\r\n${fichier.contenu}\r\n`,
    );
  }
  return { payload: `${parties.join('')}--${frontiere}--\r\n`, type: `multipart/form-data; boundary=${frontiere}` };
}

async function televerser(courriel: string, fichier?: { nom: string; contenu: string }, jeton = true) {
  const client = await clientConnecte(ctx.app, courriel);
  const page = await client.get('/admin/imports');
  const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const corps = multipart(jeton ? { _csrf: csrf } : {}, fichier);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  const r = await ctx.app.inject({
    method: 'POST',
    url: '/admin/imports',
    payload: corps.payload,
    headers: { 'content-type': corps.type, cookie },
  });
  return { r, client, page };
}

describe('upload of the national list', () => {
  it('imports an uploaded file in the background, shows progress then the same report', async () => {
    const { r, client } = await televerser(DEMO.admin, { nom: 'liste.csv', contenu: extrait });
    expect(r.statusCode).toBe(303);
    const suivi = String(r.headers.location);
    expect(suivi).toMatch(/^\/admin\/imports\/[0-9a-f-]{36}$/);
    let page = await client.get(suivi);
    for (let i = 0; i < 50 && page.body.includes('Import en '); i++) {
      expect(page.body).toContain('http-equiv="refresh"');
      await new Promise((res) => setTimeout(res, 100));
      page = await client.get(suivi);
    }
    expect(page.body).toContain('Import terminé');
    expect(page.body).toMatch(/30 lignes lues : 30 sites créés, 0 mis à jour/);
    expect(page.body).not.toContain('http-equiv="refresh"');
    const [{ n } = { n: 0 }] = await ctx.sql<{ n: number }>(
      'select count(*)::int as n from sites where id_fs is not null',
    );
    expect(n).toBe(33); // the 30 rows, and the demo's 3 sites that carry their id_fs (Sceaux, Agen, Rouen)
  });

  it('asks for a file, in French, when none is sent, and writes nothing', async () => {
    const { r } = await televerser(DEMO.admin);
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Choisissez le fichier CSV à importer');
  });

  it('refuses the upload without the form token', async () => {
    const { r } = await televerser(DEMO.admin, { nom: 'liste.csv', contenu: extrait }, false);
    expect(r.statusCode).toBe(403);
  });

  it('is reserved to the national administration', async () => {
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    expect((await coordination.get('/admin/imports')).statusCode).toBe(403);
  });
});
