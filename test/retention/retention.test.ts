import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliquerRetention, REGLES_RETENTION, tacheRetention } from '../../src/app/retention.ts';
import { TACHES } from '../../src/app/taches.ts';
import { creerLien } from '../../src/platform/liens/index.ts';
import { appliquerRegles, definirRegle, limiteDe } from '../../src/platform/retention/index.ts';
import { creerSite, creerSollicitation, creerStructure, creerUtilisateur } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';

// Every rule proved by moving time: the daily job run at an instant just before a row's delay keeps it, just after
// deletes or anonymises it (appliquerRetention takes `maintenant`).

let ctx: Contexte;
beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

const MINUTE = 60_000;
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

async function instant(texte: string, valeurs: unknown[]): Promise<Date> {
  const [r] = await ctx.sql<{ t: Date }>(texte, valeurs);
  if (!r) throw new Error('no row');
  return new Date(r.t);
}

async function unUtilisateur(): Promise<string> {
  return (await creerUtilisateur(ctx, await creerStructure(ctx, '92'))).id;
}

/** Runs the job's work at `maintenant` and returns the count of one rule. */
async function appliquer(maintenant: Date, regle: string): Promise<number | null> {
  const bilans = await appliquerRetention(ctx.database.db, maintenant);
  expect(bilans.filter((b) => b.erreur)).toEqual([]);
  return bilans.find((b) => b.nom === regle)?.lignes ?? null;
}

describe('retention rules, time moved forward', () => {
  it('sessions: kept until their expiry, deleted after it', async () => {
    const u = await unUtilisateur();
    const id = `retention-${randomUUID()}`;
    const expire = await instant(
      `insert into sessions (id, utilisateur_id, expire_le) values ($1, $2, now() + interval '8 hours') returning expire_le as t`,
      [id, u],
    );
    await appliquer(plus(expire, -MINUTE), 'comptes.sessions');
    expect(await ctx.sql('select 1 from sessions where id = $1', [id])).toHaveLength(1);
    await appliquer(plus(expire, MINUTE), 'comptes.sessions');
    expect(await ctx.sql('select 1 from sessions where id = $1', [id])).toHaveLength(0);
  });

  it('one-time links: kept until expiry or use, deleted after', async () => {
    const u = await unUtilisateur();
    const expire = await instant(
      `insert into jetons (utilisateur_id, empreinte, objet, expire_le) values ($1, $2, 'invitation', now() + interval '7 days') returning expire_le as t`,
      [u, randomUUID().replace(/-/g, '')],
    );
    const v = await unUtilisateur();
    const utilise = await instant(
      `insert into jetons (utilisateur_id, empreinte, objet, expire_le, utilise_le)
       values ($1, $2, 'reinitialisation', now() + interval '1 hour', now() + interval '10 minutes') returning utilise_le as t`,
      [v, randomUUID().replace(/-/g, '')],
    );
    await appliquer(plus(utilise, -MINUTE), 'comptes.jetons');
    expect(await ctx.sql('select 1 from jetons where utilisateur_id in ($1, $2)', [u, v])).toHaveLength(2);
    await appliquer(plus(utilise, MINUTE), 'comptes.jetons');
    expect(await ctx.sql('select 1 from jetons where utilisateur_id in ($1, $2)', [u, v])).toHaveLength(1);
    await appliquer(plus(expire, -MINUTE), 'comptes.jetons');
    expect(await ctx.sql('select 1 from jetons where utilisateur_id = $1', [u])).toHaveLength(1);
    await appliquer(plus(expire, MINUTE), 'comptes.jetons');
    expect(await ctx.sql('select 1 from jetons where utilisateur_id = $1', [u])).toHaveLength(0);
  });

  it('sign-in attempts: kept 1 hour', async () => {
    const cle = `ip:retention-${randomUUID()}`;
    const le = await instant('insert into tentatives_connexion (cle) values ($1) returning le as t', [cle]);
    await appliquer(plus(le, 59 * MINUTE), 'comptes.tentatives');
    expect(await ctx.sql('select 1 from tentatives_connexion where cle = $1', [cle])).toHaveLength(1);
    await appliquer(plus(le, 61 * MINUTE), 'comptes.tentatives');
    expect(await ctx.sql('select 1 from tentatives_connexion where cle = $1', [cle])).toHaveLength(0);
  });

  it('a deactivated account is anonymised 12 months after its last change; an active one never', async () => {
    const maintenant = new Date(Date.now() + 400 * 24 * 60 * MINUTE);
    const limite = limiteDe(maintenant, { mois: 12 });
    const [ancien, recent, actif] = [await unUtilisateur(), await unUtilisateur(), await unUtilisateur()];
    const regler = (id: string, actifOuNon: boolean, modifie: Date) =>
      ctx.sql(
        `update utilisateurs set actif = $2, mot_de_passe = 'x', derniere_connexion_le = now(), modifie_le = $3 where id = $1`,
        [id, actifOuNon, modifie],
      );
    await regler(ancien, false, plus(limite, -MINUTE));
    await regler(recent, false, plus(limite, MINUTE));
    await regler(actif, true, plus(limite, -24 * 60 * MINUTE));
    // Its ways in: a ProConnect identity, a TOTP secret and a recovery code, for the old and the active account.
    for (const id of [ancien, actif]) {
      await ctx.sql(`insert into identites_proconnect (utilisateur_id, sub, idp_id) values ($1, $2, 'idp')`, [id, id]);
      await ctx.sql(`insert into facteurs_totp (utilisateur_id, secret_chiffre) values ($1, 'v1.x.y.z')`, [id]);
      await ctx.sql(`insert into codes_secours (utilisateur_id, empreinte) values ($1, 'h')`, [id]);
    }
    const voies = (id: string) =>
      ctx.sql(
        `select (select count(*)::int from identites_proconnect where utilisateur_id = $1) as pc,
                (select count(*)::int from facteurs_totp where utilisateur_id = $1) as totp,
                (select count(*)::int from codes_secours where utilisateur_id = $1) as codes`,
        [id],
      );

    expect(await appliquer(maintenant, 'comptes.utilisateurs')).toBeGreaterThanOrEqual(1);
    expect(await voies(ancien)).toEqual([{ pc: 0, totp: 0, codes: 0 }]);
    expect(await voies(actif)).toEqual([{ pc: 1, totp: 1, codes: 1 }]);
    const [apres] = await ctx.sql(
      'select courriel, prenom, nom, mot_de_passe, derniere_connexion_le from utilisateurs where id = $1',
      [ancien],
    );
    expect(apres).toEqual({
      courriel: `${ancien}@anonyme.invalid`,
      prenom: 'Compte',
      nom: 'anonymisé',
      mot_de_passe: null,
      derniere_connexion_le: null,
    });
    for (const id of [recent, actif]) {
      const [garde] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [id]);
      expect(garde?.courriel).toMatch(/@exemple\.fr$/);
    }
    // Idempotent: a run a year later leaves the anonymised account as it is.
    await appliquer(plus(maintenant, 366 * 24 * 60 * MINUTE), 'comptes.utilisateurs');
    const [encore] = await ctx.sql('select courriel from utilisateurs where id = $1', [ancien]);
    expect(encore).toEqual({ courriel: `${ancien}@anonyme.invalid` });
  });

  it('a request’s note is cleared 6 months after its date, in the request and in the journal, without a trace', async () => {
    const maintenant = new Date(Date.now() + 200 * 24 * 60 * MINUTE);
    const limite = limiteDe(maintenant, { mois: 6 });
    const structure = await creerStructure(ctx, '92');
    const site = await creerSite(ctx, structure);
    const agent = (await creerUtilisateur(ctx, structure)).id;
    const noter = async (survenue: Date, note: string) => {
      const id = await creerSollicitation(ctx, site, agent);
      await ctx.sql(
        `with a as (select set_config('guichet.acteur', $2::text, true) as a)
         update sollicitations set note = $3, survenue_le = $4 from a where id = $1`,
        [id, agent, note, survenue],
      );
      return id;
    };
    const vieille = await noter(plus(limite, -MINUTE), 'Mme Martin, dossier CAF en attente');
    const recente = await noter(plus(limite, MINUTE), 'M. Durand rappellera lundi');
    const journal = (id: string) =>
      ctx.sql<{ avant: { note: string | null } | null; apres: { note: string | null } | null }>(
        'select avant, apres from journal_sollicitations where sollicitation_id = $1 order by id',
        [id],
      );
    expect(await journal(vieille)).toHaveLength(2);

    expect(await appliquer(maintenant, 'sollicitations.notes')).toBeGreaterThanOrEqual(1);
    const [effacee] = await ctx.sql('select note from sollicitations where id = $1', [vieille]);
    expect(effacee).toEqual({ note: null });
    const lignes = await journal(vieille);
    expect(lignes).toHaveLength(2); // clearing the note left no journal entry holding it
    expect(JSON.stringify(lignes)).not.toContain('Mme Martin');
    expect(lignes[1]?.apres?.note).toBeNull();

    const [gardee] = await ctx.sql('select note from sollicitations where id = $1', [recente]);
    expect(gardee).toEqual({ note: 'M. Durand rappellera lundi' });
    expect(JSON.stringify(await journal(recente))).toContain('M. Durand');
  });

  it('the journal stays append-only outside the note-clearing path', async () => {
    const [ligne] = await ctx.sql<{ id: number }>('select id from journal_sollicitations limit 1');
    await expect(
      ctx.sql(`update journal_sollicitations set par = gen_random_uuid() where id = $1`, [ligne?.id]),
    ).rejects.toThrow(/append-only/);
    // Even in a transaction that asks to clear notes, changing anything else is refused.
    const client = await ctx.database.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('guichet.retention', 'notes', true)`);
      await expect(
        client.query(`update journal_sollicitations set par = gen_random_uuid() where id = $1`, [ligne?.id]),
      ).rejects.toThrow(/append-only/);
      await client.query('rollback');
      await client.query('begin');
      await client.query(`select set_config('guichet.retention', 'notes', true)`);
      await expect(client.query('delete from journal_sollicitations where id = $1', [ligne?.id])).rejects.toThrow(
        /append-only/,
      );
      await client.query('rollback');
    } finally {
      client.release();
    }
  });

  it('citizen links: deleted 30 days after their expiry, use or revocation', async () => {
    const maintenant = new Date();
    const lien = await creerLien(
      ctx.database.db,
      { objet: 'contact.suivre', sujet: randomUUID(), usage: 'unique', duree: { jours: 2 } },
      ctx.config.publicUrl,
      maintenant,
    );
    const multiple = await creerLien(
      ctx.database.db,
      { objet: 'contact.suivre', sujet: randomUUID(), usage: 'multiple', duree: { jours: 90 } },
      ctx.config.publicUrl,
      maintenant,
    );
    await ctx.sql('update liens_citoyens set utilise_le = $2 where id = $1', [multiple.id, maintenant]);
    const present = async (id: string) => (await ctx.sql('select 1 from liens_citoyens where id = $1', [id])).length;
    await appliquer(plus(lien.expireLe, 30 * 24 * 60 * MINUTE - MINUTE), 'liens.citoyens');
    expect(await present(lien.id)).toBe(1);
    await appliquer(plus(lien.expireLe, 30 * 24 * 60 * MINUTE + MINUTE), 'liens.citoyens');
    expect(await present(lien.id)).toBe(0);
    // A multiple-use link used long ago lives until its own expiry.
    expect(await present(multiple.id)).toBe(1);
  });

  it('uploaded import files: content erased 30 days after the upload, the report kept', async () => {
    const [ligne] = await ctx.sql<{ id: string; cree_le: Date }>(
      `insert into imports_liste (fichier, contenu, etat) values ('liste nationale (CSV)', '\\x414243', 'echec')
       returning id, cree_le`,
    );
    const cree = new Date(ligne?.cree_le as Date);
    const contenu = async () =>
      (
        await ctx.sql<{ present: boolean }>('select contenu is not null as present from imports_liste where id = $1', [
          ligne?.id,
        ])
      )[0]?.present;
    await appliquer(plus(cree, 30 * 24 * 60 * MINUTE - MINUTE), 'imports.fichiers');
    expect(await contenu()).toBe(true);
    await appliquer(plus(cree, 30 * 24 * 60 * MINUTE + MINUTE), 'imports.fichiers');
    expect(await contenu()).toBe(false);
  });
});

describe('the retention job', () => {
  it('is the daily job retention.appliquer, registered with the application', () => {
    expect(tacheRetention.nom).toBe('retention.appliquer');
    expect(tacheRetention.planification).toEqual({ cron: '15 3 * * *', charge: {} });
    expect(TACHES).toContain(tacheRetention);
  });

  it('logs one count per rule and nothing personal', async () => {
    const lignes: unknown[] = [];
    const log = { info: (o: unknown) => void lignes.push(o), warn() {}, error: (o: unknown) => void lignes.push(o) };
    await tacheRetention.executer({}, { db: ctx.database.db, config: ctx.config, log, id: 'test' });
    expect(lignes).toHaveLength(REGLES_RETENTION.length);
    for (const l of lignes) expect(Object.keys(l as object).sort()).toEqual(['lignes', 'regle', 'table']);
  });

  it('applies every rule even when one fails, and reports the failure', async () => {
    const panne = definirRegle({
      nom: 'test.panne',
      table: 'nulle_part',
      donnees: '-',
      evenement: '-',
      delai: {},
      action: 'supprimer',
      appliquer: async (tx) => {
        await tx.execute('select * from table_qui_n_existe_pas' as never);
        return 0;
      },
    });
    const cle = `ip:panne-${randomUUID()}`;
    await ctx.sql(`insert into tentatives_connexion (cle, le) values ($1, now() - interval '2 hours')`, [cle]);
    const bilans = await appliquerRegles(ctx.database.db, [panne, ...REGLES_RETENTION], new Date());
    expect(bilans[0]?.erreur).toBeTruthy();
    expect(bilans.slice(1).filter((b) => b.erreur)).toEqual([]);
    expect(await ctx.sql('select 1 from tentatives_connexion where cle = $1', [cle])).toHaveLength(0);
  });

  it('limiteDe counts calendar months and hours', () => {
    const t = new Date('2027-03-31T12:00:00Z');
    expect(limiteDe(t, { mois: 1 }).toISOString()).toBe('2027-02-28T12:00:00.000Z');
    expect(limiteDe(t, { mois: 13 }).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(limiteDe(new Date('2027-01-15T00:00:00Z'), { mois: 6 }).toISOString()).toBe('2026-07-15T00:00:00.000Z');
    expect(limiteDe(t, { heures: 1 }).toISOString()).toBe('2027-03-31T11:00:00.000Z');
    expect(limiteDe(t, { jours: 30 }).toISOString()).toBe('2027-03-01T12:00:00.000Z');
  });
});
