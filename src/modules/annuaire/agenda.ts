import type { SitePublic } from '../donnees/index.ts';
import {
  dateLocale,
  estFerie,
  etatOuverture,
  ferieDu,
  grilleDepuisHoraires,
  intervallesOuverture,
  JOURS,
  NOMS_JOURS,
  territoireDe,
  validerHoraires,
} from '../horaires/index.ts';

export interface Creneau {
  debut: Date;
  fin: Date;
  /** For a tour: where the service stands then. */
  arret?: { id: string; nom: string; commune: string };
}

export interface JourAgenda {
  date: string;
  creneaux: Creneau[];
  /** Why the site is closed that day, when it is a holiday or an announced closure. */
  ferie?: string;
  fermeture?: string;
}

/** Where the hours come from: the site itself, or each stop of a tour with its weeks. */
function sources(site: SitePublic) {
  if (site.genre === 'itinerant' && site.arrets.length > 0) {
    return site.arrets.map((a) => ({
      horaires: a.horaires,
      semaines: a.semaines,
      semaine53: site.semaine53,
      arret: { id: a.id, nom: a.nom, commune: a.commune },
    }));
  }
  return site.horaires
    ? [{ horaires: site.horaires, semaines: 'toutes' as const, semaine53: site.semaine53, arret: undefined }]
    : [];
}

/** The holiday calendar of the site's département; the mainland one where the engine has no profile (986–988). */
function territoireSur(departement: string) {
  try {
    return territoireDe(departement);
  } catch {
    return territoireDe('75');
  }
}

function ajouterJours(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The opening hours of a site (or of each stop of a tour) over `jours` days from today in the site's zone. */
export function agenda(site: SitePublic, maintenant: Date, jours = 14): JourAgenda[] {
  const fuseau = site.fuseauHoraire;
  const territoire = territoireSur(site.departement);
  const du = dateLocale(maintenant, fuseau);
  const au = ajouterJours(du, jours - 1);
  const fermetures = site.fermetures.map((f) => ({ debut: f.debut, fin: f.fin, motif: f.motif }));
  const creneaux: Creneau[] = [];
  for (const source of sources(site)) {
    if (!validerHoraires(source.horaires).ok) continue;
    for (const i of intervallesOuverture({
      horaires: source.horaires,
      fuseau,
      territoire,
      du,
      au,
      fermetures,
      semaines: source.semaines,
      semaine53: source.semaine53,
    })) {
      creneaux.push({ ...i, arret: source.arret });
    }
  }
  creneaux.sort((a, b) => a.debut.getTime() - b.debut.getTime());
  const parDate = new Map<string, Creneau[]>();
  for (const c of creneaux) {
    const d = dateLocale(c.debut, fuseau);
    parDate.set(d, [...(parDate.get(d) ?? []), c]);
  }
  return Array.from({ length: jours }, (_, n) => {
    const date = ajouterJours(du, n);
    const fermeture = site.fermetures.find((f) => f.debut <= date && date <= f.fin);
    return {
      date,
      creneaux: parDate.get(date) ?? [],
      ferie: estFerie(date, territoire) ? ferieDu(date, territoire)?.nom : undefined,
      fermeture: fermeture?.motif,
    };
  });
}

/**
 * Open now, until when, or the next opening, in the site's zone (for a tour: at which stop, or only at the stop whose
 * id is `seulementArret`: when the bus next comes near; several stops of a tour may share a name, never an id); null
 * when the site has no usable hours. Uses the engine's lazy search, which stops at the first opening found (tens of
 * µs a site).
 */
export function ouvertureMaintenant(site: SitePublic, maintenant: Date, seulementArret?: string) {
  const fuseau = site.fuseauHoraire;
  const territoire = territoireSur(site.departement);
  const fermetures = site.fermetures.map((f) => ({ debut: f.debut, fin: f.fin, motif: f.motif }));
  let meilleur: {
    ouvert: boolean;
    jusqua?: Date;
    prochaineOuverture?: Date;
    arret?: { id: string; nom: string; commune: string };
  } | null = null;
  for (const source of sources(site)) {
    if (seulementArret !== undefined && source.arret?.id !== seulementArret) continue;
    if (!validerHoraires(source.horaires).ok) continue;
    const e = etatOuverture({
      horaires: source.horaires,
      fuseau,
      territoire,
      fermetures,
      semaines: source.semaines,
      semaine53: source.semaine53,
      maintenant,
    });
    const candidat = { ...e, arret: source.arret };
    if (e.ouvert)
      return candidat.jusqua ? { ouvert: true as const, jusqua: candidat.jusqua, arret: candidat.arret } : null;
    if (e.prochaineOuverture && (!meilleur?.prochaineOuverture || e.prochaineOuverture < meilleur.prochaineOuverture)) {
      meilleur = candidat;
    }
  }
  return meilleur?.prochaineOuverture
    ? { ouvert: false as const, prochaineOuverture: meilleur.prochaineOuverture, arret: meilleur.arret }
    : null;
}

/**
 * The days and hours of a stop as people read them: "mardi 09:00–12:30 et 13:30–15:30 ; vendredi 09:00–12:30";
 * the raw text when it does not fit a weekly grid.
 */
export function joursEtHoraires(horaires: string): string {
  const grille = grilleSemaine(horaires);
  if (!grille) return horaires;
  const jours = JOURS.filter((j) => grille[j].length > 0).map(
    (j) => `${NOMS_JOURS[j].toLowerCase()} ${grille[j].map((p) => `${p.debut}–${p.fin}`).join(' et ')}`,
  );
  return jours.length > 0 ? jours.join(' ; ') : 'aucun jour de passage';
}

/** The weekly grid of posted hours, when the hours fit one. */
export function grilleSemaine(horaires: string | null) {
  if (!horaires || !validerHoraires(horaires).ok) return null;
  return grilleDepuisHoraires(horaires);
}
