import { readFileSync } from 'node:fs';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { REGLES_RETENTION } from '../../src/app/retention.ts';
import { schema } from '../../src/platform/db/schema.ts';
import { delaiEnMots, LIBELLES_ACTION } from '../../src/platform/retention/index.ts';

// docs/donnees-personnelles.md is the registry in words: the two must say the same thing, and every table of the
// schema must be either under a rule or listed with the reason it needs none.

const DOC = readFileSync(new URL('../../docs/donnees-personnelles.md', import.meta.url), 'utf8');

/** The rows of the markdown table under a `## title`, cells trimmed and code quotes removed. */
function tableau(titre: string): string[][] {
  const section = DOC.split(/^## /m).find((s) => s.startsWith(titre));
  if (!section) throw new Error(`no section "${titre}" in docs/donnees-personnelles.md`);
  const lignes = section.split('\n').filter((l) => l.startsWith('|'));
  return lignes
    .slice(2) // header and separator
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim().replace(/^`(.*)`$/, '$1')),
    );
}

describe('docs/donnees-personnelles.md', () => {
  it('lists exactly the rules of the registry, in its order, with the same data, event, delay and action', () => {
    const attendu = REGLES_RETENTION.map((r) => [
      r.nom,
      r.table,
      r.donnees,
      r.evenement,
      delaiEnMots(r.delai),
      LIBELLES_ACTION[r.action],
    ]);
    expect(tableau('Rules')).toEqual(attendu);
  });

  it('accounts for every table of the schema: under a rule, or listed with the reason it needs none', () => {
    const tables = Object.values(schema)
      .filter((v) => is(v, PgTable))
      .map((t) => getTableName(t as PgTable))
      .sort();
    const regies = new Set(REGLES_RETENTION.map((r) => r.table));
    const sansRegle = tableau('Tables without a rule').map(([table]) => table as string);
    expect(sansRegle.filter((t) => regies.has(t))).toEqual([]);
    expect([...new Set([...regies, ...sansRegle])].sort()).toEqual(tables);
  });
});
