import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { construireApp } from '../../src/app/app.ts';
import { connect, type Database } from '../../src/platform/db/client.ts';
import { arreterTaches, attendreTaches } from '../../src/platform/jobs/index.ts';
import { Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// An upload import survives a restart: the server that ran it dies in the middle (simulated: its job is left active
// and its run half done), another server starts on the same database and either resumes the import or, when its
// attempts are spent, ends it as failed with a French message. Never silently lost.

const extrait = readFileSync('data/france-services-2022-12-01.csv', 'utf8').split('\n').slice(0, 31).join('\n');
const JOB = 'imports.liste-nationale';

let ctx: Contexte;
let relance: { database: Database; app: FastifyInstance } | undefined;

beforeAll(async () => {
  ctx = await demarrerApp();
  // The first server serves pages but its workers are gone: what it enqueues is left to the server started later.
  await arreterTaches(ctx.database.db);
});
afterAll(async () => {
  await relance?.app.close();
  await relance?.database.close();
  await ctx.fermer();
});

async function televerser(): Promise<string> {
  const client = await clientConnecte(ctx.app, DEMO.admin);
  const page = await client.get('/admin/imports');
  const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const f = '----frontiere';
  const corps =
    `--${f}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
    `--${f}\r\nContent-Disposition: form-data; name="fichier"; filename="liste.csv"\r\nContent-Type: text/csv\r\n\r\n${extrait}\r\n--${f}--\r\n`;
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  const r = await ctx.app.inject({
    method: 'POST',
    url: '/admin/imports',
    payload: corps,
    headers: { 'content-type': `multipart/form-data; boundary=${f}`, cookie },
  });
  expect(r.statusCode).toBe(303);
  return String(r.headers.location);
}

/** The state a `kill -9` in the middle of the run leaves: the job active since long ago, the run half done. */
async function mourirEnCours(tentativesEpuisees: boolean) {
  await ctx.sql(
    `update pgboss.job set state = 'active', started_on = now() - interval '2 hours',
       retry_count = case when $2 then retry_limit else 0 end
     where name = $1 and state = 'created'`,
    [JOB, tentativesEpuisees],
  );
  await ctx.sql(`update imports_liste set etat = 'en_cours', tentatives = 1, faites = 10, total = 30
                 where etat = 'en_attente'`);
}

/** Another guichet started on the same database (its workers run). */
async function redemarrer() {
  await relance?.app.close();
  await relance?.database.close();
  const database = connect(ctx.url, { max: 5 });
  const app = await construireApp({ db: database.db, pool: database.pool, config: ctx.config });
  relance = { database, app };
  await attendreTaches(database.db, { noms: [JOB, `${JOB}.echec`], delaiMs: 30_000 });
  return app;
}

describe('an upload import across a restart', () => {
  it('is resumed by the next server and finishes with its full report', async () => {
    const suivi = await televerser();
    const avant = await (await clientConnecte(ctx.app, DEMO.admin)).get(suivi);
    expect(avant.body).toContain('Import en attente');
    await mourirEnCours(false);
    const app = await redemarrer();
    const page = await new Client(app).connecter(DEMO.admin).then((c) => c.get(suivi));
    expect(page.body).toContain('Import terminé');
    expect(page.body).toMatch(/30 lignes lues : 30 sites créés, 0 mis à jour/);
    const [run] = await ctx.sql<{ tentatives: number; contenu: Buffer | null }>(
      'select tentatives, contenu from imports_liste',
    );
    expect(run).toEqual({ tentatives: 2, contenu: null });
  }, 60_000);

  it('ends as failed, with a French message, when its last attempt dies too', async () => {
    await arreterTaches(relance?.database.db ?? ctx.database.db);
    const suivi = await televerser();
    await mourirEnCours(true);
    const app = await redemarrer();
    const page = await new Client(app).connecter(DEMO.admin).then((c) => c.get(suivi));
    expect(page.body).toContain('L’import a échoué');
    expect(page.body).toContain('L’import a été interrompu par un arrêt du serveur et n’a pas pu reprendre');
    expect(page.body).not.toContain('http-equiv="refresh"');
    const liste = await new Client(app).connecter(DEMO.admin).then((c) => c.get('/admin/imports'));
    expect(liste.body).toMatch(/– échec/);
    expect(liste.body).toMatch(/– terminé/);
  }, 60_000);
});
