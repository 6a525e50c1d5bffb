import type { Db } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { type Acteur, porteeDe } from '../portee/index.ts';
import { type SemaineType, semaineType, semaineTypeTournee, validerHoraires } from './calcul.ts';
import { type Conformite, conformite, fermetureTardive, validerFermeture } from './conformite.ts';
import { fuseauParDefaut, territoireDe } from './feries.ts';
import { dateLocale } from './fuseau.ts';
import { peutGererHoraires } from './policy.ts';
import * as repo from './repo.ts';
import { passagesAutourSemaine53 } from './semaine53-passages.ts';
import { choisirHoraires, type SaisieFermeture, type SaisieFuseau, type SaisieHoraires } from './validation.ts';

/** The typical week of some hours with its charter check, or why it cannot be computed. */
export type Semaine = { ok: true; semaine: SemaineType; conformite: Conformite } | { ok: false; message: string };

function semaineDe(horaires: string): Semaine {
  const v = validerHoraires(horaires);
  if (!v.ok) return { ok: false, message: v.message };
  const semaine = semaineType(horaires);
  return { ok: true, semaine, conformite: conformite({ ...semaine, fermeturesTardives12Mois: 0 }) };
}

async function siteConsulte(db: Db, acteur: Acteur, id: string) {
  const site = await repo.trouverSite(db, porteeDe(acteur), id);
  if (!site) introuvable();
  return { site, gerer: peutGererHoraires(acteur, site) };
}

/** The holiday calendar of the site's département; the mainland one where the engine has no profile. */
function territoireOuMetropole(departement: string) {
  try {
    return territoireDe(departement);
  } catch {
    return territoireDe('75');
  }
}

/** Default zone of the site's département; a département the holiday rules do not know falls back to Paris. */
function fuseauDuDepartement(departement: string): string {
  try {
    return fuseauParDefaut(departement);
  } catch {
    return 'Europe/Paris';
  }
}

/**
 * A site's hours as its page shows them: the stored text and its typical week, or for an itinerant site its stops
 * and the whole tour's week; who may edit them. Foreign or unknown sites are a 404.
 */
export async function consulterHoraires(db: Db, acteur: Acteur, id: string, maintenant = new Date()) {
  const { site, gerer } = await siteConsulte(db, acteur, id);
  const fuseauDefaut = fuseauDuDepartement(site.departement);
  if (site.genre !== 'itinerant') {
    return {
      site,
      gerer,
      fuseauDefaut,
      semaine: site.horaires ? semaineDe(site.horaires) : null,
      arrets: [],
      tournee: null,
      semaine53: null,
    };
  }
  const arrets = (await repo.arretsDuSite(db, porteeDe(acteur), id)).map((a) => {
    const v = validerHoraires(a.horaires);
    return { ...a, erreur: v.ok ? undefined : v.message };
  });
  const lisibles = arrets.filter((a) => a.actif && !a.erreur);
  const tournee: Semaine | null =
    lisibles.length === 0
      ? null
      : (() => {
          const t = semaineTypeTournee(lisibles);
          return { ok: true, semaine: t, conformite: conformite({ ...t, fermeturesTardives12Mois: 0 }) };
        })();
  const semaine53 = passagesAutourSemaine53({
    arrets: lisibles,
    regle: site.semaine53,
    fuseau: site.fuseauHoraire,
    territoire: territoireOuMetropole(site.departement),
    maintenant,
  });
  return { site, gerer, fuseauDefaut, semaine: null, arrets, tournee, semaine53 };
}

type Resultat<T = object> = ({ ok: true } & T) | { ok: false; erreurs: Record<string, string> };

/**
 * Saves a fixed site's hours (from the weekly grid, or the OSM text when it was changed) and its time zone; an
 * itinerant site's hours are its stops', so only its zone and its week 53 rule are saved. Managers of the structure
 * only.
 */
export async function enregistrerHoraires(
  db: Db,
  acteur: Acteur,
  id: string,
  saisie: SaisieHoraires | SaisieFuseau,
): Promise<Resultat<{ source: 'grille' | 'expert' | 'inchange' | 'fuseau' | 'tournee' }>> {
  const { site, gerer } = await siteConsulte(db, acteur, id);
  if (!gerer) throw new AppError('interdit');
  if (site.genre === 'itinerant' || !('osm' in saisie)) {
    const semaine53 = site.genre === 'itinerant' ? (saisie as SaisieFuseau).semaine53 : undefined;
    await repo.enregistrerHoraires(db, porteeDe(acteur), id, {
      fuseauHoraire: saisie.fuseauHoraire,
      ...(semaine53 ? { semaine53 } : {}),
    });
    return { ok: true, source: semaine53 ? 'tournee' : 'fuseau' };
  }
  const choix = choisirHoraires(saisie);
  if (!choix.ok) return choix;
  await repo.enregistrerHoraires(db, porteeDe(acteur), id, {
    horaires: choix.horaires,
    fuseauHoraire: saisie.fuseauHoraire,
  });
  return { ok: true, source: choix.source };
}

/** The same civil date one year earlier (29 February → 1 March). */
function unAnAvant(date: string): string {
  const [a, m, j] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(a - 1, m - 1, j)).toISOString().slice(0, 10);
}

/**
 * A site's exceptional closures: those not over yet, and those of the last 12 months, each flagged when announced
 * less than 7 days ahead; only closures that have not started may be deleted.
 */
export async function listerFermetures(db: Db, acteur: Acteur, id: string, maintenant: Date) {
  const { site, gerer } = await siteConsulte(db, acteur, id);
  const aujourdhui = dateLocale(maintenant, site.fuseauHoraire);
  const lignes = await repo.fermeturesDuSite(db, porteeDe(acteur), id, unAnAvant(aujourdhui));
  const fermetures = lignes.map((f) => ({
    ...f,
    annoncePar: f.annonceParPrenom ? `${f.annonceParPrenom} ${f.annonceParNom ?? ''}`.trim() : null,
    tardive: fermetureTardive({ debut: f.debut, annonceLe: f.annonceLe, fuseau: site.fuseauHoraire }),
    supprimable: gerer && f.debut > aujourdhui,
  }));
  return {
    site,
    gerer,
    aujourdhui,
    aVenir: fermetures.filter((f) => f.fin >= aujourdhui),
    passees: fermetures.filter((f) => f.fin < aujourdhui).reverse(),
  };
}

/**
 * Records an exceptional closure announced now by the actor: dates from today on, at most 92 days, a reason, and an
 * urgent reason when it starts in less than 7 days (then it is flagged as late). Managers of the structure only.
 */
export async function annoncerFermeture(
  db: Db,
  acteur: Acteur,
  id: string,
  saisie: SaisieFermeture,
  maintenant: Date,
): Promise<Resultat<{ tardive: boolean }>> {
  const { site, gerer } = await siteConsulte(db, acteur, id);
  if (!gerer) throw new AppError('interdit');
  const v = validerFermeture({ ...saisie, maintenant, fuseau: site.fuseauHoraire });
  if (!v.ok) {
    // A start in the past is the mistake to fix; asking for an urgent reason for it would only add noise.
    if (v.erreurs.debut) delete v.erreurs.motifUrgence;
    return v;
  }
  const cree = await repo.insererFermeture(db, porteeDe(acteur), id, {
    debut: saisie.debut,
    fin: saisie.fin,
    motif: saisie.motif,
    motifUrgence: saisie.motifUrgence || null,
    annonceLe: maintenant,
    annoncePar: acteur.id,
  });
  if (!cree) introuvable();
  return { ok: true, tardive: v.tardive };
}

/**
 * Deletes a closure that has not started yet ('supprimee'); one that has started or is over stays as history
 * ('historique'). Unknown closures, or another site's, are a 404.
 */
export async function supprimerFermeture(
  db: Db,
  acteur: Acteur,
  id: string,
  fermetureId: string,
  maintenant: Date,
): Promise<'supprimee' | 'historique'> {
  const { site, gerer } = await siteConsulte(db, acteur, id);
  if (!gerer) throw new AppError('interdit');
  const portee = porteeDe(acteur);
  if (!(await repo.trouverFermeture(db, portee, id, fermetureId))) introuvable();
  const aujourdhui = dateLocale(maintenant, site.fuseauHoraire);
  return (await repo.supprimerFermeture(db, portee, id, fermetureId, aujourdhui)) ? 'supprimee' : 'historique';
}
