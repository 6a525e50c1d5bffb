import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journaliser, verifierJournal } from '../../src/modules/mandats/index.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// The journal of mandates: append-only in the database whoever asks, chained by the database itself, and checked
// outside it by `npm run verify:journal`, which names the first broken link.

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(async () => {
  await ctx?.fermer();
});

const RACINE = new URL('../..', import.meta.url).pathname;
/** `npm run verify:journal` on this file's database, as an operator would run it. */
function verifierEnLigneDeCommande() {
  const r = spawnSync('npm', ['run', '--silent', 'verify:journal'], {
    cwd: RACINE,
    env: { ...process.env, DATABASE_URL: ctx.url, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, sortie: `${r.stdout}${r.stderr}` };
}

describe('journal of mandates', () => {
  it('chains entries in the database, whatever hash or number the caller sends, and refuses any rewrite', async () => {
    const [structure] = await ctx.sql<{ id: string }>('select id from structures limit 1');
    const mandatId = randomUUID();
    const avant = (await verifierJournal(ctx.database.db)).entrees;
    const concurrentes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.database.db.transaction((tx) =>
          journaliser(tx, {
            mandatId,
            structureId: structure?.id as string,
            auteurId: null,
            action: 'sollicitation.enregistree',
            details: { rang: i, nom: 'Łukasz Ştefănescu-Nguyễn محمد 李小龙' },
          }),
        ),
      ),
    );
    // 20 concurrent writers: distinct consecutive numbers, one chain.
    const numeros = concurrentes.map((e) => e.numero).sort((a, b) => a - b);
    expect(new Set(numeros).size).toBe(20);
    expect((numeros.at(-1) ?? 0) - (numeros[0] ?? 0)).toBe(19);
    const bilan = await verifierJournal(ctx.database.db);
    expect(bilan.rupture).toBeNull();
    expect(bilan.entrees).toBe(avant + 20);

    // A forged hash sent by a caller is replaced by the database's own.
    await ctx.sql(
      `insert into journal_mandats (numero, le, mandat_id, structure_id, action, empreinte_precedente, empreinte)
       values (999999, now(), $1, $2, 'mandat.consulte', repeat('a', 64), repeat('b', 64))`,
      [mandatId, structure?.id],
    );
    const [derniere] = await ctx.sql<{ numero: string; empreinte: string }>(
      'select numero, empreinte from journal_mandats order by numero desc limit 1',
    );
    expect(Number(derniere?.numero)).toBe(avant + 21);
    expect(derniere?.empreinte).not.toBe('b'.repeat(64));
    expect((await verifierJournal(ctx.database.db)).rupture).toBeNull();

    for (const requete of [
      `update journal_mandats set action = 'mandat.revoque' where numero = ${avant + 3}`,
      `delete from journal_mandats where numero = ${avant + 3}`,
      'truncate journal_mandats',
    ]) {
      await expect(ctx.sql(requete)).rejects.toThrow(/append-only/);
    }
  });

  it('verify:journal says the chain holds, then names the first entry changed behind the triggers’ back', async () => {
    const ok = verifierEnLigneDeCommande();
    expect(ok.sortie).toMatch(/Journal des mandats intègre : \d+ entrée\(s\)/);
    expect(ok.code).toBe(0);

    // Someone with the owner's rights disables the triggers and rewrites entry 5's details.
    const [cinquieme] = await ctx.sql<{ numero: string; details: string }>(
      'select numero, details::text as details from journal_mandats order by numero offset 4 limit 1',
    );
    await ctx.sql('alter table journal_mandats disable trigger user');
    await ctx.sql(`update journal_mandats set details = '{"rang": 99}' where numero = $1`, [cinquieme?.numero]);
    await ctx.sql('alter table journal_mandats enable trigger user');
    const rompu = verifierEnLigneDeCommande();
    expect(rompu.code).toBe(2);
    expect(rompu.sortie).toContain(`ROMPU à l’entrée n° ${cinquieme?.numero}`);
    expect(rompu.sortie).toContain('was changed');

    // Entry 5 put back as it was, and entry 7 removed: entry 8 is named.
    await ctx.sql('alter table journal_mandats disable trigger user');
    await ctx.sql('update journal_mandats set details = $2::jsonb where numero = $1', [
      cinquieme?.numero,
      cinquieme?.details,
    ]);
    expect((await verifierJournal(ctx.database.db)).rupture).toBeNull();
    await ctx.sql('delete from journal_mandats where numero = $1', [Number(cinquieme?.numero) + 2]);
    await ctx.sql('alter table journal_mandats enable trigger user');
    const bilan = await verifierJournal(ctx.database.db);
    expect(bilan.rupture).toEqual({
      numero: Number(cinquieme?.numero) + 3,
      raison: `entry ${Number(cinquieme?.numero) + 2} is missing`,
    });
  });
});
