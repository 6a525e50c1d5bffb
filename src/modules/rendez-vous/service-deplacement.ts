// Moves and cancellations by the site (issue 11): the places where a booked appointment changes after booking, used
// by the desk (service-guichet.ts), the citizen's link (routes-deplacement.tsx) and, later, the closures' list and the
// reminders. A move updates the appointment in place, in one transaction, so that the exclusion constraint keeps
// guarding the new range and the id, links and calendar UID stay the same; each move raises the ICS SEQUENCE.

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Executor } from '../../platform/db/client.ts';
import { type EtatLien, lireLien, prolongerLiens, revoquerLiens } from '../../platform/liens/index.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import { ajouterJours, dateLocale, instantMural } from '../horaires/index.ts';
import { creneaux, verifierCreneau } from './creneaux.ts';
import { planifierRappels } from './rappels.ts';
import * as repo from './repo.ts';
import * as repoGuichet from './repo-guichet.ts';
import {
  COURSE_PERDUE,
  chargerContexte,
  codeSql,
  MESSAGE_PRIS,
  OBJET_LIEN_ANNULATION,
  parametresMessage,
  siteEtMotif,
} from './service.ts';
import { estMobile, PERIODE_MAX_JOURS } from './validation.ts';

type Envoi = Pick<Config, 'publicUrl' | 'sessionSecret'>;
type Origine = 'en_ligne' | 'guichet';
const Uuid = z.uuid();

/** How many slots a "next availability" list shows at once. */
export const CRENEAUX_PAR_PAGE = 12;

export const MESSAGE_MEME_HORAIRE = 'Choisissez un horaire différent de l’horaire actuel.';
const MESSAGE_PLUS_PROPOSE: Record<Origine, string> = {
  guichet: 'Ce motif n’est plus proposé à ce lieu : le rendez-vous ne peut pas être déplacé.',
  en_ligne: 'Ce rendez-vous ne peut pas être déplacé en ligne : contactez le lieu pour choisir un autre horaire.',
};

export type ResultatProchains =
  | {
      ok: true;
      fuseau: string;
      creneaux: Array<{ debut: Date; fin: Date }>;
      /** The instant to ask the next page from ("voir plus tard"), or null when there is no later slot. */
      suite: Date | null;
    }
  | { ok: false; erreurs: Record<string, string> };

/**
 * The next free slots of a motif after an instant (now by default), across all its resources, as `creneaux()` lists
 * them over the booking window; `sauf` leaves out an appointment's own hold (a move may overlap its current time) and
 * its current start. An online request sees online-bookable motifs only; the desk ('guichet') sees them all.
 */
export async function prochainsCreneaux(
  db: Executor,
  demande: {
    siteId: string;
    motifId: string;
    origine: Origine;
    apres?: Date;
    nombre?: number;
    sauf?: { ressourceId: string; debut: Date };
    maintenant?: Date;
  },
): Promise<ResultatProchains> {
  const trouve = await siteEtMotif(db, demande.siteId, demande.motifId, demande.origine);
  if (!trouve.ok) return trouve;
  const { site, motif } = trouve;
  const maintenant = demande.maintenant ?? new Date();
  const nombre = Math.min(Math.max(demande.nombre ?? CRENEAUX_PAR_PAGE, 1), 50);
  const apres = demande.apres && demande.apres > maintenant ? demande.apres : null;
  const aujourdhui = dateLocale(maintenant, site.fuseau);
  const dernier = ajouterJours(aujourdhui, motif.fenetreJours);
  let du = apres ? dateLocale(apres, site.fuseau) : aujourdhui;
  const trouves: Array<{ debut: Date; fin: Date }> = [];
  // Month-long pieces until enough slots are found or the window ends (at most 366 days: 12 pieces or so).
  while (du <= dernier && trouves.length <= nombre) {
    const au = ajouterJours(du, PERIODE_MAX_JOURS - 1);
    const contexte = await chargerContexte(db, site, motif, du, au, maintenant);
    if (contexte.ressources.length === 0) break;
    const sauf = demande.sauf;
    const rendezVous = sauf
      ? contexte.rendezVous.filter((o) => o.ressourceId !== sauf.ressourceId || +o.debut !== +sauf.debut)
      : contexte.rendezVous;
    const r = creneaux({ ...contexte, rendezVous, du, au });
    if (!r.ok) return { ok: false, erreurs: { motif: r.erreurs.join(' ') } };
    for (const c of r.creneaux) {
      if (apres && c.debut <= apres) continue;
      if (sauf && +c.debut === +sauf.debut) continue;
      trouves.push({ debut: c.debut, fin: c.fin });
    }
    du = ajouterJours(au, 1);
  }
  const page = trouves.slice(0, nombre);
  const suite = trouves.length > nombre ? (page[page.length - 1]?.debut ?? null) : null;
  return { ok: true, fuseau: site.fuseau, creneaux: page, suite };
}

export type ResultatDeplacement =
  | { ok: true; rdv: { id: string; siteId: string; debut: Date; fin: Date; sequence: number; fuseau: string } }
  | { ok: false; raison: 'introuvable' | 'passe' | 'pris' | 'invalide'; erreurs?: Record<string, string> };

/** The slots a move of this appointment may choose (same motif; its own hold left out); null when unknown. */
export async function creneauxPourDeplacer(
  db: Executor,
  rdvId: string,
  origine: Origine,
  apres?: Date,
): Promise<ResultatProchains | null> {
  const r = await repoGuichet.rendezVousADeplacer(db, rdvId, false);
  if (!r) return null;
  return prochainsCreneaux(db, {
    siteId: r.siteId,
    motifId: r.motifId,
    origine,
    apres,
    sauf: { ressourceId: r.ressourceId, debut: r.debut },
  });
}

/**
 * Moves a booked appointment not yet started to another free slot of its motif, in one transaction: the slot is
 * confirmed by `verifierCreneau` (the appointment's own hold left out), the row updated in place (its current
 * resource preferred; the exclusion constraint refuses a slot taken meanwhile: "pris", nothing changed), its revision
 * raised, its citizen link kept valid until the new start, and the person told once per move (email with the new
 * invitation, SMS to a mobile). `origine` 'en_ligne' (the citizen's link) allows online-bookable motifs only.
 */
export async function deplacerRendezVous(
  db: Executor,
  config: Envoi,
  demande: { rdvId: string; debut: Date; origine: Origine; maintenant?: Date },
): Promise<ResultatDeplacement> {
  const maintenant = demande.maintenant ?? new Date();
  const { debut } = demande;
  if (!Uuid.safeParse(demande.rdvId).success) return { ok: false, raison: 'introuvable' };
  if (Number.isNaN(debut.getTime()))
    return { ok: false, raison: 'invalide', erreurs: { debut: 'Choisissez un créneau.' } };
  return db.transaction(async (tx): Promise<ResultatDeplacement> => {
    const r = await repoGuichet.rendezVousADeplacer(tx, demande.rdvId);
    if (!r) return { ok: false, raison: 'introuvable' };
    if (r.statut !== 'reserve' || r.debut.getTime() <= maintenant.getTime()) return { ok: false, raison: 'passe' };
    const trouve = await siteEtMotif(tx, r.siteId, r.motifId, demande.origine);
    if (!trouve.ok) return { ok: false, raison: 'invalide', erreurs: { debut: MESSAGE_PLUS_PROPOSE[demande.origine] } };
    const { site, motif } = trouve;
    if (debut.getTime() === r.debut.getTime()) {
      return { ok: false, raison: 'invalide', erreurs: { debut: MESSAGE_MEME_HORAIRE } };
    }
    const jour = dateLocale(debut, site.fuseau);

    const personne = { courriel: r.courriel ?? undefined, telephone: r.telephone ?? undefined };
    if (personne.courriel || personne.telephone) {
      // The same lock as booking: "at most N per person and day" holds across moves and bookings.
      const cle = `rendez-vous:${motif.id}:${jour}:${personne.courriel ?? personne.telephone}`;
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${cle}, 0))`);
      const debutJour = instantMural(jour, 0, site.fuseau);
      const finJour = instantMural(ajouterJours(jour, 1), 0, site.fuseau);
      const deja = await repo.compterPourPersonne(tx, motif.id, personne, debutJour, finJour);
      const lui = r.debut >= debutJour && r.debut < finJour ? 1 : 0;
      if (deja - lui >= motif.maxParPersonneJour) {
        const erreur = 'Cette personne a déjà le nombre maximal de rendez-vous pour ce motif ce jour-là.';
        return { ok: false, raison: 'invalide', erreurs: { debut: erreur } };
      }
    }

    const contexte = await chargerContexte(tx, site, motif, jour, jour, maintenant);
    const autres = contexte.rendezVous.filter((o) => o.ressourceId !== r.ressourceId || +o.debut !== +r.debut);
    const choix = verifierCreneau({ ...contexte, rendezVous: autres }, { debut });
    if (!choix.ok) {
      const sansReservations = verifierCreneau({ ...contexte, rendezVous: [] }, { debut });
      if (sansReservations.ok) return { ok: false, raison: 'pris', erreurs: { debut: MESSAGE_PRIS } };
      return { ok: false, raison: 'invalide', erreurs: { debut: choix.erreurs.join(' ') } };
    }
    const libres = choix.creneau.ressources;
    const candidates = libres.includes(r.ressourceId)
      ? [r.ressourceId, ...libres.filter((id) => id !== r.ressourceId)]
      : libres;
    let sequence: number | null = null;
    for (const ressourceId of candidates) {
      try {
        sequence = await tx.transaction((sp) =>
          repoGuichet.deplacerEnPlace(sp, r.id, {
            ressourceId,
            debut: choix.creneau.debut,
            fin: choix.creneau.fin,
            tamponApres: motif.tamponApres,
          }),
        );
        break;
      } catch (e) {
        if (!COURSE_PERDUE.has(codeSql(e) ?? '')) throw e;
      }
    }
    if (sequence === null) return { ok: false, raison: 'pris', erreurs: { debut: MESSAGE_PRIS } };

    const rdv = { id: r.id, debut: choix.creneau.debut, fin: choix.creneau.fin };
    await prolongerLiens(tx, OBJET_LIEN_ANNULATION, r.id, rdv.debut, maintenant);
    const parametres = {
      ...parametresMessage(rdv, site, motif, `${OBJET_LIEN_ANNULATION}:${r.id}`),
      sequence,
    };
    if (r.courriel) {
      await mettreEnFile(tx, config, {
        modele: 'rdv.deplacement',
        destinataire: r.courriel,
        parametres,
        cle: `rdv.deplacement:${r.id}:${sequence}`,
        expireLe: rdv.debut,
      });
    }
    if (r.telephone && estMobile(r.telephone)) {
      await mettreEnFile(tx, config, {
        modele: 'rdv.deplacement.sms',
        destinataire: r.telephone,
        parametres,
        cle: `rdv.deplacement.sms:${r.id}:${sequence}`,
        expireLe: rdv.debut,
      });
    }
    // The reminders of the new start (rappels.ts); those of the old one find the appointment moved and send nothing.
    if (r.courriel || r.telephone)
      await planifierRappels(tx, { id: r.id, debut: rdv.debut, fuseau: site.fuseau }, maintenant);
    return { ok: true, rdv: { ...rdv, siteId: site.id, sequence, fuseau: site.fuseau } };
  });
}

export type ResultatAnnulationSite =
  /** `prevenu`: a message to the person was queued (an email, or an SMS to a mobile). */
  | { ok: true; dejaAnnule: boolean; prevenu: boolean }
  | { ok: false; raison: 'introuvable' | 'passe' | 'statut' | 'refusee' };

/**
 * The reason of a cancellation decided inside its transaction, on the locked appointment (the list of appointments
 * to take up checks it still lies outside the hours); null refuses the cancellation ('refusee').
 */
export type RaisonVerifiee = (tx: Executor, rdv: { id: string; debut: Date; fin: Date }) => Promise<string | null>;

/**
 * Cancels a booked appointment not yet started on behalf of its site, with a reason told to the person: status
 * `annule_site`, its citizen links revoked, the person notified once by email (with the calendar's CANCEL at the next
 * SEQUENCE) and SMS; a second cancellation answers `dejaAnnule` and sends nothing. The one cancellation by the site:
 * the desk and the list of appointments to take up both call it.
 */
export async function annulerParSite(
  db: Executor,
  config: Envoi,
  demande: { rdvId: string; raison: string | RaisonVerifiee; maintenant?: Date },
): Promise<ResultatAnnulationSite> {
  const maintenant = demande.maintenant ?? new Date();
  if (!Uuid.safeParse(demande.rdvId).success) return { ok: false, raison: 'introuvable' };
  return db.transaction(async (tx): Promise<ResultatAnnulationSite> => {
    const r = await repo.rendezVousPourMaj(tx, demande.rdvId);
    if (!r) return { ok: false, raison: 'introuvable' };
    if (r.statut === 'annule_site') return { ok: true, dejaAnnule: true, prevenu: false };
    if (r.statut !== 'reserve') return { ok: false, raison: 'statut' };
    if (r.debut.getTime() <= maintenant.getTime()) return { ok: false, raison: 'passe' };
    const raison = typeof demande.raison === 'string' ? demande.raison : await demande.raison(tx, r);
    if (raison === null) return { ok: false, raison: 'refusee' };
    if (!(await repoGuichet.annulerPourLeSite(tx, r.id, raison, maintenant))) return { ok: false, raison: 'statut' };
    await revoquerLiens(tx, OBJET_LIEN_ANNULATION, r.id, maintenant);
    const site = { nom: r.siteNom, adresse: r.adresse, codePostal: r.codePostal, commune: r.commune, fuseau: r.fuseau };
    const motif = { nom: r.motifNom, canal: r.canal, lienVisio: r.lienVisio };
    const parametres = { ...parametresMessage(r, site, motif, ''), sequence: r.sequence, raison };
    const mobile = Boolean(r.telephone && estMobile(r.telephone));
    if (r.courriel) {
      await mettreEnFile(tx, config, {
        modele: 'rdv.annulation',
        destinataire: r.courriel,
        parametres,
        cle: `rdv.annulation:${r.id}`,
      });
    }
    if (r.telephone && mobile) {
      await mettreEnFile(tx, config, {
        modele: 'rdv.annulation.sms',
        destinataire: r.telephone,
        parametres,
        cle: `rdv.annulation.sms:${r.id}`,
      });
    }
    // The same keys whoever cancels: the person hears of this cancellation once.
    return { ok: true, dejaAnnule: false, prevenu: Boolean(r.courriel) || mobile };
  });
}

/** A citizen's link that may move its appointment: its subject, or why not. */
async function lienDeDeplacement(db: Executor, jeton: string) {
  const lu = await lireLien(db, jeton);
  if (!lu.ok) return { ok: false as const, etat: lu.etat };
  if (lu.lien.objet !== OBJET_LIEN_ANNULATION) return { ok: false as const, etat: 'inconnu' as const };
  return { ok: true as const, rdvId: lu.lien.sujet };
}

/** The slots offered to a citizen moving their appointment through their link (online-bookable motifs only). */
export async function creneauxDuLien(
  db: Executor,
  jeton: string,
  apres?: Date,
): Promise<{ ok: true; rdvId: string; creneaux: ResultatProchains | null } | { ok: false; etat: EtatLien }> {
  const lien = await lienDeDeplacement(db, jeton);
  if (!lien.ok) return lien;
  return { ok: true, rdvId: lien.rdvId, creneaux: await creneauxPourDeplacer(db, lien.rdvId, 'en_ligne', apres) };
}

/**
 * Moves an appointment through its citizen link (the cancel link, which is not used up: it stays valid until the new
 * start), to a slot of its online-bookable motif.
 */
export async function deplacerParLien(
  db: Executor,
  config: Envoi,
  jeton: string,
  debut: Date,
): Promise<ResultatDeplacement | { ok: false; raison: 'lien'; etat: EtatLien }> {
  const lien = await lienDeDeplacement(db, jeton);
  if (!lien.ok) return { ok: false, raison: 'lien', etat: lien.etat };
  return deplacerRendezVous(db, config, { rdvId: lien.rdvId, debut, origine: 'en_ligne' });
}
