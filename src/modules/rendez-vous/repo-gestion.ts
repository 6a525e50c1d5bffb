// SQL of the manager's appointment pages: a site's motifs, who receives there and their absences. Every function
// takes the actor's scope and puts "this site's structure is in the scope" in its WHERE clause (ADR 0007), so a row
// of another structure's site is never read nor written, whatever id a form carries.

import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { partenaires } from '../catalogue/tables.ts';
import { habilitationSites, habilitations, utilisateurs } from '../comptes/tables.ts';
import { dansPortee, type Portee } from '../portee/index.ts';
import { sites, structures } from '../structures/tables.ts';
import { absences, motifRessources, motifs, rendezVous, ressources } from './tables.ts';

/** "This site exists and its structure is in the scope", for every query on the site's children. */
const siteDansPortee = (portee: Portee, siteId: string) =>
  sql`exists (select 1 from ${sites} inner join ${structures} on ${structures.id} = ${sites.structureId}
    where ${sites.id} = ${siteId} and ${dansPortee(portee, structures.departement, structures.id)})`;

/** A site in the scope, with what the pages and the policy need; null otherwise. */
export async function siteGere(db: Executor, portee: Portee, siteId: string) {
  const [s] = await db
    .select({
      id: sites.id,
      nom: sites.nom,
      genre: sites.genre,
      actif: sites.actif,
      fuseauHoraire: sites.fuseauHoraire,
      structureId: structures.id,
      departement: structures.departement,
    })
    .from(sites)
    .innerJoin(structures, eq(structures.id, sites.structureId))
    .where(and(eq(sites.id, siteId), dansPortee(portee, structures.departement, structures.id)))
    .limit(1);
  return s ?? null;
}

const colonnesMotif = {
  id: motifs.id,
  nom: motifs.nom,
  duree: motifs.duree,
  tamponApres: motifs.tamponApres,
  pas: motifs.pas,
  canal: motifs.canal,
  partenaireId: motifs.partenaireId,
  partenaireNom: partenaires.nomCourt,
  situationId: motifs.situationId,
  reservableEnLigne: motifs.reservableEnLigne,
  fenetreJours: motifs.fenetreJours,
  delaiMinimal: motifs.delaiMinimal,
  maxParPersonneJour: motifs.maxParPersonneJour,
  instructions: motifs.instructions,
  lienVisio: motifs.lienVisio,
  actif: motifs.actif,
  ressources: sql<string[]>`coalesce(array(select ${motifRessources.ressourceId} from ${motifRessources}
    where ${motifRessources.motifId} = ${motifs.id} order by ${motifRessources.ordre}), '{}')`,
};

/** Every motif of a site in the scope (active ones first, then by name), with the ids of who receives it. */
export async function motifsDuSite(db: Executor, portee: Portee, siteId: string) {
  return db
    .select(colonnesMotif)
    .from(motifs)
    .leftJoin(partenaires, eq(partenaires.id, motifs.partenaireId))
    .where(and(eq(motifs.siteId, siteId), siteDansPortee(portee, siteId)))
    .orderBy(sql`${motifs.actif} desc`, asc(motifs.nom));
}

export type MotifGere = Awaited<ReturnType<typeof motifsDuSite>>[number];

/** One motif of a site in the scope, or null. */
export async function motifDuSite(db: Executor, portee: Portee, siteId: string, motifId: string) {
  const [m] = await db
    .select(colonnesMotif)
    .from(motifs)
    .leftJoin(partenaires, eq(partenaires.id, motifs.partenaireId))
    .where(and(eq(motifs.id, motifId), eq(motifs.siteId, siteId), siteDansPortee(portee, siteId)))
    .limit(1);
  return m ?? null;
}

export interface ValeursMotif {
  nom: string;
  duree: number;
  tamponApres: number;
  pas: number | null;
  canal: 'sur_place' | 'telephone' | 'visio' | 'domicile' | 'arret';
  partenaireId: string | null;
  situationId: string | null;
  reservableEnLigne: boolean;
  fenetreJours: number;
  delaiMinimal: number;
  maxParPersonneJour: number;
  instructions: string;
  lienVisio: string | null;
}

/** Creates a motif at a site in the scope; its id, or null when the site is not in the scope. */
export async function insererMotif(db: Executor, portee: Portee, siteId: string, v: ValeursMotif) {
  const r = await db.execute<{ id: string }>(sql`
    insert into ${motifs} (site_id, nom, duree, tampon_apres, pas, canal, partenaire_id, situation_id,
      reservable_en_ligne, fenetre_jours, delai_minimal, max_par_personne_jour, instructions, lien_visio)
    select ${siteId}, ${v.nom}, ${v.duree}, ${v.tamponApres}, ${v.pas}, ${v.canal}, ${v.partenaireId}, ${v.situationId},
      ${v.reservableEnLigne}, ${v.fenetreJours}, ${v.delaiMinimal}, ${v.maxParPersonneJour}, ${v.instructions},
      ${v.lienVisio}
    where ${siteDansPortee(portee, siteId)}
    returning id`);
  return r.rows[0]?.id ?? null;
}

/** Updates a motif of a site in the scope; false when there is none. */
export async function majMotif(db: Executor, portee: Portee, siteId: string, motifId: string, v: ValeursMotif) {
  const r = await db
    .update(motifs)
    .set(v)
    .where(and(eq(motifs.id, motifId), eq(motifs.siteId, siteId), siteDansPortee(portee, siteId)))
    .returning({ id: motifs.id });
  return r.length > 0;
}

/** Deactivates or reactivates a motif (never deleted: appointments point at it); false when there is none. */
export async function activerMotif(db: Executor, portee: Portee, siteId: string, motifId: string, actif: boolean) {
  const r = await db
    .update(motifs)
    .set({ actif })
    .where(and(eq(motifs.id, motifId), eq(motifs.siteId, siteId), siteDansPortee(portee, siteId)))
    .returning({ id: motifs.id });
  return r.length > 0;
}

/** Sets who receives a motif, in the order given; only resources of the same site are linked. */
export async function remplacerRessourcesMotif(
  db: Executor,
  portee: Portee,
  siteId: string,
  motifId: string,
  ressourceIds: string[],
) {
  await db
    .delete(motifRessources)
    .where(
      and(
        eq(motifRessources.motifId, motifId),
        sql`${motifRessources.motifId} in (select ${motifs.id} from ${motifs} where ${motifs.siteId} = ${siteId})`,
        siteDansPortee(portee, siteId),
      ),
    );
  for (const [ordre, ressourceId] of ressourceIds.entries()) {
    await db.execute(sql`
      insert into ${motifRessources} (motif_id, ressource_id, ordre)
      select ${motifId}, ${ressourceId}, ${ordre}
      where exists (select 1 from ${motifs} where ${motifs.id} = ${motifId} and ${motifs.siteId} = ${siteId})
        and exists (select 1 from ${ressources} where ${ressources.id} = ${ressourceId} and ${ressources.siteId} = ${siteId})
        and ${siteDansPortee(portee, siteId)}`);
  }
}

const colonnesRessource = {
  id: ressources.id,
  type: ressources.type,
  libelle: ressources.libelle,
  utilisateurId: ressources.utilisateurId,
  partenaireId: ressources.partenaireId,
  partenaireNom: partenaires.nomCourt,
  regles: ressources.regles,
  actif: ressources.actif,
};

/** Who receives at a site in the scope: agents then permanences, active first, by name. */
export async function ressourcesDuSite(db: Executor, portee: Portee, siteId: string) {
  return db
    .select(colonnesRessource)
    .from(ressources)
    .leftJoin(partenaires, eq(partenaires.id, ressources.partenaireId))
    .where(and(eq(ressources.siteId, siteId), siteDansPortee(portee, siteId)))
    .orderBy(asc(ressources.type), sql`${ressources.actif} desc`, asc(ressources.libelle));
}

export type RessourceGeree = Awaited<ReturnType<typeof ressourcesDuSite>>[number];

/** One resource of a site in the scope, or null. */
export async function ressourceDuSite(db: Executor, portee: Portee, siteId: string, ressourceId: string) {
  const [r] = await db
    .select(colonnesRessource)
    .from(ressources)
    .leftJoin(partenaires, eq(partenaires.id, ressources.partenaireId))
    .where(and(eq(ressources.id, ressourceId), eq(ressources.siteId, siteId), siteDansPortee(portee, siteId)))
    .limit(1);
  return r ?? null;
}

export interface ValeursRessource {
  type: 'agent' | 'permanence';
  utilisateurId: string | null;
  partenaireId: string | null;
  libelle: string;
  regles: unknown;
}

/** Adds a resource to a site in the scope; its id, or null when the site is not in the scope. */
export async function insererRessource(db: Executor, portee: Portee, siteId: string, v: ValeursRessource) {
  const r = await db.execute<{ id: string }>(sql`
    insert into ${ressources} (site_id, type, utilisateur_id, partenaire_id, libelle, regles)
    select ${siteId}, ${v.type}, ${v.utilisateurId}, ${v.partenaireId}, ${v.libelle}, ${JSON.stringify(v.regles)}::jsonb
    where ${siteDansPortee(portee, siteId)}
    returning id`);
  return r.rows[0]?.id ?? null;
}

/** Updates a resource's label, partner and rules; false when there is none at this site in the scope. */
export async function majRessource(
  db: Executor,
  portee: Portee,
  siteId: string,
  ressourceId: string,
  v: { libelle: string; partenaireId?: string | null; regles: unknown },
) {
  const r = await db
    .update(ressources)
    .set({ libelle: v.libelle, regles: v.regles, ...(v.partenaireId ? { partenaireId: v.partenaireId } : {}) })
    .where(and(eq(ressources.id, ressourceId), eq(ressources.siteId, siteId), siteDansPortee(portee, siteId)))
    .returning({ id: ressources.id });
  return r.length > 0;
}

/** Deactivates or reactivates a resource (it stops or starts receiving); false when there is none. */
export async function activerRessource(
  db: Executor,
  portee: Portee,
  siteId: string,
  ressourceId: string,
  actif: boolean,
) {
  const r = await db
    .update(ressources)
    .set({ actif })
    .where(and(eq(ressources.id, ressourceId), eq(ressources.siteId, siteId), siteDansPortee(portee, siteId)))
    .returning({ id: ressources.id });
  return r.length > 0;
}

/**
 * Active people who may receive at a site of the scope: its structure's managers, and its agents unless their
 * habilitation is restricted to other sites.
 */
export async function personnesDuSite(db: Executor, portee: Portee, siteId: string) {
  return db
    .selectDistinct({ id: utilisateurs.id, prenom: utilisateurs.prenom, nom: utilisateurs.nom })
    .from(habilitations)
    .innerJoin(utilisateurs, eq(utilisateurs.id, habilitations.utilisateurId))
    .innerJoin(sites, eq(sites.structureId, habilitations.structureId))
    .where(
      and(
        eq(sites.id, siteId),
        eq(utilisateurs.actif, true),
        inArray(habilitations.role, ['agent', 'gestionnaire']),
        sql`(${habilitations.role} = 'gestionnaire'
          or not exists (select 1 from ${habilitationSites} where ${habilitationSites.habilitationId} = ${habilitations.id})
          or exists (select 1 from ${habilitationSites} where ${habilitationSites.habilitationId} = ${habilitations.id}
            and ${habilitationSites.siteId} = ${siteId}))`,
        siteDansPortee(portee, siteId),
      ),
    )
    .orderBy(asc(utilisateurs.nom), asc(utilisateurs.prenom));
}

const dansLeSite = (portee: Portee, siteId: string, ressourceId: string) =>
  and(
    eq(absences.ressourceId, ressourceId),
    sql`${absences.ressourceId} in (select ${ressources.id} from ${ressources} where ${ressources.siteId} = ${siteId})`,
    siteDansPortee(portee, siteId),
  );

/** A resource's absences not over at `depuis`, in order. */
export async function absencesAVenir(db: Executor, portee: Portee, siteId: string, ressourceId: string, depuis: Date) {
  return db
    .select({ id: absences.id, debut: absences.debut, fin: absences.fin, motif: absences.motif })
    .from(absences)
    .where(and(dansLeSite(portee, siteId, ressourceId), gt(absences.fin, depuis)))
    .orderBy(asc(absences.debut));
}

/** Records an absence of a resource of a site in the scope; its id, or null when out of reach. */
export async function insererAbsence(
  db: Executor,
  portee: Portee,
  siteId: string,
  ressourceId: string,
  a: { debut: Date; fin: Date; motif: string | null },
) {
  const r = await db.execute<{ id: string }>(sql`
    insert into ${absences} (ressource_id, debut, fin, motif)
    select ${ressourceId}, ${a.debut.toISOString()}::timestamptz, ${a.fin.toISOString()}::timestamptz, ${a.motif}
    where exists (select 1 from ${ressources} where ${ressources.id} = ${ressourceId} and ${ressources.siteId} = ${siteId})
      and ${siteDansPortee(portee, siteId)}
    returning id`);
  return r.rows[0]?.id ?? null;
}

/** Deletes an absence of a resource of a site in the scope; false when there is none. */
export async function supprimerAbsence(
  db: Executor,
  portee: Portee,
  siteId: string,
  ressourceId: string,
  absenceId: string,
) {
  const r = await db
    .delete(absences)
    .where(and(eq(absences.id, absenceId), dansLeSite(portee, siteId, ressourceId)))
    .returning({ id: absences.id });
  return r.length > 0;
}

/** Live appointments of a resource overlapping [debut, fin): what an absence would leave without anyone. */
export async function rendezVousPendant(
  db: Executor,
  portee: Portee,
  siteId: string,
  ressourceId: string,
  debut: Date,
  fin: Date,
) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rendezVous)
    .where(
      and(
        eq(rendezVous.ressourceId, ressourceId),
        eq(rendezVous.siteId, siteId),
        inArray(rendezVous.statut, ['reserve', 'arrive']),
        sql`${rendezVous.debut} < ${fin.toISOString()}::timestamptz and ${rendezVous.fin} > ${debut.toISOString()}::timestamptz`,
        siteDansPortee(portee, siteId),
      ),
    );
  return r?.n ?? 0;
}
