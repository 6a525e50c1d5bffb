// Public yearly indicators, national and per site (/indicateurs). Anyone may read them, so every figure goes through
// the statistical-secrecy rule below before it leaves this file: no count under 5 is published, directly or by
// difference with the published total.

import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { versCsv } from '../../platform/formats/csv.ts';
import { partenaires } from '../catalogue/tables.ts';
import { sitePublic } from '../donnees/index.ts';
import { dateLocale } from '../horaires/index.ts';
import { sollicitations } from '../sollicitations/tables.ts';
import { sites, structures } from '../structures/tables.ts';
import { nomDepartement, territoire } from '../territoires/index.ts';
import { statsDepartementMois } from './tables.ts';

/** Below this, a count could point at a person: it is never published. */
export const SEUIL_SECRET = 5;
/** Complete years published before the current one. */
export const ANNEES_COMPLETES_MAX = 10;
const FUSEAU_NATIONAL = 'Europe/Paris';

/** What may be published of a part of a yearly total (requests resolved on site, requests naming a partner). */
export type Publication =
  | { type: 'visible'; n: number; pourcentage: number }
  /** The part itself is under the threshold: "moins de 5", no percentage. */
  | { type: 'moins_de_5' }
  /**
   * What is left outside the part is under the threshold: count and percentage would give it away by difference with
   * the total. `plusDe95` is true when every value still possible is above 95 % (it depends on the total only).
   */
  | { type: 'complement_masque'; plusDe95: boolean };

/**
 * The statistical-secrecy rule for one part `n` of a published total: a count under 5 is shown as "moins de 5" and
 * its percentage is hidden; a count that leaves fewer than 5 outside it is hidden with its percentage too, since
 * total − part would reveal the small count. A total under 5 publishes no breakdown at all.
 */
export function publier(n: number, total: number): Publication {
  if (total < SEUIL_SECRET || n < SEUIL_SECRET) return { type: 'moins_de_5' };
  if (total - n < SEUIL_SECRET) {
    // The hidden complement is at most SEUIL_SECRET - 1: the share is at least (total - 4) / total whatever it is.
    return { type: 'complement_masque', plusDe95: (total - (SEUIL_SECRET - 1)) / total > 0.95 };
  }
  return { type: 'visible', n, pourcentage: (n / total) * 100 };
}

/** Raw counts of one year (or of the months of the current year already over). */
export interface ComptesAnnee {
  annee: number;
  total: number;
  resolus: number;
  /** Requests naming each partner (by id); a request may name several. */
  partenaires: Map<string, number>;
}

export interface PartenaireCatalogue {
  id: string;
  libelle: string;
  actif: boolean;
}

export interface IndicateursAnnee {
  annee: number;
  /** Civil dates covered: the whole year, or the current year up to the end of the last month over. */
  du: string;
  au: string;
  complete: boolean;
  /** null when the total is under the threshold: then nothing else is published for the year. */
  total: number | null;
  resolus: Publication | null;
  partenaires: Array<{ id: string; libelle: string; publication: Publication }>;
}

/** Order of partner rows that leaks nothing about hidden counts: hidden ones never sort by their value. */
const RANG = { complement_masque: 0, visible: 1, moins_de_5: 2 } as const;

/**
 * Applies the secrecy rule to one year. Partners listed: every active catalogue-wide partner (so that "moins de 5"
 * does not tell a zero from a few), and retired ones only when they have a visible count.
 */
export function protegerAnnee(
  c: ComptesAnnee,
  catalogue: PartenaireCatalogue[],
  periode: { du: string; au: string; complete: boolean },
): IndicateursAnnee {
  const base = { annee: c.annee, ...periode };
  if (c.total < SEUIL_SECRET) return { ...base, total: null, resolus: null, partenaires: [] };
  const lignes = catalogue
    .map((p) => ({
      id: p.id,
      libelle: p.libelle,
      actif: p.actif,
      publication: publier(c.partenaires.get(p.id) ?? 0, c.total),
    }))
    .filter((p) => p.actif || p.publication.type !== 'moins_de_5')
    .map(({ actif: _, ...p }) => p)
    .sort(
      (a, b) =>
        RANG[a.publication.type] - RANG[b.publication.type] ||
        (a.publication.type === 'visible' && b.publication.type === 'visible'
          ? b.publication.n - a.publication.n
          : 0) ||
        a.libelle.localeCompare(b.libelle, 'fr'),
    );
  return { ...base, total: c.total, resolus: publier(c.resolus, c.total), partenaires: lignes };
}

export interface Indicateurs {
  /** Most recent first; only years with at least one request. */
  annees: IndicateursAnnee[];
}

/** The query string of the pages: the year shown in detail and, nationally, the département whose sites are listed. */
export const FiltreIndicateurs = z.object({
  annee: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  departement: z
    .string()
    .regex(/^(\d{2,3}|2[AB])$/)
    .optional()
    .catch(undefined),
});
export type FiltreIndicateurs = z.infer<typeof FiltreIndicateurs>;

/** The year shown in detail: the one asked for when it has figures, else the last complete year, else the current. */
export function anneeChoisie(indicateurs: Indicateurs, demandee: number | undefined): IndicateursAnnee | null {
  return (
    indicateurs.annees.find((a) => a.annee === demandee) ??
    indicateurs.annees.find((a) => a.complete) ??
    indicateurs.annees[0] ??
    null
  );
}

/**
 * The window published, in a time zone: complete years, then the current year up to the end of the last month over.
 * Whole months only, so that two visits a day apart cannot be subtracted to isolate one day's requests.
 */
export function fenetre(maintenant: Date, fuseau: string) {
  const aujourdhui = dateLocale(maintenant, fuseau);
  const anneeCourante = Number(aujourdhui.slice(0, 4));
  const finExclue = `${aujourdhui.slice(0, 7)}-01`;
  const debut = `${anneeCourante - ANNEES_COMPLETES_MAX}-01-01`;
  const periode = (annee: number) => {
    if (annee < anneeCourante) return { du: `${annee}-01-01`, au: `${annee}-12-31`, complete: true };
    const fin = new Date(`${finExclue}T00:00:00Z`);
    fin.setUTCDate(0);
    return { du: `${annee}-01-01`, au: fin.toISOString().slice(0, 10), complete: false };
  };
  return { debut, finExclue, periode };
}

/** Catalogue-wide partners (national ones and those the national administration added); local ones are a structure's. */
async function partenairesPublics(db: Executor): Promise<PartenaireCatalogue[]> {
  return db
    .select({ id: partenaires.id, libelle: partenaires.nomCourt, actif: partenaires.actif })
    .from(partenaires)
    .where(isNull(partenaires.structureId));
}

function assembler(
  comptes: Map<number, ComptesAnnee>,
  catalogue: PartenaireCatalogue[],
  periode: ReturnType<typeof fenetre>['periode'],
): Indicateurs {
  const annees = [...comptes.values()]
    .filter((c) => c.total > 0)
    .sort((a, b) => b.annee - a.annee)
    .map((c) => protegerAnnee(c, catalogue, periode(c.annee)));
  return { annees };
}

function comptesDe(map: Map<number, ComptesAnnee>, annee: number): ComptesAnnee {
  const c = map.get(annee) ?? { annee, total: 0, resolus: 0, partenaires: new Map<string, number>() };
  map.set(annee, c);
  return c;
}

/** National indicators, from the monthly counters the database keeps (`stats_departement_mois`). */
export async function indicateursNationaux(db: Executor, maintenant: Date): Promise<Indicateurs> {
  const f = fenetre(maintenant, FUSEAU_NATIONAL);
  const t = statsDepartementMois;
  const [lignes, catalogue] = await Promise.all([
    db
      .select({
        annee: sql<number>`extract(year from ${t.mois})::int`.mapWith(Number),
        dimension: t.dimension,
        valeur: t.valeur,
        n: sql<number>`sum(${t.n})::int`.mapWith(Number),
      })
      .from(t)
      .where(
        and(
          inArray(t.dimension, ['total', 'partenaire', 'issue']),
          sql`(${t.dimension} <> 'issue' or ${t.valeur} = 'resolu')`,
          gte(t.mois, f.debut),
          lt(t.mois, f.finExclue),
        ),
      )
      .groupBy(sql`1`, t.dimension, t.valeur),
    partenairesPublics(db),
  ]);
  const comptes = new Map<number, ComptesAnnee>();
  for (const l of lignes) {
    const c = comptesDe(comptes, l.annee);
    if (l.dimension === 'total') c.total += l.n;
    else if (l.dimension === 'issue') c.resolus += l.n;
    else c.partenaires.set(l.valeur, (c.partenaires.get(l.valeur) ?? 0) + l.n);
  }
  return assembler(comptes, catalogue, f.periode);
}

/**
 * One public site (active, of an active structure) and its indicators, counted from its requests (a few thousand a
 * year, read through the site × day index); null for an unknown or inactive site.
 */
export async function indicateursDuSite(db: Executor, siteId: string, maintenant: Date) {
  const site = await sitePublic(db, siteId);
  if (!site) return null;
  const f = fenetre(maintenant, site.fuseauHoraire);
  const s = sollicitations;
  const annee = sql<number>`extract(year from ${s.jour})::int`.mapWith(Number);
  const dansLeSite = and(eq(s.siteId, site.id), gte(s.jour, f.debut), lt(s.jour, f.finExclue));
  const [totaux, parPartenaire, catalogue] = await Promise.all([
    db
      .select({
        annee,
        total: sql<number>`count(*)::int`.mapWith(Number),
        resolus: sql<number>`(count(*) filter (where ${s.issue} = 'resolu'))::int`.mapWith(Number),
      })
      .from(s)
      .where(dansLeSite)
      .groupBy(sql`1`),
    db
      .select({ annee, partenaire: sql<string>`p.id::text`, n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(s)
      .innerJoin(sql`unnest(${s.partenaires}) as p(id)`, sql`true`)
      .where(dansLeSite)
      .groupBy(sql`1`, sql`2`),
    partenairesPublics(db),
  ]);
  const comptes = new Map<number, ComptesAnnee>();
  for (const l of totaux) Object.assign(comptesDe(comptes, l.annee), { total: l.total, resolus: l.resolus });
  for (const l of parPartenaire) comptesDe(comptes, l.annee).partenaires.set(l.partenaire, l.n);
  return {
    site: { id: site.id, nom: site.nom, commune: site.commune, codePostal: site.codePostal },
    indicateurs: assembler(comptes, catalogue, f.periode),
  };
}

/** Active sites of active structures in a département, to reach their indicators; null for an unknown code. */
export async function sitesDuDepartement(db: Executor, code: string) {
  if (!territoire(code)) return null;
  const lignes = await db
    .select({ id: sites.id, nom: sites.nom, commune: sites.commune })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.actif, true), eq(structures.actif, true), eq(structures.departement, code)))
    .orderBy(asc(sites.commune), asc(sites.nom));
  return { code, nom: nomDepartement(code), sites: lignes };
}

const nombreCsv = (p: Publication | null) => (p?.type === 'visible' ? p.n : '');
const partCsv = (p: Publication | null) => (p?.type === 'visible' ? p.pourcentage.toFixed(1) : '');
const secretCsv = (p: Publication | null) =>
  !p || p.type === 'visible'
    ? ''
    : p.type === 'moins_de_5'
      ? 'moins de 5'
      : p.plusDe95
        ? 'masqué (complément inférieur à 5), plus de 95 %'
        : 'masqué (complément inférieur à 5)';

const ENTETES_CSV = ['annee', 'du', 'au', 'indicateur', 'partenaire', 'nombre', 'part_pourcentage', 'secret'];

/** The figures of the page as CSV, with the same secrecy: hidden cells are empty and the last column says why. */
export function indicateursEnCsv(indicateurs: Indicateurs): string {
  const lignes: unknown[][] = [];
  for (const a of indicateurs.annees) {
    const debut = [a.annee, a.du, a.au];
    lignes.push([...debut, 'sollicitations', '', a.total ?? '', '', a.total === null ? 'moins de 5' : '']);
    if (a.total === null) continue;
    lignes.push([...debut, 'resolues_sur_place', '', nombreCsv(a.resolus), partCsv(a.resolus), secretCsv(a.resolus)]);
    for (const p of a.partenaires) {
      lignes.push([
        ...debut,
        'partenaire',
        p.libelle,
        nombreCsv(p.publication),
        partCsv(p.publication),
        secretCsv(p.publication),
      ]);
    }
  }
  return versCsv(ENTETES_CSV, lignes);
}
