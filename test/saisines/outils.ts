import { randomBytes } from 'node:crypto';
import type { Contexte } from '../harnais.ts';

// Rows of the référent directory and cases for the tests of issue 13: fresh partners so that demo référents never
// interfere, a référent account signing in with the demo password, cases written directly in any place.

const suffixe = () => randomBytes(4).toString('hex');

/** A fresh local partner of a structure (its own directory, empty). */
export async function creerPartenaireLocal(ctx: Contexte, structureId: string): Promise<string> {
  const n = suffixe();
  const [p] = await ctx.sql<{ id: string }>(
    `insert into partenaires (code, nom, nom_court, structure_id) values ($1, $2, $3, $4) returning id`,
    [`partenaire-${n}`, `Partenaire local ${n}`, `PL ${n}`, structureId],
  );
  return p?.id as string;
}

/** A directory entry; `absentAujourdhui` adds an absence covering today (and the days around it). */
export async function creerReferent(
  ctx: Contexte,
  r: {
    partenaireId: string;
    departement: string;
    rang: 'titulaire' | 'suppleant';
    structures?: string[];
    absentAujourdhui?: boolean;
    prenom?: string;
  },
): Promise<{ id: string; courriel: string }> {
  const courriel = `referent.${suffixe()}@partenaire.test`;
  const [l] = await ctx.sql<{ id: string }>(
    `insert into referents (partenaire_id, departement, structures, rang, prenom, nom, courriel)
     values ($1, $2, $3::uuid[], $4, $5, 'Référent', $6) returning id`,
    [r.partenaireId, r.departement, r.structures ?? [], r.rang, r.prenom ?? 'Dominique', courriel],
  );
  if (r.absentAujourdhui) {
    await ctx.sql(
      `insert into absences_referents (referent_id, du, au) values ($1, current_date - 2, current_date + 2)`,
      [l?.id],
    );
  }
  return { id: l?.id as string, courriel };
}

/** A référent account (role `referent` for a partner and départements) signing in with the demo password. */
export async function creerCompteReferent(ctx: Contexte, partenaireId: string, departements: string[]) {
  const courriel = `compte.referent.${suffixe()}@partenaire.test`;
  const [u] = await ctx.sql<{ id: string }>(
    `insert into utilisateurs (courriel, prenom, nom, mot_de_passe)
     select $1, 'Rémi', 'Référent', mot_de_passe from utilisateurs where courriel = 'referent.caf@guichet.test'
     returning id`,
    [courriel],
  );
  await ctx.sql(
    `insert into habilitations (utilisateur_id, role, partenaire_id, departements) values ($1, 'referent', $2, $3)`,
    [u?.id, partenaireId, departements],
  );
  return { id: u?.id as string, courriel };
}

/** A case written directly at a site, for a partner (status `nouvelle` unless given). */
export async function creerSaisineSql(
  ctx: Contexte,
  siteId: string,
  partenaireId: string,
  options: { referentId?: string; creePar?: string; urgence?: string; statut?: string } = {},
): Promise<string> {
  const [s] = await ctx.sql<{ id: string }>(
    `insert into saisines (site_id, structure_id, departement, partenaire_id, referent_id, base_legale, consentement_le,
       prenom, nom, date_naissance, question, urgence, statut, cree_par, echeance)
     select s.id, s.structure_id, st.departement, $2, $3, 'consentement', now(), 'Lucie', 'Martin', '1980-05-01',
       'Quelle est la situation du dossier ?', $4::urgence_saisine, $5::statut_saisine,
       coalesce($6::uuid, gen_random_uuid()), now() + interval '5 days'
     from sites s join structures st on st.id = s.structure_id where s.id = $1 returning id`,
    [
      siteId,
      partenaireId,
      options.referentId ?? null,
      options.urgence ?? 'aucune',
      options.statut ?? 'nouvelle',
      options.creePar ?? null,
    ],
  );
  return s?.id as string;
}

/** A valid creation form for a partner. */
export const formulaireValide = (partenaire: string, autres: Record<string, string> = {}) => ({
  partenaire,
  prenom: 'Lucie',
  nom: 'Martin',
  dateNaissance: '1980-05-01',
  numeroDossier: '1234567',
  baseLegale: 'consentement',
  consentement: 'on',
  question: 'Ses droits au RSA sont suspendus depuis mars : que manque-t-il au dossier ?',
  urgence: 'revenus_coupes',
  ...autres,
});
