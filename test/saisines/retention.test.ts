import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliquerRetention } from '../../src/app/retention.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { creerReferent, creerSaisineSql } from './outils.ts';

// Issue 13, point 7: a case's identity, question and thread are erased 6 months after closure (12 months after
// creation when never closed), the row kept for the statistics; a deactivated référent's contact 12 months after
// deactivation; an absence 12 months after its end. Each rule is run just before and just after its delay.

let ctx: Contexte;
const ids = { site: '', caf: '' };
const JOUR = 86_400_000;
const decale = (jours: number) => new Date(Date.now() + jours * JOUR);

beforeAll(async () => {
  ctx = await demarrerApp();
  const [s] = await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`);
  const [c] = await ctx.sql<{ id: string }>(`select id from partenaires where code = 'caf'`);
  ids.site = s?.id as string;
  ids.caf = c?.id as string;
});
afterAll(() => ctx.fermer());

async function saisine(id: string) {
  const [s] = await ctx.sql<{
    nom: string | null;
    prenom: string | null;
    date_naissance: string | null;
    question: string | null;
    anonymise_le: Date | null;
    statut: string;
    issue: string | null;
  }>(`select nom, prenom, date_naissance, question, anonymise_le, statut, issue from saisines where id = $1`, [id]);
  const fil = await ctx.sql<{ corps: string | null }>(`select corps from messages_saisines where saisine_id = $1`, [
    id,
  ]);
  return { ...s, fil: fil.map((m) => m.corps) };
}

describe('retention of cases', () => {
  it('erases a closed case’s identity, question and thread 6 months after closure, keeping the row', async () => {
    const id = await creerSaisineSql(ctx, ids.site, ids.caf);
    await ctx.sql(
      `update saisines set statut = 'cloturee', issue = 'droit_ouvert_ou_retabli', cloture_le = now() where id = $1`,
      [id],
    );
    await ctx.sql(
      `insert into messages_saisines (saisine_id, auteur, auteur_id, corps) values ($1, 'referent', gen_random_uuid(), 'Le dossier de Mme Martin est débloqué.')`,
      [id],
    );
    await appliquerRetention(ctx.database.db, decale(180));
    expect((await saisine(id)).nom).toBe('Martin');
    await appliquerRetention(ctx.database.db, decale(186));
    const apres = await saisine(id);
    expect(apres).toMatchObject({
      nom: null,
      prenom: null,
      date_naissance: null,
      question: null,
      statut: 'cloturee',
      issue: 'droit_ouvert_ou_retabli',
      fil: [null],
    });
    expect(apres.anonymise_le).not.toBeNull();
  });

  it('erases a case never closed 12 months after its creation', async () => {
    const id = await creerSaisineSql(ctx, ids.site, ids.caf, { statut: 'prise_en_charge' });
    await appliquerRetention(ctx.database.db, decale(360));
    expect((await saisine(id)).question).not.toBeNull();
    await appliquerRetention(ctx.database.db, decale(368));
    expect(await saisine(id)).toMatchObject({ nom: null, question: null, statut: 'prise_en_charge' });
  });

  it('erases a deactivated référent’s contact 12 months after deactivation, and an absence 12 months after its end', async () => {
    const r = await creerReferent(ctx, { partenaireId: ids.caf, departement: '92', rang: 'suppleant' });
    await ctx.sql(
      `update referents set actif = false, desactive_le = now(), telephone = '01 23 45 67 89', fonction = 'Conseillère' where id = $1`,
      [r.id],
    );
    const actif = await creerReferent(ctx, { partenaireId: ids.caf, departement: '92', rang: 'titulaire' });
    await ctx.sql(`insert into absences_referents (referent_id, du, au) values ($1, current_date, current_date + 1)`, [
      actif.id,
    ]);
    const lire = async (id: string) =>
      (
        await ctx.sql<{ nom: string; courriel: string; telephone: string | null; fonction: string | null }>(
          `select nom, courriel, telephone, fonction from referents where id = $1`,
          [id],
        )
      )[0];
    const absences = async () =>
      (await ctx.sql(`select 1 from absences_referents where referent_id = $1`, [actif.id])).length;

    await appliquerRetention(ctx.database.db, decale(360));
    expect((await lire(r.id))?.courriel).toBe(r.courriel);
    expect(await absences()).toBe(1);
    await appliquerRetention(ctx.database.db, decale(370));
    expect(await lire(r.id)).toEqual({
      nom: 'anonymisé',
      courriel: `${r.id}@anonyme.invalid`,
      telephone: null,
      fonction: null,
    });
    expect(await absences()).toBe(0);
    // An active référent keeps their contact.
    expect((await lire(actif.id))?.courriel).toBe(actif.courriel);
  });
});
