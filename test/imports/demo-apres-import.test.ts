import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chargerDonneesDemo } from '../../src/demo/donnees.ts';
import { importerFranceServices } from '../../src/modules/imports/index.ts';
import { connect, type Database, migrer } from '../../src/platform/db/client.ts';

// A newcomer imports the national list, then starts guichet for the first time: the demo data comes after the real
// sites it shares an id_fs with (Sceaux 2541, Agen Léon Blum 898, Rouen's Plateau 1816).

const NATIONAL = { national: true, departements: [], structures: [], sites: [], partenaires: [] };
const lignes = readFileSync(new URL('../../data/france-services-2022-12-01.csv', import.meta.url), 'utf8').split('\n');
const EXTRAIT = [lignes[0], ...lignes.filter((l) => /^"(2541|898|1816|2540)",/.test(l))].join('\n');

const maintenance = inject('urlMaintenance');
const nom = `guichet_test_demo_${randomBytes(4).toString('hex')}`;
let base: Database;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: maintenance });
  await c.connect();
  await c.query(sql);
  await c.end();
}

beforeAll(async () => {
  await admin(`create database ${nom}`);
  const url = new URL(maintenance);
  url.pathname = `/${nom}`;
  base = connect(url.toString(), { max: 2 });
  await migrer(base.db);
}, 60_000);
afterAll(async () => {
  await base.close();
  await admin(`drop database if exists ${nom} with (force)`);
});

describe('demo data loaded after an import of the national list', () => {
  it('adopts the imported sites instead of failing or listing them twice', async () => {
    expect(EXTRAIT.split('\n')).toHaveLength(5);
    const rapport = await importerFranceServices(base.db, NATIONAL, EXTRAIT);
    expect(rapport.creees).toBe(4);
    expect(await chargerDonneesDemo(base.db)).toBe(true);
    const { rows } = await base.pool.query(
      `select s.id_fs, s.nom, st.nom as structure, st.actif,
              (select count(*)::int from site_partenaires sp where sp.site_id = s.id) as partenaires
         from sites s join structures st on st.id = s.structure_id
        where s.id_fs in (2541, 898, 1816, 2540) order by s.id_fs`,
    );
    expect(rows.map((r) => r.id_fs)).toEqual([898, 1816, 2540, 2541]);
    const sceaux = rows.find((r) => r.id_fs === 2541);
    expect(sceaux).toMatchObject({ structure: 'France services de Sceaux', actif: true, partenaires: 9 });
    // The other imported site keeps its own structure; the structures left empty by the adoption are inactive.
    expect(rows.find((r) => r.id_fs === 2540)?.actif).toBe(true);
    const { rows: vides } = await base.pool.query(
      `select count(*)::int as n from structures st
        where st.actif and not exists (select 1 from sites s where s.structure_id = st.id)`,
    );
    expect(vides).toEqual([{ n: 0 }]);
    // Signing in as the demo agent of Sceaux works on the adopted site.
    const { rows: comptes } = await base.pool.query(
      `select count(*)::int as n from habilitations h join structures st on st.id = h.structure_id
        where st.nom = 'France services de Sceaux'`,
    );
    expect(comptes[0].n).toBeGreaterThan(0);
  });
});
