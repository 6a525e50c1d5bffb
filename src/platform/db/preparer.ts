import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../../config/index.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.ts';

export interface BaseDeDonnees {
  url: string;
  embedded: EmbeddedServer | null;
}

/** Creates a database on a server if it does not exist yet. */
export async function creerBaseSiAbsente(urlMaintenance: string, nom: string) {
  const client = new pg.Client({ connectionString: urlMaintenance });
  await client.connect();
  try {
    const r = await client.query('select 1 from pg_database where datname = $1', [nom]);
    if (r.rowCount === 0) await client.query(`create database "${nom.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/** The database guichet runs on: DATABASE_URL when set, else the embedded server in DATA_DIR/pg. */
export async function preparerBase(config: Config, onLog?: (m: string) => void): Promise<BaseDeDonnees> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: join(config.dataDir, 'pg'),
    port: config.embeddedPgPort,
    onLog,
  });
  await creerBaseSiAbsente(embedded.url('postgres'), 'guichet');
  return { url: embedded.url('guichet'), embedded };
}
