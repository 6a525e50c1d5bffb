import { and, eq, inArray } from 'drizzle-orm';
import { partenaires } from '../modules/catalogue/tables.ts';
import { utilisateurs } from '../modules/comptes/tables.ts';
import { ajouterJours, dateLocale } from '../modules/horaires/index.ts';
import { absencesReferents, offresPartenaires, referents } from '../modules/saisines/tables.ts';
import { sites } from '../modules/structures/tables.ts';
import type { Executor } from '../platform/db/client.ts';
import { amorcages } from '../platform/db/tables.ts';

// The demo référent directory (issue 13): a titulaire and a suppléant for each of the 9 national partners in the
// Hauts-de-Seine, the Bouches-du-Rhône and the Lot-et-Garonne, with names of various origins, phones in the range
// ARCEP keeps for fiction (01 99 00 xx xx) and addresses under .example. The CAF 92 titulaire is the demo référent
// account (referent.caf@guichet.test); the Assurance Maladie 92 titulaire is away for the coming week, so that cases
// for it go to the backup; a few partners' offers at Sceaux and Agen. Loaded once per database (seed
// `demo.annuaire`), in a handful of statements: every test database starts from it.

type Paire = [titulaire: string, suppleant: string];

/** Per partner code: the functions of the titulaire and of the suppléant. */
const FONCTIONS: Record<string, Paire> = {
  'france-travail': ['Responsable d’équipe relations partenaires', 'Conseillère à l’emploi référente'],
  'assurance-maladie': ['Responsable de la mission accompagnement santé', 'Conseiller accès aux droits'],
  'assurance-retraite': ['Responsable de l’agence retraite', 'Technicienne retraite référente'],
  caf: ['Responsable du service prestations', 'Conseiller technique prestations'],
  msa: ['Responsable de l’action sanitaire et sociale', 'Travailleur social référent'],
  'la-poste': ['Responsable de secteur', 'Chargé de clientèle référent'],
  'finances-publiques': ['Responsable du service des impôts des particuliers', 'Contrôleur des finances publiques'],
  'interieur-ants': ['Référente titres de la préfecture', 'Adjoint au chef du bureau des titres'],
  justice: ['Directrice du conseil départemental de l’accès au droit', 'Greffier référent'],
};

/** Per département, per partner code (in the order of FONCTIONS): titulaire and suppléant, "Prénom Nom". */
const NOMS: Record<string, Paire[]> = {
  '92': [
    ['Nadia Haddad', 'Thomas Girard'],
    ['Fatou Diop', 'Julien Roux'],
    ['Hélène Nguyễn', 'Mehdi Cherif'],
    ['Julie Moreau', 'Antoine Lambert'],
    ['Sophie Laurent', 'Yannick Le Gall'],
    ['Karima Belkacem', 'Pierre Fontaine'],
    ['Élodie Marchand', 'Samuel Cohen'],
    ['Aïcha Traoré', 'Lucas Petit'],
    ['Marie-Claire N’Diaye', 'Grégoire Dubreuil'],
  ],
  '13': [
    ['Sofiane Benamar', 'Laura Rossi'],
    ['Chantal Ferrandi', 'Rachid Meziane'],
    ['Paola Esposito', 'Olivier Blanc'],
    ['Inès Bouzid', 'Marc-Antoine Giraud'],
    ['Lucie Arnaud', 'Kévin Tran'],
    ['Nathalie Santoni', 'Youssef El Amrani'],
    ['Christophe Pagès', 'Amina Sy'],
    ['Stéphanie Orsini', 'Hugo Martinez'],
    ['Zoé Kowalski', 'Bernard Abitbol'],
  ],
  '47': [
    ['Céline Dupuy', 'Alain Lacoste'],
    ['Mariam Konaté', 'Jean-Luc Bordes'],
    ['Françoise Delmas', 'Ahmed Saïdi'],
    ['Émilie Castaing', 'Florian Lagarde'],
    ['Bernadette Soulé', 'Thibault Carrère'],
    ['Sandrine Lafitte', 'Mamadou Sow'],
    ['Łucja Wiśniewska', 'Patrick Faure'],
    ['Ingrid Ødegård', 'Damien Roques'],
    ['Anne-Sophie Vidal', 'Tiago Ferreira'],
  ],
};

/** The offers at two demo sites: partner code, modalities and what they include. */
const OFFRES: Record<
  string,
  Array<[string, string, { permanence?: boolean; rendezVous?: boolean; visio?: boolean }]>
> = {
  'France services de Sceaux': [
    [
      'caf',
      'Permanence le mardi de 9 h à 12 h.\nRendez-vous en visio le jeudi après-midi.',
      { permanence: true, visio: true },
    ],
    [
      'assurance-retraite',
      'Rendez-vous téléphonique ou en visio à la demande de l’agent.',
      { rendezVous: true, visio: true },
    ],
  ],
  'France services Agen Léon Blum': [
    ['msa', 'Permanence un jeudi sur deux, de 14 h à 17 h.', { permanence: true }],
    ['france-travail', 'Rendez-vous en visio avec un conseiller le lundi matin.', { rendezVous: true, visio: true }],
    [
      'finances-publiques',
      'Permanence sur rendez-vous pendant la campagne déclarative (avril à juin).',
      { permanence: true, rendezVous: true },
    ],
  ],
};

/** "Marie-Claire N’Diaye" → "marie-claire.ndiaye": the local part of a demo address. */
function adresse(prenom: string, nom: string): string {
  const ascii = (s: string) =>
    s
      .replace(/[Łł]/g, 'l')
      .replace(/[Øø]/g, 'o')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[’' ]/g, '')
      .replace(/[^a-z-]/g, '');
  return `${ascii(prenom)}.${ascii(nom)}`;
}

/** Loads the demo directory once per database (seed key `demo.annuaire`). */
export async function chargerAnnuaireDemo(tx: Executor, maintenant = new Date()): Promise<void> {
  const [nouveau] = await tx
    .insert(amorcages)
    .values({ nom: 'demo.annuaire' })
    .onConflictDoNothing()
    .returning({ nom: amorcages.nom });
  if (!nouveau) return;
  const codes = Object.keys(FONCTIONS);
  const ids = new Map(
    (
      await tx
        .select({ id: partenaires.id, code: partenaires.code })
        .from(partenaires)
        .where(inArray(partenaires.code, codes))
    ).map((p) => [p.code, p.id]),
  );
  const [compte] = await tx
    .select({ id: utilisateurs.id })
    .from(utilisateurs)
    .where(eq(utilisateurs.courriel, 'referent.caf@guichet.test'));
  let n = 10;
  const lignes: Array<typeof referents.$inferInsert> = [];
  for (const [departement, paires] of Object.entries(NOMS)) {
    paires.forEach((paire, i) => {
      const code = codes[i] as string;
      const partenaireId = ids.get(code);
      if (!partenaireId) return;
      n++;
      paire.forEach((complet, j) => {
        const [prenom, ...reste] = complet.split(' ');
        const nom = reste.join(' ');
        lignes.push({
          partenaireId,
          departement,
          rang: j === 0 ? 'titulaire' : 'suppleant',
          prenom: prenom as string,
          nom,
          fonction: FONCTIONS[code]?.[j] ?? null,
          telephone: `01 99 00 ${n} ${j === 0 ? '10' : '20'}`,
          courriel: `${adresse(prenom as string, nom)}@${code}.example`,
          utilisateurId: departement === '92' && code === 'caf' && j === 0 ? (compte?.id ?? null) : null,
        });
      });
    });
  }
  if (lignes.length === 0) return;
  const crees = await tx.insert(referents).values(lignes).returning({
    id: referents.id,
    departement: referents.departement,
    partenaireId: referents.partenaireId,
    rang: referents.rang,
  });
  const absent = crees.find(
    (r) => r.departement === '92' && r.partenaireId === ids.get('assurance-maladie') && r.rang === 'titulaire',
  );
  const aujourdhui = dateLocale(maintenant, 'Europe/Paris');
  if (absent)
    await tx
      .insert(absencesReferents)
      .values({ referentId: absent.id, du: aujourdhui, au: ajouterJours(aujourdhui, 7) });
  for (const [nomSite, offres] of Object.entries(OFFRES)) {
    const [site] = await tx
      .select({ id: sites.id })
      .from(sites)
      .where(and(eq(sites.nom, nomSite), eq(sites.actif, true)))
      .limit(1);
    if (!site) continue;
    const valeurs = offres.flatMap(([code, modalites, o]) => {
      const partenaireId = ids.get(code);
      return partenaireId
        ? [
            {
              siteId: site.id,
              partenaireId,
              modalites,
              permanence: !!o.permanence,
              rendezVous: !!o.rendezVous,
              visio: !!o.visio,
            },
          ]
        : [];
    });
    if (valeurs.length > 0) await tx.insert(offresPartenaires).values(valeurs).onConflictDoNothing();
  }
}
