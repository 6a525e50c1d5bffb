// The public JSON API (v1): the registry as developers read it (English field names), with each site's typical week
// and charter compliance computed once per registry load, and a site's real openings over a window of dates.

import { cacheParBase } from '../../platform/db/cache.ts';
import type { Db } from '../../platform/db/client.ts';
import { normaliser } from '../../platform/formats/francais.ts';
import { construireIndex, type IndexSites, plusProches } from '../../platform/proximite/proximite.ts';
import {
  conformite,
  dateLocale,
  intervallesOuverture,
  joursFeries,
  type Semaines,
  semaineType,
  semaineTypeTournee,
  type Territoire,
  territoireDe,
  validerHoraires,
} from '../horaires/index.ts';
import { fermeturesEntre, type SitePublic, sitePublic, sitesPublics } from './repo.ts';
import {
  type ErreurParametre,
  FENETRE_OUVERTURES_PAR_DEFAUT_JOURS,
  type ParametresListeSites,
  type ParametresOuvertures,
  verifierFenetre,
} from './validation.ts';

/** How long the API's in-memory registry may lag behind edits; matches the responses' `max-age`. */
export const FRAICHEUR_API_MS = 60_000;

const SEMAINES: Record<Semaines, 'all' | 'even' | 'odd'> = { toutes: 'all', paires: 'even', impaires: 'odd' };

export interface StopApi {
  name: string;
  address: string;
  postcode: string;
  commune: string;
  inseeCode: string | null;
  latitude: number | null;
  longitude: number | null;
  openingHours: string;
  /** ISO week parity of the stop's visits. */
  weeks: 'all' | 'even' | 'odd';
}

export interface SiteApi {
  id: string;
  idFs: number | null;
  name: string;
  kind: SitePublic['genre'];
  structure: { id: string; name: string };
  address: string;
  addressComplement: string | null;
  postcode: string;
  commune: string;
  inseeCode: string | null;
  departement: string;
  latitude: number | null;
  longitude: number | null;
  approximateLocation: boolean;
  phone: string | null;
  email: string | null;
  openingHours: string | null;
  timeZone: string;
  partners: string[];
  services: string[];
  accessibility: string | null;
  /** Public note: appointments only, a temporary address, directions… */
  note: string | null;
  postOffice: boolean;
  labelDate: string | null;
  hoursPerWeek: number | null;
  openDays: number | null;
  compliant: boolean | null;
  stops: StopApi[];
  closures: Array<{ start: string; end: string; reason: string }>;
  url: string;
  /** Only when the list is sorted from a position: km to the site, or to a tour's nearest stop. */
  distanceKm?: number | null;
}

type Semaine = { heures: number; jours: number } | null;

/**
 * The typical week of a site (a tour: of its stops, over its two-week cycle); null when the hours are unknown or
 * outside the supported OSM subset, so that "no hours" is never reported as "0 hours, not compliant". `memo` shares
 * the result between sites posting the same hours (a registry load computes each text once).
 */
export function semaineDuSite(s: SitePublic, memo?: Map<string, Semaine>): Semaine {
  const tournee = s.genre === 'itinerant' && s.arrets.length > 0;
  const cle = tournee ? JSON.stringify(s.arrets.map((a) => [a.horaires, a.semaines])) : (s.horaires ?? '');
  const connue = memo?.get(cle);
  if (connue !== undefined) return connue;
  let semaine: Semaine = null;
  try {
    if (tournee) {
      if (s.arrets.every((a) => validerHoraires(a.horaires).ok))
        semaine = semaineTypeTournee(s.arrets.map((a) => ({ horaires: a.horaires, semaines: a.semaines })));
    } else if (s.horaires && validerHoraires(s.horaires).ok) {
      semaine = semaineType(s.horaires, s.fuseauHoraire);
    }
  } catch {
    semaine = null;
  }
  memo?.set(cle, semaine);
  return semaine;
}

/** A registry site as the API shows it. */
export function versSiteApi(s: SitePublic, urlPublique: string, memo?: Map<string, Semaine>): SiteApi {
  const semaine = semaineDuSite(s, memo);
  return {
    id: s.id,
    idFs: s.idFs,
    name: s.nom,
    kind: s.genre,
    structure: { id: s.structureId, name: s.structureNom },
    address: s.adresse,
    addressComplement: s.complementAdresse,
    postcode: s.codePostal,
    commune: s.commune,
    inseeCode: s.codeInsee,
    departement: s.departement,
    latitude: s.latitude,
    longitude: s.longitude,
    approximateLocation: s.coordonneesApprochees,
    phone: s.telephone,
    email: s.courriel,
    openingHours: s.horaires,
    timeZone: s.fuseauHoraire,
    partners: s.partenaires,
    services: s.services,
    accessibility: s.accessibilite,
    note: s.commentaire,
    postOffice: s.agencePostale,
    labelDate: s.dateLabellisation,
    hoursPerWeek: semaine?.heures ?? null,
    openDays: semaine?.jours ?? null,
    // The charter's 24 h / 5 days rule only; late closures are not folded in (ADR 0013).
    compliant: semaine ? conformite({ ...semaine, fermeturesTardives12Mois: 0 }).conforme : null,
    stops: s.arrets.map((a) => ({
      name: a.nom,
      address: a.adresse,
      postcode: a.codePostal,
      commune: a.commune,
      inseeCode: a.codeInsee,
      latitude: a.latitude,
      longitude: a.longitude,
      openingHours: a.horaires,
      weeks: SEMAINES[a.semaines],
    })),
    closures: s.fermetures.map((f) => ({ start: f.debut, end: f.fin, reason: f.motif })),
    url: `${urlPublique}/lieux/${s.id}`,
  };
}

interface Entree {
  item: SiteApi;
  /** Normalised words of the name, commune, postcode, département, structure and stops' communes. */
  mots: string[];
}

interface Registre {
  entrees: Entree[];
  /** One point per fixed site, one per stop of a tour; the id is the entry's rank. */
  index: IndexSites<number>;
  /** Points beyond one per entry (extra stops of tours): how many more points to ask for `n` distinct sites. */
  pointsEnPlus: number;
  /** Ranks of the entries without any usable position, in registry order. */
  sansPosition: number[];
}

function chargerRegistre(db: Db, urlPublique: string): Promise<Registre> {
  return sitesPublics(db).then((liste) => {
    const points: Array<{ id: number; latitude: number; longitude: number }> = [];
    const semaines = new Map<string, Semaine>();
    const entrees = liste.map((s, rang): Entree => {
      const positions =
        s.genre === 'itinerant' && s.arrets.length > 0 ? s.arrets : [{ latitude: s.latitude, longitude: s.longitude }];
      for (const p of positions) {
        if (p.latitude !== null && p.longitude !== null)
          points.push({ id: rang, latitude: p.latitude, longitude: p.longitude });
      }
      const texte = [s.nom, s.commune, s.codePostal, s.departement, s.structureNom, ...s.arrets.map((a) => a.commune)];
      return {
        item: versSiteApi(s, urlPublique, semaines),
        mots: [...new Set(normaliser(texte.join(' ')).split(' '))],
      };
    });
    const index = construireIndex(points);
    const positionnes = new Set(index.ids);
    return {
      entrees,
      index,
      pointsEnPlus: index.taille - positionnes.size,
      sansPosition: entrees.flatMap((_, rang) => (positionnes.has(rang) ? [] : [rang])),
    };
  });
}

/** The registry for the API, reloaded at most once a minute (stale-while-revalidate), one per database. */
const registres = cacheParBase(chargerRegistre, FRAICHEUR_API_MS);

/** Forgets the API's cached registry (tests, and after an import). */
export function oublierRegistreApi(db: Db): void {
  registres.oublier(db);
}

/** Every word of the query starts a word of the site's text ("sceaux", "92", "aix prov", "st denis"). */
function correspond(entree: Entree, motsCherches: string[]): boolean {
  return motsCherches.every((m) => entree.mots.some((mot) => mot.startsWith(m)));
}

export interface PageSites {
  total: number;
  page: number;
  limit: number;
  items: SiteApi[];
}

/**
 * Active sites, filtered by text (`q`: every word starts a word of the name, commune, postcode, département or
 * structure), département and compliance (sites whose hours are unknown match neither `true` nor `false`), in
 * registry order (département, commune, name) or nearest first from `lat`/`lon`, a page at a time.
 */
export async function listerSites(db: Db, urlPublique: string, p: ParametresListeSites): Promise<PageSites> {
  const registre = await registres.obtenir(db, urlPublique);
  const motsCherches = p.q ? normaliser(p.q).split(' ').filter(Boolean) : [];
  const filtre = motsCherches.length > 0 || p.departement !== undefined || p.compliant !== undefined;
  const rangs: number[] = [];
  registre.entrees.forEach((e, rang) => {
    if (p.departement !== undefined && e.item.departement !== p.departement) return;
    if (p.compliant !== undefined && e.item.compliant !== p.compliant) return;
    if (motsCherches.length > 0 && !correspond(e, motsCherches)) return;
    rangs.push(rang);
  });
  const debut = (p.page - 1) * p.limit;

  if (p.lat === undefined || p.lon === undefined) {
    return {
      total: rangs.length,
      page: p.page,
      limit: p.limit,
      items: rangs.slice(debut, debut + p.limit).map((r) => (registre.entrees[r] as Entree).item),
    };
  }

  // Nearest first; a tour is as near as its nearest stop. Unfiltered, only the points up to this page are needed.
  const { index } = registre;
  const n = filtre ? index.taille : Math.min(index.taille, debut + p.limit + registre.pointsEnPlus);
  const distances = new Map<number, number>();
  for (const proche of plusProches(index, { latitude: p.lat, longitude: p.lon }, n)) {
    if (!distances.has(proche.id)) distances.set(proche.id, proche.distanceKm);
  }
  const positionnes = rangs.filter((r) => distances.has(r));
  positionnes.sort((a, b) => (distances.get(a) as number) - (distances.get(b) as number) || a - b);
  // Sites without any position come last, in registry order.
  const sansPosition = filtre ? rangs.filter((r) => !distances.has(r)) : registre.sansPosition;
  const ordre = [...positionnes, ...sansPosition];
  return {
    total: rangs.length,
    page: p.page,
    limit: p.limit,
    items: ordre.slice(debut, debut + p.limit).map((r) => {
      const d = distances.get(r);
      return {
        ...(registre.entrees[r] as Entree).item,
        distanceKm: d === undefined ? null : Math.round(d * 1000) / 1000,
      };
    }),
  };
}

export interface IntervalleApi {
  /** ISO 8601 with the site's UTC offset at that instant, e.g. 2026-12-07T09:30:00+01:00. */
  start: string;
  end: string;
  /** For a tour: where the service stands during this interval. */
  stop?: { name: string; commune: string; latitude: number | null; longitude: number | null };
}

export interface OuverturesApi {
  siteId: string;
  name: string;
  timeZone: string;
  from: string;
  to: string;
  intervals: IntervalleApi[];
  closures: Array<{ start: string; end: string; reason: string }>;
  holidays: Array<{ date: string; name: string }>;
}

const formatteursIso = new Map<string, Intl.DateTimeFormat>();

/** An instant as ISO 8601 on the wall clock of `fuseau`, with its offset then ("…T09:30:00+01:00"). */
export function isoAvecDecalage(instant: Date, fuseau: string): string {
  let f = formatteursIso.get(fuseau);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: fuseau,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatteursIso.set(fuseau, f);
  }
  const v: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) v[p.type] = p.value;
  const decalage = (v.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${v.year}-${v.month}-${v.day}T${v.hour}:${v.minute}:${v.second}${decalage}`;
}

function ajouterJours(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The holiday profile of the site's département; départements the engine does not model fall back to mainland. */
function territoireSur(departement: string): Territoire {
  try {
    return territoireDe(departement);
  } catch {
    return 'metropole';
  }
}

export type ResultatOuvertures =
  | { ok: true; ouvertures: OuverturesApi }
  | { ok: false; raison: 'introuvable' }
  | { ok: false; raison: 'parametres'; erreurs: ErreurParametre[] };

/**
 * The real opening intervals of an active site between two civil dates of its zone (by default a week from today
 * there): public holidays of its territory and its exceptional closures applied, and for a tour each stop's
 * intervals on its ISO weeks, with the stop, all sorted by start.
 */
export async function ouverturesSite(
  db: Db,
  id: string,
  p: ParametresOuvertures,
  maintenant: Date,
): Promise<ResultatOuvertures> {
  const site = await sitePublic(db, id);
  if (!site) return { ok: false, raison: 'introuvable' };
  const fuseau = site.fuseauHoraire;
  const from = p.from ?? dateLocale(maintenant, fuseau);
  const to = p.to ?? ajouterJours(from, FENETRE_OUVERTURES_PAR_DEFAUT_JOURS - 1);
  const erreurs: ErreurParametre[] = [];
  verifierFenetre(from, to, (detail) => erreurs.push({ parameter: p.to ? 'to' : 'from', detail }));
  if (erreurs.length > 0) return { ok: false, raison: 'parametres', erreurs };

  const territoire = territoireSur(site.departement);
  const fermetures = await fermeturesEntre(db, site.id, from, to);
  const sources =
    site.genre === 'itinerant' && site.arrets.length > 0
      ? site.arrets.map((a) => ({
          horaires: a.horaires,
          semaines: a.semaines,
          stop: { name: a.nom, commune: a.commune, latitude: a.latitude, longitude: a.longitude },
        }))
      : site.horaires
        ? [{ horaires: site.horaires, semaines: 'toutes' as const, stop: undefined }]
        : [];
  const intervalles: Array<{ debut: Date; fin: Date; ordre: number; stop?: IntervalleApi['stop'] }> = [];
  sources.forEach((source, ordre) => {
    if (!validerHoraires(source.horaires).ok) return;
    for (const i of intervallesOuverture({
      horaires: source.horaires,
      fuseau,
      territoire,
      du: from,
      au: to,
      fermetures,
      semaines: source.semaines,
      semaine53: site.semaine53,
    })) {
      intervalles.push({ ...i, ordre, stop: source.stop });
    }
  });
  intervalles.sort((a, b) => a.debut.getTime() - b.debut.getTime() || a.ordre - b.ordre);

  const annees = Array.from(
    { length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 },
    (_, n) => Number(from.slice(0, 4)) + n,
  );
  return {
    ok: true,
    ouvertures: {
      siteId: site.id,
      name: site.nom,
      timeZone: fuseau,
      from,
      to,
      intervals: intervalles.map((i) => ({
        start: isoAvecDecalage(i.debut, fuseau),
        end: isoAvecDecalage(i.fin, fuseau),
        ...(i.stop ? { stop: i.stop } : {}),
      })),
      closures: fermetures.map((f) => ({ start: f.debut, end: f.fin, reason: f.motif })),
      holidays: annees
        .flatMap((a) => joursFeries(a, territoire))
        .filter((j) => from <= j.date && j.date <= to)
        .map((j) => ({ date: j.date, name: j.nom })),
    },
  };
}
