import { sql } from 'drizzle-orm';
import { identitesProconnect, utilisateurs } from '../modules/comptes/tables.ts';
import type { Executor } from '../platform/db/client.ts';
import type { CompteFournisseurLocal } from '../platform/oidc/fournisseur-local.ts';

/** The identity provider every demo identity comes through, as ProConnect's `idp_id` names one (ADR 0032). */
export const IDP_LOCAL = 'fi-local-guichet';

/**
 * The identities the local OpenID provider (`npm run oidc:local`) offers: one per demo account, linked to it by the
 * demo data, plus a person without any guichet account, to see the refusal. Subjects are opaque, as ProConnect's are.
 */
export const IDENTITES_PROCONNECT_DEMO: CompteFournisseurLocal[] = [
  ['admin@guichet.test', 'Anne', 'Martin', '13002526500013'],
  ['coordination@guichet.test', 'Paul', 'Lefèvre', '13002526500013'],
  ['gestion.sceaux@guichet.test', 'Claire', 'Dubois', '21920071000013'],
  ['agent.sceaux@guichet.test', 'Karim', 'Benali', '21920071000013'],
  ['agent.aix@guichet.test', 'Léa', 'Fabre', '21130001900013'],
  ['gestion.agen@guichet.test', 'Marc', 'Durand', '35600000000048'],
  ['referent.caf@guichet.test', 'Julie', 'Moreau', '53424926600019'],
  ['inconnu@exemple.gouv.fr', 'Camille', 'Inconnue', '11000601200010'],
].map(([email, prenom, nom, siret], i) => ({
  sub: `demo-${String(i + 1).padStart(2, '0')}-${(email as string).split('@')[0]}`,
  email: email as string,
  given_name: prenom as string,
  usual_name: nom as string,
  uid: `uid-${i + 1}`,
  siret: siret as string,
  idp_id: IDP_LOCAL,
}));

/** Links each demo account to its local identity (idempotent: run at every start of a development database). */
export async function chargerProConnectDemo(tx: Executor) {
  for (const identite of IDENTITES_PROCONNECT_DEMO) {
    await tx
      .insert(identitesProconnect)
      .select(
        tx
          .select({
            utilisateurId: utilisateurs.id,
            sub: sql`${identite.sub}`.as('sub'),
            idpId: sql`${identite.idp_id}`.as('idp_id'),
            lieLe: sql`now()`.as('lie_le'),
            derniereConnexionLe: sql`null::timestamptz`.as('derniere_connexion_le'),
          })
          .from(utilisateurs)
          .where(sql`lower(${utilisateurs.courriel}) = ${identite.email}`),
      )
      .onConflictDoNothing();
  }
}
