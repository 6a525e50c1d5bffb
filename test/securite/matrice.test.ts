import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  creerSite,
  creerSollicitation,
  creerStructure,
  creerUtilisateur,
  structureNommee,
  utilisateurNomme,
} from '../fabriques.ts';
import { Client, type Contexte, DEMO, demarrerApp } from '../harnais.ts';

/**
 * The authorization matrix: every route × every role × a target in the role's own scope and one outside it.
 * A route added to the application without a line here fails the completeness test below.
 */

const ROLES = ['anonyme', 'admin', 'coordination', 'gestionSceaux', 'agentSceaux', 'referentCaf'] as const;
type Role = (typeof ROLES)[number];
type Cible =
  | 'structure'
  | 'site'
  | 'utilisateur'
  | 'sollicitation'
  | 'situation'
  | 'partenaire'
  | 'theme'
  | 'saisine'
  | 'referent'
  | 'citoyen'
  | 'mandat'
  | 'violation';
/** One status for both targets, or [own scope, foreign scope]. */
type Attendu = number | [number, number];

interface Cas {
  route: string;
  cible?: Cible;
  /** Form fields for POSTs; `propre` tells which scope the body points into. */
  corps?: (c: {
    propre: boolean;
    ids: Ids;
    cibleId?: string;
    ressourceId?: string;
  }) => Record<string, string | string[]>;
  attendu: Record<Role, Attendu>;
}

interface Ids {
  sceaux: string;
  rouen: string;
  agen: string;
  siteSceaux: string;
  siteRouen: string;
  agentSceaux: string;
  agentRouen: string;
  themeBudget: string;
  caf: string;
}

/** A wall-clock value three hours ago in UTC: in the past on any French clock (breach register forms). */
const ilYaTroisHeures = () => new Date(Date.now() - 3 * 3_600_000).toISOString().slice(0, 16);
const violationValide = () => ({
  titre: 'Clé USB perdue',
  decouverteLe: ilYaTroisHeures(),
  nature: 'confidentialite',
  description: 'Clé USB perdue au guichet.',
  categoriesDonnees: 'Identité',
  categoriesPersonnes: 'Usagers',
  mesuresPrises: 'Mots de passe changés.',
});
/** Reading a breach register entry: at Sceaux (own) or Rouen (foreign). */
const LECTURE_VIOLATION: Record<Role, Attendu> = {
  anonyme: 303,
  admin: 200,
  coordination: [200, 404],
  gestionSceaux: [200, 404],
  agentSceaux: [200, 404],
  referentCaf: 404,
};
/** Keeping an entry: Sceaux's managers and the nation; others who read it get 403. */
const GESTION_VIOLATION = (s: number): Record<Role, Attendu> => ({
  anonyme: 401,
  admin: s,
  coordination: [403, 404],
  gestionSceaux: [s, 404],
  agentSceaux: [403, 404],
  referentCaf: 404,
});

const TOUS = (s: number): Record<Role, Attendu> => ({
  anonyme: s,
  admin: s,
  coordination: s,
  gestionSceaux: s,
  agentSceaux: s,
  referentCaf: s,
});

const structureValide = ({ propre }: { propre: boolean }) => ({
  nom: `Nouvelle structure ${Math.random().toString(36).slice(2, 8)}`,
  departement: propre ? '92' : '76',
  porteur: 'commune',
});
const siteValide = ({ propre, ids, cibleId }: { propre: boolean; ids: Ids; cibleId?: string }) => ({
  structureId: cibleId ? '' : propre ? ids.sceaux : ids.rouen,
  nom: 'Antenne de test',
  genre: 'antenne',
  adresse: '2 rue des Écoles',
  codePostal: '92330',
  commune: 'Sceaux',
});

/** A civil date `n` days from now (closures are typed as dates). */
const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Catalogue: a new local entry for Sceaux (own) or Rouen (foreign); the fields of both forms, each ignoring the other's. */
const entreeLocale = ({ propre, ids }: { propre: boolean; ids: Ids }) => ({
  structureId: propre ? ids.sceaux : ids.rouen,
  nom: `Entrée locale ${Math.random().toString(36).slice(2, 8)}`,
  nomCourt: `Locale ${Math.random().toString(36).slice(2, 8)}`,
  themeId: ids.themeBudget,
  partenairePrincipal: ids.caf,
  accompagnement: 'Informer et orienter',
});
const entreeRenommee = ({ ids }: { ids: Ids }) => ({
  nom: `Entrée renommée ${Math.random().toString(36).slice(2, 8)}`,
  nomCourt: `Renommée ${Math.random().toString(36).slice(2, 8)}`,
  themeId: ids.themeBudget,
  partenairePrincipal: ids.caf,
});
const CREATION_CATALOGUE: Record<Role, Attendu> = {
  anonyme: 401,
  admin: 303,
  coordination: [303, 422],
  gestionSceaux: [303, 422],
  agentSceaux: 403,
  referentCaf: 403,
};
const LECTURE_CATALOGUE: Record<Role, Attendu> = {
  anonyme: 303,
  admin: 200,
  coordination: [200, 404],
  gestionSceaux: [200, 404],
  agentSceaux: [200, 404],
  referentCaf: 403,
};
const ECRITURE_CATALOGUE: Record<Role, Attendu> = {
  anonyme: 401,
  admin: 303,
  coordination: [303, 404],
  gestionSceaux: [303, 404],
  agentSceaux: [403, 404],
  referentCaf: 403,
};

const LECTURE_PIECES: Record<Role, Attendu> = {
  anonyme: 303,
  admin: 200,
  coordination: [200, 404],
  gestionSceaux: [200, 404],
  agentSceaux: [200, 404],
  referentCaf: [200, 404],
};

const LECTURE_RDV: Record<Role, Attendu> = {
  anonyme: 303,
  admin: 200,
  coordination: [200, 404],
  gestionSceaux: [200, 404],
  agentSceaux: [200, 404],
  referentCaf: 403,
};
const FORMULAIRE_RDV: Record<Role, Attendu> = { ...LECTURE_RDV, agentSceaux: [403, 404] };
const ECRITURE_RDV: Record<Role, Attendu> = {
  anonyme: 401,
  admin: 303,
  coordination: [303, 404],
  gestionSceaux: [303, 404],
  agentSceaux: [403, 404],
  referentCaf: 403,
};
const PLANNING_RDV = { 'ma-0-debut': '09:00', 'ma-0-fin': '12:00' };
const motifRdv = ({ ressourceId }: { ressourceId?: string }) => ({
  nom: 'Motif de test',
  canal: 'sur_place',
  duree: '30',
  reservation: 'guichet',
  fenetreJours: '60',
  maxParPersonneJour: '1',
  ressources: ressourceId ?? '',
});
const permanenceRdv = ({ ids }: { ids: Ids }) => ({
  partenaireId: ids.caf,
  libelle: 'Permanence de test',
  frequence: 'hebdomadaire',
  jour: 'je',
  'p-0-debut': '14:00',
  'p-0-fin': '17:00',
});

// The desk's appointment pages (rendez-vous/routes-guichet.tsx): whoever sees the site's activity (porteeActivite)
// books, moves and cancels; référents see no site (404). ':rdv' is a fresh appointment of the target site (rendezVousDe).
const GUICHET_RDV: Record<Role, Attendu> = {
  anonyme: 303,
  admin: 200,
  coordination: [200, 404],
  gestionSceaux: [200, 404],
  agentSceaux: [200, 404],
  referentCaf: 404,
};
const JOURNEE = (s: number): Record<Role, Attendu> => ({
  anonyme: 401,
  admin: 403,
  coordination: [403, 404],
  gestionSceaux: [s, 404],
  agentSceaux: [s, 404],
  referentCaf: 404,
});
const ECRITURE_GUICHET = (s: number): Record<Role, Attendu> => ({
  anonyme: 401,
  admin: s,
  coordination: [s, 404],
  gestionSceaux: [s, 404],
  agentSceaux: [s, 404],
  referentCaf: 404,
});

/** The directory's keepers: the national administration, the coordination, the CAF référent; agents and managers read. */
const ECRITURE_ANNUAIRE = (s: number): Record<Role, Attendu> => ({
  anonyme: 401,
  admin: s,
  coordination: [s, 404],
  gestionSceaux: [403, 404],
  agentSceaux: [403, 404],
  referentCaf: [s, 404],
});
const LECTURE_ANNUAIRE_SEULE: Record<Role, Attendu> = { ...TOUS(403), anonyme: 303 };
const referentValide = () => ({
  rang: 'suppleant',
  prenom: 'Dominique',
  nom: 'Test',
  telephone: '01 99 00 99 99',
  courriel: 'dominique.test@caf.example',
});

const MATRICE: Cas[] = [
  { route: 'GET /', attendu: TOUS(200) },
  { route: 'GET /accessibilite', attendu: TOUS(200) },
  { route: 'GET /healthz', attendu: TOUS(200) },
  { route: 'GET /dsfr/*', attendu: TOUS(200) },
  { route: 'GET /assets/*', attendu: TOUS(200) },
  { route: 'GET /vendor/maplibre/*', attendu: TOUS(200) },
  { route: 'GET /vendor/polices/ecritures.css', attendu: TOUS(200) },
  { route: 'GET /vendor/polices/*', attendu: TOUS(200) },
  // Development only, and only from this machine (test/securite/liens-uniques.test.ts): not in the test environment.
  { route: 'GET /dev/courriels', attendu: TOUS(404) },
  { route: 'GET /donnees/france-services.csv', attendu: TOUS(200) },
  { route: 'GET /lieux/:id', cible: 'site', attendu: TOUS(200) },
  { route: 'GET /lieux/:id/affiche.pdf', cible: 'site', attendu: TOUS(200) },
  // Citizen booking (rendez-vous/routes.tsx; test/rendez-vous/): a fresh site has no online motif, so the motif page
  // says so, the slot page without a motif asks for one, the form without one is an unknown page, the confirmation
  // without a booking cookie goes back to the booking page, and a cancel or move form without a link: an unknown link.
  { route: 'GET /lieux/:id/rendez-vous', cible: 'site', attendu: TOUS(200) },
  { route: 'GET /lieux/:id/rendez-vous/creneaux', cible: 'site', attendu: TOUS(422) },
  { route: 'GET /lieux/:id/rendez-vous/coordonnees', cible: 'site', attendu: TOUS(404) },
  { route: 'POST /lieux/:id/rendez-vous', cible: 'site', attendu: TOUS(404) },
  { route: 'GET /lieux/:id/rendez-vous/confirmation', cible: 'site', attendu: TOUS(303) },
  // The public contact form (issue 12): an empty post is refused field by field; no acknowledgement without a post.
  { route: 'GET /lieux/:id/contact', cible: 'site', attendu: TOUS(200) },
  { route: 'POST /lieux/:id/contact', cible: 'site', attendu: TOUS(422) },
  { route: 'GET /lieux/:id/contact/envoye', cible: 'site', attendu: TOUS(303) },
  { route: 'POST /rendez-vous/annulation', attendu: TOUS(404) },
  { route: 'POST /rendez-vous/deplacement', attendu: TOUS(404) },
  { route: 'GET /rendez-vous/annule', attendu: TOUS(200) },
  { route: 'GET /recherche', attendu: TOUS(200) },
  // Citizen links (test/liens/): the literal ':jeton' is no token, so an unknown link for everyone.
  { route: 'GET /l/:jeton', attendu: TOUS(404) },
  // Public yearly indicators (rapports/routes-indicateurs.tsx)
  { route: 'GET /indicateurs', attendu: TOUS(200) },
  { route: 'GET /indicateurs.csv', attendu: TOUS(200) },
  { route: 'GET /indicateurs/lieux/:id', cible: 'site', attendu: TOUS(200) },
  { route: 'GET /donnees/france-services.geojson', attendu: TOUS(200) },
  { route: 'GET /donnees/lieux-mediation-numerique.csv', attendu: TOUS(200) },
  { route: 'GET /api/v1/sites', attendu: TOUS(200) },
  { route: 'GET /api/v1/sites/:id/openings', cible: 'site', attendu: TOUS(200) },
  // Appointments API (rendez-vous/api.ts; test/rendez-vous/api.test.ts): public, no session. A fresh site has no online
  // motif (an empty list); slots without a motif are a 400; a form post without a motif a 422; ':id' is no appointment.
  { route: 'GET /api/v1/sites/:id/motifs', cible: 'site', attendu: TOUS(200) },
  { route: 'GET /api/v1/sites/:id/disponibilites', cible: 'site', attendu: TOUS(400) },
  { route: 'GET /api/v1/sites/:id/delai-reponse', cible: 'site', attendu: TOUS(200) },
  { route: 'POST /api/v1/rendez-vous', attendu: TOUS(422) },
  { route: 'GET /api/v1/rendez-vous/:id.ics', attendu: TOUS(404) },
  { route: 'GET /api/openapi.json', attendu: TOUS(200) },
  { route: 'GET /api/docs', attendu: TOUS(200) },
  { route: 'GET /connexion', attendu: { ...TOUS(303), anonyme: 200 } },
  {
    route: 'POST /connexion',
    corps: () => ({ courriel: `personne.${Math.random().toString(36).slice(2)}@exemple.fr`, motDePasse: 'incorrect' }),
    attendu: TOUS(422),
  },
  { route: 'POST /deconnexion', attendu: TOUS(303) },
  // ProConnect (ADR 0032) is not configured here: its routes answer 404 to everyone (test/connexion/proconnect.test.ts
  // runs them against a local provider); linking an account needs a session first.
  { route: 'GET /connexion/proconnect', attendu: TOUS(404) },
  { route: 'GET /connexion/proconnect/retour', attendu: TOUS(404) },
  { route: 'GET /deconnexion/proconnect', attendu: TOUS(404) },
  { route: 'GET /compte/proconnect', attendu: { ...TOUS(404), anonyme: 303 } },
  // The second factor (ADR 0032): the code page serves only a pending session (everyone here is signed in or not at
  // all: sent on); the account page enrols (200) or shows the active factor of the demo admin and coordination.
  // Posts without a code: 422 where a form is shown again, 303 where there is nothing to act on; disabling is
  // forbidden to the roles that require the factor.
  { route: 'GET /connexion/second-facteur', attendu: TOUS(303) },
  { route: 'POST /connexion/second-facteur', attendu: TOUS(303) },
  { route: 'GET /compte/second-facteur', attendu: { ...TOUS(200), anonyme: 303 } },
  {
    route: 'POST /compte/second-facteur',
    attendu: { ...TOUS(422), anonyme: 401, admin: 303, coordination: 303 },
  },
  {
    route: 'POST /compte/second-facteur/codes-secours',
    attendu: { ...TOUS(303), anonyme: 401, admin: 422, coordination: 422 },
  },
  {
    route: 'POST /compte/second-facteur/desactiver',
    attendu: { ...TOUS(303), anonyme: 401, admin: 403, coordination: 403 },
  },
  { route: 'GET /mot-de-passe-oublie', attendu: TOUS(200) },
  { route: 'POST /mot-de-passe-oublie', corps: () => ({ courriel: 'personne@exemple.fr' }), attendu: TOUS(200) },
  { route: 'GET /mot-de-passe/nouveau', attendu: TOUS(410) },
  {
    route: 'POST /mot-de-passe/nouveau',
    corps: () => ({
      jeton: 'x'.repeat(43),
      motDePasse: 'un mot de passe assez long',
      confirmation: 'un mot de passe assez long',
    }),
    attendu: TOUS(410),
  },
  { route: 'GET /tableau-de-bord', attendu: { ...TOUS(200), anonyme: 303 } },

  // Structures
  { route: 'GET /admin/structures', attendu: { ...TOUS(200), anonyme: 303, referentCaf: 403 } },
  {
    route: 'GET /admin/structures/nouvelle',
    attendu: { anonyme: 303, admin: 200, coordination: 200, gestionSceaux: 403, agentSceaux: 403, referentCaf: 403 },
  },
  {
    route: 'POST /admin/structures',
    corps: structureValide,
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 422],
      gestionSceaux: 403,
      agentSceaux: 403,
      referentCaf: 403,
    },
  },
  {
    route: 'GET /admin/structures/:id',
    cible: 'structure',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'GET /admin/structures/:id/modifier',
    cible: 'structure',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/structures/:id',
    cible: 'structure',
    corps: () => ({ nom: 'Structure renommée', departement: '92', porteur: 'commune' }),
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/structures/:id/desactiver',
    cible: 'structure',
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [403, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/structures/:id/reactiver',
    cible: 'structure',
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [403, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },

  // Sites
  { route: 'GET /admin/sites', attendu: { ...TOUS(200), anonyme: 303, referentCaf: 403 } },
  {
    route: 'GET /admin/sites/nouveau',
    attendu: { anonyme: 303, admin: 200, coordination: 200, gestionSceaux: 200, agentSceaux: 403, referentCaf: 403 },
  },
  {
    route: 'POST /admin/sites',
    corps: siteValide,
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 422],
      gestionSceaux: [303, 422],
      agentSceaux: 403,
      referentCaf: 403,
    },
  },
  {
    route: 'GET /admin/sites/:id',
    cible: 'site',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'GET /admin/sites/:id/modifier',
    cible: 'site',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/sites/:id',
    cible: 'site',
    corps: ({ ids }) => ({ ...siteValide({ propre: true, ids }), structureId: ids.sceaux }),
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/sites/:id/desactiver',
    cible: 'site',
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/sites/:id/reactiver',
    cible: 'site',
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },

  // Opening hours and exceptional closures of a site (managers edit, agents read)
  {
    route: 'GET /admin/sites/:id/horaires',
    cible: 'site',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/sites/:id/horaires',
    cible: 'site',
    corps: () => ({
      'lu-0-debut': '09:00',
      'lu-0-fin': '12:00',
      osm: '',
      osmInitial: '',
      fuseauHoraire: 'Europe/Paris',
    }),
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'GET /admin/sites/:id/fermetures',
    cible: 'site',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/sites/:id/fermetures',
    cible: 'site',
    corps: () => ({ debut: dansJours(30), fin: dansJours(31), motif: 'Inventaire annuel', motifUrgence: '' }),
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/sites/:id/fermetures/:fermeture/supprimer',
    cible: 'site',
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  // Appointments to take up again after a closure (rendez-vous/routes-reprise.tsx; test/rendez-vous/reprise.test.ts):
  // the structure's people read the list, its managers cancel; without an appointment of the site in the body, 404.
  {
    route: 'GET /admin/sites/:id/rendez-vous/a-reprendre',
    cible: 'site',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/sites/:id/rendez-vous/a-reprendre',
    cible: 'site',
    attendu: {
      anonyme: 401,
      admin: 404,
      coordination: 404,
      gestionSceaux: 404,
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },

  // Appointments of a site, managed (rendez-vous/routes-gestion.tsx): managers change motifs, patterns, permanences
  // and absences; the structure's agents read the overview and absences. ':motif', ':ressource', ':absence' are fresh
  // rows of the target site (lignesRendezVous).
  { route: 'GET /admin/sites/:id/rendez-vous', cible: 'site', attendu: LECTURE_RDV },
  { route: 'GET /admin/sites/:id/rendez-vous/motifs/nouveau', cible: 'site', attendu: FORMULAIRE_RDV },
  { route: 'GET /admin/sites/:id/rendez-vous/motifs/:motif', cible: 'site', attendu: FORMULAIRE_RDV },
  { route: 'POST /admin/sites/:id/rendez-vous/motifs', cible: 'site', attendu: ECRITURE_RDV, corps: motifRdv },
  { route: 'POST /admin/sites/:id/rendez-vous/motifs/:motif', cible: 'site', attendu: ECRITURE_RDV, corps: motifRdv },
  { route: 'POST /admin/sites/:id/rendez-vous/motifs/:motif/desactiver', cible: 'site', attendu: ECRITURE_RDV },
  { route: 'POST /admin/sites/:id/rendez-vous/motifs/:motif/reactiver', cible: 'site', attendu: ECRITURE_RDV },
  { route: 'GET /admin/sites/:id/rendez-vous/agents/nouveau', cible: 'site', attendu: FORMULAIRE_RDV },
  { route: 'GET /admin/sites/:id/rendez-vous/agents/:ressource', cible: 'site', attendu: FORMULAIRE_RDV },
  {
    route: 'POST /admin/sites/:id/rendez-vous/agents',
    cible: 'site',
    // Sceaux's agent receives at a Sceaux site only: at another structure's site the national admin gets a 422.
    attendu: { ...ECRITURE_RDV, admin: [303, 422] },
    corps: ({ ids }) => ({ utilisateurId: ids.agentSceaux, ...PLANNING_RDV }),
  },
  {
    route: 'POST /admin/sites/:id/rendez-vous/agents/:ressource',
    cible: 'site',
    attendu: ECRITURE_RDV,
    corps: () => PLANNING_RDV,
  },
  { route: 'GET /admin/sites/:id/rendez-vous/permanences/nouveau', cible: 'site', attendu: FORMULAIRE_RDV },
  { route: 'GET /admin/sites/:id/rendez-vous/permanences/:ressource', cible: 'site', attendu: FORMULAIRE_RDV },
  {
    route: 'POST /admin/sites/:id/rendez-vous/permanences',
    cible: 'site',
    attendu: ECRITURE_RDV,
    corps: permanenceRdv,
  },
  {
    route: 'POST /admin/sites/:id/rendez-vous/permanences/:ressource',
    cible: 'site',
    attendu: ECRITURE_RDV,
    corps: permanenceRdv,
  },
  { route: 'POST /admin/sites/:id/rendez-vous/ressources/:ressource/desactiver', cible: 'site', attendu: ECRITURE_RDV },
  { route: 'POST /admin/sites/:id/rendez-vous/ressources/:ressource/reactiver', cible: 'site', attendu: ECRITURE_RDV },
  { route: 'GET /admin/sites/:id/rendez-vous/ressources/:ressource/absences', cible: 'site', attendu: LECTURE_RDV },
  {
    route: 'POST /admin/sites/:id/rendez-vous/ressources/:ressource/absences',
    cible: 'site',
    attendu: ECRITURE_RDV,
    corps: () => ({ debut: `${dansJours(10)}T09:00`, fin: `${dansJours(10)}T12:00` }),
  },
  {
    route: 'POST /admin/sites/:id/rendez-vous/ressources/:ressource/absences/:absence/supprimer',
    cible: 'site',
    attendu: ECRITURE_RDV,
  },

  // The desk (test/rendez-vous/guichet.test.ts, deplacement.test.ts): a form without a motif or a slot is a 422; the
  // cancellation with its reason is done (303).
  { route: 'GET /sites/:id/rendez-vous', cible: 'site', attendu: GUICHET_RDV },
  { route: 'GET /sites/:id/rendez-vous/nouveau', cible: 'site', attendu: GUICHET_RDV },
  { route: 'POST /sites/:id/rendez-vous', cible: 'site', attendu: ECRITURE_GUICHET(422) },
  { route: 'GET /sites/:id/rendez-vous/:rdv', cible: 'site', attendu: GUICHET_RDV },
  { route: 'GET /sites/:id/rendez-vous/:rdv/deplacer', cible: 'site', attendu: GUICHET_RDV },
  { route: 'POST /sites/:id/rendez-vous/:rdv/deplacer', cible: 'site', attendu: ECRITURE_GUICHET(422) },
  {
    route: 'POST /sites/:id/rendez-vous/:rdv/annuler',
    cible: 'site',
    corps: () => ({ raison: 'Agent absent ce jour-là' }),
    attendu: ECRITURE_GUICHET(303),
  },

  // The day board (rendez-vous/routes-journee.tsx; test/rendez-vous/journee.test.ts): whoever sees the site reads it,
  // its agents and managers act (coordinators and the national admin: 403), référents see no site (404). ':rdv' is
  // booked in ten days: checking it in today or marking it absent is refused (409). ':passage' is a fresh visit of the
  // site, waiting (in progress for `fin`, which then opens the request log: 303).
  { route: 'GET /sites/:id/journee', cible: 'site', attendu: GUICHET_RDV },
  {
    route: 'POST /sites/:id/journee/passages',
    cible: 'site',
    corps: () => ({ libelle: 'Léa' }),
    attendu: JOURNEE(303),
  },
  { route: 'POST /sites/:id/journee/rendez-vous/:rdv/arrivee', cible: 'site', attendu: JOURNEE(409) },
  { route: 'POST /sites/:id/journee/rendez-vous/:rdv/absence', cible: 'site', attendu: JOURNEE(409) },
  { route: 'POST /sites/:id/journee/passages/:passage/prise-en-charge', cible: 'site', attendu: JOURNEE(303) },
  { route: 'POST /sites/:id/journee/passages/:passage/fin', cible: 'site', attendu: JOURNEE(303) },
  { route: 'POST /sites/:id/journee/passages/:passage/depart', cible: 'site', attendu: JOURNEE(303) },

  // The site's inbox (contacts/routes-boite.tsx; test/contacts/boite.test.ts): whoever sees the site reads it, its
  // agents and managers act (coordinators and the national admin: 403), référents see no site (404). ':demande' is a
  // fresh open request of the target site (demandeDe): reopening an open one is refused (409). The person's form
  // without a link: an unknown link (404).
  { route: 'GET /sites/:id/messages', cible: 'site', attendu: GUICHET_RDV },
  { route: 'GET /sites/:id/messages/:demande', cible: 'site', attendu: GUICHET_RDV },
  {
    route: 'POST /sites/:id/messages/:demande/reponses',
    cible: 'site',
    corps: () => ({ texte: 'Votre dossier est complet.' }),
    attendu: JOURNEE(303),
  },
  {
    route: 'POST /sites/:id/messages/:demande/notes',
    cible: 'site',
    corps: () => ({ note: 'Rappeler jeudi.' }),
    attendu: JOURNEE(303),
  },
  {
    route: 'POST /sites/:id/messages/:demande/attribution',
    cible: 'site',
    corps: () => ({ agent: 'moi' }),
    attendu: JOURNEE(303),
  },
  {
    route: 'POST /sites/:id/messages/:demande/cloture',
    cible: 'site',
    corps: () => ({ issue: 'reponse_apportee' }),
    attendu: JOURNEE(303),
  },
  { route: 'POST /sites/:id/messages/:demande/reouverture', cible: 'site', attendu: JOURNEE(409) },
  { route: 'POST /contact/fil', attendu: TOUS(404) },

  // Cases to référents (saisines, issue 13 points 2 and 3): every role lists the cases it sees; the site's agents and
  // managers create them (the national administration and the coordination only read: 403); a CAF case at Sceaux is
  // seen by its site, the coordination of 92 and the CAF référent for 92, one at Rouen by the nation only. The référent
  // takes it in hand; the site, the référent and the coordination write in its thread; the site or the référent close.
  { route: 'GET /saisines', attendu: { ...TOUS(200), anonyme: 303 } },
  {
    route: 'GET /sites/:id/saisines/nouvelle',
    cible: 'site',
    attendu: {
      anonyme: 303,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 404,
    },
  },
  {
    route: 'POST /sites/:id/saisines',
    cible: 'site',
    corps: ({ ids }) => ({
      partenaire: ids.caf,
      prenom: 'Lucie',
      nom: 'Martin',
      dateNaissance: '1980-05-01',
      baseLegale: 'consentement',
      consentement: 'on',
      question: 'Question de test',
      urgence: 'aucune',
    }),
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [303, 404],
      referentCaf: 404,
    },
  },
  { route: 'GET /saisines/:id', cible: 'saisine', attendu: LECTURE_PIECES },
  // Mandates at the desk (issue 14 points 1-2): the structure's agents and managers list, prepare, print, sign and end
  // them (another structure's: 404); everyone else, the nation and the coordination included, reaches none (404), and
  // the list of all one's mandates is refused to those who work with none (403). The target mandate is active: a
  // signature or an end of procedure is refused by its state (409).
  {
    route: 'GET /mandats',
    attendu: { ...TOUS(403), anonyme: 303, gestionSceaux: 200, agentSceaux: 200 },
  },
  {
    route: 'GET /sites/:id/mandats',
    cible: 'site',
    attendu: { ...TOUS(404), anonyme: 303, gestionSceaux: [200, 404], agentSceaux: [200, 404] },
  },
  {
    route: 'GET /sites/:id/mandats/nouveau',
    cible: 'site',
    attendu: { ...TOUS(404), anonyme: 303, gestionSceaux: [200, 404], agentSceaux: [200, 404] },
  },
  {
    route: 'POST /sites/:id/mandats/nouveau',
    cible: 'site',
    corps: ({ ids }) => ({
      prenom: 'Łukasz',
      nom: 'Ştefănescu-Nguyễn',
      dateNaissance: '1975-03-14',
      partenaires: [ids.caf],
      duree: 'mois',
      pieceIdentite: 'passeport',
      noticeRecue: 'on',
    }),
    attendu: { ...TOUS(404), anonyme: 401, gestionSceaux: [303, 404], agentSceaux: [303, 404] },
  },
  {
    route: 'GET /mandats/:id',
    cible: 'mandat',
    attendu: { ...TOUS(404), anonyme: 303, gestionSceaux: [200, 404], agentSceaux: [200, 404] },
  },
  {
    route: 'GET /mandats/:id/exemplaires.pdf',
    cible: 'mandat',
    attendu: { ...TOUS(404), anonyme: 303, gestionSceaux: [200, 404], agentSceaux: [200, 404] },
  },
  {
    route: 'POST /mandats/:id/signature',
    cible: 'mandat',
    corps: () => ({ signatures: 'on' }),
    attendu: { ...TOUS(404), anonyme: 401, gestionSceaux: [409, 404], agentSceaux: [409, 404] },
  },
  {
    route: 'POST /mandats/:id/demarche-terminee',
    cible: 'mandat',
    attendu: { ...TOUS(404), anonyme: 401, gestionSceaux: [409, 404], agentSceaux: [409, 404] },
  },
  // A citizen record (issue 14): the agents and managers of its structure only; nobody else knows it exists (404).
  {
    route: 'GET /mandats/citoyens/:id',
    cible: 'citoyen',
    attendu: { ...TOUS(404), anonyme: 303, gestionSceaux: [200, 404], agentSceaux: [200, 404] },
  },
  // Revoking a mandate and the list of actions done under it (issue 14 point 3): the structure's agents and managers
  // only; the public revocation page and the link's form answer everyone alike.
  {
    route: 'GET /mandats/:id/revocation',
    cible: 'mandat',
    attendu: { ...TOUS(404), anonyme: 303, gestionSceaux: [200, 404], agentSceaux: [200, 404] },
  },
  {
    route: 'POST /mandats/:id/revocation',
    cible: 'mandat',
    attendu: { ...TOUS(404), anonyme: 401, gestionSceaux: [303, 404], agentSceaux: [303, 404] },
  },
  {
    route: 'GET /mandats/:id/actions',
    cible: 'mandat',
    attendu: { ...TOUS(404), anonyme: 303, gestionSceaux: [200, 404], agentSceaux: [200, 404] },
  },
  {
    route: 'GET /mandats/:id/actions.pdf',
    cible: 'mandat',
    attendu: { ...TOUS(404), anonyme: 303, gestionSceaux: [200, 404], agentSceaux: [200, 404] },
  },
  { route: 'GET /mandats/revocation', attendu: TOUS(200) },
  { route: 'POST /mandats/revocation', attendu: TOUS(422) },
  { route: 'POST /mandats/revocation/lien', attendu: TOUS(404) },
  {
    route: 'POST /saisines/:id/prise-en-charge',
    cible: 'saisine',
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [403, 404],
      agentSceaux: [403, 404],
      referentCaf: [303, 404],
    },
  },
  {
    route: 'POST /saisines/:id/messages',
    cible: 'saisine',
    corps: () => ({ texte: 'Message de test' }),
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [303, 404],
      referentCaf: [303, 404],
    },
  },
  {
    route: 'POST /saisines/:id/cloture',
    cible: 'saisine',
    corps: () => ({ issue: 'sans_suite' }),
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [303, 404],
      referentCaf: [303, 404],
    },
  },

  // A case's documents (saisines, issue 13 point 5): whoever sees the case reads them (a CAF case at Sceaux: its site,
  // the coordination of 92, the CAF référent for 92; at Rouen: the nation only); those who write in its thread add one
  // (the form post without a file: 422); the national administration only reads.
  { route: 'GET /saisines/:id/pieces', cible: 'saisine', attendu: LECTURE_PIECES },
  { route: 'GET /saisines/:id/pieces/:piece', cible: 'saisine', attendu: LECTURE_PIECES },
  {
    route: 'POST /saisines/:id/pieces',
    cible: 'saisine',
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [422, 404],
      gestionSceaux: [422, 404],
      agentSceaux: [422, 404],
      referentCaf: [422, 404],
    },
  },

  // The breach register (mandats/routes-violations.tsx, issue 14 point 7): a structure's agents and managers read its
  // register, the coordination its départements', the nation all; agents and managers declare for their structure
  // (the nation for the national level only: a structure's register is refused, 422); managers and the nation keep
  // an entry (edit, notification, non-notification); closing an entry without a decision is refused (409).
  { route: 'GET /violations', attendu: { ...TOUS(200), anonyme: 303, referentCaf: 403 } },
  {
    route: 'GET /violations/nouvelle',
    attendu: { anonyme: 303, admin: 200, coordination: 403, gestionSceaux: 200, agentSceaux: 200, referentCaf: 403 },
  },
  {
    route: 'POST /violations/nouvelle',
    corps: ({ propre, ids }) => ({ niveau: propre ? ids.sceaux : ids.rouen, ...violationValide() }),
    attendu: {
      anonyme: 401,
      admin: 422,
      coordination: 403,
      gestionSceaux: [303, 422],
      agentSceaux: [303, 422],
      referentCaf: 403,
    },
  },
  { route: 'GET /violations/:id', cible: 'violation', attendu: LECTURE_VIOLATION },
  { route: 'GET /violations/:id/cnil', cible: 'violation', attendu: LECTURE_VIOLATION },
  { route: 'GET /violations/:id/modifier', cible: 'violation', attendu: { ...GESTION_VIOLATION(200), anonyme: 303 } },
  {
    route: 'POST /violations/:id/modifier',
    cible: 'violation',
    corps: () => violationValide(),
    attendu: GESTION_VIOLATION(303),
  },
  {
    route: 'POST /violations/:id/notification',
    cible: 'violation',
    corps: () => ({ notifieeLe: ilYaTroisHeures(), numeroCnil: 'NOT-2026-1' }),
    attendu: GESTION_VIOLATION(303),
  },
  {
    route: 'POST /violations/:id/non-notification',
    cible: 'violation',
    corps: () => ({ motifNonNotification: 'Données chiffrées : aucun risque pour les personnes.' }),
    attendu: GESTION_VIOLATION(303),
  },
  { route: 'POST /violations/:id/cloture', cible: 'violation', attendu: GESTION_VIOLATION(409) },

  // Compliance
  {
    route: 'GET /admin/conformite',
    attendu: { anonyme: 303, admin: 200, coordination: 200, gestionSceaux: 200, agentSceaux: 403, referentCaf: 403 },
  },
  {
    route: 'GET /admin/conformite.csv',
    attendu: { anonyme: 303, admin: 200, coordination: 200, gestionSceaux: 200, agentSceaux: 403, referentCaf: 403 },
  },

  // Catalogue (bouquet de services): everyone with a scope reads; the national administration edits national entries,
  // managers (and coordinators, the national administration) their structures' local ones. A 'situation' or
  // 'partenaire' target is national for the admin, local to Sceaux for the others, and local to Rouen when foreign.
  { route: 'GET /admin/catalogue', attendu: { ...TOUS(200), anonyme: 303, referentCaf: 403 } },
  {
    route: 'GET /admin/catalogue/situations/nouvelle',
    attendu: { anonyme: 303, admin: 200, coordination: 200, gestionSceaux: 200, agentSceaux: 403, referentCaf: 403 },
  },
  { route: 'POST /admin/catalogue/situations', corps: entreeLocale, attendu: CREATION_CATALOGUE },
  { route: 'GET /admin/catalogue/situations/:id', cible: 'situation', attendu: LECTURE_CATALOGUE },
  {
    route: 'POST /admin/catalogue/situations/:id',
    cible: 'situation',
    corps: entreeRenommee,
    attendu: ECRITURE_CATALOGUE,
  },
  { route: 'POST /admin/catalogue/situations/:id/retirer', cible: 'situation', attendu: ECRITURE_CATALOGUE },
  { route: 'POST /admin/catalogue/situations/:id/reactiver', cible: 'situation', attendu: ECRITURE_CATALOGUE },
  {
    route: 'GET /admin/catalogue/partenaires/nouveau',
    attendu: { anonyme: 303, admin: 200, coordination: 200, gestionSceaux: 200, agentSceaux: 403, referentCaf: 403 },
  },
  { route: 'POST /admin/catalogue/partenaires', corps: entreeLocale, attendu: CREATION_CATALOGUE },
  { route: 'GET /admin/catalogue/partenaires/:id', cible: 'partenaire', attendu: LECTURE_CATALOGUE },
  {
    route: 'POST /admin/catalogue/partenaires/:id',
    cible: 'partenaire',
    corps: entreeRenommee,
    attendu: ECRITURE_CATALOGUE,
  },
  { route: 'POST /admin/catalogue/partenaires/:id/retirer', cible: 'partenaire', attendu: ECRITURE_CATALOGUE },
  { route: 'POST /admin/catalogue/partenaires/:id/reactiver', cible: 'partenaire', attendu: ECRITURE_CATALOGUE },
  {
    route: 'GET /admin/catalogue/themes/:id',
    cible: 'theme',
    attendu: { ...TOUS(403), anonyme: 303, admin: 200 },
  },
  {
    route: 'POST /admin/catalogue/themes/:id',
    cible: 'theme',
    corps: () => ({ nom: 'Budget' }),
    attendu: { ...TOUS(403), anonyme: 401, admin: 303 },
  },

  // Import of the national list (national administration only)
  { route: 'GET /admin/imports', attendu: { ...TOUS(403), anonyme: 303, admin: 200 } },
  { route: 'POST /admin/imports', attendu: { ...TOUS(403), anonyme: 401, admin: 422 } },
  // An unknown task id: 404 for the administrator, 403 for everyone else before any lookup.
  { route: 'GET /admin/imports/:id', attendu: { ...TOUS(403), anonyme: 303, admin: 404 } },

  // The outbox (national administration only); an unknown message: 404 for the administrator, 403 for the others.
  { route: 'GET /admin/messages', attendu: { ...TOUS(403), anonyme: 303, admin: 200 } },
  { route: 'POST /admin/messages/:id/relancer', attendu: { ...TOUS(403), anonyme: 401, admin: 404 } },
  // SMS delivery receipts: only with the configured secret in the path (none in tests), whoever asks.
  { route: 'POST /webhooks/sms/:secret', attendu: TOUS(404) },

  // People
  { route: 'GET /admin/utilisateurs', attendu: { ...TOUS(200), anonyme: 303, referentCaf: 403 } },
  {
    route: 'GET /admin/utilisateurs/nouveau',
    attendu: { anonyme: 303, admin: 200, coordination: 200, gestionSceaux: 200, agentSceaux: 403, referentCaf: 403 },
  },
  {
    route: 'POST /admin/utilisateurs',
    corps: ({ propre, ids }) => ({
      prenom: 'Nina',
      nom: 'Rossi',
      courriel: `nina.${Math.random().toString(36).slice(2, 8)}@exemple.fr`,
      role: 'agent',
      structureId: propre ? ids.sceaux : ids.rouen,
    }),
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 422],
      gestionSceaux: [303, 422],
      agentSceaux: 403,
      referentCaf: 403,
    },
  },
  {
    route: 'GET /admin/utilisateurs/:id',
    cible: 'utilisateur',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'GET /admin/utilisateurs/:id/modifier',
    cible: 'utilisateur',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/utilisateurs/:id',
    cible: 'utilisateur',
    corps: () => ({
      prenom: 'Camille',
      nom: 'Modifiée',
      courriel: `camille.${Math.random().toString(36).slice(2, 8)}@exemple.fr`,
    }),
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/utilisateurs/:id/desactiver',
    cible: 'utilisateur',
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/utilisateurs/:id/reactiver',
    cible: 'utilisateur',
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/utilisateurs/:id/habilitations',
    cible: 'utilisateur',
    corps: ({ ids }) => ({ role: 'agent', structureId: ids.sceaux }),
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/utilisateurs/:id/habilitations/:habilitation/retirer',
    cible: 'utilisateur',
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },
  {
    route: 'POST /admin/utilisateurs/:id/habilitations/:habilitation/sites',
    cible: 'utilisateur',
    corps: ({ ids }) => ({ siteIds: [ids.siteSceaux] }),
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [403, 404],
      referentCaf: 403,
    },
  },

  // Activity reports: each role its own scope (agents their structure or sites, référents none).
  { route: 'GET /rapports', attendu: { ...TOUS(200), anonyme: 303 } },
  { route: 'GET /rapports/export.csv', attendu: { ...TOUS(200), anonyme: 303 } },
  { route: 'GET /rapports/export.xlsx', attendu: { ...TOUS(200), anonyme: 303 } },
  { route: 'GET /rapports/rapport.pdf', attendu: { ...TOUS(200), anonyme: 303 } },

  // The request log (sollicitations): agents and managers log at their sites; coordinators and the national
  // administration read; the author edits for 7 days, a manager for the quarter; only the author undoes.
  { route: 'GET /sollicitations', attendu: { ...TOUS(200), anonyme: 303 } },
  {
    route: 'POST /sollicitations',
    corps: ({ propre, ids }) => ({
      site: propre ? ids.siteSceaux : ids.siteRouen,
      situation: 'papiers',
      canal: 'accueil_physique',
      niveau: 'aide_demarche',
      issue: 'resolu',
      duree: 'moins_10',
    }),
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [303, 404],
      referentCaf: 404,
    },
  },
  {
    route: 'POST /sollicitations/repeter',
    corps: ({ propre, ids }) => ({ site: propre ? ids.siteSceaux : ids.siteRouen }),
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [303, 404],
      referentCaf: 404,
    },
  },
  {
    route: 'GET /sollicitations/export',
    attendu: { anonyme: 303, admin: 200, coordination: 200, gestionSceaux: 200, agentSceaux: 403, referentCaf: 403 },
  },
  {
    route: 'GET /sollicitations/:id/modifier',
    cible: 'sollicitation',
    attendu: {
      anonyme: 303,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 404,
    },
  },
  {
    route: 'POST /sollicitations/:id',
    cible: 'sollicitation',
    corps: ({ propre, ids }) => ({
      site: propre ? ids.siteSceaux : ids.siteRouen,
      situation: 'impots',
      canal: 'telephone',
      niveau: 'information_orientation',
      issue: 'a_suivre',
      duree: 'moins_10',
    }),
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [303, 404],
      referentCaf: 404,
    },
  },
  {
    route: 'GET /sollicitations/:id/supprimer',
    cible: 'sollicitation',
    attendu: {
      anonyme: 303,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 404,
    },
  },
  {
    route: 'POST /sollicitations/:id/supprimer',
    cible: 'sollicitation',
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [303, 404],
      agentSceaux: [303, 404],
      referentCaf: 404,
    },
  },
  {
    route: 'POST /sollicitations/:id/annuler',
    cible: 'sollicitation',
    attendu: {
      anonyme: 401,
      admin: 403,
      coordination: [403, 404],
      gestionSceaux: [403, 404],
      agentSceaux: [303, 404],
      referentCaf: 404,
    },
  },
  {
    route: 'GET /sollicitations/:id/historique',
    cible: 'sollicitation',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: 404,
    },
  },

  // The référent directory (saisines/routes-annuaire.tsx, issue 13 point 1): everyone reads the référents of their
  // départements (target: a fresh CAF entry in 92, foreign: one in 47); coordinators, the national administration and
  // the partner's référents keep them. Offers at a site (the CAF's): the site's readers and the référents of its
  // département read, the keepers edit. Deadlines: the national administration only. The tableau's files need a
  // département (400 without).
  { route: 'GET /referents', attendu: { ...TOUS(200), anonyme: 303 } },
  {
    route: 'GET /referents/nouveau',
    attendu: { ...LECTURE_ANNUAIRE_SEULE, admin: 200, coordination: 200, referentCaf: 200 },
  },
  {
    route: 'POST /referents',
    corps: ({ propre, ids }) => ({ ...referentValide(), partenaireId: ids.caf, departement: propre ? '92' : '47' }),
    attendu: {
      anonyme: 401,
      admin: 303,
      coordination: [303, 422],
      gestionSceaux: 403,
      agentSceaux: 403,
      referentCaf: [303, 422],
    },
  },
  { route: 'GET /referents/tableau', attendu: { ...TOUS(200), anonyme: 303 } },
  { route: 'GET /referents/tableau.csv', attendu: { ...TOUS(400), anonyme: 303 } },
  { route: 'GET /referents/tableau.xlsx', attendu: { ...TOUS(400), anonyme: 303 } },
  { route: 'GET /referents/tableau.pdf', attendu: { ...TOUS(400), anonyme: 303 } },
  {
    route: 'GET /referents/:id',
    cible: 'referent',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: [200, 404],
    },
  },
  { route: 'GET /referents/:id/modifier', cible: 'referent', attendu: { ...ECRITURE_ANNUAIRE(200), anonyme: 303 } },
  { route: 'POST /referents/:id', cible: 'referent', corps: referentValide, attendu: ECRITURE_ANNUAIRE(303) },
  { route: 'POST /referents/:id/desactiver', cible: 'referent', attendu: ECRITURE_ANNUAIRE(303) },
  {
    route: 'POST /referents/:id/absences',
    cible: 'referent',
    corps: () => ({ du: dansJours(20), au: dansJours(22) }),
    attendu: ECRITURE_ANNUAIRE(303),
  },
  { route: 'POST /referents/:id/absences/:absence/supprimer', cible: 'referent', attendu: ECRITURE_ANNUAIRE(303) },
  {
    route: 'GET /admin/sites/:id/offres-partenaires',
    cible: 'site',
    attendu: {
      anonyme: 303,
      admin: 200,
      coordination: [200, 404],
      gestionSceaux: [200, 404],
      agentSceaux: [200, 404],
      referentCaf: [200, 404],
    },
  },
  {
    route: 'GET /admin/sites/:id/offres-partenaires/:partenaire',
    cible: 'site',
    attendu: { ...ECRITURE_ANNUAIRE(200), anonyme: 303 },
  },
  {
    route: 'POST /admin/sites/:id/offres-partenaires/:partenaire',
    cible: 'site',
    corps: () => ({ modalites: 'Permanence le mardi matin', permanence: 'on' }),
    attendu: ECRITURE_ANNUAIRE(303),
  },
  {
    route: 'POST /admin/sites/:id/offres-partenaires/:partenaire/supprimer',
    cible: 'site',
    attendu: ECRITURE_ANNUAIRE(303),
  },
  { route: 'GET /admin/delais-partenaires', attendu: { ...TOUS(403), anonyme: 303, admin: 200 } },
  { route: 'POST /admin/delais-partenaires', attendu: { ...TOUS(403), anonyme: 401, admin: 303 } },
];

let ctx: Contexte;
let ids: Ids;
const clients = new Map<Role, Client>();
const COMPTES: Record<Exclude<Role, 'anonyme'>, string> = {
  admin: DEMO.admin,
  coordination: DEMO.coordination,
  gestionSceaux: DEMO.gestionSceaux,
  agentSceaux: DEMO.agentSceaux,
  referentCaf: DEMO.referentCaf,
};

beforeAll(async () => {
  ctx = await demarrerApp();
  ids = {
    sceaux: await structureNommee(ctx, 'France services de Sceaux'),
    rouen: await structureNommee(ctx, 'Maison du Plateau'),
    agen: await structureNommee(ctx, 'France services Agen Léon Blum'),
    siteSceaux:
      (await ctx.sql<{ id: string }>(`select id from sites where nom = 'France services de Sceaux'`))[0]?.id ?? '',
    siteRouen: (await ctx.sql<{ id: string }>(`select id from sites where nom = 'Maison du Plateau'`))[0]?.id ?? '',
    agentSceaux: await utilisateurNomme(ctx, DEMO.agentSceaux),
    agentRouen: (await creerUtilisateur(ctx, await structureNommee(ctx, 'Maison du Plateau'))).id,
    themeBudget: (await ctx.sql<{ id: string }>(`select id from themes where code = 'budget'`))[0]?.id ?? '',
    caf: (await ctx.sql<{ id: string }>(`select id from partenaires where code = 'caf'`))[0]?.id ?? '',
  };
  const anonyme = new Client(ctx.app, '10.0.0.1');
  await anonyme.get('/connexion');
  clients.set('anonyme', anonyme);
  let n = 2;
  for (const [role, courriel] of Object.entries(COMPTES)) {
    // One IP per role, as in real life, so that per-IP throttling of one does not affect the others.
    clients.set(role as Role, await new Client(ctx.app, `10.0.0.${n++}`).connecter(courriel));
  }
});
afterAll(() => ctx.fermer());

/** A fresh catalogue situation (with the CAF as its partner) or partner, national or local to a structure. */
async function creerEntreeCatalogue(type: 'situation' | 'partenaire', structureId: string | null): Promise<string> {
  const n = Math.random().toString(36).slice(2, 10);
  if (type === 'partenaire') {
    const [p] = await ctx.sql<{ id: string }>(
      `insert into partenaires (code, nom, nom_court, structure_id) values ($1, $2, $3, $4) returning id`,
      [`partenaire-${n}`, `Partenaire ${n}`, `P ${n}`, structureId],
    );
    return p?.id ?? '';
  }
  const [s] = await ctx.sql<{ id: string }>(
    `insert into situations (code, nom, theme_id, structure_id) values ($1, $2, $3, $4) returning id`,
    [`situation-${n}`, `Situation ${n}`, ids.themeBudget, structureId],
  );
  await ctx.sql(`insert into situation_partenaires (situation_id, partenaire_id, ordre) values ($1, $2, 1)`, [
    s?.id,
    ids.caf,
  ]);
  return s?.id ?? '';
}

/** A target in (or out of) the role's scope; fresh rows for state-changing routes so that cases stay independent. */
async function cible(type: Cible, role: Role, propre: boolean): Promise<{ id: string; habilitation?: string }> {
  if (type === 'structure') {
    if (!propre) return { id: await creerStructure(ctx, '76') };
    return { id: role === 'admin' || role === 'coordination' ? await creerStructure(ctx, '92') : ids.sceaux };
  }
  if (type === 'site') return { id: await creerSite(ctx, propre ? ids.sceaux : await creerStructure(ctx, '76')) };
  if (type === 'sollicitation') {
    // Own scope: logged just now at Sceaux by Sceaux's agent; foreign: at Rouen by Rouen's.
    return {
      id: await creerSollicitation(
        ctx,
        propre ? ids.siteSceaux : ids.siteRouen,
        propre ? ids.agentSceaux : ids.agentRouen,
      ),
    };
  }
  if (type === 'situation' || type === 'partenaire') {
    // Own scope: a national entry for the national admin (who edits those), one local to Sceaux for the others;
    // foreign: one local to a fresh structure in Seine-Maritime.
    const structure = propre ? (role === 'admin' ? null : ids.sceaux) : await creerStructure(ctx, '76');
    return { id: await creerEntreeCatalogue(type, structure) };
  }
  if (type === 'theme') return { id: ids.themeBudget };
  if (type === 'saisine') return { id: await saisineDe(propre ? ids.siteSceaux : ids.siteRouen) };
  if (type === 'referent') return { id: await referentDe(propre ? '92' : '47') };
  if (type === 'violation') return { id: await violationDe(propre ? ids.sceaux : ids.rouen) };
  if (type === 'citoyen') return { id: await citoyenDe(propre ? ids.sceaux : ids.agen) };
  if (type === 'mandat') return { id: await mandatDe(propre ? ids.sceaux : ids.agen) };
  const u = await creerUtilisateur(ctx, propre ? ids.sceaux : ids.agen, ['agent', 'agent']);
  return { id: u.id, habilitation: u.habilitations[0] };
}

/** A site's appointment rows for the management routes: a resource (a permanence on its pages, else an agent), a motif, an absence. */
async function lignesRendezVous(siteId: string, url: string) {
  const permanence = url.includes('/permanences/');
  const regles = permanence
    ? {
        occurrences: [{ regle: { frequence: 'hebdomadaire', jour: 'je' }, plages: [{ debut: '14:00', fin: '17:00' }] }],
      }
    : { modeles: [] };
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, partenaire_id, libelle, regles) values ($1, $2, $3, 'Ressource de test', $4) returning id`,
    [siteId, permanence ? 'permanence' : 'agent', permanence ? ids.caf : null, JSON.stringify(regles)],
  );
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal) values ($1, 'Motif de test', 30, 'sur_place') returning id`,
    [siteId],
  );
  const [a] = await ctx.sql<{ id: string }>(
    `insert into absences (ressource_id, debut, fin) values ($1, now() + interval '10 days', now() + interval '11 days') returning id`,
    [r?.id],
  );
  const lignes = { ':motif': m?.id ?? '', ':ressource': r?.id ?? '', ':absence': a?.id ?? '' };
  return {
    url: url.replace(/:motif|:ressource|:absence/g, (p) => lignes[p as keyof typeof lignes]),
    ressourceId: r?.id,
  };
}

/** A walk-in's visit at a site today (its zone's date), waiting or, `enCours`, being served. */
async function passageDe(siteId: string, enCours: boolean): Promise<string> {
  const [p] = await ctx.sql<{ id: string }>(
    `insert into passages (site_id, jour, numero, arrive_le, statut, pris_en_charge_le)
     select id, (now() at time zone fuseau_horaire)::date, 1, now(), $2::statut_passage,
            case when $2::statut_passage = 'en_cours' then now() end
     from sites where id = $1 returning id`,
    [siteId, enCours ? 'en_cours' : 'attente'],
  );
  return p?.id ?? '';
}

/** An open request written to a site (its inbox), received now, with an email. */
async function demandeDe(siteId: string): Promise<string> {
  const [d] = await ctx.sql<{ id: string }>(
    `insert into demandes_contact (site_id, structure_id, departement, canal, nom, courriel, recu_le, echeance)
     select s.id, s.structure_id, st.departement, 'courriel', 'Personne de test', 'personne@exemple.fr', now(),
            now() + interval '3 days'
     from sites s join structures st on st.id = s.structure_id where s.id = $1 returning id`,
    [siteId],
  );
  return d?.id ?? '';
}

/** A fresh CAF entry of the référent directory in a département. */
async function referentDe(departement: string): Promise<string> {
  const [r] = await ctx.sql<{ id: string }>(
    `insert into referents (partenaire_id, departement, rang, prenom, nom, courriel)
     values ($1, $2, 'titulaire', 'Dominique', 'Test', 'dominique.test@caf.example') returning id`,
    [ids.caf, departement],
  );
  return r?.id ?? '';
}

/** An open breach register entry of a structure, discovered 10 hours ago (issue 14 point 7). */
async function violationDe(structureId: string): Promise<string> {
  const [v] = await ctx.sql<{ id: string }>(
    `insert into violations (reference, structure_id, titre, nature, description, decouverte_le, categories_donnees,
       categories_personnes, mesures_prises, declare_par)
     values ('V-' || upper(substr(md5(random()::text), 1, 8)), $1, 'Violation de test', array['integrite'], 'Test',
       now() - interval '10 hours', 'Identité', 'Usagers', 'Aucune', gen_random_uuid()) returning id`,
    [structureId],
  );
  return v?.id ?? '';
}

/** A new CAF case at a site (Sceaux is in the CAF référent's 92, Rouen is not). */
async function saisineDe(siteId: string): Promise<string> {
  const [s] = await ctx.sql<{ id: string }>(
    `insert into saisines (site_id, structure_id, departement, partenaire_id, base_legale, consentement_le, nom, question,
       cree_par, echeance)
     select s.id, s.structure_id, st.departement, $2, 'consentement', now(), 'Personne de test', 'Question de test',
       gen_random_uuid(), now() + interval '5 days'
     from sites s join structures st on st.id = s.structure_id where s.id = $1 returning id`,
    [siteId, ids.caf],
  );
  return s?.id ?? '';
}

/** A citizen record of a structure (at a fresh site of it). */
async function citoyenDe(structureId: string): Promise<string> {
  const [c] = await ctx.sql<{ id: string }>(
    `insert into citoyens (structure_id, site_id, prenom, nom, date_naissance, base_legale, cree_par)
     values ($1, $2, 'Łukasz', 'Ştefănescu-Nguyễn', '1975-03-14', 'mandat', gen_random_uuid()) returning id`,
    [structureId, await creerSite(ctx, structureId)],
  );
  return c?.id ?? '';
}

/** An active six-month mandate of a structure, for a fresh citizen record of it. */
async function mandatDe(structureId: string): Promise<string> {
  const citoyen = await citoyenDe(structureId);
  const reference = `M-${Array.from({ length: 8 }, () => '23456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 30)]).join('')}`;
  const [m] = await ctx.sql<{ id: string }>(
    `insert into mandats (reference, structure_id, site_id, citoyen_id, duree, statut, piece_identite, version_notice,
       empreinte_texte, empreinte_code, cree_par, signe_le, debut, fin)
     select $1, structure_id, site_id, id, 'six_mois', 'actif', 'passeport', '2026-12', repeat('a', 64), repeat('b', 64),
       gen_random_uuid(), now(), now(), now() + interval '180 days'
     from citoyens where id = $2 returning id`,
    [reference, citoyen],
  );
  return m?.id ?? '';
}

/** A PDF document attached to a case. */
async function pieceDe(saisineId: string): Promise<string> {
  const [p] = await ctx.sql<{ id: string }>(
    `insert into pieces_saisines (saisine_id, nom_fichier, type_mime, taille, sha256, contenu, depose_par)
     values ($1, 'piece.pdf', 'application/pdf', 9, repeat('0', 64), '\\x255044462d312e340a'::bytea, gen_random_uuid())
     returning id`,
    [saisineId],
  );
  return p?.id ?? '';
}

/** A booked appointment in ten days at a site (with its resource and motif), for the desk's routes. */
async function rendezVousDe(siteId: string): Promise<string> {
  const [r] = await ctx.sql<{ id: string }>(
    `insert into ressources (site_id, type, libelle, regles) values ($1, 'agent', 'Agent de test', '{"modeles":[]}') returning id`,
    [siteId],
  );
  const [m] = await ctx.sql<{ id: string }>(
    `insert into motifs (site_id, nom, duree, canal) values ($1, 'Motif de test', 30, 'sur_place') returning id`,
    [siteId],
  );
  const [rdv] = await ctx.sql<{ id: string }>(
    `insert into rendez_vous (site_id, motif_id, ressource_id, debut, fin, occupe, nom, origine)
     select $1, $2, $3, d, d + interval '30 minutes', tstzrange(d, d + interval '30 minutes'), 'Personne de test', 'guichet'
     from (select date_trunc('hour', now()) + interval '10 days' as d) x returning id`,
    [siteId, m?.id, r?.id],
  );
  return rdv?.id ?? '';
}

async function appeler(cas: Cas, role: Role, propre: boolean): Promise<number> {
  const client = clients.get(role);
  if (!client) throw new Error(role);
  const [methode, motif] = cas.route.split(' ') as [string, string];
  let url = motif
    .replace('/dsfr/*', '/dsfr/dsfr.min.css')
    .replace('/assets/*', '/assets/guichet.css')
    .replace('/vendor/maplibre/*', '/vendor/maplibre/maplibre-gl.css')
    .replace('/vendor/polices/*', '/vendor/polices/noto-sans-sc/files/noto-sans-sc-4-400-normal.woff2');
  let cibleId: string | undefined;
  let ressourceId: string | undefined;
  if (cas.cible) {
    const c = await cible(cas.cible, role, propre);
    cibleId = c.id;
    url = url.replace(':id', c.id).replace(':habilitation', c.habilitation ?? '');
    if (url.includes(':fermeture')) {
      const [f] = await ctx.sql<{ id: string }>(
        `insert into fermetures (site_id, debut, fin, motif) values ($1, current_date + 30, current_date + 30, 'Inventaire') returning id`,
        [c.id],
      );
      url = url.replace(':fermeture', f?.id ?? '');
    }
    if (url.startsWith('/admin/sites/') && url.includes('/rendez-vous'))
      ({ url, ressourceId } = await lignesRendezVous(c.id, url));
    if (url.includes(':rdv')) url = url.replace(':rdv', await rendezVousDe(c.id));
    if (url.includes(':passage')) url = url.replace(':passage', await passageDe(c.id, url.endsWith('/fin')));
    if (url.includes(':demande')) url = url.replace(':demande', await demandeDe(c.id));
    if (url.includes(':piece')) url = url.replace(':piece', await pieceDe(c.id));
    if (url.startsWith('/referents/') && url.includes(':absence')) {
      const [a] = await ctx.sql<{ id: string }>(
        `insert into absences_referents (referent_id, du, au) values ($1, current_date + 20, current_date + 21) returning id`,
        [c.id],
      );
      url = url.replace(':absence', a?.id ?? '');
    }
    url = url.replace(':partenaire', ids.caf);
  }
  if (methode === 'GET') return (await client.get(url)).statusCode;
  const r = await client.post(url, cas.corps?.({ propre, ids, cibleId, ressourceId }) ?? {});
  if (role !== 'anonyme' && cas.route === 'POST /deconnexion') await client.connecter(COMPTES[role]);
  return r.statusCode;
}

describe('authorization matrix', () => {
  it('lists every route the application declares, and only those', () => {
    const declarees = ctx.app.routesDeclarees.map((r) => `${r.method} ${r.url}`).sort();
    const matrice = MATRICE.map((c) => c.route).sort();
    expect(
      declarees.filter((r) => !matrice.includes(r)),
      'routes missing from the matrix',
    ).toEqual([]);
    expect(
      matrice.filter((r) => !declarees.includes(r)),
      'matrix lines without a route',
    ).toEqual([]);
  });

  for (const cas of MATRICE) {
    it(cas.route, async () => {
      const obtenu: Record<string, Attendu> = {};
      for (const role of ROLES) {
        const attendu = cas.attendu[role];
        const propre = await appeler(cas, role, true);
        const etranger = Array.isArray(attendu) || cas.cible || cas.corps ? await appeler(cas, role, false) : propre;
        obtenu[role] = Array.isArray(attendu) ? [propre, etranger] : propre === etranger ? propre : [propre, etranger];
      }
      expect(obtenu).toEqual(cas.attendu);
    });
  }
});
