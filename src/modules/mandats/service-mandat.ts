// Use cases of mandates at the desk (issue 14 points 1-2, ADR 0031): preparing a mandate at a site (the citizen record
// found or created, the scope from the catalogue, the duration, the identity document seen, the notice), printing the
// two originals, recording the signature (the mandate comes into force and the person is sent their revocation link),
// ending a one-procedure mandate, and the list and page of a structure's mandates. Only the structure's agents and
// managers reach them; every change is journalled in its own transaction.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config/index.ts';
import type { Executor } from '../../platform/db/client.ts';
import { introuvable } from '../../platform/http/errors.ts';
import type { Acteur } from '../portee/index.ts';
import { ACTIONS_JOURNAL, type ActionJournal, entreesDuMandat, journaliser } from './journal.ts';
import { noticeMandat, VERSION_NOTICE } from './notice.ts';
import { porteeDesMandats } from './portee.ts';
import { codeRevocation, empreinteCodeRevocation, nouvelleReference } from './references.ts';
import * as repo from './repo-mandats.ts';
import { envoyerLienRevocation } from './service-revocation.ts';
import { type ContenuMandat, empreinteTexte, grouperPerimetre } from './texte-mandat.ts';
import type { RequeteMandats, SaisieMandat } from './validation.ts';

/** An expected refusal: fields' errors (422) or a state that forbids the action (409). */
export type Resultat<T = object> =
  | ({ ok: true } & T)
  | { ok: false; statut: 409; message: string }
  | { ok: false; statut: 422; erreurs: Record<string, string> };

const Uuid = z.uuid();
function uuidOuIntrouvable(id: string): string {
  if (!Uuid.safeParse(id).success) introuvable();
  return id;
}

/** A name compared case, accents and separators aside, in any script ("Ştefănescu-Nguyễn" = "stefanescu nguyen"). */
export function cleNom(texte: string): string {
  return texte
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('fr')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A site of the actor's structures (404 otherwise). */
async function siteDuMandataire(db: Executor, acteur: Acteur, siteId: string) {
  const portee = porteeDesMandats(acteur);
  const site = await repo.siteDesMandats(db, portee, uuidOuIntrouvable(siteId));
  if (!site) introuvable();
  return { portee, site };
}

/** The creation form at a site: the catalogue's partners with their procedures, and the notice to show. */
export async function formulaireMandat(db: Executor, acteur: Acteur, siteId: string, choisis: string[] = []) {
  const { portee, site } = await siteDuMandataire(db, acteur, siteId);
  const catalogue = await repo.catalogueDuMandat(db, portee, site.structureId);
  const noms = catalogue.filter((p) => choisis.includes(p.id)).map((p) => p.nom);
  const notice = noticeMandat(VERSION_NOTICE, {
    structure: site.structure,
    partenaires: noms.length > 0 ? noms : ['les organismes partenaires choisis dans ce mandat'],
  });
  return { site, catalogue, notice };
}

export type FormulaireMandat = Awaited<ReturnType<typeof formulaireMandat>>;

/** The scope ticked, checked against the catalogue: rows to insert, or the fields' errors. */
function perimetreChoisi(catalogue: FormulaireMandat['catalogue'], s: SaisieMandat) {
  const partenaires = [...new Set(s.partenaires)];
  const inconnus = partenaires.filter((id) => !catalogue.some((p) => p.id === id));
  if (inconnus.length > 0) return { erreurs: { partenaires: 'Choisissez les organismes dans la liste' } };
  const lignes: Array<{ partenaireId: string; situationId: string | null }> = [];
  const precises = new Set<string>();
  for (const choix of new Set(s.situations)) {
    const [partenaireId, situationId] = choix.split(':');
    const partenaire = catalogue.find((p) => p.id === partenaireId);
    if (!partenaire?.situations.some((x) => x.id === situationId)) {
      return { erreurs: { partenaires: 'Choisissez les démarches dans la liste' } };
    }
    if (!partenaires.includes(partenaire.id)) {
      return {
        erreurs: {
          partenaires: `Vous avez choisi des démarches de ${partenaire.nom} sans cocher cet organisme : cochez-le, ou décochez ses démarches`,
        },
      };
    }
    precises.add(partenaire.id);
    lignes.push({ partenaireId: partenaire.id, situationId: situationId as string });
  }
  for (const id of partenaires) if (!precises.has(id)) lignes.push({ partenaireId: id, situationId: null });
  return { lignes };
}

function estDoublonDeReference(e: unknown): boolean {
  const pg =
    (e as { cause?: { code?: string; constraint?: string } }).cause ?? (e as { code?: string; constraint?: string });
  return pg?.code === '23505' && pg.constraint === 'mandats_reference_idx';
}

/**
 * Prepares a mandate (a draft) at a site, in one transaction: the person's record of the structure with the same name
 * and birth date reused (else created on the mandate's legal basis), the mandate with a fresh reference, its scope, the
 * hash of its text and of its revocation code, and the journal's first entry.
 */
export async function creerMandat(
  db: Executor,
  config: Pick<Config, 'sessionSecret'>,
  acteur: Acteur,
  siteId: string,
  s: SaisieMandat,
  maintenant: Date,
): Promise<Resultat<{ id: string; citoyenExistant: boolean }>> {
  const { portee, site } = await siteDuMandataire(db, acteur, siteId);
  const catalogue = await repo.catalogueDuMandat(db, portee, site.structureId);
  const choix = perimetreChoisi(catalogue, s);
  if (!choix.lignes) return { ok: false, statut: 422, erreurs: choix.erreurs };
  const lignes = choix.lignes;
  const nomDe = (id: string, situationId: string | null) => {
    const p = catalogue.find((x) => x.id === id);
    return { partenaire: p?.nom ?? '', situation: p?.situations.find((x) => x.id === situationId)?.nom ?? null };
  };
  const perimetre = grouperPerimetre(
    lignes.map((l) => ({ partenaireId: l.partenaireId, ...nomDe(l.partenaireId, l.situationId) })),
  );
  return db.transaction(async (tx) => {
    const contact = { courriel: s.courriel ?? null, telephone: s.telephone ?? null };
    const homonymes = await repo.citoyensNesLe(tx, portee, site.structureId, s.dateNaissance);
    const existant = homonymes.find((c) => cleNom(c.nom) === cleNom(s.nom) && cleNom(c.prenom) === cleNom(s.prenom));
    let citoyenId = existant?.id ?? null;
    if (existant) await repo.completerContact(tx, portee, existant.id, contact, maintenant);
    else {
      citoyenId = await repo.insererCitoyen(tx, portee, {
        structureId: site.structureId,
        siteId: site.id,
        prenom: s.prenom,
        nom: s.nom,
        dateNaissance: s.dateNaissance,
        ...contact,
        creePar: acteur.id,
        creeLe: maintenant,
      });
    }
    if (!citoyenId) introuvable();
    const id = randomUUID();
    for (let essai = 1; ; essai++) {
      const reference = nouvelleReference('M');
      const contenu: ContenuMandat = {
        reference,
        prenom: existant?.prenom ?? s.prenom,
        nom: existant?.nom ?? s.nom,
        dateNaissance: s.dateNaissance,
        pieceIdentite: s.pieceIdentite,
        structure: site.structure,
        site,
        perimetre,
        duree: s.duree,
        versionNotice: VERSION_NOTICE,
      };
      try {
        // A savepoint: a reference drawn twice (30^8 values) fails alone and is drawn again.
        await tx.transaction((sp) =>
          repo.insererMandat(
            sp,
            portee,
            {
              id,
              reference,
              structureId: site.structureId,
              siteId: site.id,
              citoyenId: citoyenId as string,
              duree: s.duree,
              pieceIdentite: s.pieceIdentite,
              versionNotice: VERSION_NOTICE,
              empreinteTexte: empreinteTexte(contenu),
              empreinteCode: empreinteCodeRevocation(codeRevocation(config.sessionSecret, id)),
              creePar: acteur.id,
              creeLe: maintenant,
            },
            lignes,
          ),
        );
        break;
      } catch (e) {
        if (!estDoublonDeReference(e) || essai >= 5) throw e;
      }
    }
    await journaliser(tx, {
      mandatId: id,
      structureId: site.structureId,
      auteurId: acteur.id,
      action: 'mandat.cree',
      objetType: 'mandat',
      objetId: id,
      details: { duree: s.duree, partenaires: perimetre.map((p) => p.partenaireId), versionNotice: VERSION_NOTICE },
      le: maintenant,
    });
    return { ok: true as const, id, citoyenExistant: Boolean(existant) };
  });
}

/** A structure's mandates from one of its sites (or, without a site, all the actor's structures'), filtered. */
export async function listeMandats(db: Executor, acteur: Acteur, siteId: string | null, requete: RequeteMandats) {
  const portee = porteeDesMandats(acteur);
  const site = siteId ? (await siteDuMandataire(db, acteur, siteId)).site : null;
  const [mandats, sites] = await Promise.all([
    repo.listerMandats(db, portee, { structureId: site?.structureId, statut: requete.statut, q: requete.q }),
    repo.sitesDesMandats(db, portee),
  ]);
  return {
    site,
    /** Where the actor may prepare a mandate: this site, or every site of their structures. */
    sites: site ? [{ id: site.id, nom: site.nom }] : sites,
    mandats,
    requete,
    complet: mandats.length < repo.MANDATS_MAX,
  };
}

export type ListeMandats = Awaited<ReturnType<typeof listeMandats>>;

async function mandatOuIntrouvable(db: Executor, acteur: Acteur, id: string, verrou = false) {
  const portee = porteeDesMandats(acteur);
  const m = await repo.mandatDansLaPortee(db, portee, uuidOuIntrouvable(id), verrou);
  if (!m) introuvable();
  return { portee, m };
}

/** A mandate's page: the mandate, its scope, its journal, and what may be done with it now. */
export async function ficheMandat(db: Executor, acteur: Acteur, id: string) {
  const { portee, m } = await mandatOuIntrouvable(db, acteur, id);
  const [perimetre, journal] = await Promise.all([repo.perimetreDuMandat(db, portee, m.id), entreesDuMandat(db, m.id)]);
  const present = !m.anonymiseLe && m.citoyenId !== null;
  return {
    mandat: m,
    perimetre: grouperPerimetre(perimetre),
    journal: journal.map((e) => ({ ...e, libelle: ACTIONS_JOURNAL[e.action as ActionJournal] ?? e.action })),
    actions: {
      imprimer: present,
      signer: present && m.statut === 'brouillon',
      terminer: present && m.statut === 'actif' && m.duree === 'demarche',
      revoquer: present && (m.statut === 'actif' || m.statut === 'signe'),
    },
  };
}

export type FicheMandat = Awaited<ReturnType<typeof ficheMandat>>;

/** What the two originals print: the mandate's text, the notice of its version, the stored hash and the code. */
export async function exemplairesMandat(
  db: Executor,
  config: Pick<Config, 'sessionSecret' | 'publicUrl'>,
  acteur: Acteur,
  id: string,
  maintenant: Date,
) {
  return db.transaction(async (tx) => {
    const { portee, m } = await mandatOuIntrouvable(tx, acteur, id);
    if (m.anonymiseLe || !m.prenom || !m.nom || !m.dateNaissance) introuvable();
    const perimetre = grouperPerimetre(await repo.perimetreDuMandat(tx, portee, m.id));
    const contenu: ContenuMandat = {
      reference: m.reference,
      prenom: m.prenom,
      nom: m.nom,
      dateNaissance: m.dateNaissance,
      pieceIdentite: m.pieceIdentite,
      structure: m.structure,
      site: { nom: m.site, adresse: m.adresse, codePostal: m.codePostal, commune: m.commune },
      perimetre,
      duree: m.duree,
      versionNotice: m.versionNotice,
    };
    await journaliser(tx, {
      mandatId: m.id,
      structureId: m.structureId,
      auteurId: acteur.id,
      action: 'mandat.imprime',
      objetType: 'mandat',
      objetId: m.id,
      le: maintenant,
    });
    return {
      contenu,
      notice: noticeMandat(m.versionNotice, {
        structure: m.structure,
        partenaires: perimetre.map((p) => p.partenaire),
      }),
      empreinte: m.empreinteTexte,
      code: codeRevocation(config.sessionSecret, m.id),
      agent: m.agentPrenom ? `${m.agentPrenom} ${m.agentNom ?? ''}`.trim() : null,
      adresseRevocation: `${config.publicUrl}/mandats/revocation`,
      signeLe: m.signeLe,
      fuseau: m.fuseau,
      maintenant,
    };
  });
}

export type ExemplairesMandat = Awaited<ReturnType<typeof exemplairesMandat>>;

const MESSAGES_ETAT: Record<string, string> = {
  signe: 'Ce mandat est déjà signé.',
  actif: 'Ce mandat est déjà signé et en vigueur.',
  expire: 'Ce mandat est terminé : faites signer un nouveau mandat.',
  revoque: 'Ce mandat a été révoqué : faites signer un nouveau mandat.',
};

/**
 * Records that the person and the agent signed both originals on site: the mandate comes into force now until the end
 * its duration gives, both steps are journalled, and the person is sent their revocation link when they gave a contact.
 */
export async function signerMandat(
  db: Executor,
  config: Config,
  acteur: Acteur,
  id: string,
  maintenant: Date,
): Promise<Resultat<{ fin: Date; fuseau: string; canal: 'courriel' | 'sms' | null }>> {
  return db.transaction(
    async (tx): Promise<Resultat<{ fin: Date; fuseau: string; canal: 'courriel' | 'sms' | null }>> => {
      const { portee, m } = await mandatOuIntrouvable(tx, acteur, id, true);
      if (m.anonymiseLe || !m.citoyenId)
        return { ok: false, statut: 409, message: 'Les données de ce mandat ont été effacées.' };
      if (m.statut !== 'brouillon') {
        return { ok: false, statut: 409, message: MESSAGES_ETAT[m.statut] ?? 'Ce mandat ne peut plus être signé.' };
      }
      const fin = await repo.activerALaSignature(tx, portee, m.id, maintenant);
      if (!fin) return { ok: false, statut: 409, message: 'Ce mandat ne peut plus être signé.' };
      const entree = {
        mandatId: m.id,
        structureId: m.structureId,
        auteurId: acteur.id,
        objetType: 'mandat' as const,
        objetId: m.id,
        le: maintenant,
      };
      await journaliser(tx, { ...entree, action: 'mandat.signe' });
      await journaliser(tx, {
        ...entree,
        action: 'mandat.active',
        details: { fin: fin.toISOString(), duree: m.duree },
      });
      const canal = m.courriel || m.telephone ? await envoyerLienRevocation(tx, config, m.id, maintenant) : null;
      return { ok: true, fin, fuseau: m.fuseau, canal };
    },
  );
}

/** Ends an active one-procedure mandate: the agent records that its procedure is done. */
export async function terminerDemarche(db: Executor, acteur: Acteur, id: string, maintenant: Date): Promise<Resultat> {
  return db.transaction(async (tx): Promise<Resultat> => {
    const { portee, m } = await mandatOuIntrouvable(tx, acteur, id, true);
    if (m.duree !== 'demarche') {
      return {
        ok: false,
        statut: 409,
        message: 'Ce mandat ne vaut pas pour une seule démarche : il prend fin à sa date d’échéance.',
      };
    }
    if (!(await repo.terminerDemarche(tx, portee, m.id, maintenant))) {
      return {
        ok: false,
        statut: 409,
        message: m.statut === 'brouillon' ? 'Ce mandat n’est pas encore signé.' : 'Ce mandat n’est plus en vigueur.',
      };
    }
    await journaliser(tx, {
      mandatId: m.id,
      structureId: m.structureId,
      auteurId: acteur.id,
      action: 'mandat.demarche_terminee',
      objetType: 'mandat',
      objetId: m.id,
      le: maintenant,
    });
    return { ok: true };
  });
}
