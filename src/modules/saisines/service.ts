// Use cases of cases (issue 13, points 2 and 3): creating one at a site (routed to the partner's référent, its
// deadline in the partner's working days, the référent emailed through the outbox), the lists and the page each actor
// may see, and the actions of people: taking a case in hand, writing in the thread (a référent's first answer sets the
// first answer time and the status), closing with an outcome. The system never sets a status by itself. Emails carry
// no personal data: the partner, the site, the deadline and a link to sign in.

import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Executor } from '../../platform/db/client.ts';
import { formaterDate } from '../../platform/formats/dates.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { mettreEnFile } from '../../platform/messages/index.ts';
import { dateLocale, type Territoire, territoireDe } from '../horaires/index.ts';
import { agirSousMandat, mandatPourFormulaire } from '../mandats/index.ts';
import { type Acteur, porteeActivite } from '../portee/index.ts';
import { echeanceSaisine } from './delais.ts';
import { piecesDeLaSaisine, supprimerPiecesALaCloture } from './pieces.ts';
import {
  auteurDans,
  type CibleSaisine,
  estDuSite,
  peutClore,
  peutCreerSaisine,
  peutPrendreEnCharge,
} from './policy.ts';
import * as repo from './repo.ts';
import { router } from './routage.ts';
import { type FiltreSaisines, type IssueSaisine, LIBELLES_ISSUES_SAISINE, type SaisieSaisine } from './validation.ts';

type ConfigSaisines = Pick<Config, 'publicUrl' | 'sessionSecret'>;

const Uuid = z.uuid();
function uuidOuIntrouvable(id: string): string {
  if (!Uuid.safeParse(id).success) introuvable();
  return id;
}

/**
 * What an actor may see of cases: their sites' (agents restricted to some sites, only those), their structures',
 * their départements', their partner's in their départements (référents), or all (national).
 */
const porteeSaisines = (acteur: Acteur) => porteeActivite(acteur);

/** "S-1A2B3C4D": how people name a case on the phone. */
export function referenceSaisine(id: string): string {
  return `S-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

/** "lundi 11 janvier 2027": the last day of the deadline, on the site's clock. */
export function jourEcheance(echeance: Date, fuseau: string): string {
  return formaterDate(echeance, fuseau, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

function territoireSur(departement: string): Territoire {
  try {
    return territoireDe(departement);
  } catch {
    return 'metropole';
  }
}

/** An expected refusal: a field's error (422) or a state that forbids the action (409). */
export type Resultat<T = object> =
  | ({ ok: true } & T)
  | { ok: false; statut: 409; message: string }
  | { ok: false; statut: 422; erreurs: Record<string, string> };

/** The site within the actor's reach (404 otherwise) where they may create a case (403 otherwise). */
async function siteDeCreation(db: Executor, acteur: Acteur, siteId: string) {
  const portee = porteeActivite(acteur);
  const site = await repo.siteDeSaisine(db, portee, uuidOuIntrouvable(siteId));
  if (!site) introuvable();
  if (!peutCreerSaisine(acteur, site)) throw new AppError('interdit');
  return { portee, site };
}

/**
 * The creation form of a case at a site: the partners it may go to (national ones and the structure's own), and, from
 * a logged request of that site, its first partner and its situation as the start of the question; from a mandate,
 * the person's identity of their record and the mandate as the legal basis.
 */
export async function formulaireSaisine(
  db: Executor,
  acteur: Acteur,
  siteId: string,
  sollicitationId?: string,
  mandatId?: string,
) {
  const { portee, site } = await siteDeCreation(db, acteur, siteId);
  const [partenaires, sollicitation, mandat] = await Promise.all([
    repo.partenairesSaisissables(db, portee, site.structureId),
    sollicitationId ? repo.sollicitationDuSite(db, portee, site.id, sollicitationId) : Promise.resolve(null),
    mandatPourFormulaire(db, acteur, mandatId, { structureId: site.structureId, maintenant: new Date() }),
  ]);
  const partenaire = sollicitation?.partenaires.find((p) => partenaires.some((x) => x.id === p));
  // Under a mandate (issue 14), the person's identity comes from their record and the legal basis is the mandate.
  const c = mandat?.citoyen;
  return {
    site,
    partenaires,
    sollicitationId: sollicitation?.id ?? null,
    mandat,
    prerempli: {
      ...(sollicitation
        ? { partenaire: partenaire ?? '', question: `${sollicitation.situation} : `, sollicitation: sollicitation.id }
        : {}),
      ...(mandat && c
        ? { prenom: c.prenom, nom: c.nom, dateNaissance: c.dateNaissance, baseLegale: 'mandat', mandat: mandat.id }
        : {}),
    },
  };
}

export type FormulaireSaisine = Awaited<ReturnType<typeof formulaireSaisine>>;

/**
 * Creates a case at a site, in one transaction: the case with the consent's time, routed to the référent of its
 * partner for the site's département (the backup when the titulaire is away), a system line in its thread, and an
 * email without personal data to the référent; routed to nobody when no one applies, the département's coordinators
 * are emailed instead.
 */
export async function creerSaisine(
  db: Executor,
  config: ConfigSaisines,
  acteur: Acteur,
  siteId: string,
  s: SaisieSaisine,
  maintenant: Date,
): Promise<Resultat<{ id: string; referent: string | null }>> {
  const { portee, site } = await siteDeCreation(db, acteur, siteId);
  const partenaires = await repo.partenairesSaisissables(db, portee, site.structureId);
  const partenaire = partenaires.find((p) => p.id === s.partenaire);
  if (!partenaire) return { ok: false, statut: 422, erreurs: { partenaire: 'Choisissez un partenaire dans la liste' } };
  return db.transaction(async (tx): Promise<Resultat<{ id: string; referent: string | null }>> => {
    const sollicitation = s.sollicitation ? await repo.sollicitationDuSite(tx, portee, site.id, s.sollicitation) : null;
    const routage = await router(tx, {
      partenaireId: partenaire.id,
      departement: site.departement,
      structureId: site.structureId,
      jour: dateLocale(maintenant, site.fuseau),
    });
    const echeance = await echeanceSaisine(tx, {
      partenaireId: partenaire.id,
      creeLe: maintenant,
      fuseau: site.fuseau,
      territoire: territoireSur(site.departement),
    });
    const nouvelle: repo.NouvelleSaisine = {
      site,
      partenaireId: partenaire.id,
      referentId: routage?.referent.id ?? null,
      sollicitationId: sollicitation?.id ?? null,
      prenom: s.prenom,
      nom: s.nom,
      dateNaissance: s.dateNaissance,
      numeroDossier: s.numeroDossier ?? null,
      question: s.question,
      urgence: s.urgence,
      creePar: acteur.id,
      creeLe: maintenant,
      echeance,
    };
    let id: string | null;
    if (s.baseLegale === 'mandat' && s.mandat) {
      // In the person's name: the mandate is checked, the case written with it and journalled, in this transaction.
      const action = {
        mandatId: s.mandat,
        structureId: site.structureId,
        partenaireIds: [partenaire.id],
        maintenant,
        action: 'saisine.creee' as const,
        objetType: 'saisine' as const,
        details: { urgence: s.urgence },
      };
      const r = await agirSousMandat(tx, acteur, action, (lien) =>
        repo.insererSaisine(tx, portee, { ...nouvelle, lien }),
      );
      if (!r.ok) return { ok: false, statut: 422, erreurs: { mandat: r.message } };
      id = r.id;
    } else id = await repo.insererSaisine(tx, portee, nouvelle);
    if (!id) introuvable();
    const nomReferent = routage ? `${routage.referent.prenom} ${routage.referent.nom}` : null;
    const ligne = routage
      ? `Transmise à ${nomReferent}, référent ${partenaire.nomCourt}${routage.suppleance ? ' (suppléance : le titulaire est absent)' : ''}.`
      : `Aucun référent ${partenaire.nomCourt} disponible dans l’annuaire pour ce lieu : la coordination départementale est prévenue.`;
    await repo.ajouterMessage(tx, portee, { saisineId: id, auteur: 'systeme', auteurId: null }, ligne, maintenant);
    const parametres = {
      saisineId: id,
      partenaire: partenaire.nomCourt,
      site: site.nom,
      echeance: jourEcheance(echeance, site.fuseau),
      urgente: s.urgence !== 'aucune',
      suppleance: routage?.suppleance ?? false,
    };
    if (routage) {
      await mettreEnFile(tx, config, {
        modele: 'saisines.transmise',
        destinataire: routage.referent.courriel,
        cle: `saisines.transmise:${id}`,
        parametres,
      });
    } else {
      for (const c of await repo.coordinateursDuDepartement(tx, site.departement)) {
        await mettreEnFile(tx, config, {
          modele: 'saisines.sans-referent',
          destinataire: c.courriel,
          cle: `saisines.sans-referent:${id}:${c.courriel}`,
          parametres,
        });
      }
    }
    return { ok: true as const, id, referent: nomReferent };
  });
}

const cible = (s: repo.FicheSaisineLue): CibleSaisine => ({
  siteId: s.siteId,
  structureId: s.structureId,
  partenaireId: s.partenaireId,
  departement: s.departement,
});

function afficher<T extends repo.LigneSaisine>(s: T) {
  return {
    ...s,
    reference: referenceSaisine(s.id),
    referent: s.referentPrenom ? `${s.referentPrenom} ${s.referentNom ?? ''}`.trim() : null,
  };
}

export type SaisineAffichee = ReturnType<typeof afficher>;

/** The cases the actor may see for a filter (open ones by default): urgent first, then by deadline. */
export async function listeSaisines(db: Executor, acteur: Acteur, filtre: FiltreSaisines) {
  const portee = porteeSaisines(acteur);
  const structures = acteur.habilitations
    .filter((h) => (h.role === 'agent' || h.role === 'gestionnaire') && h.structureId)
    .map((h) => h.structureId as string);
  const [lignes, sites] = await Promise.all([
    repo.listerSaisines(db, portee, filtre),
    repo.sitesDesStructures(db, portee, [...new Set(structures)]),
  ]);
  return {
    filtre,
    saisines: lignes.map(afficher),
    complet: lignes.length < repo.SAISINES_MAX,
    /** The sites where the actor may create a case. */
    sites: sites.filter((s) => peutCreerSaisine(acteur, s)),
  };
}

export type ListeSaisines = Awaited<ReturnType<typeof listeSaisines>>;

/** A case's page: the case, its thread, and what the actor may do with it. 404 outside the actor's scope. */
export async function ficheSaisine(db: Executor, acteur: Acteur, id: string) {
  const portee = porteeSaisines(acteur);
  const s = await repo.saisineDansLaPortee(db, portee, uuidOuIntrouvable(id));
  if (!s) introuvable();
  const fil = await repo.filDeSaisine(db, portee, s.id);
  const c = cible(s);
  const ouverte = s.statut !== 'cloturee' && !s.anonymiseLe;
  return {
    saisine: afficher(s),
    fil: fil.map((m) => ({ ...m, nom: m.auteurPrenom ? `${m.auteurPrenom} ${m.auteurNom ?? ''}`.trim() : null })),
    actions: {
      prendreEnCharge: ouverte && s.statut === 'nouvelle' && peutPrendreEnCharge(acteur, c),
      ecrire: ouverte ? auteurDans(acteur, c) : null,
      clore: ouverte && peutClore(acteur, c),
    },
    agentDuSite: estDuSite(acteur, { id: s.siteId, structureId: s.structureId }),
    pieces: await piecesDeLaSaisine(db, acteur, s.id),
  };
}

export type FicheSaisine = Awaited<ReturnType<typeof ficheSaisine>>;

const CLOTUREE = 'Cette saisine est clôturée : plus aucune action n’est possible.';

/** The case locked for a change within the actor's scope (404 otherwise), checked by `autorise` (403 otherwise). */
async function saisinePourAction(
  tx: Executor,
  acteur: Acteur,
  id: string,
  autorise: (acteur: Acteur, c: CibleSaisine) => boolean,
) {
  const portee = porteeSaisines(acteur);
  const s = await repo.saisineDansLaPortee(tx, portee, uuidOuIntrouvable(id), true);
  if (!s) introuvable();
  if (!autorise(acteur, cible(s))) throw new AppError('interdit');
  return { portee, s };
}

/** Checks the actor may act on the case at all (404 outside their scope, 403 when they only read it), before a form. */
export async function exigerAction(db: Executor, acteur: Acteur, id: string): Promise<void> {
  await saisinePourAction(db, acteur, id, (a, c) => auteurDans(a, c) !== null || peutClore(a, c));
}

/** The référent takes a new case in hand (a person's act: the status `prise_en_charge`, with its time). */
export async function prendreEnCharge(db: Executor, acteur: Acteur, id: string, maintenant: Date): Promise<Resultat> {
  return db.transaction(async (tx): Promise<Resultat> => {
    const { portee, s } = await saisinePourAction(tx, acteur, id, peutPrendreEnCharge);
    if (!(await repo.prendreEnCharge(tx, portee, s.id, maintenant))) {
      return { ok: false, statut: 409, message: 'Cette saisine n’est plus nouvelle : elle est déjà prise en charge.' };
    }
    const ligne = `Prise en charge par ${acteur.prenom} ${acteur.nom}.`;
    await repo.ajouterMessage(
      tx,
      portee,
      { saisineId: s.id, auteur: 'systeme', auteurId: acteur.id },
      ligne,
      maintenant,
    );
    return { ok: true };
  });
}

/**
 * Writes in the case's thread. A référent's message is an answer: the first one sets the first answer time and the
 * status `reponse_apportee`, and the agent who created the case is emailed (no personal data). The site's message
 * emails the référent; a coordinator's changes nothing else.
 */
export async function ecrire(
  db: Executor,
  config: ConfigSaisines,
  acteur: Acteur,
  id: string,
  texte: string,
  maintenant: Date,
): Promise<Resultat<{ reponse: boolean }>> {
  return db.transaction(async (tx): Promise<Resultat<{ reponse: boolean }>> => {
    const { portee, s } = await saisinePourAction(tx, acteur, id, (a, c) => auteurDans(a, c) !== null);
    if (s.statut === 'cloturee' || s.anonymiseLe) return { ok: false, statut: 409, message: CLOTUREE };
    const auteur = auteurDans(acteur, cible(s)) as 'referent' | 'agent' | 'coordinateur';
    await repo.ajouterMessage(tx, portee, { saisineId: s.id, auteur, auteurId: acteur.id }, texte, maintenant);
    const parametres = { saisineId: s.id, partenaire: s.partenaire, site: s.site };
    if (auteur === 'referent') {
      await repo.marquerReponse(tx, portee, s.id, maintenant);
      if (s.agentCourriel) {
        await mettreEnFile(tx, config, { modele: 'saisines.reponse', destinataire: s.agentCourriel, parametres });
      }
    }
    if (auteur === 'agent' && s.referentCourriel) {
      await mettreEnFile(tx, config, { modele: 'saisines.message', destinataire: s.referentCourriel, parametres });
    }
    return { ok: true, reponse: auteur === 'referent' };
  });
}

/** Closes the case with its outcome (the référent, or the site's agents and managers); the outcome shows on its page. */
export async function cloreSaisine(
  db: Executor,
  acteur: Acteur,
  id: string,
  issue: IssueSaisine,
  maintenant: Date,
): Promise<Resultat> {
  return db.transaction(async (tx): Promise<Resultat> => {
    const { portee, s } = await saisinePourAction(tx, acteur, id, peutClore);
    if (!(await repo.clore(tx, portee, s.id, issue, maintenant))) return { ok: false, statut: 409, message: CLOTUREE };
    await supprimerPiecesALaCloture(tx, s.id, maintenant);
    const ligne = `Clôturée par ${acteur.prenom} ${acteur.nom} : ${LIBELLES_ISSUES_SAISINE[issue].toLowerCase()}.`;
    await repo.ajouterMessage(
      tx,
      portee,
      { saisineId: s.id, auteur: 'systeme', auteurId: acteur.id },
      ligne,
      maintenant,
    );
    return { ok: true };
  });
}
