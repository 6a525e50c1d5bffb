// Use cases of appointments (issue 11): the motifs a citizen may book, free slots, booking, cancellation. Slots come
// from the one pure generator (`creneaux.ts`, ADR 0027); the database's exclusion constraint is the guarantee against
// double booking, this service only chooses the resource.

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import { jetonDeLienCitoyen } from '../../platform/auth/jetons.ts';
import type { Executor } from '../../platform/db/client.ts';
import { dateDansFenetre } from '../../platform/http/dates.ts';
import { creerLien, revoquerLiens } from '../../platform/liens/index.ts';
import { invitationIcs } from '../../platform/messages/ics.ts';
import { adresseDe, mettreEnFile } from '../../platform/messages/index.ts';
import { ajouterJours, dateLocale, instantMural, type Territoire, territoireDe } from '../horaires/index.ts';
import { agirSousMandat } from '../mandats/index.ts';
import type { Acteur } from '../portee/index.ts';
import { ModeleTravail, Permanence, type Ressource } from './capacite.ts';
import { type ContexteCreneaux, creneaux, verifierCreneau } from './creneaux.ts';
import { planifierRappels } from './rappels.ts';
import * as repo from './repo.ts';
import { ecartJours } from './temps.ts';
import { estMobile, PERIODE_MAX_JOURS, Usager } from './validation.ts';

type Envoi = Pick<Config, 'publicUrl' | 'sessionSecret'>;

/** The purpose of the citizen link that cancels an appointment (its subject is the appointment's id). */
export const OBJET_LIEN_ANNULATION = 'rendez-vous.annuler' as const;

/** The refusal when someone else booked the slot first (409 in the API). */
export const MESSAGE_PRIS = 'Ce créneau vient d’être pris : choisissez-en un autre.';

/** A motif as a citizen sees it before booking. */
export interface MotifPublic {
  id: string;
  nom: string;
  duree: number;
  canal: 'sur_place' | 'telephone' | 'visio' | 'domicile' | 'arret';
  partenaireId: string | null;
  fenetreJours: number;
  delaiMinimal: number;
  instructions: string;
}

export type ResultatDisponibilites =
  /** `fuseau`: the site's zone, to write the instants with its offset (`isoAvecDecalage`). */
  { ok: true; creneaux: { debut: Date; fin: Date }[]; fuseau: string } | { ok: false; erreurs: Record<string, string> };

export interface DemandeReservation {
  siteId: string;
  motifId: string;
  debut: Date;
  usager: { nom: string; courriel?: string; telephone?: string };
  consentement: boolean;
  origine: 'en_ligne' | 'guichet';
  acteurId?: string;
  /** At the desk, in a person's name (issue 14): the mandate, checked and journalled in the booking's transaction. */
  mandat?: { acteur: Pick<Acteur, 'id' | 'habilitations'>; mandatId: string; structureId: string };
}

export type ResultatReservation =
  | {
      ok: true;
      /** `fuseau`: the site's zone, to show the times on its clock. */
      rdv: {
        id: string;
        debut: Date;
        fin: Date;
        siteNom: string;
        motifNom: string;
        lienAnnulation: string;
        fuseau: string;
      };
    }
  | { ok: false; raison: 'pris' | 'invalide'; erreurs?: Record<string, string> };

/** `passe`: the appointment can no longer be cancelled by its holder (started, seen, or cancelled by the site). */
export type ResultatAnnulation =
  | { ok: true; rdv: { id: string; debut: Date; fin: Date; siteNom: string; motifNom: string }; dejaAnnule: boolean }
  | { ok: false; raison: 'introuvable' | 'passe' };

const SITE_INCONNU = 'Ce lieu n’existe pas ou n’accueille pas de public.';
const MOTIF_INCONNU = 'Ce motif de rendez-vous n’existe pas pour ce lieu.';
const Uuid = z.uuid();

function territoireSur(departement: string): Territoire {
  try {
    return territoireDe(departement);
  } catch {
    return 'metropole';
  }
}

export type SitePublic = NonNullable<Awaited<ReturnType<typeof repo.siteAccueilPublic>>>;
type LigneRessource = Awaited<ReturnType<typeof repo.ressourcesDuMotif>>[number];

/** The JSON rules of an agent resource (`ressources.regles`). */
export const ReglesAgent = z.object({ modeles: z.array(ModeleTravail).max(20) });

/** A stored resource as the slot generator wants it; null when its JSON rules no longer pass the schemas. */
function enRessource(l: LigneRessource, siteId: string): Ressource | null {
  const absences = l.absences.map((a) => ({ debut: a.debut, fin: a.fin }));
  if (l.type === 'agent') {
    const lu = ReglesAgent.safeParse(l.regles);
    if (!lu.success) return null;
    return {
      type: 'agent',
      id: l.id,
      nom: l.libelle,
      absences,
      modeles: lu.data.modeles.map((m) => ({ ...m, siteId })),
    };
  }
  const lu = Permanence.safeParse({ ...(l.regles as object), siteId, partenaireId: l.partenaireId ?? '' });
  if (!lu.success) return null;
  return { type: 'permanence', id: l.id, nom: l.libelle, absences, ...lu.data };
}

/** Loads everything `creneaux()` reads for a motif over civil dates `du`..`au`: one query per kind. */
export async function chargerContexte(
  db: Executor,
  site: SitePublic,
  motif: repo.LigneMotif,
  du: string,
  au: string,
  maintenant: Date,
): Promise<ContexteCreneaux> {
  const lignes = await repo.ressourcesDuMotif(db, site.id, motif.id);
  const lesRessources = lignes.map((l) => enRessource(l, site.id)).filter((r): r is Ressource => r !== null);
  // Held ranges may start the day before (a long buffer) and days are at most 26 hours in any zone.
  const depuis = new Date(Date.parse(`${du}T00:00:00Z`) - 2 * 86_400_000);
  const jusqua = new Date(Date.parse(`${au}T00:00:00Z`) + 3 * 86_400_000);
  const [fermetures, rendezVous] = await Promise.all([
    repo.fermeturesDuSite(db, site.id, du, au),
    repo.occupations(
      db,
      lesRessources.map((r) => r.id),
      depuis,
      jusqua,
    ),
  ]);
  const tournee = site.genre === 'itinerant' && site.arrets.length > 0;
  return {
    site: {
      id: site.id,
      fuseau: site.fuseau,
      territoire: territoireSur(site.departement),
      horaires: site.horaires ?? '',
      fermetures,
      arrets: tournee ? site.arrets : undefined,
      semaine53: site.semaine53,
    },
    motif: {
      duree: motif.duree,
      tamponApres: motif.tamponApres,
      pas: motif.pas ?? undefined,
      canal: motif.canal,
      fenetreJours: motif.fenetreJours,
      delaiMinimal: motif.delaiMinimal,
      ressources: lesRessources.map((r) => r.id),
    },
    ressources: lesRessources,
    rendezVous,
    maintenant,
  };
}

/** The public site and one of its active motifs (online-bookable only for an online request), or why not. */
export async function siteEtMotif(
  db: Executor,
  siteId: string,
  motifId: string,
  origine: 'en_ligne' | 'guichet',
): Promise<{ ok: true; site: SitePublic; motif: repo.LigneMotif } | { ok: false; erreurs: Record<string, string> }> {
  const site = Uuid.safeParse(siteId).success ? await repo.siteAccueilPublic(db, siteId) : null;
  if (!site) return { ok: false, erreurs: { site: SITE_INCONNU } };
  const motif = Uuid.safeParse(motifId).success ? await repo.motifActif(db, siteId, motifId) : null;
  if (!motif || (origine === 'en_ligne' && !motif.reservableEnLigne)) {
    return { ok: false, erreurs: { motif: MOTIF_INCONNU } };
  }
  return { ok: true, site, motif };
}

/** Online-bookable active motifs of an active public site (public data: no scope); null when the site is not public. */
export async function motifsDuSitePublic(db: Executor, siteId: string): Promise<MotifPublic[] | null> {
  if (!Uuid.safeParse(siteId).success || !(await repo.siteAccueilPublic(db, siteId))) return null;
  const lignes = await repo.motifsEnLigne(db, siteId);
  return lignes.map((m) => ({
    id: m.id,
    nom: m.nom,
    duree: m.duree,
    canal: m.canal,
    partenaireId: m.partenaireId,
    fenetreJours: m.fenetreJours,
    delaiMinimal: m.delaiMinimal,
    instructions: m.instructions,
  }));
}

/** Online-bookable active motifs of an active public site; empty for any other site. */
export async function motifsReservables(db: Executor, siteId: string): Promise<MotifPublic[]> {
  return (await motifsDuSitePublic(db, siteId)) ?? [];
}

/**
 * Free slots of a motif at a site starting between two civil dates of the site's calendar (at most 31 days), as
 * `creneaux()` lists them: within the hours, holidays, closures, stops, the resources' patterns and absences, the
 * notice and the window, minus the booked appointments. An online request sees online-bookable motifs only.
 */
export async function disponibilites(
  db: Executor,
  demande: {
    siteId: string;
    motifId: string;
    du: string;
    au: string;
    maintenant?: Date;
    origine?: 'en_ligne' | 'guichet';
  },
): Promise<ResultatDisponibilites> {
  const erreurs: Record<string, string> = {};
  if (!dateDansFenetre(demande.du)) erreurs.du = 'La date de début doit être une date réelle (AAAA-MM-JJ).';
  if (!dateDansFenetre(demande.au)) erreurs.au = 'La date de fin doit être une date réelle (AAAA-MM-JJ).';
  else if (!erreurs.du && demande.au < demande.du) erreurs.au = 'La date de fin doit suivre la date de début.';
  else if (!erreurs.du && ecartJours(demande.du, demande.au) + 1 > PERIODE_MAX_JOURS) {
    erreurs.au = `La période demandée dépasse ${PERIODE_MAX_JOURS} jours : réduisez l’écart entre les deux dates.`;
  }
  const trouve = await siteEtMotif(db, demande.siteId, demande.motifId, demande.origine ?? 'en_ligne');
  if (!trouve.ok) return { ok: false, erreurs: { ...trouve.erreurs, ...erreurs } };
  if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };
  const maintenant = demande.maintenant ?? new Date();
  const contexte = await chargerContexte(db, trouve.site, trouve.motif, demande.du, demande.au, maintenant);
  const fuseau = trouve.site.fuseau;
  if (contexte.ressources.length === 0) return { ok: true, creneaux: [], fuseau };
  const r = creneaux({ ...contexte, du: demande.du, au: demande.au });
  if (!r.ok) return { ok: false, erreurs: { motif: r.erreurs.join(' ') } };
  return { ok: true, creneaux: r.creneaux.map((c) => ({ debut: c.debut, fin: c.fin })), fuseau };
}

/** SQLSTATEs of losing a race for a resource: exclusion violation, serialization failure, deadlock. */
export const COURSE_PERDUE = new Set(['23P01', '40001', '40P01']);

/** The SQLSTATE of a database error, possibly wrapped by the driver. */
export function codeSql(e: unknown): string | undefined {
  const erreur = e as { code?: string; cause?: { code?: string } };
  return erreur.code ?? erreur.cause?.code;
}

function quandEnClair(instant: Date, fuseau: string): string {
  const f = new Intl.DateTimeFormat('fr-FR', {
    timeZone: fuseau,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return f.format(instant);
}

/** The parameters of the appointment messages (modeles.ts), with times written on the site's clock. */
export function parametresMessage(
  rdv: { id: string; debut: Date; fin: Date },
  site: { nom: string; adresse: string; codePostal: string; commune: string; fuseau: string },
  motif: { nom: string; instructions?: string; canal?: string; lienVisio?: string | null },
  refAnnulation: string,
) {
  return {
    rdvId: rdv.id,
    motif: motif.nom,
    site: site.nom,
    lieu: `${site.adresse}, ${site.codePostal} ${site.commune}`,
    quand: quandEnClair(rdv.debut, site.fuseau),
    debut: rdv.debut.toISOString(),
    fin: rdv.fin.toISOString(),
    instructions: motif.instructions ?? '',
    refAnnulation,
    // A visio appointment is reached by its link: the messages and the invitation give it instead of the address.
    lienVisio: motif.canal === 'visio' ? (motif.lienVisio ?? '') : '',
  };
}

function verifierDemande(demande: DemandeReservation) {
  const erreurs: Record<string, string> = {};
  const lu = Usager.safeParse(demande.usager ?? {});
  if (!lu.success) {
    for (const i of lu.error.issues) {
      const champ = String(i.path[0] ?? 'nom');
      erreurs[champ] ??= i.message;
    }
  }
  if (!(demande.debut instanceof Date) || Number.isNaN(demande.debut.getTime())) {
    erreurs.debut = 'Choisissez un créneau.';
  }
  if (demande.origine === 'en_ligne') {
    if (lu.success && !lu.data.courriel && !lu.data.telephone) {
      erreurs.courriel = 'Indiquez une adresse électronique ou un numéro de téléphone, pour recevoir la confirmation.';
    }
    if (demande.consentement !== true) {
      erreurs.consentement = 'Cochez la case pour accepter l’utilisation de vos coordonnées pour ce rendez-vous.';
    }
  }
  return lu.success && Object.keys(erreurs).length === 0
    ? { ok: true as const, usager: lu.data }
    : { ok: false as const, erreurs };
}

/**
 * Books a slot for a person: in one transaction, `verifierCreneau` (the same function as the listing) confirms it
 * and chooses a free resource; the insert may lose a race to the exclusion constraint, then the next free resource
 * of the slot is tried, else the slot is "pris". Enforces the motif's "at most N per person and day"; issues the
 * cancel link (valid until the start) and queues the confirmation (email with an invitation, SMS to a mobile).
 */
export async function reserver(db: Executor, config: Envoi, demande: DemandeReservation): Promise<ResultatReservation> {
  const verifiee = verifierDemande(demande);
  if (!verifiee.ok) return { ok: false, raison: 'invalide', erreurs: verifiee.erreurs };
  const { usager } = verifiee;
  const trouve = await siteEtMotif(db, demande.siteId, demande.motifId, demande.origine);
  if (!trouve.ok) return { ok: false, raison: 'invalide', erreurs: trouve.erreurs };
  const { site, motif } = trouve;
  const maintenant = new Date();
  const jour = dateLocale(demande.debut, site.fuseau);

  return db.transaction(async (tx): Promise<ResultatReservation> => {
    const personne = { courriel: usager.courriel, telephone: usager.telephone };
    if (personne.courriel || personne.telephone) {
      // Two bookings of one person for one motif and day wait for each other, so the bound cannot be raced past.
      const cle = `rendez-vous:${motif.id}:${jour}:${personne.courriel ?? personne.telephone}`;
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${cle}, 0))`);
      const debutJour = instantMural(jour, 0, site.fuseau);
      const finJour = instantMural(ajouterJours(jour, 1), 0, site.fuseau);
      if ((await repo.compterPourPersonne(tx, motif.id, personne, debutJour, finJour)) >= motif.maxParPersonneJour) {
        const n = motif.maxParPersonneJour;
        return {
          ok: false,
          raison: 'invalide',
          erreurs: {
            debut: `Vous avez déjà ${n === 1 ? 'un rendez-vous' : `${n} rendez-vous`} pour ce motif ce jour-là.`,
          },
        };
      }
    }

    const contexte = await chargerContexte(tx, site, motif, jour, jour, maintenant);
    const choix = verifierCreneau(contexte, { debut: demande.debut });
    if (!choix.ok) {
      // Free of bookings, would the slot exist? Then someone took it; otherwise it was never offered.
      const sansReservations = verifierCreneau({ ...contexte, rendezVous: [] }, { debut: demande.debut });
      if (sansReservations.ok) return { ok: false, raison: 'pris', erreurs: { debut: MESSAGE_PRIS } };
      return { ok: false, raison: 'invalide', erreurs: { debut: choix.erreurs.join(' ') } };
    }
    const candidates = [choix.ressourceId, ...choix.creneau.ressources.filter((id) => id !== choix.ressourceId)];
    /** The first free resource of the slot that the insert wins, or null when all were taken meanwhile. */
    const inserer = async (lien: { mandatId?: string; citoyenId?: string }): Promise<string | null> => {
      for (const ressourceId of candidates) {
        try {
          return await tx.transaction((sp) =>
            repo.insererRendezVous(sp, {
              siteId: site.id,
              motifId: motif.id,
              ressourceId,
              debut: choix.creneau.debut,
              fin: choix.creneau.fin,
              tamponApres: motif.tamponApres,
              nom: usager.nom,
              courriel: usager.courriel,
              telephone: usager.telephone,
              consentementLe: demande.consentement ? maintenant : undefined,
              origine: demande.origine,
              creePar: demande.acteurId,
              ...lien,
            }),
          );
        } catch (e) {
          if (!COURSE_PERDUE.has(codeSql(e) ?? '')) throw e;
        }
      }
      return null;
    };
    let id: string | null;
    if (demande.mandat) {
      const { acteur, mandatId, structureId } = demande.mandat;
      const action = {
        mandatId,
        structureId,
        partenaireIds: motif.partenaireId ? [motif.partenaireId] : [],
        maintenant,
        action: 'rendez_vous.reserve' as const,
        objetType: 'rendez_vous' as const,
        details: { motif: motif.id },
      };
      const r = await agirSousMandat(tx, acteur, action, inserer);
      if (!r.ok) return { ok: false, raison: 'invalide', erreurs: { mandat: r.message } };
      id = r.id;
    } else id = await inserer({});
    if (!id) return { ok: false, raison: 'pris', erreurs: { debut: MESSAGE_PRIS } };

    const rdv = { id, debut: choix.creneau.debut, fin: choix.creneau.fin };
    // The messages carry the link's reference, not its token: the token is derived again when they are rendered.
    const reference = `${OBJET_LIEN_ANNULATION}:${id}`;
    const jeton = jetonDeLienCitoyen(config.sessionSecret, reference);
    const lien = await creerLien(
      tx,
      { objet: OBJET_LIEN_ANNULATION, sujet: id, usage: 'unique', expireLe: rdv.debut, jeton },
      config.publicUrl,
      maintenant,
    );
    const parametres = parametresMessage(rdv, site, motif, reference);
    if (usager.courriel) {
      await mettreEnFile(tx, config, {
        modele: 'rdv.confirmation',
        destinataire: usager.courriel,
        parametres,
        cle: `rdv.confirmation:${id}`,
        expireLe: rdv.debut,
      });
    }
    if (usager.telephone && estMobile(usager.telephone)) {
      await mettreEnFile(tx, config, {
        modele: 'rdv.confirmation.sms',
        destinataire: usager.telephone,
        parametres,
        cle: `rdv.confirmation.sms:${id}`,
        expireLe: rdv.debut,
      });
    }
    // The day-before and two-hour reminders (rappels.ts): jobs of this transaction, none for a person without contact.
    if (usager.courriel || usager.telephone) await planifierRappels(tx, { ...rdv, fuseau: site.fuseau }, maintenant);
    return {
      ok: true,
      rdv: { ...rdv, siteNom: site.nom, motifNom: motif.nom, lienAnnulation: lien.url, fuseau: site.fuseau },
    };
  });
}

/**
 * Cancels an appointment at its holder's request (through their link): only a booked appointment not yet started;
 * revokes its links and notifies the person once (a second cancellation answers `dejaAnnule` and sends nothing).
 */
export async function annulerParUsager(db: Executor, config: Envoi, rdvId: string): Promise<ResultatAnnulation> {
  if (!Uuid.safeParse(rdvId).success) return { ok: false, raison: 'introuvable' };
  const maintenant = new Date();
  return db.transaction(async (tx): Promise<ResultatAnnulation> => {
    const r = await repo.rendezVousPourMaj(tx, rdvId);
    if (!r) return { ok: false, raison: 'introuvable' };
    const rdv = { id: r.id, debut: r.debut, fin: r.fin, siteNom: r.siteNom, motifNom: r.motifNom };
    if (r.statut === 'annule_usager') return { ok: true, rdv, dejaAnnule: true };
    if (r.statut !== 'reserve' || r.debut.getTime() <= maintenant.getTime()) return { ok: false, raison: 'passe' };
    await repo.annuler(tx, r.id, 'annule_usager', maintenant);
    await revoquerLiens(tx, OBJET_LIEN_ANNULATION, r.id, maintenant);
    const site = { nom: r.siteNom, adresse: r.adresse, codePostal: r.codePostal, commune: r.commune, fuseau: r.fuseau };
    const parametres = { ...parametresMessage(rdv, site, { nom: r.motifNom }, ''), sequence: r.sequence };
    if (r.courriel) {
      await mettreEnFile(tx, config, {
        modele: 'rdv.annulation',
        destinataire: r.courriel,
        parametres,
        cle: `rdv.annulation:${r.id}`,
      });
    }
    if (r.telephone && estMobile(r.telephone)) {
      await mettreEnFile(tx, config, {
        modele: 'rdv.annulation.sms',
        destinataire: r.telephone,
        parametres,
        cle: `rdv.annulation.sms:${r.id}`,
      });
    }
    return { ok: true, rdv, dejaAnnule: false };
  });
}

/** The site of an active motif, for the API that books by motif alone; null when unknown. */
export async function siteDuMotif(db: Executor, motifId: string): Promise<string | null> {
  return Uuid.safeParse(motifId).success ? repo.siteDuMotif(db, motifId) : null;
}

/**
 * The calendar file of an appointment (its id is the secret: a random UUID handed only to the person): the event at
 * its current revision (SEQUENCE: one per move), or its cancellation (the next SEQUENCE) once cancelled. No name nor
 * contact in it.
 */
export async function invitationRendezVous(db: Executor, rdvId: string, expediteur?: string): Promise<string | null> {
  if (!Uuid.safeParse(rdvId).success) return null;
  const r = await repo.rendezVousPourMaj(db, rdvId, false);
  if (!r) return null;
  const annule = r.statut === 'annule_usager' || r.statut === 'annule_site';
  const visio = r.canal === 'visio' && r.lienVisio ? r.lienVisio : undefined;
  return invitationIcs({
    uid: `${r.id}@guichet`,
    titre: `${r.motifNom} – ${r.siteNom}`,
    debut: r.debut,
    fin: r.fin,
    lieu: visio ?? `${r.adresse}, ${r.codePostal} ${r.commune}`,
    url: visio,
    // PUBLISH for a file opened by hand (ADR 0027): its organizer is the site, at the configured sender's address.
    organisateur: expediteur ? { nom: r.siteNom, courriel: adresseDe(expediteur) } : undefined,
    methode: annule ? 'CANCEL' : 'PUBLISH',
    sequence: annule ? r.sequence + 1 : r.sequence,
  });
}
