import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Contexte, clientConnecte, DEMO, demarrerApp } from '../harnais.ts';

// The HTTP side of the national list's upload: who may send a body, what a malformed or oversized one gets.

let ctx: Contexte;
let admin: Client;
let coordination: Client;
beforeAll(async () => {
  ctx = await demarrerApp();
  admin = await clientConnecte(ctx.app, DEMO.admin);
  coordination = await clientConnecte(ctx.app, DEMO.coordination);
});
afterAll(() => ctx.fermer());

const FRONTIERE = '----guichet-envoi';
const TYPE = `multipart/form-data; boundary=${FRONTIERE}`;
const MO = 1024 * 1024;

const champ = (nom: string, valeur: string) =>
  `--${FRONTIERE}\r\nContent-Disposition: form-data; name="${nom}"\r\n\r\n${valeur}\r\n`;
const enteteFichier = (nom = 'liste.csv') =>
  `--${FRONTIERE}\r\nContent-Disposition: form-data; name="fichier"; filename="${nom}"\r\nContent-Type: text/csv\r\n\r\n`;

/** A multipart body produced on demand, counting what the server pulled: a refused upload must not be read. */
function corpsCompte(debut: string, tailleFichier: number) {
  const compte = { lus: 0 };
  let reste = tailleFichier;
  let premier = true;
  const flux = new Readable({
    read() {
      if (premier) {
        premier = false;
        compte.lus += Buffer.byteLength(debut);
        this.push(debut);
        return;
      }
      if (reste <= 0) {
        this.push(`\r\n--${FRONTIERE}--\r\n`);
        this.push(null);
        return;
      }
      const morceau = Buffer.alloc(Math.min(64 * 1024, reste), 'a');
      reste -= morceau.length;
      compte.lus += morceau.length;
      this.push(morceau);
    },
  });
  return { flux, compte };
}

function entetes(client: Client | null) {
  const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ') : '';
  return { 'content-type': TYPE, ...(cookie ? { cookie } : {}) };
}

async function jeton(client: Client) {
  const page = await client.get('/admin/imports');
  return /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
}

async function envoyer(client: Client | null, payload: string | Readable, type = TYPE) {
  return ctx.app.inject({
    method: 'POST',
    url: '/admin/imports',
    payload,
    headers: { ...entetes(client), 'content-type': type },
  });
}

describe('who may send a body to /admin/imports', () => {
  it('refuses an anonymous upload of 20 MB before reading it, and closes the connection', async () => {
    const { flux, compte } = corpsCompte(enteteFichier(), 20 * MO);
    const r = await envoyer(null, flux);
    expect(r.statusCode).toBe(401);
    expect(r.headers.connection).toBe('close');
    expect(compte.lus).toBeLessThan(MO);
  });

  it('refuses a signed-in person who is not the national administrator before reading the body', async () => {
    const { flux, compte } = corpsCompte(champ('_csrf', await jeton(coordination)) + enteteFichier(), 20 * MO);
    const r = await envoyer(coordination, flux);
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain('Accès refusé');
    expect(compte.lus).toBeLessThan(MO);
  });

  it('checks the form token before reading the file: a file sent without it is refused unread', async () => {
    const { flux, compte } = corpsCompte(enteteFichier(), 20 * MO);
    const r = await envoyer(admin, flux);
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain('Le formulaire a expiré');
    expect(compte.lus).toBeLessThan(MO);
  });
});

describe('malformed and oversized uploads', () => {
  it('answers 400 in French to malformed multipart bodies, never 500', async () => {
    const csrf = champ('_csrf', await jeton(admin));
    const cas: Array<[string, string, string]> = [
      ['no boundary in the content type', `${csrf}--${FRONTIERE}--\r\n`, 'multipart/form-data'],
      ['a body cut before its end', `${csrf}${enteteFichier()}id_fs,lib_fs\r\n1,Sceaux`, TYPE],
      ['a field named __proto__', `${csrf}${champ('__proto__', 'x')}--${FRONTIERE}--\r\n`, TYPE],
    ];
    for (const [nom, payload, type] of cas) {
      const r = await envoyer(admin, payload, type);
      expect(r.statusCode, nom).toBe(400);
      expect(r.headers['content-type'], nom).toMatch(/^text\/html/);
      expect(r.body, nom).toContain('L’envoi est mal formé ou incomplet');
    }
  });

  it('refuses a file over 20 MB with a clear 413, and states the limit on the page', async () => {
    const page = await admin.get('/admin/imports');
    expect(page.body).toContain('Taille maximale : 20 Mo');
    const { flux } = corpsCompte(champ('_csrf', await jeton(admin)) + enteteFichier(), 20 * MO + 1);
    const r = await envoyer(admin, flux);
    expect(r.statusCode).toBe(413);
    expect(r.body).toContain('Le fichier dépasse la taille maximale de 20 Mo');
  });

  it('refuses two files at once with a 413 in French', async () => {
    const csrf = champ('_csrf', await jeton(admin));
    const payload = `${csrf}${enteteFichier('a.csv')}a\r\n${enteteFichier('b.csv')}b\r\n--${FRONTIERE}--\r\n`;
    const r = await envoyer(admin, payload);
    expect(r.statusCode).toBe(413);
    expect(r.body).toContain('Envoyez un seul fichier à la fois.');
  });

  it('asks for a file when the file input was left empty', async () => {
    const csrf = champ('_csrf', await jeton(admin));
    const r = await envoyer(admin, `${csrf}${enteteFichier('')}\r\n--${FRONTIERE}--\r\n`);
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Choisissez le fichier CSV à importer');
  });
});
