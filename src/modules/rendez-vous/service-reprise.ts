// Appointments to take up again (issue 11, point 6): a site's future booked appointments that no longer lie in its
// opening hours (an exceptional closure, a public holiday, a tour stop no longer served, new hours), listed to its
// managers, who cancel each (the person is told once) or move it. The hours module does not know appointments (it
// is imported by this one): the closures page gets the count through `resumeAReprendre`, wired by the application.

import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import {
  dateLocale,
  type FermetureExceptionnelle,
  ferieDu,
  type Intervalle,
  intervallesOuverture,
  type ParametresHoraires,
  type Semaines,
  type Territoire,
  territoireDe,
  validerHoraires,
} from '../horaires/index.ts';
import { type Acteur, porteeDe } from '../portee/index.ts';
import { peutGererRendezVous, peutVoirGestionRendezVous } from './policy.ts';
import { liensDuLieu } from './policy-navigation.ts';
import * as repo from './repo-reprise.ts';
import { annulerParSite, type RaisonVerifiee } from './service-deplacement.ts';
import { estMobile } from './validation.ts';

/** How far ahead appointments are checked (the longest booking window is 366 days). */
const HORIZON_JOURS = 370;

export interface RendezVousAReprendre {
  id: string;
  debut: Date;
  fin: Date;
  nom: string | null;
  motifNom: string;
  /** Why it no longer fits, as told to the person: « fermeture exceptionnelle du lieu (Inventaire) ». */
  raison: string;
  /** The person can be told (an email, or a mobile phone for an SMS). */
  joignable: boolean;
}

interface LieuHoraires {
  fuseau: string;
  territoire: Territoire;
  horaires: string | null;
  genre: string;
  semaine53: ParametresHoraires['semaine53'];
  arrets: Array<{ horaires: string; semaines: Semaines }>;
  fermetures: FermetureExceptionnelle[];
}

function territoireSur(departement: string): Territoire {
  try {
    return territoireDe(departement);
  } catch {
    return 'metropole';
  }
}

/** The opening intervals of a site (or of each of its tour's stops) over civil dates; unreadable hours open nothing. */
function ouvertures(l: LieuHoraires, du: string, au: string): Intervalle[] {
  const commun = { fuseau: l.fuseau, territoire: l.territoire, fermetures: l.fermetures, du, au };
  const sources =
    l.genre === 'itinerant' && l.arrets.length > 0
      ? l.arrets.map((a) => ({ horaires: a.horaires, semaines: a.semaines, semaine53: l.semaine53 }))
      : l.genre === 'itinerant'
        ? []
        : [{ horaires: l.horaires ?? '' }];
  return sources
    .filter((s) => s.horaires.trim() !== '' && validerHoraires(s.horaires).ok)
    .flatMap((s) => intervallesOuverture({ ...commun, ...s }));
}

/**
 * Why an appointment no longer lies in the site's opening (null when it does): the exceptional closure of its day, a
 * public holiday, a tour no longer there, or hours that changed.
 */
function raisonHorsOuverture(l: LieuHoraires, rdv: { debut: Date; fin: Date }, ouvert: Intervalle[]): string | null {
  const dedans = ouvert.some((i) => i.debut.getTime() <= rdv.debut.getTime() && rdv.fin.getTime() <= i.fin.getTime());
  if (dedans) return null;
  const jour = dateLocale(rdv.debut, l.fuseau);
  const fermeture = l.fermetures.find((f) => f.debut <= jour && jour <= f.fin);
  if (fermeture) return `fermeture exceptionnelle du lieu (${fermeture.motif})`.slice(0, 300);
  const ferie = ferieDu(jour, l.territoire);
  if (ferie) return `jour férié (${ferie.nom})`;
  if (l.genre === 'itinerant') return 'la tournée ne passe plus à cet endroit à cette heure-là';
  return 'les horaires d’ouverture du lieu ont changé';
}

async function siteVisible(db: Db, acteur: Acteur, siteId: string) {
  const portee = porteeDe(acteur);
  const site = await repo.siteAReprendre(db, portee, siteId);
  if (!site || !peutVoirGestionRendezVous(acteur, site)) introuvable();
  return { portee, site, gerer: peutGererRendezVous(acteur, site) };
}

/** Loads the site's hours over `du`..`au` with what changes them (stops, closures). */
async function lieuHoraires(
  db: Executor,
  portee: ReturnType<typeof porteeDe>,
  site: NonNullable<Awaited<ReturnType<typeof repo.siteAReprendre>>>,
  du: string,
  au: string,
): Promise<LieuHoraires> {
  const [arrets, fermetures] = await Promise.all([
    site.genre === 'itinerant' ? repo.arretsActifs(db, portee, site.id) : [],
    repo.fermeturesEntre(db, portee, site.id, du, au),
  ]);
  return {
    fuseau: site.fuseau,
    territoire: territoireSur(site.departement),
    horaires: site.horaires,
    genre: site.genre,
    semaine53: site.semaine53,
    arrets,
    fermetures,
  };
}

/** The site's future booked appointments outside its opening now, nearest first (at most `REPRISE_MAX` checked). */
async function calculer(
  db: Db,
  portee: ReturnType<typeof porteeDe>,
  site: Parameters<typeof lieuHoraires>[2],
  maintenant: Date,
) {
  const du = dateLocale(maintenant, site.fuseau);
  const jusqua = new Date(maintenant.getTime() + (HORIZON_JOURS - 1) * 86_400_000);
  const rdvs = await repo.rendezVousReserves(db, portee, site.id, maintenant, jusqua);
  if (rdvs.length === 0) return [];
  const dernier = dateLocale((rdvs.at(-1) as (typeof rdvs)[number]).debut, site.fuseau);
  // `jusqua` keeps the last start within the horaires engine's bounds (`HORIZON_JOURS` civil days).
  const lieu = await lieuHoraires(db, portee, site, du, dernier);
  const ouvert = ouvertures(lieu, du, dernier);
  const liste: RendezVousAReprendre[] = [];
  for (const r of rdvs) {
    const raison = raisonHorsOuverture(lieu, r, ouvert);
    if (!raison) continue;
    const joignable = Boolean(r.courriel) || Boolean(r.telephone && estMobile(r.telephone));
    liste.push({ id: r.id, debut: r.debut, fin: r.fin, nom: r.nom, motifNom: r.motifNom, raison, joignable });
  }
  return liste;
}

/**
 * The page « Rendez-vous à reprendre » of a site: its future booked appointments no longer inside its opening hours,
 * for anyone with a role on its structure; only its managers may cancel them. Foreign or unknown sites are a 404.
 */
export async function rendezVousAReprendre(db: Db, acteur: Acteur, siteId: string, maintenant = new Date()) {
  const { portee, site, gerer } = await siteVisible(db, acteur, siteId);
  const liens = liensDuLieu(acteur, site);
  return { site, gerer, liens, rendezVous: await calculer(db, portee, site, maintenant) };
}

/**
 * How many of a site's appointments are to take up again, for the closures page of the hours module (wired by the
 * application); null when the actor may not see the site's appointments.
 */
export async function resumeAReprendre(db: Db, acteur: Acteur, siteId: string, maintenant = new Date()) {
  const portee = porteeDe(acteur);
  const site = await repo.siteAReprendre(db, portee, siteId);
  if (!site || !peutVoirGestionRendezVous(acteur, site)) return null;
  const liste = await calculer(db, portee, site, maintenant);
  return { nombre: liste.length, lien: `/admin/sites/${siteId}/rendez-vous/a-reprendre` };
}

export type ResultatReprise =
  | { ok: true; deja: boolean; prevenu: boolean }
  | { ok: false; raison: 'passe' | 'dans-les-horaires' };

/**
 * Cancels, on the site's side, an appointment that no longer lies in the site's opening, and tells the person once
 * giving the reason (`annulerParSite`, the one cancellation by the site); whether it still lies outside the hours is
 * checked again in the cancellation's transaction. The structure's managers only (403); an appointment back inside
 * the hours is no longer cancelled from here; a second request changes nothing and sends nothing.
 */
export async function annulerEtPrevenir(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
  acteur: Acteur,
  siteId: string,
  rdvId: string,
  maintenant = new Date(),
): Promise<ResultatReprise> {
  const { portee, site, gerer } = await siteVisible(db, acteur, siteId);
  if (!gerer) throw new AppError('interdit');
  if (!z.uuid().safeParse(rdvId).success || !(await repo.rendezVousDuSite(db, portee, siteId, rdvId))) introuvable();
  const horsOuverture: RaisonVerifiee = async (tx, rdv) => {
    const jour = dateLocale(rdv.debut, site.fuseau);
    const lieu = await lieuHoraires(tx, portee, site, jour, jour);
    return raisonHorsOuverture(lieu, rdv, ouvertures(lieu, jour, jour));
  };
  const r = await annulerParSite(db, config, { rdvId, raison: horsOuverture, maintenant });
  if (r.ok) return { ok: true, deja: r.dejaAnnule, prevenu: r.prevenu };
  if (r.raison === 'introuvable') introuvable();
  return { ok: false, raison: r.raison === 'refusee' ? 'dans-les-horaires' : 'passe' };
}
