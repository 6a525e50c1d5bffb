import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerSite, creerStructure, utilisateurNomme } from '../fabriques.ts';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';
import { compteDeTest, partenaire, saisine, sectionSaisines, sollicitationPour } from './saisines-fabrique.ts';

// Issue 13, point 6: a partner's référents read the report of their partner's requests in their départements (the
// requests whose partners include theirs), with their partner's cases, and nothing else: neither another partner, nor
// another département, nor the sites' appointments and messages. The same in CSV, XLSX and PDF. A coordinator of 47
// sees nothing of 92. First quarter of 2026.

let ctx: Contexte;
const DU = '2026-01-01';
const AU = '2026-03-31';
const q = `du=${DU}&au=${AU}`;
const ids = { caf: '', msa: '', site92: '', site13: '', site47: '', s92: '' };
let referent92: Client;
let coordination47: Client;

beforeAll(async () => {
  ctx = await demarrerApp();
  ids.caf = await partenaire(ctx, 'caf');
  ids.msa = await partenaire(ctx, 'msa');
  ids.s92 = await creerStructure(ctx, '92', 'Structure des référents 92');
  const s13 = await creerStructure(ctx, '13', 'Structure des référents 13');
  const s47 = await creerStructure(ctx, '47', 'Structure des référents 47');
  ids.site92 = await creerSite(ctx, ids.s92, 'Lieu des référents 92');
  ids.site13 = await creerSite(ctx, s13, 'Lieu des référents 13');
  ids.site47 = await creerSite(ctx, s47, 'Lieu des référents 47');
  const agent = await utilisateurNomme(ctx, DEMO.agentSceaux);
  const { caf, msa, site92, site13, site47 } = ids;
  for (const [site, partenaires, n] of [
    [site92, [caf], 3],
    [site92, [msa], 2],
    [site92, [msa, caf], 1],
    [site13, [caf], 2],
    [site47, [caf], 1],
  ] as const) {
    for (let i = 0; i < n; i++) await sollicitationPour(ctx, site, agent, [...partenaires], `2026-02-0${i + 2}`);
  }
  const cas = (siteId: string, partenaireId: string) =>
    saisine(ctx, {
      siteId,
      partenaireId,
      creeLe: '2026-02-10T10:00:00+01:00',
      echeance: '2026-02-17T23:59:59+01:00',
      reponse: '2026-02-11T10:00:00+01:00',
    });
  await cas(site92, caf);
  await cas(site92, caf);
  await cas(site92, msa);
  await cas(site13, caf);
  await cas(site47, caf);
  referent92 = await clientConnecte(
    ctx.app,
    await compteDeTest(ctx, { role: 'referent', partenaireId: caf, departements: ['92'] }),
  );
  coordination47 = await clientConnecte(
    ctx.app,
    await compteDeTest(ctx, { role: 'coordinateur', departements: ['47'] }),
  );
});
afterAll(async () => {
  await ctx?.fermer();
});

/** Requests of the period carrying a partner in a département, straight from the rows. */
async function demandes(partenaireId: string, departement: string) {
  const [r] = await ctx.sql<{ n: string }>(
    `select count(*) as n from sollicitations where $1 = any(partenaires) and departement = $2 and jour between $3 and $4`,
    [partenaireId, departement, DU, AU],
  );
  return Number(r?.n);
}

/** Cases of the period of a partner (any when null) in a département, straight from the rows. */
async function cas(partenaireId: string | null, departement: string) {
  const [r] = await ctx.sql<{ n: string }>(
    `select count(*) as n from saisines s join sites si on si.id = s.site_id
     where ($1::uuid is null or s.partenaire_id = $1) and s.departement = $2
       and (s.cree_le at time zone si.fuseau_horaire)::date between $3 and $4`,
    [partenaireId, departement, DU, AU],
  );
  return Number(r?.n);
}

/** The CSV rows of a rubric, as "label,period" strings. */
const rubrique = (csv: string, nom: string) =>
  csv
    .split('\r\n')
    .filter((l) => l.startsWith(`${nom},`))
    .map((l) => l.split(',').slice(1, 3).join(','));

describe('a partner référent’s report', () => {
  it('shows a CAF référent of 92 the CAF requests of 92 only, and the CAF cases of 92', async () => {
    const page = await referent92.get(`/rapports?${q}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('CAF – Département 92 – Hauts-de-Seine, 1er trimestre 2026');
    expect(page.body).toContain('<a class="fr-nav__link" href="/rapports" aria-current="page">Rapports</a>');
    // The sites' own sections are not the partner's.
    expect(page.body).not.toContain('id="rendez-vous"');
    expect(page.body).not.toContain('id="messages"');
    expect(sectionSaisines(page.body)).toContain(`${await cas(ids.caf, '92')} saisines créées`);
    expect(sectionSaisines(page.body)).not.toContain('MSA');

    const csv = (await referent92.get(`/rapports/export.csv?perimetre=partenaire:${ids.caf}:92&${q}`)).body;
    const total = await demandes(ids.caf, '92');
    expect(total).toBeGreaterThanOrEqual(4);
    expect(rubrique(csv, 'Total')).toEqual([`Sollicitations,${total}`]);
    // The MSA-only requests of the same site are left out; the one for both partners counts.
    expect(rubrique(csv, 'Lieu – lieu')).toContain('Lieu des référents 92,4');
    expect(rubrique(csv, 'Partenaire')).toEqual([`CAF,${total}`]);
    expect(rubrique(csv, 'Saisines')).toContain(`Total – créées,${await cas(ids.caf, '92')}`);
    expect(rubrique(csv, 'Saisines par partenaire').filter((l) => l.includes('MSA'))).toEqual([]);
    expect(rubrique(csv, 'Saisines par département').map((l) => l.split(' – ')[0])).not.toContain('13');
    expect(csv).not.toMatch(/^(Rendez-vous|Messages)/m);
  });

  it('gives the same figures in the workbook and the PDF, without the sites’ sheets', async () => {
    const perimetre = `perimetre=partenaire:${ids.caf}:92&${q}`;
    const total = await demandes(ids.caf, '92');
    const xlsx = await referent92.get(`/rapports/export.xlsx?${perimetre}`);
    expect(xlsx.statusCode).toBe(200);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(classeur.worksheets.map((f) => f.name)).toEqual(['Rapport', 'Jours et heures', 'Saisines']);
    const ligne = (feuille: string, n: number) =>
      ((classeur.getWorksheet(feuille)?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(ligne('Rapport', 4).slice(0, 3)).toEqual(['Total', 'Sollicitations', total]);
    expect(ligne('Saisines', 2)[2]).toBe(await cas(ids.caf, '92'));
    const pdf = await lirePdf((await referent92.get(`/rapports/rapport.pdf?${perimetre}`)).rawPayload);
    expect(pdf.texte).toContain('CAF – Département 92 – Hauts-de-Seine');
    expect(pdf.texte).toContain('Saisines des référents par partenaire');
    expect(pdf.texte).not.toContain('Rendez-vous par motif');
    expect(pdf.texte).not.toContain('MSA');
  });

  it('refuses a référent any other partner, département or place, in the page and the files', async () => {
    const { caf, msa, site92, s92 } = ids;
    for (const [perimetre, statut] of [
      ['departement:92', 403],
      ['nation', 403],
      ['region:11', 403],
      [`partenaire:${msa}:92`, 403],
      [`partenaire:${msa}`, 403],
      [`partenaire:${caf}:13`, 403],
      [`site:${site92}`, 404],
      [`structure:${s92}`, 404],
      ['partenaire:caf', 404],
      [`partenaire:${caf}:99`, 404],
    ] as const) {
      expect((await referent92.get(`/rapports?perimetre=${perimetre}&${q}`)).statusCode, perimetre).toBe(statut);
      expect((await referent92.get(`/rapports/export.csv?perimetre=${perimetre}&${q}`)).statusCode).toBe(statut);
    }
    // Their partner over all their départements is 92 alone.
    const tous = await referent92.get(`/rapports/export.csv?perimetre=partenaire:${caf}&${q}`);
    expect(rubrique(tous.body, 'Total')).toEqual([`Sollicitations,${await demandes(caf, '92')}`]);
  });

  it('shows a coordinator of 47 nothing of 92', async () => {
    const page = await coordination47.get(`/rapports?${q}`);
    expect(page.body).toContain('Département 47 – Lot-et-Garonne, 1er trimestre 2026');
    expect(sectionSaisines(page.body)).toContain(`${await cas(null, '47')} saisines créées`);
    expect(page.body).not.toContain('Lieu des référents 92');
    for (const perimetre of ['departement:92', `partenaire:${ids.caf}:92`, `partenaire:${ids.caf}`])
      expect((await coordination47.get(`/rapports?perimetre=${perimetre}&${q}`)).statusCode).toBe(403);
    const caf47 = await coordination47.get(`/rapports/export.csv?perimetre=partenaire:${ids.caf}:47&${q}`);
    expect(rubrique(caf47.body, 'Total')).toEqual([`Sollicitations,${await demandes(ids.caf, '47')}`]);
  });

  it('lets the demo référent of 92 and 13 read both départements together or one at a time', async () => {
    const referent = await clientConnecte(ctx.app, DEMO.referentCaf);
    const page = await referent.get(`/rapports?${q}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('CAF – départements 92, 13, 1er trimestre 2026');
    expect(page.body).toContain(`value="partenaire:${ids.caf}:13"`);
    const csv = (await referent.get(`/rapports/export.csv?perimetre=partenaire:${ids.caf}&${q}`)).body;
    const total = (await demandes(ids.caf, '92')) + (await demandes(ids.caf, '13'));
    expect(rubrique(csv, 'Total')).toEqual([`Sollicitations,${total}`]);
    expect(rubrique(csv, 'Saisines')).toContain(
      `Total – créées,${(await cas(ids.caf, '92')) + (await cas(ids.caf, '13'))}`,
    );
  });
});
