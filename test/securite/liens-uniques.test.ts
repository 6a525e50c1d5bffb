import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgerMessages } from '../../src/platform/messages/index.ts';
import { structureNommee } from '../fabriques.ts';
import { Client, type Contexte, DEMO, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// One-time links (password reset, invitation) exist in clear only in the recipient's mailbox: the outbox stores the
// template's parameters, never the link, whose token is derived when the message is sent (ADR 0021); a message is
// not sent past its link's expiry, a newer link voids older ones, and the data is purged on schedule.

let ctx: Contexte;
let ipSuivante = 1;
const nouveauClient = () => new Client(ctx.app, `198.51.100.${ipSuivante++}`);
const boite = new BoiteDeTest();

beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

/** The password links received by a person, newest first. */
async function liens(courriel: string): Promise<string[]> {
  const recus = await boite.recus(ctx, courriel);
  return recus.flatMap((r) => r.texte.match(/\/mot-de-passe\/nouveau\?jeton=[\w-]+/g) ?? []);
}

describe('one-time links', () => {
  it('a newer reset link voids the older one', async () => {
    await nouveauClient().post('/mot-de-passe-oublie', { courriel: DEMO.gestionAgen });
    const [ancien] = await liens(DEMO.gestionAgen);
    await nouveauClient().post('/mot-de-passe-oublie', { courriel: DEMO.gestionAgen });
    const [nouveau] = await liens(DEMO.gestionAgen);
    expect(nouveau).not.toBe(ancien);
    expect((await nouveauClient().get(ancien as string)).statusCode).toBe(410);
    expect((await nouveauClient().get(nouveau as string)).statusCode).toBe(200);
  });

  it('a reset link voids a pending invitation', async () => {
    const gestion = await nouveauClient().connecter(DEMO.gestionSceaux);
    const structureId = await structureNommee(ctx, 'France services de Sceaux');
    const courriel = 'invitee.liens@exemple.fr';
    await gestion.post('/admin/utilisateurs', { prenom: 'Léa', nom: 'Martin', courriel, role: 'agent', structureId });
    const [invitation] = await liens(courriel);
    expect((await nouveauClient().get(invitation as string)).statusCode).toBe(200);
    await nouveauClient().post('/mot-de-passe-oublie', { courriel });
    const [reinitialisation] = await liens(courriel);
    expect((await nouveauClient().get(invitation as string)).statusCode).toBe(410);
    expect((await nouveauClient().get(reinitialisation as string)).statusCode).toBe(200);
  });

  it('the outbox never stores the link: the recipient gets it, and it works', async () => {
    await nouveauClient().post('/mot-de-passe-oublie', { courriel: DEMO.agentAix });
    const enFile = await ctx.sql<{ ligne: string }>('select m::text as ligne from messages m where destinataire = $1', [
      DEMO.agentAix,
    ]);
    expect(enFile).toHaveLength(1);
    const [lien] = await liens(DEMO.agentAix);
    const jeton = decodeURIComponent(String(lien?.split('jeton=')[1]));
    expect(jeton).toHaveLength(43);
    expect(enFile[0]?.ligne).not.toContain(jeton);
    const [envoye] = await ctx.sql<{ ligne: string; statut: string }>(
      'select m::text as ligne, statut from messages m where destinataire = $1',
      [DEMO.agentAix],
    );
    expect(envoye?.statut).toBe('envoye');
    expect(envoye?.ligne).not.toContain(jeton);
    expect((await nouveauClient().get(lien as string)).statusCode).toBe(200);
  });

  it('a message whose link has expired is never sent, and the purge deletes it', async () => {
    await nouveauClient().post('/mot-de-passe-oublie', { courriel: DEMO.referentCaf });
    await ctx.sql(`update messages set expire_le = now() - interval '1 minute' where destinataire = $1`, [
      DEMO.referentCaf,
    ]);
    expect(await boite.recus(ctx, DEMO.referentCaf)).toEqual([]);
    expect(await ctx.sql('select statut from messages where destinataire = $1', [DEMO.referentCaf])).toEqual([
      { statut: 'annule' },
    ]);
    await purgerMessages(ctx.database.db);
    expect(await ctx.sql('select 1 from messages where destinataire = $1', [DEMO.referentCaf])).toEqual([]);
  });

  it('purges finished messages 30 days after their last event, and keeps pending ones', async () => {
    await ctx.sql(
      `insert into messages (canal, destinataire, modele, parametres, cle, statut, envoye_le, cree_le) values
        ('courriel', 'ancien@exemple.fr', 'comptes.reinitialisation', '{}', 'purge-1', 'envoye', now() - interval '31 days', now() - interval '31 days'),
        ('courriel', 'echec@exemple.fr', 'comptes.reinitialisation', '{}', 'purge-2', 'echec', null, now() - interval '31 days'),
        ('courriel', 'recent@exemple.fr', 'comptes.reinitialisation', '{}', 'purge-3', 'envoye', now() - interval '29 days', now() - interval '29 days'),
        ('courriel', 'attente@exemple.fr', 'comptes.reinitialisation', '{}', 'purge-4', 'en_attente', null, now() - interval '40 days')`,
    );
    expect(await purgerMessages(ctx.database.db)).toBeGreaterThanOrEqual(2);
    const restants = await ctx.sql<{ destinataire: string }>(
      `select destinataire from messages where cle like 'purge-%' order by destinataire`,
    );
    expect(restants.map((r) => r.destinataire)).toEqual(['attente@exemple.fr', 'recent@exemple.fr']);
  });
});

describe('the development outbox page', () => {
  it('does not exist outside development', async () => {
    expect((await new Client(ctx.app, '127.0.0.1').get('/dev/courriels')).statusCode).toBe(404);
  });

  it('answers in development only to this machine, not through a proxy', async () => {
    const dev = await demarrerApp({ NODE_ENV: 'development' });
    try {
      const local = await new Client(dev.app, '127.0.0.1').get('/dev/courriels');
      expect(local.statusCode).toBe(200);
      expect(local.body).toContain('Courriels envoyés');
      expect(local.headers['cache-control']).toBe('private, no-store');
      expect((await new Client(dev.app, '::1').get('/dev/courriels')).statusCode).toBe(200);
      expect((await new Client(dev.app, '192.0.2.7').get('/dev/courriels')).statusCode).toBe(404);
      const relaye = await new Client(dev.app, '127.0.0.1').get('/dev/courriels', { 'x-forwarded-for': '127.0.0.1' });
      expect(relaye.statusCode).toBe(404);
    } finally {
      await dev.fermer();
    }
  });
});
