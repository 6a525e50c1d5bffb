import { and, eq, inArray, isNull } from 'drizzle-orm';
import { partenaires, situations } from '../modules/catalogue/tables.ts';
import { utilisateurs } from '../modules/comptes/tables.ts';
import type { ModeleTravail, Permanence } from '../modules/rendez-vous/index.ts';
import { motifRessources, motifs, ressources } from '../modules/rendez-vous/tables.ts';
import { sites } from '../modules/structures/tables.ts';
import type { Executor } from '../platform/db/client.ts';
import { amorcages } from '../platform/db/tables.ts';
import { chargerJourneeDemo } from './journee.ts';

// Demo appointments (issue 11): Sceaux and Agen Léon Blum take bookings at once, so that a newcomer can book from the
// site page or the API. Agents' patterns lie within each site's hours (Sceaux: Mo-We,Fr 09:30-12:30,14:30-17:30;
// Th 09:30-12:30; Sa 09:00-12:00), the CAF holds a video permanence on the 2nd and 4th Tuesdays from 9:00 to 12:00.

type Jours = ModeleTravail['jours'];
const MATIN_SCEAUX = { debut: '09:30', fin: '12:30' };
const APRES_MIDI_SCEAUX = { debut: '14:30', fin: '17:30' };

interface RessourceDemo {
  cle: string;
  type: 'agent' | 'permanence';
  libelle: string;
  agent?: string;
  partenaire?: string;
  jours?: Jours;
  permanence?: Omit<Permanence, 'siteId' | 'partenaireId'>;
}

interface MotifDemo {
  nom: string;
  duree: number;
  tamponApres: number;
  canal: 'sur_place' | 'visio';
  partenaire?: string;
  /** The catalogue's life situation (its code): finishing such a visit prefills the request log with it. */
  situation: string;
  lienVisio?: string;
  instructions: string;
  ressources: string[];
}

const SITES: Array<{ site: string; ressources: RessourceDemo[]; motifs: MotifDemo[] }> = [
  {
    site: 'France services de Sceaux',
    ressources: [
      {
        cle: 'karim',
        type: 'agent',
        libelle: 'Karim Benali',
        agent: 'agent.sceaux@guichet.test',
        jours: {
          lu: [MATIN_SCEAUX, APRES_MIDI_SCEAUX],
          ma: [MATIN_SCEAUX, APRES_MIDI_SCEAUX],
          me: [MATIN_SCEAUX],
          je: [MATIN_SCEAUX],
        },
      },
      {
        cle: 'claire',
        type: 'agent',
        libelle: 'Claire Dubois',
        agent: 'gestion.sceaux@guichet.test',
        jours: {
          me: [APRES_MIDI_SCEAUX],
          ve: [MATIN_SCEAUX, APRES_MIDI_SCEAUX],
          sa: [{ debut: '09:00', fin: '12:00' }],
        },
      },
      {
        cle: 'caf',
        type: 'permanence',
        libelle: 'Permanence CAF en visio',
        partenaire: 'caf',
        permanence: {
          occurrences: [
            {
              regle: { frequence: 'mensuelle', jour: 'ma', rangs: [2, 4] },
              plages: [{ debut: '09:00', fin: '12:00' }],
            },
          ],
          canaux: ['visio'],
        },
      },
    ],
    motifs: [
      {
        nom: 'Aide à la déclaration de revenus',
        duree: 45,
        tamponApres: 15,
        canal: 'sur_place',
        partenaire: 'finances-publiques',
        situation: 'je-declare-mes-impots',
        instructions: 'Apportez votre numéro fiscal, votre dernier avis d’impôt et vos justificatifs de revenus.',
        ressources: ['karim', 'claire'],
      },
      {
        nom: 'Dossier retraite',
        duree: 60,
        tamponApres: 0,
        canal: 'sur_place',
        partenaire: 'assurance-retraite',
        situation: 'je-prepare-ma-retraite',
        instructions: 'Apportez une pièce d’identité, votre relevé de carrière et vos identifiants France Connect.',
        ressources: ['claire', 'karim'],
      },
      {
        nom: 'Rendez-vous CAF en visio',
        duree: 30,
        tamponApres: 0,
        canal: 'visio',
        partenaire: 'caf',
        situation: 'je-cherche-une-allocation-logement',
        lienVisio: 'https://webconf.numerique.gouv.fr/demo-caf-sceaux',
        instructions:
          'Le conseiller CAF vous reçoit en visio depuis la France services : apportez votre numéro allocataire.',
        ressources: ['caf'],
      },
    ],
  },
  {
    site: 'France services Agen Léon Blum',
    ressources: [
      {
        cle: 'marc',
        type: 'agent',
        libelle: 'Marc Durand',
        agent: 'gestion.agen@guichet.test',
        jours: Object.fromEntries(
          ['lu', 'ma', 'me', 'je'].map((j) => [
            j,
            [
              { debut: '09:00', fin: '12:00' },
              { debut: '13:30', fin: '16:30' },
            ],
          ]),
        ) as Jours,
      },
    ],
    motifs: [
      {
        nom: 'Pré-demande de carte d’identité ou de passeport',
        duree: 30,
        tamponApres: 0,
        canal: 'sur_place',
        situation: 'j-etablis-mes-papiers-d-identite',
        instructions:
          'Apportez votre ancien titre s’il y en a un, un justificatif de domicile et vos identifiants France Connect.',
        ressources: ['marc'],
      },
    ],
  },
];

/**
 * Loads the demo motifs and who receives them, once per database (its own seed key: older demo databases get it), then
 * today's day board at Sceaux, once per day.
 */
export async function chargerRendezVousDemo(tx: Executor): Promise<void> {
  const [nouveau] = await tx
    .insert(amorcages)
    .values({ nom: 'demo.rendez-vous' })
    .onConflictDoNothing()
    .returning({ nom: amorcages.nom });
  if (nouveau) await chargerMotifsDemo(tx);
  await completerMotifsDemo(tx);
  // Today's board (appointments, walk-ins) is loaded once per day, on every start.
  await chargerJourneeDemo(tx);
}

/**
 * Gives the demo motifs their life situation and the visio one its link, once per database (its own seed key: demo
 * databases loaded before motifs had situations get them too); a motif a manager already changed is left alone.
 */
async function completerMotifsDemo(tx: Executor): Promise<void> {
  const [nouveau] = await tx
    .insert(amorcages)
    .values({ nom: 'demo.rendez-vous.situations' })
    .onConflictDoNothing()
    .returning({ nom: amorcages.nom });
  if (!nouveau) return;
  const codes = new Map(
    (await tx.select({ id: situations.id, code: situations.code }).from(situations)).map((s) => [s.code, s.id]),
  );
  for (const s of SITES) {
    const lieu = tx.select({ id: sites.id }).from(sites).where(eq(sites.nom, s.site));
    for (const m of s.motifs) {
      const situationId = codes.get(m.situation);
      if (!situationId) continue;
      await tx
        .update(motifs)
        .set({ situationId, ...(m.lienVisio ? { lienVisio: m.lienVisio } : {}) })
        .where(and(inArray(motifs.siteId, lieu), eq(motifs.nom, m.nom), isNull(motifs.situationId)));
    }
  }
}

/** The demo sites' motifs and who receives them, with their weekly patterns and the CAF's permanence. */
async function chargerMotifsDemo(tx: Executor): Promise<void> {
  const codes = new Map(
    (await tx.select({ id: partenaires.id, code: partenaires.code }).from(partenaires)).map((p) => [p.code, p.id]),
  );
  const courriels = SITES.flatMap((s) => s.ressources.flatMap((r) => (r.agent ? [r.agent] : [])));
  const agents = new Map(
    (
      await tx
        .select({ id: utilisateurs.id, courriel: utilisateurs.courriel })
        .from(utilisateurs)
        .where(inArray(utilisateurs.courriel, courriels))
    ).map((u) => [u.courriel, u.id]),
  );
  for (const s of SITES) {
    const [site] = await tx
      .select({ id: sites.id })
      .from(sites)
      .where(and(eq(sites.nom, s.site), eq(sites.actif, true)))
      .limit(1);
    if (!site) continue;
    const ids = new Map<string, string>();
    for (const r of s.ressources) {
      const regles =
        r.type === 'agent' ? { modeles: [{ siteId: site.id, jours: r.jours ?? {} }] } : (r.permanence ?? {});
      const [cree] = await tx
        .insert(ressources)
        .values({
          siteId: site.id,
          type: r.type,
          libelle: r.libelle,
          utilisateurId: r.agent ? agents.get(r.agent) : undefined,
          partenaireId: r.partenaire ? codes.get(r.partenaire) : undefined,
          regles,
        })
        .returning({ id: ressources.id });
      if (cree) ids.set(r.cle, cree.id);
    }
    for (const m of s.motifs) {
      const [motif] = await tx
        .insert(motifs)
        .values({
          siteId: site.id,
          nom: m.nom,
          duree: m.duree,
          tamponApres: m.tamponApres,
          canal: m.canal,
          partenaireId: m.partenaire ? codes.get(m.partenaire) : undefined,
          reservableEnLigne: true,
          fenetreJours: 60,
          delaiMinimal: 120,
          maxParPersonneJour: 1,
          instructions: m.instructions,
        })
        .returning({ id: motifs.id });
      if (!motif) continue;
      const liens = m.ressources.flatMap((cle, ordre) => {
        const ressourceId = ids.get(cle);
        return ressourceId ? [{ motifId: motif.id, ressourceId, ordre }] : [];
      });
      if (liens.length > 0) await tx.insert(motifRessources).values(liens);
    }
  }
}
