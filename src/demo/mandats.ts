import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { partenaires, situationPartenaires, situations } from '../modules/catalogue/tables.ts';
import { utilisateurs } from '../modules/comptes/tables.ts';
import { dateLocale } from '../modules/horaires/index.ts';
import { codeRevocation, empreinteCodeRevocation, journaliser, nouvelleReference } from '../modules/mandats/index.ts';
import { VERSION_NOTICE } from '../modules/mandats/notice.ts';
import { citoyens, mandats, perimetresMandats, violations } from '../modules/mandats/tables.ts';
import { type ContenuMandat, empreinteTexte, grouperPerimetre } from '../modules/mandats/texte-mandat.ts';
import type { DureeMandat, PieceIdentite } from '../modules/mandats/validation.ts';
import { saisines } from '../modules/saisines/tables.ts';
import { sollicitations } from '../modules/sollicitations/tables.ts';
import { sites, structures } from '../modules/structures/tables.ts';
import type { Executor } from '../platform/db/client.ts';
import { amorcages } from '../platform/db/tables.ts';

// Demo mandates (issue 14), loaded once per database after the demo cases, relative to the instant they are loaded: at
// Sceaux, citizen records with names in three scripts (and a French one, the person of a demo case given on consent),
// one active mandate (twelve months, CAF and Assurance Maladie, with an email to send the revocation link to), one
// expired (one month, ended two weeks ago) and one revoked by the person with the code of their original (5 days ago),
// each with its journal written at the instants things happened: a request logged under the active mandate and one
// of the demo cases transmitted under it. And one breach in Sceaux's register, discovered 30 hours before the load.
// Written directly, without messages: nobody is at these addresses, and the test template must not carry queued ones.

const JOUR = 86_400_000;
const MINUTE = 60_000;
const SCEAUX = 'France services de Sceaux';
const AGENT = 'agent.sceaux@guichet.test';
const GESTIONNAIRE = 'gestion.sceaux@guichet.test';

interface PersonneDemo {
  prenom: string;
  nom: string;
  naissance: string;
  courriel?: string;
  baseLegale: 'mandat' | 'consentement';
}

interface MandatDemo {
  personne: PersonneDemo;
  duree: DureeMandat;
  piece: PieceIdentite;
  partenaires: string[];
  /** When both signed. */
  signe: Date;
  /** Expired or revoked (by the person, with the code), when; active otherwise. */
  fin?: { statut: 'expire' | 'revoque'; le: Date };
}

/** `d` plus `n` calendar months (UTC), as PostgreSQL adds an interval of months. */
function plusMois(d: Date, n: number): Date {
  const r = new Date(d.getTime());
  const jour = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + n);
  const dernier = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(jour, dernier));
  return r;
}

const MOIS: Record<DureeMandat, number> = { demarche: 0, jour: 0, mois: 1, six_mois: 6, douze_mois: 12 };

/** The end a signature at `signe` gives (as `activerALaSignature` computes it). */
function finDe(duree: DureeMandat, signe: Date): Date {
  if (duree === 'demarche') return new Date(signe.getTime() + 30 * JOUR);
  if (duree === 'jour') return new Date(signe.getTime() + JOUR);
  return plusMois(signe, MOIS[duree]);
}

type Evenement = Parameters<typeof journaliser>[1] & { le: Date };

/** Loads the demo mandates and breach at Sceaux once per database (seed key `demo.mandats`). */
export async function chargerMandatsDemo(tx: Executor, secret: string, maintenant = new Date()): Promise<void> {
  const [nouveau] = await tx
    .insert(amorcages)
    .values({ nom: 'demo.mandats' })
    .onConflictDoNothing()
    .returning({ nom: amorcages.nom });
  if (!nouveau) return;
  const [lieu] = await tx
    .select({
      id: sites.id,
      nom: sites.nom,
      adresse: sites.adresse,
      codePostal: sites.codePostal,
      commune: sites.commune,
      fuseau: sites.fuseauHoraire,
      structureId: sites.structureId,
      structure: structures.nom,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.nom, SCEAUX), eq(sites.actif, true)));
  const comptes = new Map(
    (
      await tx
        .select({ id: utilisateurs.id, courriel: utilisateurs.courriel })
        .from(utilisateurs)
        .where(inArray(utilisateurs.courriel, [AGENT, GESTIONNAIRE]))
    ).map((u) => [u.courriel, u.id]),
  );
  const agent = comptes.get(AGENT);
  const gestionnaire = comptes.get(GESTIONNAIRE);
  const lesPartenaires = await tx
    .select({ id: partenaires.id, code: partenaires.code, nom: partenaires.nom })
    .from(partenaires)
    .where(inArray(partenaires.code, ['caf', 'assurance-maladie']));
  const caf = lesPartenaires.find((p) => p.code === 'caf');
  const ameli = lesPartenaires.find((p) => p.code === 'assurance-maladie');
  if (!lieu || !agent || !gestionnaire || !caf || !ameli) return;

  const il = (jours: number, minutes = 0) => new Date(maintenant.getTime() - jours * JOUR + minutes * MINUTE);
  const actif: MandatDemo = {
    personne: {
      prenom: 'محمد',
      nom: 'الأحمد',
      naissance: '1979-06-03',
      courriel: 'mohammed.alahmad@example.org',
      baseLegale: 'mandat',
    },
    duree: 'douze_mois',
    piece: 'titre_sejour',
    partenaires: ['caf', 'assurance-maladie'],
    signe: il(21),
  };
  const signeExpire = plusMois(il(14), -1);
  const MANDATS: MandatDemo[] = [
    actif,
    {
      personne: { prenom: '小龙', nom: '李', naissance: '1992-11-27', baseLegale: 'mandat' },
      duree: 'mois',
      piece: 'passeport',
      partenaires: ['caf'],
      signe: signeExpire,
      fin: { statut: 'expire', le: finDe('mois', signeExpire) },
    },
    {
      personne: { prenom: 'Łukasz', nom: 'Ştefănescu-Nguyễn', naissance: '1968-02-29', baseLegale: 'mandat' },
      duree: 'six_mois',
      piece: 'carte_identite',
      partenaires: ['assurance-maladie'],
      signe: il(60),
      fin: { statut: 'revoque', le: il(5) },
    },
  ];

  const evenements: Evenement[] = [];
  const commun = { structureId: lieu.structureId, objetType: 'mandat' as const };
  const idsMandats: string[] = [];
  for (const m of MANDATS) {
    const cree = new Date(m.signe.getTime() - 20 * MINUTE);
    const [c] = await tx
      .insert(citoyens)
      .values({
        structureId: lieu.structureId,
        siteId: lieu.id,
        prenom: m.personne.prenom,
        nom: m.personne.nom,
        dateNaissance: m.personne.naissance,
        courriel: m.personne.courriel ?? null,
        baseLegale: m.personne.baseLegale,
        creePar: agent,
        creeLe: cree,
        modifieLe: cree,
      })
      .returning({ id: citoyens.id });
    if (!c) continue;
    const id = randomUUID();
    const reference = nouvelleReference('M');
    const choisis = lesPartenaires.filter((p) => m.partenaires.includes(p.code));
    const contenu: ContenuMandat = {
      reference,
      prenom: m.personne.prenom,
      nom: m.personne.nom,
      dateNaissance: m.personne.naissance,
      pieceIdentite: m.piece,
      structure: lieu.structure,
      site: lieu,
      perimetre: grouperPerimetre(choisis.map((p) => ({ partenaireId: p.id, partenaire: p.nom, situation: null }))),
      duree: m.duree,
      versionNotice: VERSION_NOTICE,
    };
    const fin = finDe(m.duree, m.signe);
    await tx.insert(mandats).values({
      id,
      reference,
      structureId: lieu.structureId,
      siteId: lieu.id,
      citoyenId: c.id,
      duree: m.duree,
      statut: m.fin?.statut ?? 'actif',
      pieceIdentite: m.piece,
      versionNotice: VERSION_NOTICE,
      empreinteTexte: empreinteTexte(contenu),
      empreinteCode: empreinteCodeRevocation(codeRevocation(secret, id)),
      creePar: agent,
      creeLe: cree,
      signeLe: m.signe,
      debut: m.signe,
      fin,
      termineLe: m.fin?.le ?? null,
      origineRevocation: m.fin?.statut === 'revoque' ? 'code' : null,
      // Both reminders (30 and 7 days before the end) were due before an end that passed.
      rappelsEnvoyes: m.fin?.statut === 'expire' ? [30, 7] : [],
    });
    await tx.insert(perimetresMandats).values(choisis.map((p) => ({ mandatId: id, partenaireId: p.id })));
    idsMandats.push(id);
    const entree = { ...commun, mandatId: id, objetId: id, auteurId: agent };
    evenements.push(
      {
        ...entree,
        action: 'mandat.cree',
        le: cree,
        details: { duree: m.duree, partenaires: choisis.map((p) => p.id), versionNotice: VERSION_NOTICE },
      },
      { ...entree, action: 'mandat.imprime', le: new Date(cree.getTime() + 5 * MINUTE) },
      { ...entree, action: 'mandat.signe', le: m.signe },
      { ...entree, action: 'mandat.active', le: m.signe, details: { fin: fin.toISOString(), duree: m.duree } },
    );
    if (m.fin?.statut === 'revoque')
      evenements.push({
        ...entree,
        auteurId: null,
        action: 'mandat.revoque',
        le: m.fin.le,
        details: { origine: 'code' },
      });
    if (m.fin?.statut === 'expire')
      evenements.push({ ...entree, auteurId: null, action: 'mandat.expire', le: m.fin.le });
  }
  const idActif = idsMandats[0];
  const [citoyenActif] = idActif
    ? await tx.select({ id: mandats.citoyenId }).from(mandats).where(eq(mandats.id, idActif))
    : [];
  if (idActif && citoyenActif?.id) {
    const lien = { mandatId: idActif, citoyenId: citoyenActif.id };
    evenements.push(...(await demarchesSousMandat(tx, lieu, agent, caf.id, ameli.id, lien, il(10, 35))));
  }
  await personneDUneSaisine(tx, lieu.id, agent);

  evenements.sort((a, b) => a.le.getTime() - b.le.getTime());
  for (const e of evenements) await journaliser(tx, e);

  const decouverte = new Date(maintenant.getTime() - 30 * 3_600_000);
  await tx.insert(violations).values({
    reference: nouvelleReference('V'),
    structureId: lieu.structureId,
    titre: 'Courriel envoyé au mauvais destinataire',
    nature: ['confidentialite'],
    description:
      'Une attestation de droits a été jointe par erreur à un courriel adressé à une autre personne accompagnée le ' +
      'même jour. Le destinataire a signalé l’erreur par retour de courriel.',
    survenueLe: new Date(decouverte.getTime() - 3 * 3_600_000),
    decouverteLe: decouverte,
    categoriesDonnees: 'Identité, numéro d’allocataire, montant d’une prestation',
    categoriesPersonnes: 'Usagers accompagnés au guichet',
    nombrePersonnes: 1,
    nombreEnregistrements: 1,
    consequences: 'Divulgation de la situation d’une personne à un tiers.',
    mesuresPrises: 'Demande de suppression adressée au destinataire, qui l’a confirmée par écrit.',
    mesuresEnvisagees: 'Vérification du destinataire avant tout envoi de pièce jointe.',
    statut: 'ouverte',
    // The 24-hour alert was due before the load.
    alertesEnvoyees: [24],
    declarePar: gestionnaire,
    creeLe: new Date(decouverte.getTime() + 40 * MINUTE),
    modifieLe: new Date(decouverte.getTime() + 40 * MINUTE),
  });
}

/**
 * A request logged under the active mandate (CAF), and the demo case of Sceaux for the Assurance Maladie taken in
 * hand, now about the mandate's person and transmitted under it; their journal entries.
 */
async function demarchesSousMandat(
  tx: Executor,
  lieu: { id: string; structureId: string; departement: string; fuseau: string },
  agent: string,
  caf: string,
  ameli: string,
  lien: { mandatId: string; citoyenId: string },
  survenue: Date,
): Promise<Evenement[]> {
  const evenements: Evenement[] = [];
  const base = { mandatId: lien.mandatId, structureId: lieu.structureId, auteurId: agent };
  const [situation] = await tx
    .select({ id: situations.id, themeId: situations.themeId })
    .from(situations)
    .innerJoin(situationPartenaires, eq(situationPartenaires.situationId, situations.id))
    .where(and(eq(situationPartenaires.partenaireId, caf), isNull(situations.structureId), eq(situations.actif, true)))
    .orderBy(situations.ordre)
    .limit(1);
  if (situation) {
    // The request journal's trigger names who wrote the row: the agent, for this transaction's remaining writes.
    await tx.execute(sql`select set_config('guichet.acteur', ${agent}, true)`);
    const [s] = await tx
      .insert(sollicitations)
      .values({
        siteId: lieu.id,
        structureId: lieu.structureId,
        departement: lieu.departement,
        agentId: agent,
        survenueLe: survenue,
        jour: dateLocale(survenue, lieu.fuseau),
        canal: 'accueil_physique',
        situationId: situation.id,
        themeId: situation.themeId,
        partenaires: [caf],
        niveau: 'aide_demarche',
        issue: 'resolu',
        duree: 'de_10_a_30',
        mandatId: lien.mandatId,
        citoyenId: lien.citoyenId,
        creeLe: survenue,
      })
      .returning({ id: sollicitations.id });
    if (s)
      evenements.push({
        ...base,
        action: 'sollicitation.enregistree',
        objetType: 'sollicitation',
        objetId: s.id,
        details: { partenaires: [caf] },
        le: survenue,
      });
  }
  const [cas] = await tx
    .select({ id: saisines.id, creeLe: saisines.creeLe })
    .from(saisines)
    .where(
      and(
        eq(saisines.siteId, lieu.id),
        eq(saisines.partenaireId, ameli),
        eq(saisines.statut, 'prise_en_charge'),
        isNull(saisines.mandatId),
        isNull(saisines.anonymiseLe),
      ),
    )
    .limit(1);
  const [personne] = await tx
    .select({ prenom: citoyens.prenom, nom: citoyens.nom, naissance: citoyens.dateNaissance })
    .from(citoyens)
    .where(eq(citoyens.id, lien.citoyenId));
  if (cas && personne) {
    await tx
      .update(saisines)
      .set({
        baseLegale: 'mandat',
        mandatId: lien.mandatId,
        citoyenId: lien.citoyenId,
        prenom: personne.prenom,
        nom: personne.nom,
        dateNaissance: personne.naissance,
      })
      .where(eq(saisines.id, cas.id));
    evenements.push({
      ...base,
      action: 'saisine.creee',
      objetType: 'saisine',
      objetId: cas.id,
      details: { partenaires: [ameli] },
      le: cas.creeLe,
    });
  }
  return evenements;
}

/** The person of Sceaux's new CAF case gets a record on the consent they gave for it (a case needs one, point 1). */
async function personneDUneSaisine(tx: Executor, siteId: string, agent: string): Promise<void> {
  const [cas] = await tx
    .select({
      id: saisines.id,
      structureId: saisines.structureId,
      prenom: saisines.prenom,
      nom: saisines.nom,
      naissance: saisines.dateNaissance,
      creeLe: saisines.creeLe,
    })
    .from(saisines)
    .where(
      and(
        eq(saisines.siteId, siteId),
        eq(saisines.statut, 'nouvelle'),
        eq(saisines.baseLegale, 'consentement'),
        isNull(saisines.citoyenId),
        isNull(saisines.anonymiseLe),
      ),
    )
    .orderBy(saisines.creeLe)
    .limit(1);
  if (!cas?.prenom || !cas.nom || !cas.naissance) return;
  const [c] = await tx
    .insert(citoyens)
    .values({
      structureId: cas.structureId,
      siteId,
      prenom: cas.prenom,
      nom: cas.nom,
      dateNaissance: cas.naissance,
      baseLegale: 'consentement',
      creePar: agent,
      creeLe: cas.creeLe,
      modifieLe: cas.creeLe,
    })
    .returning({ id: citoyens.id });
  if (c) await tx.update(saisines).set({ citoyenId: c.id }).where(eq(saisines.id, cas.id));
}
