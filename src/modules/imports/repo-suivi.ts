import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/client.ts';
import type { RapportImport } from './service.ts';
import { importsListe } from './tables.ts';

// The runs of the national-list import (national administration only: no tenant scope applies).

const EN_COURS = ['en_attente', 'en_cours'] as const;

const colonnes = {
  id: importsListe.id,
  fichier: importsListe.fichier,
  auteur: importsListe.auteur,
  etat: importsListe.etat,
  tentatives: importsListe.tentatives,
  faites: importsListe.faites,
  total: importsListe.total,
  rapport: importsListe.rapport,
  erreur: importsListe.erreur,
  creeLe: importsListe.creeLe,
  termineLe: importsListe.termineLe,
};

export type ImportListe = Awaited<ReturnType<typeof importParId>> & {};

export async function creerImport(tx: Executor, v: { fichier: string; contenu: Buffer; auteur: string }) {
  const [ligne] = await tx.insert(importsListe).values(v).returning({ id: importsListe.id });
  if (!ligne) throw new Error('import run not created');
  return ligne.id;
}

export async function importParId(db: Executor, id: string) {
  const [ligne] = await db.select(colonnes).from(importsListe).where(eq(importsListe.id, id));
  return ligne;
}

export function importsRecents(db: Db, nombre = 20) {
  return db.select(colonnes).from(importsListe).orderBy(desc(importsListe.creeLe)).limit(nombre);
}

/** Marks a run as started (again) and returns its file, or nothing when the run has already ended. */
export async function debuterImport(db: Db, id: string) {
  const [ligne] = await db
    .update(importsListe)
    .set({
      etat: 'en_cours',
      tentatives: sql`${importsListe.tentatives} + 1`,
      debuteLe: sql`now()`,
      faites: 0,
      erreur: null,
    })
    .where(and(eq(importsListe.id, id), inArray(importsListe.etat, EN_COURS)))
    .returning({ contenu: importsListe.contenu, tentatives: importsListe.tentatives });
  return ligne;
}

export async function avancerImport(db: Db, id: string, faites: number, total: number) {
  await db.update(importsListe).set({ faites, total }).where(eq(importsListe.id, id));
}

export async function noterErreurImport(db: Db, id: string, erreur: string) {
  await db.update(importsListe).set({ erreur }).where(eq(importsListe.id, id));
}

/** Ends a run once (a later call does nothing) and erases its file, which is no longer needed. */
export async function terminerImport(
  db: Db,
  id: string,
  fin: { etat: 'terminee' | 'echec'; rapport?: RapportImport; erreur?: string },
) {
  await db
    .update(importsListe)
    .set({
      etat: fin.etat,
      rapport: fin.rapport ?? null,
      erreur: fin.erreur ?? null,
      contenu: null,
      termineLe: sql`now()`,
    })
    .where(and(eq(importsListe.id, id), inArray(importsListe.etat, EN_COURS)));
}
