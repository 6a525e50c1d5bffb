/**
 * Fails when the Drizzle schema (the tables.ts files listed in drizzle.config.ts) differs from what the committed
 * migrations in drizzle/ produce, i.e. when someone edited a table without generating its migration.
 *
 * It runs `drizzle-kit generate` against a throw-away copy of drizzle/ (no database needed): if drizzle-kit writes a
 * new .sql file there, the schema has changed without a migration. The real drizzle/ folder is never touched.
 *
 * Usage: npm run db:check
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const RACINE = resolve(import.meta.dirname, '..');
const MIGRATIONS = join(RACINE, 'drizzle');
const DELAI_MS = 120_000;

function echouer(message: string): never {
  process.stderr.write(`\ndb:check FAILED: ${message}\n`);
  process.exit(1);
}

function fichiersSql(dossier: string): string[] {
  return existsSync(dossier)
    ? readdirSync(dossier)
        .filter((f) => f.endsWith('.sql'))
        .sort()
    : [];
}

/** Every committed .sql file must be listed in meta/_journal.json, or the migrator silently skips it. */
function verifierJournal() {
  const chemin = join(MIGRATIONS, 'meta', '_journal.json');
  if (!existsSync(chemin)) echouer('drizzle/meta/_journal.json is missing.');
  const journal = JSON.parse(readFileSync(chemin, 'utf8')) as { entries: Array<{ tag: string }> };
  const journalises = new Set(journal.entries.map((e) => `${e.tag}.sql`));
  const presents = new Set(fichiersSql(MIGRATIONS));
  const horsJournal = [...presents].filter((f) => !journalises.has(f));
  const absents = [...journalises].filter((f) => !presents.has(f));
  if (horsJournal.length > 0) {
    echouer(
      `drizzle/${horsJournal.join(', drizzle/')} ${horsJournal.length > 1 ? 'are' : 'is'} not listed in ` +
        'drizzle/meta/_journal.json: the migrator would never apply it. Create migrations with `npm run db:generate` ' +
        '(or `npx drizzle-kit generate --custom --name <name>` for a hand-written one).',
    );
  }
  if (absents.length > 0) {
    echouer(`drizzle/meta/_journal.json lists ${absents.join(', ')}, but the file is missing from drizzle/.`);
  }
}

function verifierSchema() {
  const copie = mkdtempSync(join(tmpdir(), 'guichet-db-check-'));
  try {
    cpSync(MIGRATIONS, copie, { recursive: true });
    const avant = new Set(fichiersSql(copie));
    // drizzle-kit prefixes the output folder with "./", so it must be given relative to the working directory.
    const sortie = relative(RACINE, copie);
    const r = spawnSync('npx', ['--no', 'drizzle-kit', 'generate', '--config', 'drizzle.config.ts'], {
      cwd: RACINE,
      env: { ...process.env, DRIZZLE_OUT: sortie, FORCE_COLOR: '0', NO_COLOR: '1' },
      // No terminal: drizzle-kit cannot ask "renamed or created?" questions; such a change shows up as a failure.
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: DELAI_MS,
    });
    const journal = `${r.stdout ?? ''}${r.stderr ?? ''}`
      .split('\n')
      .filter((ligne) => !ligne.startsWith('npm warn'))
      .join('\n')
      .trim();
    if (journal.includes('Interactive prompts require a TTY')) {
      echouer(
        'the Drizzle schema (src/modules/*/tables.ts, src/platform/*/tables.ts) differs from the migrations in ' +
          'drizzle/, and drizzle-kit needs to ask whether a column or table was renamed or dropped and created. ' +
          'Run `npm run db:generate` in a terminal, answer its question, review and commit the migration.\n\n' +
          journal.split('\n').slice(0, 3).join('\n'),
      );
    }
    if (r.error || r.status !== 0) {
      echouer(
        `drizzle-kit generate did not finish (${r.error?.message ?? `exit code ${r.status}`}).\n` +
          'If the change renames or drops a column or table, drizzle-kit needs to ask a question: run ' +
          '`npm run db:generate` in a terminal, answer it, review and commit the migration.\n\n' +
          journal,
      );
    }
    const nouveaux = fichiersSql(copie).filter((f) => !avant.has(f));
    if (nouveaux.length > 0) {
      const details = nouveaux.map((f) => `--- ${f} ---\n${readFileSync(join(copie, f), 'utf8').trim()}`).join('\n\n');
      echouer(
        'the Drizzle schema (src/modules/*/tables.ts, src/platform/*/tables.ts) differs from the migrations in ' +
          `drizzle/. drizzle-kit would generate ${nouveaux.length} new migration(s):\n\n${details}\n\n` +
          'Run `npm run db:generate`, review the new SQL file in drizzle/ (and its meta/ snapshot) and commit them ' +
          'with the tables.ts change.',
      );
    }
    // drizzle-kit exits 0 even when it fails (an unreadable snapshot, a schema that does not load): insist on its
    // "nothing to migrate" message.
    if (!journal.includes('No schema changes')) {
      echouer(`drizzle-kit generate gave an unexpected answer; nothing can be concluded.\n\n${journal}`);
    }
  } finally {
    rmSync(copie, { recursive: true, force: true });
  }
}

verifierJournal();
verifierSchema();
process.stdout.write(`db:check OK: the migrations in drizzle/ (${fichiersSql(MIGRATIONS).length}) match the schema.\n`);
