import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// House rule (ADR 0007): every exported repo function that touches tenant data takes the scope (`Portee`) and puts it
// in its WHERE clause. Checked on the sources of every `src/modules/*/repo*.ts`: a function "touches tenant data" when
// its body names a tenant table (its Drizzle object imported from a tables.ts, or its SQL name after FROM, JOIN, INTO or
// UPDATE); it must then have a parameter typed `Portee`, or be listed below with the reason it needs none.

const MODULES = 'src/modules';

/** Tables whose rows belong to a place of the network (département, structure, site) or to its people. */
const TABLES_LOCATAIRES: Record<string, string> = {
  structures: 'structures',
  sites: 'sites',
  sitePartenaires: 'site_partenaires',
  arrets: 'arrets',
  fermetures: 'fermetures',
  utilisateurs: 'utilisateurs',
  habilitations: 'habilitations',
  habilitationSites: 'habilitation_sites',
  partenaires: 'partenaires', // local partners belong to a structure
  situations: 'situations', // local situations belong to a structure
  sollicitations: 'sollicitations',
  journalSollicitations: 'journal_sollicitations',
  statsDepartementJour: 'stats_departement_jour',
  statsDepartementMois: 'stats_departement_mois',
  statsSiteMois: 'stats_site_mois',
  rendezVous: 'rendez_vous', // appointments name citizens
  ressources: 'ressources', // who receives at a site: agents
  absences: 'absences',
  passages: 'passages', // visits at a counter, with a first name
  demandesContact: 'demandes_contact', // messages written to a site, with the writer's name and contact
  messagesContact: 'messages_contact',
  referents: 'referents', // the référent directory: named people of a partner per département
  absencesReferents: 'absences_referents',
  offresPartenaires: 'offres_partenaires',
  saisines: 'saisines', // cases handed to référents, with the citizen's identity
  messagesSaisines: 'messages_saisines',
  piecesSaisines: 'pieces_saisines',
  citoyens: 'citoyens', // citizen records, owned by one structure
  mandats: 'mandats', // mandates signed with a structure
  perimetresMandats: 'perimetres_mandats',
  journalMandats: 'journal_mandats',
  violations: 'violations', // the breach register of a structure (or of the national level)
};

/**
 * Exported repo functions on tenant data without a scope, each with why. Callers of these check the scope themselves
 * first (through a scoped function of the same repo), or act for no one in particular.
 */
const EXCEPTIONS: Record<string, string> = {
  // ---- the public read model: what it returns is published anyway (open data, site pages, API)
  'donnees/repo.ts#sitesPublics': 'public read model: active sites of active structures, never people',
  'donnees/repo.ts#fermeturesEntre': 'public read model: closures of a public site',
  // ---- authentication: looked up by a secret or an email, before anyone has a scope
  'comptes/repo.ts#trouverCompteParCourriel': 'sign-in: the person is found by their email',
  'comptes/repo.ts#habilitationsDe': 'loads the roles that make the scope itself',
  'comptes/repo.ts#acteurDeSession': 'loads the signed-in person from their session secret',
  'comptes/repo.ts#noterConnexion': 'the signed-in person’s own last sign-in time',
  'comptes/repo.ts#creerJeton': 'a one-time link for a person the service found in scope, or for themselves',
  'comptes/repo.ts#consommerJeton': 'a one-time link, found by its secret',
  'comptes/repo.ts#jetonValide': 'a one-time link, found by its secret',
  'comptes/repo.ts#definirMotDePasse': 'a person setting their own password through a one-time link',
  'comptes/repo.ts#courrielPris': 'email uniqueness is national: one account per email address',
  // ---- writes whose target the service has just loaded within the scope (same transaction)
  'comptes/repo.ts#insererUtilisateur': 'a new person; the service checks the roles granted with it',
  'comptes/repo.ts#insererHabilitation': 'the service checks the structure in scope (structureDansPortee) first',
  'comptes/repo.ts#remplacerSitesHabilitation': 'the service checks the sites with sitesDeStructure(portee) first',
  'structures/repo.ts#ciblesStructures': 'ids come from habilitations already in the actor’s reach (policy input)',
  'structures/repo.ts#insererStructure': 'a new structure; the service checks the département is coordinated',
  'structures/repo.ts#insererSite': 'a new site; the service loads its structure with trouverStructure(portee) first',
  'structures/repo.ts#idFsPris': 'the ANCT identifier is unique nationally',
  'comptes/repo.ts#partenairesNationaux': 'national partners are public reference data (référent form)',
  'structures/repo.ts#partenairesNationaux': 'national partners are public reference data',
  'catalogue/repo.ts#catalogueDeSaisie': 'national entries plus those of a structure the service found in scope',
  'catalogue/repo.ts#libellesCatalogue': 'labels of the whole catalogue, to print reports already scoped',
  'catalogue/repo.ts#situationNommee': 'name uniqueness within a structure the service found in scope',
  'catalogue/repo.ts#codeSituationPris': 'codes are unique nationally',
  'catalogue/repo.ts#codePartenairePris': 'codes are unique nationally',
  'catalogue/repo.ts#insererSituation': 'the service checks the structure in scope first',
  'catalogue/repo.ts#partenaireNomme': 'name uniqueness within a structure the service found in scope',
  'catalogue/repo.ts#insererPartenaire': 'the service checks the structure in scope first',
  'sollicitations/repo.ts#arretsDuSite': 'the service loads the site with trouverSite(portee) first',
  'sollicitations/repo.ts#usageDesSituations': 'the service loads the site with trouverSite(portee) first',
  'sollicitations/repo.ts#valeursFrequentes': 'the service loads the site with trouverSite(portee) first',
  'sollicitations/repo.ts#derniereDe': 'the actor’s own last entry (by their id)',
  'sollicitations/repo.ts#inserer': 'the service checks peutSaisir on a site loaded with trouverSite(portee)',
  'rapports/repo.ts#compterParDepartements': 'the service checks the départements against porteeActivite first',
  'rapports/repo.ts#compterDepuisLesSollicitations': 'the service checks the places against porteeActivite first',
  'rapports/repo.ts#compterLieux': 'the service checks the structure or site against porteeActivite first',
  'rapports/repo.ts#nomsDesLieux': 'names of places already counted within the scope',
  // ---- imports: the national list is the national administration's; the service refuses any other scope first
  'imports/repo.ts#partenairesNationaux': 'national partners are public reference data',
  'imports/repo.ts#insererStructureImportee': 'national list import: national scope checked by the service',
  'imports/repo.ts#insererSiteImporte': 'national list import: national scope checked by the service',
  'imports/repo.ts#ajouterPartenaires': 'the site was just created or found within the scope by the same import',
  // ---- the citizen's booking and cancel pages (no account): public facts, or what the link's holder already has
  'rendez-vous/repo-usager.ts#siteActif': 'public read model: name, address and zone of an active public site',
  'rendez-vous/repo-usager.ts#rendezVousPourUsager': 'the appointment of a cancel link, shown to the link’s holder',
  // ---- booking (rendez-vous/repo.ts): what slot computation reads of a public site, and the booking of a citizen
  'rendez-vous/repo.ts#siteAccueilPublic': 'public read model: hours, zone, stops of an active public site',
  'rendez-vous/repo.ts#fermeturesDuSite': 'public read model: closures of a public site',
  'rendez-vous/repo.ts#ressourcesDuMotif': 'when a public motif is received (patterns, absences): no name shown',
  'rendez-vous/repo.ts#occupations': 'busy times of the resources of a public motif, without any person',
  'rendez-vous/repo.ts#compterPourPersonne': 'the bound per person and day: a count for the contact just typed',
  'rendez-vous/repo.ts#insererRendezVous': 'a citizen’s booking of a slot the service has just checked',
  'rendez-vous/repo.ts#rendezVousPourMaj': 'the appointment of a cancel link (its holder), or its calendar file',
  'rendez-vous/repo.ts#annuler': 'the appointment of a cancel link, cancelled by its holder',
  // ---- moves and cancellations by the site (rendez-vous/repo-guichet.ts): the appointment was just loaded within the
  // scope (rendezVousDuGuichet) or through its citizen link
  'rendez-vous/repo-guichet.ts#rendezVousADeplacer': 'an appointment found in scope or through its link, to move',
  'rendez-vous/repo-guichet.ts#deplacerEnPlace': 'moves an appointment found in scope or through its link',
  'rendez-vous/repo-guichet.ts#annulerPourLeSite': 'cancels an appointment the service found within the scope',
  'rendez-vous/repo-rappels.ts#rendezVousARappeler': 'the reminder job (acting for no one) reads the booked one',
  // ---- the answer clock of messages (contacts/repo.ts): the published calendar of a public site
  'contacts/repo.ts#calendrierPublic': 'public read model: zone, hours, stops and closures of an active public site',
  // ---- the answer clock's alert sweep (a job acting for no one) and the calendars of sites whose requests are held
  'contacts/repo-alertes.ts#demandesAAlerter': 'the alert job reads requests waiting for an answer, names of sites',
  'contacts/repo-alertes.ts#destinatairesTroisQuarts': 'the alert job finds the agents of the request’s own site',
  'contacts/repo-alertes.ts#destinatairesDepassement': 'the alert job finds the managers of the request’s structure',
  'contacts/repo-calendriers.ts#calendriersDesSites': 'published calendars of sites whose requests the caller holds',
  // ---- a request received by the form or by mail (contacts/repo-reception.ts): acts for the writer, public data
  'contacts/repo-reception.ts#siteReception': 'the active public site written to: public fields and its structure id',
  'contacts/repo-reception.ts#insererDemande': 'stores what a person wrote to a public site (form or mail)',
  'contacts/repo-reception.ts#demandeDuMessageId': 'a second delivery of one mail: looked up by its Message-ID',
  'contacts/repo-reception.ts#demandePourMessage': 'the request a new message of its writer is added to',
  'contacts/repo-reception.ts#ajouterEntrant': 'adds what the person wrote to their own request',
  'contacts/repo-alertes.ts#marquerAlerte': 'the alert job marks an alert as sent, once',
  'contacts/repo-boite.ts#filPublic': 'the person’s thread behind their citizen link (the token is the authority)',
  'contacts/repo-smtp.ts#demandeDuFil': 'the request an incoming reply threads onto (In-Reply-To of that site)',
  'contacts/repo-smtp.ts#demandePourAccuse': 'the request whose acknowledgement a mail answers (its Message-ID)',
  'contacts/repo-smtp.ts#demandesDeLExpediteur': 'the sender’s own latest requests at the site written to',
  // ---- référent cases (saisines): routing, reminders and the erasure of documents act for no one
  'saisines/repo.ts#referentsCandidats': 'routing reads the partner’s directory of the département of a case',
  'saisines/repo-pieces.ts#effacerPieces': 'erases the documents of a case at closure or after 30 days',
  'saisines/repo-relances.ts#marquerEtape': 'the reminder job records an escalation step, once',
  'saisines/repo-relances.ts#ajouterLigneSysteme': 'the reminder job writes its line in the case thread',
  'saisines/repo-relances.ts#referentDeLaSaisine': 'the reminder job finds the référent of a late case',
  'saisines/repo-relances.ts#suppleantsDe': 'the reminder job finds the backups of a late case',
  // ---- the SMTP receiver (contacts/repo-smtp.ts): acts for no one, on the public address of a site
  'contacts/repo-smtp.ts#siteDeAdresse': 'the active public site a mail address designates (its public address)',
  // ---- the person's thread page (contacts/repo-boite.ts): found by the subject of their citizen link
  'contacts/repo-boite.ts#demandePourLien': 'the request of a citizen link (its token is the authority), site name',
  // ---- cases to référents (saisines/repo.ts)
  'saisines/repo.ts#coordinateursDuDepartement': 'addresses of the coordinators told of a case just created in scope',
  // ---- the reminders of cases past their deadline (saisines/repo-relances.ts): a job acting for no one
  'saisines/repo-relances.ts#saisinesEnRetard': 'the reminder job reads cases past their deadline, names of sites',
  'saisines/repo-relances.ts#coordinateursDe': 'the reminder job finds the coordinators of the case’s département',
  // ---- the alerts of the breach register (mandats/repo-alertes-violations.ts): a job acting for no one
  'mandats/repo-alertes-violations.ts#violationsAAlerter': 'the alert job reads open breaches past 24 hours',
  'mandats/repo-alertes-violations.ts#marquerAlerteViolation': 'the alert job records a step as sent, once',
  'mandats/repo-alertes-violations.ts#destinatairesAlerteViolation': 'the alert job finds the managers and admins',
  // ---- revocation and expiry of mandates (mandats/repo-revocation.ts): the row is loaded by id, then the service checks
  // the actor's structures (`mandatDeLActeur`) before showing anything; the public page and the citizen link find it by
  // their secret (code or token); the expiry job acts for no one
  'mandats/repo-revocation.ts#mandatEtContact': 'loaded by id; the service checks structuresDesMandats or the secret',
  'mandats/repo-revocation.ts#perimetreEnClair': 'the scope of a mandate the service already found in reach',
  'mandats/repo-revocation.ts#mandatsProchesDeLaFin': 'the expiry reminders job acts for no one',
  'mandats/repo-revocation.ts#destinatairesRappel': 'the expiry reminders job finds the structure’s managers',
  'mandats/repo-revocation.ts#sitesDesObjets': 'sites of the objects of a mandate the service already found in reach',
  'mandats/repo-revocation.ts#mandatParReference':
    'the public page: found by reference, shown only with the right code',
  'mandats/repo-revocation.ts#revoquer': 'revokes a mandate the service loaded in reach, or by its code or link',
  'mandats/repo-revocation.ts#mandatsEchus': 'the expiry job acts for no one',
  'mandats/repo-revocation.ts#expirer': 'the expiry job acts for no one',
  'mandats/repo-revocation.ts#marquerRappel': 'the expiry reminders job records a step as sent, once',
};

interface FonctionExportee {
  cle: string;
  parametres: string;
  corps: string;
}

/** The exported functions of a repo file, with their parameter list and body (biome formats: a body ends at `\n}`). */
function fonctionsExportees(module: string, fichier: string, source: string): FonctionExportee[] {
  const trouvees: FonctionExportee[] = [];
  for (const m of source.matchAll(/^export (?:async )?function (\w+)\s*(?:<[^>]*>)?\(/gm)) {
    let profondeur = 1;
    let i = (m.index as number) + m[0].length;
    const debut = i;
    while (profondeur > 0 && i < source.length) {
      if (source[i] === '(') profondeur++;
      else if (source[i] === ')') profondeur--;
      i++;
    }
    const fin = source.indexOf('\n}', i);
    trouvees.push({
      cle: `${module}/${fichier}#${m[1]}`,
      parametres: source.slice(debut, i - 1),
      corps: source.slice(i, fin === -1 ? undefined : fin),
    });
  }
  return trouvees;
}

const sansCommentaires = (texte: string) => texte.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');

function examinerRepos() {
  const sansPortee: string[] = [];
  const toutes = new Map<string, FonctionExportee & { locataire: boolean }>();
  const formesInconnues: string[] = [];
  for (const module of readdirSync(MODULES)) {
    const dossier = join(MODULES, module);
    let noms: string[];
    try {
      noms = readdirSync(dossier).filter((n) => /^repo(-[a-z-]+)?\.ts$/.test(n));
    } catch {
      continue;
    }
    for (const fichier of noms) {
      const source = readFileSync(join(dossier, fichier), 'utf8');
      if (/^export (const|let|default)\b[^\n]*(=>|function)/m.test(source))
        formesInconnues.push(`${module}/${fichier}`);
      // The tenant tables' Drizzle objects this file imports, under their local names.
      const locales: string[] = [];
      for (const m of source.matchAll(/^import \{([^}]*)\} from '[^']*tables\.ts';/gm)) {
        for (const nom of (m[1] as string).split(',').map((s) => s.trim())) {
          const [original, local] = nom.split(/\s+as\s+/) as [string, string | undefined];
          if (original in TABLES_LOCATAIRES) locales.push(local ?? original);
        }
      }
      const objet = locales.length > 0 ? new RegExp(`(?<![.\\w$])(${locales.join('|')})\\b`) : null;
      const sql = new RegExp(`\\b(from|join|into|update)\\s+"?(${Object.values(TABLES_LOCATAIRES).join('|')})\\b`, 'i');
      for (const f of fonctionsExportees(module, fichier, source)) {
        const corps = sansCommentaires(f.corps);
        const locataire = (objet?.test(corps) ?? false) || sql.test(corps);
        toutes.set(f.cle, { ...f, locataire });
        if (locataire && !/:\s*Portee\b/.test(f.parametres) && !(f.cle in EXCEPTIONS)) sansPortee.push(f.cle);
      }
    }
  }
  return { sansPortee, toutes, formesInconnues };
}

describe('scoped repos', () => {
  const { sansPortee, toutes, formesInconnues } = examinerRepos();

  it('every exported repo function on tenant data takes a Portee, or is a listed exception', () => {
    expect(toutes.size).toBeGreaterThan(100);
    expect(sansPortee).toEqual([]);
  });

  it('repo functions are declared so that the check sees them (`export function`, not an exported arrow)', () => {
    expect(formesInconnues).toEqual([]);
  });

  it('every exception still exists, touches tenant data and takes no Portee (the list stays true)', () => {
    const perimees = Object.keys(EXCEPTIONS).filter((cle) => {
      const f = toutes.get(cle);
      return !f?.locataire || /:\s*Portee\b/.test(f.parametres);
    });
    expect(perimees).toEqual([]);
  });

  it('sees a scope-less function on a tenant table, and a scoped one, as a check of the check', () => {
    const [sans, avec] = fonctionsExportees(
      'x',
      'repo.ts',
      'export async function a(db: Executor, id: string) {\n  return db.select().from(sites);\n}\n' +
        'export function b(db: Executor, portee: Portee, id: string) {\n  return 1;\n}\n',
    );
    expect(sans).toMatchObject({ cle: 'x/repo.ts#a', parametres: 'db: Executor, id: string' });
    expect(sans?.corps).toContain('from(sites)');
    expect(avec?.parametres).toMatch(/:\s*Portee\b/);
  });
});
