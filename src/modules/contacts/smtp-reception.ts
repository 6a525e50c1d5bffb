// Mail to a site becomes a request (issue 12, ADR 0029). The platform's receiver (platform/messages/reception.ts) speaks
// SMTP and parses MIME; this file says which recipients exist (a site's own address, adresse.ts), threads a reply onto
// its request by Message-ID, In-Reply-To and References, and hands everything to the reception service, the same as
// the contact form's. Attachments are counted, never kept; the person is told in the acknowledgement.

import { createHash } from 'node:crypto';
import type { Config } from '../../config/index.ts';
import { signature } from '../../platform/auth/jetons.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { messageIdDe } from '../../platform/messages/fournisseurs.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import {
  type CourrielEntrant,
  demarrerReception,
  type Reception,
  RefusSmtp,
} from '../../platform/messages/reception.ts';
import { adresseContact, lireAdresseContact } from './adresse.ts';
import { consommerLimitesContact } from './limites.ts';
import { consommerLimites, siteReception } from './repo-reception.ts';
import { demandeDuFil, demandePourAccuse, demandesDeLExpediteur, siteDeAdresse } from './repo-smtp.ts';
import { ajouterMessageEntrant, echeanceEnClair, recevoirDemande, referenceDemande } from './service-reception.ts';

export type ConfigSmtp = Pick<Config, 'publicUrl' | 'sessionSecret' | 'domaineContact' | 'mailFrom'>;

/** The largest message accepted (announced in EHLO; 552 beyond): text fits easily, scans are not wanted anyway. */
export const TAILLE_MAX = 10 * 1024 * 1024;
/** Recipients of one transaction (452 beyond: the relay sends the rest in another). */
export const DESTINATAIRES_MAX = 20;
/** Messages accepted per hour from one sender address (451 beyond: the relay retries); per site, see limites.ts. */
export const PAR_HEURE_EXPEDITEUR = 20;
/** References read back to find a thread (a long chain's oldest ones add nothing). */
const REFERENCES_MAX = 50;

const INCONNU = 'Recipient address rejected: no such France services site here';

/** Checks a recipient: an address of the configured domain designating an active site of an active structure. */
export async function siteDestinataire(db: Executor, config: ConfigSmtp, adresse: string): Promise<string | null> {
  const cible = lireAdresseContact(adresse, config.domaineContact);
  return cible ? siteDeAdresse(db, cible) : null;
}

/**
 * The Message-ID a message is stored under at one site. A mail to one site keeps its own; a mail to several sites
 * becomes one request per site, and the Message-ID column being unique, each site's copy gets a derived one (still a
 * well-formed Message-ID): a second delivery finds it again, and a later reply is looked up under both forms.
 */
export function messageIdPourSite(messageId: string, siteId: string, plusieursSites: boolean): string {
  return plusieursSites ? messageId.replace(/@(?=[^@]*>$)/, `.g${siteId.replaceAll('-', '')}@`) : messageId;
}

/** What happened to an accepted mail, for the log and the tests. */
export type IssueCourriel =
  | { ignore: 'reponse-automatique' }
  | { demandes: Array<{ siteId: string; demandeId: string; fil: 'nouvelle' | 'suite' | 'doublon' }> };

/**
 * Turns an accepted mail into requests: an auto-reply or a bounce is dropped (never stored nor answered); otherwise,
 * for each site addressed, a reply naming a Message-ID of that site's thread is added to its request, and anything
 * else opens a new request (acknowledged, unless sent by a program). Per-sender and per-site hourly limits are kept
 * in PostgreSQL; beyond them the mail is refused for now (451) and nothing is written.
 */
export async function recevoirCourriel(
  db: Db,
  config: ConfigSmtp,
  c: CourrielEntrant,
  recuLe = new Date(),
): Promise<IssueCourriel> {
  if (c.automatique === 'reponse') return { ignore: 'reponse-automatique' };
  const siteIds: string[] = [];
  for (const a of c.destinataires) {
    const id = await siteDestinataire(db, config, a);
    if (id && !siteIds.includes(id)) siteIds.push(id);
  }
  if (siteIds.length === 0) throw new RefusSmtp(550, INCONNU);
  const courriel = c.repondreA?.adresse ?? c.de?.adresse ?? c.expediteur ?? '';
  const nom = c.de?.nom ?? '';
  const plusieurs = siteIds.length > 1;
  const references = c.reponseA.slice(0, REFERENCES_MAX);

  return db.transaction(async (tx) => {
    // The site's hourly limit is the form's, whatever the origin (limites.ts); the sender's is by address here.
    const depuis = new Date(recuLe.getTime() - 3_600_000);
    const cle = `courriel:${signature(config.sessionSecret, `contacts.limites.courriel:${courriel.toLowerCase()}`)}`;
    let plein = (await consommerLimites(tx, [{ cle, max: PAR_HEURE_EXPEDITEUR }], depuis, recuLe)) !== null;
    for (const siteId of siteIds) {
      plein ||= (await consommerLimitesContact(tx, config.sessionSecret, { siteId }, recuLe)) !== null;
    }
    if (plein) throw new RefusSmtp(451, 'Too many messages from this sender or to this site, try again later');

    const demandes: Array<{ siteId: string; demandeId: string; fil: 'nouvelle' | 'suite' | 'doublon' }> = [];
    for (const siteId of siteIds) {
      const messageId = c.messageId ? messageIdPourSite(c.messageId, siteId, plusieurs) : undefined;
      const ids = references.flatMap((id) => [id, messageIdPourSite(id, siteId, true)]);
      const fil =
        (await demandeDuFil(tx, siteId, ids)) ?? (await accuseRepondu(tx, config, siteId, courriel, references));
      if (fil) {
        const r = await ajouterMessageEntrant(tx, config, {
          demandeId: fil,
          corps: c.texte,
          recuLe,
          messageId,
          piecesIgnorees: c.pieces,
          expediteur: { nom, courriel },
        });
        if (r.ok && !r.nouvelle) {
          if (!r.doublon && c.pieces > 0 && !c.automatique) await signalerPieces(tx, config, r.demandeId, c, recuLe);
          demandes.push({ siteId, demandeId: r.demandeId, fil: r.doublon ? 'doublon' : 'suite' });
          continue;
        }
        if (r.ok) {
          demandes.push({ siteId, demandeId: r.demande.id, fil: 'nouvelle' });
          continue;
        }
        if (r.raison === 'invalide') throw new RefusSmtp(550, 'Message refused: unreadable content');
      }
      const r = await recevoirDemande(tx, config, {
        siteId,
        canal: 'courriel',
        nom,
        courriel,
        objet: c.objet,
        corps: c.texte,
        recuLe,
        messageId,
        piecesIgnorees: c.pieces,
        sansAccuse: c.automatique !== null,
      });
      if (!r.ok) {
        throw r.erreurs.courriel
          ? new RefusSmtp(550, 'Sender address rejected: a reply could not be sent to it')
          : new RefusSmtp(550, 'Message refused: unreadable content');
      }
      demandes.push({ siteId, demandeId: r.demande.id, fil: r.demande.doublon ? 'doublon' : 'nouvelle' });
    }
    return { demandes };
  });
}

/**
 * The request whose acknowledgement this mail answers: the acknowledgement is not part of the thread (a form's request
 * has no Message-ID at all), but its Message-ID derives from its outbox key (`messageIdDe`), so the sender's latest
 * requests at this site are checked against the Message-IDs the mail answers.
 */
async function accuseRepondu(
  tx: Executor,
  config: ConfigSmtp,
  siteId: string,
  courriel: string,
  references: string[],
): Promise<string | null> {
  if (references.length === 0 || !courriel) return null;
  const cherches = new Set(references);
  for (const d of await demandesDeLExpediteur(tx, siteId, courriel)) {
    if (cherches.has(messageIdDe(`contacts.accuse:${d.id}`, config.mailFrom))) return d.id;
  }
  return null;
}

/**
 * A later message with attachments: the acknowledgement of the request is sent again (same reference, the promised
 * date while no answer is given), saying the attachments were not kept, once per Message-ID.
 */
async function signalerPieces(tx: Executor, config: ConfigSmtp, demandeId: string, c: CourrielEntrant, recuLe: Date) {
  const d = await demandePourAccuse(tx, demandeId);
  const site = d ? await siteReception(tx, d.siteId) : null;
  if (!d?.courriel || !site) return;
  const echeance = d.echeance && !d.premiereReponseLe && d.echeance > recuLe ? d.echeance : null;
  const empreinte = createHash('sha256')
    .update(c.messageId ?? `${recuLe.toISOString()}:${c.texte}`)
    .digest('hex')
    .slice(0, 32);
  await mettreEnFile(tx, config, {
    modele: 'contacts.accuse',
    destinataire: d.courriel,
    parametres: {
      site: site.nom,
      reference: referenceDemande(demandeId),
      echeance: echeance ? echeanceEnClair(echeance, site.fuseau) : '',
      adresse: adresseContact(site, config.domaineContact),
      piecesIgnorees: c.pieces,
    },
    cle: `contacts.accuse:${demandeId}:${empreinte}`,
  });
}

export interface OptionsReceptionContacts {
  port: number;
  hote: string;
  journal?: {
    info(objet: object, message: string): void;
    error(objet: object, message: string): void;
  };
}

/** Starts the SMTP receiver of the sites' mail (behind the MX relay); resolves once it listens. */
export function demarrerReceptionContacts(db: Db, config: ConfigSmtp, o: OptionsReceptionContacts): Promise<Reception> {
  return demarrerReception({
    port: o.port,
    hote: o.hote,
    tailleMax: TAILLE_MAX,
    destinatairesMax: DESTINATAIRES_MAX,
    journal: o.journal,
    async accepterDestinataire(adresse) {
      if (!(await siteDestinataire(db, config, adresse))) throw new RefusSmtp(550, INCONNU);
    },
    async recevoir(courriel) {
      const issue = await recevoirCourriel(db, config, courriel);
      // No address, name or text in the log: the sites and requests concerned are enough to follow a message.
      o.journal?.info({ issue, pieces: courriel.pieces, automatique: courriel.automatique }, 'incoming mail received');
    },
  });
}
