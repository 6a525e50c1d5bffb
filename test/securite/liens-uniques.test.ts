import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgerExpires } from '../../src/modules/comptes/index.ts';
import { envoyerEnAttente, purgerCourriels, TEXTE_EFFACE } from '../../src/platform/mail/outbox.ts';
import { structureNommee } from '../fabriques.ts';
import { Client, type Contexte, DEMO, demarrerApp } from '../harnais.ts';

// One-time links (password reset, invitation) exist in clear only in the recipient's mailbox: the outbox erases them
// once sent and drops them unsent at their expiry, a newer link voids older ones, and the data is purged on schedule.

let ctx: Contexte;
let ipSuivante = 1;
const nouveauClient = () => new Client(ctx.app, `198.51.100.${ipSuivante++}`);

beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(() => ctx.fermer());

async function liens(courriel: string): Promise<string[]> {
  const rows = await ctx.sql<{ texte: string }>(
    'select texte from courriels where destinataire = $1 order by cree_le desc',
    [courriel],
  );
  return rows.flatMap((r) => r.texte.match(/\/mot-de-passe\/nouveau\?jeton=[\w-]+/g) ?? []);
}

/** A transport that keeps what it is given instead of speaking SMTP. */
function boiteDeReception() {
  const recus: Array<{ to: string; text: string }> = [];
  const transport = {
    sendMail: async (m: { to: string; text: string }) => {
      recus.push(m);
      return {};
    },
  } as unknown as Transporter;
  return { recus, transport };
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

  it('once sent, the stored message no longer holds the link, which still works for its recipient', async () => {
    await nouveauClient().post('/mot-de-passe-oublie', { courriel: DEMO.agentAix });
    const [lien] = await liens(DEMO.agentAix);
    const { recus, transport } = boiteDeReception();
    await envoyerEnAttente(ctx.database.db, transport, 'guichet <test@guichet.test>');
    const recu = recus.find((m) => m.to === DEMO.agentAix);
    expect(recu?.text).toContain(lien);
    const stockes = await ctx.sql<{ texte: string; envoye: boolean }>(
      'select texte, envoye_le is not null as envoye from courriels where destinataire = $1',
      [DEMO.agentAix],
    );
    expect(stockes).toEqual([{ texte: TEXTE_EFFACE, envoye: true }]);
    expect(await ctx.sql(`select 1 from courriels where texte like '%jeton=%' and envoye_le is not null`)).toEqual([]);
    expect((await nouveauClient().get(lien as string)).statusCode).toBe(200);
  });

  it('a message whose link has expired is never sent, and the purge deletes it', async () => {
    await nouveauClient().post('/mot-de-passe-oublie', { courriel: DEMO.referentCaf });
    await ctx.sql(`update courriels set expire_le = now() - interval '1 minute' where destinataire = $1`, [
      DEMO.referentCaf,
    ]);
    const { recus, transport } = boiteDeReception();
    await envoyerEnAttente(ctx.database.db, transport, 'guichet <test@guichet.test>');
    expect(recus.filter((m) => m.to === DEMO.referentCaf)).toEqual([]);
    await purgerCourriels(ctx.database.db);
    expect(await ctx.sql('select 1 from courriels where destinataire = $1', [DEMO.referentCaf])).toEqual([]);
  });

  it('purges sent mail after 30 days, and used or expired links', async () => {
    await ctx.sql(
      `insert into courriels (destinataire, sujet, texte, envoye_le) values
        ('ancien@exemple.fr', 'Ancien', 'x', now() - interval '31 days'),
        ('recent@exemple.fr', 'Récent', 'x', now() - interval '1 day'),
        ('attente@exemple.fr', 'En attente', 'x', null)`,
    );
    await nouveauClient().post('/mot-de-passe-oublie', { courriel: DEMO.coordination });
    await ctx.sql(
      `update jetons set expire_le = now() - interval '1 minute'
        where utilisateur_id = (select id from utilisateurs where courriel = $1)`,
      [DEMO.coordination],
    );
    await Promise.all([purgerExpires(ctx.database.db), purgerCourriels(ctx.database.db)]);
    const restants = await ctx.sql<{ destinataire: string }>(
      `select destinataire from courriels
        where destinataire in ('ancien@exemple.fr', 'recent@exemple.fr', 'attente@exemple.fr') order by destinataire`,
    );
    expect(restants.map((r) => r.destinataire)).toEqual(['attente@exemple.fr', 'recent@exemple.fr']);
    expect(await ctx.sql('select 1 from jetons where expire_le < now() or utilise_le is not null')).toEqual([]);
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
