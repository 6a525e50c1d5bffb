import type { SitePublic } from '../donnees/index.ts';
import {
  dateLocale,
  estFerie,
  ferieDu,
  grilleDepuisHoraires,
  intervallesOuverture,
  territoireDe,
  validerHoraires,
} from '../horaires/index.ts';

export interface Creneau {
  debut: Date;
  fin: Date;
  /** For a tour: where the service stands then. */
  arret?: { nom: string; commune: string };
}

export interface JourAgenda {
  date: string;
  creneaux: Creneau[];
  /** Why the site is closed that day, when it is a holiday or an announced closure. */
  ferie?: string;
  fermeture?: string;
}

function ajouterJours(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The opening hours of a site (or of each stop of a tour) over `jours` days from today in the site's zone. */
export function agenda(site: SitePublic, maintenant: Date, jours = 14): JourAgenda[] {
  const fuseau = site.fuseauHoraire;
  const territoire = territoireDe(site.departement);
  const du = dateLocale(maintenant, fuseau);
  const au = ajouterJours(du, jours - 1);
  const fermetures = site.fermetures.map((f) => ({ debut: f.debut, fin: f.fin, motif: f.motif }));
  const creneaux: Creneau[] = [];
  const sources =
    site.genre === 'itinerant' && site.arrets.length > 0
      ? site.arrets.map((a) => ({
          horaires: a.horaires,
          semaines: a.semaines,
          arret: { nom: a.nom, commune: a.commune },
        }))
      : site.horaires
        ? [{ horaires: site.horaires, semaines: 'toutes' as const, arret: undefined }]
        : [];
  for (const source of sources) {
    if (!validerHoraires(source.horaires).ok) continue;
    for (const i of intervallesOuverture({
      horaires: source.horaires,
      fuseau,
      territoire,
      du,
      au,
      fermetures,
      semaines: source.semaines,
    })) {
      creneaux.push({ ...i, arret: source.arret });
    }
  }
  creneaux.sort((a, b) => a.debut.getTime() - b.debut.getTime());
  return Array.from({ length: jours }, (_, n) => {
    const date = ajouterJours(du, n);
    const fermeture = site.fermetures.find((f) => f.debut <= date && date <= f.fin);
    return {
      date,
      creneaux: creneaux.filter((c) => dateLocale(c.debut, fuseau) === date),
      ferie: estFerie(date, territoire) ? ferieDu(date, territoire)?.nom : undefined,
      fermeture: fermeture?.motif,
    };
  });
}

/** Open now, until when, or the next opening, in the site's zone; null when the site has no usable hours. */
export function ouvertureMaintenant(site: SitePublic, maintenant: Date) {
  const jours = agenda(site, maintenant, 15);
  const tous = jours.flatMap((j) => j.creneaux);
  const enCours = tous.find((c) => c.debut <= maintenant && maintenant < c.fin);
  if (enCours) return { ouvert: true as const, jusqua: enCours.fin, arret: enCours.arret };
  const prochain = tous.find((c) => c.debut > maintenant);
  if (prochain) return { ouvert: false as const, prochaineOuverture: prochain.debut, arret: prochain.arret };
  return null;
}

/** The weekly grid of posted hours, when the hours fit one. */
export function grilleSemaine(horaires: string | null) {
  if (!horaires || !validerHoraires(horaires).ok) return null;
  return grilleDepuisHoraires(horaires);
}
