// Reception of requests written to a site (issue 12): by its public form or by email (the SMTP receiver), and the
// person's later messages on the same request. The due instant of the "72 heures ouvrées" promise is computed once,
// on receipt, by the clock of ADR 0028 (`delaiReponseSite`: the same calendar loading as the API), and the
// acknowledgement states it on the site's clock.

import type { Config } from '../../config/index.ts';
import type { Executor } from '../../platform/db/client.ts';
import { formaterDate, formateur } from '../../platform/formats/dates.ts';
import { dateDansFenetre } from '../../platform/http/dates.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import { nomFuseau } from '../horaires/index.ts';
import { adresseContact } from './adresse.ts';
import * as repo from './repo-reception.ts';
import { delaiReponseSite } from './service.ts';
import {
  CARACTERES_MESSAGE_ID,
  corpsCourriel,
  ExpediteurCourriel,
  erreursFormulaire,
  estMobile,
  ligneCourriel,
  NOM_MAX,
  OBJET_MAX,
  SaisieFormulaire,
} from './validation-reception.ts';

export type ConfigReception = Pick<Config, 'publicUrl' | 'sessionSecret' | 'domaineContact'>;

/** What arrives: the form's fields as typed, or what the SMTP receiver read of a mail. */
export interface Reception {
  siteId: string;
  canal: 'formulaire' | 'courriel';
  /** The person's name (a mail's display name, possibly empty). */
  nom: string;
  courriel?: string;
  telephone?: string;
  /** A mail's Subject (the form has none). */
  objet?: string;
  corps: string;
  recuLe: Date;
  /** A mail's Message-ID: a second delivery of the same mail returns the request already made (`doublon`). */
  messageId?: string;
  /** Attachments of the mail that were dropped: the acknowledgement says they are not kept. */
  piecesIgnorees?: number;
  /** The form's checkbox; required on the form, ignored for a mail. */
  consentement?: boolean;
  /** No acknowledgement (for an automatic mail: `Auto-Submitted`, bounces), so that two robots never loop. */
  sansAccuse?: boolean;
}

export interface DemandeRecue {
  id: string;
  /** When the answer is due; null when the site has no working day within a year (nothing promised). */
  echeance: Date | null;
  fuseau: string;
  siteNom: string;
  /** The label given to the person: "C-" and the first 8 hex digits of the id, upper case. */
  reference: string;
  /** The site's own address, where the person may write again. */
  adresse: string;
  /** True when this Message-ID had already been received: nothing new was written nor sent. */
  doublon?: boolean;
}

export type ResultatReception = { ok: true; demande: DemandeRecue } | { ok: false; erreurs: Record<string, string> };

/** The reference a person reads for a request: "C-" and the first 8 hex digits of its id ("C-3F2A9C01"). */
export function referenceDemande(id: string): string {
  return `C-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

/** "mardi 12 janvier 2027 à 16:00" on the site's clock, its zone named outside Paris (" (heure de La Réunion)"). */
export function echeanceEnClair(echeance: Date, fuseau: string): string {
  const jour = formaterDate(echeance, fuseau, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const heure = formateur(fuseau, { hour: '2-digit', minute: '2-digit' }).format(echeance);
  return fuseau === 'Europe/Paris' ? `${jour} à ${heure}` : `${jour} à ${heure} (${nomFuseau(fuseau)})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Verifiee = {
  nom: string | null;
  courriel: string | null;
  telephone: string | null;
  objet: string | null;
  corps: string;
  messageId: string | undefined;
  piecesIgnorees: number;
};

function verifierReception(r: Reception): { ok: true; v: Verifiee } | { ok: false; erreurs: Record<string, string> } {
  const erreurs: Record<string, string> = {};
  if (
    !(r.recuLe instanceof Date) ||
    Number.isNaN(r.recuLe.getTime()) ||
    !dateDansFenetre(r.recuLe.toISOString().slice(0, 10))
  ) {
    erreurs.recuLe = 'L’instant de réception est invalide.';
  }
  const pieces = r.piecesIgnorees ?? 0;
  if (!Number.isInteger(pieces) || pieces < 0 || pieces > 1000) erreurs.piecesIgnorees = 'Nombre de pièces invalide.';
  const messageId = r.messageId === undefined ? undefined : (ligneCourriel(r.messageId, 300) ?? '');
  if (messageId !== undefined && !CARACTERES_MESSAGE_ID.test(messageId)) {
    erreurs.messageId = 'Message-ID invalide.';
  }
  if (r.canal === 'formulaire') {
    const lu = SaisieFormulaire.safeParse({
      nom: r.nom,
      courriel: r.courriel ?? '',
      telephone: r.telephone ?? '',
      corps: r.corps,
      consentement: r.consentement,
    });
    if (!lu.success) {
      for (const i of lu.error.issues) erreurs[String(i.path[0] ?? 'corps')] ??= i.message;
      return { ok: false, erreurs: erreursFormulaire(erreurs, { courriel: r.courriel, telephone: r.telephone }) };
    }
    if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };
    const d = lu.data;
    const v = {
      nom: d.nom,
      courriel: d.courriel ?? null,
      telephone: d.telephone ?? null,
      objet: null,
      corps: d.corps,
      messageId,
      piecesIgnorees: pieces,
    };
    return { ok: true, v };
  }
  const expediteur = ExpediteurCourriel.safeParse({ courriel: r.courriel ?? '' });
  if (!expediteur.success) erreurs.courriel = expediteur.error.issues[0]?.message ?? 'Adresse invalide.';
  if (typeof r.corps !== 'string') erreurs.corps = 'Le texte du message est illisible.';
  if (!expediteur.success || Object.keys(erreurs).length > 0) return { ok: false, erreurs };
  return {
    ok: true,
    v: {
      nom: ligneCourriel(r.nom, NOM_MAX),
      courriel: expediteur.data.courriel,
      telephone: null,
      objet: ligneCourriel(r.objet, OBJET_MAX),
      corps: corpsCourriel(r.corps),
      messageId,
      piecesIgnorees: pieces,
    },
  };
}

/**
 * Records a request written to a public site: validates it (the form strictly, a mail cleaned and bounded), copies
 * the site's structure and département, computes the due instant with the site's answer clock, inserts the request
 * and its first incoming message in one transaction, and queues the acknowledgement stating the promised date (by
 * email, else by SMS to a mobile) and, for a mail, that its attachments were not kept.
 */
export async function recevoirDemande(db: Executor, config: ConfigReception, r: Reception): Promise<ResultatReception> {
  if (typeof r.siteId !== 'string' || !UUID.test(r.siteId)) return { ok: false, erreurs: { siteId: 'Lieu inconnu.' } };
  const verifiee = verifierReception(r);
  if (!verifiee.ok) return verifiee;
  const { v } = verifiee;
  const site = await repo.siteReception(db, r.siteId);
  if (!site) return { ok: false, erreurs: { siteId: 'Ce lieu n’existe pas ou ne reçoit plus de messages.' } };
  const adresse = adresseContact(site, config.domaineContact);
  if (v.messageId) {
    const existante = await repo.demandeDuMessageId(db, v.messageId);
    if (existante) return { ok: true, demande: await decrire(db, existante, site, adresse, true) };
  }
  const clock = await delaiReponseSite(db, site.id, r.recuLe);
  const echeance = clock?.delai.ok ? clock.delai.echeance : null;
  const fuseau = clock?.fuseau ?? site.fuseau;

  const id = await db.transaction(async (tx) => {
    const demandeId = await repo.insererDemande(
      tx,
      {
        siteId: site.id,
        structureId: site.structureId,
        departement: site.departement,
        canal: r.canal,
        nom: v.nom,
        courriel: v.courriel,
        telephone: v.telephone,
        objet: v.objet,
        recuLe: r.recuLe,
        echeance,
        consentementLe: r.canal === 'formulaire' ? r.recuLe : null,
      },
      { corps: v.corps, messageId: v.messageId, piecesIgnorees: v.piecesIgnorees, creeLe: r.recuLe },
    );
    if (!r.sansAccuse) {
      const parametres = {
        site: site.nom,
        reference: referenceDemande(demandeId),
        echeance: echeance ? echeanceEnClair(echeance, fuseau) : '',
        adresse,
        piecesIgnorees: v.piecesIgnorees,
      };
      if (v.courriel) {
        await mettreEnFile(tx, config, {
          modele: 'contacts.accuse',
          destinataire: v.courriel,
          parametres,
          cle: `contacts.accuse:${demandeId}`,
        });
      } else if (v.telephone && estMobile(v.telephone)) {
        await mettreEnFile(tx, config, {
          modele: 'contacts.accuse.sms',
          destinataire: v.telephone,
          parametres,
          cle: `contacts.accuse.sms:${demandeId}`,
        });
      }
    }
    return demandeId;
  });
  return {
    ok: true,
    demande: { id, echeance, fuseau, siteNom: site.nom, reference: referenceDemande(id), adresse },
  };
}

async function decrire(
  db: Executor,
  demandeId: string,
  site: { nom: string; fuseau: string },
  adresse: string,
  doublon: boolean,
): Promise<DemandeRecue> {
  const d = await repo.demandePourMessage(db, demandeId);
  return {
    id: demandeId,
    echeance: d?.echeance ?? null,
    fuseau: site.fuseau,
    siteNom: site.nom,
    reference: referenceDemande(demandeId),
    adresse,
    doublon,
  };
}

/** How long after its closure a request still takes the person's messages; later, a message opens a new request. */
export const REOUVERTURE_JOURS = 30;

export interface MessageEntrant {
  demandeId: string;
  corps: string;
  recuLe: Date;
  messageId?: string;
  piecesIgnorees?: number;
  /** Who wrote (a mail's sender): the contact of the new request opened when the old one is closed or erased. */
  expediteur?: { nom?: string; courriel?: string };
}

export type ResultatMessageEntrant =
  | { ok: true; demandeId: string; nouvelle: false; doublon: boolean }
  | { ok: true; demandeId: string; nouvelle: true; demande: DemandeRecue }
  | { ok: false; raison: 'introuvable' | 'invalide'; erreurs: Record<string, string> };

/**
 * Appends a message of the person to their request: an answered or recently closed request goes back to `en_cours`
 * (its due instant is kept: the promise covers the first answer). A message on a request closed more than
 * `REOUVERTURE_JOURS` days before, or already anonymised, opens a new request instead (through `recevoirDemande`, with
 * its own clock and acknowledgement), with the old request's contact or else the sender's.
 */
export async function ajouterMessageEntrant(
  db: Executor,
  config: ConfigReception,
  m: MessageEntrant,
): Promise<ResultatMessageEntrant> {
  if (typeof m.demandeId !== 'string' || !UUID.test(m.demandeId)) {
    return { ok: false, raison: 'introuvable', erreurs: { demandeId: 'Demande inconnue.' } };
  }
  const verifiee = verifierReception({
    siteId: '',
    canal: 'courriel',
    nom: '',
    courriel: 'personne@exemple.fr',
    corps: m.corps,
    recuLe: m.recuLe,
    messageId: m.messageId,
    piecesIgnorees: m.piecesIgnorees,
  });
  if (!verifiee.ok) return { ok: false, raison: 'invalide', erreurs: verifiee.erreurs };
  const { v } = verifiee;
  if (v.messageId) {
    const existante = await repo.demandeDuMessageId(db, v.messageId);
    if (existante) return { ok: true, demandeId: existante, nouvelle: false, doublon: true };
  }
  const limite = new Date(m.recuLe.getTime() - REOUVERTURE_JOURS * 86_400_000);
  const issue = await db.transaction(async (tx) => {
    const d = await repo.demandePourMessage(tx, m.demandeId);
    if (!d) return { etat: 'introuvable' as const };
    if (d.anonymiseLe || (d.statut === 'close' && d.closeLe && d.closeLe < limite))
      return { etat: 'ancienne' as const, ancienne: d };
    const rouvrir = d.statut === 'repondue' || d.statut === 'close';
    const message = { corps: v.corps, messageId: v.messageId, piecesIgnorees: v.piecesIgnorees, creeLe: m.recuLe };
    await repo.ajouterEntrant(tx, d.id, message, rouvrir);
    return { etat: 'ajoute' as const, id: d.id };
  });
  if (issue.etat === 'introuvable')
    return { ok: false, raison: 'introuvable', erreurs: { demandeId: 'Demande inconnue.' } };
  if (issue.etat === 'ajoute') return { ok: true, demandeId: issue.id, nouvelle: false, doublon: false };
  const ancienne = issue.ancienne;
  const courriel = ancienne.courriel ?? m.expediteur?.courriel;
  // Without an email (a form's request with a phone only), the new request is a form's, on the consent given then.
  const r = await recevoirDemande(db, config, {
    siteId: ancienne.siteId,
    canal: courriel ? 'courriel' : 'formulaire',
    nom: ancienne.nom ?? m.expediteur?.nom ?? '',
    courriel,
    telephone: ancienne.telephone ?? undefined,
    consentement: !courriel,
    objet: ancienne.objet ?? undefined,
    corps: m.corps,
    recuLe: m.recuLe,
    messageId: m.messageId,
    piecesIgnorees: m.piecesIgnorees,
  });
  if (!r.ok) return { ok: false, raison: 'invalide', erreurs: r.erreurs };
  return { ok: true, demandeId: r.demande.id, nouvelle: true, demande: r.demande };
}
