import { z } from 'zod';
import { definirTache } from '../../platform/jobs/index.ts';
import { oublierRegistre } from '../annuaire/index.ts';
import { oublierRegistreApi } from '../donnees/index.ts';
import { PORTEE_NATIONALE } from '../portee/index.ts';
import { avancerImport, debuterImport, noterErreurImport, terminerImport } from './repo-suivi.ts';
import { importerFranceServices } from './service.ts';

/** Why an import ended without its report, in French, from the queue's last error. */
export function messageInterruption(erreur: string): string {
  const arret = /timeout|shut down|stopping/i.test(erreur);
  return arret
    ? 'L’import a été interrompu par un arrêt du serveur et n’a pas pu reprendre. Relancez-le : les lignes déjà enregistrées ne seront pas créées en double'
    : `L’import s’est arrêté sur une erreur (${erreur}). Relancez-le : les lignes déjà enregistrées ne seront pas créées en double`;
}

/**
 * Imports an uploaded national list. Idempotent: a run that has ended is left alone, and a run started again after
 * a restart imports the whole file again (every row is an upsert by its id_fs), so nothing is created twice.
 */
export const importListeNationale = definirTache({
  nom: 'imports.liste-nationale',
  charge: z.object({ id: z.uuid() }),
  // One more run after a crash or an error; a run longer than 30 minutes is considered dead.
  reessais: { limite: 1, delaiSecondes: 5, exponentiel: false },
  expirationSecondes: 30 * 60,
  async executer({ id }, { db }) {
    const run = await debuterImport(db, id);
    if (!run?.contenu) return;
    let ecriture = Promise.resolve();
    try {
      const rapport = await importerFranceServices(db, PORTEE_NATIONALE, run.contenu, {
        progression: ({ faites, total }) => {
          ecriture = ecriture.then(() => avancerImport(db, id, faites, total));
        },
      });
      await ecriture;
      await terminerImport(db, id, {
        etat: rapport.erreurFichier ? 'echec' : 'terminee',
        rapport,
        erreur: rapport.erreurFichier,
      });
      // Search and API of this instance show the new registry at once; other instances within a minute.
      oublierRegistre(db);
      oublierRegistreApi(db);
    } catch (erreur) {
      await ecriture.catch(() => {});
      await noterErreurImport(db, id, erreur instanceof Error ? erreur.message : String(erreur));
      throw erreur;
    }
  },
  async siEchec({ id }, { db }, erreur) {
    await terminerImport(db, id, { etat: 'echec', erreur: messageInterruption(erreur) });
  },
});

export const TACHES_IMPORTS = [importListeNationale];
