import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mettreEnFile } from '../../src/platform/messages/index.ts';
import { type Contexte, demarrerApp } from '../harnais.ts';
import { BoiteDeTest } from '../messagerie.ts';

// ADR 0021's guarantee, tested: a sender process killed with SIGKILL in the middle of a batch, then restarted, loses
// no message, and no key reaches a deduplicating provider twice (raw duplicates may arrive; the provider drops them).

let ctx: Contexte;
const boite = new BoiteDeTest();
const N = 150;

beforeAll(async () => {
  ctx = await demarrerApp();
});
afterAll(async () => {
  await boite.fermer();
  await ctx.fermer();
});

function envoyeur(env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', 'test/messages/envoyeur-enfant.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('kill -9 in the middle of a batch', () => {
  it('every message is delivered, none twice for one key', async () => {
    const { smtp, octopush } = await boite.serveurs();
    await ctx.database.db.transaction(async (tx) => {
      for (let i = 0; i < N; i++) {
        await mettreEnFile(tx, ctx.config, {
          modele: 'essai.courriel',
          destinataire: `lot.${i}@exemple.fr`,
          parametres: { texte: `Message ${i}` },
          cle: `lot-courriel-${i}`,
        });
        await mettreEnFile(tx, ctx.config, {
          modele: 'essai.sms',
          destinataire: `+336${String(10_000_000 + i)}`,
          parametres: { texte: `SMS ${i}` },
          cle: `lot-sms-${i}`,
        });
      }
    });
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: ctx.url,
      PUBLIC_URL: 'http://guichet.test',
      SMTP_URL: smtp.url,
      SMS_PROVIDER: 'octopush',
      OCTOPUSH_API_URL: octopush.url,
      OCTOPUSH_API_LOGIN: octopush.login,
      OCTOPUSH_API_KEY: octopush.cle,
    };
    // After 40 messages each, the providers keep what they receive but withhold their answer: the sender is then
    // killed holding messages the providers have accepted but it has not marked sent (the worst moment).
    smtp.retenirApres(40);
    octopush.retenirApres(40);
    const premier = envoyeur(env);
    const sortie = new Promise<number | null>((resolve) => premier.on('exit', (code) => resolve(code)));
    while (smtp.retenus() + octopush.retenus() === 0) await new Promise((r) => setTimeout(r, 5));
    premier.kill('SIGKILL');
    await sortie;
    const retenus = { smtp: smtp.retenus(), sms: octopush.retenus() };
    smtp.liberer();
    octopush.liberer();
    const [{ envoyes = 0, en_vol = 0 } = {}] = await ctx.sql<{ envoyes: number; en_vol: number }>(
      `select count(*) filter (where statut = 'envoye')::int envoyes, count(*) filter (where statut = 'envoi')::int en_vol
         from messages where cle like 'lot-%'`,
    );
    expect(envoyes).toBeLessThan(2 * N);
    expect(en_vol).toBeGreaterThan(0);

    // Restarted after the dead sender's leases (2 minutes) have run out.
    const second = envoyeur({ ...env, DECALAGE_MS: String(3 * 60_000) });
    const [code] = await Promise.all([new Promise((resolve) => second.on('exit', resolve))]);
    expect(code).toBe(0);

    expect(
      await ctx.sql(`select statut, count(*)::int n from messages where cle like 'lot-%' group by statut`),
    ).toEqual([{ statut: 'envoye', n: 2 * N }]);
    const courriels = smtp.recus().filter((c) => c.a.startsWith('lot.'));
    expect(courriels).toHaveLength(N);
    expect(new Set(courriels.map((c) => c.messageId)).size).toBe(N);
    const sms = octopush.recus().filter((s) => s.texte.startsWith('SMS '));
    expect(sms).toHaveLength(N);
    expect(new Set(sms.map((s) => s.requestId)).size).toBe(N);
    // The messages held at the kill were sent again after the restart, and dropped as duplicates by the providers.
    expect(retenus.smtp + retenus.sms).toBeGreaterThan(0);
    expect(courriels.reduce((n, c) => n + c.exemplaires - 1, 0)).toBe(retenus.smtp);
    expect(octopush.doublons()).toBe(retenus.sms);
    // Raw receipts may exceed the unique ones only by what the providers deduplicated.
    const doublonsSmtp = courriels.reduce((n, c) => n + c.exemplaires - 1, 0);
    expect(smtp.brut()).toBe(N + doublonsSmtp);
    expect(octopush.brut()).toBe(N + octopush.doublons());
    console.info(
      `kill -9: ${envoyes} sent before the kill, ${en_vol} in flight; duplicates dropped: SMTP ${doublonsSmtp}, SMS ${octopush.doublons()}`,
    );
  }, 120_000);
});
