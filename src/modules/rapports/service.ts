import type { Db } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { libellesCatalogue } from '../catalogue/index.ts';
import { dateLocale } from '../horaires/index.ts';
import { type Acteur, type Portee, porteeActivite } from '../portee/index.ts';
import {
  LIBELLES_CANAUX,
  LIBELLES_DUREES,
  LIBELLES_ISSUES,
  LIBELLES_NIVEAUX,
  LIBELLES_TRANCHES_AGE,
} from '../sollicitations/index.ts';
import {
  DEPARTEMENTS,
  fuseauHoraireDepartement,
  libelleTerritoire,
  nomDepartement,
  REGIONS,
  TERRITOIRES,
  territoire,
} from '../territoires/index.ts';
import type { ContactsRapport } from './contacts.ts';
import type { MandatsRapport } from './mandats.ts';
import {
  compterPourPartenaire,
  lirePerimetrePartenaire,
  type PerimetrePartenaire,
  perimetrePartenaireParDefaut,
  perimetresPartenaires,
  resoudrePartenaire,
} from './perimetre-partenaire.ts';
import {
  ajouterJours,
  anneePrecedente,
  libellePeriode,
  nombreJours,
  type Periode,
  periodePrecedente,
  trimestreDe,
} from './periode.ts';
import { agregerRendezVous, type RendezVousRapport } from './rendez-vous.ts';
import * as repo from './repo.ts';
import { mandatsDuRapport } from './repo-mandats.ts';
import { compterRendezVous } from './repo-rendez-vous.ts';
import type { CibleSaisines } from './repo-saisines.ts';
import type { SaisinesRapport } from './saisines.ts';
import { contactsDuRapport } from './service-contacts.ts';
import { saisinesDuRapportAgregees } from './service-saisines.ts';

export type Perimetre =
  | { type: 'nation' }
  | { type: 'region'; code: string }
  | { type: 'departement'; code: string }
  | { type: 'structure'; id: string }
  | { type: 'site'; id: string }
  | PerimetrePartenaire;

export const cleDePerimetre = (p: Perimetre) =>
  p.type === 'nation'
    ? 'nation'
    : p.type === 'partenaire'
      ? `partenaire:${p.id}${p.code ? `:${p.code}` : ''}`
      : `${p.type}:${'code' in p ? p.code : p.id}`;

/** One line of a breakdown: the period's count and the two comparisons. */
export interface Ligne {
  cle: string;
  libelle: string;
  n: number;
  precedente: number;
  anneePrecedente: number;
}

export interface Rapport {
  perimetre: Perimetre & { libelle: string };
  /** Today's calendar quarter in the scope's zone (the default period). */
  trimestreEnCours: Periode;
  periode: Periode & { libelle: string };
  precedente: Periode & { libelle: string };
  anneePrecedente: Periode & { libelle: string };
  total: Ligne;
  /** Flags counted over the period, with comparisons. */
  reperes: Ligne[];
  canaux: Ligne[];
  partenaires: Ligne[];
  themes: Ligne[];
  situations: Ligne[];
  niveaux: Ligne[];
  issues: Ligne[];
  durees: Ligne[];
  tranchesAge: Ligne[];
  /** By département (nation, region), by site (département, structure), by stop (site, tours of a structure). */
  lieux: { titre: string; lignes: Ligne[] };
  /** Requests by ISO weekday (1 = Monday) and local hour, for the period. */
  grille: { heures: number[]; jours: number[][] };
  /** Appointments of the period (not compared): booked, seen, no-shows, cancellations, per site and motif. */
  rendezVous: RendezVousRapport;
  /** Messages written to the sites, received in the period: answered in time, median time to the first answer. */
  contacts: ContactsRapport;
  /**
   * Cases handed to partners' référents, created in the period, per partner and département; null (or absent) when the
   * reader may count none (managers, agents).
   */
  saisines?: SaisinesRapport | null;
  /**
   * Mandates signed, active at the end, revoked and expired, per structure (issue 14): counts for managers,
   * coordinators and the national administration; null (or absent) for anyone else and in a partner's report.
   */
  mandats?: MandatsRapport | null;
}

/** The appointments and messages sections are the sites' own: a partner's report leaves them out. */
export const avecSectionsDesLieux = (r: Pick<Rapport, 'perimetre'>) => r.perimetre.type !== 'partenaire';

const JOURS_SEMAINE = 7;

/** What the actor may open: a département for its coordinator, a structure for its managers, a site for its agents. */
function visible(p: Portee, cible: { departement?: string; structureId?: string; siteId?: string }) {
  return (
    p.national ||
    (cible.departement !== undefined && p.departements.includes(cible.departement)) ||
    (cible.structureId !== undefined && p.structures.includes(cible.structureId)) ||
    (cible.siteId !== undefined && p.sites.includes(cible.siteId))
  );
}

/** The scope a person lands on: the nation, their first département, their structure or their site. */
export function perimetreParDefaut(acteur: Acteur): Perimetre | null {
  const p = porteeActivite(acteur);
  if (p.national) return { type: 'nation' };
  if (p.departements[0]) return { type: 'departement', code: p.departements[0] };
  if (p.structures[0]) return { type: 'structure', id: p.structures[0] };
  if (p.sites[0]) return { type: 'site', id: p.sites[0] };
  return perimetrePartenaireParDefaut(p);
}

/** Checks the scope against the actor and gives its name, how to count it, and its time zone for "today". */
async function resoudre(db: Db, acteur: Acteur, perimetre: Perimetre) {
  const p = porteeActivite(acteur);
  switch (perimetre.type) {
    case 'nation':
      if (!p.national) throw new AppError('interdit');
      return { libelle: 'France entière', departements: null, fuseau: 'Europe/Paris' } as const;
    case 'region': {
      const region = REGIONS.find((r) => r.code === perimetre.code);
      if (!region) introuvable();
      const departements = DEPARTEMENTS.filter((d) => d.region === region.code).map((d) => d.code);
      if (!p.national && !departements.every((d) => p.departements.includes(d))) throw new AppError('interdit');
      return { libelle: `Région ${region.nom}`, departements, fuseau: 'Europe/Paris' } as const;
    }
    case 'departement': {
      if (!territoire(perimetre.code)) introuvable();
      if (!visible(p, { departement: perimetre.code })) throw new AppError('interdit');
      return {
        libelle: libelleTerritoire(perimetre.code),
        departements: [perimetre.code],
        fuseau: fuseauHoraireDepartement(perimetre.code),
      } as const;
    }
    case 'structure': {
      const s = await repo.trouverStructure(db, p, perimetre.id);
      if (!s) introuvable();
      if (!visible(p, { departement: s.departement, structureId: s.id })) throw new AppError('interdit');
      return { libelle: s.nom, filtre: { structureId: s.id }, fuseau: 'Europe/Paris' } as const;
    }
    case 'site': {
      const s = await repo.trouverSite(db, p, perimetre.id);
      if (!s) introuvable();
      return { libelle: s.nom, filtre: { siteId: s.id }, fuseau: s.fuseau } as const;
    }
    case 'partenaire':
      return resoudrePartenaire(db, p, perimetre);
  }
}

/**
 * The previous period and the same period a year before. A period still running (the current quarter) is compared
 * to date: as many days from the start of each comparison period as have passed in it, so that a quarter half gone
 * is not compared with a whole one.
 */
export function comparaisons(periode: Periode, aujourdhui: string): [Periode, Periode] {
  const precedente = periodePrecedente(periode);
  const unAn = anneePrecedente(periode);
  if (periode.au <= aujourdhui || periode.du > aujourdhui) return [precedente, unAn];
  const ecoules = nombreJours({ du: periode.du, au: aujourdhui });
  const tronquer = (p: Periode): Periode => {
    const au = ajouterJours(p.du, ecoules - 1);
    // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, compared as such
    return { du: p.du, au: au < p.au ? au : p.au };
  };
  return [tronquer(precedente), tronquer(unAn)];
}

/**
 * The activity report of a scope over a period, with the previous period and the same period a year before: totals
 * and breakdowns by channel, partner, theme, life situation, level of help, outcome, duration, age band, place, and
 * the weekday × hour grid. It reads the counters kept by the database (by département, or by site for a structure or
 * a site), and counts the requests themselves only for the loose days of periods that are not whole months. Every
 * path gives the figures of the rows (tested).
 */
export async function rapport(
  db: Db,
  acteur: Acteur,
  perimetre: Perimetre,
  /** null: the calendar quarter of today in the scope's zone. */
  demandee: Periode | null,
  maintenant = new Date(),
): Promise<Rapport> {
  const r = await resoudre(db, acteur, perimetre);
  const aujourdhui = dateLocale(maintenant, r.fuseau);
  const trimestreEnCours = trimestreDe(aujourdhui);
  const periode = demandee ?? trimestreEnCours;
  const periodes = [periode, ...comparaisons(periode, aujourdhui)];
  const departements = 'departements' in r && r.departements ? [...r.departements] : null;
  const partenaire = 'partenaire' in r ? r.partenaire : null;
  // A partner's report counts no appointment nor message: those belong to the sites (an empty target reads nothing).
  const cible = 'filtre' in r && r.filtre ? r.filtre : { departements: partenaire ? [] : departements };
  const cibleSaisines: CibleSaisines = partenaire ?? cible;
  const [comptes, catalogue, rendezVous, contacts] = await Promise.all([
    partenaire
      ? compterPourPartenaire(db, partenaire, periodes)
      : 'filtre' in r && r.filtre
        ? repo.compterLieux(db, r.filtre, periodes)
        : repo.compterParDepartements(db, departements, periodes),
    libellesCatalogue(db),
    compterRendezVous(db, porteeActivite(acteur), cible, periode),
    contactsDuRapport(db, porteeActivite(acteur), cible, periode, maintenant),
  ]);
  const saisines = await saisinesDuRapportAgregees(
    db,
    acteur,
    cibleSaisines,
    periode,
    maintenant,
    (id) => catalogue.partenaires.get(id) ?? 'Partenaire inconnu',
  );
  const mandats = await mandatsDuRapport(db, acteur, partenaire ? null : cible, periode, maintenant);

  // dimension → valeur → [period, previous, year before]
  const table = new Map<string, Map<string, [number, number, number]>>();
  for (const c of comptes) {
    let d = table.get(c.dimension);
    if (!d) {
      d = new Map();
      table.set(c.dimension, d);
    }
    const v = d.get(c.valeur) ?? [0, 0, 0];
    v[c.p] = (v[c.p] ?? 0) + c.n;
    d.set(c.valeur, v);
  }
  const ligne = (cle: string, libelle: string, v: [number, number, number] | undefined): Ligne => ({
    cle,
    libelle,
    n: v?.[0] ?? 0,
    precedente: v?.[1] ?? 0,
    anneePrecedente: v?.[2] ?? 0,
  });
  /** Values in a fixed order (enums): every value shown, zero included. */
  const fixes = (dimension: string, libelles: Record<string, string>) =>
    Object.entries(libelles).map(([cle, libelle]) => ligne(cle, libelle, table.get(dimension)?.get(cle)));
  /** Open lists (partners, situations, places): the values met, largest first. */
  const ouvertes = (dimension: string, nom: (cle: string) => string) =>
    [...(table.get(dimension) ?? new Map<string, [number, number, number]>())]
      .map(([cle, v]) => ligne(cle, nom(cle), v))
      .filter((l) => l.n + l.precedente + l.anneePrecedente > 0)
      .sort((a, b) => b.n - a.n || b.precedente - a.precedente || a.libelle.localeCompare(b.libelle, 'fr'));
  const seul = (dimension: string, libelle: string) => ligne(dimension, libelle, table.get(dimension)?.get(''));

  // National and regional reports list départements: the names of thousands of sites are not needed there.
  const parLieux = perimetre.type !== 'nation' && perimetre.type !== 'region';
  const sites = parLieux ? [...(table.get('site')?.keys() ?? [])] : [];
  const arretsIds = parLieux ? [...(table.get('arret')?.keys() ?? [])] : [];
  const noms = await repo.nomsDesLieux(db, sites, arretsIds);
  let lieux: Rapport['lieux'];
  if (perimetre.type === 'nation' || perimetre.type === 'region') {
    const titre = perimetre.type === 'nation' ? 'Par département ou collectivité' : 'Par département';
    lieux = { titre, lignes: ouvertes('departement', nomDepartement) };
  } else if (perimetre.type === 'site') {
    lieux = {
      titre: 'Par arrêt de la tournée',
      lignes: ouvertes('arret', (c) => noms.arrets.get(c)?.nom ?? 'Arrêt inconnu'),
    };
  } else {
    const parSite = ouvertes('site', (c) => noms.sites.get(c) ?? 'Lieu inconnu');
    const parArret = ouvertes('arret', (c) => {
      const a = noms.arrets.get(c);
      return a ? `${noms.sites.get(a.siteId) ?? ''} – arrêt ${a.nom}` : 'Arrêt inconnu';
    });
    lieux = { titre: parArret.length ? 'Par lieu et par arrêt' : 'Par lieu', lignes: [...parSite, ...parArret] };
  }

  const grilleBrute = table.get('creneau') ?? new Map<string, [number, number, number]>();
  const heuresVues = [...grilleBrute.entries()].filter(([, v]) => v[0] > 0).map(([k]) => Number(k.split('-')[1]));
  const heures = Array.from({ length: 24 }, (_, h) => h).filter((h) => (h >= 8 && h <= 18) || heuresVues.includes(h));
  const grille = {
    heures,
    jours: Array.from({ length: JOURS_SEMAINE }, (_, j) =>
      heures.map((h) => grilleBrute.get(`${j + 1}-${String(h).padStart(2, '0')}`)?.[0] ?? 0),
    ),
  };

  const avecLibelle = (x: Periode) => ({ ...x, libelle: libellePeriode(x) });
  return {
    perimetre: { ...perimetre, libelle: r.libelle },
    trimestreEnCours,
    periode: avecLibelle(periodes[0] as Periode),
    precedente: avecLibelle(periodes[1] as Periode),
    anneePrecedente: avecLibelle(periodes[2] as Periode),
    total: seul('total', 'Sollicitations'),
    reperes: [
      seul('non_recours', 'Non-recours repéré'),
      seul('difficulte_numerique', 'Difficulté avec le numérique'),
      seul('premiere_visite', 'Première visite'),
    ],
    canaux: fixes('canal', LIBELLES_CANAUX),
    partenaires: ouvertes('partenaire', (c) => catalogue.partenaires.get(c) ?? 'Partenaire inconnu'),
    themes: ouvertes('theme', (c) => catalogue.themes.get(c) ?? 'Thème inconnu'),
    situations: ouvertes('situation', (c) => catalogue.situations.get(c) ?? 'Situation inconnue'),
    niveaux: fixes('niveau', LIBELLES_NIVEAUX),
    issues: fixes('issue', LIBELLES_ISSUES),
    durees: fixes('duree', LIBELLES_DUREES),
    tranchesAge: fixes('tranche_age', LIBELLES_TRANCHES_AGE),
    lieux,
    grille,
    rendezVous: agregerRendezVous(rendezVous),
    contacts,
    saisines,
    mandats,
  };
}

/**
 * The scopes the actor may choose in the report's form, widest first: nation and regions for the national
 * administration, départements for coordinators, then (for people working in structures) their structures and sites.
 * Structures and sites of wider scopes are reached from the "by place" table.
 */
export async function perimetresProposes(db: Db, acteur: Acteur): Promise<Array<{ valeur: string; libelle: string }>> {
  const p = porteeActivite(acteur);
  const choix: Array<{ valeur: string; libelle: string }> = [];
  if (p.national) {
    choix.push({ valeur: 'nation', libelle: 'France entière' });
    for (const r of REGIONS) choix.push({ valeur: `region:${r.code}`, libelle: `Région ${r.nom}` });
  }
  const deps = p.national ? TERRITOIRES.map((d) => d.code) : p.departements;
  for (const d of deps) choix.push({ valeur: `departement:${d}`, libelle: libelleTerritoire(d) });
  choix.push(...(await perimetresPartenaires(db, p)));
  if (!p.national && p.departements.length === 0) {
    const lieux = await repo.lieuxProposes(db, p);
    const structures = new Map<string, string>();
    for (const l of lieux) if (p.structures.includes(l.structureId)) structures.set(l.structureId, l.structureNom);
    for (const [id, nom] of structures) choix.push({ valeur: `structure:${id}`, libelle: nom });
    for (const l of lieux) choix.push({ valeur: `site:${l.siteId}`, libelle: `${l.siteNom} (lieu)` });
  }
  return choix;
}

/** Reads "nation", "region:84", "departement:92", "structure:<uuid>", "site:<uuid>"; anything else is null. */
export function lirePerimetre(texte: unknown): Perimetre | null {
  if (typeof texte !== 'string') return null;
  if (texte === 'nation') return { type: 'nation' };
  if (texte.startsWith('partenaire:')) return lirePerimetrePartenaire(texte);
  const m = /^(region|departement|structure|site):([0-9A-Za-z-]{1,36})$/.exec(texte);
  if (!m?.[1] || !m[2]) return null;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (m[1] === 'structure' || m[1] === 'site') return uuid.test(m[2]) ? { type: m[1], id: m[2] } : null;
  return { type: m[1] as 'region' | 'departement', code: m[2] };
}
