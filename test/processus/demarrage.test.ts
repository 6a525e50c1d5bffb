import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

/** These tests run `src/main.ts` as a real process, as `npm start` does. */

const enCours = new Set<ChildProcess>();
afterAll(() => {
  for (const p of enCours) p.kill('SIGKILL');
});

function portLibre(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Processus {
  proc: ChildProcess;
  sortie: () => string;
  fin: Promise<number | null>;
}

function lancer(env: Record<string, string>): Processus {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  enCours.add(proc);
  let sortie = '';
  proc.stdout?.on('data', (d) => {
    sortie += d;
  });
  proc.stderr?.on('data', (d) => {
    sortie += d;
  });
  const fin = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      enCours.delete(proc);
      resolve(code);
    }),
  );
  return { proc, sortie: () => sortie, fin };
}

async function attendre(p: Processus, texte: string, delaiMs = 40_000) {
  const limite = Date.now() + delaiMs;
  while (!p.sortie().includes(texte)) {
    if (Date.now() > limite || p.proc.exitCode !== null) throw new Error(`"${texte}" never printed:\n${p.sortie()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function requete(sql: string, url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('npm start', () => {
  it('refuses to start in production without its secrets, saying which', async () => {
    const p = lancer({ NODE_ENV: 'production', PORT: String(await portLibre()) });
    expect(await p.fin).toBe(1);
    expect(p.sortie()).toContain('refuses to start in production');
    expect(p.sortie()).toContain('SESSION_SECRET');
    expect(p.sortie()).toContain('DATABASE_URL');
  });

  it('in production: migrates an external database, loads no demo data, prints no account, stops cleanly on SIGTERM', async () => {
    const maintenance = inject('urlMaintenance');
    const nom = `guichet_test_prod_${randomBytes(4).toString('hex')}`;
    await requete(`create database ${nom}`, maintenance);
    const url = new URL(maintenance);
    url.pathname = `/${nom}`;
    const port = await portLibre();
    const p = lancer({
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: url.toString(),
      SESSION_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_URL: 'https://guichet.exemple.fr',
    });
    await attendre(p, 'guichet is listening');
    const sante = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await sante.json()).toEqual({
      status: 'ok',
      database: 'ok',
      messages: { enAttente: 0, plusAncienSecondes: 0 },
    });
    expect((await fetch(`http://127.0.0.1:${port}/dev/courriels`)).status).toBe(404);
    expect(await requete('select count(*)::int as n from utilisateurs', url.toString())).toEqual([{ n: 0 }]);
    expect(await requete('select count(*)::int as n from partenaires where national', url.toString())).toEqual([
      { n: 9 },
    ]);
    expect(p.sortie()).not.toContain('Demo accounts');
    expect(p.sortie()).not.toContain('guichet-demo-2026');
    p.proc.kill('SIGTERM');
    expect(await p.fin).toBe(0);
    expect(p.sortie()).toContain('stopped cleanly');
    await requete(`drop database ${nom} with (force)`, maintenance);
  });

  it('on the embedded database: demo data once, survives kill -9 without losing committed data, stops cleanly', async () => {
    const dossier = mkdtempSync(join(tmpdir(), 'guichet-demarrage-'));
    const env = {
      NODE_ENV: 'development',
      DATA_DIR: dossier,
      EMBEDDED_PG_PORT: String(await portLibre()),
      PORT: String(await portLibre()),
      CONTACT_SMTP_PORT: String(await portLibre()),
    };
    try {
      const premier = lancer(env);
      await attendre(premier, 'guichet is listening', 60_000);
      expect(premier.sortie()).toContain('Demo data loaded (first start).');
      expect(premier.sortie()).toContain('admin@guichet.test');
      const base = `postgres://guichet:guichet-embedded@127.0.0.1:${env.EMBEDDED_PG_PORT}/guichet`;
      await requete(
        `insert into structures (nom, departement, porteur) values ('Écrite avant le kill', '92', 'commune')`,
        base,
      );
      premier.proc.kill('SIGKILL');
      await premier.fin;
      expect(existsSync(join(dossier, 'pg', 'postmaster.pid'))).toBe(true);

      const second = lancer(env);
      await attendre(second, 'guichet is listening', 60_000);
      expect(second.sortie()).toContain('Demo data already present.');
      const sante = await fetch(`http://127.0.0.1:${env.PORT}/healthz`);
      expect(sante.status).toBe(200);
      // The SMTP receiver of the sites' mail is started and announced: a mail to Sceaux (id_fs 2541) becomes a request.
      expect(second.sortie()).toContain(
        `Incoming mail for *@contact.guichet.localhost (SMTP receiver): smtp://127.0.0.1:${env.CONTACT_SMTP_PORT}`,
      );
      const smtp = nodemailer.createTransport({
        host: '127.0.0.1',
        port: Number(env.CONTACT_SMTP_PORT),
        ignoreTLS: true,
      });
      await smtp.sendMail({ from: 'lea@exemple.fr', to: 'fs2541@contact.guichet.localhost', text: 'Bonjour.' });
      smtp.close();
      expect(
        await requete(`select count(*)::int as n from demandes_contact where courriel = 'lea@exemple.fr'`, base),
      ).toEqual([{ n: 1 }]);
      expect(
        await requete(`select count(*)::int as n from structures where nom = 'Écrite avant le kill'`, base),
      ).toEqual([{ n: 1 }]);
      expect(
        await requete(`select count(*)::int as n from utilisateurs where courriel = 'admin@guichet.test'`, base),
      ).toEqual([{ n: 1 }]);
      // A second guichet on the same data directory refuses to start and leaves the running one alone.
      const intrus = lancer({ ...env, PORT: String(await portLibre()) });
      expect(await intrus.fin).toBe(1);
      expect(intrus.sortie()).toContain('in use by another running guichet process');
      expect((await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).status).toBe(200);
      second.proc.kill('SIGINT');
      expect(await second.fin).toBe(0);
      expect(existsSync(join(dossier, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      rmSync(dossier, { recursive: true, force: true });
    }
  }, 120_000);
});
