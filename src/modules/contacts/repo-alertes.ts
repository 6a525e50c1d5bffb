// The SQL of the answer clock's alerts (issue 12, point 4): the requests the sweep looks at, the guarded marks that
// make each alert go once however many sweeps run, and who receives it. The sweep acts for no one in particular:
// these functions take no scope (see test/portee/repos-scopes.test.ts).

import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { habilitationSites, habilitations, utilisateurs } from '../comptes/tables.ts';
import { sites } from '../structures/tables.ts';
import { demandesContact } from './tables.ts';

/** A request still waiting for its first answer, whose breach alert has not gone. */
export interface DemandeAAlerter {
  id: string;
  siteId: string;
  siteNom: string;
  structureId: string;
  departement: string;
  recuLe: Date;
  assigneA: string | null;
  troisQuartsEnvoyee: boolean;
}

/**
 * Requests not closed, without a first answer nor a breach alert, received before `recuAvant` (the oldest first, at
 * most `limite`): the only ones whose 75 % or breach instant may have come.
 */
export async function demandesAAlerter(db: Executor, recuAvant: Date, limite: number): Promise<DemandeAAlerter[]> {
  const d = demandesContact;
  const r = await db.execute<{
    id: string;
    site_id: string;
    site_nom: string;
    structure_id: string;
    departement: string;
    recu_le: string;
    assigne_a: string | null;
    trois_quarts: boolean;
  }>(sql`
    select ${d.id} as id, ${d.siteId} as site_id, ${sites.nom} as site_nom, ${d.structureId} as structure_id,
      ${d.departement} as departement, ${d.recuLe} as recu_le, ${d.assigneA} as assigne_a,
      ${d.alerteTroisQuartsLe} is not null as trois_quarts
    from ${d} join ${sites} on ${sites.id} = ${d.siteId}
    where ${d.statut} <> 'close' and ${d.premiereReponseLe} is null and ${d.alerteDepassementLe} is null
      and ${d.anonymiseLe} is null and ${d.recuLe} <= ${recuAvant.toISOString()}::timestamptz
    order by ${d.recuLe}
    limit ${limite}`);
  return r.rows.map((x) => ({
    id: x.id,
    siteId: x.site_id,
    siteNom: x.site_nom,
    structureId: x.structure_id,
    departement: x.departement,
    recuLe: new Date(x.recu_le),
    assigneA: x.assigne_a,
    troisQuartsEnvoyee: x.trois_quarts,
  }));
}

/**
 * Records that an alert goes, if it has not gone and the request still waits for its first answer: one guarded
 * UPDATE … RETURNING, so that of concurrent sweeps exactly one gets the row. True when this call recorded it.
 */
export async function marquerAlerte(
  tx: Executor,
  id: string,
  alerte: 'trois_quarts' | 'depassement',
  le: Date,
): Promise<boolean> {
  const d = demandesContact;
  const colonne = alerte === 'trois_quarts' ? d.alerteTroisQuartsLe : d.alerteDepassementLe;
  const r = await tx.execute(sql`
    update ${d} set ${sql.identifier(colonne.name)} = ${le.toISOString()}::timestamptz
    where ${d.id} = ${id} and ${colonne} is null and ${d.premiereReponseLe} is null and ${d.statut} <> 'close'
      and ${d.alerteDepassementLe} is null
    returning ${d.id}`);
  return r.rows.length > 0;
}

/** Someone an alert is emailed to. */
export type Destinataire = {
  id: string;
  courriel: string;
  prenom: string;
};

/** The habilitation reaches the site: not restricted to some sites, or restricted to sites including it. */
const atteintSite = (siteId: string) => sql`(
  not exists (select 1 from ${habilitationSites} hs where hs.habilitation_id = ${habilitations.id})
  or exists (select 1 from ${habilitationSites} hs where hs.habilitation_id = ${habilitations.id} and hs.site_id = ${siteId}))`;

async function personnes(tx: Executor, condition: SQL): Promise<Destinataire[]> {
  const r = await tx.execute<Destinataire>(sql`
    select distinct ${utilisateurs.id} as id, ${utilisateurs.courriel} as courriel, ${utilisateurs.prenom} as prenom
    from ${utilisateurs} join ${habilitations} on ${habilitations.utilisateurId} = ${utilisateurs.id}
    where ${utilisateurs.actif} and ${condition}
    order by 2`);
  return r.rows;
}

/**
 * Who gets the 75 % alert: the agent the request is assigned to, while they still work at its site (active, agent or
 * manager of its structure, reaching the site); otherwise the site's agents; when it has none, the structure's managers.
 */
export async function destinatairesTroisQuarts(
  tx: Executor,
  d: { siteId: string; structureId: string; assigneA: string | null },
): Promise<Destinataire[]> {
  if (d.assigneA) {
    const assigne = await personnes(
      tx,
      sql`${utilisateurs.id} = ${d.assigneA} and ${habilitations.structureId} = ${d.structureId}
        and ${habilitations.role} in ('agent', 'gestionnaire') and ${atteintSite(d.siteId)}`,
    );
    if (assigne.length > 0) return assigne;
  }
  const agents = await personnes(
    tx,
    sql`${habilitations.structureId} = ${d.structureId} and ${habilitations.role} = 'agent' and ${atteintSite(d.siteId)}`,
  );
  if (agents.length > 0) return agents;
  return personnes(tx, sql`${habilitations.structureId} = ${d.structureId} and ${habilitations.role} = 'gestionnaire'`);
}

/** Who gets the breach alert: the structure's managers; when it has none, the coordinators of its département. */
export async function destinatairesDepassement(
  tx: Executor,
  d: { structureId: string; departement: string },
): Promise<Destinataire[]> {
  const gestionnaires = await personnes(
    tx,
    sql`${habilitations.structureId} = ${d.structureId} and ${habilitations.role} = 'gestionnaire'`,
  );
  if (gestionnaires.length > 0) return gestionnaires;
  return personnes(
    tx,
    sql`${habilitations.role} = 'coordinateur' and ${d.departement} = any(${habilitations.departements})`,
  );
}
