// The draw of the synthetic requests, day by day, and the two COPY streams it feeds: the requests themselves and
// their counters (see index.ts for the whole load). This loop runs tens of millions of times: everything that
// does not change per request (slots of the counters, COPY fragments, UTC offsets) is computed beforehand.

import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { instantMural, joursFeries, type Territoire } from '../../modules/horaires/index.ts';
import {
  canalEnum,
  dureeEnum,
  issueEnum,
  niveauAideEnum,
  trancheAgeEnum,
} from '../../modules/sollicitations/tables.ts';
import { Compteurs } from './compteurs.ts';
import {
  CANAUX,
  DUREES,
  type Hasard,
  hasardDepuis,
  ISSUES,
  NIVEAUX,
  PROBA_AGE_RENSEIGNE,
  PROBA_COMMUNE_RENSEIGNEE,
  PROBA_DIFFICULTE_NUMERIQUE,
  PROBA_NON_RECOURS,
  PROBA_PARTENAIRES_SECONDAIRES,
  PROBA_PREMIERE_VISITE,
  type SituationModele,
  TRANCHES_AGE,
  uuidOrdonne,
} from './modele.ts';
import type { SiteCharge } from './sql.ts';

/** The columns of a COPY line, in order. */
export const COLONNES =
  'id, site_id, arret_id, structure_id, departement, agent_id, survenue_le, jour, canal, situation_id, theme_id, ' +
  'partenaires, niveau, issue, duree, non_recours, difficulte_numerique, premiere_visite, tranche_age, ' +
  'commune_residence, cree_le';
const NUL = '\\N';
const deux = (n: number) => String(n).padStart(2, '0');
/** 'HH:MM' for each minute of the day, 'SS' for each second. */
const HEURES = Array.from({ length: 24 * 60 }, (_, m) => `${deux(Math.floor(m / 60))}:${deux(m % 60)}`);
const SECONDES = Array.from({ length: 60 }, (_, s) => deux(s));

export interface SiteGen extends SiteCharge {
  index: number;
  dep: number;
  zone: number;
  /** Index of the site's first stop among all stops. */
  arretBase: number;
}

/** Everything drawn from: sites and their weights, the catalogue and the calibrated partner mix, the days. */
export interface Plan {
  sites: SiteGen[];
  departements: string[];
  zones: string[];
  tirerSite: (h: Hasard) => number;
  /** Per calendar month, a draw of the usual partner (an index into `partenaires`). */
  partenaireDuMois: Array<(h: Hasard) => number>;
  /** Per usual partner, a draw among its situations. */
  situationsPar: Array<(h: Hasard) => SituationModele>;
  partenaires: string[];
  themes: string[];
  situations: string[];
  jours: Array<{ jour: string; n: number }>;
  total: number;
}

/** Draws the requests day by day, writes them and their counters; returns how many were written. */
export async function produire(
  plan: Plan,
  lignesSortie: Sortie,
  statsSortie: Sortie,
  o: { graine: number; maintenant: Date; journal: (l: string) => void; debut: number },
): Promise<number> {
  const { sites, zones, jours, total } = plan;
  const hasard = hasardDepuis(o.graine);
  // Identifiers come from a stream seeded at random, so that two runs with the same seed never collide.
  const hasardIds = hasardDepuis(randomBytes(4).readUInt32LE(0));
  const bits = () => Math.floor(hasardIds() * 4294967296);
  const compteurs = new Compteurs({
    departements: plan.departements,
    partenaires: plan.partenaires,
    themes: plan.themes,
    situations: plan.situations,
    // `milieu` starts with the structure id (see SiteCharge).
    sites: sites.map((s) => ({ id: s.id, dep: s.dep, structureId: s.milieu.split('\t')[0] ?? '' })),
    arrets: sites.flatMap((s, site) => s.arrets.map((a) => ({ id: a.id, dep: s.dep, site }))),
  });
  const slots = <T extends string>(dimension: Parameters<Compteurs['slot']>[0], valeurs: readonly T[]) =>
    new Map(valeurs.map((v) => [v as string, compteurs.slot(dimension, v)]));
  const slotCanal = slots('canal', canalEnum.enumValues);
  const slotNiveau = slots('niveau', niveauAideEnum.enumValues);
  const slotIssue = slots('issue', issueEnum.enumValues);
  const slotDuree = slots('duree', dureeEnum.enumValues);
  const slotAge = slots('tranche_age', trancheAgeEnum.enumValues);
  const slotPartenaire = slots('partenaire', plan.partenaires);
  const slotNonRecours = compteurs.slot('non_recours', '');
  const slotDifficulte = compteurs.slot('difficulte_numerique', '');
  const slotPremiere = compteurs.slot('premiere_visite', '');
  const parSituation = new Map<SituationModele, { theme: number; situation: number; fragment: string; seul: string }>();
  const infos = (s: SituationModele) => {
    let i = parSituation.get(s);
    if (!i) {
      i = {
        theme: compteurs.slot('theme', s.themeId),
        situation: compteurs.slot('situation', s.id),
        fragment: `${s.id}\t${s.themeId}\t`,
        seul: `{${s.partenaires[0]}}`,
      };
      parSituation.set(s, i);
    }
    return i;
  };
  const pris = new Int32Array(32);

  const feries = feriesParJour(sites, jours[0]?.jour ?? '2000-01-01', jours[jours.length - 1]?.jour ?? '2000-01-01');
  const maintenantMs = o.maintenant.getTime();
  const decalages = new Float64Array(zones.length);
  const suffixes: string[] = zones.map(() => '');
  let moisCourant = '';
  let palier = 1_000_000;
  let tampon: string[] = [];
  let lignes = 0;
  let ignorees = 0;

  for (const { jour, n } of jours) {
    const mois = jour.slice(0, 7);
    if (mois !== moisCourant) {
      if (moisCourant) await statsSortie.ecrire(compteurs.viderMois(`${moisCourant}-01`));
      moisCourant = mois;
    }
    if (n === 0) continue;
    const jourMs = Date.parse(`${jour}T00:00:00Z`);
    const isodow = ((new Date(jourMs).getUTCDay() + 6) % 7) + 1;
    // The UTC offset of each zone at local noon: no zone changes its clocks between 9:00 and 18:00. Times are written
    // on the site's wall clock with that offset ("2026-03-02 09:41:07+01:00").
    zones.forEach((z, i) => {
      const decalage = Math.round((jourMs + 720 * 60_000 - instantMural(jour, 720, z).getTime()) / 60_000);
      decalages[i] = decalage * 60_000;
      const a = Math.abs(decalage);
      suffixes[i] = `${decalage < 0 ? '-' : '+'}${deux(Math.floor(a / 60))}:${deux(a % 60)}`;
    });
    const prefixeJour = `${jour} `;
    const fermes = feries.get(jour);
    const tirerPartenaire = plan.partenaireDuMois[Number(jour.slice(5, 7)) - 1] as (h: Hasard) => number;

    for (let k = 0; k < n; k++) {
      // A site open that day (its own holidays) whose request is not in the future (western overseas zones).
      let site: SiteGen | undefined;
      let secondes = 0;
      let delai = 0;
      let creeMs = 0;
      for (let essai = 0; essai < 20 && !site; essai++) {
        const candidat = sites[plan.tirerSite(hasard)] as SiteGen;
        if (fermes && candidat.territoire && fermes.has(candidat.territoire) && essai < 19) continue;
        // 9:00–12:30 and 13:30–17:30 (triangular, busiest mid-morning and mid-afternoon); Saturday 9:00–12:00.
        const minutes =
          isodow === 6
            ? 540 + Math.floor(180 * hasard())
            : hasard() < 0.55
              ? 540 + Math.floor(105 * (hasard() + hasard()))
              : 810 + Math.floor(120 * (hasard() + hasard()));
        secondes = minutes * 60 + Math.floor(hasard() * 60);
        // Logged a few minutes later (at most 30).
        delai = 60 * (1 + Math.floor(Math.min(29, -Math.log(1 - hasard()) * 4))) + Math.floor(hasard() * 60);
        creeMs = jourMs + (secondes + delai) * 1000 - (decalages[candidat.zone] as number);
        if (creeMs < maintenantMs) site = candidat;
      }
      if (!site) {
        ignorees++;
        continue;
      }
      const canal = CANAUX(hasard);
      const situation = (plan.situationsPar[tirerPartenaire(hasard)] as (h: Hasard) => SituationModele)(hasard);
      const info = infos(situation);
      let p = 0;
      pris[p++] = slotCanal.get(canal) as number;
      pris[p++] = info.theme;
      pris[p++] = info.situation;
      pris[p++] = slotPartenaire.get(situation.partenaires[0] as string) as number;
      let partenaires = info.seul;
      if (situation.partenaires.length > 1 && hasard() < PROBA_PARTENAIRES_SECONDAIRES) {
        let autres: string[] = [];
        while (autres.length === 0) autres = situation.partenaires.slice(1).filter(() => hasard() < 0.5);
        for (const a of autres) pris[p++] = slotPartenaire.get(a) as number;
        partenaires = `{${[situation.partenaires[0], ...autres].join(',')}}`;
      }
      const niveau = NIVEAUX(hasard);
      const issue = ISSUES[niveau](hasard);
      const duree = DUREES[niveau](hasard);
      pris[p++] = slotNiveau.get(niveau) as number;
      pris[p++] = slotIssue.get(issue) as number;
      pris[p++] = slotDuree.get(duree) as number;
      const age = hasard() < PROBA_AGE_RENSEIGNE ? TRANCHES_AGE(hasard) : null;
      if (age !== null) pris[p++] = slotAge.get(age) as number;
      const nonRecours = hasard() < PROBA_NON_RECOURS;
      if (nonRecours) pris[p++] = slotNonRecours;
      const difficulte = hasard() < (PROBA_DIFFICULTE_NUMERIQUE[age ?? ''] as number);
      if (difficulte) pris[p++] = slotDifficulte;
      const premiere = hasard() < PROBA_PREMIERE_VISITE;
      if (premiere) pris[p++] = slotPremiere;
      pris[p++] = compteurs.creneau(isodow, Math.floor(secondes / 3600));
      let arret = -1;
      let insee = site.insee;
      if (site.arrets.length > 0) {
        arret = Math.floor(hasard() * site.arrets.length);
        insee = site.arrets[arret]?.insee ?? insee;
      }
      const commune = insee && hasard() < PROBA_COMMUNE_RENSEIGNEE ? insee : null;
      compteurs.compter(site.dep, pris, p, site.index, arret < 0 ? -1 : site.arretBase + arret);

      const suffixe = suffixes[site.zone] as string;
      const cree = secondes + delai;
      tampon.push(
        `${uuidOrdonne(creeMs, bits(), bits(), bits())}\t${site.id}\t${arret < 0 ? NUL : site.arrets[arret]?.id}\t` +
          `${site.milieu}${prefixeJour}${HEURES[Math.floor(secondes / 60)]}:${SECONDES[secondes % 60]}${suffixe}\t` +
          `${jour}\t${canal}\t${info.fragment}${partenaires}\t${niveau}\t${issue}\t${duree}\t` +
          `${nonRecours ? 't' : 'f'}\t${difficulte ? 't' : 'f'}\t${premiere ? 't' : 'f'}\t${age ?? NUL}\t` +
          `${commune ?? NUL}\t${prefixeJour}${HEURES[Math.floor(cree / 60)]}:${SECONDES[cree % 60]}${suffixe}\n`,
      );
      lignes++;
      if (tampon.length >= 2000) {
        await lignesSortie.ecrire(tampon.join(''));
        tampon = [];
      }
      if (lignes >= palier) {
        palier += 1_000_000;
        const s = (performance.now() - o.debut) / 1000;
        o.journal(
          `  ${lignes.toLocaleString('fr-FR')} lignes (${((100 * lignes) / total).toFixed(1)} %), ` +
            `${Math.round(lignes / s).toLocaleString('fr-FR')} lignes/s depuis le début, ${jour}`,
        );
      }
    }
    await statsSortie.ecrire(compteurs.viderJour(jour));
  }
  if (tampon.length > 0) await lignesSortie.ecrire(tampon.join(''));
  if (moisCourant) await statsSortie.ecrire(compteurs.viderMois(`${moisCourant}-01`));
  if (ignorees > 0) o.journal(`${ignorees} sollicitations non tirées (toutes les tentatives tombaient dans le futur).`);
  return lignes;
}

/** Per date, the territories (other than mainland France, whose holidays already weigh 0) closed for a holiday. */
function feriesParJour(sites: SiteGen[], du: string, au: string): Map<string, Set<Territoire>> {
  const territoires = [...new Set(sites.map((s) => s.territoire))].filter(
    (t): t is Territoire => t !== null && t !== 'metropole',
  );
  const feries = new Map<string, Set<Territoire>>();
  for (let a = Number(du.slice(0, 4)); a <= Number(au.slice(0, 4)); a++) {
    for (const t of territoires) {
      for (const f of joursFeries(a, t)) {
        const set = feries.get(f.date) ?? new Set<Territoire>();
        set.add(t);
        feries.set(f.date, set);
      }
    }
  }
  return feries;
}

/** A COPY stream written with back-pressure; a server error fails the next write or the end. */
export class Sortie {
  private erreur: Error | null = null;
  constructor(readonly flux: Writable) {
    flux.on('error', (e) => {
      this.erreur ??= e;
    });
  }

  async ecrire(texte: string): Promise<void> {
    if (this.erreur) throw this.erreur;
    if (texte === '' || this.flux.write(texte)) return;
    await new Promise<void>((resolve, reject) => {
      const fin = () => {
        this.flux.off('drain', fin);
        this.flux.off('error', fin);
        this.flux.off('close', fin);
        if (this.erreur) reject(this.erreur);
        else resolve();
      };
      this.flux.on('drain', fin);
      this.flux.on('error', fin);
      this.flux.on('close', fin);
    });
  }

  async terminer(): Promise<void> {
    if (this.erreur) throw this.erreur;
    this.flux.end();
    await finished(this.flux);
  }
}
