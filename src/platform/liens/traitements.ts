import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EtatLien, LienValide, ObjetLien } from './service.ts';

/** What the page of a purpose receives when a valid link is opened. */
export interface OuvertureLien {
  req: FastifyRequest;
  reply: FastifyReply;
  /** The link as read, not used: a GET must not use a link (mail scanners follow them). */
  lien: LienValide;
  /** The token, for the form that will use the link (`consommerLien` in the action's transaction). */
  jeton: string;
  /** Answers with the citizen page for a link that no longer works (when `consommerLien` refuses it, say). */
  refuser(etat: EtatLien): FastifyReply;
}

/** The page a valid link opens, registered by the module that owns its purpose. */
export type TraitementLien = (ouverture: OuvertureLien) => Promise<FastifyReply | undefined>;

const traitements = new Map<string, TraitementLien>();

/** Registers the page of a purpose; a second registration of one purpose is a programming error. */
export function enregistrerTraitementLien(objet: ObjetLien, traitement: TraitementLien): void {
  if (traitements.has(objet)) throw new Error(`citizen link purpose ${objet} already has a handler`);
  traitements.set(objet, traitement);
}

export function traitementDe(objet: string): TraitementLien | undefined {
  return traitements.get(objet);
}
