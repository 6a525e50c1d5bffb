import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { TACHES } from '../src/app/taches.ts';
import { chargerConfig } from '../src/config/index.ts';
import { chargerDonneesDemo } from '../src/demo/donnees.ts';
import { connect, migrer } from '../src/platform/db/client.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { arreterTaches, demarrerTaches } from '../src/platform/jobs/index.ts';

export const MODELE = 'guichet_modele';

declare module 'vitest' {
  export interface ProvidedContext {
    urlMaintenance: string;
  }
}

let embedded: EmbeddedServer | null = null;
let dossier: string | null = null;

function portLibre(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const adresse = srv.address();
      srv.close(() => (typeof adresse === 'object' && adresse ? resolve(adresse.port) : reject(new Error('no port'))));
    });
  });
}

function remplacerBase(url: string, base: string) {
  const u = new URL(url);
  u.pathname = `/${base}`;
  return u.toString();
}

/**
 * Once per run: a PostgreSQL (embedded in .data/test-pg/<pid>, or DATABASE_URL's server) and a template database with
 * every migration and the demo data. Each test file then copies the template (CREATE DATABASE … TEMPLATE).
 */
export async function setup(project: TestProject) {
  const externe = process.env.DATABASE_URL;
  let urlMaintenance: string;
  if (externe) {
    urlMaintenance = remplacerBase(externe, 'postgres');
  } else {
    // A throwaway cluster per run (initdb takes about half a second), so that concurrent runs never share one.
    dossier = `.data/test-pg/${process.pid}`;
    embedded = await startEmbeddedPostgres({ dataDir: dossier, port: await portLibre() });
    urlMaintenance = embedded.url('postgres');
  }
  const admin = connect(urlMaintenance, { max: 1 });
  try {
    await admin.pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 or datname like 'guichet_test_%'`,
      [MODELE],
    );
    const anciennes = await admin.pool.query(
      `select datname from pg_database where datname = $1 or datname like 'guichet_test_%'`,
      [MODELE],
    );
    for (const { datname } of anciennes.rows) {
      await admin.pool.query(`drop database if exists "${datname}"`);
    }
    await admin.pool.query(`create database ${MODELE}`);
  } finally {
    await admin.close();
  }
  const modele = connect(remplacerBase(urlMaintenance, MODELE), { max: 2 });
  try {
    const config = chargerConfig({ NODE_ENV: 'test' });
    await migrer(modele.db);
    await chargerDonneesDemo(modele.db);
    // The job queue's schema and queues, so that each file's copy starts its queue without creating them.
    await demarrerTaches({ ...modele, config, log: console, taches: TACHES, travailler: false });
    await arreterTaches(modele.db);
  } finally {
    await modele.close();
  }
  project.provide('urlMaintenance', urlMaintenance);
}

export async function teardown() {
  await embedded?.stop();
  // As root in a folder closed to the `postgres` user, the data lives elsewhere behind a link (ADR 0005).
  if (embedded && embedded.dataDir !== resolve(dossier ?? ''))
    rmSync(embedded.dataDir, { recursive: true, force: true });
  if (dossier) rmSync(dossier, { recursive: true, force: true });
}
