// Use cases of a site's day board (issue 11, points 5 and 8), after Service BC's TheQ: one queue for walk-ins and
// checked-in appointments, the appointments first; waiting time measured from arrival to being served; finishing a
// visit hands the request log what it already knows. Statuses of an appointment on its day: arrive, vu, absent.

import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { catalogueDeSaisie } from '../catalogue/index.ts';
import { ajouterJours, dateLocale, instantMural } from '../horaires/index.ts';
import { type Acteur, porteeActivite } from '../portee/index.ts';
import { peutTenirLeGuichet } from './policy-journee.ts';
import { liensDuLieu } from './policy-navigation.ts';
import * as repo from './repo-journee.ts';

const Uuid = z.uuid();
const MS_MINUTE = 60_000;

/** The request log's channel for a motif's channel: a visit at a tour's stop is a visit at the counter. */
const CANAL_SOLLICITATION = {
  sur_place: 'accueil_physique',
  arret: 'accueil_physique',
  telephone: 'telephone',
  visio: 'visio',
  domicile: 'hors_les_murs',
} as const;

/** What the request log's quick entry is opened with when a visit ends (`/sollicitations?…`). */
export interface Preremplissage {
  site: string;
  canal: (typeof CANAL_SOLLICITATION)[keyof typeof CANAL_SOLLICITATION];
  partenaire?: string;
  /** A life situation of the site's catalogue: the motif's own, else the only one usual for its partner. */
  situationId?: string;
}

/** An expected refusal, shown on the board (409). */
export type ResultatAction<T = object> = ({ ok: true } & T) | { ok: false; message: string };

export interface PassageAffiche {
  id: string;
  numero: number;
  libelle: string | null;
  statut: repo.StatutPassage;
  arriveLe: Date;
  /** Minutes waited: until now while waiting, until being served afterwards. */
  attente: number;
  rendezVous: { debut: Date; nom: string | null; motif: string | null } | null;
  agent: string | null;
  /** A walk-in may be marked as gone while waiting. */
  depart: boolean;
}

const minutesEntre = (a: Date, b: Date) => Math.max(0, Math.floor((b.getTime() - a.getTime()) / MS_MINUTE));

function uuidOuIntrouvable(id: string): string {
  if (!Uuid.safeParse(id).success) introuvable();
  return id;
}

/** The civil day at the site and its bounds as instants. */
function journeeDe(fuseau: string, maintenant: Date) {
  const jour = dateLocale(maintenant, fuseau);
  return { jour, du: instantMural(jour, 0, fuseau), au: instantMural(ajouterJours(jour, 1), 0, fuseau) };
}

async function siteVisible(db: Executor, acteur: Acteur, siteId: string) {
  const portee = porteeActivite(acteur);
  const site = await repo.siteDuGuichet(db, portee, uuidOuIntrouvable(siteId));
  if (!site) introuvable();
  return { portee, site };
}

/** The site within the actor's reach and the right to act on its board (403 for a visible site they do not keep). */
async function siteTenu(db: Executor, acteur: Acteur, siteId: string) {
  const r = await siteVisible(db, acteur, siteId);
  if (!peutTenirLeGuichet(acteur, r.site)) throw new AppError('interdit');
  return r;
}

function afficher(p: repo.LignePassage, maintenant: Date): PassageAffiche {
  return {
    id: p.id,
    numero: p.numero,
    libelle: p.libelle,
    statut: p.statut,
    arriveLe: p.arriveLe,
    attente: minutesEntre(
      p.arriveLe,
      p.prisEnChargeLe ?? (p.statut === 'attente' ? maintenant : (p.termineLe ?? maintenant)),
    ),
    rendezVous: p.rendezVousId && p.rdvDebut ? { debut: p.rdvDebut, nom: p.rdvNom, motif: p.motifNom } : null,
    agent: p.agentPrenom ? `${p.agentPrenom} ${p.agentNom ?? ''}`.trim() : null,
    depart: p.statut === 'attente' && !p.rendezVousId,
  };
}

/**
 * The site's day as its counter sees it (site's calendar): the queue, checked-in appointments first then walk-ins,
 * each by arrival; the visits in progress; the day's appointments with what may be done to each; the day's count of
 * people served and their average wait. 404 outside the actor's scope.
 */
export async function journee(db: Executor, acteur: Acteur, siteId: string, maintenant: Date, ticket?: string) {
  const { portee, site } = await siteVisible(db, acteur, siteId);
  const { jour, du, au } = journeeDe(site.fuseau, maintenant);
  const [lesRdv, lesPassages] = await Promise.all([
    repo.rendezVousDuJour(db, portee, site.id, du, au),
    repo.passagesDuJour(db, portee, site.id, jour),
  ]);
  const affiches = lesPassages.map((p) => afficher(p, maintenant));
  const file = affiches
    .filter((p) => p.statut === 'attente')
    .sort(
      (a, b) =>
        Number(b.rendezVous !== null) - Number(a.rendezVous !== null) || a.arriveLe.getTime() - b.arriveLe.getTime(),
    );
  const servis = affiches.filter((p) => p.statut === 'en_cours' || p.statut === 'termine');
  const attenteMoyenne = servis.length ? Math.round(servis.reduce((t, p) => t + p.attente, 0) / servis.length) : null;
  return {
    site,
    jour,
    agir: peutTenirLeGuichet(acteur, site),
    liens: liensDuLieu(acteur, site),
    file,
    enCours: affiches.filter((p) => p.statut === 'en_cours'),
    termines: affiches.filter((p) => p.statut === 'termine' || p.statut === 'parti').length,
    servis: servis.length,
    attenteMoyenne,
    rendezVous: lesRdv.map((r) => ({
      ...r,
      arrivee: r.statut === 'reserve',
      absence: r.statut === 'reserve' && r.debut.getTime() <= maintenant.getTime(),
    })),
    ticket: ticket ? (affiches.find((p) => p.id === ticket) ?? null) : null,
  };
}

export type Journee = Awaited<ReturnType<typeof journee>>;

/** How many sites the dashboard lists at most (a manager of a large structure). */
const SITES_TABLEAU_DE_BORD = 30;

/** The active sites whose day board this person keeps (agents at their sites, managers at their structure's), by name. */
export async function sitesDuGuichetDe(db: Executor, acteur: Acteur): Promise<Array<{ id: string; nom: string }>> {
  const structureIds = [
    ...new Set(
      acteur.habilitations.filter((h) => h.role === 'agent' || h.role === 'gestionnaire').map((h) => h.structureId),
    ),
  ].filter((id): id is string => typeof id === 'string');
  const lignes = await repo.sitesDesStructures(db, porteeActivite(acteur), structureIds, SITES_TABLEAU_DE_BORD);
  return lignes.filter((s) => peutTenirLeGuichet(acteur, s)).map(({ id, nom }) => ({ id, nom }));
}

/** Welcomes a person without an appointment: a visit with the next ticket number of the site's day. */
export async function accueillir(
  db: Executor,
  acteur: Acteur,
  siteId: string,
  saisie: { libelle?: string },
  maintenant: Date,
): Promise<{ id: string; numero: number }> {
  const { portee, site } = await siteTenu(db, acteur, siteId);
  const { jour } = journeeDe(site.fuseau, maintenant);
  const cree = await db.transaction((tx) =>
    repo.creerPassage(tx, portee, { siteId: site.id, jour, libelle: saisie.libelle, arriveLe: maintenant }),
  );
  if (!cree) introuvable();
  return cree;
}

/** Checks in a booked appointment of today: status `arrive` and a visit in the queue, ahead of the walk-ins. */
export async function arrivee(
  db: Executor,
  acteur: Acteur,
  siteId: string,
  rdvId: string,
  maintenant: Date,
): Promise<ResultatAction<{ numero: number }>> {
  const { portee, site } = await siteTenu(db, acteur, siteId);
  const { jour, du, au } = journeeDe(site.fuseau, maintenant);
  return db.transaction(async (tx): Promise<ResultatAction<{ numero: number }>> => {
    const rdv = await repo.rendezVousDuSitePourMaj(tx, portee, site.id, uuidOuIntrouvable(rdvId));
    if (!rdv) introuvable();
    if (rdv.debut.getTime() < du.getTime() || rdv.debut.getTime() >= au.getTime()) {
      return { ok: false, message: 'Ce rendez-vous n’est pas prévu aujourd’hui : il ne peut pas être accueilli.' };
    }
    if (rdv.statut !== 'reserve') {
      return { ok: false, message: 'Ce rendez-vous a déjà été accueilli, clos ou annulé.' };
    }
    await repo.changerStatutRendezVous(tx, portee, rdv.id, ['reserve'], 'arrive');
    const libelle = rdv.nom?.slice(0, 60) ?? undefined;
    const cree = await repo.creerPassage(tx, portee, {
      siteId: site.id,
      jour,
      libelle,
      rendezVousId: rdv.id,
      arriveLe: maintenant,
    });
    if (!cree) introuvable();
    return { ok: true, numero: cree.numero };
  });
}

/** Marks a booked appointment as a no-show: only once its start time has passed. */
export async function absence(
  db: Executor,
  acteur: Acteur,
  siteId: string,
  rdvId: string,
  maintenant: Date,
): Promise<ResultatAction> {
  const { portee, site } = await siteTenu(db, acteur, siteId);
  return db.transaction(async (tx): Promise<ResultatAction> => {
    const rdv = await repo.rendezVousDuSitePourMaj(tx, portee, site.id, uuidOuIntrouvable(rdvId));
    if (!rdv) introuvable();
    if (rdv.statut !== 'reserve') {
      return { ok: false, message: 'Ce rendez-vous a déjà été accueilli, clos ou annulé.' };
    }
    if (rdv.debut.getTime() > maintenant.getTime()) {
      return {
        ok: false,
        message: 'La personne ne peut être déclarée absente qu’après l’heure de début de son rendez-vous.',
      };
    }
    await repo.changerStatutRendezVous(tx, portee, rdv.id, ['reserve'], 'absent');
    return { ok: true };
  });
}

type Transition = 'prise' | 'fin' | 'depart';

/**
 * Moves a visit along the counter: `prise` (served by the actor, now: the wait is recorded), `fin` (the visit ends; a
 * checked-in appointment becomes `vu`; returns what the request log is opened with), `depart` (a walk-in left before
 * being served). A visit of another day is refused as stale.
 */
export async function avancer(
  db: Executor,
  acteur: Acteur,
  siteId: string,
  passageId: string,
  transition: Transition,
  maintenant: Date,
): Promise<ResultatAction<{ numero: number; preremplissage?: Preremplissage }>> {
  const { portee, site } = await siteTenu(db, acteur, siteId);
  const id = uuidOuIntrouvable(passageId);
  const r = await db.transaction(async (tx) => {
    const p = await repo.passagePourMaj(tx, portee, site.id, id);
    if (!p) introuvable();
    const deja = { ok: false as const, message: `Le ticket n° ${p.numero} a déjà changé d’état : la file est à jour.` };
    if (transition === 'prise') {
      if (p.statut !== 'attente') return deja;
      await repo.changerPassage(tx, portee, p.id, 'attente', {
        statut: 'en_cours',
        prisEnChargeLe: maintenant,
        prisEnChargePar: acteur.id,
      });
      return { ok: true as const, numero: p.numero };
    }
    if (transition === 'depart') {
      if (p.rendezVousId) {
        return { ok: false as const, message: 'Une personne venue sur rendez-vous se prend en charge ou se termine.' };
      }
      if (p.statut !== 'attente') return deja;
      await repo.changerPassage(tx, portee, p.id, 'attente', { statut: 'parti', termineLe: maintenant });
      return { ok: true as const, numero: p.numero };
    }
    if (p.statut !== 'en_cours') return deja;
    await repo.changerPassage(tx, portee, p.id, 'en_cours', { statut: 'termine', termineLe: maintenant });
    if (p.rendezVousId) await repo.changerStatutRendezVous(tx, portee, p.rendezVousId, ['arrive', 'reserve'], 'vu');
    const { canal, partenaireId, situationId } = p;
    return { ok: true as const, numero: p.numero, canal, partenaireId, situationId };
  });
  if (!r.ok || transition !== 'fin') return r;
  const fin = r as { numero: number } & Parameters<typeof preremplissage>[2];
  return { ok: true, numero: fin.numero, preremplissage: await preremplissage(db, site, fin) };
}

/**
 * The request log's prefill for a visit: the site, the channel of the motif (the counter for a walk-in), its partner,
 * and its life situation when the catalogue the structure sees still has it; a motif without one gets the situation
 * only when exactly one situation of that catalogue has the motif's partner as its usual one.
 */
async function preremplissage(
  db: Executor,
  site: repo.SiteDuGuichet,
  motif: {
    canal: keyof typeof CANAL_SOLLICITATION | null;
    partenaireId: string | null;
    situationId: string | null;
  },
): Promise<Preremplissage> {
  const base: Preremplissage = { site: site.id, canal: CANAL_SOLLICITATION[motif.canal ?? 'sur_place'] };
  if (!motif.partenaireId && !motif.situationId) return base;
  const { situations } = await catalogueDeSaisie(db, site.structureId);
  const propre = situations.find((s) => s.id === motif.situationId);
  const habituelles = motif.partenaireId ? situations.filter((s) => s.partenaires[0] === motif.partenaireId) : [];
  const situationId = propre?.id ?? (habituelles.length === 1 ? habituelles[0]?.id : undefined);
  return {
    ...base,
    ...(motif.partenaireId ? { partenaire: motif.partenaireId } : {}),
    ...(situationId ? { situationId } : {}),
  };
}
