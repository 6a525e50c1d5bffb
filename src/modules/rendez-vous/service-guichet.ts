// The desk's use cases (issue 11, assisted booking): a site's agenda, booking for a person in a few clicks from the
// next free slots of a motif (agents-only motifs included), an appointment's page, its move and its cancellation by
// the site. Every site and appointment is loaded within the actor's scope (`porteeActivite`, as the request log:
// an agent restricted to some sites sees those only); outside it, it does not exist (404).

import type { Config } from '../../config/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { introuvable } from '../../platform/http/errors.ts';
import { ajouterJours, dateLocale, instantMural } from '../horaires/index.ts';
import { mandatPourFormulaire } from '../mandats/index.ts';
import { type Acteur, porteeActivite } from '../portee/index.ts';
import { estModifiable, peutReserverPourLeSite } from './policy-guichet.ts';
import { liensDuLieu } from './policy-navigation.ts';
import * as repo from './repo-guichet.ts';
import { type ResultatReservation, reserver } from './service.ts';
import {
  annulerParSite,
  creneauxPourDeplacer,
  deplacerRendezVous,
  prochainsCreneaux,
  type ResultatAnnulationSite,
  type ResultatDeplacement,
  type ResultatProchains,
} from './service-deplacement.ts';
import type { SaisieGuichet } from './validation-guichet.ts';

type Envoi = Pick<Config, 'publicUrl' | 'sessionSecret'>;

export type SiteDuGuichet = NonNullable<Awaited<ReturnType<typeof repo.siteDuGuichet>>>;
export type { MotifGuichet, RendezVousGuichet } from './repo-guichet.ts';

/** The site within the actor's scope, whose appointments they may handle; 404 otherwise. */
async function siteGere(db: Db, acteur: Acteur, siteId: string): Promise<SiteDuGuichet> {
  const site = await repo.siteDuGuichet(db, porteeActivite(acteur), siteId);
  if (!site || !peutReserverPourLeSite(acteur, site)) introuvable();
  return site;
}

/** A site's appointments of one civil day on its clock (today by default), with the previous and next days. */
export async function agendaDuSite(db: Db, acteur: Acteur, siteId: string, jour: string | undefined, maintenant: Date) {
  const site = await siteGere(db, acteur, siteId);
  const aujourdhui = dateLocale(maintenant, site.fuseauHoraire);
  const date = jour ?? aujourdhui;
  const du = instantMural(date, 0, site.fuseauHoraire);
  const au = instantMural(ajouterJours(date, 1), 0, site.fuseauHoraire);
  const rendezVous = await repo.rendezVousDuJour(db, porteeActivite(acteur), site.id, du, au);
  return {
    site,
    jour: date,
    aujourdhui,
    precedent: ajouterJours(date, -1),
    suivant: ajouterJours(date, 1),
    liens: liensDuLieu(acteur, site),
    rendezVous: rendezVous.map((r) => ({ ...r, modifiable: estModifiable(r, maintenant) })),
  };
}

/** The site and its active motifs (agents-only ones too), for the booking page. */
export async function motifsDuGuichet(db: Db, acteur: Acteur, siteId: string) {
  const site = await siteGere(db, acteur, siteId);
  const motifs = await repo.motifsDuGuichet(db, porteeActivite(acteur), site.id);
  return { site, motifs, liens: liensDuLieu(acteur, site) };
}

/** The next free slots of a motif of the site after `apres` (now by default), across all its resources. */
export async function prochainsAuGuichet(
  db: Db,
  site: SiteDuGuichet,
  motifId: string,
  apres?: Date,
): Promise<ResultatProchains> {
  return prochainsCreneaux(db, { siteId: site.id, motifId, origine: 'guichet', apres });
}

/**
 * Books a slot for a person at the desk or on the phone: the same booking as online (`reserver`, the one slot
 * function, the exclusion constraint), with origine 'guichet', the agent recorded, and no contact required. Under a
 * mandate, the mandate must allow it (active, this structure, the motif's partner in its scope), else nothing is
 * written and the reason is the field's error.
 */
export async function reserverAuGuichet(
  db: Db,
  config: Envoi,
  acteur: Acteur,
  siteId: string,
  saisie: SaisieGuichet,
): Promise<ResultatReservation> {
  const site = await siteGere(db, acteur, siteId);
  return reserver(db, config, {
    siteId: site.id,
    motifId: saisie.motif,
    debut: saisie.debut,
    usager: { nom: saisie.nom, courriel: saisie.courriel, telephone: saisie.telephone },
    consentement: false,
    origine: 'guichet',
    acteurId: acteur.id,
    mandat: saisie.mandat ? { acteur, mandatId: saisie.mandat, structureId: site.structureId } : undefined,
  });
}

/** The mandate a booking was opened with (`?mandat=`), as the form shows it; null when unknown or out of reach. */
export async function mandatDuGuichet(db: Db, acteur: Acteur, site: SiteDuGuichet, mandatId: string | undefined) {
  return mandatPourFormulaire(db, acteur, mandatId, { structureId: site.structureId, maintenant: new Date() });
}

/** An appointment of the site within the scope, and whether it may still be moved or cancelled; 404 otherwise. */
export async function ficheRendezVous(db: Db, acteur: Acteur, siteId: string, rdvId: string, maintenant: Date) {
  const site = await siteGere(db, acteur, siteId);
  const rdv = await repo.rendezVousDuGuichet(db, porteeActivite(acteur), site.id, rdvId);
  if (!rdv) introuvable();
  return { site, rdv, modifiable: estModifiable(rdv, maintenant) };
}

/** The slots an appointment of the site may move to (same motif, agents-only ones included). */
export async function creneauxDeDeplacement(
  db: Db,
  acteur: Acteur,
  siteId: string,
  rdvId: string,
  apres: Date | undefined,
  maintenant: Date,
) {
  const fiche = await ficheRendezVous(db, acteur, siteId, rdvId, maintenant);
  const creneaux = fiche.modifiable ? await creneauxPourDeplacer(db, rdvId, 'guichet', apres) : null;
  return { ...fiche, creneaux };
}

/** Moves an appointment of the site in scope to another slot of its motif (see `deplacerRendezVous`). */
export async function deplacerAuGuichet(
  db: Db,
  config: Envoi,
  acteur: Acteur,
  siteId: string,
  rdvId: string,
  debut: Date,
): Promise<ResultatDeplacement> {
  const site = await siteGere(db, acteur, siteId);
  if (!(await repo.rendezVousDuGuichet(db, porteeActivite(acteur), site.id, rdvId))) introuvable();
  return deplacerRendezVous(db, config, { rdvId, debut, origine: 'guichet' });
}

/** Cancels an appointment of the site in scope on the site's behalf, with a reason (see `annulerParSite`). */
export async function annulerAuGuichet(
  db: Db,
  config: Envoi,
  acteur: Acteur,
  siteId: string,
  rdvId: string,
  raison: string,
): Promise<ResultatAnnulationSite> {
  const site = await siteGere(db, acteur, siteId);
  if (!(await repo.rendezVousDuGuichet(db, porteeActivite(acteur), site.id, rdvId))) introuvable();
  return annulerParSite(db, config, { rdvId, raison });
}
