import type { Db } from './client.ts';

/**
 * A value computed from the database, kept per database and refreshed at most every `fraicheurMs`: after that the
 * old value is still served while the new one loads (stale-while-revalidate), so no request waits but the first.
 */
export function cacheParBase<T, A extends unknown[] = []>(
  charger: (db: Db, ...args: A) => Promise<T>,
  fraicheurMs: number,
) {
  const etats = new WeakMap<Db, { valeur?: T; charge: number; enCours?: Promise<T> }>();
  return {
    /** The value for this database; `args` are passed to the loader (they must not change between calls). */
    async obtenir(db: Db, ...args: A): Promise<T> {
      let etat = etats.get(db);
      if (!etat) {
        etat = { charge: 0 };
        etats.set(db, etat);
      }
      const courant = etat;
      if (courant.valeur !== undefined && Date.now() - courant.charge < fraicheurMs) return courant.valeur;
      courant.enCours ??= charger(db, ...args)
        .then((v) => {
          courant.valeur = v;
          courant.charge = Date.now();
          return v;
        })
        .finally(() => {
          courant.enCours = undefined;
        });
      if (courant.valeur !== undefined) {
        courant.enCours.catch(() => {});
        return courant.valeur;
      }
      return courant.enCours;
    },
    /** Forgets the value (after an import, in tests): the next call loads afresh. */
    oublier(db: Db) {
      etats.delete(db);
    },
  };
}
