import { and, eq, inArray } from 'drizzle-orm';
import { partenaires } from '../modules/catalogue/tables.ts';
import { utilisateurs } from '../modules/comptes/tables.ts';
import { dateLocale, territoireDe } from '../modules/horaires/index.ts';
import { echeanceSaisine, router } from '../modules/saisines/index.ts';
import { messagesSaisines, saisines } from '../modules/saisines/tables.ts';
import { sites, structures } from '../modules/structures/tables.ts';
import type { Executor } from '../platform/db/client.ts';
import { amorcages } from '../platform/db/tables.ts';

// Demo cases to référents (issue 13), loaded once per database after the demo directory, relative to the instant they
// are loaded: at Sceaux (92) and Agen (47), one case in each status, routed as the service routes (to the directory's
// titulaire, or the backup when away; to nobody when the directory is empty), with their thread. Written directly,
// without emails: nobody is at these addresses, and the test template must not carry queued messages.

const JOUR_MS = 86_400_000;

type Statut = 'nouvelle' | 'prise_en_charge' | 'reponse_apportee' | 'cloturee';

interface CasDemo {
  site: string;
  agent: string;
  partenaire: string;
  statut: Statut;
  /** Days ago it was created. */
  age: number;
  urgence: 'aucune' | 'droits_bloques' | 'revenus_coupes';
  personne: [prenom: string, nom: string, naissance: string, dossier: string | null];
  question: string;
  reponse?: string;
  issue?: 'droit_ouvert_ou_retabli' | 'dossier_debloque' | 'reoriente' | 'sans_suite';
}

const SCEAUX = 'France services de Sceaux';
const AGEN = 'France services Agen Léon Blum';

const CAS: CasDemo[] = [
  {
    site: SCEAUX,
    agent: 'agent.sceaux@guichet.test',
    partenaire: 'caf',
    statut: 'nouvelle',
    age: 0,
    urgence: 'revenus_coupes',
    personne: ['Josiane', 'Perrin', '1961-03-14', '2045871'],
    question: 'Le RSA n’est plus versé depuis deux mois alors que la déclaration trimestrielle a été faite en ligne.',
  },
  {
    site: SCEAUX,
    agent: 'agent.sceaux@guichet.test',
    partenaire: 'assurance-maladie',
    statut: 'prise_en_charge',
    age: 2,
    urgence: 'droits_bloques',
    personne: ['Abdelkader', 'Hamidi', '1975-11-02', null],
    question: 'La complémentaire santé solidaire est refusée pour un dépassement de ressources qui paraît erroné.',
  },
  {
    site: SCEAUX,
    agent: 'agent.sceaux@guichet.test',
    partenaire: 'assurance-retraite',
    statut: 'reponse_apportee',
    age: 6,
    urgence: 'aucune',
    personne: ['Monique', 'Lefort', '1958-07-21', null],
    question: 'Deux trimestres d’activité en 1979 manquent au relevé de carrière ; les bulletins de salaire sont là.',
    reponse: 'Les trimestres sont régularisés : le nouveau relevé sera visible sous huit jours.',
  },
  {
    site: SCEAUX,
    agent: 'agent.sceaux@guichet.test',
    partenaire: 'caf',
    statut: 'cloturee',
    age: 12,
    urgence: 'droits_bloques',
    personne: ['Rodrigue', 'Mbappé', '1990-01-30', '3120554'],
    question: 'L’aide au logement est suspendue après un changement de bailleur non pris en compte.',
    reponse: 'Le changement de bailleur est enregistré et l’aide rétablie avec effet rétroactif.',
    issue: 'droit_ouvert_ou_retabli',
  },
  {
    site: AGEN,
    agent: 'gestion.agen@guichet.test',
    partenaire: 'msa',
    statut: 'nouvelle',
    age: 1,
    urgence: 'aucune',
    personne: ['Gérard', 'Castagné', '1952-09-09', null],
    question: 'La pension de réversion n’a pas été calculée depuis le décès du conjoint en juin.',
  },
  {
    site: AGEN,
    agent: 'gestion.agen@guichet.test',
    partenaire: 'france-travail',
    statut: 'prise_en_charge',
    age: 3,
    urgence: 'revenus_coupes',
    personne: ['Samia', 'Ouali', '1988-04-17', null],
    question:
      'L’allocation est interrompue pour une absence à un rendez-vous dont la convocation n’est jamais arrivée.',
  },
  {
    site: AGEN,
    agent: 'gestion.agen@guichet.test',
    partenaire: 'finances-publiques',
    statut: 'reponse_apportee',
    age: 5,
    urgence: 'aucune',
    personne: ['Jean-Pierre', 'Bouyssou', '1949-12-05', null],
    question: 'Un avis de taxe foncière arrive pour un bien vendu l’année dernière.',
    reponse: 'La mutation est enregistrée : l’avis sera dégrevé, rien n’est à payer.',
  },
  {
    site: AGEN,
    agent: 'gestion.agen@guichet.test',
    partenaire: 'la-poste',
    statut: 'cloturee',
    age: 15,
    urgence: 'aucune',
    personne: ['Lina', 'Ferreira', '1996-06-12', null],
    question: 'Une procuration de courrier n’est pas appliquée au bureau de poste du quartier.',
    reponse: 'Ce point relève du bureau de poste : la personne est invitée à s’y présenter avec sa procuration.',
    issue: 'reoriente',
  },
];

/** Loads the demo cases at Sceaux and Agen once per database (seed key `demo.saisines`). */
export async function chargerSaisinesDemo(tx: Executor, maintenant = new Date()): Promise<void> {
  const [nouveau] = await tx
    .insert(amorcages)
    .values({ nom: 'demo.saisines' })
    .onConflictDoNothing()
    .returning({ nom: amorcages.nom });
  if (!nouveau) return;
  const lieux = await tx
    .select({ id: sites.id, nom: sites.nom, structureId: sites.structureId, departement: structures.departement })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(inArray(sites.nom, [SCEAUX, AGEN]), eq(sites.actif, true)));
  const codes = new Map(
    (await tx.select({ id: partenaires.id, code: partenaires.code }).from(partenaires)).map((p) => [p.code, p.id]),
  );
  const agents = new Map(
    (await tx.select({ id: utilisateurs.id, courriel: utilisateurs.courriel }).from(utilisateurs)).map((u) => [
      u.courriel,
      u.id,
    ]),
  );
  for (const c of CAS) {
    const lieu = lieux.find((l) => l.nom === c.site);
    const partenaireId = codes.get(c.partenaire);
    const agentId = agents.get(c.agent);
    if (!lieu || !partenaireId || !agentId) continue;
    const creeLe = new Date(maintenant.getTime() - c.age * JOUR_MS);
    const routage = await router(tx, {
      partenaireId,
      departement: lieu.departement,
      structureId: lieu.structureId,
      jour: dateLocale(creeLe, 'Europe/Paris'),
    });
    const echeance = await echeanceSaisine(tx, {
      partenaireId,
      creeLe,
      fuseau: 'Europe/Paris',
      territoire: territoireDe(lieu.departement),
    });
    const heures = (h: number) => new Date(creeLe.getTime() + h * 3_600_000);
    const pris = c.statut !== 'nouvelle' ? heures(3) : null;
    const repondu = c.reponse ? heures(26) : null;
    const clos = c.statut === 'cloturee' ? heures(30) : null;
    const [prenom, nom, naissance, dossier] = c.personne;
    const [s] = await tx
      .insert(saisines)
      .values({
        siteId: lieu.id,
        structureId: lieu.structureId,
        departement: lieu.departement,
        partenaireId,
        referentId: routage?.referent.id ?? null,
        baseLegale: 'consentement',
        consentementLe: creeLe,
        prenom,
        nom,
        dateNaissance: naissance,
        numeroDossier: dossier,
        question: c.question,
        urgence: c.urgence,
        statut: c.statut,
        issue: c.issue ?? null,
        creePar: agentId,
        creeLe,
        echeance,
        priseEnChargeLe: pris,
        premiereReponseLe: repondu,
        clotureLe: clos,
      })
      .returning({ id: saisines.id });
    if (!s) continue;
    const nomReferent = routage ? `${routage.referent.prenom} ${routage.referent.nom}` : null;
    const fil: Array<typeof messagesSaisines.$inferInsert> = [
      {
        saisineId: s.id,
        auteur: 'systeme',
        corps: nomReferent
          ? `Transmise à ${nomReferent}${routage?.suppleance ? ' (suppléance : le titulaire est absent)' : ''}.`
          : 'Aucun référent disponible dans l’annuaire pour ce lieu : la coordination départementale est prévenue.',
        creeLe,
      },
    ];
    if (pris)
      fil.push({
        saisineId: s.id,
        auteur: 'systeme',
        corps: `Prise en charge par ${nomReferent ?? 'le référent'}.`,
        creeLe: pris,
      });
    if (repondu) fil.push({ saisineId: s.id, auteur: 'referent', corps: c.reponse, creeLe: repondu });
    if (clos) fil.push({ saisineId: s.id, auteur: 'systeme', corps: 'Clôturée par le lieu.', creeLe: clos });
    await tx.insert(messagesSaisines).values(fil);
  }
}
