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
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
  DATA_DIR: z.string().default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.stringbool().default(false),
  GEOCODEUR: z.enum(['local', 'geoplateforme']).default('local'),
  CARTE_STYLE: z.url().default('https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json'),
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
  embeddedPgPort: number;
  dataDir: string;
  logLevel: Environnement['LOG_LEVEL'];
  trustProxy: boolean;
  /** Address search: the offline commune index, or IGN's Géoplateforme (BAN) with the index as fallback. */
  geocodeur: 'local' | 'geoplateforme';
  /** MapLibre style of the search map (IGN's Plan by default); its origin is allowed by the CSP. */
  carteStyle: string;
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
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    geocodeur: e.GEOCODEUR,
    carteStyle: e.CARTE_STYLE,
  };
}
