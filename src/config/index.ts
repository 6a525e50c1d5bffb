import { z } from 'zod';

/** Environment variables, parsed once. Secrets only ever come from here. */
export const Environnement = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET doit contenir au moins 32 caractères').optional(),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('guichet <ne-pas-repondre@guichet.localhost>'),
  SMS_PROVIDER: z.enum(['octopush']).optional(),
  OCTOPUSH_API_URL: z.url().default('https://api.octopush.com/v1/public'),
  OCTOPUSH_API_LOGIN: z.string().optional(),
  OCTOPUSH_API_KEY: z.string().optional(),
  SMS_SENDER: z
    .string()
    .regex(/^[a-zA-Z0-9]{3,11}$/, 'SMS_SENDER: 3 to 11 letters or digits')
    .default('guichet'),
  SMS_WEBHOOK_SECRET: z.string().min(32, 'SMS_WEBHOOK_SECRET must be at least 32 characters').optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
  DATA_DIR: z.string().default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.stringbool().default(false),
  GEOCODEUR: z.enum(['local', 'geoplateforme']).default('local'),
  CARTE_STYLE: z.url().default('https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json'),
  RDV_RESERVATIONS_PAR_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  CONTACT_DOMAIN: z
    .string()
    .regex(/^(?=.{1,200}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'CONTACT_DOMAIN: a lower-case domain name')
    .default('contact.guichet.localhost'),
  CONTACT_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  CONTACT_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SECOND_FACTEUR_ROLES: z
    .string()
    .default('')
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z.array(z.enum(['gestionnaire', 'agent', 'referent']), 'SECOND_FACTEUR_ROLES: gestionnaire, agent, referent'),
    ),
  PROCONNECT_ISSUER: z.url().optional(),
  PROCONNECT_CLIENT_ID: z.string().min(1).optional(),
  PROCONNECT_CLIENT_SECRET: z.string().min(1).optional(),
  PROCONNECT_SIGNING_ALG: z.enum(['RS256', 'ES256']).default('RS256'),
});
export type Environnement = z.infer<typeof Environnement>;

export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  /** When absent, guichet runs its own embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | undefined;
  sessionSecret: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** SMS through Octopush's HTTP API (ADR 0022); absent: SMS stay pending (development starts a local fake). */
  sms: ConfigSms | undefined;
  /** Secret path segment of the SMS delivery-receipt callback (`/webhooks/sms/:secret`); absent: no callback. */
  smsWebhookSecret: string | undefined;
  embeddedPgPort: number;
  dataDir: string;
  logLevel: Environnement['LOG_LEVEL'];
  trustProxy: boolean;
  /** Address search: the offline commune index, or IGN's Géoplateforme (BAN) with the index as fallback. */
  geocodeur: 'local' | 'geoplateforme';
  /** MapLibre style of the search map (IGN's Plan by default); its origin is allowed by the CSP. */
  carteStyle: string;
  /** Bookings one IP address may attempt per minute on `POST /api/v1/rendez-vous` (in-memory limiter). */
  reservationsParMinute: number;
  /** The mail domain of the sites' own addresses (`fs2541@<domain>`), whose mail the SMTP receiver accepts. */
  domaineContact: string;
  /** Where the SMTP receiver of the sites' mail listens (behind the MX relay); absent: not started (ADR 0029). */
  receptionSmtp: { port: number; hote: string } | undefined;
  /**
   * Roles that must use the TOTP second factor on a password sign-in, besides national administrators and coordinators
   * who always do (ADR 0032).
   */
  rolesSecondFacteur: Array<'gestionnaire' | 'agent' | 'referent'>;
  /** ProConnect (OpenID Connect, ADR 0032); absent: no ProConnect button, its routes answer 404. */
  proconnect: ConfigProConnect | undefined;
}

export interface ConfigProConnect {
  /** The issuer, whose `/.well-known/openid-configuration` is read on first use. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The algorithm chosen at registration for the ID token and the userinfo JWT. */
  algorithme: 'RS256' | 'ES256';
}

export interface ConfigSms {
  fournisseur: 'octopush';
  urlApi: string;
  login: string;
  cle: string;
  expediteur: string;
}

export class ConfigError extends Error {}

/** A fixed key for development and tests only; production refuses to start without its own. */
const DEV_SESSION_SECRET = 'guichet-development-only-secret-do-not-use-in-production';

/** Reads the configuration from the environment; throws a ConfigError in French-free English for operators. */
export function chargerConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Environnement.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${details}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    const manquants = [
      !e.SESSION_SECRET && 'SESSION_SECRET (at least 32 random characters)',
      !e.DATABASE_URL && 'DATABASE_URL (postgres://user:password@host:5432/guichet)',
      !e.PUBLIC_URL && 'PUBLIC_URL (https://guichet.example.fr)',
    ].filter(Boolean);
    if (manquants.length > 0) {
      throw new ConfigError(
        `guichet refuses to start in production: missing required setting(s): ${manquants.join(', ')}.`,
      );
    }
  }
  const proconnect = [e.PROCONNECT_ISSUER, e.PROCONNECT_CLIENT_ID, e.PROCONNECT_CLIENT_SECRET];
  if (production && e.PROCONNECT_ISSUER?.startsWith('http:')) {
    throw new ConfigError('guichet refuses to start in production: PROCONNECT_ISSUER must be an https:// address.');
  }
  if (proconnect.some(Boolean) && !proconnect.every(Boolean)) {
    throw new ConfigError(
      'Invalid configuration: ProConnect needs PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID and PROCONNECT_CLIENT_SECRET together.',
    );
  }
  if (e.SMS_PROVIDER === 'octopush' && (!e.OCTOPUSH_API_LOGIN || !e.OCTOPUSH_API_KEY)) {
    throw new ConfigError(
      'Invalid configuration: SMS_PROVIDER=octopush needs OCTOPUSH_API_LOGIN and OCTOPUSH_API_KEY.',
    );
  }
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sms:
      e.SMS_PROVIDER === 'octopush'
        ? {
            fournisseur: 'octopush',
            urlApi: e.OCTOPUSH_API_URL,
            login: e.OCTOPUSH_API_LOGIN ?? '',
            cle: e.OCTOPUSH_API_KEY ?? '',
            expediteur: e.SMS_SENDER,
          }
        : undefined,
    smsWebhookSecret: e.SMS_WEBHOOK_SECRET,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    geocodeur: e.GEOCODEUR,
    carteStyle: e.CARTE_STYLE,
    reservationsParMinute: e.RDV_RESERVATIONS_PAR_MINUTE,
    domaineContact: e.CONTACT_DOMAIN,
    receptionSmtp:
      e.CONTACT_SMTP_PORT === undefined ? undefined : { port: e.CONTACT_SMTP_PORT, hote: e.CONTACT_SMTP_HOST },
    rolesSecondFacteur: e.SECOND_FACTEUR_ROLES,
    proconnect:
      e.PROCONNECT_ISSUER && e.PROCONNECT_CLIENT_ID && e.PROCONNECT_CLIENT_SECRET
        ? {
            issuer: e.PROCONNECT_ISSUER,
            clientId: e.PROCONNECT_CLIENT_ID,
            clientSecret: e.PROCONNECT_CLIENT_SECRET,
            algorithme: e.PROCONNECT_SIGNING_ALG,
          }
        : undefined,
  };
}
