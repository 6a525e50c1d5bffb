import { randomBytes } from 'node:crypto';
import type { Acteur, Habilitation, Role } from '../src/modules/portee/index.ts';
import type { Contexte } from './harnais.ts';

const suffixe = () => randomBytes(4).toString('hex');

/** A fresh structure, so that tests changing state never step on each other. */
export async function creerStructure(ctx: Contexte, departement: string, nom = `Structure de test ${suffixe()}`) {
  const [r] = await ctx.sql<{ id: string }>(
    `insert into structures (nom, departement, porteur) values ($1, $2, 'commune') returning id`,
    [nom, departement],
  );
  return r?.id as string;
}

export async function creerSite(ctx: Contexte, structureId: string, nom = `Site de test ${suffixe()}`) {
  const [r] = await ctx.sql<{ id: string }>(
    `insert into sites (structure_id, nom, genre, adresse, code_postal, commune) values ($1, $2, 'antenne', '1 place de la Mairie', '92330', 'Sceaux') returning id`,
    [structureId, nom],
  );
  return r?.id as string;
}

/** A person with one or more agent/manager roles on a structure. */
export async function creerUtilisateur(
  ctx: Contexte,
  structureId: string,
  roles: Array<'agent' | 'gestionnaire'> = ['agent'],
) {
  const [u] = await ctx.sql<{ id: string }>(
    `insert into utilisateurs (courriel, prenom, nom) values ($1, 'Camille', 'Test') returning id`,
    [`camille.${suffixe()}@exemple.fr`],
  );
  const habilitations: string[] = [];
  for (const role of roles) {
    const [h] = await ctx.sql<{ id: string }>(
      `insert into habilitations (utilisateur_id, role, structure_id) values ($1, $2, $3) returning id`,
      [u?.id, role, structureId],
    );
    habilitations.push(h?.id as string);
  }
  return { id: u?.id as string, habilitations };
}

/** The id of a demo structure by name. */
export async function structureNommee(ctx: Contexte, nom: string) {
  const [r] = await ctx.sql<{ id: string }>('select id from structures where nom = $1', [nom]);
  if (!r) throw new Error(`no structure named ${nom}`);
  return r.id;
}

export async function utilisateurNomme(ctx: Contexte, courriel: string) {
  const [r] = await ctx.sql<{ id: string }>('select id from utilisateurs where courriel = $1', [courriel]);
  if (!r) throw new Error(`no user ${courriel}`);
  return r.id;
}

/**
 * A request logged at a site by someone, today by default, through the same trigger-guarded path as the app (the
 * transaction names the actor). The situation defaults to the ANTS identity papers.
 */
export async function creerSollicitation(
  ctx: Contexte,
  siteId: string,
  agentId: string,
  options: { jour?: string; situation?: string; creeLe?: string } = {},
) {
  const [r] = await ctx.sql<{ id: string }>(
    `with acteur as (select set_config('guichet.acteur', $2::text, true) as a),
          s as (select s.id, s.theme_id, (select partenaire_id from situation_partenaires where situation_id = s.id order by ordre limit 1) as p
                from situations s where s.code = $4)
     insert into sollicitations (site_id, structure_id, departement, agent_id, survenue_le, jour, canal, situation_id, theme_id,
       partenaires, niveau, issue, duree, cree_le)
     select si.id, st.id, st.departement, $2::uuid, coalesce($3::date, current_date) + time '10:00', coalesce($3::date, current_date),
       'accueil_physique', s.id, s.theme_id, array[s.p], 'aide_demarche', 'resolu', 'de_10_a_30', coalesce($5::timestamptz, now())
     from acteur, s, sites si join structures st on st.id = si.structure_id where si.id = $1
     returning sollicitations.id`,
    [
      siteId,
      agentId,
      options.jour ?? null,
      options.situation ?? 'j-etablis-mes-papiers-d-identite',
      options.creeLe ?? null,
    ],
  );
  if (!r) throw new Error(`no request created at site ${siteId}`);
  return r.id;
}

let habilitations = 0;
/** An in-memory habilitation for policy unit tests (no database). */
export function habilitation(role: Role, p: Partial<Habilitation> = {}): Habilitation {
  return {
    id: `h${habilitations++}`,
    role,
    structureId: null,
    partenaireId: null,
    departements: [],
    siteIds: [],
    ...p,
  };
}

/** An in-memory signed-in person holding these habilitations, for policy unit tests. */
export const acteurDeTest = (...liste: Habilitation[]): Acteur => ({
  id: 'moi',
  courriel: 'moi@exemple.fr',
  prenom: 'A',
  nom: 'B',
  habilitations: liste,
});
