// Synthetic activity for load tests and demonstrations (npm run generate:activity). Requests are streamed into
// `sollicitations` with COPY on a connection where triggers are off (session_replication_role = replica): no journal
// entry, no per-row counter update. The statistics counters are computed here while generating, exactly as
// stats_dimensions() would, and added to the counter tables, so counts from real entries stay right.
// Everything from the first delete to the counters is one transaction: a failure leaves the database as it was.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ajouterJours, dateLocale } from '../../modules/horaires/index.ts';
import { importerFranceServices } from '../../modules/imports/index.ts';
import { PORTEE_NATIONALE } from '../../modules/portee/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { COLONNES, type Plan, produire, type SiteGen, Sortie } from './flux.ts';
import {
  calibrerPartenaires,
  FACTEURS_GENRE,
  fenetre,
  hasardDepuis,
  memeDateIlYa,
  normale,
  PARTS_PARTENAIRES,
  POIDS_SITUATIONS,
  poidsDesJours,
  repartir,
  SAISONS_PARTENAIRES,
  SIGMA_TAILLE_SITE,
  type SituationModele,
  tableAlias,
  tirage,
} from './modele.ts';
import {
  assurerAgents,
  chargerSites,
  chargerSituations,
  compterSitesActifs,
  estimerLignes,
  ident,
  indexSecondaires,
  type SiteCharge,
  supprimerSynthetiques,
  videEnCeCas,
} from './sql.ts';

export interface OptionsGeneration {
  /** Number of years ending yesterday (default 1). */
  annees?: number;
  /** Mean number of requests per year (default 100,000): the window holds annees × parAn rows. */
  parAn?: number;
  /** Seed of the random generator (default 1): the same seed on the same day gives the same activity. */
  graine?: number;
  /** Delete the synthetic requests of earlier runs first. */
  remplacer?: boolean;
  /** Import the national list when the database has fewer than 1,000 active sites (default true). */
  importerReseau?: boolean;
  maintenant?: Date;
  /** Progress lines (each step, and every million rows). */
  journal?: (ligne: string) => void;
}

export interface BilanGeneration {
  lignes: number;
  annees: number;
  du: string;
  au: string;
  /** Rows per year of the window, most recent first. */
  parAnnee: Array<{ du: string; au: string; lignes: number }>;
  supprimees: number;
  sitesImportes: number;
  agentsCrees: number;
  sites: number;
  secondes: number;
  lignesParSeconde: number;
  /** pg_total_relation_size('sollicitations'), bytes. */
  tailleTable: number;
  indexReconstruits: string[];
}

/** The database refuses what generation needs (turning triggers off takes a superuser). */
export class GenerationImpossible extends Error {}

const SEUIL_RESEAU = 1000;
const LISTE_NATIONALE = new URL('../../../data/france-services-2022-12-01.csv', import.meta.url);

/** Fills the request log with realistic synthetic requests (see OptionsGeneration); returns what was done. */
export async function genererActivite(
  database: { db: Db; pool: pg.Pool },
  options: OptionsGeneration = {},
): Promise<BilanGeneration> {
  const debut = performance.now();
  const journal = options.journal ?? (() => {});
  const annees = options.annees ?? 1;
  const parAn = options.parAn ?? 100_000;
  if (!Number.isInteger(annees) || annees < 1 || annees > 20) throw new RangeError('annees: an integer from 1 to 20');
  if (!Number.isInteger(parAn) || parAn < 0) throw new RangeError('parAn: a positive integer');
  const maintenant = options.maintenant ?? new Date();
  const { pool } = database;

  let sitesImportes = 0;
  const actifs = await compterSitesActifs(pool);
  if (actifs < SEUIL_RESEAU && options.importerReseau !== false) {
    journal(`${actifs} lieux actifs : import de la liste nationale (${LISTE_NATIONALE.pathname})…`);
    const rapport = await importerFranceServices(database.db, PORTEE_NATIONALE, readFileSync(LISTE_NATIONALE));
    sitesImportes = rapport.creees;
    journal(`  ${rapport.creees} lieux créés, ${rapport.misesAJour} mis à jour, ${rapport.rejetees.length} rejetés.`);
  }
  const agentsCrees = await assurerAgents(pool);
  if (agentsCrees > 0) journal(`${agentsCrees} agents synthétiques créés (un par structure).`);

  const sites = await chargerSites(pool);
  const situations = await chargerSituations(pool);
  if (sites.length === 0) throw new GenerationImpossible('Aucun lieu actif : rien à générer.');
  if (situations.length === 0) throw new GenerationImpossible('Aucune situation de vie nationale active.');

  const aujourdhui = dateLocale(maintenant, 'Europe/Paris');
  const { du, au } = fenetre(aujourdhui, annees);
  const poids = poidsDesJours(du, au);
  const total = annees * parAn;
  const parJour = repartir(
    poids.map((j) => j.poids),
    total,
  );
  const jours = poids.map((j, i) => ({ jour: j.jour, n: parJour[i] ?? 0 }));
  const parAnnee = Array.from({ length: annees }, (_, k) => {
    const debutAnnee = memeDateIlYa(aujourdhui, k + 1);
    const finAnnee = ajouterJours(memeDateIlYa(aujourdhui, k), -1);
    const lignes = jours.reduce((a, j) => a + (j.jour >= debutAnnee && j.jour <= finAnnee ? j.n : 0), 0);
    return { du: debutAnnee, au: finAnnee, lignes };
  });
  journal(
    `${total.toLocaleString('fr-FR')} sollicitations du ${du} au ${au} sur ${sites.length} lieux. ` +
      '--per-year est la moyenne annuelle (total = années × per-year) ; par année, la plus récente d’abord : ' +
      `${parAnnee.map((a) => a.lignes.toLocaleString('fr-FR')).join(', ')}.`,
  );

  const plan = preparerPlan(sites, situations, jours, options.graine ?? 1);
  const chargement = await charger(pool, plan, {
    graine: options.graine ?? 1,
    remplacer: options.remplacer ?? false,
    maintenant,
    journal,
    debut,
  });

  // VACUUM rather than a bare ANALYZE: the visibility map and hint bits are set now, not by the first reports read.
  journal('VACUUM ANALYZE…');
  await pool.query('vacuum (analyze) sollicitations, stats_departement_jour, stats_departement_mois');
  const taille = await pool.query<{ t: string }>(`select pg_total_relation_size('sollicitations')::text as t`);
  const secondes = (performance.now() - debut) / 1000;
  return {
    lignes: chargement.lignes,
    annees,
    du,
    au,
    parAnnee,
    supprimees: chargement.supprimees,
    sitesImportes,
    agentsCrees,
    sites: sites.length,
    secondes,
    lignesParSeconde: chargement.lignes / secondes,
    tailleTable: Number(taille.rows[0]?.t ?? 0),
    indexReconstruits: chargement.index,
  };
}

function preparerPlan(
  charges: SiteCharge[],
  situations: Array<SituationModele & { codesPartenaires: string[] }>,
  jours: Array<{ jour: string; n: number }>,
  graine: number,
): Plan {
  const departements = [...new Set(charges.map((s) => s.departement))].sort();
  const zones = [...new Set(charges.map((s) => s.fuseau))].sort();
  let arretBase = 0;
  const sites: SiteGen[] = charges.map((s, index) => {
    const site = {
      ...s,
      index,
      dep: departements.indexOf(s.departement),
      zone: zones.indexOf(s.fuseau),
      arretBase,
    };
    arretBase += s.arrets.length;
    return site;
  });
  // Site sizes come from their own stream, so that they do not depend on how many requests are drawn.
  const tailles = hasardDepuis(graine ^ 0x5eed5eed);
  const tirerSite = tableAlias(
    sites.map((s) => Math.exp(SIGMA_TAILLE_SITE * normale(tailles)) * (FACTEURS_GENRE[s.genre] ?? 1)),
  );

  // Partners (ids) in a fixed order, their codes, their target shares and seasons.
  const codes = new Map<string, string>();
  for (const s of situations) {
    s.partenaires.forEach((p, i) => {
      codes.set(p, s.codesPartenaires[i] as string);
    });
  }
  const partenaires = [...codes.keys()].sort((a, b) => (codes.get(a) as string).localeCompare(codes.get(b) as string));
  const situationsPar = partenaires.map((p) =>
    situations
      .filter((s) => s.partenaires[0] === p)
      .map((situation) => ({ situation, poids: POIDS_SITUATIONS[situation.code] ?? 1 })),
  );
  // A partner that is never a situation's usual partner is only ever named next to another one.
  const cibles = partenaires.map((p, i) =>
    (situationsPar[i] as unknown[]).length === 0 ? 0 : (PARTS_PARTENAIRES[codes.get(p) as string] ?? 0.005),
  );
  const saisons = partenaires.map((p) => SAISONS_PARTENAIRES[codes.get(p) as string] ?? new Array(12).fill(1));
  const volumesMois = new Array<number>(12).fill(0);
  for (const j of jours) {
    const m = Number(j.jour.slice(5, 7)) - 1;
    volumesMois[m] = (volumesMois[m] ?? 0) + j.n;
  }
  const base = calibrerPartenaires(partenaires, cibles, situationsPar, saisons, volumesMois);
  const partenaireDuMois = Array.from({ length: 12 }, (_, m) =>
    tirage(base.flatMap((b, i) => (b > 0 ? [[i, b * ((saisons[i] as number[])[m] ?? 1)] as const] : []))),
  );
  return {
    sites,
    departements,
    zones,
    tirerSite,
    partenaireDuMois,
    situationsPar: situationsPar.map((liste) =>
      liste.length === 0
        ? () => situations[0] as SituationModele
        : tirage(liste.map((x) => [x.situation, x.poids] as const)),
    ),
    partenaires,
    themes: [...new Set(situations.map((s) => s.themeId))],
    situations: situations.map((s) => s.id),
    jours,
    total: jours.reduce((a, j) => a + j.n, 0),
  };
}

/**
 * The load, in one transaction on a connection with triggers off: optional delete of earlier synthetic rows, drop of
 * the secondary indexes (when the table at least doubles), COPY of the requests while a second connection COPYs their
 * counters into a staging table, then counters added to the statistics tables and indexes rebuilt.
 */
async function charger(
  pool: pg.Pool,
  plan: Plan,
  o: { graine: number; remplacer: boolean; maintenant: Date; journal: (l: string) => void; debut: number },
): Promise<{ lignes: number; supprimees: number; index: string[] }> {
  const { journal } = o;
  const c1 = await pool.connect();
  const c2 = await pool.connect();
  const staging = `stats_generation_${randomBytes(6).toString('hex')}`;
  const flux: Writable[] = [];
  let ok = false;
  try {
    await c1.query('begin');
    try {
      await c1.query('set local session_replication_role = replica');
    } catch (error) {
      if ((error as { code?: string }).code === '42501') {
        throw new GenerationImpossible(
          'La génération désactive les déclencheurs (SET session_replication_role = replica), ce qui demande un ' +
            'rôle superutilisateur PostgreSQL. La base embarquée (sans DATABASE_URL) en a un ; sur un serveur ' +
            'externe, utilisez un rôle superutilisateur ou « GRANT SET ON PARAMETER session_replication_role TO … ».',
        );
      }
      throw error;
    }
    await c1.query(`set local maintenance_work_mem = '1GB'`);
    let supprimees = 0;
    if (o.remplacer) {
      journal('Suppression des sollicitations synthétiques précédentes…');
      supprimees = await supprimerSynthetiques(c1);
      journal(`  ${supprimees.toLocaleString('fr-FR')} supprimées.`);
    }
    // An empty table is truncated in this transaction, which allows COPY FREEZE (rows written already frozen).
    const geler = await videEnCeCas(c1);
    if (geler) journal('Table vide : COPY … WITH (FREEZE).');
    const index = (await estimerLignes(c1)) <= plan.total ? await indexSecondaires(c1) : [];
    for (const i of index) await c1.query(`drop index ${ident(i.nom)}`);
    if (index.length > 0) journal(`Index retirés le temps du chargement : ${index.map((i) => i.nom).join(', ')}.`);

    await c2.query(
      `create unlogged table ${ident(staging)} (periode char(1) not null, date date not null, ` +
        'departement varchar(3) not null, dimension varchar(24) not null, valeur varchar(40) not null, n integer not null, ' +
        'site_id uuid, structure_id uuid)',
    );
    const lignesSortie = new Sortie(
      c1.query(copyFrom(`copy sollicitations (${COLONNES}) from stdin${geler ? ' with (freeze)' : ''}`)),
    );
    const statsSortie = new Sortie(c2.query(copyFrom(`copy ${ident(staging)} from stdin`)));
    flux.push(lignesSortie.flux, statsSortie.flux);
    const lignes = await produire(plan, lignesSortie, statsSortie, o);
    await Promise.all([lignesSortie.terminer(), statsSortie.terminer()]);

    journal('Ajout des compteurs statistiques…');
    await c1.query(
      `insert into stats_departement_jour as c (jour, departement, dimension, valeur, n)
       select date, departement, dimension, valeur, n from ${ident(staging)} where periode = 'j'
       on conflict (jour, departement, dimension, valeur) do update set n = c.n + excluded.n`,
    );
    await c1.query(
      `insert into stats_departement_mois as c (mois, departement, dimension, valeur, n)
       select date, departement, dimension, valeur, n from ${ident(staging)} where periode = 'm'
       on conflict (mois, departement, dimension, valeur) do update set n = c.n + excluded.n`,
    );
    await c1.query(
      `insert into stats_site_mois as c (site_id, mois, structure_id, dimension, valeur, n)
       select site_id, date, structure_id, dimension, valeur, n from ${ident(staging)} where periode = 's'
       on conflict (site_id, mois, dimension, valeur) do update set n = c.n + excluded.n`,
    );
    for (const i of index) {
      journal(`Reconstruction de ${i.nom}…`);
      await c1.query(i.definition);
    }
    await c1.query('commit');
    ok = true;
    return { lignes, supprimees, index: index.map((i) => i.nom) };
  } catch (error) {
    for (const f of flux) f.destroy();
    await c1.query('rollback').catch(() => {});
    throw error;
  } finally {
    c1.release(!ok);
    c2.release(!ok);
    await pool.query(`drop table if exists ${ident(staging)}`).catch(() => {});
  }
}
