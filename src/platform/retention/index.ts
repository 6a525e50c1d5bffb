import type { Db, Executor } from '../db/client.ts';

// The retention engine (ADR 0024): every table holding personal data declares, beside its definition, how long that
// data lives (`RegleRetention`); the application gathers the rules in one registry (src/app/retention.ts) and the daily
// job `retention.appliquer` applies them all. docs/donnees-personnelles.md lists the same rules, kept equal by a test.

/** A delay after an event; months are calendar months (UTC). */
export interface Delai {
  heures?: number;
  jours?: number;
  mois?: number;
}

export type ActionRetention = 'supprimer' | 'anonymiser';

export interface RegleRetention {
  /** `module.what`, unique: the key of the rule in logs and in the documentation. */
  nom: string;
  /** The SQL table the rule applies to. */
  table: string;
  /** What personal data the rows hold (for the documentation). */
  donnees: string;
  /** The event the delay runs from. */
  evenement: string;
  delai: Delai;
  action: ActionRetention;
  /**
   * Deletes or anonymises every row whose event is older than `limite` (= `maintenant` minus the delay, computed by the
   * engine so that the declared delay is the one applied); returns how many rows. Must be idempotent.
   */
  appliquer(executor: Executor, instants: { maintenant: Date; limite: Date }): Promise<number>;
}

/** Types a rule (identity function). */
export function definirRegle(regle: RegleRetention): RegleRetention {
  return regle;
}

/** `maintenant` minus a delay; a month back from the 31st lands on the last day of the shorter month. */
export function limiteDe(maintenant: Date, delai: Delai): Date {
  const d = new Date(maintenant.getTime());
  if (delai.mois) {
    const jour = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - delai.mois);
    const dernier = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(jour, dernier));
  }
  return new Date(d.getTime() - ((delai.jours ?? 0) * 24 + (delai.heures ?? 0)) * 3600_000);
}

/** The delay in words, as the documentation writes it ("6 months", "1 hour", "none"). */
export function delaiEnMots(delai: Delai): string {
  const parties = (
    [
      [delai.mois, 'month'],
      [delai.jours, 'day'],
      [delai.heures, 'hour'],
    ] as const
  )
    .filter(([n]) => n)
    .map(([n, unite]) => `${n} ${unite}${n === 1 ? '' : 's'}`);
  return parties.length > 0 ? parties.join(' ') : 'none';
}

export const LIBELLES_ACTION: Record<ActionRetention, string> = { supprimer: 'delete', anonymiser: 'anonymise' };

export interface BilanRegle {
  nom: string;
  table: string;
  /** Rows deleted or anonymised; null when the rule failed. */
  lignes: number | null;
  erreur?: string;
}

/**
 * Applies every rule as of `maintenant`, each in its own transaction, all of them even if one fails (its report then
 * carries the error; the caller fails the job so that it is retried: rules are idempotent). Counts only, never
 * personal data (a PostgreSQL message names a constraint, its DETAIL with the values is left out).
 */
export async function appliquerRegles(db: Db, regles: RegleRetention[], maintenant: Date): Promise<BilanRegle[]> {
  const noms = new Set<string>();
  for (const r of regles) {
    if (noms.has(r.nom)) throw new Error(`retention rule ${r.nom} declared twice`);
    noms.add(r.nom);
  }
  const bilans: BilanRegle[] = [];
  for (const regle of regles) {
    const limite = limiteDe(maintenant, regle.delai);
    try {
      const lignes = await db.transaction((tx) => regle.appliquer(tx, { maintenant, limite }));
      bilans.push({ nom: regle.nom, table: regle.table, lignes });
    } catch (error) {
      bilans.push({ nom: regle.nom, table: regle.table, lignes: null, erreur: (error as Error).message });
    }
  }
  return bilans;
}
