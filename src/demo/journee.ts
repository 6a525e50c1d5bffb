import { and, asc, eq, sql } from 'drizzle-orm';
import { ajouterJours, dateLocale, instantMural } from '../modules/horaires/index.ts';
import { PORTEE_NATIONALE } from '../modules/portee/index.ts';
import { disponibilites, intervallesAgent, ModeleTravail } from '../modules/rendez-vous/index.ts';
import { insererRendezVous } from '../modules/rendez-vous/repo.ts';
import { creerPassage } from '../modules/rendez-vous/repo-journee.ts';
import { motifRessources, motifs, rendezVous, ressources } from '../modules/rendez-vous/tables.ts';
import { sites } from '../modules/structures/tables.ts';
import type { Executor } from '../platform/db/client.ts';
import { amorcages } from '../platform/db/tables.ts';

// A live day board at Sceaux for a newcomer (issue 11, point 8): a few appointments today and tomorrow, booked at the
// desk in free slots of the demo motifs (computed from the date of the start, through the one slot generator), and
// two walk-ins waiting; once, six past weeks of appointments seen, missed or cancelled, for the no-show rate. Loaded once per day and database (seed key `demo.journee:<date>`), so restarting the same day
// adds nothing and the next day's start gives that day its board.

const SITE = 'France services de Sceaux';
/** Per day: which motif, and which of its free slots (by rank among the day's slots). */
const PLAN = [
  { motif: 'Aide à la déclaration de revenus', rangs: [0, 4], noms: ['Nadia Haddad', 'Louis Martin'] },
  { motif: 'Dossier retraite', rangs: [1, 3], noms: ['Sophie Bernard', 'Jean Petit'] },
];
const DEMAIN = [{ motif: 'Dossier retraite', rangs: [0, 2], noms: ['Awa Diallo', 'Hugo Laurent'] }];
const SANS_RENDEZ_VOUS = [
  { libelle: 'Léa', depuisMinutes: 12 },
  { libelle: 'Monsieur au chapeau', depuisMinutes: 4 },
];

type Site = { id: string; fuseau: string };

/** The demo motif of that name at the site, with its resources in order and their working patterns. */
async function motifEtRessources(tx: Executor, siteId: string, nom: string) {
  const [motif] = await tx
    .select({ id: motifs.id, tamponApres: motifs.tamponApres })
    .from(motifs)
    .where(and(eq(motifs.siteId, siteId), eq(motifs.nom, nom), eq(motifs.actif, true)))
    .limit(1);
  if (!motif) return null;
  const lignes = await tx
    .select({ id: ressources.id, type: ressources.type, regles: ressources.regles })
    .from(motifRessources)
    .innerJoin(ressources, eq(ressources.id, motifRessources.ressourceId))
    .where(eq(motifRessources.motifId, motif.id))
    .orderBy(asc(motifRessources.ordre));
  const agents = lignes.flatMap((l) => {
    const modeles = ModeleTravail.array().safeParse((l.regles as { modeles?: unknown }).modeles);
    return l.type === 'agent' && modeles.success ? [{ id: l.id, modeles: modeles.data }] : [];
  });
  return { motif, agents };
}

/** Books the planned slots of one day at the desk, each with the first agent of the motif who works then. */
async function reserverJour(tx: Executor, site: Site, jour: string, plan: typeof PLAN): Promise<string[]> {
  const reserves: string[] = [];
  const debutJour = instantMural(jour, 0, site.fuseau);
  for (const ligne of plan) {
    const trouve = await motifEtRessources(tx, site.id, ligne.motif);
    if (!trouve) continue;
    const libres = await disponibilites(tx, {
      siteId: site.id,
      motifId: trouve.motif.id,
      du: jour,
      au: jour,
      maintenant: debutJour,
      origine: 'guichet',
    });
    if (!libres.ok) continue;
    for (const [i, rang] of ligne.rangs.entries()) {
      const creneau = libres.creneaux[rang];
      if (!creneau) continue;
      for (const agent of trouve.agents) {
        const travail = intervallesAgent(agent.modeles, [], site.id, { du: jour, au: jour, fuseau: site.fuseau });
        const couvert = travail.some((t) => t.debut <= creneau.debut && t.fin >= creneau.fin);
        if (!couvert) continue;
        try {
          const id = await tx.transaction((sp) =>
            insererRendezVous(sp, {
              siteId: site.id,
              motifId: trouve.motif.id,
              ressourceId: agent.id,
              debut: creneau.debut,
              fin: creneau.fin,
              tamponApres: trouve.motif.tamponApres,
              nom: ligne.noms[i] ?? 'Personne de démonstration',
              origine: 'guichet',
            }),
          );
          reserves.push(id);
          break;
        } catch {
          // This agent is taken then (the exclusion constraint): the next one may not be.
        }
      }
    }
  }
  return reserves;
}

/** Past weeks at Sceaux, so that the reports show a no-show rate: about one in eleven missed, a few cancelled. */
const HISTORIQUE_JOURS = 42;
const NOMS_HISTORIQUE = ['Chloé Moreau', 'Mohamed Benali', 'Inès Garcia', 'Thomas Nguyen', 'Fatou Sow', 'Paul Roux'];

async function chargerHistorique(tx: Executor, site: Site, aujourdhui: string): Promise<void> {
  const plan = PLAN.map((l) => ({ ...l, rangs: [0, 2, 5], noms: NOMS_HISTORIQUE }));
  let rang = 0;
  for (let j = HISTORIQUE_JOURS; j >= 1; j--) {
    for (const id of await reserverJour(tx, site, ajouterJours(aujourdhui, -j), plan)) {
      rang++;
      const statut = rang % 11 === 4 ? 'absent' : rang % 17 === 9 ? 'annule_usager' : 'vu';
      await tx
        .update(rendezVous)
        .set({ statut, annuleLe: statut === 'annule_usager' ? sql`debut - interval '1 day'` : null })
        .where(eq(rendezVous.id, id));
    }
  }
}

/** Loads today's demo board at Sceaux once per day: appointments today and tomorrow, two walk-ins waiting. */
export async function chargerJourneeDemo(tx: Executor, maintenant = new Date()): Promise<void> {
  const [site] = await tx
    .select({ id: sites.id, fuseau: sites.fuseauHoraire })
    .from(sites)
    .where(and(eq(sites.nom, SITE), eq(sites.actif, true)))
    .limit(1);
  if (!site) return;
  const aujourdhui = dateLocale(maintenant, site.fuseau);
  const [nouveau] = await tx
    .insert(amorcages)
    .values({ nom: `demo.journee:${aujourdhui}` })
    .onConflictDoNothing()
    .returning({ nom: amorcages.nom });
  if (!nouveau) return;
  const [historique] = await tx
    .insert(amorcages)
    .values({ nom: 'demo.rendez-vous.historique' })
    .onConflictDoNothing()
    .returning({ nom: amorcages.nom });
  if (historique) await chargerHistorique(tx, site, aujourdhui);
  await reserverJour(tx, site, aujourdhui, PLAN);
  await reserverJour(tx, site, ajouterJours(aujourdhui, 1), DEMAIN);
  for (const p of SANS_RENDEZ_VOUS) {
    const arriveLe = new Date(maintenant.getTime() - p.depuisMinutes * 60_000);
    // Just after midnight the earlier arrival would fall on yesterday: keep both on today's board.
    const le = dateLocale(arriveLe, site.fuseau) === aujourdhui ? arriveLe : maintenant;
    await creerPassage(tx, PORTEE_NATIONALE, { siteId: site.id, jour: aujourdhui, libelle: p.libelle, arriveLe: le });
  }
}
