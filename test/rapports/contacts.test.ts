import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Acteur, porteeActivite } from '../../src/modules/portee/index.ts';
import type { LigneContacts } from '../../src/modules/rapports/contacts.ts';
import { rapport } from '../../src/modules/rapports/index.ts';
import { demandesDuRapport } from '../../src/modules/rapports/repo-contacts.ts';
import { acteurDeTest, creerSite, creerStructure, habilitation } from '../fabriques.ts';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';

// Issue 12, point 5: messages written to the sites in the activity report, per site, structure and département:
// received, answered, answered in time, late, the share in time and the median time to the first answer in working
// hours; equal to a direct count of the rows and to a hand computation, within the reader's scope, the same in CSV,
// XLSX and PDF.
//
// Sites open Monday to Friday 9–12 and 14–17 in Paris, first quarter of 2026.

let ctx: Contexte;
let admin: Acteur;
const DU = '2026-01-01';
const AU = '2026-03-31';
const q = `du=${DU}&au=${AU}`;
const ids = { s92: '', s47: '', sDeplacee: '', siteA: '', siteB: '', siteC: '', siteD: '' };

async function demande(
  site: string,
  structure: string,
  departement: string,
  recu: string,
  echeance: string | null,
  suite: { reponse?: string; close?: 'sans_suite' | 'indesirable' } = {},
) {
  const statut = suite.close ? 'close' : suite.reponse ? 'repondue' : 'nouvelle';
  await ctx.sql(
    `insert into demandes_contact (site_id, structure_id, departement, canal, courriel, recu_le, echeance,
       premiere_reponse_le, statut, close_le, issue)
     values ($1, $2, $3, 'formulaire', 'dominique@exemple.fr', $4, $5, $6, $7, $8, $9)`,
    [
      site,
      structure,
      departement,
      recu,
      echeance,
      suite.reponse ?? null,
      statut,
      suite.close ? '2026-02-20T10:00:00+01:00' : null,
      suite.close ?? null,
    ],
  );
}

beforeAll(async () => {
  ctx = await demarrerApp();
  const [a] = await ctx.sql<{ id: string }>(`select id from utilisateurs where courriel = $1`, [DEMO.admin]);
  admin = acteurDeTest(habilitation('admin_national'));
  admin.id = a?.id ?? '';
  ids.s92 = await creerStructure(ctx, '92', 'Structure des messages de Sceaux');
  ids.s47 = await creerStructure(ctx, '47', 'Structure des messages d’Agen');
  ids.sDeplacee = await creerStructure(ctx, '92', 'Structure partie en Lot-et-Garonne');
  ids.siteA = await creerSite(ctx, ids.s92, 'Lieu A des messages');
  ids.siteB = await creerSite(ctx, ids.s92, 'Lieu B des messages');
  ids.siteC = await creerSite(ctx, ids.s47, 'Lieu C des messages d’Agen');
  ids.siteD = await creerSite(ctx, ids.sDeplacee, 'Lieu D des messages');
  await ctx.sql(`update sites set horaires = 'Mo-Fr 09:00-12:00,14:00-17:00' where id = any($1)`, [
    [ids.siteA, ids.siteB, ids.siteC, ids.siteD],
  ]);
  const { s92, s47, siteA, siteB, siteC } = ids;
  // Site A. Monday 10:00, answered Tuesday 10:00: in time, 24 working hours.
  await demande(siteA, s92, '92', '2026-01-12T10:00:00+01:00', '2026-01-15T10:00:00+01:00', {
    reponse: '2026-01-13T10:00:00+01:00',
  });
  // Friday 16:00, answered Monday 10:00: in time, 8 + 10 = 18 working hours (the weekend does not count).
  await demande(siteA, s92, '92', '2026-01-16T16:00:00+01:00', '2026-01-21T16:00:00+01:00', {
    reponse: '2026-01-19T10:00:00+01:00',
  });
  // Monday 10:00, answered Friday 10:00: late, 96 working hours.
  await demande(siteA, s92, '92', '2026-02-02T10:00:00+01:00', '2026-02-05T10:00:00+01:00', {
    reponse: '2026-02-06T10:00:00+01:00',
  });
  // Never answered, still open, due long ago: late.
  await demande(siteA, s92, '92', '2026-02-09T10:00:00+01:00', '2026-02-12T10:00:00+01:00');
  // Closed without an answer: received, not judged. Closed as unwanted: not counted at all.
  await demande(siteA, s92, '92', '2026-02-09T11:00:00+01:00', '2026-02-12T11:00:00+01:00', { close: 'sans_suite' });
  await demande(siteA, s92, '92', '2026-02-09T12:00:00+01:00', '2026-02-12T12:00:00+01:00', { close: 'indesirable' });
  // The site's day decides: 23:30 on 31 March is in the quarter (answered 1 April 10:00: 0.5 + 10 = 10.5 hours),
  // 00:30 on 1 April is not.
  await demande(siteA, s92, '92', '2026-03-31T23:30:00+02:00', '2026-04-03T23:30:00+02:00', {
    reponse: '2026-04-01T10:00:00+02:00',
  });
  await demande(siteA, s92, '92', '2026-04-01T00:30:00+02:00', '2026-04-06T00:00:00+02:00');
  // Site B: answered the same day after 5 hours.
  await demande(siteB, s92, '92', '2026-01-14T10:00:00+01:00', '2026-01-19T10:00:00+01:00', {
    reponse: '2026-01-14T15:00:00+01:00',
  });
  // Site C, Agen: answered after 1 hour.
  await demande(siteC, s47, '47', '2026-01-12T10:00:00+01:00', '2026-01-15T10:00:00+01:00', {
    reponse: '2026-01-12T11:00:00+01:00',
  });
  // Site D: received while its structure was in the Hauts-de-Seine, which has since moved to Lot-et-Garonne: the
  // request keeps the département copied at receipt.
  await demande(ids.siteD, ids.sDeplacee, '92', '2026-01-12T10:00:00+01:00', '2026-01-15T10:00:00+01:00', {
    reponse: '2026-01-12T12:00:00+01:00',
  });
  await ctx.sql(`update structures set departement = '47' where id = $1`, [ids.sDeplacee]);
});
afterAll(() => ctx.fermer());

/** Received, answered, in time and late counted straight from the rows, per site, for a condition on `d`. */
async function direct(condition: string) {
  const lignes = await ctx.sql<Record<string, string>>(
    `select d.site_id as cle, count(*) as recues,
       count(*) filter (where d.premiere_reponse_le is not null) as repondues,
       count(*) filter (where d.premiere_reponse_le <= d.echeance) as dans_delai,
       count(*) filter (where d.premiere_reponse_le > d.echeance
         or (d.premiere_reponse_le is null and d.statut <> 'close' and d.echeance <= now())) as en_retard
     from demandes_contact d join sites si on si.id = d.site_id
     where ${condition} and (d.recu_le at time zone si.fuseau_horaire)::date between $1 and $2
       and d.issue is distinct from 'indesirable'
     group by 1`,
    [DU, AU],
  );
  return new Map(
    lignes.map((l) => [l.cle, [l.recues, l.repondues, l.dans_delai, l.en_retard].map(Number) as number[]]),
  );
}

const figures = (lignes: LigneContacts[]) =>
  new Map(lignes.map((l) => [l.cle, [l.recues, l.repondues, l.dansDelai, l.enRetard]]));

describe('messages written to the sites in the activity report', () => {
  it('counts per site what a direct SQL count finds, and the share and median a hand computation gives', async () => {
    const r = await rapport(ctx.database.db, admin, { type: 'structure', id: ids.s92 }, { du: DU, au: AU });
    const c = r.contacts;
    expect(figures(c.sites)).toEqual(await direct(`d.structure_id = '${ids.s92}'`));
    const a = c.sites.find((l) => l.cle === ids.siteA);
    // By hand: 6 received (the unwanted one and the one of 1 April left out), 4 answered, 3 in time, 2 late.
    expect(a).toMatchObject({ recues: 6, repondues: 4, dansDelai: 3, enRetard: 2, libelle: 'Lieu A des messages' });
    expect(a?.part).toBeCloseTo(3 / 5);
    // Working hours to the first answer: 24, 18, 96 and 10.5; the median is (18 + 24) / 2.
    expect(a?.mediane).toBe(21);
    expect(c.sites.find((l) => l.cle === ids.siteB)).toMatchObject({ recues: 1, dansDelai: 1, mediane: 5 });
    expect(c.structures).toHaveLength(1);
    expect(c.total).toMatchObject({ recues: 7, repondues: 5, dansDelai: 4, enRetard: 2, mediane: 18 });
    expect(c.total.part).toBeCloseTo(4 / 6);

    // Above a structure, through the département copied on each request.
    const departement = await rapport(ctx.database.db, admin, { type: 'departement', code: '92' }, { du: DU, au: AU });
    expect(figures(departement.contacts.sites)).toEqual(await direct(`d.departement = '92'`));
    expect(departement.contacts.sites.some((l) => l.cle === ids.siteD)).toBe(true);
    const agen = await rapport(ctx.database.db, admin, { type: 'departement', code: '47' }, { du: DU, au: AU });
    expect(agen.contacts.sites.map((l) => l.cle)).not.toContain(ids.siteD);
    const nation = await rapport(ctx.database.db, admin, { type: 'nation' }, { du: DU, au: AU });
    expect(figures(nation.contacts.sites)).toEqual(await direct('true'));
    expect(nation.contacts.departements.find((l) => l.cle === '47')?.libelle).toBe('47 – Lot-et-Garonne');
  });

  it('leaves out a request not yet due and not answered', async () => {
    // On 10 February at noon, the request of 9 February is not due yet: it is neither in time nor late.
    const avant = new Date('2026-02-10T12:00:00+01:00');
    const r = await rapport(ctx.database.db, admin, { type: 'site', id: ids.siteA }, { du: DU, au: AU }, avant);
    expect(r.contacts.total).toMatchObject({ recues: 6, dansDelai: 3, enRetard: 1 });
  });

  it('shows the tables and the definitions on the page', async () => {
    const client = await clientConnecte(ctx.app, DEMO.coordination);
    const r = await client.get(`/rapports?perimetre=structure:${ids.s92}&${q}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<h2 id="messages" class="fr-h4">Messages écrits aux lieux</h2>');
    expect(r.body).toContain('<caption>Messages par lieu</caption>');
    expect(r.body).toMatch(
      /<th scope="row">Lieu A des messages<\/th><td>6<\/td><td>4<\/td><td>3<\/td><td>2<\/td><td>60,0\s%<\/td><td>21,0\sh<\/td>/,
    );
    expect(r.body).toContain('Dans le délai : première réponse envoyée au plus tard à l’échéance');
    expect(r.body).toContain('un message encore dans son délai ou clos sans réponse n’y entre pas');
    expect(r.body).not.toContain('Lieu C des messages');
  });

  it('keeps to the reader’s scope: a coordinator of another département sees nothing', async () => {
    const coordination = await clientConnecte(ctx.app, DEMO.coordination);
    expect((await coordination.get(`/rapports?perimetre=structure:${ids.s47}&${q}`)).statusCode).toBe(404);
    expect((await coordination.get(`/rapports?perimetre=site:${ids.siteC}&${q}`)).statusCode).toBe(404);
    expect((await coordination.get(`/rapports?perimetre=departement:47&${q}`)).statusCode).toBe(403);
    expect((await coordination.get(`/rapports/export.csv?perimetre=departement:47&${q}`)).statusCode).toBe(403);
    const departement = await coordination.get(`/rapports?perimetre=departement:92&${q}`);
    expect(departement.body).toContain('Lieu A des messages');
    expect(departement.body).not.toContain('Lieu C des messages');

    // The repo puts the scope in its WHERE clause, whatever the target asked for.
    const periode = { du: DU, au: AU };
    const ailleurs = porteeActivite(acteurDeTest(habilitation('coordinateur', { departements: ['13'] })));
    expect(await demandesDuRapport(ctx.database.db, ailleurs, { departements: null }, periode)).toEqual([]);
    expect(await demandesDuRapport(ctx.database.db, ailleurs, { structureId: ids.s92 }, periode)).toEqual([]);
    const gestionnaire = porteeActivite(acteurDeTest(habilitation('gestionnaire', { structureId: ids.s47 })));
    expect(await demandesDuRapport(ctx.database.db, gestionnaire, { siteId: ids.siteA }, periode)).toEqual([]);
    const lot = porteeActivite(acteurDeTest(habilitation('coordinateur', { departements: ['47'] })));
    const vus = await demandesDuRapport(ctx.database.db, lot, { departements: null }, periode);
    expect(new Set(vus.map((d) => d.siteId))).toEqual(new Set([ids.siteC]));
  });

  it('exports the same figures as CSV, XLSX and PDF', async () => {
    const client = await clientConnecte(ctx.app, DEMO.coordination);
    const requete = `perimetre=structure:${ids.s92}&${q}`;
    const csv = (await client.get(`/rapports/export.csv?${requete}`)).body;
    expect(csv).toContain('Messages,Total – reçus,7,,');
    expect(csv).toContain('Messages,Total – en retard,2,,');
    expect(csv).toContain('Messages,Total – part dans le délai (%),66.7,,');
    expect(csv).toContain('Messages,Total – délai médian (heures ouvrées),18,,');
    expect(csv).toContain('Messages par lieu,Lieu A des messages – dans le délai,3,,');
    expect(csv).toContain('Messages par lieu,Lieu A des messages – délai médian (heures ouvrées),21,,');

    const xlsx = await client.get(`/rapports/export.xlsx?${requete}`);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const feuille = classeur.getWorksheet('Messages');
    if (!feuille) throw new Error('no "Messages" sheet');
    const valeurs = (n: number) => (feuille.getRow(n).values as unknown[]).slice(1);
    expect(valeurs(1)).toEqual([
      'Rubrique',
      'Libellé',
      'Reçus',
      'Répondus',
      'Dans le délai',
      'En retard',
      'Part dans le délai',
      'Délai médian de première réponse (heures ouvrées)',
    ]);
    expect(valeurs(2).slice(0, 6)).toEqual(['Total', 'Total', 7, 5, 4, 2]);
    expect(valeurs(2)[6]).toBeCloseTo(4 / 6);
    expect(valeurs(2)[7]).toBe(18);
    const ligneA = Array.from({ length: feuille.rowCount }, (_, i) => valeurs(i + 1)).find(
      (v) => v[1] === 'Lieu A des messages',
    );
    expect(ligneA).toEqual(['Lieu', 'Lieu A des messages', 6, 4, 3, 2, 0.6, 21]);

    const pdf = await client.get(`/rapports/rapport.pdf?${requete}`);
    const { texte } = await lirePdf(pdf.rawPayload);
    expect(texte).toContain('Messages par lieu');
    expect(texte).toContain('Lieu A des messages 6 4 3 2 60,0 % 21,0 h');
    expect(texte).toContain('Total 7 5 4 2 66,7 % 18,0 h');
  });
});
