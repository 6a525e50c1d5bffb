import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rapport } from '../../src/modules/rapports/index.ts';
import type { LigneSaisines } from '../../src/modules/rapports/saisines.ts';
import { joursOuvresEntre, porteeSaisines } from '../../src/modules/rapports/service-saisines.ts';
import { acteurDeTest, creerSite, creerStructure, habilitation } from '../fabriques.ts';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';
import { partenaire, saisine, sectionSaisines } from './saisines-fabrique.ts';

// Issue 13, point 6: cases handed to partners' référents in the activity report, per partner and per département:
// created, answered, median time to the first answer in hours and in working days, share resolved among the closed,
// share late among the judged, outcomes; equal to a hand computation and to a direct count of the rows, within the
// reader's scope, the same in CSV, XLSX and PDF. First quarter of 2026, Paris time.

let ctx: Contexte;
const DU = '2026-01-01';
const AU = '2026-03-31';
const periode = { du: DU, au: AU };
const MAINTENANT = new Date('2026-05-15T12:00:00Z');
const admin = acteurDeTest(habilitation('admin_national'));
const ids = { caf: '', msa: '', s92: '', s13: '', s47: '', site92: '', site13: '', site47: '' };

beforeAll(async () => {
  ctx = await demarrerApp();
  ids.caf = await partenaire(ctx, 'caf');
  ids.msa = await partenaire(ctx, 'msa');
  ids.s92 = await creerStructure(ctx, '92', 'Structure des saisines de Sceaux');
  ids.s13 = await creerStructure(ctx, '13', 'Structure des saisines d’Aix');
  ids.s47 = await creerStructure(ctx, '47', 'Structure des saisines d’Agen');
  ids.site92 = await creerSite(ctx, ids.s92, 'Lieu des saisines 92');
  ids.site13 = await creerSite(ctx, ids.s13, 'Lieu des saisines 13');
  ids.site47 = await creerSite(ctx, ids.s47, 'Lieu des saisines 47');
  const { caf, msa, site92, site13, site47 } = ids;
  // 1. Monday 10:00, answered Tuesday 10:00 (24 h, 1 working day), closed « droit ouvert »: in time.
  await saisine(ctx, {
    siteId: site92,
    partenaireId: caf,
    creeLe: '2026-01-12T10:00:00+01:00',
    echeance: '2026-01-19T23:59:59+01:00',
    reponse: '2026-01-13T10:00:00+01:00',
    cloture: { le: '2026-01-20T10:00:00+01:00', issue: 'droit_ouvert_ou_retabli' },
  });
  // 2. Friday 16:00, answered Monday 10:00 (66 h, 1 working day: the weekend does not count), « dossier débloqué ».
  await saisine(ctx, {
    siteId: site92,
    partenaireId: caf,
    creeLe: '2026-01-16T16:00:00+01:00',
    echeance: '2026-01-23T23:59:59+01:00',
    reponse: '2026-01-19T10:00:00+01:00',
    cloture: { le: '2026-01-26T10:00:00+01:00', issue: 'dossier_debloque' },
  });
  // 3. Monday 2 February, answered Thursday 12 (240 h, 8 working days) after its deadline: late; « réorienté ».
  await saisine(ctx, {
    siteId: site92,
    partenaireId: caf,
    creeLe: '2026-02-02T10:00:00+01:00',
    echeance: '2026-02-09T23:59:59+01:00',
    reponse: '2026-02-12T10:00:00+01:00',
    cloture: { le: '2026-02-13T10:00:00+01:00', issue: 'reoriente' },
  });
  // 4. Never answered, still open, its deadline long gone: late.
  await saisine(ctx, {
    siteId: site92,
    partenaireId: caf,
    creeLe: '2026-03-02T10:00:00+01:00',
    echeance: '2026-03-09T23:59:59+01:00',
  });
  // 5. Not answered, its deadline still to come: not judged.
  await saisine(ctx, {
    siteId: site92,
    partenaireId: caf,
    creeLe: '2026-03-30T10:00:00+02:00',
    echeance: '2036-04-06T23:59:59+02:00',
  });
  // 6. Tuesday 31 March, answered Tuesday 7 April (168 h; Easter Monday the 6th is a holiday: 4 working days).
  await saisine(ctx, {
    siteId: site92,
    partenaireId: caf,
    creeLe: '2026-03-31T10:00:00+02:00',
    echeance: '2026-04-08T23:59:59+02:00',
    reponse: '2026-04-07T10:00:00+02:00',
  });
  // 7. Closed « sans suite » without an answer after its deadline: late.
  await saisine(ctx, {
    siteId: site92,
    partenaireId: caf,
    creeLe: '2026-01-05T10:00:00+01:00',
    echeance: '2026-01-12T23:59:59+01:00',
    cloture: { le: '2026-01-20T10:00:00+01:00', issue: 'sans_suite' },
  });
  // 8. MSA, answered the same day (5 h, 0 working day), « droit ouvert ».
  await saisine(ctx, {
    siteId: site92,
    partenaireId: msa,
    creeLe: '2026-01-14T10:00:00+01:00',
    echeance: '2026-01-21T23:59:59+01:00',
    reponse: '2026-01-14T15:00:00+01:00',
    cloture: { le: '2026-01-15T10:00:00+01:00', issue: 'droit_ouvert_ou_retabli' },
  });
  // Elsewhere: CAF in 13 and in 47; a case of the 92 site created before the period.
  await saisine(ctx, {
    siteId: site13,
    partenaireId: caf,
    creeLe: '2026-02-10T10:00:00+01:00',
    echeance: '2026-02-17T23:59:59+01:00',
    reponse: '2026-02-11T10:00:00+01:00',
  });
  await saisine(ctx, {
    siteId: site47,
    partenaireId: caf,
    creeLe: '2026-02-10T10:00:00+01:00',
    echeance: '2026-02-17T23:59:59+01:00',
    reponse: '2026-02-20T10:00:00+01:00',
  });
  await saisine(ctx, {
    siteId: site92,
    partenaireId: caf,
    creeLe: '2025-12-15T10:00:00+01:00',
    echeance: '2025-12-22T23:59:59+01:00',
  });
});
afterAll(async () => {
  await ctx?.fermer();
});

/** The figures of a line a direct count can give (medians aside). */
const comptes = (l: LigneSaisines | undefined) =>
  l && {
    creees: l.creees,
    repondues: l.repondues,
    cloturees: l.cloturees,
    resolues: l.resolues,
    dansDelai: l.dansDelai,
    enRetard: l.enRetard,
    issues: l.issues,
  };

/** The same figures straight from the rows, per partner, with a condition on `s` (saisines) and `si` (its site). */
async function direct(condition: string) {
  const lignes = await ctx.sql<Record<string, string>>(
    `select s.partenaire_id as cle, count(*) as creees, count(s.premiere_reponse_le) as repondues,
       count(*) filter (where s.statut = 'cloturee') as cloturees,
       count(*) filter (where s.issue in ('droit_ouvert_ou_retabli', 'dossier_debloque')) as resolues,
       count(*) filter (where s.premiere_reponse_le <= s.echeance) as dans_delai,
       count(*) filter (where s.premiere_reponse_le > s.echeance
         or (s.premiere_reponse_le is null and coalesce(s.cloture_le, $3::timestamptz) > s.echeance)) as en_retard,
       count(*) filter (where s.issue = 'droit_ouvert_ou_retabli') as i1,
       count(*) filter (where s.issue = 'dossier_debloque') as i2,
       count(*) filter (where s.issue = 'reoriente') as i3,
       count(*) filter (where s.issue = 'sans_suite') as i4
     from saisines s join sites si on si.id = s.site_id
     where (s.cree_le at time zone si.fuseau_horaire)::date between $1 and $2 and ${condition}
     group by 1`,
    [DU, AU, MAINTENANT],
  );
  const n = (v: string | undefined) => Number(v ?? 0);
  return new Map(
    lignes.map((x) => [
      x.cle,
      {
        creees: n(x.creees),
        repondues: n(x.repondues),
        cloturees: n(x.cloturees),
        resolues: n(x.resolues),
        dansDelai: n(x.dans_delai),
        enRetard: n(x.en_retard),
        issues: {
          droit_ouvert_ou_retabli: n(x.i1),
          dossier_debloque: n(x.i2),
          reoriente: n(x.i3),
          sans_suite: n(x.i4),
        },
      },
    ]),
  );
}

describe('cases in the activity report', () => {
  it('gives per partner and in total the figures of a hand count, medians in hours and working days', async () => {
    const r = await rapport(ctx.database.db, admin, { type: 'structure', id: ids.s92 }, periode, MAINTENANT);
    const s = r.saisines;
    expect(s?.total).toMatchObject({
      creees: 8,
      repondues: 5,
      medianeHeures: 66,
      medianeJours: 1,
      cloturees: 5,
      resolues: 3,
      partResolues: 0.6,
      dansDelai: 4,
      enRetard: 3,
      partRetard: 3 / 7,
      issues: { droit_ouvert_ou_retabli: 2, dossier_debloque: 1, reoriente: 1, sans_suite: 1 },
    });
    expect(s?.partenaires.map((l) => l.libelle)).toEqual(['CAF', 'MSA']);
    expect(s?.partenaires[0]).toMatchObject({
      creees: 7,
      repondues: 4,
      medianeHeures: 117,
      medianeJours: 2.5,
      cloturees: 4,
      partResolues: 0.5,
      dansDelai: 3,
      enRetard: 3,
      partRetard: 0.5,
    });
    expect(s?.partenaires[1]).toMatchObject({ creees: 1, medianeHeures: 5, medianeJours: 0, partResolues: 1 });
    expect(s?.departements.map((l) => l.cle)).toEqual(['92']);
  });

  it('counts working days from the day after creation, skipping weekends and the territory’s holidays', () => {
    const j = (a: string, b: string, dep = '92') => joursOuvresEntre(new Date(a), new Date(b), 'Europe/Paris', dep);
    expect(j('2026-03-31T10:00:00+02:00', '2026-04-07T10:00:00+02:00')).toBe(4);
    expect(j('2026-01-14T10:00:00+01:00', '2026-01-14T23:00:00+01:00')).toBe(0);
    expect(j('2026-01-16T16:00:00+01:00', '2026-01-19T08:00:00+01:00')).toBe(1);
    // 8 May 2026 is a Friday and a holiday everywhere; Alsace-Moselle also rests on Good Friday (3 April).
    expect(j('2026-05-07T10:00:00+02:00', '2026-05-11T10:00:00+02:00')).toBe(1);
    expect(j('2026-04-02T10:00:00+02:00', '2026-04-07T10:00:00+02:00', '57')).toBe(1);
    expect(j('2026-04-02T10:00:00+02:00', '2026-04-07T10:00:00+02:00', '92')).toBe(2);
  });

  it('equals a direct count of the rows for a département and for the nation, per partner', async () => {
    const db = ctx.database.db;
    const departement = await rapport(db, admin, { type: 'departement', code: '92' }, periode, MAINTENANT);
    const attendu92 = await direct(`s.departement = '92'`);
    expect(new Map(departement.saisines?.partenaires.map((l) => [l.cle, comptes(l)]))).toEqual(attendu92);
    const nation = await rapport(db, admin, { type: 'nation' }, periode, MAINTENANT);
    expect(new Map(nation.saisines?.partenaires.map((l) => [l.cle, comptes(l)]))).toEqual(await direct('true'));
    const parDepartement = await ctx.sql<{ departement: string; n: string }>(
      `select s.departement, count(*) as n from saisines s join sites si on si.id = s.site_id
       where (s.cree_le at time zone si.fuseau_horaire)::date between $1 and $2 group by 1`,
      [DU, AU],
    );
    expect(new Map(nation.saisines?.departements.map((l) => [l.cle, l.creees]))).toEqual(
      new Map(parDepartement.map((x) => [x.departement, Number(x.n)])),
    );
    expect(nation.saisines?.departements.find((l) => l.cle === '47')?.libelle).toBe('47 – Lot-et-Garonne');
  });

  it('shows coordinators their départements only, managers and agents no case at all', async () => {
    const db = ctx.database.db;
    const coordination47 = acteurDeTest(habilitation('coordinateur', { departements: ['47'] }));
    const r = await rapport(db, coordination47, { type: 'departement', code: '47' }, periode, MAINTENANT);
    expect(r.saisines?.departements.map((l) => l.cle)).toEqual(['47']);
    expect(new Map(r.saisines?.partenaires.map((l) => [l.cle, comptes(l)]))).toEqual(
      await direct(`s.departement = '47'`),
    );
    await expect(rapport(db, coordination47, { type: 'departement', code: '92' }, periode)).rejects.toThrow();
    const gestion = acteurDeTest(habilitation('gestionnaire', { structureId: ids.s92 }));
    expect(porteeSaisines(gestion)).toBeNull();
    const parGestion = await rapport(db, gestion, { type: 'structure', id: ids.s92 }, periode, MAINTENANT);
    expect(parGestion.saisines).toBeNull();
  });

  it('gives the same figures in the page, CSV, XLSX and PDF', async () => {
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    const q = `perimetre=structure:${ids.s92}&du=${DU}&au=${AU}`;
    const page = await admin.get(`/rapports?${q}`);
    expect(page.statusCode).toBe(200);
    const section = sectionSaisines(page.body);
    expect(section).toContain('Saisines des référents des partenaires');
    expect(section).toContain('8 saisines créées, dont 5 répondues et 5 clôturées.');
    expect(section).toContain('Délai médian de première réponse : 66,0 h (1,0 jour ouvré).');
    expect(section).toContain('Part résolue : 60,0 %. Part en retard : 42,9 %.');
    expect(section).toContain('CAF 7 4 117,0 2,5 4 50,0 % 3 50,0 %');

    const csv = (await admin.get(`/rapports/export.csv?${q}`)).body;
    expect(csv).toContain('Saisines,Total – créées,8,,');
    expect(csv).toContain('Saisines par partenaire,CAF – délai médian de première réponse (jours ouvrés),2.5,,');
    expect(csv).toContain('Saisines par partenaire,CAF – part résolue (%),50,,');
    expect(csv).toContain('Saisines,Total – part en retard (%),42.9,,');
    expect(csv).toContain('Saisines par partenaire,MSA – issue droit ouvert ou rétabli,1,,');

    const xlsx = await admin.get(`/rapports/export.xlsx?${q}`);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const feuille = classeur.getWorksheet('Saisines');
    const ligne = (n: number) => ((feuille?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(ligne(2)).toEqual(['Total', 'Total', 8, 5, 66, 1, 5, 0.6, 3, 3 / 7, 2, 1, 1, 1]);
    expect(ligne(3).slice(0, 4)).toEqual(['Partenaire', 'CAF', 7, 4]);

    const pdf = await lirePdf((await admin.get(`/rapports/rapport.pdf?${q}`)).rawPayload);
    expect(pdf.texte).toContain('Saisines des référents par partenaire');
    expect(pdf.texte).toMatch(/Total 8 5 66,0 1,0 5 60,0 % 3 42,9 %/);
    expect(pdf.texte).toContain('Issues des saisines clôturées, par partenaire');
  });
});
