import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

const RACINE = new URL('../..', import.meta.url).pathname;
const TSX = join(RACINE, 'node_modules/.bin/tsx');

let ctx: Contexte;
let url: string;
let dossier: string;

beforeAll(async () => {
  ctx = await demarrerApp();
  const [{ base }] = (await ctx.sql<{ base: string }>('select current_database() as base')) as [{ base: string }];
  const u = new URL(inject('urlMaintenance'));
  u.pathname = `/${base}`;
  url = u.toString();
  dossier = mkdtempSync(join(tmpdir(), 'guichet-import-'));
  chmodSync(dossier, 0o755); // run as root, PostgreSQL runs as another user and must reach its data directory
});
afterAll(async () => {
  await ctx.fermer();
  rmSync(dossier, { recursive: true, force: true });
});

function lancer(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; sortie: string; erreurs: string }>((resolve) => {
    execFile(
      TSX,
      [script, ...args],
      { cwd: RACINE, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env } },
      (error, sortie, erreurs) => resolve({ code: error ? Number(error.code ?? 1) : 0, sortie, erreurs }),
    );
  });
}

const ENTETE =
  'id_fs,insee_dep,lib_fs,adresse,complement_adresse,insee_com,code_postal,lib_com,latitude,longitude,mail,telephone,h_lundi,h_mardi,h_mercredi,h_jeudi,h_vendredi,h_samedi,commentaire,itinerance,format_fs,groupe,labellisation';

describe('npm run import:france-services -- FILE', () => {
  it('prints the figures, then each rejected row with its line and id_fs, and exits 0', async () => {
    const fichier = join(dossier, 'liste.csv');
    writeFileSync(
      fichier,
      [
        ENTETE,
        '"998001","92","France services d’essai","1 rue de la Gare",,"92071","92330","Sceaux",48.77,2.29,"essai@example.fr","01 23 45 67 89","09:00 - 12:00 / 13:30 - 17:00",,,,,,,"Non","Site principal",,"Espace labellisé 01/01/2020"',
        '"998002","988","France services de Nouméa","2 rue de la Gare",,"98818","98800","Nouméa",-22.27,166.44,,,,,,,,,,"Non","Site principal",,"Espace labellisé 01/01/2020"',
        '',
      ].join('\n'),
    );
    const r = await lancer('src/cli/import-france-services.ts', [fichier], { DATABASE_URL: url });
    expect(r.erreurs).toBe('');
    expect(r.code).toBe(0);
    expect(r.sortie).toContain('2 lignes lues\n1 site créé\n0 site mis à jour\n1 ligne rejetée\n0 avertissement');
    expect(r.sortie).toContain(
      'ligne 3 (id_fs 998002) : département « 988 » : Nouvelle-Calédonie est une collectivité du Pacifique',
    );
    const [s] = await ctx.sql('select horaires from sites where id_fs = 998001');
    expect(s).toEqual({ horaires: 'Mo 09:00-12:00,13:30-17:00; PH off' });
  });

  it('exits 1 when the file cannot be read, or is not the national list', async () => {
    const absent = await lancer('src/cli/import-france-services.ts', [join(dossier, 'absent.csv')], {
      DATABASE_URL: url,
    });
    expect(absent.code).toBe(1);
    expect(absent.erreurs).toMatch(/^Impossible de lire .*absent\.csv : ENOENT/);

    const autre = join(dossier, 'autre.csv');
    writeFileSync(autre, 'nom,ville\nA,B\n');
    const r = await lancer('src/cli/import-france-services.ts', [autre], { DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.sortie).toContain('Fichier illisible : ce n’est pas la liste nationale des France services');
  });

  it('explains how to call it without a file', async () => {
    const r = await lancer('src/cli/import-france-services.ts', [], { DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.erreurs).toContain('Usage : npm run import:france-services -- data/france-services-2022-12-01.csv');
  });
});

describe('npm run import:tour -- FILE', () => {
  it('imports the Charente bus', async () => {
    const r = await lancer('src/cli/import-tournee.ts', ['data/bus-france-services-charente.json'], {
      DATABASE_URL: url,
    });
    expect(r.code).toBe(0);
    expect(r.sortie).toContain(
      'Site itinérant « Bus France Services – Emmaus Ruffec » créé.\n12 arrêts lus\n12 arrêts créés',
    );
    expect(r.sortie).toContain('arrêt 4 : coordonnées (43.451334, 5.411872) à 485 km de la commune Valence');
  });
});

describe('with the embedded database of a running guichet', () => {
  it('refuses to start a second server on its data directory, and says why', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const a = srv.address();
        srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    // This test process plays `npm start`: a Node process holding an embedded PostgreSQL in DATA_DIR/pg.
    const serveur = await startEmbeddedPostgres({ dataDir: join(dossier, 'donnees', 'pg'), port });
    try {
      const r = await lancer('src/cli/import-tournee.ts', ['data/bus-france-services-charente.json'], {
        DATA_DIR: join(dossier, 'donnees'),
        EMBEDDED_PG_PORT: String(port),
      });
      expect(r.code).toBe(1);
      expect(r.erreurs).toMatch(/^La base embarquée \(.*donnees\/pg\) est déjà utilisée par guichet \(npm start \?/);
      expect(r.erreurs).toContain('ou importez dans une base PostgreSQL externe avec DATABASE_URL');
      // The running server was left alone.
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: serveur.url('postgres') });
      await client.connect();
      await expect(client.query('select 1 as un')).resolves.toMatchObject({ rows: [{ un: 1 }] });
      await client.end();
    } finally {
      await serveur.stop();
    }
  }, 60_000);
});
