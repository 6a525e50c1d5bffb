import type { Db } from '../../platform/db/client.ts';
import { planifier } from '../../platform/jobs/index.ts';
import { importListeNationale } from './jobs.ts';
import { creerImport, type ImportListe, importParId, importsRecents } from './repo-suivi.ts';

export type { ImportListe } from './repo-suivi.ts';

/**
 * Stores an uploaded national list and enqueues its import in one transaction: the run is followed from its page,
 * and survives a restart of the server (it is resumed, or ends as failed with a message).
 */
export async function lancerImport(db: Db, contenu: Buffer, fichier: string, auteur: string): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await creerImport(tx, { fichier, contenu, auteur });
    await planifier(tx, importListeNationale, { id });
    return id;
  });
}

/** One import run, for its progress page. */
export function importSuivi(db: Db, id: string): Promise<ImportListe | undefined> {
  return importParId(db, id);
}

/** The latest import runs, newest first. */
export function importsDerniers(db: Db): Promise<ImportListe[]> {
  return importsRecents(db);
}
