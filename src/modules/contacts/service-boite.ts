// Use cases of a site's inbox (issue 12, point 4): the requests by due instant with the time left in working hours,
// assigning, replying by email through the outbox (threaded on the person's last message, answered to the site's own
// address, with a citizen link to the thread), internal notes, closing with an outcome and reopening. A request with
// no email but a phone: the agent calls, then records what was said as the answer (no SMS of long texts, see
// docs/architecture.md). Alerts are jobs of their own (not here).

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import { jetonDeLienCitoyen } from '../../platform/auth/jetons.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { creerLien, prolongerLiens } from '../../platform/liens/index.ts';
import { messageIdDe, mettreEnFile } from '../../platform/messages/index.ts';
import { ajouterJours, type Territoire, territoireDe } from '../horaires/index.ts';
import { type Acteur, porteeActivite } from '../portee/index.ts';
import { adresseContact } from './adresse.ts';
import { type CalendrierSite, heuresOuvreesEntre } from './delai.ts';
import { peutTraiterDemandes } from './policy.ts';
import { calendrierPublic } from './repo.ts';
import * as repo from './repo-boite.ts';
import { REOUVERTURE_JOURS, referenceDemande } from './service-reception.ts';
import type { FiltreBoite, IssueContact } from './validation-boite.ts';

export type ConfigBoite = Pick<Config, 'publicUrl' | 'sessionSecret' | 'mailFrom' | 'domaineContact'>;

/** The purpose of the citizen link to a request's thread (subject: the request's id). */
export const OBJET_LIEN_FIL = 'contact.fil' as const;
/** While the request is open its links live as long as a link may; once closed, until closure + 30 days. */
const DUREE_LIEN_OUVERT_JOURS = 366;
const MS_JOUR = 86_400_000;
/** How many Message-IDs a reply's References header carries (the first one and the latest). */
const REFERENCES_MAX = 20;

const Uuid = z.uuid();

function uuidOuIntrouvable(id: string): string {
  if (!Uuid.safeParse(id).success) introuvable();
  return id;
}

/** What the inbox says of the clock: hours left, hours late (both in working hours), answered, closed, or no promise. */
export type EtatDelai =
  | { etat: 'restant' | 'retard'; heures: number }
  | { etat: 'repondue'; le: Date }
  | { etat: 'close' }
  | { etat: 'sans_echeance' };

function territoireSur(departement: string): Territoire {
  try {
    return territoireDe(departement);
  } catch {
    return 'metropole';
  }
}

/** The site's calendar as the clock sees it now, with its closures over `du`..`au`; null for a site no longer public. */
async function calendrier(db: Executor, siteId: string, du: string, au: string): Promise<CalendrierSite | null> {
  const s = await calendrierPublic(db, siteId, du, au);
  if (!s) return null;
  return {
    fuseau: s.fuseau,
    territoire: territoireSur(s.departement),
    horaires: s.genre === 'itinerant' ? null : s.horaires,
    arrets: s.genre === 'itinerant' ? s.arrets : undefined,
    semaine53: s.semaine53,
    fermetures: s.fermetures,
  };
}

/** Working hours between now and the due instant (left, or late), counted by the clock of ADR 0028. */
function etatDelai(d: repo.LigneDemande, cal: CalendrierSite | null, maintenant: Date): EtatDelai {
  if (d.statut === 'close') return { etat: 'close' };
  if (d.premiereReponseLe) return { etat: 'repondue', le: d.premiereReponseLe };
  if (!d.echeance) return { etat: 'sans_echeance' };
  const enRetard = d.echeance.getTime() <= maintenant.getTime();
  const [de, a] = enRetard ? [d.echeance, maintenant] : [maintenant, d.echeance];
  // A site no longer public has no calendar: plain hours then.
  const heures = cal ? heuresOuvreesEntre(cal, de, a) : (a.getTime() - de.getTime()) / 3_600_000;
  return { etat: enRetard ? 'retard' : 'restant', heures };
}

function nomAgent(d: { agentPrenom: string | null; agentNom: string | null }): string | null {
  return d.agentPrenom ? `${d.agentPrenom} ${d.agentNom ?? ''}`.trim() : null;
}

/** A request as the inbox and its page show it. */
function afficher(d: repo.LigneDemande, cal: CalendrierSite | null, maintenant: Date) {
  return {
    ...d,
    reference: referenceDemande(d.id),
    agent: nomAgent(d),
    delai: etatDelai(d, cal, maintenant),
  };
}

export type DemandeAffichee = ReturnType<typeof afficher>;

/** The site within the actor's reach (404 otherwise), and whether they act on its inbox. */
async function siteVisible(db: Executor, acteur: Acteur, siteId: string) {
  const portee = porteeActivite(acteur);
  const site = await repo.siteDeLaBoite(db, portee, uuidOuIntrouvable(siteId));
  if (!site) introuvable();
  return { portee, site, agir: peutTraiterDemandes(acteur, site) };
}

/** The same, for a change: 403 for a visible site whose inbox the actor only reads. */
async function siteTraite(db: Executor, acteur: Acteur, siteId: string) {
  const r = await siteVisible(db, acteur, siteId);
  if (!r.agir) throw new AppError('interdit');
  return r;
}

/** Checks the actor acts on the site's inbox (404 outside their scope, 403 when they only read it), before a form. */
export async function exigerTraitement(db: Executor, acteur: Acteur, siteId: string): Promise<void> {
  await siteTraite(db, acteur, siteId);
}

/** The calendar covering every due instant and now (a day either side, for the zone). */
async function calendrierPour(db: Executor, siteId: string, instants: Date[], maintenant: Date) {
  const jours = [maintenant, ...instants].map((i) => i.toISOString().slice(0, 10)).sort();
  return calendrier(db, siteId, ajouterJours(jours[0] as string, -1), ajouterJours(jours.at(-1) as string, 1));
}

/**
 * A site's inbox: its requests for the filter (open ones unanswered first by due instant, with the working hours left
 * or late; closed ones latest first) and its count of open requests. 404 outside the actor's scope.
 */
export async function boite(db: Executor, acteur: Acteur, siteId: string, filtre: FiltreBoite, maintenant: Date) {
  const { portee, site, agir } = await siteVisible(db, acteur, siteId);
  const [lignes, ouvertes] = await Promise.all([
    repo.demandesDuSite(db, portee, site.id, filtre, acteur.id),
    repo.compterOuvertes(db, portee, site.id),
  ]);
  const echeances = lignes.filter((l) => l.echeance && !l.premiereReponseLe && l.statut !== 'close');
  const cal = echeances.length
    ? await calendrierPour(
        db,
        site.id,
        echeances.map((l) => l.echeance as Date),
        maintenant,
      )
    : null;
  return {
    site,
    agir,
    filtre,
    ouvertes,
    demandes: lignes.map((l) => afficher(l, cal, maintenant)),
    complet: lignes.length < repo.LIGNES_MAX,
  };
}

export type Boite = Awaited<ReturnType<typeof boite>>;

/** How many requests of a site are open, within the actor's reach (0 for a site they do not see). */
export async function compterDemandesOuvertes(db: Executor, acteur: Acteur, siteId: string): Promise<number> {
  if (!Uuid.safeParse(siteId).success) return 0;
  return repo.compterOuvertes(db, porteeActivite(acteur), siteId);
}

/**
 * A request's page: the request, its whole thread (the person's messages, replies, internal notes), and the agents it
 * may be assigned to. 404 outside the actor's scope or for a request of another site.
 */
export async function demande(db: Executor, acteur: Acteur, siteId: string, demandeId: string, maintenant: Date) {
  const { portee, site, agir } = await siteVisible(db, acteur, siteId);
  const d = await repo.demandeDuSite(db, portee, site.id, uuidOuIntrouvable(demandeId));
  if (!d) introuvable();
  const [fil, agents, cal] = await Promise.all([
    repo.filDe(db, portee, d.id),
    agir ? repo.agentsDuSite(db, portee, site) : Promise.resolve([]),
    d.echeance ? calendrierPour(db, site.id, [d.echeance], maintenant) : Promise.resolve(null),
  ]);
  return {
    site,
    agir,
    acteurId: acteur.id,
    demande: afficher(d, cal, maintenant),
    fil: fil.map((m) => ({ ...m, auteur: nomAgent({ agentPrenom: m.auteurPrenom, agentNom: m.auteurNom }) })),
    agents,
  };
}

export type FicheDemande = Awaited<ReturnType<typeof demande>>;

/** An expected refusal: a field's error (422) or a state that forbids the action (409). */
export type Resultat<T = object> =
  | ({ ok: true } & T)
  | { ok: false; statut: 409; message: string }
  | { ok: false; statut: 422; erreurs: Record<string, string> };

const CLOSE = 'Cette demande est close : rouvrez-la d’abord.';

/** Puts an open request in the hands of the actor, of an agent of the site, or of nobody. */
export async function assignerDemande(
  db: Executor,
  acteur: Acteur,
  siteId: string,
  demandeId: string,
  agent: 'moi' | 'aucun' | string,
): Promise<Resultat<{ agent: string | null }>> {
  const { portee, site } = await siteTraite(db, acteur, siteId);
  return db.transaction(async (tx): Promise<Resultat<{ agent: string | null }>> => {
    const d = await repo.demandeDuSite(tx, portee, site.id, uuidOuIntrouvable(demandeId), true);
    if (!d) introuvable();
    if (d.statut === 'close') return { ok: false, statut: 409, message: CLOSE };
    const agents = await repo.agentsDuSite(tx, portee, site);
    const id = agent === 'moi' ? acteur.id : agent === 'aucun' ? null : agent;
    const choisi = id ? agents.find((a) => a.id === id) : undefined;
    if (id && !choisi) {
      const message =
        agent === 'moi'
          ? 'Vous ne recevez pas à ce lieu : choisissez un agent du lieu.'
          : 'Choisissez un agent du lieu dans la liste';
      return { ok: false, statut: 422, erreurs: { agent: message } };
    }
    await repo.assigner(tx, portee, site.id, d.id, id);
    return { ok: true, agent: choisi ? `${choisi.prenom} ${choisi.nom}` : null };
  });
}

/** The Message-IDs a reply threads on: the person's last one (In-Reply-To) and the thread's (References). */
function entetesDeFil(fil: Array<{ sens: repo.SensMessage; messageId: string | null }>) {
  const ids = fil.filter((m) => m.sens !== 'note' && m.messageId).map((m) => m.messageId as string);
  const dernierEntrant = fil.filter((m) => m.sens === 'entrant' && m.messageId).at(-1)?.messageId ?? '';
  const references = ids.length > REFERENCES_MAX ? [ids[0] as string, ...ids.slice(-(REFERENCES_MAX - 1))] : ids;
  return { enReponseA: dernierEntrant, references };
}

/**
 * Answers a request. With an email: the reply is queued in the outbox from guichet's sender with the site's own
 * address as Reply-To, threaded on the person's last message, carrying a citizen link to the thread; its Message-ID is
 * stored on the reply so that the person's answer threads back. With a phone only: nothing is sent, the text records
 * the call. Either way it is the answer: the request becomes `repondue` and its first answer time is set once.
 */
export async function repondre(
  db: Executor,
  config: ConfigBoite,
  acteur: Acteur,
  siteId: string,
  demandeId: string,
  texte: string,
  maintenant: Date,
): Promise<Resultat<{ mode: 'courriel' | 'telephone' }>> {
  const { portee, site } = await siteTraite(db, acteur, siteId);
  return db.transaction(async (tx): Promise<Resultat<{ mode: 'courriel' | 'telephone' }>> => {
    const d = await repo.demandeDuSite(tx, portee, site.id, uuidOuIntrouvable(demandeId), true);
    if (!d) introuvable();
    if (d.statut === 'close' || d.anonymiseLe) return { ok: false, statut: 409, message: CLOSE };
    const id = randomUUID();
    if (!d.courriel) {
      if (!d.telephone) return { ok: false, statut: 409, message: 'Cette demande ne donne aucun moyen de répondre.' };
      await repo.ajouterMessageAgent(
        tx,
        portee,
        { id, demandeId: d.id, sens: 'reponse', auteurId: acteur.id, corps: texte },
        maintenant,
      );
      await repo.marquerRepondue(tx, portee, d.id, maintenant);
      return { ok: true, mode: 'telephone' };
    }
    const cle = `contacts.reponse:${id}`;
    const messageId = messageIdDe(cle, config.mailFrom);
    const { enReponseA, references } = entetesDeFil(await repo.filDe(tx, portee, d.id));
    await repo.ajouterMessageAgent(
      tx,
      portee,
      { id, demandeId: d.id, sens: 'reponse', auteurId: acteur.id, corps: texte, messageId },
      maintenant,
    );
    // Each reply carries its own link to the thread (multi-use); all the request's links end 30 days after closure.
    const refLien = `${OBJET_LIEN_FIL}:${id}`;
    await creerLien(
      tx,
      {
        objet: OBJET_LIEN_FIL,
        sujet: d.id,
        usage: 'multiple',
        duree: { jours: DUREE_LIEN_OUVERT_JOURS },
        jeton: jetonDeLienCitoyen(config.sessionSecret, refLien),
      },
      config.publicUrl,
      maintenant,
    );
    await mettreEnFile(tx, config, {
      modele: 'contacts.reponse',
      destinataire: d.courriel,
      cle,
      parametres: {
        site: site.nom,
        objet: d.objet ?? '',
        texte,
        refLien,
        repondreA: adresseContact(site, config.domaineContact),
        enReponseA,
        references,
      },
    });
    await repo.marquerRepondue(tx, portee, d.id, maintenant);
    return { ok: true, mode: 'courriel' };
  });
}

/** Adds an internal note: for the site's team only, never sent nor shown to the person, and not an answer. */
export async function noter(
  db: Executor,
  acteur: Acteur,
  siteId: string,
  demandeId: string,
  note: string,
  maintenant: Date,
): Promise<void> {
  const { portee, site } = await siteTraite(db, acteur, siteId);
  const d = await repo.demandeDuSite(db, portee, site.id, uuidOuIntrouvable(demandeId));
  if (!d) introuvable();
  const fait = await repo.ajouterMessageAgent(
    db,
    portee,
    { id: randomUUID(), demandeId: d.id, sens: 'note', auteurId: acteur.id, corps: note },
    maintenant,
  );
  if (!fait) introuvable();
}

/** Closes an open request with its outcome; the person's links to the thread then live 30 more days. */
export async function cloreDemande(
  db: Executor,
  acteur: Acteur,
  siteId: string,
  demandeId: string,
  issue: IssueContact,
  maintenant: Date,
): Promise<Resultat> {
  const { portee, site } = await siteTraite(db, acteur, siteId);
  return db.transaction(async (tx): Promise<Resultat> => {
    const d = await repo.demandeDuSite(tx, portee, site.id, uuidOuIntrouvable(demandeId), true);
    if (!d) introuvable();
    if (!(await repo.clore(tx, portee, site.id, d.id, issue, maintenant))) {
      return { ok: false, statut: 409, message: 'Cette demande est déjà close.' };
    }
    const fin = new Date(maintenant.getTime() + REOUVERTURE_JOURS * MS_JOUR);
    await prolongerLiens(tx, OBJET_LIEN_FIL, d.id, fin, maintenant);
    return { ok: true };
  });
}

/** Reopens a closed request (not erased); its links live again as long as it stays open. */
export async function rouvrirDemande(
  db: Executor,
  acteur: Acteur,
  siteId: string,
  demandeId: string,
  maintenant: Date,
): Promise<Resultat> {
  const { portee, site } = await siteTraite(db, acteur, siteId);
  return db.transaction(async (tx): Promise<Resultat> => {
    const d = await repo.demandeDuSite(tx, portee, site.id, uuidOuIntrouvable(demandeId), true);
    if (!d) introuvable();
    if (!(await repo.rouvrir(tx, portee, site.id, d.id))) {
      return { ok: false, statut: 409, message: 'Cette demande n’est pas close, ou ses données ont été effacées.' };
    }
    const fin = new Date(maintenant.getTime() + DUREE_LIEN_OUVERT_JOURS * MS_JOUR);
    await prolongerLiens(tx, OBJET_LIEN_FIL, d.id, fin, maintenant);
    return { ok: true };
  });
}
