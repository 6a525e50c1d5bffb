import { eq, sql } from 'drizzle-orm';
import { chargerConfig } from '../config/index.ts';
import { partenaires } from '../modules/catalogue/tables.ts';
import { habilitationSites, habilitations, utilisateurs } from '../modules/comptes/tables.ts';
import { arrets, sitePartenaires, sites, structures } from '../modules/structures/tables.ts';
import { hacherMotDePasse } from '../platform/auth/mots-de-passe.ts';
import type { Db, Executor } from '../platform/db/client.ts';
import { amorcages } from '../platform/db/tables.ts';
import { chargerContactsDemo } from './contacts.ts';
import { chargerMandatsDemo } from './mandats.ts';
import { chargerProConnectDemo } from './proconnect.ts';
import { chargerRendezVousDemo } from './rendez-vous.ts';
import { chargerSaisinesDemo } from './saisines.ts';
import { chargerAnnuaireDemo } from './saisines-annuaire.ts';
import { chargerTotpDemo } from './totp.ts';

/** The password of every demo account (development only; never loaded in production). */
export const MOT_DE_PASSE_DEMO = 'guichet-demo-2026';

type Site = typeof sites.$inferInsert;

// From the seed documents: Sceaux (municipal deliberation of 24 March 2022), Rouen (30 June 2021), Aix-en-Provence
// (14 October 2022, 10 district town halls; phones from the ANCT list), Agen (La Poste's mobile France services).
// The itinerant agent of Agen (La Poste's mobile France services) holds a permanence a week in each of these places.
// The seed gives the places, not the hours: the hours below are illustrative demo values.
// Sceaux, the Maison du Plateau and Agen Léon Blum carry their id_fs in the ANCT national list (2541, 1816, 898), so
// importing the list updates these sites instead of listing them twice.
const ARRETS_AGEN: Array<Omit<typeof arrets.$inferInsert, 'siteId'>> = [
  {
    nom: 'Mairie de Pont-du-Casse',
    adresse: 'Place de la Mairie',
    codePostal: '47480',
    commune: 'Pont-du-Casse',
    codeInsee: '47209',
    latitude: 44.2297,
    longitude: 0.6786,
    horaires: 'Tu 09:00-12:00; PH off',
    ordre: 1,
  },
  {
    nom: 'Mairie de Foulayronnes',
    adresse: 'Place de la Mairie',
    codePostal: '47510',
    commune: 'Foulayronnes',
    codeInsee: '47100',
    latitude: 44.2426,
    longitude: 0.6436,
    horaires: 'We 09:00-12:00; PH off',
    ordre: 2,
  },
  {
    nom: 'Espace public numérique de Montanou',
    adresse: 'Quartier de Montanou',
    codePostal: '47000',
    commune: 'Agen',
    codeInsee: '47001',
    latitude: 44.1939,
    longitude: 0.6297,
    horaires: 'Th 14:00-17:00; PH off',
    ordre: 3,
  },
  {
    nom: 'Espace public numérique de Bartelé',
    adresse: 'Quartier de Bartelé',
    codePostal: '47000',
    commune: 'Agen',
    codeInsee: '47001',
    latitude: 44.2146,
    longitude: 0.6213,
    horaires: 'Fr 14:00-17:00; PH off',
    ordre: 4,
  },
];

const STRUCTURES: Array<{
  cle: string;
  nom: string;
  departement: string;
  porteur: 'commune' | 'la_poste';
  sites: Omit<Site, 'structureId'>[];
}> = [
  {
    cle: 'sceaux',
    nom: 'France services de Sceaux',
    departement: '92',
    porteur: 'commune',
    sites: [
      {
        nom: 'France services de Sceaux',
        genre: 'principal',
        adresse: '49 rue de Bagneux',
        complementAdresse: 'Quartier des Blagis',
        codePostal: '92330',
        commune: 'Sceaux',
        codeInsee: '92071',
        telephone: '0171224445',
        courriel: 'sceaux@france-services.gouv.fr',
        agencePostale: true,
        latitude: 48.778201,
        longitude: 2.284643,
        horaires: 'Mo-We,Fr 09:30-12:30,14:30-17:30; Th 09:30-12:30; Sa 09:00-12:00; PH off',
        dateLabellisation: '2022-01-01',
        idFs: 2541,
        accessibilite: 'Accès de plain-pied, accueil en rez-de-chaussée.',
      },
    ],
  },
  {
    cle: 'rouen',
    nom: 'Maison du Plateau',
    departement: '76',
    porteur: 'commune',
    sites: [
      {
        nom: 'Maison du Plateau',
        genre: 'principal',
        adresse: 'Place Alfred de Musset',
        codePostal: '76000',
        commune: 'Rouen',
        codeInsee: '76540',
        telephone: '0235088640',
        courriel: 'maison-du-plateau@france-services.gouv.fr',
        latitude: 49.4619978244536,
        longitude: 1.13356761908164,
        horaires: 'Mo,We-Fr 09:00-12:00,13:30-17:00; Tu 09:00-12:00; PH off',
        dateLabellisation: '2021-01-15',
        idFs: 1816,
        commentaire:
          'Le mercredi, permanence de 9 h à 12 h au centre social Simone Veil, 74 rue Jules Adeline, 76100 Rouen.',
      },
    ],
  },
  {
    cle: 'aix',
    nom: 'France services multi-sites d’Aix-en-Provence',
    departement: '13',
    porteur: 'commune',
    sites: [
      ['du Jas de Bouffan', '13090', '0488717474'],
      ['du Pont de Béraud', '13090', '0488718340'],
      ['d’Encagnane-Corsy', '13090', '0442918980'],
      ['du Pont de l’Arc', '13090', '0488718350'],
      ['des Hauts d’Aix', '13090', '0488718170'],
      ['de la Duranne', '13290', '0488717435'],
      ['du Val Saint-André', '13100', '0488718380'],
      ['de Puyricard', '13540', '0488717425'],
      ['des Milles', '13290', '0488717460'],
      ['de Luynes', '13080', '0488717465'],
    ].map(([quartier, codePostal, telephone]) => ({
      nom: `Mairie de quartier ${quartier}`,
      genre: 'multisite' as const,
      adresse: `Mairie de quartier ${quartier}`,
      codePostal: codePostal as string,
      commune: 'Aix-en-Provence',
      codeInsee: '13001',
      telephone,
      // The deliberation: a communal post office was opened in the Hauts d'Aix district town hall.
      agencePostale: quartier === 'des Hauts d’Aix',
    })),
  },
  {
    cle: 'agen',
    nom: 'France services Agen Léon Blum',
    departement: '47',
    porteur: 'la_poste',
    sites: [
      {
        nom: 'France services Agen Léon Blum',
        genre: 'principal',
        adresse: '159 avenue Léon Blum',
        complementAdresse: 'Bureau de poste',
        codePostal: '47000',
        commune: 'Agen',
        codeInsee: '47001',
        telephone: '0553777830',
        courriel: 'agen-leon-blum@france-services.gouv.fr',
        latitude: 44.209141,
        longitude: 0.642576,
        horaires: 'Mo-Th 09:00-12:00,13:30-16:30; Fr 09:30-12:00,13:30-16:30; Sa 09:00-12:00; PH off',
        dateLabellisation: '2020-09-01',
        idFs: 898,
      },
      {
        nom: 'Permanences itinérantes d’Agen',
        genre: 'itinerant',
        adresse: 'Permanences en mairie et en espaces publics numériques',
        codePostal: '47000',
        commune: 'Agen',
        codeInsee: '47001',
        latitude: 44.209141,
        longitude: 0.642576,
      },
    ],
  },
];

export interface CompteDemo {
  courriel: string;
  prenom: string;
  nom: string;
  role: 'admin_national' | 'coordinateur' | 'gestionnaire' | 'agent' | 'referent';
  description: string;
  structure?: string;
  departements?: string[];
  partenaire?: string;
  sites?: string[];
}

export const COMPTES_DEMO: CompteDemo[] = [
  {
    courriel: 'admin@guichet.test',
    prenom: 'Anne',
    nom: 'Martin',
    role: 'admin_national',
    description: 'administration nationale (ANCT)',
  },
  {
    courriel: 'coordination@guichet.test',
    prenom: 'Paul',
    nom: 'Lefèvre',
    role: 'coordinateur',
    departements: ['92', '13'],
    description: 'coordination des départements 92 et 13',
  },
  {
    courriel: 'gestion.sceaux@guichet.test',
    prenom: 'Claire',
    nom: 'Dubois',
    role: 'gestionnaire',
    structure: 'sceaux',
    description: 'gestionnaire de France services de Sceaux',
  },
  {
    courriel: 'agent.sceaux@guichet.test',
    prenom: 'Karim',
    nom: 'Benali',
    role: 'agent',
    structure: 'sceaux',
    description: 'agent à Sceaux',
  },
  {
    courriel: 'agent.aix@guichet.test',
    prenom: 'Léa',
    nom: 'Fabre',
    role: 'agent',
    structure: 'aix',
    sites: ['Mairie de quartier du Jas de Bouffan', 'Mairie de quartier d’Encagnane-Corsy'],
    description: 'agent à Aix-en-Provence (2 mairies de quartier)',
  },
  {
    courriel: 'gestion.agen@guichet.test',
    prenom: 'Marc',
    nom: 'Durand',
    role: 'gestionnaire',
    structure: 'agen',
    description: 'gestionnaire de France services Agen Léon Blum',
  },
  {
    courriel: 'referent.caf@guichet.test',
    prenom: 'Julie',
    nom: 'Moreau',
    role: 'referent',
    partenaire: 'caf',
    departements: ['92', '13'],
    description: 'référente CAF pour les départements 92 et 13',
  },
];

/**
 * Loads the demo network and accounts once per database; returns false when they were already there. `sessionSecret`
 * derives the revocation codes of the demo mandates (the development secret by default, as the tests' apps use).
 */
export async function chargerDonneesDemo(db: Db, sessionSecret?: string): Promise<boolean> {
  const motDePasse = await hacherMotDePasse(MOT_DE_PASSE_DEMO);
  const secret = sessionSecret ?? chargerConfig({ NODE_ENV: 'development' }).sessionSecret;
  return db.transaction(async (tx) => {
    const [deja] = await tx
      .insert(amorcages)
      .values({ nom: 'demo' })
      .onConflictDoNothing()
      .returning({ nom: amorcages.nom });
    if (!deja) {
      await chargerRendezVousDemo(tx);
      await chargerContactsDemo(tx);
      await chargerAnnuaireDemo(tx);
      await chargerSaisinesDemo(tx);
      await chargerMandatsDemo(tx, secret);
      await chargerProConnectDemo(tx);
      await chargerTotpDemo(tx, secret);
      return false;
    }
    const structureIds = new Map<string, string>();
    const siteIds = new Map<string, string>();
    for (const s of STRUCTURES) {
      const [st] = await tx
        .insert(structures)
        .values({ nom: s.nom, departement: s.departement, porteur: s.porteur })
        .returning({ id: structures.id });
      if (!st) throw new Error('no structure');
      structureIds.set(s.cle, st.id);
      for (const site of s.sites) {
        const id = await adopterOuCreerSite(tx, { ...site, structureId: st.id });
        siteIds.set(site.nom, id);
      }
    }
    const itinerant = siteIds.get('Permanences itinérantes d’Agen');
    if (itinerant) await tx.insert(arrets).values(ARRETS_AGEN.map((a) => ({ ...a, siteId: itinerant })));
    // The 9 national partners are present in every labelled site (charter).
    const nationaux = await tx.select({ id: partenaires.id }).from(partenaires).where(eq(partenaires.national, true));
    for (const siteId of siteIds.values()) {
      await tx
        .insert(sitePartenaires)
        .values(nationaux.map((p) => ({ siteId, partenaireId: p.id })))
        .onConflictDoNothing();
    }
    await creerComptes(tx, motDePasse, structureIds, siteIds);
    await chargerRendezVousDemo(tx);
    await chargerContactsDemo(tx);
    await chargerAnnuaireDemo(tx);
    await chargerSaisinesDemo(tx);
    await chargerMandatsDemo(tx, secret);
    await chargerProConnectDemo(tx);
    await chargerTotpDemo(tx, secret);
    return true;
  });
}

/**
 * Inserts a demo site. When the national list was imported before the first start, the site with the same id_fs is
 * adopted instead (moved to the demo structure, with the demo's values), so the network never lists it twice; the
 * imported structure it leaves empty is deactivated.
 */
async function adopterOuCreerSite(tx: Executor, site: Site): Promise<string> {
  const [existant] =
    site.idFs === undefined || site.idFs === null
      ? []
      : await tx.select({ id: sites.id, structureId: sites.structureId }).from(sites).where(eq(sites.idFs, site.idFs));
  if (!existant) {
    const [cree] = await tx.insert(sites).values(site).returning({ id: sites.id });
    if (!cree) throw new Error('no site');
    return cree.id;
  }
  await tx.update(sites).set(site).where(eq(sites.id, existant.id));
  await tx
    .update(structures)
    .set({ actif: false })
    .where(
      sql`${structures.id} = ${existant.structureId} and not exists (select 1 from ${sites} where ${sites.structureId} = ${existant.structureId})`,
    );
  return existant.id;
}

async function creerComptes(
  tx: Executor,
  motDePasse: string,
  structureIds: Map<string, string>,
  siteIds: Map<string, string>,
) {
  const codesPartenaires = new Map(
    (await tx.select({ id: partenaires.id, code: partenaires.code }).from(partenaires)).map((p) => [p.code, p.id]),
  );
  for (const c of COMPTES_DEMO) {
    const [u] = await tx
      .insert(utilisateurs)
      .values({ courriel: c.courriel, prenom: c.prenom, nom: c.nom, motDePasse })
      .returning({ id: utilisateurs.id });
    if (!u) throw new Error('no user');
    const [h] = await tx
      .insert(habilitations)
      .values({
        utilisateurId: u.id,
        role: c.role,
        structureId: c.structure ? structureIds.get(c.structure) : null,
        partenaireId: c.partenaire ? codesPartenaires.get(c.partenaire) : null,
        departements: c.departements ?? sql`'{}'::varchar[]`,
      })
      .returning({ id: habilitations.id });
    for (const nomSite of c.sites ?? []) {
      const siteId = siteIds.get(nomSite);
      if (h && siteId) await tx.insert(habilitationSites).values({ habilitationId: h.id, siteId });
    }
  }
}
