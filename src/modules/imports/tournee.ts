// Import of an itinerant tour published in the national mediation-place format (a JSON array of places, one per stop).
import type { Db } from '../../platform/db/client.ts';
import { interdit } from '../../platform/http/errors.ts';
import { validerHoraires } from '../horaires/index.ts';
import type { Portee } from '../portee/index.ts';
import { communeParCode, fuseauHoraireDepartement } from '../territoires/index.ts';
import { decoderUtf8 } from './lecture-csv.ts';
import { positionRetenue } from './positions.ts';
import {
  ajouterPartenaires,
  insererSiteImporte,
  insererStructureImportee,
  modifierSiteImporte,
  partenairesNationaux,
  remplacerArrets,
  siteItinerantParNom,
  structureParNom,
  type ValeursArret,
  verrouillerImports,
} from './repo.ts';
import type { LigneRapport, RapportImport } from './service.ts';
import { ArretMediation, decomposerNomArret, normaliserCourriel, normaliserTelephone } from './validation.ts';

export interface RapportTournee extends RapportImport {
  /** The itinerant site the stops belong to, once written. */
  site?: { id: string; nom: string; creee: boolean };
}

interface ArretPrepare {
  numero: number;
  arret: ArretMediation;
  valeurs: ValeursArret;
  departement: string | undefined;
  /** The position is the commune's centre (the stops table has no column for it: the site's flag carries it). */
  approchee: boolean;
}

/** In this report `ligne` is the stop's position in the JSON array (1 for the first stop). */
function lireArrets(contenu: Uint8Array | string, rapport: RapportTournee): ArretPrepare[] {
  const texte = decoderUtf8(contenu);
  if (!texte.ok) {
    rapport.erreurFichier = texte.erreur;
    return [];
  }
  let donnees: unknown;
  try {
    donnees = JSON.parse(texte.texte);
  } catch (error) {
    rapport.erreurFichier = `JSON illisible : ${error instanceof Error ? error.message : String(error)}`;
    return [];
  }
  if (!Array.isArray(donnees)) {
    rapport.erreurFichier = 'le fichier doit contenir un tableau JSON de lieux (un par arrêt)';
    return [];
  }
  const arrets: ArretPrepare[] = [];
  donnees.forEach((brut, i) => {
    const numero = i + 1;
    rapport.lues++;
    const lu = ArretMediation.safeParse(brut);
    if (!lu.success) {
      const raisons = [...new Set(lu.error.issues.map((x) => x.message))];
      rapport.rejetees.push({ ligne: numero, raison: raisons.join(' ; ') });
      return;
    }
    const a = lu.data;
    const horaires = validerHoraires(a.horaires);
    if (a.horaires === '' || !horaires.ok) {
      rapport.rejetees.push({
        ligne: numero,
        raison:
          a.horaires === ''
            ? 'horaires manquants'
            : `horaires « ${a.horaires} » : ${horaires.ok ? '' : horaires.message}`,
      });
      return;
    }
    const avertir = (raison: string) => rapport.avertissements.push({ ligne: numero, raison });
    const commune = communeParCode(a.code_insee);
    if (!commune) avertir(`code commune INSEE ${a.code_insee} absent du référentiel des communes`);
    const coordonnees =
      a.latitude !== null && a.longitude !== null ? { latitude: a.latitude, longitude: a.longitude } : null;
    const position = positionRetenue(coordonnees, commune);
    if (position.avertissement) avertir(position.avertissement);
    const adresse = [a.adresse, a.complement_adresse].filter((x) => x !== '').join(', ');
    arrets.push({
      numero,
      arret: a,
      departement: commune?.departement,
      approchee: position.approchee,
      valeurs: {
        nom: decomposerNomArret(a.nom).lieu.slice(0, 200),
        adresse: adresse.slice(0, 200),
        codePostal: a.code_postal,
        commune: a.commune.slice(0, 120),
        codeInsee: a.code_insee,
        latitude: position.latitude,
        longitude: position.longitude,
        horaires: a.horaires,
        semaines: a.ouverture,
        ordre: numero,
      },
    });
  });
  return arrets;
}

/**
 * Imports an itinerant tour (national mediation-place format): one itinerant site, found by its name in the
 * département of its stops or created with its structure, whose stops are replaced by the file's (re-running the
 * import creates no duplicate). Allowed to whoever coordinates that département, and to the national administration.
 */
export async function importerTournee(db: Db, portee: Portee, contenu: Uint8Array | string): Promise<RapportTournee> {
  const rapport: RapportTournee = { lues: 0, creees: 0, misesAJour: 0, rejetees: [], avertissements: [] };
  const arrets = lireArrets(contenu, rapport);
  if (rapport.erreurFichier) return rapport;
  const [premier] = arrets;
  if (!premier) {
    rapport.erreurFichier = rapport.lues === 0 ? 'le fichier ne contient aucun arrêt' : 'aucun arrêt valide';
    return rapport;
  }

  const departement = premier.departement;
  if (!departement) {
    rapport.erreurFichier = `département du premier arrêt inconnu (code commune ${premier.arret.code_insee})`;
    return rapport;
  }
  const ailleurs = arrets.filter((a) => a.departement && a.departement !== departement);
  for (const a of ailleurs)
    rapport.avertissements.push({
      ligne: a.numero,
      raison: `arrêt dans le département ${a.departement}, la tournée est rattachée au ${departement}`,
    });
  if (!portee.national && !portee.departements.includes(departement))
    interdit('Vous ne coordonnez pas le département de cette tournée.');

  // The tour is named after its service and its parent structure: "Bus France Services – Emmaus Ruffec".
  const service = decomposerNomArret(premier.arret.nom).service ?? 'Service itinérant France services';
  const parente = premier.arret.structure_parente;
  const nomSite = (parente ? `${service} – ${parente}` : service).slice(0, 200);
  const nomStructure = (parente || nomSite).slice(0, 200);

  const avertirSite = (raison: string) => rapport.avertissements.push({ ligne: premier.numero, raison });
  const telephone = normaliserTelephone(premier.arret.telephone);
  const courriel = normaliserCourriel(premier.arret.courriel);
  for (const r of [telephone, courriel]) if (r.avertissement) avertirSite(r.avertissement);
  const services = premier.arret.services
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  // A labelled France services hosts the 9 national partners; a tour without the label gets none.
  const labellisee = /france services/i.test(premier.arret.labels_nationaux);
  if (!labellisee) avertirSite('sans le label « France Services » : partenaires nationaux non ajoutés');
  const partenaires = labellisee ? await partenairesNationaux(db) : [];

  await db.transaction(async (tx) => {
    await verrouillerImports(tx);
    const existant = await siteItinerantParNom(tx, portee, nomSite, departement);
    const structureId =
      existant?.structureId ??
      (await structureParNom(tx, portee, nomStructure, departement))?.id ??
      (await insererStructureImportee(tx, { nom: nomStructure, departement, porteur: 'autre' }));
    const valeurs = {
      structureId,
      nom: nomSite,
      genre: 'itinerant' as const,
      // An itinerant site has no counter of its own: its address is its first stop's; its hours are its stops'.
      adresse: premier.valeurs.adresse,
      complementAdresse: null,
      codePostal: premier.valeurs.codePostal,
      commune: premier.valeurs.commune,
      codeInsee: premier.valeurs.codeInsee ?? null,
      telephone: telephone.valeur,
      courriel: courriel.valeur,
      latitude: premier.valeurs.latitude ?? null,
      longitude: premier.valeurs.longitude ?? null,
      coordonneesApprochees: premier.approchee,
      horaires: null,
      horairesSource: null,
      fuseauHoraire: fuseauHoraireDepartement(departement),
      dateLabellisation: null,
      idFs: null,
      commentaire: null,
      services,
    };
    let siteId: string;
    if (existant) {
      siteId = existant.id;
      const { dateLabellisation: _d, idFs: _i, commentaire: _c, ...modifiables } = valeurs;
      await modifierSiteImporte(tx, portee, siteId, modifiables);
    } else siteId = await insererSiteImporte(tx, valeurs);
    await ajouterPartenaires(tx, siteId, partenaires);
    await remplacerArrets(
      tx,
      portee,
      siteId,
      arrets.map((a) => a.valeurs),
    );
    rapport.site = { id: siteId, nom: nomSite, creee: !existant };
    if (existant) rapport.misesAJour = arrets.length;
    else rapport.creees = arrets.length;
  });
  rapport.rejetees.sort((a, b) => a.ligne - b.ligne);
  rapport.avertissements.sort((a: LigneRapport, b: LigneRapport) => a.ligne - b.ligne);
  return rapport;
}
