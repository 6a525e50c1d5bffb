import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Acteur, porteeActivite } from '../../src/modules/portee/index.ts';
import { rapport } from '../../src/modules/rapports/index.ts';
import type { LigneRendezVous } from '../../src/modules/rapports/rendez-vous.ts';
import { compterRendezVous } from '../../src/modules/rapports/repo-rendez-vous.ts';
import { acteurDeTest, creerSite, creerStructure, habilitation } from '../fabriques.ts';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';

// Issue 11, point 5: appointments in the activity report, per site and motif (booked, seen, no-show, cancelled) with
// the no-show rate, equal to a direct count of the rows, within the reader's scope, the same in CSV, XLSX and PDF.

let ctx: Contexte;
let admin: Acteur;
const DU = '2026-01-01';
const AU = '2026-03-31';
const q = `du=${DU}&au=${AU}`;
const ids = { s92: '', s47: '', siteA: '', siteB: '', siteC: '', nomA: '', nomC: '' };
let heure = 0;

/** A motif of a site with one agent receiving it. */
async function motif(site: string, nom: string) {
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal) values ($1, $2, 30, 'sur_place') returning id`,
    [site, nom],
  );
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent', '{"modeles":[]}') returning id`,
    [site],
  );
  await ctx.sql('insert into motif_ressources (motif_id, ressource_id) values ($1, $2)', [m?.id, r?.id]);
  return { site, motif: m?.id as string, ressource: r?.id as string };
}

/** `n` appointments of a motif with a status; each at its own hour in February unless `debut` is given. */
async function rdv(m: { site: string; motif: string; ressource: string }, statut: string, n = 1, debut?: string) {
  for (let i = 0; i < n; i++) {
    const d = debut ?? new Date(Date.UTC(2026, 1, 2, 8) + heure++ * 3_600_000).toISOString();
    await ctx.sql(
      `insert into rendez_vous (site_id, motif_id, ressource_id, debut, fin, occupe, statut, nom, origine)
       values ($1, $2, $3, $4::timestamptz, $4::timestamptz + interval '30 minutes',
         tstzrange($4::timestamptz, $4::timestamptz + interval '30 minutes'), $5, 'Dominique Test', 'guichet')`,
      [m.site, m.motif, m.ressource, d, statut],
    );
  }
}

beforeAll(async () => {
  ctx = await demarrerApp();
  const [a] = await ctx.sql<{ id: string }>(`select id from utilisateurs where courriel = $1`, [DEMO.admin]);
  admin = acteurDeTest(habilitation('admin_national'));
  admin.id = a?.id ?? '';
  ids.s92 = await creerStructure(ctx, '92');
  ids.s47 = await creerStructure(ctx, '47');
  ids.siteA = await creerSite(ctx, ids.s92, 'Lieu A des rendez-vous');
  ids.siteB = await creerSite(ctx, ids.s92, 'Lieu B des rendez-vous');
  ids.siteC = await creerSite(ctx, ids.s47, 'Lieu C d’Agen');
  const carteGrise = await motif(ids.siteA, 'Carte grise');
  const retraite = await motif(ids.siteA, 'Retraite');
  const caf = await motif(ids.siteB, 'Allocations familiales');
  const agen = await motif(ids.siteC, 'Impôts');
  await rdv(carteGrise, 'vu', 6);
  await rdv(carteGrise, 'absent', 2);
  await rdv(carteGrise, 'annule_usager');
  await rdv(carteGrise, 'annule_site');
  await rdv(carteGrise, 'reserve');
  // The site's calendar decides: 23:30 on 31 March in Paris is in the quarter, 00:30 on 1 April (22:30 UTC on
  // 31 March) and 23:30 on 31 December are not.
  await rdv(carteGrise, 'absent', 1, '2026-03-31T23:30:00+02:00');
  await rdv(carteGrise, 'vu', 1, '2026-04-01T00:30:00+02:00');
  await rdv(carteGrise, 'vu', 1, '2025-12-31T23:30:00+01:00');
  await rdv(retraite, 'vu', 3);
  await rdv(retraite, 'absent', 1);
  await rdv(caf, 'vu', 4);
  await rdv(caf, 'annule_usager', 2);
  await rdv(agen, 'vu', 2);
  await rdv(agen, 'absent', 5);
});
afterAll(() => ctx.fermer());

/** The figures counted straight from the rows, per site or per motif, for a condition on `st` (structure). */
async function direct(condition: string, par: 'site_id' | 'motif_id') {
  const lignes = await ctx.sql<Record<string, string>>(
    `select r.${par} as cle, count(*) as reserves,
       count(*) filter (where r.statut = 'vu') as vus, count(*) filter (where r.statut = 'absent') as absents,
       count(*) filter (where r.statut = 'annule_usager') as annules_usager,
       count(*) filter (where r.statut = 'annule_site') as annules_site
     from rendez_vous r join sites si on si.id = r.site_id join structures st on st.id = si.structure_id
     where ${condition} and (r.debut at time zone si.fuseau_horaire)::date between $1 and $2
     group by 1`,
    [DU, AU],
  );
  return new Map(
    lignes.map((l) => [
      l.cle,
      [l.reserves, l.vus, l.absents, l.annules_usager, l.annules_site].map(Number) as number[],
    ]),
  );
}

const figures = (lignes: LigneRendezVous[]) =>
  new Map(lignes.map((l) => [l.cle, [l.reserves, l.vus, l.absents, l.annulesUsager, l.annulesSite]]));

describe('appointments in the activity report', () => {
  it('counts per site and per motif what a direct SQL count finds, the day read on the site’s clock', async () => {
    const r = await rapport(ctx.database.db, admin, { type: 'structure', id: ids.s92 }, { du: DU, au: AU });
    const rdv = r.rendezVous;
    expect(figures(rdv.sites)).toEqual(await direct(`st.id = '${ids.s92}'`, 'site_id'));
    expect(figures(rdv.motifs)).toEqual(await direct(`st.id = '${ids.s92}'`, 'motif_id'));
    // By hand: Carte grise has 6 seen, 3 missed (one at 23:30 on 31 March), 1 + 1 cancelled, 1 still booked.
    const carteGrise = rdv.motifs.find((l) => l.libelle.startsWith('Carte grise'));
    expect(carteGrise).toMatchObject({ reserves: 12, vus: 6, absents: 3, annulesUsager: 1, annulesSite: 1 });
    expect(carteGrise?.nonClotures).toBe(1);
    expect(carteGrise?.taux).toBeCloseTo(3 / 9);
    expect(carteGrise?.libelle).toBe('Carte grise (Lieu A des rendez-vous)');
    expect(rdv.total).toMatchObject({ reserves: 22, vus: 13, absents: 4 });
    expect(rdv.total.taux).toBeCloseTo(4 / 17);
    // A motif without any seen or missed appointment has no rate, not 0 %.
    const site = await rapport(ctx.database.db, admin, { type: 'site', id: ids.siteB }, { du: DU, au: '2026-01-31' });
    expect(site.rendezVous.total.taux).toBeNull();

    const departement = await rapport(ctx.database.db, admin, { type: 'departement', code: '92' }, { du: DU, au: AU });
    expect(figures(departement.rendezVous.sites)).toEqual(await direct(`st.departement = '92'`, 'site_id'));
    const nation = await rapport(ctx.database.db, admin, { type: 'nation' }, { du: DU, au: AU });
    expect(figures(nation.rendezVous.sites)).toEqual(await direct('true', 'site_id'));
  });

  it('shows the tables and the rate with its definition on the page', async () => {
    const client = await clientConnecte(ctx.app, DEMO.coordination);
    const r = await client.get(`/rapports?perimetre=structure:${ids.s92}&${q}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<h2 id="rendez-vous" class="fr-h4">Rendez-vous</h2>');
    expect(r.body).toContain('<caption>Rendez-vous par lieu</caption>');
    expect(r.body).toContain('<caption>Rendez-vous par motif</caption>');
    expect(r.body).toContain(
      '<th scope="row">Carte grise (Lieu A des rendez-vous)</th><td>12</td><td>6</td><td>3</td>',
    );
    expect(r.body).toMatch(/<td>33,3\s%<\/td>/);
    expect(r.body).toContain('Taux d’absence = absents ÷ (vus + absents)');
    expect(r.body).toContain('11,2 %');
    expect(r.body).not.toContain('Lieu C d’Agen');
  });

  it('keeps to the reader’s scope: a coordinator of another département sees nothing', async () => {
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    expect((await coordination.get(`/rapports?perimetre=structure:${ids.s47}&${q}`)).statusCode).toBe(404);
    expect((await coordination.get(`/rapports?perimetre=site:${ids.siteC}&${q}`)).statusCode).toBe(404);
    expect((await coordination.get(`/rapports?perimetre=departement:47&${q}`)).statusCode).toBe(403);
    const departement = await coordination.get(`/rapports?perimetre=departement:92&${q}`);
    expect(departement.body).toContain('Lieu A des rendez-vous');
    expect(departement.body).not.toContain('Lieu C d’Agen');

    // The repo puts the scope in its WHERE clause, whatever the target asked for.
    const periode = { du: DU, au: AU };
    const ailleurs = porteeActivite(acteurDeTest(habilitation('coordinateur', { departements: ['13'] })));
    expect(await compterRendezVous(ctx.database.db, ailleurs, { departements: null }, periode)).toEqual([]);
    expect(await compterRendezVous(ctx.database.db, ailleurs, { structureId: ids.s92 }, periode)).toEqual([]);
    const agen = porteeActivite(acteurDeTest(habilitation('coordinateur', { departements: ['47'] })));
    const vus = await compterRendezVous(ctx.database.db, agen, { departements: null }, periode);
    expect(new Set(vus.map((l) => l.siteId))).toEqual(new Set([ids.siteC]));
    const gestionnaire = porteeActivite(acteurDeTest(habilitation('gestionnaire', { structureId: ids.s47 })));
    expect(await compterRendezVous(ctx.database.db, gestionnaire, { siteId: ids.siteA }, periode)).toEqual([]);
  });

  it('exports the same figures as CSV, XLSX and PDF', async () => {
    const client = await clientConnecte(ctx.app, DEMO.coordination);
    const requete = `perimetre=structure:${ids.s92}&${q}`;
    const csv = (await client.get(`/rapports/export.csv?${requete}`)).body;
    expect(csv).toContain('Rendez-vous,Total – réservés,22,,');
    expect(csv).toContain('Rendez-vous,Total – absents,4,,');
    expect(csv).toContain('Rendez-vous,Total – taux d’absence (%),23.5,,');
    expect(csv).toContain('Rendez-vous par motif,Carte grise (Lieu A des rendez-vous) – absents,3,,');
    expect(csv).toContain('Rendez-vous par lieu,Lieu B des rendez-vous – annulés par l’usager,2,,');

    const xlsx = await client.get(`/rapports/export.xlsx?${requete}`);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const feuille = classeur.getWorksheet('Rendez-vous');
    if (!feuille) throw new Error('no "Rendez-vous" sheet');
    const valeurs = (n: number) => (feuille.getRow(n).values as unknown[]).slice(1);
    expect(valeurs(1)).toEqual([
      'Rubrique',
      'Libellé',
      'Réservés',
      'Vus',
      'Absents',
      'Annulés par l’usager',
      'Annulés par le lieu',
      'Non clôturés',
      'Taux d’absence',
    ]);
    expect(valeurs(2).slice(0, 8)).toEqual(['Total', 'Total', 22, 13, 4, 3, 1, 1]);
    expect(valeurs(2)[8]).toBeCloseTo(4 / 17);
    const ligneCarteGrise = Array.from({ length: feuille.rowCount }, (_, i) => valeurs(i + 1)).find(
      (v) => v[1] === 'Carte grise (Lieu A des rendez-vous)',
    );
    expect(ligneCarteGrise?.slice(0, 5)).toEqual(['Motif', 'Carte grise (Lieu A des rendez-vous)', 12, 6, 3]);

    const pdf = await client.get(`/rapports/rapport.pdf?${requete}`);
    const { texte } = await lirePdf(pdf.rawPayload);
    expect(texte).toContain('Rendez-vous par lieu');
    expect(texte).toContain('Carte grise (Lieu A des rendez-vous) 12 6 3 1 1 1 33,3 %');
    expect(texte).toContain('Total 22 13 4 3 1 1 23,5 %');
  });
});
