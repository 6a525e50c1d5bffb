// The SQL of the breach alerts (issue 14 point 7): the open entries past 24 hours, the guarded mark that makes each
// step happen once however many sweeps run, and who receives it. The sweep acts for no one in particular: these
// functions take no scope (see test/portee/repos-scopes.test.ts).

import { and, asc, eq, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { habilitations, utilisateurs } from '../comptes/tables.ts';
import { structures } from '../structures/tables.ts';
import { violations } from './tables.ts';

/** An open entry at least 24 hours after its discovery. */
export interface ViolationAAlerter {
  id: string;
  reference: string;
  structureId: string | null;
  structure: string | null;
  departement: string | null;
  decouverteLe: Date;
  alertesEnvoyees: number[];
}

/** Open entries discovered at least 24 hours before `maintenant` whose 48-hour step has not gone (oldest first). */
export async function violationsAAlerter(db: Executor, maintenant: Date, limite: number): Promise<ViolationAAlerter[]> {
  const il24h = new Date(maintenant.getTime() - 24 * 3_600_000);
  return db
    .select({
      id: violations.id,
      reference: violations.reference,
      structureId: violations.structureId,
      structure: structures.nom,
      departement: structures.departement,
      decouverteLe: violations.decouverteLe,
      alertesEnvoyees: violations.alertesEnvoyees,
    })
    .from(violations)
    .leftJoin(structures, eq(structures.id, violations.structureId))
    .where(
      and(
        eq(violations.statut, 'ouverte'),
        lte(violations.decouverteLe, il24h),
        sql`not (48 = any(${violations.alertesEnvoyees}))`,
      ),
    )
    .orderBy(asc(violations.decouverteLe))
    .limit(limite);
}

/**
 * Records that the alert of `etape` hours goes, if the entry is still open and neither this step nor a later one has
 * gone: one guarded UPDATE … RETURNING, so that of concurrent sweeps exactly one gets it. True when this call did.
 */
export async function marquerAlerteViolation(tx: Executor, id: string, etape: number): Promise<boolean> {
  const r = await tx
    .update(violations)
    .set({ alertesEnvoyees: sql`array_append(${violations.alertesEnvoyees}, ${etape}::int)` })
    .where(
      and(
        eq(violations.id, id),
        eq(violations.statut, 'ouverte'),
        sql`not exists (select 1 from unnest(${violations.alertesEnvoyees}) e where e >= ${etape})`,
      ),
    )
    .returning({ id: violations.id });
  return r.length > 0;
}

/** Who gets a breach alert: the active managers of the entry's structure (none for the national level) and every national admin. */
export async function destinatairesAlerteViolation(tx: Executor, structureId: string | null): Promise<string[]> {
  const gestionnaires: SQL | undefined =
    structureId === null
      ? undefined
      : and(eq(habilitations.role, 'gestionnaire'), eq(habilitations.structureId, structureId));
  const r = await tx
    .selectDistinct({ courriel: utilisateurs.courriel })
    .from(utilisateurs)
    .innerJoin(habilitations, eq(habilitations.utilisateurId, utilisateurs.id))
    .where(and(eq(utilisateurs.actif, true), or(eq(habilitations.role, 'admin_national'), gestionnaires)))
    .orderBy(asc(utilisateurs.courriel))
    .limit(500);
  return r.map((x) => x.courriel);
}
