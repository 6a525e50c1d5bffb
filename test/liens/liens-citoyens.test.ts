import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consommerLien,
  creerLien,
  enregistrerTraitementLien,
  lireLien,
  revoquerLiens,
} from '../../src/platform/liens/index.ts';
import { Client, type Contexte, demarrerApp } from '../harnais.ts';

let ctx: Contexte;
const journal: string[] = [];

beforeAll(async () => {
  ctx = await demarrerApp({ LOG_LEVEL: 'info' }, { write: (l) => void journal.push(l) });
  // A module's page for a purpose; this one uses the link as it opens it, to race 20 browsers through HTTP.
  enregistrerTraitementLien('contact.suivre', async ({ reply, lien, jeton, refuser }) => {
    const pris = await consommerLien(ctx.database.db, jeton);
    if (!pris.ok) return refuser(pris.etat);
    return reply.type('text/html; charset=utf-8').send(`<p>Suivi de la demande ${lien.sujet}</p>`);
  });
});
afterAll(() => ctx.fermer());

const lien = (
  usage: 'unique' | 'multiple' = 'unique',
  objet: 'contact.suivre' | 'rendez-vous.deplacer' = 'contact.suivre',
) => creerLien(ctx.database.db, { objet, sujet: randomUUID(), usage, duree: { jours: 7 } }, ctx.config.publicUrl);

function cheminDe(url: string) {
  return new URL(url).pathname;
}

describe('citizen links', () => {
  it('hands out a 256-bit base64url token under PUBLIC_URL and stores only its SHA-256', async () => {
    const l = await lien();
    expect(l.url).toBe(`http://guichet.test/l/${l.jeton}`);
    expect(l.jeton).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const lignes = await ctx.sql<{ empreinte: string }>('select empreinte from liens_citoyens where id = $1', [l.id]);
    expect(lignes[0]?.empreinte).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await ctx.sql('select * from liens_citoyens'))).not.toContain(l.jeton);
  });

  it('opens the page of its purpose, with no-store and no-referrer', async () => {
    const l = await lien();
    const r = await new Client(ctx.app).get(cheminDe(l.url));
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Suivi de la demande');
    expect(r.headers['cache-control']).toContain('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('says so when no module handles the purpose yet, and does not use the link', async () => {
    const l = await lien('unique', 'rendez-vous.deplacer');
    const r = await new Client(ctx.app).get(cheminDe(l.url));
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Service pas encore disponible');
    expect(r.headers['cache-control']).toContain('no-store');
    expect((await lireLien(ctx.database.db, l.jeton)).ok).toBe(true);
  });

  it('a used single-use link gets a French 410 page', async () => {
    const l = await lien();
    expect((await consommerLien(ctx.database.db, l.jeton)).ok).toBe(true);
    const r = await new Client(ctx.app).get(cheminDe(l.url));
    expect(r.statusCode).toBe(410);
    expect(r.body).toContain('Lien déjà utilisé');
    expect(r.headers['cache-control']).toContain('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('an expired link gets a French 410 page, and cannot be used', async () => {
    const l = await lien();
    await ctx.sql(`update liens_citoyens set expire_le = now() - interval '1 second' where id = $1`, [l.id]);
    const r = await new Client(ctx.app).get(cheminDe(l.url));
    expect(r.statusCode).toBe(410);
    expect(r.body).toContain('Lien expiré');
    expect(await consommerLien(ctx.database.db, l.jeton)).toEqual({ ok: false, etat: 'expire' });
  });

  it('a revoked link gets a French 410 page; revocation reaches every link of the subject', async () => {
    const sujet = randomUUID();
    const d = { objet: 'contact.suivre' as const, sujet, usage: 'multiple' as const, duree: { jours: 1 } };
    const a = await creerLien(ctx.database.db, d, ctx.config.publicUrl);
    const b = await creerLien(ctx.database.db, d, ctx.config.publicUrl);
    expect(await revoquerLiens(ctx.database.db, 'contact.suivre', sujet)).toBe(2);
    for (const l of [a, b]) {
      const r = await new Client(ctx.app).get(cheminDe(l.url));
      expect(r.statusCode).toBe(410);
      expect(r.body).toContain('Lien annulé');
    }
    expect(await revoquerLiens(ctx.database.db, 'contact.suivre', sujet)).toBe(0);
  });

  it('a multiple-use link works until it expires, counting its uses', async () => {
    const l = await lien('multiple');
    for (let i = 0; i < 3; i++) {
      const r = await new Client(ctx.app).get(cheminDe(l.url));
      expect(r.statusCode).toBe(200);
    }
    const lu = await lireLien(ctx.database.db, l.jeton);
    expect(lu.ok && lu.lien.utilisations).toBe(3);
  });

  it('20 browsers opening one single-use link at once: exactly one gets through', async () => {
    const l = await lien();
    const reponses = await Promise.all(Array.from({ length: 20 }, () => new Client(ctx.app).get(cheminDe(l.url))));
    const statuts = reponses.map((r) => r.statusCode).sort();
    expect(statuts.filter((s) => s === 200)).toHaveLength(1);
    expect(statuts.filter((s) => s === 410)).toHaveLength(19);
    const [ligne] = await ctx.sql<{ utilisations: number }>('select utilisations from liens_citoyens where id = $1', [
      l.id,
    ]);
    expect(ligne?.utilisations).toBe(1);
  });

  it('20 concurrent uses of a single-use link through the service: exactly one succeeds', async () => {
    const l = await lien();
    const resultats = await Promise.all(Array.from({ length: 20 }, () => consommerLien(ctx.database.db, l.jeton)));
    expect(resultats.filter((r) => r.ok)).toHaveLength(1);
    expect(resultats.filter((r) => !r.ok && r.etat === 'utilise')).toHaveLength(19);
  });

  it('unknown and hostile tokens get a French 404, never a 500', async () => {
    const inconnu = 'A'.repeat(43);
    const hostiles = [
      `/l/${inconnu}`,
      `/l/${'x'.repeat(90)}`,
      `/l/${'x'.repeat(5000)}`,
      `/l/${encodeURIComponent('é'.repeat(43))}`,
      `/l/${encodeURIComponent('🙂'.repeat(11))}`,
      '/l/..%2F..%2Fadmin%2Futilisateurs',
      '/l/%00',
      '/l/%E0%A4%A',
      `/l/${encodeURIComponent("' or 1=1 --")}`,
      `/l/${inconnu}%20`,
      '/l/',
      `/l/${inconnu}/../../admin`,
    ];
    for (const url of hostiles) {
      const r = await new Client(ctx.app).get(url);
      expect([url, r.statusCode]).toEqual([url, 404]);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body).toMatch(/Lien introuvable|Page non trouvée/);
      expect(r.body).toMatch(/n’existe pas|introuvable/);
    }
    const r = await new Client(ctx.app).get(`/l/${inconnu}`);
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('Lien introuvable');
    expect(r.headers['cache-control']).toContain('no-store');
  });

  it('never writes a token to the log', async () => {
    const l = await lien();
    await new Client(ctx.app).get(cheminDe(l.url));
    await new Client(ctx.app).get(`/l/${l.jeton.slice(0, 20)}`);
    const texte = journal.join('\n');
    expect(texte).toContain('/l/[masqué]');
    expect(texte).not.toContain(l.jeton);
    expect(texte).not.toContain(l.jeton.slice(0, 20));
  });
});
