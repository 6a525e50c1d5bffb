import type pg from 'pg';
import type { Config } from '../../config/index.ts';
import type { Flash } from '../../ui/contexte.ts';
import type { Db } from '../db/client.ts';

/**
 * Who may reach a route, checked before the handler: `public`, any signed-in person (`connecte`), or `dev`
 * (development only, from this machine). Finer rules are the services' policies. Every route must declare one.
 */
export type Acces = 'public' | 'connecte' | 'dev';

/**
 * The signed-in person on a request. Platform code needs only the id; the accounts module widens this interface to its
 * `Acteur` (declaration merging, in `comptes/session.ts`), so routes get the full type and platform knows no domain.
 */
export interface ActeurConnecte {
  id: string;
}

export interface Dependances {
  db: Db;
  pool: pg.Pool;
  config: Config;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    acces?: Acces;
    /** Form posts check the CSRF token unless a route opts out (JSON API with its own auth). */
    csrf?: boolean;
  }
  interface FastifyInstance {
    deps: Dependances;
  }
  interface FastifyRequest {
    acteur: ActeurConnecte | null;
    jetonSession: string | null;
    csrfCookie: string | null;
    flashLu: Flash | null;
  }
  interface FastifyReply {
    flash(type: Flash['type'], message: string): FastifyReply;
  }
}
