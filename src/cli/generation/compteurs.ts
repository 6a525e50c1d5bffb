// The statistics counters of the synthetic requests, computed while they are generated: for each request, the same
// (dimension, valeur) pairs as stats_dimensions() in migration 0004. Counts live in flat integer arrays (one slot per
// département × value, plus one per site and per stop), so counting 36 million requests costs a few array increments
// each; a day's counts are written out when the day is done, a month's when the month is.

import {
  canalEnum,
  dureeEnum,
  issueEnum,
  niveauAideEnum,
  trancheAgeEnum,
} from '../../modules/sollicitations/tables.ts';

type Dimension =
  | 'canal'
  | 'partenaire'
  | 'theme'
  | 'situation'
  | 'niveau'
  | 'issue'
  | 'duree'
  | 'tranche_age'
  | 'non_recours'
  | 'difficulte_numerique'
  | 'premiere_visite';

class Grille {
  readonly communs: Int32Array;
  readonly sites: Int32Array;
  readonly arrets: Int32Array;
  constructor(deps: number, slots: number, sites: number, arrets: number) {
    this.communs = new Int32Array(deps * slots);
    this.sites = new Int32Array(sites);
    this.arrets = new Int32Array(arrets);
  }
  vider() {
    this.communs.fill(0);
    this.sites.fill(0);
    this.arrets.fill(0);
  }
}

export class Compteurs {
  private readonly nomDimension: string[] = [];
  private readonly valeur: string[] = [];
  private readonly slots = new Map<string, Map<string, number>>();
  private readonly creneau0: number;
  private readonly taille: number;
  private readonly jour: Grille;
  private readonly mois: Grille;
  /** The month's counts by site (site × slot), for stats_site_mois. */
  private readonly parSite: Int32Array;

  constructor(
    private readonly config: {
      departements: string[];
      partenaires: string[];
      themes: string[];
      situations: string[];
      sites: Array<{ id: string; dep: number; structureId: string }>;
      /** `site`: index of the stop's site in `sites`. */
      arrets: Array<{ id: string; dep: number; site: number }>;
    },
  ) {
    const ajouter = (dimension: string, valeur: string) => {
      const parValeur = this.slots.get(dimension) ?? new Map<string, number>();
      this.slots.set(dimension, parValeur);
      parValeur.set(valeur, this.nomDimension.length);
      this.nomDimension.push(dimension);
      this.valeur.push(valeur);
    };
    ajouter('total', '');
    for (const v of canalEnum.enumValues) ajouter('canal', v);
    for (const v of config.partenaires) ajouter('partenaire', v);
    for (const v of config.themes) ajouter('theme', v);
    for (const v of config.situations) ajouter('situation', v);
    for (const v of niveauAideEnum.enumValues) ajouter('niveau', v);
    for (const v of issueEnum.enumValues) ajouter('issue', v);
    for (const v of dureeEnum.enumValues) ajouter('duree', v);
    ajouter('non_recours', '');
    ajouter('difficulte_numerique', '');
    ajouter('premiere_visite', '');
    for (const v of trancheAgeEnum.enumValues) ajouter('tranche_age', v);
    this.creneau0 = this.nomDimension.length;
    for (let d = 1; d <= 7; d++) {
      for (let h = 0; h < 24; h++) ajouter('creneau', `${d}-${String(h).padStart(2, '0')}`);
    }
    this.taille = this.nomDimension.length;
    const n = config.departements.length;
    this.jour = new Grille(n, this.taille, config.sites.length, config.arrets.length);
    this.mois = new Grille(n, this.taille, config.sites.length, config.arrets.length);
    this.parSite = new Int32Array(config.sites.length * this.taille);
  }

  /** The slot of a (dimension, valeur) pair, for `compter`; throws for a value the counters do not know. */
  slot(dimension: Dimension, valeur: string): number {
    const i = this.slots.get(dimension)?.get(valeur);
    if (i === undefined) throw new Error(`unknown counter value ${dimension} = ${valeur}`);
    return i;
  }

  /** The slot of the weekday × hour pair ('creneau' = `<isodow>-<HH>`, the hour on the site's wall clock). */
  creneau(isodow: number, heure: number): number {
    return this.creneau0 + (isodow - 1) * 24 + heure;
  }

  /**
   * Counts one request in the current day: 'total', the first `n` slots of `slots` (one per dimension value of the
   * request), its site and, for a tour, its stop (index among all stops, or -1).
   */
  compter(dep: number, slots: Int32Array, n: number, site: number, arret: number) {
    const c = this.jour.communs;
    const base = dep * this.taille;
    c[base] = (c[base] as number) + 1;
    for (let k = 0; k < n; k++) {
      const i = base + (slots[k] as number);
      c[i] = (c[i] as number) + 1;
    }
    this.jour.sites[site] = (this.jour.sites[site] as number) + 1;
    if (arret >= 0) this.jour.arrets[arret] = (this.jour.arrets[arret] as number) + 1;
    const ps = this.parSite;
    const sb = site * this.taille;
    ps[sb] = (ps[sb] as number) + 1;
    for (let k = 0; k < n; k++) {
      const i = sb + (slots[k] as number);
      ps[i] = (ps[i] as number) + 1;
    }
  }

  /** Staging lines (COPY text format) of the day's counts; they are added to the month and reset. */
  viderJour(jour: string): string {
    return this.vider(this.jour, 'j', jour, this.mois);
  }

  /**
   * Staging lines of the month's counts (`mois` = its first day): by département ('m'), and by site ('s', with the
   * site's own 'site' and 'arret' values, as stats_site_mois holds them); reset.
   */
  viderMois(mois: string): string {
    return this.viderSites(mois) + this.vider(this.mois, 'm', mois, null);
  }

  private viderSites(mois: string): string {
    const lignes: string[] = [];
    const { departements, sites, arrets } = this.config;
    const ps = this.parSite;
    sites.forEach((s, site) => {
      const sb = site * this.taille;
      const total = ps[sb] as number;
      if (total === 0) return;
      const fin = `\t${s.id}\t${s.structureId}\n`;
      const prefixe = `s\t${mois}\t${departements[s.dep]}\t`;
      for (let i = 0; i < this.taille; i++) {
        const n = ps[sb + i] as number;
        if (n !== 0) lignes.push(`${prefixe}${this.nomDimension[i]}\t${this.valeur[i]}\t${n}${fin}`);
      }
      lignes.push(`${prefixe}site\t${s.id}\t${total}${fin}`);
    });
    this.mois.arrets.forEach((n, i) => {
      if (n === 0) return;
      const a = arrets[i] as { id: string; dep: number; site: number };
      const s = sites[a.site] as { id: string; structureId: string };
      lignes.push(`s\t${mois}\t${departements[a.dep]}\tarret\t${a.id}\t${n}\t${s.id}\t${s.structureId}\n`);
    });
    ps.fill(0);
    return lignes.join('');
  }

  private vider(g: Grille, periode: string, date: string, cumul: Grille | null): string {
    const lignes: string[] = [];
    const { departements, sites, arrets } = this.config;
    for (let dep = 0; dep < departements.length; dep++) {
      const base = dep * this.taille;
      if (g.communs[base] === 0) continue;
      const prefixe = `${periode}\t${date}\t${departements[dep]}\t`;
      for (let i = 0; i < this.taille; i++) {
        const n = g.communs[base + i] as number;
        if (n === 0) continue;
        lignes.push(`${prefixe}${this.nomDimension[i]}\t${this.valeur[i]}\t${n}\t\\N\t\\N\n`);
        if (cumul) cumul.communs[base + i] = (cumul.communs[base + i] as number) + n;
      }
    }
    g.sites.forEach((n, i) => {
      if (n === 0) return;
      const s = sites[i] as { id: string; dep: number };
      lignes.push(`${periode}\t${date}\t${departements[s.dep]}\tsite\t${s.id}\t${n}\t\\N\t\\N\n`);
      if (cumul) cumul.sites[i] = (cumul.sites[i] as number) + n;
    });
    g.arrets.forEach((n, i) => {
      if (n === 0) return;
      const a = arrets[i] as { id: string; dep: number };
      lignes.push(`${periode}\t${date}\t${departements[a.dep]}\tarret\t${a.id}\t${n}\t\\N\t\\N\n`);
      if (cumul) cumul.arrets[i] = (cumul.arrets[i] as number) + n;
    });
    g.vider();
    return lignes.join('');
  }
}
