import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echeanceSaisine } from '../../src/modules/saisines/index.ts';
import { balayerRelances } from '../../src/modules/saisines/relances.ts';
import { creerSite, creerStructure } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// Issue 13, point 4: a case without a first answer past its deadline gets a reminder to its référent, then, 2 working
// days later, its backup is told, then, 2 more, the département's coordinators; once each, on the site's territory's
// working days. A partner of its own (so that no demo référent interferes), 2 working days of deadline:
// created Wednesday 24 March 2027 in Sceaux, due at the end of Friday 26; Easter Monday 29 does not count, so the
// backup is told after the end of Wednesday 31 and the coordinators after the end of Friday 2 April.

let ctx: Contexte;
const CREE = new Date('2027-03-24T10:00:00+01:00');
const ECHEANCE = new Date('2027-03-26T23:59:59.999+01:00');
const SUPPLEANT = new Date('2027-03-31T23:59:59.999+02:00');
const COORDINATION = new Date('2027-04-02T23:59:59.999+02:00');
const apres = (t: Date, minutes = 1) => new Date(t.getTime() + minutes * 60_000);

interface Fixture {
  partenaire: string;
  structure: string;
  site: string;
  titulaire: string;
  suppleant: string;
  coordinateur: string;
}
let f: Fixture;

async function referent(partenaire: string, rang: string, courriel: string) {
  const [r] = await ctx.sql<{ id: string }>(
    `insert into referents (partenaire_id, departement, rang, prenom, nom, courriel)
     values ($1, '92', $2, 'Alex', 'Référent', $3) returning id`,
    [partenaire, rang, courriel],
  );
  return r?.id as string;
}

beforeAll(async () => {
  ctx = await demarrerApp();
  const n = Math.random().toString(36).slice(2, 8);
  const [p] = await ctx.sql<{ id: string }>(
    `insert into partenaires (code, nom, nom_court) values ($1, $2, $3) returning id`,
    [`relances-${n}`, `Caisse de test ${n}`, `CT ${n}`],
  );
  const partenaire = p?.id as string;
  await ctx.sql(`insert into delais_partenaires (partenaire_id, jours_ouvres) values ($1, 2)`, [partenaire]);
  const structure = await creerStructure(ctx, '92');
  const [u] = await ctx.sql<{ id: string }>(
    `insert into utilisateurs (courriel, prenom, nom) values ($1, 'Claude', 'Coordination') returning id`,
    [`coordination.${n}@exemple.fr`],
  );
  await ctx.sql(`insert into habilitations (utilisateur_id, role, departements) values ($1, 'coordinateur', '{92}')`, [
    u?.id,
  ]);
  f = {
    partenaire,
    structure,
    site: await creerSite(ctx, structure, 'France services des Blagis'),
    titulaire: await referent(partenaire, 'titulaire', `titulaire.${n}@caisse.test`),
    suppleant: await referent(partenaire, 'suppleant', `suppleant.${n}@caisse.test`),
    coordinateur: `coordination.${n}@exemple.fr`,
  };
});
afterAll(() => ctx.fermer());

async function saisine(options: { echeance?: Date; repondue?: boolean } = {}): Promise<string> {
  const [s] = await ctx.sql<{ id: string }>(
    `insert into saisines (site_id, structure_id, departement, partenaire_id, referent_id, base_legale, consentement_le,
       prenom, nom, question, urgence, cree_par, cree_le, echeance, premiere_reponse_le)
     values ($1, $2, '92', $3, $4, 'consentement', $5, 'Dominique', 'Martin', 'Allocation suspendue depuis janvier',
       'revenus_coupes', gen_random_uuid(), $5, $6, $7) returning id`,
    [
      f.site,
      f.structure,
      f.partenaire,
      f.titulaire,
      CREE.toISOString(),
      (options.echeance ?? ECHEANCE).toISOString(),
      options.repondue ? apres(CREE, 60).toISOString() : null,
    ],
  );
  return s?.id as string;
}

/** The emails queued about a case, by level, with their recipients. */
async function courriels(id: string) {
  return ctx.sql<{ niveau: string; destinataire: string; parametres: Record<string, unknown> }>(
    `select parametres->>'niveau' as niveau, destinataire, parametres from messages
     where modele = 'saisines.relance' and parametres->>'saisineId' = $1 order by cree_le, destinataire`,
    [id],
  );
}

async function etat(id: string) {
  const [s] = await ctx.sql<{ escalade: string; referent_id: string; relance: Date | null }>(
    `select escalade, referent_id, derniere_relance_le as relance from saisines where id = $1`,
    [id],
  );
  const lignes = await ctx.sql<{ corps: string }>(
    `select corps from messages_saisines where saisine_id = $1 and auteur = 'systeme' order by cree_le`,
    [id],
  );
  return { ...s, lignes: lignes.map((l) => l.corps) };
}

const balayer = (maintenant: Date) => balayerRelances(ctx.database.db, ctx.config, maintenant);

describe('echeanceSaisine', () => {
  it('uses the partner’s own working days, over Easter Monday, and the national 5 days otherwise', async () => {
    const calendrier = { creeLe: CREE, fuseau: 'Europe/Paris', territoire: 'metropole' as const };
    expect(await echeanceSaisine(ctx.database.db, { ...calendrier, partenaireId: f.partenaire })).toEqual(ECHEANCE);
    const [autre] = await ctx.sql<{ id: string }>(`select id from partenaires where code = 'msa'`);
    // Thu 25, Fri 26, (Mon 29 Easter Monday), Tue 30, Wed 31, Thu 1 April.
    expect(
      (await echeanceSaisine(ctx.database.db, { ...calendrier, partenaireId: autre?.id as string })).toISOString(),
    ).toBe('2027-04-01T21:59:59.999Z');
  });
});

describe('reminders and escalation', () => {
  it('reminds the référent after the deadline, then tells the backup, then the coordinators, once each', async () => {
    const id = await saisine();
    await balayer(apres(ECHEANCE, -60));
    expect(await courriels(id)).toEqual([]);

    await balayer(apres(ECHEANCE, 8 * 60));
    const relance = await courriels(id);
    expect(relance.map((c) => [c.niveau, c.destinataire])).toEqual([['referent', expect.stringMatching(/^titulaire/)]]);
    // No personal data in the email: the partner, the site, the dates and the case's page only.
    const texte = JSON.stringify(relance[0]?.parametres);
    expect(texte).not.toMatch(/Dominique|Martin|Allocation/);
    expect(relance[0]?.parametres).toMatchObject({ site: 'France services des Blagis', urgente: true });
    expect((await etat(id)).lignes).toEqual([
      'Délai de première réponse dépassé : le référent a été relancé par courriel.',
    ]);

    // Another sweep the same day, and on Easter Monday and Wednesday 31 (not yet 2 working days): nothing more.
    await balayer(apres(ECHEANCE, 9 * 60));
    await balayer(new Date('2027-03-29T12:00:00+02:00'));
    await balayer(new Date('2027-03-31T18:00:00+02:00'));
    expect(await courriels(id)).toHaveLength(1);

    await balayer(apres(SUPPLEANT, 30));
    const apresSuppleant = await etat(id);
    expect(apresSuppleant.escalade).toBe('suppleant');
    expect(apresSuppleant.referent_id).toBe(f.titulaire);
    expect(apresSuppleant.lignes).toHaveLength(2);
    expect(apresSuppleant.lignes[1]).toMatch(/signalée au suppléant du référent/);
    expect((await courriels(id)).map((c) => [c.niveau, c.destinataire])).toEqual([
      ['referent', expect.stringMatching(/^titulaire/)],
      ['suppleant', expect.stringMatching(/^suppleant/)],
    ]);

    await balayer(new Date('2027-04-02T20:00:00+02:00'));
    expect(await courriels(id)).toHaveLength(2);
    await balayer(apres(COORDINATION, 1));
    const final = await etat(id);
    expect(final.escalade).toBe('coordinateur');
    expect(final.lignes[2]).toMatch(/signalée à la coordination départementale/);
    const coordination = (await courriels(id)).filter((c) => c.niveau === 'coordinateur').map((c) => c.destinataire);
    expect(coordination).toContain(f.coordinateur);
    expect(coordination).toContain('coordination@guichet.test');

    // Nothing after the last step, however late.
    await balayer(new Date('2027-06-01T12:00:00+02:00'));
    expect((await etat(id)).lignes).toHaveLength(3);
  });

  it('leaves a case answered in time alone', async () => {
    const id = await saisine({ repondue: true });
    await balayer(apres(COORDINATION, 60));
    expect(await courriels(id)).toEqual([]);
    expect((await etat(id)).escalade).toBe('referent');
  });

  it('takes only the highest step due when the sweep comes late, and once when sweeps race', async () => {
    const id = await saisine();
    await Promise.all([balayer(apres(COORDINATION, 60)), balayer(apres(COORDINATION, 60))]);
    const envoyes = await courriels(id);
    expect(envoyes.every((c) => c.niveau === 'coordinateur')).toBe(true);
    expect(new Set(envoyes.map((c) => c.destinataire)).size).toBe(envoyes.length);
    expect((await etat(id)).lignes).toHaveLength(1);
  });

  it('tells the titulaire when the case went to the backup, and skips a backup who is away', async () => {
    const id = await saisine();
    await ctx.sql(`update saisines set referent_id = $2 where id = $1`, [id, f.suppleant]);
    await balayer(apres(SUPPLEANT, 30));
    expect((await courriels(id)).map((c) => c.destinataire)).toEqual([expect.stringMatching(/^titulaire/)]);

    const autre = await saisine();
    await ctx.sql(`insert into absences_referents (referent_id, du, au) values ($1, '2027-03-30', '2027-04-09')`, [
      f.suppleant,
    ]);
    await balayer(apres(SUPPLEANT, 30));
    expect(await courriels(autre)).toEqual([]);
    expect((await etat(autre)).lignes).toEqual([
      'Toujours sans réponse 2 jours ouvrés après l’échéance : aucun suppléant disponible dans l’annuaire.',
    ]);
    await ctx.sql(`delete from absences_referents where referent_id = $1`, [f.suppleant]);
  });
});
