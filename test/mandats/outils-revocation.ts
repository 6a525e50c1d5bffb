import { randomUUID } from 'node:crypto';
import {
  codeRevocation,
  empreinteCodeRevocation,
  journaliser,
  nouvelleReference,
} from '../../src/modules/mandats/index.ts';
import { citoyens, mandats, perimetresMandats } from '../../src/modules/mandats/tables.ts';
import type { Contexte } from '../harnais.ts';

// Mandates written straight into the database for the revocation and expiry tests (not through the creation form):
// a citizen record, a signed and active mandate with its scope (the CAF), its revocation code, and journal entries.

export const JOUR_MS = 86_400_000;

export interface MandatDeTest {
  id: string;
  reference: string;
  code: string;
  citoyenId: string;
  structureId: string;
  siteId: string;
}

/** The first site of a structure. */
export async function siteDe(ctx: Contexte, structureId: string): Promise<string> {
  const [s] = await ctx.sql<{ id: string }>('select id from sites where structure_id = $1 order by nom limit 1', [
    structureId,
  ]);
  return s?.id as string;
}

/** A signed, active mandate of a structure, from `debut` to `fin` (default: from a day ago, for six months). */
export async function creerMandat(
  ctx: Contexte,
  o: {
    structureId: string;
    prenom?: string;
    nom?: string;
    courriel?: string | null;
    telephone?: string | null;
    duree?: 'demarche' | 'jour' | 'mois' | 'six_mois' | 'douze_mois';
    debut?: Date;
    fin?: Date;
    statut?: 'actif' | 'signe';
  },
): Promise<MandatDeTest> {
  const db = ctx.database.db;
  const siteId = await siteDe(ctx, o.structureId);
  const [agent] = await ctx.sql<{ id: string }>(
    `select u.id from utilisateurs u join habilitations h on h.utilisateur_id = u.id
     where h.structure_id = $1 order by h.role limit 1`,
    [o.structureId],
  );
  const [caf] = await ctx.sql<{ id: string }>(`select id from partenaires where code = 'caf'`);
  const debut = o.debut ?? new Date(Date.now() - JOUR_MS);
  const fin = o.fin ?? new Date(debut.getTime() + 182 * JOUR_MS);
  const id = randomUUID();
  const code = codeRevocation(ctx.config.sessionSecret, id);
  const reference = nouvelleReference('M');
  const creePar = agent?.id ?? randomUUID();
  await db.transaction(async (tx) => {
    const [c] = await tx
      .insert(citoyens)
      .values({
        structureId: o.structureId,
        siteId,
        prenom: o.prenom ?? 'Łukasz',
        nom: o.nom ?? 'Ştefănescu-Nguyễn',
        dateNaissance: '1961-04-12',
        courriel: o.courriel === undefined ? 'lukasz@exemple.fr' : o.courriel,
        telephone: o.telephone ?? null,
        baseLegale: 'mandat',
        creePar,
      })
      .returning({ id: citoyens.id });
    await tx.insert(mandats).values({
      id,
      reference,
      structureId: o.structureId,
      siteId,
      citoyenId: c?.id as string,
      duree: o.duree ?? 'six_mois',
      statut: o.statut ?? 'actif',
      pieceIdentite: 'passeport',
      versionNotice: '2026-01',
      empreinteTexte: 'a'.repeat(64),
      empreinteCode: empreinteCodeRevocation(code),
      creePar,
      signeLe: debut,
      debut,
      fin,
    });
    await tx.insert(perimetresMandats).values({ mandatId: id, partenaireId: caf?.id as string });
    for (const action of ['mandat.signe', 'mandat.active'] as const) {
      await journaliser(tx, { mandatId: id, structureId: o.structureId, auteurId: creePar, action, le: debut });
    }
  });
  const [c] = await ctx.sql<{ citoyen_id: string }>('select citoyen_id from mandats where id = $1', [id]);
  return { id, reference, code, citoyenId: c?.citoyen_id as string, structureId: o.structureId, siteId };
}

/** The mandate's row as the tests check it. */
export async function etatMandat(ctx: Contexte, id: string) {
  const [m] = await ctx.sql<{
    statut: string;
    origine_revocation: string | null;
    revoque_par: string | null;
    termine_le: Date | null;
    rappels_envoyes: number[];
  }>('select statut, origine_revocation, revoque_par, termine_le, rappels_envoyes from mandats where id = $1', [id]);
  return m;
}

/** The journal entries of a mandate: action and details, oldest first. */
export async function journalDe(ctx: Contexte, id: string) {
  return ctx.sql<{ action: string; details: Record<string, unknown>; auteur_id: string | null; le: Date }>(
    'select action, details, auteur_id, le from journal_mandats where mandat_id = $1 order by numero',
    [id],
  );
}

/** Messages queued to a recipient: template keys. */
export async function messagesA(ctx: Contexte, destinataire: string) {
  return (
    await ctx.sql<{ modele: string }>('select modele from messages where destinataire = $1 order by cree_le', [
      destinataire,
    ])
  ).map((m) => m.modele);
}
