import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { construireApp } from '../src/app/app.ts';
import { type Config, chargerConfig } from '../src/config/index.ts';
import { codeTotpDemo } from '../src/demo/totp.ts';
import { codeCourant } from '../src/modules/comptes/totp.ts';
import { connect, type Database } from '../src/platform/db/client.ts';
import { attendreTaches } from '../src/platform/jobs/index.ts';

export const MOT_DE_PASSE = 'guichet-demo-2026';

export interface Contexte {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** This file's own database, for a process started on it. */
  url: string;
  /** Raw SQL on this file's own database, for setting up and checking state. */
  sql: <T extends pg.QueryResultRow = Record<string, unknown>>(texte: string, valeurs?: unknown[]) => Promise<T[]>;
  /** Waits until the background jobs (of these names, or all) have run: the app's workers run during tests. */
  attendreTaches(noms?: string[]): Promise<void>;
  fermer(): Promise<void>;
}

/** A fresh copy of the template database (migrated, with demo data) and an application on it, for one test file. */
export async function demarrerApp(
  env: Record<string, string> = {},
  journal?: { write(ligne: string): void },
): Promise<Contexte> {
  const urlMaintenance = inject('urlMaintenance');
  const nom = `guichet_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: urlMaintenance });
  await admin.connect();
  await admin.query(`create database ${nom} template guichet_modele`);
  await admin.end();
  const u = new URL(urlMaintenance);
  u.pathname = `/${nom}`;
  const database = connect(u.toString(), { max: 5 });
  const config = chargerConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://guichet.test', ...env });
  const app = await construireApp({ db: database.db, pool: database.pool, config }, { journal });
  await app.ready();
  return {
    app,
    database,
    config,
    url: u.toString(),
    sql: async (texte, valeurs) => (await database.pool.query(texte, valeurs as unknown[])).rows,
    attendreTaches: (noms) => attendreTaches(database.db, { noms }),
    async fermer() {
      await app.close();
      await database.close();
      const a = new pg.Client({ connectionString: urlMaintenance });
      await a.connect();
      await a.query(`drop database if exists ${nom} with (force)`);
      await a.end();
    },
  };
}

function cookiesDe(reponse: LightMyRequestResponse, jar: Map<string, string>) {
  for (const c of reponse.cookies) {
    if (c.value === '' || (c.expires && new Date(c.expires).getTime() < Date.now())) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
}

/** Extracts the CSRF token of the first form of a page. */
export function jetonCsrfDe(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m?.[1]) throw new Error('no CSRF token on the page');
  return m[1];
}

/**
 * A browser-like client over app.inject(): keeps cookies, and posts forms with the CSRF token of the page it last
 * loaded (or of a page it loads for that purpose), as a real browser would.
 */
export class Client {
  readonly cookies = new Map<string, string>();
  private jeton: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '127.0.0.1',
  ) {}

  private entetes(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(url: string, entetes: Record<string, string> = {}) {
    const r = await this.app.inject({ method: 'GET', url, headers: this.entetes(entetes), remoteAddress: this.ip });
    cookiesDe(r, this.cookies);
    if (r.headers['content-type']?.toString().startsWith('text/html') && r.body.includes('name="_csrf"'))
      this.jeton = jetonCsrfDe(r.body);
    return r;
  }

  /** Posts a form; with `jeton: false` the CSRF token is left out (to test the refusal). */
  async post(url: string, champs: Record<string, string | string[]> = {}, options: { jeton?: boolean | string } = {}) {
    if (options.jeton !== false && typeof options.jeton !== 'string' && !this.jeton) await this.get('/connexion');
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(champs)) for (const x of [v].flat()) params.append(k, x);
    if (options.jeton !== false)
      params.append('_csrf', typeof options.jeton === 'string' ? options.jeton : (this.jeton ?? ''));
    const r = await this.app.inject({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: this.entetes({ 'content-type': 'application/x-www-form-urlencoded' }),
      remoteAddress: this.ip,
    });
    cookiesDe(r, this.cookies);
    if (r.headers['content-type']?.toString().startsWith('text/html') && r.body.includes('name="_csrf"'))
      this.jeton = jetonCsrfDe(r.body);
    return r;
  }

  /**
   * Signs in through the login form, then, when the account asks for it, through the second factor's page with the
   * demo secret's current code (the demo admin and coordination accounts); throws if it fails.
   */
  async connecter(courriel: string, motDePasse = MOT_DE_PASSE) {
    await this.get('/connexion');
    const r = await this.post('/connexion', { courriel, motDePasse });
    if (r.statusCode !== 303) throw new Error(`sign-in of ${courriel} failed: ${r.statusCode}`);
    const suite = String(r.headers.location);
    if (suite.startsWith('/connexion/second-facteur')) {
      const page = await this.get(suite);
      const s = await avecCodeTotp(this.app, courriel, (code) =>
        this.post('/connexion/second-facteur', { code }, { jeton: jetonCsrfDe(page.body) }),
      );
      if (s.statusCode !== 303) throw new Error(`second factor of ${courriel} failed: ${s.statusCode}`);
    } else if (suite.startsWith('/compte/second-facteur')) {
      // A role that requires the factor, without one yet (a coordinator made by a test): enrolled with the secret shown.
      const page = await this.get(suite);
      retenirSecretTotp(this.app, courriel, secretTotpAffiche(page.body));
      const s = await avecCodeTotp(this.app, courriel, (code) =>
        this.post('/compte/second-facteur', { code }, { jeton: jetonCsrfDe(page.body) }),
      );
      if (s.statusCode !== 200) throw new Error(`second-factor enrolment of ${courriel} failed: ${s.statusCode}`);
    }
    await this.get('/tableau-de-bord');
    return this;
  }
}

const fileDesCodes = new WeakMap<FastifyInstance, Map<string, Promise<unknown>>>();
const secretsEnroles = new WeakMap<FastifyInstance, Map<string, string>>();

/** The secret of the enrolment page (its text alternative, in groups of four). */
export function secretTotpAffiche(html: string): string {
  const m = html.match(/id="cle-totp">([A-Z2-7 ]+)</);
  if (!m?.[1]) throw new Error('no TOTP secret on the page');
  return m[1].replaceAll(' ', '');
}

function retenirSecretTotp(app: FastifyInstance, courriel: string, secret: string) {
  const secrets = secretsEnroles.get(app) ?? new Map<string, string>();
  secretsEnroles.set(app, secrets);
  secrets.set(courriel.toLowerCase(), secret);
}

/**
 * Runs `utiliser` with the current TOTP code of an account: the demo secret (demo admin and coordination), or the
 * secret the harness enrolled it with (ADR 0032). A code is accepted
 * once per 30-second step, and tests sign the same account in many times a step: the account's last accepted step
 * is forgotten first, and the sign-ins of one account run one at a time per application (each until its code was
 * used), so that every sign-in of a test gets a fresh code.
 */
export function avecCodeTotp<T>(
  app: FastifyInstance,
  courriel: string,
  utiliser: (code: string) => Promise<T>,
): Promise<T> {
  const parCompte = fileDesCodes.get(app) ?? new Map<string, Promise<unknown>>();
  fileDesCodes.set(app, parCompte);
  const tour = (parCompte.get(courriel) ?? Promise.resolve()).then(async () => {
    await app.deps.pool.query(
      'update facteurs_totp set dernier_pas = null where utilisateur_id = (select id from utilisateurs where lower(courriel) = lower($1))',
      [courriel],
    );
    const secret = secretsEnroles.get(app)?.get(courriel.toLowerCase());
    return utiliser(secret ? codeCourant(secret) : codeTotpDemo());
  });
  parCompte.set(
    courriel,
    tour.catch(() => {}),
  );
  return tour;
}

/** A signed-in client for a demo account. */
export function clientConnecte(app: FastifyInstance, courriel: string) {
  return new Client(app).connecter(courriel);
}

export const DEMO = {
  admin: 'admin@guichet.test',
  coordination: 'coordination@guichet.test',
  gestionSceaux: 'gestion.sceaux@guichet.test',
  agentSceaux: 'agent.sceaux@guichet.test',
  agentAix: 'agent.aix@guichet.test',
  gestionAgen: 'gestion.agen@guichet.test',
  referentCaf: 'referent.caf@guichet.test',
} as const;
