// Use cases of the manager's appointment pages (issue 11, motifs and capacity): a site's motifs, the agents who receive
// there with their weekly patterns, partners' permanences with weekly or monthly rules, and absences. Whoever manages
// the site's hours manages these (policy.ts); the structure's agents read them. Rules are stored as the JSON the slot
// generator reads (`ressources.regles`), checked by the schemas of capacite.ts on the way in and out.

import type { Db } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { catalogueDeSaisie } from '../catalogue/index.ts';
import { type Acteur, porteeDe } from '../portee/index.ts';
import { type ModeleTravail, Permanence } from './capacite.ts';
import { peutGererRendezVous, peutVoirGestionRendezVous } from './policy.ts';
import { liensDuLieu } from './policy-navigation.ts';
import * as repo from './repo-gestion.ts';
import { ReglesAgent } from './service.ts';
import type { SaisieAbsence, SaisieAgent, SaisiePermanence } from './validation-gestion.ts';
import type { SaisieMotif } from './validation-motif.ts';

/** A motif as the manager's pages show it. */
export type MotifGere = repo.MotifGere;

type Resultat<T = object> = ({ ok: true } & T) | { ok: false; erreurs: Record<string, string> };

/** A resource with its rules read back: an agent's patterns, or a permanence's rules; `illisible` when they fail. */
export type RessourceLue = repo.RessourceGeree & {
  modeles: ModeleTravail[];
  permanence: Permanence | null;
  illisible: boolean;
};

function lireRegles(r: repo.RessourceGeree, siteId: string): RessourceLue {
  if (r.type === 'agent') {
    const lu = ReglesAgent.safeParse(r.regles);
    return { ...r, modeles: lu.success ? lu.data.modeles : [], permanence: null, illisible: !lu.success };
  }
  const lu = Permanence.safeParse({ ...(r.regles as object), siteId, partenaireId: r.partenaireId ?? '' });
  return { ...r, modeles: [], permanence: lu.success ? lu.data : null, illisible: !lu.success };
}

/** The site in the actor's scope (404 otherwise), whether they may change it, and the scope to pass on. */
async function siteVu(db: Db, acteur: Acteur, siteId: string) {
  const portee = porteeDe(acteur);
  const site = await repo.siteGere(db, portee, siteId);
  if (!site || !peutVoirGestionRendezVous(acteur, site)) introuvable();
  return { site, portee, gerer: peutGererRendezVous(acteur, site) };
}

/** As `siteVu`, for a change: a 403 for those who may only read. */
async function siteGere(db: Db, acteur: Acteur, siteId: string) {
  const vu = await siteVu(db, acteur, siteId);
  if (!vu.gerer) throw new AppError('interdit');
  return vu;
}

export type SiteGere = Awaited<ReturnType<typeof siteVu>>['site'];

/** A site's motifs and who receives there, for its managers (to change) and its agents (to read). */
export async function gestionDuSite(db: Db, acteur: Acteur, siteId: string) {
  const { site, portee, gerer } = await siteVu(db, acteur, siteId);
  const [motifs, lignes] = await Promise.all([
    repo.motifsDuSite(db, portee, siteId),
    repo.ressourcesDuSite(db, portee, siteId),
  ]);
  const liens = liensDuLieu(acteur, { ...site, id: siteId });
  return { site, gerer, liens, motifs, ressources: lignes.map((r) => lireRegles(r, siteId)) };
}

/** The motif form's choices: the partners of the catalogue the structure sees, the site's resources. */
export async function formulaireMotif(db: Db, acteur: Acteur, siteId: string, motifId?: string) {
  const { site, portee } = await siteGere(db, acteur, siteId);
  const motif = motifId ? await repo.motifDuSite(db, portee, siteId, motifId) : null;
  if (motifId && !motif) introuvable();
  const [catalogue, ressources] = await Promise.all([
    catalogueDeSaisie(db, site.structureId),
    repo.ressourcesDuSite(db, portee, siteId),
  ]);
  const choix = ressources.filter((r) => r.actif || motif?.ressources.includes(r.id));
  const { themes, situations, partenaires } = catalogue;
  return { site, motif, partenaires, catalogue: { themes, situations }, ressources: choix };
}

/**
 * Creates or updates a motif and who receives it, in one transaction: the partner and the life situation must be
 * ones the structure sees in the catalogue, the resources the site's own. A motif is never deleted (appointments point at it): it is deactivated.
 */
export async function enregistrerMotif(
  db: Db,
  acteur: Acteur,
  siteId: string,
  motifId: string | null,
  saisie: SaisieMotif,
): Promise<Resultat<{ id: string }>> {
  const { site, portee } = await siteGere(db, acteur, siteId);
  if (motifId && !(await repo.motifDuSite(db, portee, siteId, motifId))) introuvable();
  const erreurs: Record<string, string> = {};
  if (saisie.partenaireId || saisie.situationId) {
    const { partenaires, situations } = await catalogueDeSaisie(db, site.structureId);
    if (saisie.partenaireId && !partenaires.some((p) => p.id === saisie.partenaireId))
      erreurs.partenaireId = 'Choisissez un partenaire de la liste.';
    if (saisie.situationId && !situations.some((s) => s.id === saisie.situationId))
      erreurs.situationId = 'Choisissez une situation de vie de la liste.';
  }
  const duSite = new Set((await repo.ressourcesDuSite(db, portee, siteId)).map((r) => r.id));
  if (saisie.ressources.some((id) => !duSite.has(id))) {
    erreurs.ressources = 'Choisissez parmi les personnes et les permanences de ce lieu.';
  }
  if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };
  const { ressources, ...valeurs } = saisie;
  return db.transaction(async (tx) => {
    const id = motifId ?? (await repo.insererMotif(tx, portee, siteId, valeurs));
    if (!id) introuvable();
    if (motifId && !(await repo.majMotif(tx, portee, siteId, motifId, valeurs))) introuvable();
    await repo.remplacerRessourcesMotif(tx, portee, siteId, id, ressources);
    return { ok: true as const, id };
  });
}

/** Deactivates a motif (no longer offered, its appointments kept) or reactivates it. */
export async function activerMotif(db: Db, acteur: Acteur, siteId: string, motifId: string, actif: boolean) {
  const { portee } = await siteGere(db, acteur, siteId);
  if (!(await repo.activerMotif(db, portee, siteId, motifId, actif))) introuvable();
}

/** A resource of the site (of the given type) in the scope, or a 404. */
async function ressourceVue(db: Db, vu: Awaited<ReturnType<typeof siteVu>>, ressourceId: string, type?: string) {
  const r = await repo.ressourceDuSite(db, vu.portee, vu.site.id, ressourceId);
  if (!r || (type && r.type !== type)) introuvable();
  return lireRegles(r, vu.site.id);
}

/** The agent form: the resource when editing; when adding, the people who may receive here and do not yet. */
export async function formulaireAgent(db: Db, acteur: Acteur, siteId: string, ressourceId?: string) {
  const vu = await siteGere(db, acteur, siteId);
  const ressource = ressourceId ? await ressourceVue(db, vu, ressourceId, 'agent') : null;
  if (ressource) return { site: vu.site, ressource, personnes: [] };
  const [personnes, existantes] = await Promise.all([
    repo.personnesDuSite(db, vu.portee, siteId),
    repo.ressourcesDuSite(db, vu.portee, siteId),
  ]);
  const dejaLa = new Set(existantes.map((r) => r.utilisateurId).filter(Boolean));
  return { site: vu.site, ressource: null, personnes: personnes.filter((p) => !dejaLa.has(p.id)) };
}

/**
 * Saves an agent's weekly pattern at the site (it replaces their patterns here). Adding one: the person must be a
 * manager or an agent of the site's structure, and not receive here already.
 */
export async function enregistrerAgent(
  db: Db,
  acteur: Acteur,
  siteId: string,
  ressourceId: string | null,
  saisie: SaisieAgent,
): Promise<Resultat<{ id: string }>> {
  const vu = await siteGere(db, acteur, siteId);
  const regles = ReglesAgent.parse({ modeles: [saisie.modele] });
  if (ressourceId) {
    const r = await ressourceVue(db, vu, ressourceId, 'agent');
    if (!(await repo.majRessource(db, vu.portee, siteId, ressourceId, { libelle: r.libelle, regles }))) introuvable();
    return { ok: true, id: ressourceId };
  }
  const { personnes } = await formulaireAgent(db, acteur, siteId);
  const personne = personnes.find((p) => p.id === saisie.utilisateurId);
  if (!personne) {
    return {
      ok: false,
      erreurs: { utilisateurId: 'Choisissez une personne de la structure qui ne reçoit pas encore à ce lieu.' },
    };
  }
  const id = await repo.insererRessource(db, vu.portee, siteId, {
    type: 'agent',
    utilisateurId: personne.id,
    partenaireId: null,
    libelle: `${personne.prenom} ${personne.nom}`.slice(0, 120),
    regles,
  });
  if (!id) introuvable();
  return { ok: true, id };
}

/** The permanence form: the resource when editing, and the partners of the catalogue the structure sees. */
export async function formulairePermanence(db: Db, acteur: Acteur, siteId: string, ressourceId?: string) {
  const vu = await siteGere(db, acteur, siteId);
  const ressource = ressourceId ? await ressourceVue(db, vu, ressourceId, 'permanence') : null;
  const { partenaires } = await catalogueDeSaisie(db, vu.site.structureId);
  return { site: vu.site, ressource, partenaires };
}

/** Saves a partner's permanence at the site (its rule replaces the stored ones); the partner comes from the catalogue. */
export async function enregistrerPermanence(
  db: Db,
  acteur: Acteur,
  siteId: string,
  ressourceId: string | null,
  saisie: SaisiePermanence,
): Promise<Resultat<{ id: string }>> {
  const vu = await siteGere(db, acteur, siteId);
  if (ressourceId) await ressourceVue(db, vu, ressourceId, 'permanence');
  const { partenaires } = await catalogueDeSaisie(db, vu.site.structureId);
  if (!partenaires.some((p) => p.id === saisie.partenaireId)) {
    return { ok: false, erreurs: { partenaireId: 'Choisissez un partenaire de la liste.' } };
  }
  const permanence = Permanence.parse({
    siteId,
    partenaireId: saisie.partenaireId,
    occurrences: [{ regle: saisie.regle, plages: saisie.plages }],
    canaux: saisie.canaux,
    valideDu: saisie.valideDu,
    valideAu: saisie.valideAu,
  });
  const { siteId: _s, partenaireId: _p, ...regles } = permanence;
  const valeurs = { libelle: saisie.libelle, partenaireId: saisie.partenaireId, regles };
  if (ressourceId) {
    if (!(await repo.majRessource(db, vu.portee, siteId, ressourceId, valeurs))) introuvable();
    return { ok: true, id: ressourceId };
  }
  const id = await repo.insererRessource(db, vu.portee, siteId, {
    type: 'permanence',
    utilisateurId: null,
    ...valeurs,
  });
  if (!id) introuvable();
  return { ok: true, id };
}

/** Stops or resumes a resource's receiving (it is never deleted: appointments point at it). */
export async function activerRessource(db: Db, acteur: Acteur, siteId: string, ressourceId: string, actif: boolean) {
  const { portee } = await siteGere(db, acteur, siteId);
  if (!(await repo.activerRessource(db, portee, siteId, ressourceId, actif))) introuvable();
}

/** A resource's absences not over yet, for its site's managers (to change) and agents (to read). */
export async function absencesDe(db: Db, acteur: Acteur, siteId: string, ressourceId: string, maintenant: Date) {
  const vu = await siteVu(db, acteur, siteId);
  const ressource = await ressourceVue(db, vu, ressourceId);
  const absences = await repo.absencesAVenir(db, vu.portee, siteId, ressourceId, maintenant);
  return { site: vu.site, gerer: vu.gerer, ressource, absences };
}

/** Records an absence; says how many live appointments of the resource it covers, for the manager to move them. */
export async function ajouterAbsence(
  db: Db,
  acteur: Acteur,
  siteId: string,
  ressourceId: string,
  saisie: SaisieAbsence,
): Promise<{ rendezVousCouverts: number }> {
  const vu = await siteGere(db, acteur, siteId);
  await ressourceVue(db, vu, ressourceId);
  if (!(await repo.insererAbsence(db, vu.portee, siteId, ressourceId, saisie))) introuvable();
  const rendezVousCouverts = await repo.rendezVousPendant(db, vu.portee, siteId, ressourceId, saisie.debut, saisie.fin);
  return { rendezVousCouverts };
}

/** Deletes an absence of a resource of the site. */
export async function supprimerAbsence(db: Db, acteur: Acteur, siteId: string, ressourceId: string, absenceId: string) {
  const vu = await siteGere(db, acteur, siteId);
  if (!(await repo.supprimerAbsence(db, vu.portee, siteId, ressourceId, absenceId))) introuvable();
}
