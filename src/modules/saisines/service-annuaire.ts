import type { Db, Executor } from '../../platform/db/client.ts';
import { interdit, introuvable } from '../../platform/http/errors.ts';
import { ajouterJours, dateLocale } from '../horaires/index.ts';
import { type Acteur, type Portee, porteeDe } from '../portee/index.ts';
import { CODES_TERRITOIRES, fuseauHoraireDepartement } from '../territoires/index.ts';
import { DELAI_NATIONAL_JOURS } from './delais.ts';
import {
  type CibleAnnuaire,
  couvreAnnuaire,
  departementsDe,
  peutAjouterReferents,
  peutModifierDelais,
  peutModifierOffre,
  peutModifierReferent,
  porteeEcritureAnnuaire,
  porteeLectureAnnuaire,
  structuresDe,
} from './policy-annuaire.ts';
import * as repo from './repo-annuaire.ts';
import {
  type FiltreAnnuaire,
  type SaisieAbsence,
  SaisieDelai,
  type SaisieNouveauReferent,
  type SaisieOffre,
  type SaisieReferent,
} from './validation-annuaire.ts';

export type OffreSite = repo.OffreSite;
type Erreurs = Record<string, string>;
export type Resultat = { ok: true; id: string } | { ok: false; erreurs: Erreurs };

/** The civil day in a département's own zone (overseas départements are hours behind Paris). */
const jourDans = (departement: string, maintenant: Date) =>
  dateLocale(maintenant, CODES_TERRITOIRES.has(departement) ? fuseauHoraireDepartement(departement) : 'Europe/Paris');
/** Absences are listed from the day before Paris's day, so that no zone's today is missed; each row then says its own. */
const depuis = (maintenant: Date) => ajouterJours(dateLocale(maintenant, 'Europe/Paris'), -1);

/** A directory entry as pages show it: whether it is away today (in its département's zone) and whether one may edit. */
export type Referent = repo.LigneReferent & {
  absenceEnCours: repo.AbsenceReferent | null;
  absentAujourdhui: boolean;
  modifiable: boolean;
};

/** The actor's reading and keeping scopes; a person without any role gets a 403. */
async function portees(db: Db, acteur: Acteur): Promise<{ lecture: Portee; ecriture: Portee }> {
  if (acteur.habilitations.length === 0) interdit();
  const deps = await repo.departementsDesStructures(db, porteeDe(acteur), structuresDe(acteur));
  return { lecture: porteeLectureAnnuaire(acteur, deps), ecriture: porteeEcritureAnnuaire(acteur) };
}

function enrichir(acteur: Acteur, r: repo.LigneReferent, maintenant: Date): Referent {
  const jour = jourDans(r.departement, maintenant);
  const absenceEnCours = r.actif ? (r.absences.find((a) => a.du <= jour && jour <= a.au) ?? null) : null;
  return {
    ...r,
    absenceEnCours,
    absentAujourdhui: absenceEnCours !== null,
    modifiable: r.actif && peutModifierReferent(acteur, r),
  };
}

/** The départements offered in filters: the scope's own, or every territory for the nation. */
const choixDepartements = (p: Portee) => (p.national ? [...CODES_TERRITOIRES].sort() : departementsDe(p));

/**
 * The directory as the actor reads it: entries by département and partner, the partners' offers at the sites of those
 * départements and each partner's deadline (its own or the national default).
 */
export async function consulterAnnuaire(db: Db, acteur: Acteur, filtre: FiltreAnnuaire, maintenant = new Date()) {
  const { lecture } = await portees(db, acteur);
  const departements = choixDepartements(lecture);
  const departement = filtre.departement && departements.includes(filtre.departement) ? filtre.departement : undefined;
  const [lignes, partenaires, lesOffres, lesDelais] = await Promise.all([
    repo.listerReferents(db, lecture, {
      departement,
      partenaireId: filtre.partenaire,
      inclureInactifs: filtre.inactifs,
      aujourdhui: depuis(maintenant),
    }),
    repo.partenairesAnnuaire(db, lecture),
    repo.offres(db, lecture, { departement }),
    repo.delais(db, lecture),
  ]);
  return {
    referents: lignes.map((r) => enrichir(acteur, r, maintenant)),
    departements: lecture.national ? [...new Set(lignes.map((r) => r.departement))] : departements,
    departementsFiltre: departements,
    departement,
    filtrePartenaire: filtre.partenaire,
    inactifs: filtre.inactifs,
    partenaires,
    offres: lesOffres.filter((o) => !filtre.partenaire || o.partenaireId === filtre.partenaire),
    delais: lesDelais,
    delaiNational: DELAI_NATIONAL_JOURS,
    peutAjouter: peutAjouterReferents(acteur),
    peutModifierDelais: peutModifierDelais(acteur),
  };
}

/** The choices of the entry forms: partners and départements the actor keeps, and structures to narrow an entry to. */
export async function choixReferent(db: Db, acteur: Acteur, departement?: string) {
  const { ecriture } = await portees(db, acteur);
  if (!peutAjouterReferents(acteur)) interdit();
  const departements = choixDepartements(ecriture);
  // The nation keeps every département: its structures are listed once one is chosen.
  const pourStructures = departement ? [departement] : ecriture.national ? [] : departements;
  const [partenaires, structures] = await Promise.all([
    repo.partenairesAnnuaire(db, ecriture),
    repo.structuresDesDepartements(db, ecriture, pourStructures),
  ]);
  return { partenaires, departements, structures };
}
export type ChoixReferent = Awaited<ReturnType<typeof choixReferent>>;

/** Checks what a form names besides its fields: the structures (of the département) and the linked account. */
async function valeursVerifiees(
  db: Executor,
  ecriture: Portee,
  cible: CibleAnnuaire,
  s: SaisieReferent,
): Promise<{ ok: true; valeurs: repo.ValeursReferent } | { ok: false; erreurs: Erreurs }> {
  const erreurs: Erreurs = {};
  const structures = [...new Set(s.structures)];
  if (structures.length > 0) {
    const connues = new Set((await repo.structuresDesDepartements(db, ecriture, [cible.departement])).map((x) => x.id));
    if (structures.some((id) => !connues.has(id)))
      erreurs.structures = 'Choisissez des structures actives du département du référent';
  }
  let utilisateurId: string | null = null;
  if (s.courrielCompte) {
    utilisateurId = await repo.compteReferent(db, ecriture, s.courrielCompte, cible);
    if (!utilisateurId)
      erreurs.courrielCompte =
        'Aucun compte guichet actif de référent de ce partenaire pour ce département ne porte cette adresse';
  }
  if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };
  return {
    ok: true,
    valeurs: {
      rang: s.rang,
      prenom: s.prenom,
      nom: s.nom,
      fonction: s.fonction ?? null,
      telephone: s.telephone ?? null,
      courriel: s.courriel,
      structures,
      utilisateurId,
    },
  };
}

/** Adds an entry for a partner and département the actor keeps (coordinator, référent of that partner, nation). */
export async function creerReferent(db: Db, acteur: Acteur, s: SaisieNouveauReferent): Promise<Resultat> {
  const { ecriture } = await portees(db, acteur);
  if (!peutAjouterReferents(acteur)) interdit();
  const cible = { partenaireId: s.partenaireId, departement: s.departement };
  const partenaires = await repo.partenairesAnnuaire(db, ecriture);
  if (!partenaires.some((p) => p.id === s.partenaireId))
    return { ok: false, erreurs: { partenaireId: 'Choisissez un partenaire de la liste' } };
  if (!couvreAnnuaire(ecriture, cible))
    return {
      ok: false,
      erreurs: { departement: 'Vous ne tenez pas l’annuaire de ce partenaire dans ce département' },
    };
  return db.transaction(async (tx) => {
    const v = await valeursVerifiees(tx, ecriture, cible, s);
    if (!v.ok) return v;
    return { ok: true as const, id: await repo.insererReferent(tx, ecriture, cible, v.valeurs) };
  });
}

/** An entry the actor reads (404 otherwise), with its coming absences and whether they may keep it. */
export async function consulterReferent(db: Db, acteur: Acteur, id: string, maintenant = new Date()) {
  const { lecture } = await portees(db, acteur);
  const r = await repo.trouverReferent(db, lecture, id, depuis(maintenant));
  if (!r) introuvable();
  return enrichir(acteur, r, maintenant);
}

/** An entry the actor may keep: 404 outside their reading scope, 403 when they only read it or it is deactivated. */
async function referentModifiable(db: Db, acteur: Acteur, id: string) {
  const r = await consulterReferent(db, acteur, id);
  if (!r.modifiable) interdit();
  return r;
}

/** Edits an entry (its partner and département stay). */
export async function modifierReferent(db: Db, acteur: Acteur, id: string, s: SaisieReferent): Promise<Resultat> {
  const r = await referentModifiable(db, acteur, id);
  const ecriture = porteeEcritureAnnuaire(acteur);
  return db.transaction(async (tx) => {
    const v = await valeursVerifiees(tx, ecriture, r, s);
    if (!v.ok) return v;
    if (!(await repo.modifierReferent(tx, ecriture, id, v.valeurs))) introuvable();
    return { ok: true as const, id };
  });
}

/** Deactivates an entry: it leaves the directory and routing; its contact is erased after the retention delay. */
export async function desactiverReferent(db: Db, acteur: Acteur, id: string): Promise<void> {
  await referentModifiable(db, acteur, id);
  if (!(await repo.desactiverReferent(db, porteeEcritureAnnuaire(acteur), id))) introuvable();
}

/** Records an absence of an entry (cases then go to the backup). */
export async function ajouterAbsence(db: Db, acteur: Acteur, id: string, a: SaisieAbsence): Promise<void> {
  await referentModifiable(db, acteur, id);
  if (!(await repo.ajouterAbsence(db, porteeEcritureAnnuaire(acteur), id, a.du, a.au))) introuvable();
}

/** Removes an absence of an entry. */
export async function supprimerAbsence(db: Db, acteur: Acteur, id: string, absenceId: string): Promise<void> {
  await referentModifiable(db, acteur, id);
  if (!(await repo.supprimerAbsence(db, porteeEcritureAnnuaire(acteur), id, absenceId))) introuvable();
}

/**
 * The "tableau récapitulatif des référents" of a département (convention annexe 6): its active entries the actor
 * reads, the partners' offers at its sites and their deadlines; 404 for a département outside the scope.
 */
export async function tableauReferents(db: Db, acteur: Acteur, departement: string, maintenant = new Date()) {
  const { lecture } = await portees(db, acteur);
  if (!lecture.national && !departementsDe(lecture).includes(departement)) introuvable();
  const [lignes, lesOffres, lesDelais] = await Promise.all([
    repo.listerReferents(db, lecture, { departement, aujourdhui: depuis(maintenant) }),
    repo.offres(db, lecture, { departement }),
    repo.delais(db, lecture),
  ]);
  return {
    departement,
    referents: lignes.map((r) => enrichir(acteur, r, maintenant)),
    offres: lesOffres,
    delais: lesDelais,
    delaiNational: DELAI_NATIONAL_JOURS,
    maintenant,
  };
}
export type TableauReferents = Awaited<ReturnType<typeof tableauReferents>>;

/** The départements the actor may ask a tableau for (the nation: those with entries, plus any typed). */
export async function departementsTableau(db: Db, acteur: Acteur) {
  const { lecture } = await portees(db, acteur);
  if (!lecture.national) return departementsDe(lecture);
  const lignes = await repo.listerReferents(db, lecture, { aujourdhui: depuis(new Date()) });
  return [...new Set(lignes.map((r) => r.departement))];
}

// ——— Offers at a site ——————————————————————————————————————————————————————————————————————————————————————

/** A site the actor reaches by the administration's scope or, as a référent, by its département; 404 otherwise. */
async function siteDesOffres(db: Db, acteur: Acteur, siteId: string) {
  const { lecture } = await portees(db, acteur);
  const site = await repo.siteDesOffres(db, porteeDe(acteur), lecture, siteId);
  if (!site) introuvable();
  return { site, lecture };
}

/** The partners' complementary offers at a site, and the partners whose offer the actor may edit there. */
export async function consulterOffresSite(db: Db, acteur: Acteur, siteId: string) {
  const { site, lecture } = await siteDesOffres(db, acteur, siteId);
  const ecriture = porteeEcritureAnnuaire(acteur);
  const [lesOffres, partenaires] = await Promise.all([
    repo.offres(db, lecture, { siteId }),
    repo.partenairesAnnuaire(db, ecriture),
  ]);
  const modifiables = partenaires.filter((p) =>
    peutModifierOffre(acteur, { partenaireId: p.id, departement: site.departement }),
  );
  return { site, offres: lesOffres, modifiables };
}

/** One partner's offer at a site, for its edit form: 404 outside the scope, 403 for who may not edit it. */
export async function consulterOffre(db: Db, acteur: Acteur, siteId: string, partenaireId: string) {
  const { site, offres: lesOffres, modifiables } = await consulterOffresSite(db, acteur, siteId);
  const partenaire = modifiables.find((p) => p.id === partenaireId);
  if (!partenaire) {
    const connus = await repo.partenairesAnnuaire(db, { ...porteeDe(acteur), national: true });
    if (!connus.some((p) => p.id === partenaireId)) introuvable();
    interdit();
  }
  return { site, partenaire, offre: lesOffres.find((o) => o.partenaireId === partenaireId) ?? null };
}

/** Saves a partner's offer at an active site (one per partner and site). */
export async function enregistrerOffre(db: Db, acteur: Acteur, siteId: string, partenaireId: string, s: SaisieOffre) {
  const { site } = await consulterOffre(db, acteur, siteId, partenaireId);
  if (!site.actif) interdit();
  await repo.enregistrerOffre(
    db,
    porteeEcritureAnnuaire(acteur),
    { siteId, partenaireId, departement: site.departement },
    s,
  );
}

/** Removes a partner's offer at a site. */
export async function supprimerOffre(db: Db, acteur: Acteur, siteId: string, partenaireId: string) {
  const { site } = await consulterOffre(db, acteur, siteId, partenaireId);
  await repo.supprimerOffre(db, porteeEcritureAnnuaire(acteur), {
    siteId,
    partenaireId,
    departement: site.departement,
  });
}

// ——— Per-partner deadlines ——————————————————————————————————————————————————————————————————————————————————

/** The partners' deadlines and the national default, for the national administration's settings page. */
export async function consulterDelais(db: Db, acteur: Acteur) {
  if (!peutModifierDelais(acteur)) interdit();
  return { delais: await repo.delais(db, porteeDe(acteur)), delaiNational: DELAI_NATIONAL_JOURS };
}

/** Sets each partner's deadline from the form (`delai-<partner id>`; empty: the national default), all or nothing. */
export async function enregistrerDelais(db: Db, acteur: Acteur, corps: unknown): Promise<Resultat> {
  const { delais: lesDelais } = await consulterDelais(db, acteur);
  const champs = (corps && typeof corps === 'object' ? corps : {}) as Record<string, unknown>;
  const erreurs: Erreurs = {};
  const valeurs = new Map<string, number | null>();
  for (const p of lesDelais) {
    const lu = SaisieDelai.safeParse(champs[`delai-${p.id}`]);
    if (lu.success) valeurs.set(p.id, lu.data);
    else erreurs[`delai-${p.id}`] = lu.error.issues[0]?.message ?? 'Valeur invalide';
  }
  if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };
  await db.transaction((tx) => repo.enregistrerDelais(tx, porteeDe(acteur), valeurs));
  return { ok: true, id: '' };
}
