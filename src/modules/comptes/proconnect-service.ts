import { chiffrer, dechiffrer } from '../../platform/auth/chiffrement.ts';
import { empreinte, jetonAleatoire } from '../../platform/auth/jetons.ts';
import type { Db } from '../../platform/db/client.ts';
import type { IdentiteProConnect } from './proconnect.ts';
import * as repoPc from './proconnect-repo.ts';
import * as repo from './repo.ts';
import { DUREE_ABSOLUE_MS, DUREE_INACTIVITE_MS } from './service.ts';

/** The label of the key that encrypts stored ID tokens (src/platform/auth/chiffrement.ts). */
export const USAGE_ID_TOKEN = 'proconnect-id-token';

export type IssueProConnect =
  | { ok: true; utilisateurId: string; jetonSession: string; premiereLiaison: boolean }
  | { ok: false; raison: 'inconnu' | 'desactive' | 'authentification_ancienne' };

/**
 * Signs a person in with their ProConnect identity (ADR 0032). The account is found by the identity (`sub` with
 * `idp_id`), never by email; the one exception is the first ProConnect sign-in of an invited person, linked once to
 * the account whose pending invitation matches the verified email (the invitation is then spent). Nobody else gets
 * in, and no account is ever created here. The session lasts at most 12 hours from the ProConnect authentication.
 */
export async function connecterParProConnect(
  db: Db,
  secret: string,
  identite: IdentiteProConnect,
): Promise<IssueProConnect> {
  const jetonSession = jetonAleatoire();
  return db.transaction(async (tx) => {
    let compte = await repoPc.compteParIdentite(tx, identite.sub, identite.idpId);
    let premiereLiaison = false;
    if (!compte) {
      const invite = identite.courrielVerifie ? await repoPc.compteInviteParCourriel(tx, identite.courriel) : null;
      if (!invite) return { ok: false as const, raison: 'inconnu' as const };
      if (!invite.actif) return { ok: false as const, raison: 'desactive' as const };
      // The identity may already belong to another account (then it would have been found above): refuse.
      if (!(await repoPc.lierIdentite(tx, invite.id, identite.sub, identite.idpId)))
        return { ok: false as const, raison: 'inconnu' as const };
      await repoPc.consommerInvitations(tx, invite.id);
      compte = invite;
      premiereLiaison = true;
    }
    if (!compte.actif) return { ok: false as const, raison: 'desactive' as const };
    const maintenant = Date.now();
    const debut = Math.min(maintenant, identite.authTime * 1000);
    const fin = Math.min(maintenant + DUREE_INACTIVITE_MS, debut + DUREE_ABSOLUE_MS);
    if (fin <= maintenant) return { ok: false as const, raison: 'authentification_ancienne' as const };
    const id = empreinte(jetonSession);
    await repoPc.creerSessionProConnect(tx, {
      id,
      utilisateurId: compte.id,
      // Encrypted at rest, bound to its session: the token names the person and is read back only for the sign-out.
      idToken: chiffrer(secret, USAGE_ID_TOKEN, identite.idToken, id),
      creeLe: new Date(debut),
      expireLe: new Date(fin),
    });
    await repo.noterConnexion(tx, compte.id);
    await repoPc.noterConnexionProConnect(tx, compte.id);
    return { ok: true as const, utilisateurId: compte.id, jetonSession, premiereLiaison };
  });
}

export type IssueLiaison = { ok: true } | { ok: false; raison: 'deja_lie' | 'identite_prise' };

/** Links the signed-in person's account to the ProConnect identity they just proved; one identity per account. */
export async function lierProConnect(
  db: Db,
  utilisateurId: string,
  identite: IdentiteProConnect,
): Promise<IssueLiaison> {
  return db.transaction(async (tx) => {
    if (await repoPc.identiteDe(tx, utilisateurId)) return { ok: false as const, raison: 'deja_lie' as const };
    if (await repoPc.compteParIdentite(tx, identite.sub, identite.idpId))
      return { ok: false as const, raison: 'identite_prise' as const };
    if (!(await repoPc.lierIdentite(tx, utilisateurId, identite.sub, identite.idpId)))
      return { ok: false as const, raison: 'identite_prise' as const };
    return { ok: true as const };
  });
}

/** Whether the person's account is linked to ProConnect (for their account page). */
export async function estLieAProConnect(db: Db, utilisateurId: string): Promise<boolean> {
  return (await repoPc.identiteDe(db, utilisateurId)) !== null;
}

/** The ID token of a ProConnect session, for the end-session request; null for a password session. */
export async function idTokenDeSession(db: Db, secret: string, jetonSession: string): Promise<string | null> {
  const id = empreinte(jetonSession);
  const s = await repoPc.methodeDeSession(db, id);
  return s?.methode === 'proconnect' && s.idToken ? dechiffrer(secret, USAGE_ID_TOKEN, s.idToken, id) : null;
}
