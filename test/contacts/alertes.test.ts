import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balayerAlertes } from '../../src/modules/contacts/alertes.ts';
import { creerSite, creerStructure, creerUtilisateur } from '../fabriques.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// Issue 12, point 4: the answer clock's alerts. At 75 % of the 72 working hours the agent in charge (or the site's
// agents) is emailed, at the breach the structure's managers; once each, never after a first answer, on the site's
// calendar as it stands (a closure recorded later moves them), and once however many sweeps run together.
//
// A site open Monday to Friday 9–12 and 14–17 in Paris; a message received Monday 13 January 2031 at 10:00 reaches
// 54 working hours on Wednesday 15 at 16:00 (Mon 14 h, Tue 24 h, Wed 16 h) and 72 on Thursday 16 at 10:00.

let ctx: Contexte;
const boite = new BoiteDeTest();
const RECU = '2031-01-13T10:00:00+01:00';
const TROIS_QUARTS = new Date('2031-01-15T16:00:00+01:00');
const ECHEANCE = new Date('2031-01-16T10:00:00+01:00');
const avant = (t: Date) => new Date(t.getTime() - 60_000);

interface Lieu {
  structure: string;
  site: string;
  autreSite: string;
  agent: { id: string; courriel: string };
  collegue: { id: string; courriel: string };
  ailleurs: { id: string; courriel: string };
  gestionnaire: { id: string; courriel: string };
}

async function courrielDe(id: string) {
  const [u] = await ctx.sql<{ courriel: string }>('select courriel from utilisateurs where id = $1', [id]);
  return u?.courriel as string;
}

/** A structure with two sites, two agents of the first, an agent restricted to the second, and a manager. */
async function lieu(): Promise<Lieu> {
  const structure = await creerStructure(ctx, '92');
  const site = await creerSite(ctx, structure, 'Maison France services des Blagis');
  const autreSite = await creerSite(ctx, structure);
  await ctx.sql(`update sites set horaires = 'Mo-Fr 09:00-12:00,14:00-17:00' where structure_id = $1`, [structure]);
  const personne = async (role: 'agent' | 'gestionnaire', seulement?: string) => {
    const u = await creerUtilisateur(ctx, structure, [role]);
    if (seulement) {
      await ctx.sql('insert into habilitation_sites (habilitation_id, site_id) values ($1, $2)', [
        u.habilitations[0],
        seulement,
      ]);
    }
    return { id: u.id, courriel: await courrielDe(u.id) };
  };
  return {
    structure,
    site,
    autreSite,
    agent: await personne('agent'),
    collegue: await personne('agent', site),
    ailleurs: await personne('agent', autreSite),
    gestionnaire: await personne('gestionnaire'),
  };
}

async function demande(l: Lieu, options: { assigneA?: string } = {}) {
  const [d] = await ctx.sql<{ id: string }>(
    `insert into demandes_contact (site_id, structure_id, departement, canal, courriel, objet, recu_le, echeance, assigne_a)
     values ($1, $2, '92', 'formulaire', 'dominique@exemple.fr', 'Ma carte grise', $3, $4, $5) returning id`,
    [l.site, l.structure, RECU, ECHEANCE.toISOString(), options.assigneA ?? null],
  );
  return d?.id as string;
}

/** Who was queued an alert about this request, by template. */
async function alertes(demandeId: string) {
  const lignes = await ctx.sql<{ modele: string; destinataire: string }>(
    `select modele, destinataire from messages where cle like $1 order by modele, destinataire`,
    [`contacts.alerte.%:${demandeId}:%`],
  );
  const par = (modele: string) =>
    lignes
      .filter((l) => l.modele === modele)
      .map((l) => l.destinataire)
      .sort();
  return { troisQuarts: par('contacts.alerte.trois-quarts'), depassement: par('contacts.alerte.depassement') };
}

const balayer = (maintenant: Date) => balayerAlertes(ctx.database.db, ctx.config, maintenant);

beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

describe('the answer clock’s alerts', () => {
  it('emails the assigned agent once when 75 % of the clock has run, with a link to the request', async () => {
    const l = await lieu();
    const id = await demande(l, { assigneA: l.agent.id });
    await balayer(avant(TROIS_QUARTS));
    expect(await alertes(id)).toEqual({ troisQuarts: [], depassement: [] });
    await balayer(TROIS_QUARTS);
    await balayer(new Date(TROIS_QUARTS.getTime() + 5 * 60_000));
    expect(await alertes(id)).toEqual({ troisQuarts: [l.agent.courriel], depassement: [] });
    const [d] = await ctx.sql<{ le: Date }>('select alerte_trois_quarts_le as le from demandes_contact where id = $1', [
      id,
    ]);
    expect(d?.le.toISOString()).toBe(TROIS_QUARTS.toISOString());

    const [courriel] = await boite.recus(ctx, l.agent.courriel);
    expect(courriel?.sujet).toBe(
      'Message à Maison France services des Blagis : réponse attendue avant le jeudi 16 janvier 2031 à 10:00',
    );
    expect(courriel?.texte).toContain('reçu par Maison France services des Blagis le lundi 13 janvier 2031 à 10:00');
    expect(courriel?.texte).toContain('Ce message vous est attribué.');
    expect(courriel?.texte).toContain(`http://guichet.test/sites/${l.site}/messages/${id}`);
    // Nothing personal travels in the alert: neither the person's address nor the subject of their message.
    expect(courriel?.texte).not.toContain('dominique@exemple.fr');
    expect(courriel?.texte).not.toContain('carte grise');
  });

  it('emails the site’s agents when nobody is assigned, not an agent restricted to another site', async () => {
    const l = await lieu();
    const id = await demande(l);
    await balayer(TROIS_QUARTS);
    expect((await alertes(id)).troisQuarts).toEqual([l.agent.courriel, l.collegue.courriel].sort());
    const [courriel] = await boite.recus(ctx, l.collegue.courriel);
    expect(courriel?.texte).toContain('Ce message n’est encore attribué à personne.');
  });

  it('emails the structure’s managers once at the breach, and only the breach when both instants have passed', async () => {
    const l = await lieu();
    const id = await demande(l, { assigneA: l.agent.id });
    await balayer(TROIS_QUARTS);
    await balayer(avant(ECHEANCE));
    expect((await alertes(id)).depassement).toEqual([]);
    await balayer(ECHEANCE);
    await balayer(new Date(ECHEANCE.getTime() + 3_600_000));
    expect(await alertes(id)).toEqual({ troisQuarts: [l.agent.courriel], depassement: [l.gestionnaire.courriel] });
    const [courriel] = await boite.recus(ctx, l.gestionnaire.courriel);
    expect(courriel?.sujet).toBe('Message à Maison France services des Blagis : délai de réponse dépassé');
    expect(courriel?.texte).toContain('échu le jeudi 16 janvier 2031 à 10:00');

    const tard = await demande(l);
    await balayer(new Date('2031-01-20T09:00:00+01:00'));
    expect(await alertes(tard)).toEqual({ troisQuarts: [], depassement: [l.gestionnaire.courriel] });
  });

  it('sends nothing once the request has its first answer, nor for a closed one', async () => {
    const l = await lieu();
    const repondue = await demande(l, { assigneA: l.agent.id });
    await ctx.sql(
      `update demandes_contact set statut = 'repondue', premiere_reponse_le = '2031-01-14T11:00:00+01:00' where id = $1`,
      [repondue],
    );
    const close = await demande(l);
    await ctx.sql(
      `update demandes_contact set statut = 'close', close_le = '2031-01-14T11:00:00+01:00', issue = 'indesirable'
       where id = $1`,
      [close],
    );
    await balayer(TROIS_QUARTS);
    await balayer(ECHEANCE);
    expect(await alertes(repondue)).toEqual({ troisQuarts: [], depassement: [] });
    expect(await alertes(close)).toEqual({ troisQuarts: [], depassement: [] });
  });

  it('moves both alerts when a closure is recorded after the message arrived', async () => {
    const l = await lieu();
    const id = await demande(l, { assigneA: l.agent.id });
    // Closed Tuesday 14 and Wednesday 15: Mon 14 h, Thu 24 h, Fri 17 until 16:00 make 54; 72 on Monday 20 at 10:00.
    await ctx.sql(
      `insert into fermetures (site_id, debut, fin, motif) values ($1, '2031-01-14', '2031-01-15', 'Travaux')`,
      [l.site],
    );
    await balayer(TROIS_QUARTS);
    await balayer(ECHEANCE);
    expect(await alertes(id)).toEqual({ troisQuarts: [], depassement: [] });
    await balayer(new Date('2031-01-17T15:59:00+01:00'));
    expect((await alertes(id)).troisQuarts).toEqual([]);
    await balayer(new Date('2031-01-17T16:00:00+01:00'));
    expect((await alertes(id)).troisQuarts).toEqual([l.agent.courriel]);
    const [courriel] = await boite.recus(ctx, l.agent.courriel);
    expect(courriel?.sujet).toContain('réponse attendue avant le lundi 20 janvier 2031 à 10:00');
    await balayer(new Date('2031-01-20T09:59:00+01:00'));
    expect((await alertes(id)).depassement).toEqual([]);
    await balayer(new Date('2031-01-20T10:00:00+01:00'));
    expect((await alertes(id)).depassement).toEqual([l.gestionnaire.courriel]);
  });

  it('sends each alert once when sweeps run at the same time', async () => {
    const l = await lieu();
    const id = await demande(l);
    await Promise.all(Array.from({ length: 6 }, () => balayer(TROIS_QUARTS)));
    await Promise.all(Array.from({ length: 6 }, () => balayer(ECHEANCE)));
    expect(await alertes(id)).toEqual({
      troisQuarts: [l.agent.courriel, l.collegue.courriel].sort(),
      depassement: [l.gestionnaire.courriel],
    });
    const recus = await boite.recus(ctx, l.gestionnaire.courriel);
    expect(recus).toHaveLength(1);
  });

  it('runs as a job every 5 minutes', async () => {
    const [s] = await ctx.sql<{ cron: string }>(`select cron from pgboss.schedule where name = 'contacts.alertes'`);
    expect(s?.cron).toBe('*/5 * * * *');
  });
});
