import type { Db, Executor } from '../../platform/db/client.ts';
import { texteLu } from '../../platform/formats/csv.ts';
import { interdit } from '../../platform/http/errors.ts';
import { convertirHorairesAnct } from '../horaires/index.ts';
import type { Portee } from '../portee/index.ts';
import { communeParCode, fuseauHoraireDepartement } from '../territoires/index.ts';
import { decoderUtf8, lireCsv } from './lecture-csv.ts';
import { positionRetenue } from './positions.ts';
import {
  ajouterPartenaires,
  insererSiteImporte,
  insererStructureImportee,
  modifierSiteImporte,
  modifierStructureImportee,
  partenairesNationaux,
  siteParIdFs,
  siteParIdFsProvisoire,
  sitesDeLaCommune,
  verrouillerImports,
} from './repo.ts';
import { COLONNES_ANCT, type LigneAnct, type SiteAnct, validerLigneAnct } from './validation.ts';

/** One line of an import report: `ligne` is the line of the file where the row starts (the header is line 1). */
export interface LigneRapport {
  ligne: number;
  idFs?: string;
  raison: string;
}

export interface RapportImport {
  lues: number;
  creees: number;
  misesAJour: number;
  rejetees: LigneRapport[];
  avertissements: LigneRapport[];
  /** Set when the file as a whole could not be read (encoding, header, broken quoting): nothing was imported. */
  erreurFichier?: string;
}

export interface OptionsImport {
  /** Rows written per transaction (each row also in its own savepoint). */
  taillelot?: number;
  /** Called after each batch, e.g. to show progress. */
  progression?: (etat: { faites: number; total: number }) => void;
}

/** A valid row, enriched and ready to be written. */
interface SitePrepare {
  ligne: number;
  site: SiteAnct;
  genre: 'principal' | 'antenne' | 'itinerant';
  latitude: number | null;
  longitude: number | null;
  coordonneesApprochees: boolean;
  horaires: string | null;
  commune: string;
  fuseauHoraire: string;
  /** For an antenna: the main site (of the same list) whose structure it joins. */
  principal?: SiteAnct;
}

/** The row's identifier as the file writes it: "2541", or "temp_12" for a provisional one. */
const identifiant = (s: SiteAnct) => (s.idFs === null ? (s.idFsProvisoire ?? '') : String(s.idFs));

const rapportVide = (): RapportImport => ({ lues: 0, creees: 0, misesAJour: 0, rejetees: [], avertissements: [] });

const sansAccents = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();

/**
 * Reads the ANCT national list (CSV) and checks every row: the valid rows, the rejected ones with their reason,
 * and the warnings. Nothing is written.
 */
export function analyserListeAnct(contenu: Uint8Array | string): {
  rapport: RapportImport;
  sites: SitePrepare[];
} {
  const rapport = rapportVide();
  const texte = decoderUtf8(contenu);
  if (!texte.ok)
    return { rapport: { ...rapport, erreurFichier: `${texte.erreur} (enregistrez-le en « CSV UTF-8 »)` }, sites: [] };
  const csv = lireCsv(texte.texte);
  if (!csv.ok) return { rapport: { ...rapport, erreurFichier: csv.erreur }, sites: [] };
  const manquantes = COLONNES_ANCT.filter((c) => !csv.entete.includes(c));
  if (manquantes.length > 0) {
    const erreurFichier =
      manquantes.includes('id_fs') && manquantes.includes('lib_fs')
        ? 'ce n’est pas la liste nationale des France services : ni id_fs ni lib_fs dans l’en-tête'
        : `colonnes manquantes dans l’en-tête : ${manquantes.join(', ')}`;
    return { rapport: { ...rapport, erreurFichier }, sites: [] };
  }
  const ignorees = csv.entete.filter((c) => c !== '' && !(COLONNES_ANCT as readonly string[]).includes(c));
  if (ignorees.length > 0)
    rapport.avertissements.push({ ligne: 1, raison: `colonnes ignorées : ${ignorees.join(', ')}` });

  const position = new Map(COLONNES_ANCT.map((c) => [c, csv.entete.indexOf(c)]));
  const vus = new Map<string, number>();
  const valides: { ligne: number; site: SiteAnct }[] = [];
  for (const { ligne, champs } of csv.enregistrements) {
    rapport.lues++;
    const idFsBrut = champs[position.get('id_fs') ?? 0]?.trim() || undefined;
    if (champs.length !== csv.entete.length) {
      rapport.rejetees.push({
        ligne,
        idFs: idFsBrut,
        raison: `la ligne compte ${champs.length} champs au lieu de ${csv.entete.length}`,
      });
      continue;
    }
    const brute = Object.fromEntries(
      // A file that guichet published had its formula-like cells prefixed (versCsv): the prefix goes.
      COLONNES_ANCT.map((c) => [c, texteLu(champs[position.get(c) as number] ?? '')]),
    ) as LigneAnct;
    const v = validerLigneAnct(brute);
    if (!v.ok) {
      rapport.rejetees.push({ ligne, idFs: v.idFs, raison: v.raison });
      continue;
    }
    const id = identifiant(v.site);
    const deja = vus.get(id);
    if (deja !== undefined) {
      rapport.rejetees.push({ ligne, idFs: idFsBrut, raison: `id_fs ${id} déjà présent ligne ${deja}` });
      continue;
    }
    vus.set(id, ligne);
    for (const raison of v.avertissements) rapport.avertissements.push({ ligne, idFs: idFsBrut, raison });
    valides.push({ ligne, site: v.site });
  }

  const sites = valides.map(({ ligne, site }) => {
    const avertir = (raison: string) => rapport.avertissements.push({ ligne, idFs: identifiant(site), raison });
    return preparer(ligne, site, avertir);
  });
  rattacherAntennes(sites, (ligne, idFs, raison) => rapport.avertissements.push({ ligne, idFs, raison }));
  rapport.avertissements.sort((a, b) => a.ligne - b.ligne);
  return { rapport, sites };
}

function preparer(ligne: number, site: SiteAnct, avertir: (raison: string) => void): SitePrepare {
  const reference = communeParCode(site.codeInsee);
  if (!reference) avertir(`code commune INSEE ${site.codeInsee} absent du référentiel des communes`);
  const coordonnees =
    site.latitude !== null && site.longitude !== null ? { latitude: site.latitude, longitude: site.longitude } : null;
  const position = positionRetenue(coordonnees, reference);
  if (position.avertissement) avertir(position.avertissement);

  // "CORCIEUX" becomes "Corcieux" when it is the same name; a delegated commune's own name is kept.
  let commune = site.commune;
  if (reference && commune === commune.toUpperCase() && sansAccents(commune) === sansAccents(reference.nomAvecArticle))
    commune = reference.nomAvecArticle;

  const conversion = convertirHorairesAnct(site.horairesSource);
  if (conversion.osm === null) avertir(`horaires non convertis : ${conversion.erreurs.join(' ; ')}`);

  return {
    ligne,
    site,
    genre: site.itinerance ? 'itinerant' : site.format,
    latitude: position.latitude,
    longitude: position.longitude,
    coordonneesApprochees: position.approchee,
    horaires: conversion.osm,
    commune,
    fuseauHoraire: fuseauHoraireDepartement(site.departement),
  };
}

/**
 * The `groupe` column links the sites of one territory: in the 2022 list, a main site (often itinerant) and its
 * antennas. An antenna joins the structure of its group's main site when the group (in its département) has exactly
 * one; with none or several (e.g. "PI14", 15 main sites of Calvados sharing a label), the link is ambiguous and the
 * antenna gets its own structure, with a warning.
 */
function rattacherAntennes(sites: SitePrepare[], avertir: (ligne: number, idFs: string, raison: string) => void) {
  const cle = (s: SiteAnct) => `${s.departement}|${sansAccents(s.groupe ?? '')}`;
  const principaux = new Map<string, SitePrepare[]>();
  for (const p of sites) {
    if (!p.site.groupe || p.site.format !== 'principal') continue;
    const liste = principaux.get(cle(p.site));
    if (liste) liste.push(p);
    else principaux.set(cle(p.site), [p]);
  }
  for (const p of sites) {
    if (p.site.format !== 'antenne' || !p.site.groupe) continue;
    const candidats = principaux.get(cle(p.site)) ?? [];
    const [seul] = candidats;
    if (candidats.length === 1 && seul) p.principal = seul.site;
    else
      avertir(
        p.ligne,
        identifiant(p.site),
        candidats.length === 0
          ? `antenne du groupe « ${p.site.groupe} » sans site principal dans le département : rattachée à sa propre structure`
          : `antenne du groupe « ${p.site.groupe} » qui compte ${candidats.length} sites principaux (id_fs ${candidats.map((c) => identifiant(c.site)).join(', ')}) : rattachée à sa propre structure`,
      );
  }
}

/**
 * The site this row describes, if already imported: by its id_fs; for a provisional row, by its provisional id when
 * the name or the commune agrees (a later list may number its provisional rows differently); then by its name and
 * commune, so that the list that gives a provisional site its id_fs updates it instead of adding it twice. A site that
 * another row of the file claims by its identifier is another site (Basse-Terre: 2680 and temp_61 share a name), and a
 * numbered row never takes over a site that has another id_fs.
 */
async function siteExistant(db: Executor, portee: Portee, site: SiteAnct, reclames: ReadonlySet<string>) {
  if (site.idFs !== null) {
    const parId = await siteParIdFs(db, portee, site.idFs);
    if (parId) return parId;
  } else if (site.idFsProvisoire) {
    const parProvisoire = await siteParIdFsProvisoire(db, portee, site.idFsProvisoire);
    if (
      parProvisoire &&
      (parProvisoire.codeInsee === site.codeInsee || sansAccents(parProvisoire.nom) === sansAccents(site.nom))
    )
      return parProvisoire;
  }
  const candidats = await sitesDeLaCommune(db, portee, site.codeInsee);
  const libre = (c: (typeof candidats)[number]) =>
    !reclames.has(String(c.idFs)) && !reclames.has(c.idFsProvisoire ?? '') && (site.idFs === null || c.idFs === null);
  return candidats.find((c) => sansAccents(c.nom) === sansAccents(site.nom) && libre(c)) ?? null;
}

/** Writes one site and its structure; returns whether it was created or updated. */
async function ecrireSite(
  db: Executor,
  portee: Portee,
  p: SitePrepare,
  partenaires: string[],
  reclames: ReadonlySet<string>,
): Promise<'creee' | 'miseAJour'> {
  const { site } = p;
  const existant = await siteExistant(db, portee, site, reclames);
  let structureId: string;
  if (site.format === 'principal') {
    // A main site is its structure's namesake; "(La Poste)" in the name says who runs it, otherwise it is unknown.
    const porteur = /\(\s*la poste\s*\)/i.test(site.nom) ? ('la_poste' as const) : undefined;
    if (existant) {
      structureId = existant.structureId;
      await modifierStructureImportee(db, portee, structureId, {
        nom: site.nom,
        departement: site.departement,
        ...(porteur ? { porteur } : {}),
      });
    } else
      structureId = await insererStructureImportee(db, {
        nom: site.nom,
        departement: site.departement,
        porteur: porteur ?? 'autre',
      });
  } else {
    const principal = p.principal ? await siteExistant(db, portee, p.principal, reclames) : null;
    if (principal) structureId = principal.structureId;
    else if (existant) structureId = existant.structureId;
    else
      structureId = await insererStructureImportee(db, {
        nom: site.nom,
        departement: site.departement,
        porteur: 'autre',
      });
  }

  const valeurs = {
    structureId,
    nom: site.nom,
    genre: p.genre,
    adresse: site.adresse,
    complementAdresse: site.complementAdresse,
    codePostal: site.codePostal,
    commune: p.commune,
    codeInsee: site.codeInsee,
    telephone: site.telephone,
    courriel: site.courriel,
    latitude: p.latitude,
    longitude: p.longitude,
    coordonneesApprochees: p.coordonneesApprochees,
    horaires: p.horaires,
    horairesSource: site.horairesSource,
    fuseauHoraire: p.fuseauHoraire,
    dateLabellisation: site.dateLabellisation,
    // A provisional id is kept only while the site has no final one (a later list may reuse "temp_12" for another).
    idFs: site.idFs ?? existant?.idFs ?? null,
    idFsProvisoire: site.idFs === null && !existant?.idFs ? site.idFsProvisoire : null,
    commentaire: site.commentaire,
  };
  let siteId: string;
  if (existant) {
    siteId = existant.id;
    await modifierSiteImporte(db, portee, siteId, valeurs);
  } else siteId = await insererSiteImporte(db, valeurs);
  // Every labelled France services hosts the 9 national partners (accord-cadre): the list only holds labelled sites.
  await ajouterPartenaires(db, siteId, partenaires);
  return existant ? 'miseAJour' : 'creee';
}

/**
 * Imports the ANCT national list of France services: each row is created or updated by its `id_fs` or provisional
 * id (re-running creates no duplicate), or rejected with its line and reason; a row is written whole or not at all.
 * Reserved to the national administration.
 */
export async function importerFranceServices(
  db: Db,
  portee: Portee,
  contenu: Uint8Array | string,
  options: OptionsImport = {},
): Promise<RapportImport> {
  if (!portee.national) interdit('L’import de la liste nationale est réservé à l’administration nationale.');
  const { rapport, sites } = analyserListeAnct(contenu);
  if (rapport.erreurFichier) return rapport;

  const partenaires = await partenairesNationaux(db);
  // Every identifier of the file: a site known by one of them is that row's, never another row's by its name.
  const reclames = new Set(sites.map((p) => identifiant(p.site)));
  // Main sites first, so that an antenna finds its main site's structure.
  const ordre = [...sites].sort((a, b) => Number(a.site.format === 'antenne') - Number(b.site.format === 'antenne'));
  const taille = options.taillelot ?? 200;
  for (let i = 0; i < ordre.length; i += taille) {
    const lot = ordre.slice(i, i + taille);
    await db.transaction(async (tx) => {
      await verrouillerImports(tx);
      for (const p of lot) {
        try {
          const resultat = await tx.transaction((sp) => ecrireSite(sp, portee, p, partenaires, reclames));
          if (resultat === 'creee') rapport.creees++;
          else rapport.misesAJour++;
        } catch (error) {
          rapport.rejetees.push({
            ligne: p.ligne,
            idFs: identifiant(p.site),
            raison: `enregistrement impossible : ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      }
    });
    options.progression?.({ faites: Math.min(i + taille, ordre.length), total: ordre.length });
  }
  rapport.rejetees.sort((a, b) => a.ligne - b.ligne);
  return rapport;
}
