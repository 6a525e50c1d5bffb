// The citizen record (issue 14 point 1): identity, contact, legal basis, the person's mandates, and the requests,
// appointments and cases that name the person or one of their mandates. Read by the agents and managers of the
// record's structure only; for anyone else the record does not exist (404).

import type { Executor } from '../../platform/db/client.ts';
import { introuvable } from '../../platform/http/errors.ts';
import type { Acteur, Portee } from '../portee/index.ts';
import { mandatEnVigueur, ouvreLeSite } from './policy-citoyens.ts';
import { porteeDesMandats } from './portee.ts';
import * as repo from './repo-citoyens.ts';

/** Labels of the linked objects' statuses (their modules' words; mandats does not import those modules). */
const ISSUES_SOLLICITATION: Record<string, string> = {
  resolu: 'Résolu sur place',
  a_suivre: 'À suivre',
  oriente_partenaire: 'Orienté vers un partenaire',
  transmis_referent: 'Transmis au référent',
};
const STATUTS_RDV: Record<string, string> = {
  reserve: 'Réservé',
  arrive: 'Arrivé',
  vu: 'Reçu',
  absent: 'Absent',
  annule_usager: 'Annulé par la personne',
  annule_site: 'Annulé par le lieu',
};
const STATUTS_SAISINE: Record<string, string> = {
  nouvelle: 'Nouvelle',
  prise_en_charge: 'Prise en charge',
  reponse_apportee: 'Réponse apportée',
  cloturee: 'Clôturée',
};

/** A request, appointment or case as the record and the mandate page list it. */
export interface ObjetLie {
  type: 'sollicitation' | 'rendez_vous' | 'saisine';
  id: string;
  le: Date;
  fuseau: string;
  site: string;
  partenaire: string;
  statut: string;
  /** The page to open it, when the viewer may. */
  lien: string | null;
  /** The reference of the mandate it was done under, if any. */
  mandat: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The requests, appointments and cases of a citizen or of mandates, newest first, with a link where the viewer may. */
async function objetsLies(
  db: Executor,
  acteur: Pick<Acteur, 'habilitations'>,
  p: Portee,
  cible: repo.Cible,
  references: Map<string, string>,
): Promise<ObjetLie[]> {
  const [demandes, rdv, cas] = await Promise.all([
    repo.sollicitationsLiees(db, p, cible),
    repo.rendezVousLies(db, p, cible),
    repo.saisinesLiees(db, p, cible),
  ]);
  const noms = await repo.nomsDesPartenaires(
    db,
    p,
    demandes.flatMap((d) => d.partenaires),
  );
  const ref = (id: string | null) => (id ? (references.get(id) ?? null) : null);
  const objets: ObjetLie[] = [
    ...demandes.map((d) => ({
      type: 'sollicitation' as const,
      id: d.id,
      le: d.le,
      fuseau: d.fuseau,
      site: d.site,
      partenaire: d.partenaires.map((x) => noms.get(x) ?? '').join(', '),
      statut: ISSUES_SOLLICITATION[d.issue] ?? d.issue,
      lien: ouvreLeSite(acteur, d) ? `/sollicitations/${d.id}/historique` : null,
      mandat: ref(d.mandatId),
    })),
    ...rdv.map((r) => ({
      type: 'rendez_vous' as const,
      id: r.id,
      le: r.le,
      fuseau: r.fuseau,
      site: r.site,
      partenaire: r.partenaire ?? `France services (${r.motif})`,
      statut: STATUTS_RDV[r.statut] ?? r.statut,
      lien: ouvreLeSite(acteur, r) ? `/sites/${r.siteId}/rendez-vous/${r.id}` : null,
      mandat: ref(r.mandatId),
    })),
    ...cas.map((s) => ({
      type: 'saisine' as const,
      id: s.id,
      le: s.le,
      fuseau: s.fuseau,
      site: s.site,
      partenaire: s.partenaire,
      statut: STATUTS_SAISINE[s.statut] ?? s.statut,
      lien: ouvreLeSite(acteur, s) ? `/saisines/${s.id}` : null,
      mandat: ref(s.mandatId),
    })),
  ];
  return objets.sort((a, b) => b.le.getTime() - a.le.getTime());
}

/** A citizen record within the actor's reach with its mandates and linked objects; 404 otherwise. */
export async function ficheCitoyen(db: Executor, acteur: Pick<Acteur, 'habilitations'>, id: string, maintenant: Date) {
  const p = porteeDesMandats(acteur);
  const citoyen = UUID.test(id) ? await repo.citoyenDansPortee(db, p, id) : null;
  if (!citoyen) introuvable();
  const mandats = await repo.mandatsDuCitoyen(db, p, citoyen.id);
  const references = new Map(mandats.map((m) => [m.id, m.reference]));
  const objets = await objetsLies(
    db,
    acteur,
    p,
    { citoyenId: citoyen.id, mandatIds: [...references.keys()] },
    references,
  );
  return {
    citoyen,
    mandats: mandats.map((m) => ({
      ...m,
      // An active mandate whose end has passed is expired, even before the expiry job has run.
      statut: m.statut === 'actif' && !mandatEnVigueur(m, maintenant) ? ('expire' as const) : m.statut,
    })),
    objets,
  };
}

export type FicheCitoyen = Awaited<ReturnType<typeof ficheCitoyen>>;

/**
 * What the mandate page shows under "Démarches sous ce mandat": the objects done under it, and whether new ones may
 * be started (active, before its end). The caller has loaded the mandate within the actor's reach.
 */
export async function demarchesDuMandat(
  db: Executor,
  acteur: Pick<Acteur, 'habilitations'>,
  mandat: { id: string; reference: string; siteId: string; statut: string; fin: Date | null; citoyenId: string | null },
  maintenant: Date,
) {
  const p = porteeDesMandats(acteur);
  const objets = await objetsLies(db, acteur, p, { mandatIds: [mandat.id] }, new Map([[mandat.id, mandat.reference]]));
  return { mandat, objets, enVigueur: mandatEnVigueur(mandat, maintenant) };
}

export type DemarchesDuMandat = Awaited<ReturnType<typeof demarchesDuMandat>>;
