// What the two import commands share: read the file, open the database as `npm start` does (embedded PostgreSQL by
// default, DATABASE_URL when set), apply migrations, run the import, print the report, exit 0 (1 if unreadable).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Config, ConfigError, chargerConfig } from '../../config/index.ts';
import { connect, type Db, migrer } from '../../platform/db/client.ts';
import { preparerBase } from '../../platform/db/preparer.ts';
import { PORTEE_NATIONALE, type Portee } from '../portee/index.ts';
import { formaterRapport } from './rapport.ts';
import type { RapportImport } from './service.ts';

function lirePid(fichier: string): number | null {
  const pid = Number.parseInt(readFileSync(fichier, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function vivant(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parent(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (command) state ppid …"; the command may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

function ligneDeCommande(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * The pid of a PostgreSQL that a running guichet (`npm start`, tests) started on this data directory, if any.
 * Starting the embedded server here would stop it (the embedded start-up treats a live server as an orphan of a
 * killed guichet); a true orphan, whose Node parent is gone, is left to that clean-up.
 */
export function baseEmbarqueeOccupee(config: Config): number | null {
  if (config.databaseUrl) return null;
  const fichier = resolve(join(config.dataDir, 'pg', 'postmaster.pid'));
  if (!existsSync(fichier)) return null;
  const pid = lirePid(fichier);
  if (!pid || !vivant(pid)) return null;
  const ppid = parent(pid);
  if (!ppid || ppid === 1 || !vivant(ppid)) return null;
  return /\bnode\b|tsx|vitest/.test(ligneDeCommande(ppid)) ? pid : null;
}

export function sortir(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/**
 * The database of `npm start` for a command-line tool (DATABASE_URL, else the embedded server, which must not be in
 * use by a running guichet), migrated; exits with a French message when it cannot be had. `activite` completes
 * "le temps de …" and `ailleurs` proposes the external database in those messages.
 */
export async function baseDeLOutil(activite: string, ailleurs: string, max: number) {
  let config: Config;
  try {
    config = chargerConfig();
  } catch (error) {
    if (error instanceof ConfigError) sortir(error.message, 1);
    throw error;
  }
  const occupee = baseEmbarqueeOccupee(config);
  if (occupee)
    sortir(
      `La base embarquée (${join(config.dataDir, 'pg')}) est déjà utilisée par guichet (npm start ?, PostgreSQL pid ${occupee}).\n` +
        `Arrêtez guichet le temps ${activite}, ou ${ailleurs} avec DATABASE_URL.`,
      1,
    );
  let base: Awaited<ReturnType<typeof preparerBase>>;
  try {
    base = await preparerBase(config);
  } catch (error) {
    sortir(
      `Base de données inaccessible : ${error instanceof Error ? error.message : String(error)}\n` +
        `Si guichet (npm start) tourne avec la base embarquée, arrêtez-le le temps ${activite}, ou utilisez DATABASE_URL.`,
      1,
    );
  }
  const database = connect(base.url, { max });
  try {
    await migrer(database.db);
  } catch (error) {
    await database.close();
    await base.embedded?.stop();
    sortir(`Migrations impossibles : ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  return {
    database,
    async fermer() {
      await database.close();
      await base.embedded?.stop();
    },
  };
}

/** Runs one import command end to end; `usage` is printed when the file argument is missing. */
export async function executerImport(
  usage: string,
  importer: (db: Db, portee: Portee, contenu: Buffer) => Promise<RapportImport>,
  options: { tournee?: boolean } = {},
): Promise<void> {
  const chemin = process.argv[2];
  if (!chemin) sortir(`Usage : ${usage}`, 1);
  let contenu: Buffer;
  try {
    contenu = readFileSync(chemin);
  } catch (error) {
    sortir(`Impossible de lire ${chemin} : ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 1);
  }

  const outil = await baseDeLOutil('de l’import', 'importez dans une base PostgreSQL externe', 2);
  let code = 0;
  try {
    process.stdout.write(`Import de ${chemin}…\n`);
    // The command line acts for the national administration: whoever can run it can reach the database anyway.
    const rapport = await importer(outil.database.db, PORTEE_NATIONALE, contenu);
    process.stdout.write(`${formaterRapport(rapport, options)}\n`);
    if (rapport.erreurFichier) code = 1;
  } catch (error) {
    process.stderr.write(`L’import a échoué : ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  } finally {
    await outil.fermer();
  }
  process.exit(code);
}
