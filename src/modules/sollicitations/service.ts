import type { Db } from '../../platform/db/client.ts';
import { normaliser } from '../../platform/formats/francais.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { rechercherCommunes } from '../annuaire/index.ts';
import { type CatalogueDeSaisie, catalogueDeSaisie, libellesCatalogue } from '../catalogue/index.ts';
import { compterDemandesOuvertes } from '../contacts/index.ts';
import {
  ajouterJours,
  dateLocale,
  instantMural,
  intervallesOuverture,
  partiesMurales,
  territoireDe,
} from '../horaires/index.ts';
import { agirSousMandat, mandatPourFormulaire } from '../mandats/index.ts';
import { type Acteur, porteeActivite } from '../portee/index.ts';
import {
  DELAI_AGENT_JOURS,
  debutTrimestre,
  gereActivite,
  peutAnnuler,
  peutExporter,
  peutModifier,
  peutSaisir,
} from './policy.ts';
import * as repo from './repo.ts';
import type { Canal, Duree, Issue, Niveau, PeriodeExport, SaisieSollicitation } from './validation.ts';

type Resultat<T = object> = ({ ok: true } & T) | { ok: false; erreurs: Record<string, string> };

/** How far back the counter's habits (most used situations, usual level, outcome, duration) are read. */
const HABITUDES_JOURS = 180;
const DEFAUTS = { niveau: 'aide_demarche', issue: 'resolu', duree: 'de_10_a_30', canal: 'accueil_physique' } as const;

async function siteVisible(db: Db, acteur: Acteur, id: string) {
  const site = await repo.trouverSite(db, porteeActivite(acteur), id);
  if (!site) introuvable();
  return site;
}

/** The stop a tour serves today (the first whose hours open today), if any. */
function arretDuJour(
  arrets: Awaited<ReturnType<typeof repo.arretsDuSite>>,
  site: repo.SiteDeSaisie,
  aujourdhui: string,
): string | null {
  let territoire: ReturnType<typeof territoireDe>;
  try {
    territoire = territoireDe(site.departement);
  } catch {
    return null;
  }
  for (const a of arrets.filter((x) => x.actif)) {
    try {
      const ouvertures = intervallesOuverture({
        horaires: a.horaires,
        fuseau: site.fuseauHoraire,
        territoire,
        semaines: a.semaines,
        semaine53: site.semaine53,
        du: aujourdhui,
        au: aujourdhui,
      });
      if (ouvertures.length > 0) return a.id;
    } catch {}
  }
  return null;
}

/** The catalogue ordered for this counter: the situations most used here first, then the bouquet's order. */
function situationsOrdonnees(catalogue: CatalogueDeSaisie, usage: Map<string, number>) {
  const rang = new Map(catalogue.situations.map((s, i) => [s.id, i]));
  return [...catalogue.situations].sort(
    (a, b) => (usage.get(b.id) ?? 0) - (usage.get(a.id) ?? 0) || (rang.get(a.id) ?? 0) - (rang.get(b.id) ?? 0),
  );
}

/** Entries shown per page of a day: a whole ordinary day; a day of a thousand entries is paged. */
export const ENTREES_PAR_PAGE = 100;

/**
 * The counter's day page: the site (the one asked for, else the one of the actor's last entry, else their first),
 * the quick-entry form's choices and defaults, one page of the day's entries (the last, with the latest entries, by
 * default) and the whole day's counts by partner and channel, counted by the database.
 */
export async function journeeDuGuichet(
  db: Db,
  acteur: Acteur,
  demande: { site?: string; jour?: string; page?: number; enregistree?: string },
  maintenant: Date,
) {
  const portee = porteeActivite(acteur);
  const sites = await repo.sitesDansLaPortee(db, portee);
  const sitesDeSaisie = sites.filter((s) => peutSaisir(acteur, s));
  // The actor's last entry anywhere: it picks the site when none is asked for, and the channel to preselect.
  const derniere = await repo.derniereDe(db, acteur.id);
  const site = demande.site
    ? await siteVisible(db, acteur, demande.site)
    : (sitesDeSaisie.find((s) => s.id === derniere?.siteId) ?? sitesDeSaisie[0]);
  if (!site) return { site: null, sitesDeSaisie, sites } as const;

  const aujourdhui = dateLocale(maintenant, site.fuseauHoraire);
  const jour = demande.jour && demande.jour <= aujourdhui ? demande.jour : aujourdhui;
  const depuis = ajouterJours(aujourdhui, -HABITUDES_JOURS);
  const [catalogue, libelles, usage, frequentes, derniereIci, comptes, arrets] = await Promise.all([
    catalogueDeSaisie(db, site.structureId),
    libellesCatalogue(db),
    repo.usageDesSituations(db, site.id, depuis),
    repo.valeursFrequentes(db, site.id, depuis),
    derniere?.siteId === site.id ? Promise.resolve(derniere) : repo.derniereDe(db, acteur.id, site.id),
    repo.comptesDuJour(db, portee, site.id, jour),
    site.genre === 'itinerant' ? repo.arretsDuSite(db, site.id) : Promise.resolve([]),
  ]);
  const pages = Math.max(1, Math.ceil(comptes.total / ENTREES_PAR_PAGE));
  const page = Math.min(demande.page ?? pages, pages);
  const [entrees, [enregistree]] = await Promise.all([
    repo.entreesDuJour(db, portee, site.id, jour, {
      limite: ENTREES_PAR_PAGE,
      decalage: (page - 1) * ENTREES_PAR_PAGE,
    }),
    demande.enregistree ? repo.entreesDuJour(db, portee, site.id, jour, { id: demande.enregistree }) : [],
  ]);
  const saisir = peutSaisir(acteur, site);
  const defauts = {
    canal: (derniere?.canal ?? DEFAUTS.canal) as Canal,
    niveau: (frequentes.niveau ?? DEFAUTS.niveau) as Niveau,
    issue: (frequentes.issue ?? DEFAUTS.issue) as Issue,
    duree: (frequentes.duree ?? DEFAUTS.duree) as Duree,
    arret: arretDuJour(arrets, site, aujourdhui) ?? derniereIci?.arretId ?? null,
  };
  const ligne = (e: (typeof entrees)[number]) => ({
    ...e,
    situation: libelles.situations.get(e.situationId) ?? '',
    partenairesNoms: e.partenaires.map((p) => libelles.partenaires.get(p) ?? ''),
    heure: heureLocale(e.survenueLe, site.fuseauHoraire),
    arret: arrets.find((a) => a.id === e.arretId)?.nom ?? null,
    modifiable: peutModifier(acteur, e, maintenant, aujourdhui),
    annulable: peutAnnuler(acteur, e, maintenant),
  });
  return {
    site,
    sites,
    sitesDeSaisie,
    saisir,
    aujourdhui,
    jour,
    catalogue: { ...catalogue, situations: situationsOrdonnees(catalogue, usage) },
    defauts,
    arrets: arrets.filter((a) => a.actif),
    derniere: derniereIci
      ? {
          situation: libelles.situations.get(derniereIci.situationId) ?? '',
          partenaires: derniereIci.partenaires.map((p) => libelles.partenaires.get(p) ?? ''),
          canal: derniereIci.canal,
          heure: heureLocale(derniereIci.survenueLe, site.fuseauHoraire),
          jour: derniereIci.jour,
        }
      : null,
    entrees: entrees.map(ligne),
    enregistree: enregistree ? ligne(enregistree) : null,
    total: comptes.total,
    page,
    pages,
    parPartenaire: trier(
      comptes.parPartenaire.map((c) => ({ valeur: libelles.partenaires.get(c.partenaire) ?? '', n: c.n })),
    ),
    parCanal: trier(comptes.parCanal.map((c) => ({ valeur: c.canal, n: c.n }))),
    /** Requests written to the site still open (its inbox, contacts module). */
    messagesOuverts: await compterDemandesOuvertes(db, acteur, site.id),
  } as const;
}

/** Counts by label, largest first; labels that read the same are added up. */
function trier(comptes: Array<{ valeur: string; n: number }>): Array<{ valeur: string; n: number }> {
  const m = new Map<string, number>();
  for (const c of comptes) m.set(c.valeur, (m.get(c.valeur) ?? 0) + c.n);
  return [...m].map(([valeur, n]) => ({ valeur, n })).sort((a, b) => b.n - a.n || a.valeur.localeCompare(b.valeur));
}

function heureLocale(instant: Date, fuseau: string): string {
  const minutes = Math.floor(partiesMurales(instant, fuseau).minutes);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The situation the agent meant: its id, its exact name, or the only situation whose name contains every word typed
 * ("papiers" → "J’établis mes papiers d’identité"), ignoring case, accents and apostrophes.
 */
export function resoudreSituation(
  situations: CatalogueDeSaisie['situations'],
  texte: string,
): { ok: true; id: string } | { ok: false; message: string } {
  const parId = situations.find((s) => s.id === texte);
  if (parId) return { ok: true, id: parId.id };
  const cherche = normaliser(texte);
  if (cherche === '')
    return { ok: false, message: 'Indiquez la situation de vie, par exemple « papiers d’identité ».' };
  const exacte = situations.find((s) => normaliser(s.nom) === cherche);
  if (exacte) return { ok: true, id: exacte.id };
  const mots = cherche.split(' ');
  const candidates = situations.filter((s) => {
    const nom = normaliser(s.nom);
    return mots.every((m) => nom.includes(m));
  });
  if (candidates.length === 1 && candidates[0]) return { ok: true, id: candidates[0].id };
  if (candidates.length > 1) {
    return {
      ok: false,
      message: `Plusieurs situations correspondent à « ${texte} » : ${candidates
        .slice(0, 5)
        .map((s) => s.nom)
        .join(' ; ')}. Précisez.`,
    };
  }
  return { ok: false, message: `Aucune situation ne correspond à « ${texte} ». Choisissez une situation de la liste.` };
}

/** The INSEE code of a commune typed by name, postcode or code; ambiguous names ask for the postcode. */
export function resoudreCommune(texte: string): { ok: true; code: string } | { ok: false; message: string } {
  const resultats = rechercherCommunes(texte, 10);
  const codes = [...new Set(resultats.map((r) => r.commune.code))];
  if (codes.length === 1 && codes[0]) return { ok: true, code: codes[0] };
  const cherche = normaliser(texte);
  const exactes = resultats.filter(
    (r) => normaliser(r.commune.nomAvecArticle) === cherche || normaliser(r.commune.nom) === cherche,
  );
  const codesExacts = [...new Set(exactes.map((r) => r.commune.code))];
  if (codesExacts.length === 1 && codesExacts[0]) return { ok: true, code: codesExacts[0] };
  if (codesExacts.length > 1) {
    return {
      ok: false,
      message: `Plusieurs communes s’appellent « ${texte} » : ajoutez le code postal, par exemple « ${exactes[0]?.libelle ?? texte} ».`,
    };
  }
  if (resultats.length === 0)
    return { ok: false, message: `Commune inconnue : « ${texte} ». Saisissez son nom ou son code postal.` };
  return {
    ok: false,
    message: `Précisez la commune : ${resultats
      .slice(0, 3)
      .map((r) => r.libelle)
      .join(', ')}…`,
  };
}

/** Checks a request typed at the counter against the catalogue, the site, its stops and the date limits. */
async function valeursDepuisSaisie(
  db: Db,
  acteur: Acteur,
  site: repo.SiteDeSaisie,
  s: SaisieSollicitation,
  maintenant: Date,
  original?: { jour: string; survenueLe: Date },
): Promise<Resultat<{ valeurs: repo.ValeursEntree }>> {
  const erreurs: Record<string, string> = {};
  const catalogue = await catalogueDeSaisie(db, site.structureId);
  const situation = resoudreSituation(catalogue.situations, s.situation);
  if (!situation.ok) erreurs.situation = situation.message;
  const choisie = situation.ok ? catalogue.situations.find((x) => x.id === situation.id) : undefined;

  const connus = new Set(catalogue.partenaires.map((p) => p.id));
  let partenaires = [...new Set(s.partenaires)];
  if (partenaires.some((p) => !connus.has(p))) erreurs.partenaires = 'Choisissez les partenaires dans la liste.';
  if (partenaires.length === 0 && choisie) {
    const habituel = choisie.partenaires[0];
    if (habituel) partenaires = [habituel];
    else erreurs.partenaires = 'Cette situation n’a pas de partenaire habituel : choisissez au moins un partenaire.';
  }

  let arretId: string | null = null;
  if (s.arret) {
    const arrets = site.genre === 'itinerant' ? await repo.arretsDuSite(db, site.id) : [];
    if (!arrets.some((a) => a.id === s.arret)) erreurs.arret = 'Choisissez un arrêt de cette tournée.';
    else arretId = s.arret;
  }

  let communeResidence: string | null = null;
  if (s.communeResidence) {
    const c = resoudreCommune(s.communeResidence);
    if (c.ok) communeResidence = c.code;
    else erreurs.communeResidence = c.message;
  }

  // When: now by default; else a date (and time) within what the actor may still change.
  const aujourdhui = dateLocale(maintenant, site.fuseauHoraire);
  let survenueLe = original?.survenueLe ?? maintenant;
  let jour = original?.jour ?? aujourdhui;
  if (s.date || s.heure) {
    const date = s.date ?? jour;
    const heure = s.heure ?? (s.date === aujourdhui || !s.date ? heureLocale(maintenant, site.fuseauHoraire) : '12:00');
    const [h, m] = heure.split(':').map(Number) as [number, number];
    survenueLe = instantMural(date, h * 60 + m, site.fuseauHoraire);
    jour = date;
    const plusTot = gereActivite(acteur, site.structureId)
      ? debutTrimestre(aujourdhui)
      : ajouterJours(aujourdhui, -DELAI_AGENT_JOURS);
    if (date > aujourdhui || survenueLe.getTime() > maintenant.getTime() + 5 * 60_000) {
      erreurs[s.date ? 'date' : 'heure'] = 'Une sollicitation ne peut pas être datée dans le futur.';
    } else if (date < plusTot && date !== original?.jour) {
      erreurs.date = gereActivite(acteur, site.structureId)
        ? 'Vous pouvez dater une sollicitation du trimestre en cours seulement.'
        : `Vous pouvez dater une sollicitation des ${DELAI_AGENT_JOURS} derniers jours seulement.`;
    }
  }
  if (Object.keys(erreurs).length > 0 || !situation.ok) return { ok: false, erreurs };
  return {
    ok: true,
    valeurs: {
      siteId: site.id,
      arretId,
      structureId: site.structureId,
      departement: site.departement,
      survenueLe,
      jour,
      canal: s.canal,
      situationId: situation.id,
      partenaires,
      niveau: s.niveau,
      issue: s.issue,
      duree: s.duree,
      nonRecours: s.nonRecours,
      difficulteNumerique: s.difficulteNumerique,
      premiereVisite: s.premiereVisite,
      trancheAge: s.trancheAge ?? null,
      communeResidence,
      note: s.note ?? null,
    },
  };
}

/**
 * Logs a request at a site where the actor works. Foreign sites are a 404, sites they only oversee a 403. Under a
 * mandate, the mandate must allow it (active, this structure, the request's partners in its scope): else nothing is
 * written and the reason is the field's error.
 */
export async function enregistrer(
  db: Db,
  acteur: Acteur,
  s: SaisieSollicitation,
  maintenant: Date,
): Promise<Resultat<{ id: string }>> {
  const site = await siteVisible(db, acteur, s.site);
  if (!peutSaisir(acteur, site)) throw new AppError('interdit');
  const v = await valeursDepuisSaisie(db, acteur, site, s, maintenant);
  if (!v.ok) return v;
  const { mandat } = s;
  if (!mandat) return { ok: true, id: await repo.inserer(db, acteur.id, v.valeurs) };
  // In the person's name: the mandate is checked, the request written with it and journalled, in one transaction.
  const r = await repo.inserer(db, acteur.id, v.valeurs, (tx, ecrire) =>
    agirSousMandat(
      tx,
      acteur,
      {
        mandatId: mandat,
        structureId: site.structureId,
        partenaireIds: v.valeurs.partenaires,
        maintenant,
        action: 'sollicitation.enregistree',
        objetType: 'sollicitation',
      },
      ecrire,
    ),
  );
  if (!r.ok) return { ok: false, erreurs: { mandat: r.message } };
  return { ok: true, id: r.id as string };
}

/** The mandate the quick entry was opened with (`?mandat=`), as the form shows it; null when unknown or out of reach. */
export async function mandatDeSaisie(db: Db, acteur: Acteur, siteId: string, mandatId: string | undefined) {
  if (!mandatId) return null;
  const site = await siteVisible(db, acteur, siteId);
  return mandatPourFormulaire(db, acteur, mandatId, { structureId: site.structureId, maintenant: new Date() });
}

/** "Same as last": the actor's last entry at this site again, now. */
export async function repeterDerniere(db: Db, acteur: Acteur, siteId: string, maintenant: Date) {
  const site = await siteVisible(db, acteur, siteId);
  if (!peutSaisir(acteur, site)) throw new AppError('interdit');
  const derniere = await repo.derniereDe(db, acteur.id, site.id);
  if (!derniere) return { ok: false as const };
  // The same request, not the same person: the profile and the flags about the person are not copied.
  const { arretId, canal, situationId, partenaires, niveau, issue, duree } = derniere;
  const id = await repo.inserer(db, acteur.id, {
    siteId: site.id,
    arretId,
    canal,
    situationId,
    partenaires,
    niveau,
    issue,
    duree,
    nonRecours: false,
    difficulteNumerique: false,
    premiereVisite: false,
    trancheAge: null,
    communeResidence: null,
    note: null,
    survenueLe: maintenant,
    jour: dateLocale(maintenant, site.fuseauHoraire),
    structureId: site.structureId,
    departement: site.departement,
  });
  return { ok: true as const, id };
}

/** An entry the actor may see, with whether they may change it. */
export async function consulter(db: Db, acteur: Acteur, id: string, maintenant: Date) {
  const portee = porteeActivite(acteur);
  const entree = await repo.trouver(db, portee, id);
  if (!entree) introuvable();
  const site = await siteVisible(db, acteur, entree.siteId);
  const aujourdhui = dateLocale(maintenant, site.fuseauHoraire);
  const [catalogue, libelles, arrets] = await Promise.all([
    catalogueDeSaisie(db, site.structureId),
    libellesCatalogue(db),
    site.genre === 'itinerant' ? repo.arretsDuSite(db, site.id) : Promise.resolve([]),
  ]);
  return {
    entree,
    site,
    catalogue,
    libelles,
    arrets,
    heure: heureLocale(entree.survenueLe, site.fuseauHoraire),
    modifiable: peutModifier(acteur, entree, maintenant, aujourdhui),
    annulable: peutAnnuler(acteur, entree, maintenant),
  };
}

/** Changes an entry (author for 7 days, manager for the current quarter); the site stays the same. */
export async function modifier(
  db: Db,
  acteur: Acteur,
  id: string,
  s: SaisieSollicitation,
  maintenant: Date,
): Promise<Resultat<{ siteId: string; jour: string }>> {
  const vue = await consulter(db, acteur, id, maintenant);
  if (!vue.modifiable) throw new AppError('interdit');
  if (s.site !== vue.site.id) return { ok: false, erreurs: { site: 'Le lieu d’une sollicitation ne change pas.' } };
  const v = await valeursDepuisSaisie(db, acteur, vue.site, s, maintenant, vue.entree);
  if (!v.ok) return v;
  if (!(await repo.modifier(db, porteeActivite(acteur), acteur.id, id, v.valeurs))) introuvable();
  return { ok: true, siteId: vue.site.id, jour: v.valeurs.jour };
}

/** Deletes an entry: undo by its author within 10 minutes, or within the edit rights. */
export async function supprimer(db: Db, acteur: Acteur, id: string, maintenant: Date, mode: 'annuler' | 'supprimer') {
  const vue = await consulter(db, acteur, id, maintenant);
  if (!(mode === 'annuler' ? vue.annulable : vue.modifiable)) throw new AppError('interdit');
  if (!(await repo.supprimer(db, porteeActivite(acteur), acteur.id, id))) introuvable();
  return { siteId: vue.site.id, jour: vue.entree.jour };
}

/** The journal of an entry (creation, changes, deletion), for whoever may see its site. */
export async function historique(db: Db, acteur: Acteur, id: string) {
  const lignes = await repo.journalDe(db, porteeActivite(acteur), id);
  if (lignes.length === 0) introuvable();
  return { lignes, libelles: await libellesCatalogue(db) };
}

/** Structures whose records the actor may export. */
export async function structuresExportables(db: Db, acteur: Acteur) {
  const toutes = await repo.structuresDansLaPortee(db, porteeActivite(acteur));
  return toutes.filter((s) => peutExporter(acteur, s));
}

/** A structure's records for a period, for export; the structure must be one the actor may export. */
export async function exporter(db: Db, acteur: Acteur, periode: PeriodeExport & { structure: string }) {
  const structures = await structuresExportables(db, acteur);
  const structure = structures.find((s) => s.id === periode.structure);
  if (!structure) introuvable();
  const [lignes, libelles] = await Promise.all([
    repo.entreesPourExport(db, porteeActivite(acteur), structure.id, periode.du, periode.au),
    libellesCatalogue(db),
  ]);
  return { structure, lignes, libelles };
}
