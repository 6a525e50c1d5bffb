import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliquerRetention } from '../../src/app/retention.ts';
import { journaliser, nouvelleReference, verifierJournal } from '../../src/modules/mandats/index.ts';
import { creerSollicitation, utilisateurNomme } from '../fabriques.ts';
import { type Contexte, DEMO, demarrerApp } from '../harnais.ts';
import { creerSaisineSql } from '../saisines/outils.ts';

// Issue 14, point 6: an ended mandate is anonymised 5 years after its end (civil limitation, code civil art. 2224), a
// draft never signed after 30 days; a citizen record goes when nothing live refers to it. Time is moved forward by
// running the retention job at a later `maintenant`; the journal keeps its entries and its chain.

let ctx: Contexte;
const ids = { site: '', structure: '', agent: '', caf: '' };
const JOUR = 86_400_000;
const HEURE = 3_600_000;

/** Now moved `ans` calendar years (UTC) and `jours` days forward. */
function plus(ans: number, jours = 0, depuis = new Date()): Date {
  const d = new Date(depuis.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + ans);
  return new Date(d.getTime() + jours * JOUR);
}

beforeAll(async () => {
  ctx = await demarrerApp();
  const [s] = await ctx.sql<{ id: string; structure_id: string }>(
    `select id, structure_id from sites where nom = 'France services de Sceaux'`,
  );
  const [c] = await ctx.sql<{ id: string }>(`select id from partenaires where code = 'caf'`);
  ids.site = s?.id as string;
  ids.structure = s?.structure_id as string;
  ids.caf = c?.id as string;
  ids.agent = await utilisateurNomme(ctx, DEMO.agentSceaux);
});
afterAll(() => ctx?.fermer());

async function citoyen(prenom = 'Łukasz', nom = 'Ştefănescu-Nguyễn'): Promise<string> {
  const [c] = await ctx.sql<{ id: string }>(
    `insert into citoyens (structure_id, site_id, prenom, nom, date_naissance, courriel, base_legale, cree_par)
     values ($1, $2, $3, $4, '1984-02-29', 'personne@example.org', 'mandat', $5) returning id`,
    [ids.structure, ids.site, prenom, nom, ids.agent],
  );
  return c?.id as string;
}

type Statut = 'brouillon' | 'actif' | 'expire' | 'revoque';

/** A mandate of the citizen at Sceaux, for the CAF: a draft, active for a year, or ended now (expired or revoked). */
async function mandat(citoyenId: string, statut: Statut): Promise<string> {
  const signe = statut !== 'brouillon';
  const termine = statut === 'expire' || statut === 'revoque';
  const [m] = await ctx.sql<{ id: string }>(
    `insert into mandats (reference, structure_id, site_id, citoyen_id, duree, statut, piece_identite, version_notice,
       empreinte_texte, empreinte_code, cree_par, signe_le, debut, fin, termine_le, origine_revocation, revoque_par)
     values ($1, $2, $3, $4, 'douze_mois', $5::statut_mandat, 'passeport', '2026-1', repeat('a', 64), repeat('b', 64),
       $6, case when $7 then now() - interval '1 month' end, case when $7 then now() - interval '1 month' end,
       case when $7 then now() + interval '11 months' end, case when $8 then now() end,
       case when $5 = 'revoque' then 'code'::origine_revocation end, null)
     returning id`,
    [nouvelleReference('M'), ids.structure, ids.site, citoyenId, statut, ids.agent, signe, termine],
  );
  await ctx.sql(`insert into perimetres_mandats (mandat_id, partenaire_id) values ($1, $2)`, [m?.id, ids.caf]);
  return m?.id as string;
}

type LigneMandat = {
  citoyen_id: string | null;
  empreinte_code: string | null;
  anonymise_le: Date | null;
  statut: string;
  duree: string;
  origine_revocation: string | null;
  perimetres: number;
};
async function lireMandat(id: string): Promise<LigneMandat | undefined> {
  const [m] = await ctx.sql<LigneMandat>(
    `select citoyen_id, empreinte_code, anonymise_le, statut, duree, origine_revocation,
       (select count(*)::int from perimetres_mandats p where p.mandat_id = m.id) as perimetres
     from mandats m where id = $1`,
    [id],
  );
  return m;
}

const existe = async (citoyenId: string) =>
  (await ctx.sql(`select 1 from citoyens where id = $1`, [citoyenId])).length === 1;

/** Runs the nightly job at `maintenant`; no rule may fail. */
async function appliquer(maintenant: Date) {
  const bilans = await appliquerRetention(ctx.database.db, maintenant);
  expect(bilans.filter((b) => b.erreur)).toEqual([]);
}

describe('retention of mandates and citizen records, time moved forward', () => {
  it('anonymises a mandate revoked 5 years and 1 day ago, not 4 years 364 days ago, and never an active one', async () => {
    const c = await citoyen();
    const revoque = await mandat(c, 'revoque');
    const actif = await mandat(c, 'actif');

    await appliquer(plus(5, -1));
    expect(await lireMandat(revoque)).toMatchObject({ citoyen_id: c, empreinte_code: 'b'.repeat(64) });

    await appliquer(plus(5, 1));
    const apres = await lireMandat(revoque);
    // The row stays for the counts, naming no one.
    expect(apres).toMatchObject({
      citoyen_id: null,
      empreinte_code: null,
      statut: 'revoque',
      duree: 'douze_mois',
      origine_revocation: 'code',
      perimetres: 1,
    });
    expect(apres?.anonymise_le).not.toBeNull();
    // Ten years on, the active mandate still names its citizen, who therefore stays.
    await appliquer(plus(10));
    expect(await lireMandat(actif)).toMatchObject({ citoyen_id: c, anonymise_le: null, statut: 'actif' });
    expect(await existe(c)).toBe(true);
  });

  it('anonymises a draft never signed after 30 days, and its citizen record goes the same night', async () => {
    const c = await citoyen('محمد', 'الأحمد');
    const brouillon = await mandat(c, 'brouillon');
    await appliquer(plus(0, 29));
    expect(await lireMandat(brouillon)).toMatchObject({ citoyen_id: c, anonymise_le: null });
    expect(await existe(c)).toBe(true);
    await appliquer(plus(0, 31));
    expect(await lireMandat(brouillon)).toMatchObject({ citoyen_id: null, empreinte_code: null, statut: 'brouillon' });
    expect(await existe(c)).toBe(false);
  });

  it('leaves a record being typed alone for a day, then deletes it when nothing refers to it', async () => {
    const c = await citoyen('小龙', '李');
    await appliquer(new Date(Date.now() + 12 * HEURE));
    expect(await existe(c)).toBe(true);
    await appliquer(new Date(Date.now() + 25 * HEURE));
    expect(await existe(c)).toBe(false);
  });

  it('deletes the citizen record only when its last live reference is gone; the journal keeps its chain', async () => {
    const c = await citoyen('Marie-Hélène', 'Dupont-Lefèvre');
    const m = await mandat(c, 'expire');
    const saisine = await creerSaisineSql(ctx, ids.site, ids.caf, { creePar: ids.agent });
    await ctx.sql(`update saisines set citoyen_id = $1, mandat_id = $2, base_legale = 'mandat' where id = $3`, [
      c,
      m,
      saisine,
    ]);
    const sollicitation = await creerSollicitation(ctx, ids.site, ids.agent);
    await ctx.sql(
      `with a as (select set_config('guichet.acteur', $4::text, true) as x)
       update sollicitations set citoyen_id = $1, mandat_id = $2 from a where id = $3`,
      [c, m, sollicitation, ids.agent],
    );
    const [motif] = await ctx.sql<{ id: string }>(
      `insert into motifs (site_id, nom, duree, canal) values ($1, 'Mandat et CAF', 30, 'sur_place') returning id`,
      [ids.site],
    );
    const [ressource] = await ctx.sql<{ id: string }>(
      `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent', '{"modeles":[]}') returning id`,
      [ids.site],
    );
    const [rdv] = await ctx.sql<{ id: string }>(
      `insert into rendez_vous (site_id, motif_id, ressource_id, debut, fin, occupe, nom, origine, citoyen_id)
       values ($1, $2, $3, now() - interval '1 hour', now() - interval '30 minutes',
         tstzrange(now() - interval '1 hour', now() - interval '30 minutes'), 'محمد الأحمد', 'guichet', $4)
       returning id`,
      [ids.site, motif?.id, ressource?.id, c],
    );
    await ctx.database.db.transaction(async (tx) => {
      for (const action of ['mandat.cree', 'mandat.signe', 'saisine.creee', 'mandat.expire'] as const)
        await journaliser(tx, {
          mandatId: m,
          structureId: ids.structure,
          auteurId: action === 'mandat.expire' ? null : ids.agent,
          action,
          ...(action === 'saisine.creee' ? { objetType: 'saisine' as const, objetId: saisine } : {}),
        });
    });
    const entrees = async () =>
      (await ctx.sql<{ n: number }>(`select count(*)::int as n from journal_mandats where mandat_id = $1`, [m]))[0]?.n;
    expect(await entrees()).toBe(4);

    // 4 months on, the appointment is anonymised; the case and the mandate still refer to the record.
    await appliquer(plus(0, 122));
    expect(await existe(c)).toBe(true);
    // 13 months on, the case is anonymised too; the mandate, ended, keeps its citizen for 5 years.
    await appliquer(plus(0, 396));
    expect(await existe(c)).toBe(true);
    expect((await lireMandat(m))?.citoyen_id).toBe(c);
    // 5 years and a day after its end, the mandate is anonymised and the record goes the same night.
    await appliquer(plus(5, 1));
    expect(await existe(c)).toBe(false);
    expect(await lireMandat(m)).toMatchObject({ citoyen_id: null, statut: 'expire' });
    const liens = await ctx.sql<{ t: string; citoyen_id: string | null; mandat_id: string | null }>(
      `select 'saisine' as t, citoyen_id, mandat_id from saisines where id = $1
       union all select 'sollicitation', citoyen_id, mandat_id from sollicitations where id = $2
       union all select 'rendez_vous', citoyen_id, mandat_id from rendez_vous where id = $3`,
      [saisine, sollicitation, rdv?.id],
    );
    expect(liens).toEqual([
      { t: 'saisine', citoyen_id: null, mandat_id: m },
      { t: 'sollicitation', citoyen_id: null, mandat_id: m },
      { t: 'rendez_vous', citoyen_id: null, mandat_id: null },
    ]);
    // The journal keeps every entry, and its chain holds: the entries now point at a mandate that names no one.
    expect(await entrees()).toBe(4);
    expect((await verifierJournal(ctx.database.db)).rupture).toBeNull();
    const [texte] = await ctx.sql<{ t: string }>(`select string_agg(details::text, ' ') as t from journal_mandats`);
    expect(texte?.t ?? '').not.toMatch(/Dupont|Marie-Hélène/);
  });
});
