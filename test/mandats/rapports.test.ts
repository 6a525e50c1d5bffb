import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nouvelleReference } from '../../src/modules/mandats/index.ts';
import { rapport } from '../../src/modules/rapports/index.ts';
import type { LigneMandats } from '../../src/modules/rapports/mandats.ts';
import { porteeMandatsRapport } from '../../src/modules/rapports/repo-mandats.ts';
import { acteurDeTest, creerSite, creerStructure, habilitation } from '../fabriques.ts';
import { type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { lirePdf } from '../pdf.ts';

// Issue 14: mandates in the activity report, per structure: signed in the period, active at its end, revoked (by an
// agent, by the person) and expired in it, on the site's calendar; anonymised mandates counted, never a name; for
// managers (their structures), coordinators (their départements) and the national administration only; the same in
// CSV, XLSX and PDF. First quarter of 2026, Paris time.

let ctx: Contexte;
const DU = '2026-01-01';
const AU = '2026-03-31';
const periode = { du: DU, au: AU };
const MAINTENANT = new Date('2026-05-15T12:00:00Z');
const ids = { s92: '', s47: '', site92: '', site47: '', c92: '', c47: '' };
const STRUCTURE_92 = 'Structure des mandats de Sceaux';
const STRUCTURE_47 = 'Structure des mandats d’Agen';

async function citoyen(structureId: string, siteId: string): Promise<string> {
  const [c] = await ctx.sql<{ id: string }>(
    `insert into citoyens (structure_id, site_id, prenom, nom, date_naissance, base_legale, cree_par)
     values ($1, $2, 'Łukasz', 'Ştefănescu-Nguyễn', '1970-01-01', 'mandat', gen_random_uuid()) returning id`,
    [structureId, siteId],
  );
  return c?.id as string;
}

interface Mandat {
  a: '92' | '47';
  /** Signed at (null: a draft). */
  signe: string | null;
  mois?: number;
  statut?: 'brouillon' | 'actif' | 'expire' | 'revoque';
  termine?: string;
  origine?: 'agent' | 'code' | 'lien';
  anonymise?: boolean;
}

async function mandat(m: Mandat): Promise<void> {
  const [structure, site, c] = m.a === '92' ? [ids.s92, ids.site92, ids.c92] : [ids.s47, ids.site47, ids.c47];
  await ctx.sql(
    `insert into mandats (reference, structure_id, site_id, citoyen_id, duree, statut, piece_identite, version_notice,
       empreinte_texte, empreinte_code, cree_par, cree_le, signe_le, debut, fin, termine_le, origine_revocation,
       anonymise_le)
     values ($1, $2, $3, case when $10 then null else $4::uuid end, 'douze_mois', $5::statut_mandat, 'passeport',
       '2026-1', repeat('a', 64), case when $10 then null else repeat('b', 64) end, gen_random_uuid(),
       coalesce($6::timestamptz, '2026-01-01'), $6::timestamptz, $6::timestamptz,
       $6::timestamptz + make_interval(months => $7), $8::timestamptz, $9::origine_revocation,
       case when $10 then now() end)`,
    [
      nouvelleReference('M'),
      structure,
      site,
      c,
      m.statut ?? 'actif',
      m.signe,
      m.mois ?? 12,
      m.termine ?? null,
      m.origine ?? null,
      m.anonymise ?? false,
    ],
  );
}

beforeAll(async () => {
  ctx = await demarrerApp();
  ids.s92 = await creerStructure(ctx, '92', STRUCTURE_92);
  ids.s47 = await creerStructure(ctx, '47', STRUCTURE_47);
  ids.site92 = await creerSite(ctx, ids.s92, 'Lieu des mandats 92');
  ids.site47 = await creerSite(ctx, ids.s47, 'Lieu des mandats 47');
  ids.c92 = await citoyen(ids.s92, ids.site92);
  ids.c47 = await citoyen(ids.s47, ids.site47);
  // 92: signed in the period and still active.
  await mandat({ a: '92', signe: '2026-01-10T10:00:00+01:00' });
  // Signed before, revoked by an agent in the period.
  await mandat({
    a: '92',
    signe: '2025-12-01T10:00:00+01:00',
    statut: 'revoque',
    termine: '2026-02-01T10:00:00+01:00',
    origine: 'agent',
  });
  // Signed in the period, revoked by the person with their code in it.
  await mandat({
    a: '92',
    signe: '2026-02-01T10:00:00+01:00',
    statut: 'revoque',
    termine: '2026-03-01T10:00:00+01:00',
    origine: 'code',
  });
  // One month, signed and expired in the period, then anonymised: still counted.
  await mandat({
    a: '92',
    signe: '2026-01-05T10:00:00+01:00',
    mois: 1,
    statut: 'expire',
    termine: '2026-02-05T10:00:00+01:00',
    anonymise: true,
  });
  // The last evening of the period in Paris (21:30 UTC): signed in it, active at its end.
  await mandat({ a: '92', signe: '2026-03-31T23:30:00+02:00' });
  // Half an hour after the period in Paris (still 31 March in UTC): neither signed in it nor active at its end.
  await mandat({ a: '92', signe: '2026-04-01T00:30:00+02:00' });
  // Signed in the period, revoked by the link after it: active at its end, not revoked in it.
  await mandat({
    a: '92',
    signe: '2026-01-20T10:00:00+01:00',
    statut: 'revoque',
    termine: '2026-04-02T10:00:00+02:00',
    origine: 'lien',
  });
  // A draft never signed counts nowhere.
  await mandat({ a: '92', signe: null, statut: 'brouillon' });
  // 47: one signed in the period.
  await mandat({ a: '47', signe: '2026-02-10T10:00:00+01:00' });
});
afterAll(() => ctx?.fermer());

const chiffres = (l: LigneMandats | undefined) =>
  l && [l.signes, l.actifs, l.revoquesAgent, l.revoquesPersonne, l.expires];

describe('mandates in the activity report', () => {
  it('counts per structure what was signed, active at the end, revoked by whom and expired, anonymised ones too', async () => {
    const admin = acteurDeTest(habilitation('admin_national'));
    const r = await rapport(ctx.database.db, admin, { type: 'nation' }, periode, MAINTENANT);
    const ligne = (nom: string) => r.mandats?.structures.find((l) => l.libelle === nom);
    expect(chiffres(ligne(STRUCTURE_92))).toEqual([5, 3, 1, 1, 1]);
    expect(chiffres(ligne(STRUCTURE_47))).toEqual([1, 1, 0, 0, 0]);
    expect(chiffres(r.mandats?.total)).toEqual([6, 4, 1, 1, 1]);
    // A period still running counts the mandates active today.
    const enCours = await rapport(
      ctx.database.db,
      admin,
      { type: 'structure', id: ids.s92 },
      { du: '2026-04-01', au: '2026-06-30' },
      MAINTENANT,
    );
    expect(chiffres(enCours.mandats?.total)).toEqual([1, 3, 0, 1, 0]);
  });

  it('stays within the reader’s scope, and agents and référents get no section', async () => {
    const coordination47 = acteurDeTest(habilitation('coordinateur', { departements: ['47'] }));
    const r47 = await rapport(
      ctx.database.db,
      coordination47,
      { type: 'departement', code: '47' },
      periode,
      MAINTENANT,
    );
    expect(r47.mandats?.structures.map((l) => l.libelle)).toEqual([STRUCTURE_47]);
    const gestion92 = acteurDeTest(habilitation('gestionnaire', { structureId: ids.s92 }));
    const r92 = await rapport(ctx.database.db, gestion92, { type: 'structure', id: ids.s92 }, periode, MAINTENANT);
    expect(chiffres(r92.mandats?.total)).toEqual([5, 3, 1, 1, 1]);
    const agent = acteurDeTest(habilitation('agent', { structureId: ids.s92 }));
    const rAgent = await rapport(ctx.database.db, agent, { type: 'structure', id: ids.s92 }, periode, MAINTENANT);
    expect(rAgent.mandats).toBeNull();
    const referent = acteurDeTest(habilitation('referent', { partenaireId: 'caf', departements: ['92'] }));
    expect(porteeMandatsRapport(referent)).toBeNull();

    const q = `perimetre=structure:${ids.s92}&du=${DU}&au=${AU}`;
    const pageAgent = await (await clientConnecte(ctx.app, DEMO.agentSceaux)).get(`/rapports?du=${DU}&au=${AU}`);
    expect(pageAgent.statusCode).toBe(200);
    expect(pageAgent.body).not.toContain('id="mandats"');
    // Agen's manager cannot open a report of another structure.
    const gestionAgen = await clientConnecte(ctx.app, DEMO.gestionAgen);
    expect((await gestionAgen.get(`/rapports?${q}`)).statusCode).toBeGreaterThanOrEqual(403);
  });

  it('shows the counts on the page, in CSV, XLSX and PDF, never a name', async () => {
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    const q = `perimetre=departement:92&du=${DU}&au=${AU}`;
    const page = (await admin.get(`/rapports?${q}`)).body;
    expect(page).toContain('Mandats par structure');
    expect(page).toContain(STRUCTURE_92);
    expect(page).not.toContain('Ştefănescu');

    const csv = (await admin.get(`/rapports/export.csv?${q}`)).body;
    expect(csv).toContain('Mandats,Total – signés,5,,');
    expect(csv).toContain(`Mandats par structure,${STRUCTURE_92} – révoqués par la personne,1,,`);
    expect(csv).not.toContain('Ştefănescu');

    const xlsx = await admin.get(`/rapports/export.xlsx?${q}`);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const feuille = classeur.getWorksheet('Mandats');
    const ligne = (n: number) => ((feuille?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(ligne(2)).toEqual(['Total', 'Total', 5, 3, 1, 1, 1]);
    expect(ligne(3)).toEqual(['Structure', STRUCTURE_92, 5, 3, 1, 1, 1]);

    const pdf = await lirePdf((await admin.get(`/rapports/rapport.pdf?${q}`)).rawPayload);
    expect(pdf.texte).toContain('Mandats par structure');
    expect(pdf.texte).toMatch(/Total 5 3 1 1 1/);
    expect(pdf.texte).not.toContain('Ştefănescu');
  });
});
