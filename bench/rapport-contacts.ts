import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { type CalendrierSite, compteurHeuresOuvrees } from '../src/modules/contacts/index.ts';
import { territoireDe } from '../src/modules/horaires/index.ts';
import { agregerContacts } from '../src/modules/rapports/contacts.ts';
import type { DemandeRapport } from '../src/modules/rapports/repo-contacts.ts';

// The messages section of a national report (issue 12, point 5), in process, no database: 10,000 requests of a quarter
// over 2,500 sites of five kinds (weekdays, two days a week, a tour on alternate weeks, La Réunion, a site closed two
// weeks), 80 % answered; each answered request's working hours to its first answer (`compteurHeuresOuvrees`), then the
// aggregation per site, structure and département with the medians. This is what the report computes at each request
// from the stored instants, instead of a stored duration. `npx tsx bench/rapport-contacts.ts` alone, or in
// `npm run bench`.

const SITES = 2500;
const DEMANDES = 10_000;
const RUNS = 7;

export interface FiguresRapportContacts {
  demandes: number;
  repondues: number;
  sites: number;
  p50Ms: number;
  maxMs: number;
  runs: number;
}

/** A deterministic pseudo-random sequence (mulberry32), so that every run measures the same data. */
function aleatoire(graine: number) {
  let a = graine;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function calendrier(i: number): CalendrierSite {
  const paris = { fuseau: 'Europe/Paris', territoire: territoireDe('92') };
  switch (i % 20) {
    case 0:
    case 1:
      return { fuseau: 'Indian/Reunion', territoire: territoireDe('974'), horaires: 'Mo-Fr 08:00-12:00' };
    case 2:
    case 3:
    case 4:
      return { ...paris, horaires: 'Tu,Th 09:00-12:00' };
    case 5:
    case 6:
      return {
        ...paris,
        horaires: null,
        arrets: [
          { horaires: 'Tu 09:00-12:00', semaines: 'paires' },
          { horaires: 'Th 14:00-17:00', semaines: 'impaires' },
        ],
      };
    case 7:
      return {
        ...paris,
        horaires: 'Mo-Fr 09:00-12:00,14:00-17:00',
        fermetures: [{ debut: '2027-02-08', fin: '2027-02-19', motif: 'Travaux' }],
      };
    default:
      return { ...paris, horaires: 'Mo-Fr 09:00-12:00,14:00-17:00' };
  }
}

function donnees() {
  const hasard = aleatoire(12);
  const calendriers = Array.from({ length: SITES }, (_, i) => calendrier(i));
  const debut = Date.parse('2027-01-04T08:00:00Z');
  const demandes: DemandeRapport[] = Array.from({ length: DEMANDES }, () => {
    const s = Math.floor(hasard() * SITES);
    const recuLe = new Date(debut + Math.floor(hasard() * 85 * 24) * 3_600_000);
    const reponse = hasard() < 0.8 ? new Date(recuLe.getTime() + Math.floor(hasard() * 150) * 3_600_000) : null;
    return {
      siteId: `site-${s}`,
      siteNom: `Lieu ${s}`,
      structureId: `structure-${Math.floor(s / 2)}`,
      structureNom: `Structure ${Math.floor(s / 2)}`,
      departement: String(1 + (s % 95)).padStart(2, '0'),
      recuLe,
      premiereReponseLe: reponse,
      echeance: new Date(recuLe.getTime() + 96 * 3_600_000),
      close: false,
    };
  });
  return { calendriers, demandes };
}

/** Times the working hours of every answered request and the aggregation, as the report does. */
export function mesurerRapportContacts(): FiguresRapportContacts {
  const { calendriers, demandes } = donnees();
  const maintenant = new Date('2027-06-01T00:00:00Z');
  // As the report does: one counter per site (its calendar evaluated once), then every request and the medians.
  const calculer = () => {
    const compteurs = calendriers.map((c) => compteurHeuresOuvrees(c));
    return agregerContacts(
      demandes,
      (d) => {
        const compter = compteurs[Number(d.siteId.slice(5))];
        return compter && d.premiereReponseLe ? compter(d.recuLe, d.premiereReponseLe) : null;
      },
      maintenant,
      (code) => code,
    );
  };
  calculer();
  const durees: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    calculer();
    durees.push(performance.now() - t0);
  }
  durees.sort((a, b) => a - b);
  return {
    demandes: DEMANDES,
    repondues: demandes.filter((d) => d.premiereReponseLe).length,
    sites: SITES,
    p50Ms: durees[Math.floor(RUNS / 2)] ?? 0,
    maxMs: durees[RUNS - 1] ?? 0,
    runs: RUNS,
  };
}

/** The figures as a small text table, for the bench output. */
export function tableauRapportContacts(f: FiguresRapportContacts): string {
  const lignes: Array<[string, string]> = [
    [`messages report: ${f.demandes} requests over ${f.sites} sites, answered`, `${f.repondues}`],
    [
      `  working hours + aggregation, p50 / max over ${f.runs} runs`,
      `${f.p50Ms.toFixed(0)} / ${f.maxMs.toFixed(0)} ms`,
    ],
    ['  per request', `${((f.p50Ms * 1000) / f.demandes).toFixed(1)} µs`],
  ];
  const largeur = Math.max(...lignes.map(([a]) => a.length));
  const valeur = Math.max(...lignes.map(([, b]) => b.length));
  return [
    `${'messages in reports (in process)'.padEnd(largeur)}  ${'value'.padStart(valeur)}`,
    `${'-'.repeat(largeur)}  ${'-'.repeat(valeur)}`,
    ...lignes.map(([a, b]) => `${a.padEnd(largeur)}  ${b.padStart(valeur)}`),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const f = mesurerRapportContacts();
  process.stdout.write(`\nguichet messages report bench: Node ${process.version}\n\n${tableauRapportContacts(f)}\n\n`);
}
