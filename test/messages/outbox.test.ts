import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdDe } from '../../src/platform/messages/fournisseurs.ts';
import { mettreEnFile, SmsTropLong } from '../../src/platform/messages/index.ts';
import { Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// The outbox (ADR 0021): one table for email and SMS, rendered at send time, claimed with SKIP LOCKED under a lease,
// retried with backoff, each message carrying its idempotency key to providers that deduplicate.

let ctx: Contexte;
const boite = new BoiteDeTest();

beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

const db = () => ctx.database.db;
const statut = async (cle: string) =>
  (
    await ctx.sql<{ statut: string; tentatives: number; derniere_erreur: string | null }>(
      'select statut, tentatives, derniere_erreur from messages where cle = $1',
      [cle],
    )
  )[0];

describe('emails', () => {
  it('renders at send time, with an HTML part, an ICS attachment and a Message-ID derived from the key', async () => {
    await mettreEnFile(db(), ctx.config, {
      modele: 'essai.courriel',
      destinataire: 'camille.ics@exemple.fr',
      parametres: {
        texte: 'Votre rendez-vous : https://guichet.test/rdv',
        evenement: {
          titre: 'Rendez-vous, CAF',
          debut: '2027-01-12T09:00:00.000Z',
          fin: '2027-01-12T09:30:00.000Z',
          lieu: 'France services de Sceaux',
        },
      },
      cle: 'essai-ics-1',
    });
    const [recu] = await boite.recus(ctx, 'camille.ics@exemple.fr');
    expect(recu?.sujet).toBe('guichet : message d’essai');
    expect(recu?.texte).toBe('Votre rendez-vous : https://guichet.test/rdv');
    expect(recu?.messageId).toBe(messageIdDe('essai-ics-1', ctx.config.mailFrom));
    expect(recu?.piecesJointes).toEqual(['invitation.ics']);
    const ics = recu?.contenus.get('invitation.ics') ?? '';
    expect(ics).toContain('DTSTART:20270112T090000Z');
    expect(ics).toContain('SUMMARY:Rendez-vous\\, CAF');
    expect(await statut('essai-ics-1')).toMatchObject({ statut: 'envoye', tentatives: 1 });
  });

  it('queues one message per key, however often it is queued', async () => {
    const message = {
      modele: 'essai.courriel' as const,
      destinataire: 'une.fois@exemple.fr',
      parametres: { texte: 'Une seule fois' },
      cle: 'essai-unique',
    };
    expect(await mettreEnFile(db(), ctx.config, message)).not.toBeNull();
    expect(await mettreEnFile(db(), ctx.config, message)).toBeNull();
    expect(await boite.recus(ctx, 'une.fois@exemple.fr')).toHaveLength(1);
  });

  it('refuses parameters that do not match the template', async () => {
    await expect(
      mettreEnFile(db(), ctx.config, {
        modele: 'essai.courriel',
        destinataire: 'x@exemple.fr',
        parametres: { texte: '' },
      }),
    ).rejects.toThrow();
  });
});

describe('SMS', () => {
  it('counts segments when queued and refuses more than 3', async () => {
    await mettreEnFile(db(), ctx.config, {
      modele: 'essai.sms',
      destinataire: '+33612345678',
      parametres: { texte: 'a'.repeat(161) },
      cle: 'sms-2-segments',
    });
    expect(await ctx.sql(`select segments from messages where cle = 'sms-2-segments'`)).toEqual([{ segments: 2 }]);
    await expect(
      mettreEnFile(db(), ctx.config, {
        modele: 'essai.sms',
        destinataire: '+33612345678',
        parametres: { texte: 'ê'.repeat(202) },
      }),
    ).rejects.toThrow(SmsTropLong);
  });

  it('sends through the Octopush API with the key as request_id; a resend after a crash is not sent twice', async () => {
    const { octopush } = await boite.serveurs();
    await mettreEnFile(db(), ctx.config, {
      modele: 'essai.sms',
      destinataire: '+33698765432',
      parametres: { texte: 'Votre rendez-vous est confirmé.' },
      cle: 'sms-crash',
    });
    await boite.envoyer(ctx);
    expect(await statut('sms-crash')).toMatchObject({ statut: 'envoye' });
    const recus = octopush.recus().filter((s) => s.numero === '+33698765432');
    expect(recus.map((s) => s.texte)).toEqual(['Votre rendez-vous est confirmé.']);
    const [{ id_fournisseur } = { id_fournisseur: '' }] = await ctx.sql<{ id_fournisseur: string }>(
      `select id_fournisseur from messages where cle = 'sms-crash'`,
    );
    expect(id_fournisseur).toBe(recus[0]?.ticket);
    // The sender died after Octopush accepted the SMS and before it was marked: its lease expires, it is sent again.
    await ctx.sql(
      `update messages set statut = 'envoi', bail_jusqu_a = now() - interval '1 second', envoye_le = null where cle = 'sms-crash'`,
    );
    const doublons = octopush.doublons();
    await boite.envoyer(ctx);
    expect(await statut('sms-crash')).toMatchObject({ statut: 'envoye', tentatives: 2 });
    expect(octopush.doublons()).toBe(doublons + 1);
    expect(octopush.recus().filter((s) => s.numero === '+33698765432')).toHaveLength(1);
  });

  it('retries an unavailable provider later (backoff), and fails for good a refused number', async () => {
    const { octopush } = await boite.serveurs();
    await mettreEnFile(db(), ctx.config, {
      modele: 'essai.sms',
      destinataire: '+33611112222',
      parametres: { texte: 'Rappel' },
      cle: 'sms-panne',
    });
    octopush.panne(1);
    await boite.envoyer(ctx);
    expect(await statut('sms-panne')).toMatchObject({ statut: 'en_attente', tentatives: 1 });
    const [r] = await ctx.sql<{ delai: number }>(
      `select extract(epoch from prochain_essai_le - now())::int as delai from messages where cle = 'sms-panne'`,
    );
    expect(r?.delai).toBeGreaterThan(20);
    await boite.envoyer(ctx);
    expect(await statut('sms-panne')).toMatchObject({ statut: 'en_attente', tentatives: 1 });
    await ctx.sql(`update messages set prochain_essai_le = now() - interval '1 second' where cle = 'sms-panne'`);
    await boite.envoyer(ctx);
    expect(await statut('sms-panne')).toMatchObject({ statut: 'envoye', tentatives: 2 });

    await mettreEnFile(db(), ctx.config, {
      modele: 'essai.sms',
      destinataire: '0611112222',
      parametres: { texte: 'Numéro mal écrit' },
      cle: 'sms-refuse',
    });
    await boite.envoyer(ctx);
    expect(await statut('sms-refuse')).toMatchObject({ statut: 'echec', tentatives: 1 });
    expect((await statut('sms-refuse'))?.derniere_erreur).toContain('Octopush 400');
  });

  it('records the delivery receipts Octopush posts to the secret callback URL, and refuses any other', async () => {
    const app = await demarrerApp({ SMS_WEBHOOK_SECRET: 'un-secret-de-rappel-assez-long-1234567' });
    try {
      await app.sql(
        `insert into messages (canal, destinataire, modele, parametres, cle, statut, id_fournisseur)
         values ('sms', '+33600000001', 'essai.sms', '{"texte":"x"}', 'sms-accuse', 'envoye', 'sms_abc123')`,
      );
      const accuse = { channel: 'sms', message_id: 'sms_abc123', number: '+33600000001', status: 'DELIVERED' };
      const faux = await app.app.inject({ method: 'POST', url: '/webhooks/sms/mauvais-secret', payload: accuse });
      expect(faux.statusCode).toBe(404);
      const r = await app.app.inject({
        method: 'POST',
        url: '/webhooks/sms/un-secret-de-rappel-assez-long-1234567',
        payload: { ...accuse, delivery_date: '2026-12-02 10:15:00' },
      });
      expect(r.statusCode).toBe(204);
      expect(
        await app.sql(`select remise, remise_le is not null as le from messages where cle = 'sms-accuse'`),
      ).toEqual([{ remise: 'DELIVERED', le: true }]);
      const illisible = await app.app.inject({
        method: 'POST',
        url: '/webhooks/sms/un-secret-de-rappel-assez-long-1234567',
        payload: { status: 'DELIVERED' },
      });
      expect(illisible.statusCode).toBe(400);
    } finally {
      await app.fermer();
    }
  });
});

describe('claims', () => {
  it('two senders at once never send one message twice (FOR UPDATE SKIP LOCKED)', async () => {
    const { smtp } = await boite.serveurs();
    const avant = smtp.brut();
    for (let i = 0; i < 40; i++) {
      await mettreEnFile(db(), ctx.config, {
        modele: 'essai.courriel',
        destinataire: `concurrent.${i}@exemple.fr`,
        parametres: { texte: `Message ${i}` },
      });
    }
    await Promise.all([boite.envoyer(ctx), boite.envoyer(ctx), boite.envoyer(ctx)]);
    const recus = smtp.recus().filter((c) => c.a.startsWith('concurrent.'));
    expect(recus).toHaveLength(40);
    expect(smtp.brut() - avant).toBe(40);
    expect(recus.every((c) => c.exemplaires === 1)).toBe(true);
  });
});

describe('the national administration’s view', () => {
  it('/healthz reports the backlog and the age of the oldest pending message, nothing personal', async () => {
    await ctx.sql(
      `insert into messages (canal, destinataire, modele, parametres, cle, cree_le, prochain_essai_le)
       values ('courriel', 'sante@exemple.fr', 'essai.courriel', '{"texte":"x"}', 'sante', now() - interval '10 minutes', now() + interval '1 hour')`,
    );
    const r = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
    const corps = r.json();
    expect(corps).toMatchObject({ status: 'ok', database: 'ok' });
    expect(corps.messages.enAttente).toBeGreaterThanOrEqual(1);
    expect(corps.messages.plusAncienSecondes).toBeGreaterThanOrEqual(600);
    expect(r.body).not.toContain('sante@');
    await ctx.sql(`delete from messages where cle = 'sante'`);
  });

  it('lists messages with masked recipients and retries a failed one', async () => {
    await ctx.sql(
      `insert into messages (canal, destinataire, modele, parametres, cle, statut, tentatives, derniere_erreur)
       values ('courriel', 'jeanne.dupont@mairie-exemple.fr', 'essai.courriel', '{"texte":"Relance"}', 'a-relancer', 'echec', 8, 'SMTP 550: mailbox full'),
              ('sms', '+33612345678', 'essai.sms', '{"texte":"x"}', 'sms-liste', 'envoye', 1, null)`,
    );
    const admin = await clientConnecte(ctx.app, DEMO.admin);
    const page = await admin.get('/admin/messages');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('j***@m***.fr');
    expect(page.body).toContain('06 ** ** ** 78');
    expect(page.body).not.toContain('jeanne.dupont');
    expect(page.body).not.toContain('612345678');
    expect(page.body).toContain('SMTP 550: mailbox full');
    const [{ id } = { id: '' }] = await ctx.sql<{ id: string }>(`select id from messages where cle = 'a-relancer'`);
    const r = await admin.post(`/admin/messages/${id}/relancer`);
    expect(r.statusCode).toBe(303);
    expect(await statut('a-relancer')).toMatchObject({ statut: 'en_attente', tentatives: 0 });
    await boite.envoyer(ctx);
    expect(await statut('a-relancer')).toMatchObject({ statut: 'envoye', tentatives: 1 });
    const encore = await admin.post(`/admin/messages/${id}/relancer`);
    expect(encore.statusCode).toBe(303);
    expect((await admin.get('/admin/messages')).body).toContain('Ce message n’est pas en échec');
    const gestion = await clientConnecte(ctx.app, DEMO.gestionSceaux);
    expect((await gestion.get('/admin/messages')).statusCode).toBe(403);
  });
});

describe('the sender job', () => {
  it('sends a password reset queued by a request, without anyone calling the sender', async () => {
    const { smtp } = await boite.serveurs();
    const app = await demarrerApp({ SMTP_URL: smtp.url });
    try {
      const visiteur = new Client(app.app, '203.0.113.9');
      await visiteur.get('/mot-de-passe-oublie');
      expect((await visiteur.post('/mot-de-passe-oublie', { courriel: DEMO.gestionAgen })).statusCode).toBe(200);
      await app.attendreTaches(['messages.envoyer']);
      const recu = smtp.recus().find((m) => m.a === DEMO.gestionAgen);
      expect(recu?.texte).toMatch(/http:\/\/guichet\.test\/mot-de-passe\/nouveau\?jeton=[\w-]{43}/);
      expect(await app.sql('select statut from messages where destinataire = $1', [DEMO.gestionAgen])).toEqual([
        { statut: 'envoye' },
      ]);
    } finally {
      await app.fermer();
    }
  });
});
