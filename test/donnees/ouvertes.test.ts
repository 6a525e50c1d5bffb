import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lireCsv as lireCsvImport } from '../../src/modules/imports/lecture-csv.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

/** Our exports read back with the importer's own CSV reader. */
function lireCsv(texte: string): string[][] {
  const lu = lireCsvImport(texte);
  if (!lu.ok) throw new Error(lu.erreur);
  return [lu.entete, ...lu.enregistrements.map((e) => e.champs)];
}

function objets(texte: string): Array<Record<string, string>> {
  const [entete, ...lignes] = lireCsv(texte);
  return lignes.map((l) => Object.fromEntries((entete ?? []).map((c, i) => [c, l[i] ?? ''])));
}

describe('open data', () => {
  it('publishes the registry in the ANCT list format', async () => {
    const r = await ctx.app.inject({ url: '/donnees/france-services.csv' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    const entete = readFileSync('data/france-services-2022-12-01.csv', 'utf8')
      .split('\n')[0]
      ?.replaceAll('"', '')
      .trim();
    expect(r.body.split('\r\n')[0]).toBe(entete);
    const lignes = objets(r.body);
    const sceaux = lignes.find((l) => l.lib_fs === 'France services de Sceaux');
    expect(sceaux).toMatchObject({
      insee_dep: '92',
      insee_com: '92071',
      code_postal: '92330',
      telephone: '01 71 22 44 45',
      itinerance: 'Non',
      format_fs: 'Site principal',
      labellisation: 'Espace labellisé 01/01/2022',
      latitude: '48.778201',
    });
    expect(lignes.find((l) => l.lib_fs === 'Permanences itinérantes d’Agen')?.itinerance).toBe('Oui');
    const aix = lignes.filter((l) => l.lib_com === 'Aix-en-Provence');
    expect(aix).toHaveLength(10);
    expect(new Set(aix.map((l) => l.groupe))).toEqual(new Set(['France services multi-sites d’Aix-en-Provence']));
  });

  it('leaves deactivated sites out', async () => {
    await ctx.sql(`update sites set actif = false where nom = 'Maison du Plateau'`);
    const r = await ctx.app.inject({ url: '/donnees/france-services.csv' });
    expect(r.body).not.toContain('Maison du Plateau');
    await ctx.sql(`update sites set actif = true where nom = 'Maison du Plateau'`);
  });

  it('publishes GeoJSON points in longitude, latitude order', async () => {
    const r = await ctx.app.inject({ url: '/donnees/france-services.geojson' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/geo+json');
    const geo = r.json() as {
      type: string;
      features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }>;
    };
    expect(geo.type).toBe('FeatureCollection');
    const sceaux = geo.features.find((f) => f.properties.nom === 'France services de Sceaux');
    expect(sceaux?.geometry.coordinates).toEqual([2.284643, 48.778201]);
    const agen = geo.features.find((f) => f.properties.nom === 'Permanences itinérantes d’Agen');
    expect(agen?.properties.arrets).toHaveLength(4);
  });

  it('publishes mediation places that validate against the national standard', async () => {
    const schema = JSON.parse(readFileSync('data/standard-mediation-num/schema.json', 'utf8')) as {
      fields: Array<{ name: string; type: string; constraints?: { required?: boolean; pattern?: string } }>;
    };
    const r = await ctx.app.inject({ url: '/donnees/lieux-mediation-numerique.csv' });
    expect(r.statusCode).toBe(200);
    const [entete, ...lignes] = lireCsv(r.body);
    expect(entete).toEqual(schema.fields.map((f) => f.name));
    const erreurs: string[] = [];
    for (const [n, ligne] of lignes.entries()) {
      schema.fields.forEach((f, i) => {
        const v = ligne[i] ?? '';
        if (f.constraints?.required && v === '') erreurs.push(`ligne ${n + 2} ${f.name} manquant`);
        if (v !== '' && f.constraints?.pattern && !new RegExp(f.constraints.pattern).test(v)) {
          erreurs.push(`ligne ${n + 2} ${f.name} = ${v}`);
        }
        if (v !== '' && f.type === 'number' && Number.isNaN(Number(v)))
          erreurs.push(`ligne ${n + 2} ${f.name} non numérique`);
        if (v !== '' && f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v))
          erreurs.push(`ligne ${n + 2} ${f.name} date`);
      });
    }
    expect(erreurs).toEqual([]);
    const ids = lignes.map((l) => l[0]);
    expect(new Set(ids).size).toBe(ids.length);
    // The itinerant service is published as its 4 stops, each with its own hours.
    const arrets = lignes.filter((l) => l[19] === 'Permanences itinérantes d’Agen');
    expect(arrets.map((l) => l[14])).toEqual([
      'Tu 09:00-12:00; PH off',
      'We 09:00-12:00; PH off',
      'Th 14:00-17:00; PH off',
      'Fr 14:00-17:00; PH off',
    ]);
    expect(arrets.every((l) => l[18] === 'Itinérant')).toBe(true);
  });
});
