import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  type ContexteCreneaux,
  creneaux,
  isoAvecDecalage,
  prochaineDisponibilite,
  type RendezVousExistant,
  type Ressource,
} from '../src/modules/rendez-vous/index.ts';

// Slot computation benchmark (issue 11), in process, no database: the free slots of one site × 5 agents × 4 weeks
// (half of each agent's slots already booked, staggered), then the next availability when every agent is fully booked for
// 11 months. Targets: < 20 ms and < 50 ms. `npx tsx bench/creneaux.ts` alone, or as part of `npm run bench`.

const RUNS = 500;
const ECHAUFFEMENT = 50;
const AGENTS = 5;
const FUSEAU = 'Europe/Paris';
const MAINTENANT = new Date('2027-01-04T06:00:00Z'); // Monday 4 January 2027, 07:00 in Paris

export interface FiguresCreneaux {
  creneauxListes: number;
  rendezVousListe: number;
  listeP50Ms: number;
  listeP99Ms: number;
  rendezVousProchaine: number;
  prochaine: string;
  prochaineP50Ms: number;
  prochaineP99Ms: number;
  runs: number;
}

const plages = [
  { debut: '09:00', fin: '12:00' },
  { debut: '13:30', fin: '17:00' },
];
const agents: Ressource[] = Array.from({ length: AGENTS }, (_, i) => ({
  type: 'agent',
  id: `agent-${i + 1}`,
  modeles: [{ siteId: 'site', jours: { lu: plages, ma: plages, me: plages, je: plages, ve: plages } }],
  absences: [],
}));

function contexte(rendezVous: RendezVousExistant[]): ContexteCreneaux {
  return {
    site: { id: 'site', fuseau: FUSEAU, territoire: 'metropole', horaires: 'Mo-Fr 09:00-12:00,13:30-17:00; PH off' },
    motif: { duree: 30, tamponApres: 10, canal: 'sur_place', fenetreJours: 366, ressources: agents.map((a) => a.id) },
    ressources: agents,
    rendezVous,
    maintenant: MAINTENANT,
  };
}

/** Every free slot of every agent from today to `au`, booked; with `unSurDeux`, every other one, staggered. */
function reserver(au: string, unSurDeux: boolean): RendezVousExistant[] {
  const libre = creneaux({ ...contexte([]), du: '2027-01-04', au });
  if (!libre.ok) throw new Error(libre.erreurs.join(' '));
  return libre.creneaux.flatMap((c, i) =>
    c.ressources
      .filter((_, j) => !unSurDeux || (i + j) % 2 === 0)
      .map((ressourceId) => ({ ressourceId, debut: c.debut, fin: c.fin, tamponApres: 10 })),
  );
}

function mesurer(action: () => void): { p50: number; p99: number } {
  for (let i = 0; i < ECHAUFFEMENT; i++) action();
  const durees: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    action();
    durees.push(performance.now() - t0);
  }
  durees.sort((a, b) => a - b);
  const rang = (q: number) => durees[Math.min(durees.length - 1, Math.ceil(q * durees.length) - 1)] ?? 0;
  return { p50: rang(0.5), p99: rang(0.99) };
}

/** Measures the 4-week listing and the 11-month next availability. */
export function mesurerCreneaux(): FiguresCreneaux {
  const moitie = reserver('2027-01-31', true);
  const quatreSemaines = contexte(moitie);
  const liste = creneaux({ ...quatreSemaines, du: '2027-01-04', au: '2027-01-31' });
  if (!liste.ok) throw new Error(liste.erreurs.join(' '));
  const l = mesurer(() => creneaux({ ...quatreSemaines, du: '2027-01-04', au: '2027-01-31' }));

  const plein = contexte(reserver('2027-12-03', false)); // booked through Friday 3 December: free from the 6th
  const premier = prochaineDisponibilite(plein);
  if (!premier.ok || !premier.creneau) throw new Error('no next availability found');
  const p = mesurer(() => prochaineDisponibilite(plein));
  return {
    creneauxListes: liste.creneaux.length,
    rendezVousListe: moitie.length,
    listeP50Ms: l.p50,
    listeP99Ms: l.p99,
    rendezVousProchaine: plein.rendezVous.length,
    prochaine: isoAvecDecalage(premier.creneau.debut, FUSEAU),
    prochaineP50Ms: p.p50,
    prochaineP99Ms: p.p99,
    runs: RUNS,
  };
}

/** The figures as a small text table, for the bench output. */
export function tableauCreneaux(f: FiguresCreneaux): string {
  const lignes: Array<[string, string]> = [
    [`creneaux(): 1 site × ${AGENTS} agents × 4 weeks, ${f.rendezVousListe} appointments`, `${f.creneauxListes} slots`],
    [`  p50 / p99 over ${f.runs} runs (target < 20 ms)`, `${f.listeP50Ms.toFixed(2)} / ${f.listeP99Ms.toFixed(2)} ms`],
    [`prochaineDisponibilite(): ${f.rendezVousProchaine} appointments, first free`, f.prochaine],
    [
      `  p50 / p99 over ${f.runs} runs (target < 50 ms)`,
      `${f.prochaineP50Ms.toFixed(2)} / ${f.prochaineP99Ms.toFixed(2)} ms`,
    ],
  ];
  const largeur = Math.max(...lignes.map(([a]) => a.length));
  const valeur = Math.max(...lignes.map(([, b]) => b.length));
  return [
    `${'appointment slots'.padEnd(largeur)}  ${'value'.padStart(valeur)}`,
    `${'-'.repeat(largeur)}  ${'-'.repeat(valeur)}`,
    ...lignes.map(([a, b]) => `${a.padEnd(largeur)}  ${b.padStart(valeur)}`),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const f = mesurerCreneaux();
  process.stdout.write(`\nguichet slots bench: Node ${process.version}\n\n${tableauCreneaux(f)}\n\n`);
}
