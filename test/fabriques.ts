import { randomBytes } from 'node:crypto';
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
