import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { LIBELLES_ROLES } from '../src/modules/comptes/index.ts';
import type { Role } from '../src/modules/portee/index.ts';

// The reference the real pages are measured against: a bare Fastify instance (no plugins, no hooks) whose routes run
// the same SQL as the real pages, with plain `pg` on the same pool, and answer a plain HTML string. Whatever the real
// pages cost above this is the price of the framework around them (Preact rendering, CSRF, helmet, compression,
// cookie parsing, logging, the Drizzle layer).

export interface PagesNues {
  /** Real HTML of the login page, answered as-is: the real page runs no query for a visitor without a cookie. */
  connexion: string;
  /** Real HTML of the dashboard before and after its dynamic part (`<h1>`…`</main>`), which template strings fill in. */
  tableauAvant: string;
  tableauApres: string;
}

const FORMAT_JETON = /^[A-Za-z0-9_-]{43}$/;
const COOKIE_SESSION = /(?:^|;\s*)guichet_session=([^;]*)/;
const DUREE_INACTIVITE_MS = 8 * 60 * 60 * 1000;

// The SQL below is what Drizzle generates for comptes/repo.ts `acteurDeSession` and `habilitationsDe`, and for
// structures/repo.ts `compterDansPortee` (copied from `.toSQL()`), so both sides send PostgreSQL the same statements.
const SQL_SESSION =
  'select "utilisateurs"."id", "utilisateurs"."courriel", "utilisateurs"."prenom", "utilisateurs"."nom", "sessions"."vu_le" ' +
  'from "sessions" inner join "utilisateurs" on "utilisateurs"."id" = "sessions"."utilisateur_id" ' +
  'where ("sessions"."id" = $1 and "sessions"."expire_le" > now() and "utilisateurs"."actif" = $2) limit $3';
const SQL_HABILITATIONS =
  'select "id", "utilisateur_id", "role", "structure_id", "partenaire_id", "departements", ' +
  `coalesce((select array_agg(hs.site_id order by hs.site_id) from "habilitation_sites" hs where hs.habilitation_id = "id"), '{}') ` +
  'from "habilitations" where "habilitations"."utilisateur_id" in ($1) order by "habilitations"."cree_le" asc';
const SQL_PROLONGER = 'update "sessions" set "vu_le" = now(), "expire_le" = $1 where "sessions"."id" = $2';

interface LigneHabilitation {
  role: Role;
  structure_id: string | null;
  departements: string[];
}

const echapper = (texte: string) => texte.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const tuile = (href: string, titre: string, detail: string) =>
  `<div class="fr-col-12 fr-col-md-4"><div class="fr-tile fr-enlarge-link"><div class="fr-tile__body"><div class="fr-tile__content">` +
  `<h2 class="fr-tile__title"><a href="${href}">${titre}</a></h2><p class="fr-tile__detail">${detail}</p></div></div></div></div>`;

const listeParametres = (debut: number, n: number) => Array.from({ length: n }, (_, i) => `$${debut + i}`).join(', ');

/** The count of `compterDansPortee` for the scope that `porteeDe` derives from the habilitations (null: no admin). */
async function compterPortee(pool: pg.Pool, habs: LigneHabilitation[]) {
  let national = false;
  const departements = new Set<string>();
  const structures = new Set<string>();
  for (const h of habs) {
    if (h.role === 'admin_national') national = true;
    if (h.role === 'coordinateur') for (const d of h.departements) departements.add(d);
    if ((h.role === 'gestionnaire' || h.role === 'agent') && h.structure_id) structures.add(h.structure_id);
  }
  if (!national && departements.size === 0 && structures.size === 0) return null;
  const valeurs: unknown[] = [true, true];
  let portee = 'true';
  if (!national) {
    const conditions: string[] = [];
    if (departements.size > 0) {
      conditions.push(`"structures"."departement" in (${listeParametres(valeurs.length + 1, departements.size)})`);
      valeurs.push(...departements);
    }
    if (structures.size > 0) {
      conditions.push(`"structures"."id" in (${listeParametres(valeurs.length + 1, structures.size)})`);
      valeurs.push(...structures);
    }
    portee = conditions.length === 1 ? (conditions[0] as string) : `(${conditions.join(' or ')})`;
  }
  const r = await pool.query<{ structures: number; sites: number }>(
    'select count(distinct "structures"."id")::int as structures, count("sites"."id")::int as sites from "structures" ' +
      'left join "sites" on ("sites"."structure_id" = "structures"."id" and "sites"."actif" = $1) ' +
      `where ("structures"."actif" = $2 and ${portee})`,
    valeurs,
  );
  return r.rows[0] ?? { structures: 0, sites: 0 };
}

/** Builds the bare instance; the caller listens and closes it. */
export function construireAppNue(pool: pg.Pool, pages: PagesNues): FastifyInstance {
  const app = Fastify({ logger: false });

  app.get('/connexion', async (_req, reply) => reply.type('text/html; charset=utf-8').send(pages.connexion));

  app.get('/tableau-de-bord', async (req, reply) => {
    const jeton = COOKIE_SESSION.exec(req.headers.cookie ?? '')?.[1];
    if (!jeton || !FORMAT_JETON.test(jeton)) return reply.code(401).send();
    const id = createHash('sha256').update(jeton).digest('hex');
    const session = await pool.query<{ id: string; prenom: string; vu_le: Date }>(SQL_SESSION, [id, true, 1]);
    const u = session.rows[0];
    if (!u) return reply.code(401).send();
    const habs = await pool.query<LigneHabilitation>(SQL_HABILITATIONS, [u.id]);
    // The real session lookup slides the expiry at most once a minute; so does this one.
    if (Date.now() - u.vu_le.getTime() > 60_000) {
      await pool.query(SQL_PROLONGER, [new Date(Date.now() + DUREE_INACTIVITE_MS), id]);
    }
    const chiffres = await compterPortee(pool, habs.rows);
    const roles = [...new Set(habs.rows.map((h) => LIBELLES_ROLES[h.role]))];
    const html =
      `${pages.tableauAvant}<h1>Bonjour ${echapper(u.prenom)}</h1><p>Vos rôles : ${echapper(roles.join(', '))}.</p>` +
      (chiffres
        ? `<div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">${tuile('/admin/structures', 'Structures', `${chiffres.structures} active(s) dans votre périmètre`)}` +
          `${tuile('/admin/sites', 'Sites', `${chiffres.sites} actif(s) dans votre périmètre`)}` +
          `${tuile('/admin/utilisateurs', 'Utilisateurs', 'Comptes et rôles de votre périmètre')}</div>`
        : '') +
      pages.tableauApres;
    return reply.type('text/html; charset=utf-8').send(html);
  });

  return app;
}
