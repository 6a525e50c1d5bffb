import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerFranceServices } from '../../src/modules/imports/index.ts';
import { lireCsv } from '../../src/modules/imports/lecture-csv.ts';
import { versCsv } from '../../src/platform/formats/csv.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

const NATIONAL = { national: true, departements: [], structures: [], sites: [], partenaires: [] };

/**
 * A slice of the real national list with every kind of row: the first 250 rows, every antenna and every grouped
 * row (multi-site structures), so that the round trip covers structures, itinerant services and approximate positions.
 */
function extrait(): string {
  const lu = lireCsv(readFileSync('data/france-services-2022-12-01.csv', 'utf8'));
  if (!lu.ok) throw new Error(lu.erreur);
  const i = (c: string) => lu.entete.indexOf(c);
  const gardes = lu.enregistrements.filter(
    (e, n) => n < 250 || e.champs[i('format_fs')] === 'Antenne' || (e.champs[i('groupe')] ?? '') !== '',
  );
  return versCsv(
    lu.entete,
    gardes.map((e) => e.champs),
  );
}

/** The registry as the ANCT list describes it, keyed by id_fs (or provisional id), with each site's companions in its structure. */
async function registre(ctx: Contexte) {
  const lignes = await ctx.sql<Record<string, unknown>>(
    `select s.id_fs, s.id_fs_provisoire, s.nom, s.genre, s.adresse, s.complement_adresse, s.code_postal, s.commune, s.code_insee,
            s.latitude, s.longitude, s.coordonnees_approchees, s.telephone, s.courriel, s.horaires, s.horaires_source,
            s.date_labellisation::text, s.commentaire, st.departement,
            (select array_agg(o.id_fs order by o.id_fs) from sites o where o.structure_id = s.structure_id) as voisins
       from sites s join structures st on st.id = s.structure_id
      where s.id_fs is not null or s.id_fs_provisoire is not null order by s.id_fs, s.id_fs_provisoire`,
  );
  return lignes;
}

let source: Contexte;
let copie: Contexte;
beforeAll(async () => {
  [source, copie] = await Promise.all([demarrerApp(), demarrerApp()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([source.fermer(), copie.fermer()]);
});

describe('open data round trip', () => {
  it('re-importing the published ANCT CSV yields the same registry', async () => {
    const importe = await importerFranceServices(source.database.db, NATIONAL, extrait());
    expect(importe.creees).toBeGreaterThan(300);
    const publie = (await source.app.inject({ url: '/donnees/france-services.csv' })).body;
    const reimporte = await importerFranceServices(copie.database.db, NATIONAL, publie);
    // The demo sites without an ANCT id (Aix, Agen's tour) are the only rows the import refuses; those that carry one
    // (Sceaux, Agen, Rouen) and the provisional ids (temp_…) come back to the same sites.
    const [{ n: demo } = { n: 0 }] = await source.sql<{ n: number }>(
      'select count(*)::int as n from sites where id_fs is null and id_fs_provisoire is null',
    );
    expect(reimporte.rejetees).toHaveLength(demo);
    expect(reimporte.rejetees.every((r) => /id_fs/i.test(r.raison))).toBe(true);
    expect(reimporte.creees).toBe(importe.creees);
    const [avant, apres] = [await registre(source), await registre(copie)];
    // Hours set in guichet (the demo's) travel as the list's weekday text: the same hours, now with a source text.
    for (const [i, ligne] of avant.entries())
      if (ligne.horaires_source === null) {
        delete ligne.horaires_source;
        delete apres[i]?.horaires_source;
      }
    expect(apres).toEqual(avant);
  }, 120_000);
});
