import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/client.ts';
import { oublierRegistre } from '../annuaire/index.ts';
import type { Portee } from '../comptes/index.ts';
import { oublierRegistreApi } from '../donnees/index.ts';
import { importerFranceServices, type RapportImport } from './service.ts';

/** An import started from the upload page, followed by its progress page. */
export interface Tache {
  id: string;
  fichier: string;
  auteur: string;
  debut: Date;
  etat: 'en_cours' | 'terminee' | 'echec';
  faites: number;
  total: number;
  rapport?: RapportImport;
  erreur?: string;
}

// In this process's memory: enough for one server. With several instances, this moves to a pg-boss job table.
const taches = new Map<string, Tache>();
const MAX_TACHES = 20;

/** Starts importing an uploaded national list in the background and returns the task to follow. */
export function lancerImport(db: Db, portee: Portee, contenu: Buffer, fichier: string, auteur: string): Tache {
  const tache: Tache = { id: randomUUID(), fichier, auteur, debut: new Date(), etat: 'en_cours', faites: 0, total: 0 };
  taches.set(tache.id, tache);
  for (const ancienne of [...taches.keys()].slice(0, Math.max(0, taches.size - MAX_TACHES))) taches.delete(ancienne);
  importerFranceServices(db, portee, contenu, {
    progression: ({ faites, total }) => {
      tache.faites = faites;
      tache.total = total;
    },
  }).then(
    (rapport) => {
      tache.rapport = rapport;
      tache.etat = rapport.erreurFichier ? 'echec' : 'terminee';
      // Search and API show the new registry at once rather than within a minute.
      oublierRegistre(db);
      oublierRegistreApi(db);
      tache.erreur = rapport.erreurFichier;
    },
    (erreur: unknown) => {
      tache.etat = 'echec';
      tache.erreur = erreur instanceof Error ? erreur.message : String(erreur);
    },
  );
  return tache;
}

export function tache(id: string): Tache | undefined {
  return taches.get(id);
}

export function tachesRecentes(): Tache[] {
  return [...taches.values()].reverse();
}
