// Documents attached to a case for transmission only (issue 13 point 5, ADR 0030): PDF, JPEG or PNG, recognised by
// their first bytes (never by the name or the type the browser announces), 5 MB each, 5 live per case, stored in the
// database (bytea) with their SHA-256. Their bytes are erased when the case closes and at the latest 30 days after
// upload (retention.ts); the row stays, so that the case still shows a document was there.

import { createHash } from 'node:crypto';
import type { Db, Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type Acteur, porteeActivite } from '../portee/index.ts';
import { auteurDans } from './policy.ts';
import {
  compterPiecesVivantes,
  contenuPiece,
  effacerPieces,
  insererPiece,
  type PieceListee,
  piecesDe,
  type SaisinePieces,
  saisinePourPieces,
} from './repo-pieces.ts';

export type { PieceListee, SaisinePieces } from './repo-pieces.ts';

/** Largest file accepted, stated on the page. */
export const TAILLE_MAX_PIECE_MO = 5;
export const TAILLE_MAX_PIECE = TAILLE_MAX_PIECE_MO * 1024 * 1024;
/** Documents a case may hold at once (erased ones no longer count). */
export const PIECES_MAX_PAR_SAISINE = 5;
/** What the page says where files are added (issue 13 point 5). */
export const MENTION_PIECES =
  'Les pièces servent seulement à la transmission : elles sont supprimées à la clôture de la saisine, et au plus tard 30 jours après leur dépôt.';

export type TypePiece = 'application/pdf' | 'image/jpeg' | 'image/png';
const EXTENSIONS: Record<TypePiece, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * The type of a file from its first bytes ("magic numbers"), or null when it is none of the three accepted: PDF
 * (`%PDF-`, ISO 32000-1 § 7.5.2), PNG (the 8-byte signature followed by the IHDR chunk, RFC 2083 § 3.1 and 4.1.1),
 * JPEG (SOI `FF D8` followed by a marker `FF xx`, ITU T.81 Annex B). A renamed executable or archive is none of these.
 */
export function typeDuContenu(contenu: Buffer): TypePiece | null {
  if (contenu.length >= 8 && contenu.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (
    contenu.length >= 24 &&
    contenu.subarray(0, 8).equals(png) &&
    contenu.subarray(12, 16).toString('latin1') === 'IHDR'
  )
    return 'image/png';
  if (contenu.length >= 4 && contenu[0] === 0xff && contenu[1] === 0xd8 && contenu[2] === 0xff && contenu[3] !== 0xff)
    return 'image/jpeg';
  return null;
}

/**
 * The name kept for a file: the one given, cleaned (no path, no control or bidi characters, 150 characters at most),
 * with the extension of its real type (`scan.pdf` holding a PNG becomes `scan.png`).
 */
export function nomDePiece(nomDonne: string, type: TypePiece): string {
  const base = (nomDonne.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .replace(/\.[^.]{0,10}$/, '')
    .trim()
    .slice(0, 150);
  return `${base || 'piece'}.${EXTENSIONS[type]}`;
}

/** The Content-Disposition of a download: attachment, an ASCII fallback name and the UTF-8 one (RFC 6266). */
export function dispositionPiece(nom: string): string {
  const ascii = nom
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(nom)}`;
}

/** The case as the actor sees it, or a 404 outside their scope (the same answer as an unknown id). */
async function saisineVisible(db: Executor, acteur: Acteur, saisineId: string, verrou = false): Promise<SaisinePieces> {
  const s = await saisinePourPieces(db, porteeActivite(acteur), saisineId, verrou);
  if (!s) throw new AppError('introuvable');
  return s;
}

/** Whoever writes in the case's thread (site, référent, coordination) may add documents while it is open. */
export function peutDeposerPiece(acteur: Acteur, s: SaisinePieces): boolean {
  return s.statut !== 'cloturee' && auteurDans(acteur, s) !== null;
}

/** The documents of a case the actor sees (404 otherwise), and whether they may add one. */
export async function piecesDeLaSaisine(
  db: Executor,
  acteur: Acteur,
  saisineId: string,
): Promise<{ saisine: SaisinePieces; pieces: PieceListee[]; peutDeposer: boolean }> {
  const saisine = await saisineVisible(db, acteur, saisineId);
  const pieces = await piecesDe(db, porteeActivite(acteur), saisineId);
  const vivantes = pieces.filter((p) => !p.supprimeLe).length;
  return { saisine, pieces, peutDeposer: peutDeposerPiece(acteur, saisine) && vivantes < PIECES_MAX_PAR_SAISINE };
}

/** A file as the upload read it: its given name and bytes, or null when none was chosen. */
export interface FichierRecu {
  nom: string;
  contenu: Buffer;
}

export type ResultatDepot = { ok: true; id: string; nom: string } | { ok: false; erreur: string };

/**
 * Adds a document to an open case the actor writes in (404 outside their scope, 403 when they only read it or it is
 * closed): refused with a French message when missing, empty, too large, of another type by its content, or when the
 * case already holds 5; the case row is locked so that two uploads at once cannot make a sixth.
 */
export async function deposerPiece(
  db: Db,
  acteur: Acteur,
  saisineId: string,
  fichier: FichierRecu | null,
  maintenant = new Date(),
): Promise<ResultatDepot> {
  await saisineVisible(db, acteur, saisineId);
  if (!fichier || fichier.contenu.length === 0)
    return { ok: false, erreur: fichier ? 'Le fichier est vide.' : 'Choisissez le fichier à joindre.' };
  if (fichier.contenu.length > TAILLE_MAX_PIECE)
    return { ok: false, erreur: `Le fichier dépasse la taille maximale de ${TAILLE_MAX_PIECE_MO} Mo.` };
  const type = typeDuContenu(fichier.contenu);
  if (!type)
    return {
      ok: false,
      erreur: 'Ce fichier n’est ni un PDF, ni une image JPEG ou PNG : seuls ces formats sont acceptés.',
    };
  return db.transaction(async (tx) => {
    const s = await saisineVisible(tx, acteur, saisineId, true);
    if (!peutDeposerPiece(acteur, s)) {
      throw new AppError(
        'interdit',
        s.statut === 'cloturee' ? 'Cette saisine est clôturée : on ne peut plus y joindre de pièce.' : undefined,
      );
    }
    if ((await compterPiecesVivantes(tx, porteeActivite(acteur), saisineId)) >= PIECES_MAX_PAR_SAISINE)
      return { ok: false, erreur: `Une saisine contient au plus ${PIECES_MAX_PAR_SAISINE} pièces.` } as const;
    const nom = nomDePiece(fichier.nom, type);
    const id = await insererPiece(tx, porteeActivite(acteur), {
      saisineId,
      nomFichier: nom,
      typeMime: type,
      taille: fichier.contenu.length,
      sha256: createHash('sha256').update(fichier.contenu).digest('hex'),
      contenu: fichier.contenu,
      deposePar: acteur.id,
      deposeLe: maintenant,
    });
    return { ok: true, id, nom } as const;
  });
}

/** A document's bytes for someone who sees its case (404 otherwise, and once its bytes are erased). */
export async function telechargerPiece(
  db: Db,
  acteur: Acteur,
  saisineId: string,
  pieceId: string,
): Promise<{ nom: string; type: string; contenu: Buffer }> {
  const p = await contenuPiece(db, porteeActivite(acteur), saisineId, pieceId);
  if (!p?.contenu) throw new AppError('introuvable');
  return { nom: p.nomFichier, type: p.typeMime, contenu: p.contenu };
}

/**
 * Erases the bytes of a case's documents when it closes, in the closing transaction (the case service calls it after
 * loading the case within the actor's scope); returns how many were erased.
 */
export function supprimerPiecesALaCloture(tx: Executor, saisineId: string, maintenant = new Date()): Promise<number> {
  return effacerPieces(tx, { saisineId }, maintenant);
}
