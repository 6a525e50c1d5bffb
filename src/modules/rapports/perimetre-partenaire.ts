// A partner's report (issue 13, point 6): the request log's figures restricted to the requests whose `partenaires`
// carry one partner, in some départements, with that partner's cases. Référents open it for their partner in their
// départements; a coordinator for one of their départements; the national administration for any.

import type { Db } from '../../platform/db/client.ts';
import { AppError, introuvable } from '../../platform/http/errors.ts';
import { libellesCatalogue } from '../catalogue/index.ts';
import { couvrePartenaire, type Portee } from '../portee/index.ts';
import { fuseauHoraireDepartement, libelleTerritoire, territoire } from '../territoires/index.ts';
import type { Periode } from './periode.ts';
import { type Compte, compterDepuisLesSollicitations, type FiltrePartenaire } from './repo.ts';

/** The scope of a partner's report: its id and, optionally, one département (none: all the reader's). */
export interface PerimetrePartenaire {
  type: 'partenaire';
  id: string;
  code?: string;
}

/** The département list of a référent's partner, or null when the actor is not its référent anywhere. */
const departementsDuReferent = (p: Portee, partenaireId: string) =>
  p.partenaires.find((x) => x.partenaireId === partenaireId && x.departements.length > 0)?.departements ?? null;

/** Checks a partner's scope against the actor: its name, the requests it counts and its time zone. */
export async function resoudrePartenaire(db: Db, p: Portee, perimetre: PerimetrePartenaire) {
  const nom = (await libellesCatalogue(db)).partenaires.get(perimetre.id);
  if (!nom) introuvable();
  let departements: string[] | null;
  if (perimetre.code !== undefined) {
    if (!territoire(perimetre.code)) introuvable();
    const permis =
      p.national || p.departements.includes(perimetre.code) || couvrePartenaire(p, perimetre.id, perimetre.code);
    if (!permis) throw new AppError('interdit');
    departements = [perimetre.code];
  } else if (p.national) departements = null;
  else {
    departements = departementsDuReferent(p, perimetre.id);
    if (!departements) throw new AppError('interdit');
  }
  const libelle =
    perimetre.code !== undefined
      ? `${nom} – ${libelleTerritoire(perimetre.code)}`
      : departements
        ? `${nom} – ${departements.length > 1 ? 'départements' : 'département'} ${departements.join(', ')}`
        : `${nom} – France entière`;
  const fuseau = departements?.length === 1 ? fuseauHoraireDepartement(departements[0] as string) : 'Europe/Paris';
  const filtre: FiltrePartenaire = { partenaireId: perimetre.id, departements };
  return { libelle, partenaire: filtre, fuseau } as const;
}

/** The partner scopes a référent may choose: each partner over all their départements (when several), then each one. */
export async function perimetresPartenaires(db: Db, p: Portee): Promise<Array<{ valeur: string; libelle: string }>> {
  if (p.national || p.partenaires.length === 0) return [];
  const noms = (await libellesCatalogue(db)).partenaires;
  const choix: Array<{ valeur: string; libelle: string }> = [];
  for (const x of p.partenaires) {
    const nom = noms.get(x.partenaireId) ?? 'Partenaire';
    if (x.departements.length > 1)
      choix.push({
        valeur: `partenaire:${x.partenaireId}`,
        libelle: `${nom} – départements ${x.departements.join(', ')}`,
      });
    for (const d of x.departements)
      choix.push({ valeur: `partenaire:${x.partenaireId}:${d}`, libelle: `${nom} – ${libelleTerritoire(d)}` });
  }
  return choix;
}

/** The partner scope a référent lands on: their first partner, over all their départements. */
export function perimetrePartenaireParDefaut(p: Portee): PerimetrePartenaire | null {
  const x = p.partenaires.find((y) => y.departements.length > 0);
  if (!x) return null;
  return x.departements.length === 1
    ? { type: 'partenaire', id: x.partenaireId, code: x.departements[0] }
    : { type: 'partenaire', id: x.partenaireId };
}

/**
 * Counts by dimension of a partner's requests over the periods, from the rows. The partners' breakdown keeps that
 * partner only: the other partners of the same requests are not the reader's.
 */
export async function compterPourPartenaire(db: Db, filtre: FiltrePartenaire, periodes: Periode[]): Promise<Compte[]> {
  const comptes = await compterDepuisLesSollicitations(
    db,
    filtre,
    periodes.map((x, p) => ({ ...x, p })),
  );
  return comptes.filter((c) => c.dimension !== 'partenaire' || c.valeur === filtre.partenaireId);
}

/** Reads "partenaire:<uuid>" or "partenaire:<uuid>:<département>"; anything else is null. */
export function lirePerimetrePartenaire(texte: string): PerimetrePartenaire | null {
  const m = /^partenaire:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?::([0-9AB]{2,3}))?$/i.exec(
    texte,
  );
  if (!m?.[1]) return null;
  return m[2]
    ? { type: 'partenaire', id: m[1].toLowerCase(), code: m[2].toUpperCase() }
    : { type: 'partenaire', id: m[1].toLowerCase() };
}
