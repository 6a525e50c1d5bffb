// The SQL of a case's documents (issue 13 point 5). Every function reached from a page takes the actor's scope and
// checks it on the case's own site, structure and département (the site's people, the coordination) or partner and
// département (its référents); erasing (at closure, after 30 days) acts for no one in particular.

import { and, asc, eq, inArray, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { dansPortee, dansPorteePartenaire, type Portee } from '../portee/index.ts';
import { sites } from '../structures/tables.ts';
import { piecesSaisines, saisines } from './tables.ts';

/** A case as its documents need it. */
export interface SaisinePieces {
  id: string;
  siteId: string;
  structureId: string;
  partenaireId: string;
  departement: string;
  statut: 'nouvelle' | 'prise_en_charge' | 'reponse_apportee' | 'cloturee';
  /** The site's IANA zone, to write the documents' dates. */
  fuseau: string;
}

/** A document in a case's list (never its bytes). */
export interface PieceListee {
  id: string;
  nomFichier: string;
  typeMime: string;
  taille: number;
  deposeLe: Date;
  supprimeLe: Date | null;
}

/** The case is one the scope sees: by its place (site, structure, département) or by its partner (référents). */
const saisineDansPortee = (portee: Portee): SQL =>
  sql`(${dansPortee(portee, saisines.departement, saisines.structureId, saisines.siteId)} or ${dansPorteePartenaire(portee, saisines.partenaireId, saisines.departement)})`;

/** The case if the scope sees it (locked FOR UPDATE with `verrou`, to count its documents before adding one). */
export async function saisinePourPieces(
  db: Executor,
  portee: Portee,
  id: string,
  verrou = false,
): Promise<SaisinePieces | null> {
  const requete = db
    .select({
      id: saisines.id,
      siteId: saisines.siteId,
      structureId: saisines.structureId,
      partenaireId: saisines.partenaireId,
      departement: saisines.departement,
      statut: saisines.statut,
      fuseau: sites.fuseauHoraire,
    })
    .from(saisines)
    .innerJoin(sites, eq(sites.id, saisines.siteId))
    .where(and(eq(saisines.id, id), saisineDansPortee(portee)));
  const [s] = verrou ? await requete.for('update', { of: saisines }) : await requete;
  return s ?? null;
}

/** The documents of a case the scope sees, in upload order. */
export async function piecesDe(db: Executor, portee: Portee, saisineId: string): Promise<PieceListee[]> {
  const p = piecesSaisines;
  return db
    .select({
      id: p.id,
      nomFichier: p.nomFichier,
      typeMime: p.typeMime,
      taille: p.taille,
      deposeLe: p.deposeLe,
      supprimeLe: p.supprimeLe,
    })
    .from(p)
    .innerJoin(saisines, eq(saisines.id, p.saisineId))
    .where(and(eq(p.saisineId, saisineId), saisineDansPortee(portee)))
    .orderBy(asc(p.deposeLe), asc(p.id));
}

/** How many documents of a case the scope sees still hold their bytes. */
export async function compterPiecesVivantes(db: Executor, portee: Portee, saisineId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(piecesSaisines)
    .innerJoin(saisines, eq(saisines.id, piecesSaisines.saisineId))
    .where(and(eq(piecesSaisines.saisineId, saisineId), isNotNull(piecesSaisines.contenu), saisineDansPortee(portee)));
  return r?.n ?? 0;
}

/** Adds a document to a case the scope sees (nothing otherwise); returns its id. */
export async function insererPiece(
  tx: Executor,
  portee: Portee,
  p: {
    saisineId: string;
    nomFichier: string;
    typeMime: string;
    taille: number;
    sha256: string;
    contenu: Buffer;
    deposePar: string;
    deposeLe: Date;
  },
): Promise<string> {
  const [visible] = await tx
    .select({ id: saisines.id })
    .from(saisines)
    .where(and(eq(saisines.id, p.saisineId), saisineDansPortee(portee)));
  if (!visible) throw new Error('insererPiece: case outside the scope');
  const [r] = await tx.insert(piecesSaisines).values(p).returning({ id: piecesSaisines.id });
  return (r as { id: string }).id;
}

/** A document of a case the scope sees, with its bytes (null once erased). */
export async function contenuPiece(
  db: Executor,
  portee: Portee,
  saisineId: string,
  pieceId: string,
): Promise<{ nomFichier: string; typeMime: string; contenu: Buffer | null } | null> {
  const p = piecesSaisines;
  const [r] = await db
    .select({ nomFichier: p.nomFichier, typeMime: p.typeMime, contenu: p.contenu })
    .from(p)
    .innerJoin(saisines, eq(saisines.id, p.saisineId))
    .where(and(eq(p.id, pieceId), eq(p.saisineId, saisineId), saisineDansPortee(portee)));
  return r ?? null;
}

/**
 * Erases the bytes of documents still holding them: those of one case (its closure), or those uploaded before
 * `deposesAvant` (the 30-day rule), or those of every closed case (a safety net); the rows stay, with the instant of erasure. Returns how many.
 */
export async function effacerPieces(
  tx: Executor,
  cible: { saisineId: string } | { deposesAvant: Date } | { saisinesCloses: true },
  maintenant: Date,
): Promise<number> {
  const p = piecesSaisines;
  const condition =
    'saisineId' in cible
      ? eq(p.saisineId, cible.saisineId)
      : 'deposesAvant' in cible
        ? lt(p.deposeLe, cible.deposesAvant)
        : inArray(p.saisineId, tx.select({ id: saisines.id }).from(saisines).where(eq(saisines.statut, 'cloturee')));
  const r = await tx
    .update(p)
    .set({ contenu: null, supprimeLe: maintenant })
    .where(and(isNotNull(p.contenu), condition))
    .returning({ id: p.id });
  return r.length;
}
