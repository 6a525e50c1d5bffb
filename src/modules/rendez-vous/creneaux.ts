// The one slot generator (issue 11): listing, confirmation and next availability all go through `calculer`, so a
// slot shown is a slot that confirmation accepts. Slots lie in the site's opening intervals (holidays, closures,
// tour stops and their weeks applied by the hours engine) ∩ the resource's availability, minus its appointments
// with their buffers, on a grid of `pas` minutes anchored at the start of each such working interval (ADR 0027).

import {
  ajouterJours,
  dateLocale,
  type FermetureExceptionnelle,
  fuseauValide,
  type Intervalle,
  instantMural,
  intervallesOuverture,
  type ParametresHoraires,
  type Semaines,
  type Territoire,
  validerHoraires,
} from '../horaires/index.ts';
import { disponibilites, type Ressource } from './capacite.ts';
import { FENETRE_MAX_JOURS, type Motif, type MotifValide, messages, Motif as SchemaMotif } from './motif.ts';
import { dateValide, ecartJours, fusionner, moisSuivant, premierApres } from './temps.ts';

const MS_MINUTE = 60_000;
const RESSOURCES_MAX = 500;
const RENDEZ_VOUS_MAX = 200_000;
const ARRETS_MAX = 100;
/** How many months `prochaineDisponibilite` looks ahead. */
export const MOIS_RECHERCHE = 12;

/** A site as slot computation needs it; an itinerant site lists its stops and has empty hours. */
export interface SiteAccueil {
  id: string;
  fuseau: string;
  territoire: Territoire;
  horaires: string;
  fermetures?: FermetureExceptionnelle[];
  arrets?: Array<{ id: string; horaires: string; semaines?: Semaines }>;
  semaine53?: ParametresHoraires['semaine53'];
}

/** An appointment already booked: it holds its resource from `debut` to `fin` plus its own buffer. */
export interface RendezVousExistant {
  ressourceId: string;
  debut: Date;
  fin: Date;
  tamponApres?: number;
}

/** Everything slot computation reads: no clock and no database inside, `maintenant` is given. */
export interface ContexteCreneaux {
  site: SiteAccueil;
  motif: Motif;
  ressources: Ressource[];
  rendezVous: RendezVousExistant[];
  maintenant: Date;
}

/** A free slot: its instants, where (a stop, for a tour) and which resources are free for all of it. */
export interface Creneau {
  debut: Date;
  fin: Date;
  ressources: string[];
  arretId?: string;
}

export type Refus = { ok: false; erreurs: string[] };

interface Prepare {
  site: SiteAccueil;
  motif: MotifValide;
  pasMs: number;
  /** Resources allowed for the motif, in the motif's order, each with its merged busy ranges (ms pairs). */
  ressources: Array<{ ressource: Ressource; occupe: Intervalle[] }>;
  debutMin: number;
  aujourdhui: string;
  dernierJour: string;
}

function preparer(c: ContexteCreneaux): { ok: true; p: Prepare } | Refus {
  const erreurs: string[] = [];
  const motif = SchemaMotif.safeParse(c.motif);
  if (!motif.success) erreurs.push(...messages(motif.error));
  if (!fuseauValide(c.site.fuseau)) erreurs.push(`Fuseau horaire inconnu : ${c.site.fuseau}.`);
  if (Number.isNaN(c.maintenant.getTime())) erreurs.push('Instant présent invalide.');
  const arrets = c.site.arrets ?? [];
  if (arrets.length > ARRETS_MAX) erreurs.push(`Au plus ${ARRETS_MAX} arrêts par tournée.`);
  for (const h of arrets.length > 0 ? arrets.map((a) => a.horaires) : [c.site.horaires]) {
    const v = validerHoraires(h);
    if (!v.ok && h.trim() !== '') erreurs.push(v.message);
  }
  if (c.ressources.length > RESSOURCES_MAX) erreurs.push(`Au plus ${RESSOURCES_MAX} personnes ou permanences.`);
  if (c.rendezVous.length > RENDEZ_VOUS_MAX) erreurs.push(`Au plus ${RENDEZ_VOUS_MAX} rendez-vous existants.`);
  if (!motif.success || erreurs.length > 0) return { ok: false, erreurs };

  const m = motif.data;
  const parId = new Map(c.ressources.map((r) => [r.id, r]));
  const occupations = new Map<string, Intervalle[]>();
  for (const rdv of c.rendezVous) {
    const fin = new Date(rdv.fin.getTime() + (rdv.tamponApres ?? 0) * MS_MINUTE);
    const liste = occupations.get(rdv.ressourceId) ?? [];
    liste.push({ debut: rdv.debut, fin });
    occupations.set(rdv.ressourceId, liste);
  }
  const ressources = [...new Set(m.ressources)]
    .map((id) => parId.get(id))
    .filter((r): r is Ressource => r !== undefined)
    // A permanence that names its channels serves only those (a visio permanence takes no walk-in motif).
    .filter((r) => r.type === 'agent' || (r.canaux ?? []).length === 0 || (r.canaux ?? []).includes(m.canal))
    .map((ressource) => ({ ressource, occupe: fusionner(occupations.get(ressource.id) ?? []) }));
  const aujourdhui = dateLocale(c.maintenant, c.site.fuseau);
  return {
    ok: true,
    p: {
      site: c.site,
      motif: m,
      pasMs: (m.pas ?? m.duree + m.tamponApres) * MS_MINUTE,
      ressources,
      debutMin: c.maintenant.getTime() + m.delaiMinimal * MS_MINUTE,
      aujourdhui,
      dernierJour: ajouterJours(aujourdhui, m.fenetreJours),
    },
  };
}

/** Opening intervals of the site (or of each stop of a tour) over civil dates, tagged with the stop. */
function ouvertures(p: Prepare, du: string, au: string): Array<{ arretId?: string; intervalles: Intervalle[] }> {
  const { site } = p;
  const commun = { fuseau: site.fuseau, territoire: site.territoire, fermetures: site.fermetures, du, au };
  const arrets = site.arrets ?? [];
  if (arrets.length === 0) {
    if (p.motif.canal === 'arret' || site.horaires.trim() === '') return [];
    return [{ intervalles: intervallesOuverture({ ...commun, horaires: site.horaires }) }];
  }
  return arrets
    .filter((a) => a.horaires.trim() !== '')
    .map((a) => ({
      arretId: a.id,
      intervalles: intervallesOuverture({
        ...commun,
        horaires: a.horaires,
        semaines: a.semaines,
        semaine53: site.semaine53,
      }),
    }));
}

/** The one generator: free slots starting on civil dates `du`…`au` (already inside the window), sorted by start. */
function calculer(p: Prepare, du: string, au: string): Creneau[] {
  const dureeMs = p.motif.duree * MS_MINUTE;
  const tamponMs = p.motif.tamponApres * MS_MINUTE;
  const finFenetre = instantMural(ajouterJours(p.dernierJour, 1), 0, p.site.fuseau).getTime();
  const parCle = new Map<string, Creneau>();
  const lieux = ouvertures(p, du, au);
  for (const { ressource, occupe } of p.ressources) {
    const dispo = disponibilites(ressource, p.site.id, { du, au, fuseau: p.site.fuseau });
    if (dispo.length === 0) continue;
    for (const { arretId, intervalles } of lieux) {
      for (const o of intervalles) {
        for (let i = premierApres(dispo, o.debut.getTime()); i < dispo.length; i++) {
          const d = dispo[i] as Intervalle;
          if (d.debut.getTime() >= o.fin.getTime()) break;
          const debut = Math.max(d.debut.getTime(), o.debut.getTime());
          const fin = Math.min(d.fin.getTime(), o.fin.getTime());
          let k = premierApres(occupe, debut);
          // The grid stays anchored at `debut`: now and the notice only skip its first points.
          const sautes = debut < p.debutMin ? Math.ceil((p.debutMin - debut) / p.pasMs) : 0;
          for (let t = debut + sautes * p.pasMs; t + dureeMs <= fin && t < finFenetre; t += p.pasMs) {
            // The new appointment holds [t, t + duree + tampon); it must not meet any busy range.
            while (k < occupe.length && (occupe[k] as Intervalle).fin.getTime() <= t) k++;
            const suivant = occupe[k];
            if (suivant && suivant.debut.getTime() < t + dureeMs + tamponMs) continue;
            const cle = `${t}|${arretId ?? ''}`;
            const connu = parCle.get(cle);
            if (connu) connu.ressources.push(ressource.id);
            else
              parCle.set(cle, { debut: new Date(t), fin: new Date(t + dureeMs), ressources: [ressource.id], arretId });
          }
        }
      }
    }
  }
  return [...parCle.values()].sort(
    (a, b) => a.debut.getTime() - b.debut.getTime() || (a.arretId ?? '').localeCompare(b.arretId ?? ''),
  );
}

/** Checks and clips a requested period of civil dates to the motif's booking window (from today). */
function bornerPeriode(p: Prepare, du: string, au: string): { ok: true; du: string; au: string } | Refus {
  if (!dateValide(du) || !dateValide(au)) return { ok: false, erreurs: ['Dates invalides (attendu AAAA-MM-JJ).'] };
  if (au < du) return { ok: false, erreurs: ['La date de fin précède la date de début.'] };
  if (ecartJours(du, au) + 1 > FENETRE_MAX_JOURS) {
    return { ok: false, erreurs: [`Période trop longue : au plus ${FENETRE_MAX_JOURS} jours.`] };
  }
  return { ok: true, du: du < p.aujourdhui ? p.aujourdhui : du, au: au > p.dernierJour ? p.dernierJour : au };
}

/**
 * Free slots of a motif at a site starting between two civil dates inclusive (at most 366 days, clipped to the
 * booking window), each with the resources free for all of it; never before now + notice, never past the window.
 */
export function creneaux(
  demande: ContexteCreneaux & { du: string; au: string },
): { ok: true; creneaux: Creneau[] } | Refus {
  const prepare = preparer(demande);
  if (!prepare.ok) return prepare;
  const periode = bornerPeriode(prepare.p, demande.du, demande.au);
  if (!periode.ok) return periode;
  if (periode.au < periode.du) return { ok: true, creneaux: [] };
  return { ok: true, creneaux: calculer(prepare.p, periode.du, periode.au) };
}

/**
 * Confirms that a slot starting at `debut` (at the given stop, for the given resource if any) is free now, by asking
 * `creneaux` for its day; answers the resource to book (the one asked, or the first free one).
 */
export function verifierCreneau(
  contexte: ContexteCreneaux,
  choix: { debut: Date; ressourceId?: string; arretId?: string },
): { ok: true; creneau: Creneau; ressourceId: string } | Refus {
  if (Number.isNaN(choix.debut.getTime())) return { ok: false, erreurs: ['Heure de rendez-vous invalide.'] };
  if (!fuseauValide(contexte.site.fuseau))
    return { ok: false, erreurs: [`Fuseau horaire inconnu : ${contexte.site.fuseau}.`] };
  const jour = dateLocale(choix.debut, contexte.site.fuseau);
  const liste = creneaux({ ...contexte, du: jour, au: jour });
  if (!liste.ok) return liste;
  const trouve = liste.creneaux.find(
    (c) =>
      c.debut.getTime() === choix.debut.getTime() &&
      (choix.arretId === undefined || c.arretId === choix.arretId) &&
      (choix.ressourceId === undefined || c.ressources.includes(choix.ressourceId)),
  );
  if (!trouve) return { ok: false, erreurs: ['Ce créneau n’est pas ou plus disponible. Choisissez-en un autre.'] };
  return { ok: true, creneau: trouve, ressourceId: choix.ressourceId ?? (trouve.ressources[0] as string) };
}

/** The first free slot from today, scanning month by month up to 12 months and never past the booking window. */
export function prochaineDisponibilite(contexte: ContexteCreneaux): { ok: true; creneau?: Creneau } | Refus {
  const prepare = preparer(contexte);
  if (!prepare.ok) return prepare;
  const { p } = prepare;
  let du = p.aujourdhui;
  for (let mois = 0; mois < MOIS_RECHERCHE && du <= p.dernierJour; mois++) {
    const suivant = moisSuivant(du);
    let au = ajouterJours(suivant, -1);
    if (au > p.dernierJour) au = p.dernierJour;
    const [premier] = calculer(p, du, au);
    if (premier) return { ok: true, creneau: premier };
    du = suivant;
  }
  return { ok: true };
}
