import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargerMandatsDemo } from '../../src/demo/mandats.ts';
import { codeRevocation, empreinteCodeRevocation, verifierJournal } from '../../src/modules/mandats/index.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// The demo mandates at Sceaux (issue 14, point 9), loaded with the demo data of the test template: one active, one
// expired and one revoked, for people whose names are in three scripts, each with its journal in a valid chain; a
// request and a case done under the active one; a breach in Sceaux's register; loaded once.

let ctx: Contexte;
const JOUR = 86_400_000;

beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx?.fermer());

type Ligne = {
  id: string;
  statut: string;
  duree: string;
  signe_le: Date;
  fin: Date;
  termine_le: Date | null;
  origine_revocation: string | null;
  empreinte_code: string;
  nom: string;
  courriel: string | null;
  partenaires: string[];
  actions: string[];
};
const mandats = () =>
  ctx.sql<Ligne>(
    `select m.id, m.statut, m.duree, m.signe_le, m.fin, m.termine_le, m.origine_revocation, m.empreinte_code,
       c.prenom || ' ' || c.nom as nom, c.courriel,
       (select array_agg(p.code order by p.code) from perimetres_mandats pm join partenaires p on p.id = pm.partenaire_id
         where pm.mandat_id = m.id) as partenaires,
       (select array_agg(j.action order by j.numero) from journal_mandats j where j.mandat_id = m.id) as actions
     from mandats m join citoyens c on c.id = m.citoyen_id join sites s on s.id = m.site_id
     where s.nom = 'France services de Sceaux' order by m.statut`,
  );
const ilYA = (d: Date) => (Date.now() - new Date(d).getTime()) / JOUR;

describe('demo mandates at Sceaux', () => {
  it('holds one active, one expired and one revoked mandate, each with its journal in a valid chain', async () => {
    const liste = await mandats();
    expect(liste.map((m) => m.statut)).toEqual(['actif', 'expire', 'revoque']);
    const [actif, expire, revoque] = liste as [Ligne, Ligne, Ligne];
    expect(liste.map((m) => m.nom).sort()).toEqual(['Łukasz Ştefănescu-Nguyễn', 'محمد الأحمد', '小龙 李'].sort());

    expect(actif).toMatchObject({ duree: 'douze_mois', partenaires: ['assurance-maladie', 'caf'], termine_le: null });
    expect(actif.courriel).toMatch(/@example\.org$/);
    expect(Math.round(ilYA(actif.signe_le))).toBe(21);
    expect(actif.actions).toEqual([
      'mandat.cree',
      'mandat.imprime',
      'mandat.signe',
      'mandat.active',
      'sollicitation.enregistree',
      'saisine.creee',
    ]);
    expect(expire).toMatchObject({ duree: 'mois', origine_revocation: null });
    expect(Math.round(ilYA(expire.termine_le as Date))).toBe(14);
    expect(new Date(expire.fin).getTime()).toBe(new Date(expire.termine_le as Date).getTime());
    expect(expire.actions.at(-1)).toBe('mandat.expire');
    expect(revoque).toMatchObject({ origine_revocation: 'code' });
    expect(Math.round(ilYA(revoque.termine_le as Date))).toBe(5);
    expect(revoque.actions.at(-1)).toBe('mandat.revoque');

    // The code printed on each citizen's original is the one the public page accepts.
    for (const m of liste)
      expect(m.empreinte_code).toBe(empreinteCodeRevocation(codeRevocation(ctx.config.sessionSecret, m.id)));
    const bilan = await verifierJournal(ctx.database.db);
    expect(bilan.rupture).toBeNull();
    expect(bilan.entrees).toBeGreaterThanOrEqual(15);
  });

  it('links a request and a demo case to the active mandate, and gives the person of a case on consent a record', async () => {
    const [actif] = await mandats();
    const [sollicitation] = await ctx.sql<{ citoyen_id: string }>(
      `select citoyen_id from sollicitations where mandat_id = $1`,
      [actif?.id],
    );
    expect(sollicitation?.citoyen_id).toBeTruthy();
    const cas = await ctx.sql<{ base_legale: string; nom: string; statut: string }>(
      `select base_legale, prenom || ' ' || nom as nom, statut from saisines where mandat_id = $1`,
      [actif?.id],
    );
    expect(cas).toEqual([{ base_legale: 'mandat', nom: actif?.nom, statut: 'prise_en_charge' }]);
    const consentement = await ctx.sql<{ nom: string }>(
      `select c.prenom || ' ' || c.nom as nom from citoyens c join saisines s on s.citoyen_id = c.id
       where c.base_legale = 'consentement'`,
    );
    expect(consentement).toEqual([{ nom: 'Josiane Perrin' }]);
  });

  it('holds an open breach in Sceaux’s register discovered 30 hours before the load', async () => {
    const lignes = await ctx.sql<{ statut: string; decouverte_le: Date }>(
      `select v.statut, v.decouverte_le from violations v
       where v.structure_id = (select structure_id from sites where nom = 'France services de Sceaux')`,
    );
    expect(lignes).toHaveLength(1);
    expect(lignes[0]?.statut).toBe('ouverte');
    const heures = ilYA(lignes[0]?.decouverte_le as Date) * 24;
    expect(heures).toBeGreaterThanOrEqual(30);
    expect(heures).toBeLessThan(31);
  });

  it('is loaded once, and queues no message', async () => {
    const compter = async () =>
      (
        await ctx.sql<{ n: number }>(
          `select (select count(*) from mandats) + (select count(*) from citoyens) + (select count(*) from violations)
             + (select count(*) from journal_mandats) as n`,
        )
      )[0]?.n;
    const avant = await compter();
    await ctx.database.db.transaction((tx) => chargerMandatsDemo(tx, ctx.config.sessionSecret));
    expect(await compter()).toBe(avant);
    expect(await ctx.sql(`select 1 from messages where modele like 'mandats.%' or modele like 'violations.%'`)).toEqual(
      [],
    );
  });
});
