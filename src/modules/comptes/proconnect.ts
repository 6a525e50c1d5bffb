import * as oidc from 'openid-client';
import type { ConfigProConnect } from '../../config/index.ts';

/**
 * ProConnect's OpenID Connect protocol through `openid-client` (ADR 0032): discovery, the authorization request with
 * PKCE, state and nonce, the code exchange with the ID token's checks, the userinfo JWT, the end-session URL.
 * Nothing here knows guichet's accounts (proconnect-service.ts does).
 */

/** The scopes ProConnect documents, each named after the claim it releases. */
export const SCOPES_PROCONNECT = 'openid email given_name usual_name uid siret idp_id';

/**
 * ProConnect sends `acr` and `amr` only when asked through the `claims` parameter (its documentation, "Niveaux
 * d’assurance et utilisation de l’ACR"); `auth_time` bounds the session (12 hours after the person authenticated).
 */
const CLAIMS_DEMANDES = JSON.stringify({ id_token: { acr: null, amr: null, auth_time: { essential: true } } });

/** How long the person has to come back from ProConnect. */
export const DUREE_FLUX_MS = 10 * 60 * 1000;

/** What guichet keeps (in a signed, httpOnly cookie) between the start and the return of one sign-in. */
export interface FluxProConnect {
  state: string;
  nonce: string;
  verifier: string;
  retour: string;
  /** For "link my account": the signed-in person the identity is to be linked to. */
  liaison: string | null;
  expireLe: number;
}

/** What ProConnect told about the person, once every check passed. */
export interface IdentiteProConnect {
  sub: string;
  idpId: string;
  courriel: string;
  /** ProConnect sends no `email_verified`; its identity providers vouch for the address, unless they say otherwise. */
  courrielVerifie: boolean;
  prenom: string;
  nom: string;
  siret: string | null;
  idToken: string;
  /** When the person authenticated at ProConnect (seconds since the epoch). */
  authTime: number;
  acr: string | null;
  amr: string[];
}

export class ProConnectIndisponible extends Error {}
export class RetourProConnectInvalide extends Error {}

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** The provider's metadata, read once per process (again after a failure) from its discovery document. */
function configuration(c: ConfigProConnect): Promise<oidc.Configuration> {
  const cle = `${c.issuer}|${c.clientId}`;
  let enCours = configurations.get(cle);
  if (!enCours) {
    const issuer = new URL(c.issuer);
    enCours = oidc
      .discovery(
        issuer,
        c.clientId,
        { id_token_signed_response_alg: c.algorithme, userinfo_signed_response_alg: c.algorithme },
        oidc.ClientSecretPost(c.clientSecret),
        { execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      )
      .then((conf) => {
        // Checks the signatures of the ID token and of the userinfo JWT against the provider's keys.
        oidc.enableNonRepudiationChecks(conf);
        return conf;
      });
    enCours.catch(() => configurations.delete(cle));
    configurations.set(cle, enCours);
  }
  return enCours.catch((e) => {
    throw new ProConnectIndisponible(e instanceof Error ? e.message : String(e));
  });
}

export const urlRetour = (publicUrl: string) => `${publicUrl.replace(/\/$/, '')}/connexion/proconnect/retour`;
export const urlApresDeconnexion = (publicUrl: string) => `${publicUrl.replace(/\/$/, '')}/deconnexion/proconnect`;

/** Starts a sign-in: fresh state, nonce and PKCE verifier, and the provider's authorization URL carrying them. */
export async function debuterConnexion(
  c: ConfigProConnect,
  publicUrl: string,
  retour: string,
  liaison: string | null,
): Promise<{ url: URL; flux: FluxProConnect }> {
  const conf = await configuration(c);
  const flux: FluxProConnect = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    retour,
    liaison,
    expireLe: Date.now() + DUREE_FLUX_MS,
  };
  const url = oidc.buildAuthorizationUrl(conf, {
    redirect_uri: urlRetour(publicUrl),
    scope: SCOPES_PROCONNECT,
    claims: CLAIMS_DEMANDES,
    state: flux.state,
    nonce: flux.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(flux.verifier),
    code_challenge_method: 'S256',
  });
  return { url, flux };
}

const texte = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * Finishes a sign-in from the provider's redirect: checks the state, exchanges the code (with the PKCE verifier),
 * checks the ID token (signature, issuer, audience, expiry, nonce), then reads the userinfo JWT (signature, same sub).
 */
export async function terminerConnexion(
  c: ConfigProConnect,
  publicUrl: string,
  urlCourante: URL,
  flux: FluxProConnect,
): Promise<IdentiteProConnect> {
  const conf = await configuration(c);
  let jetons: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  let infos: oidc.UserInfoResponse;
  try {
    jetons = await oidc.authorizationCodeGrant(
      conf,
      urlCourante,
      { pkceCodeVerifier: flux.verifier, expectedState: flux.state, expectedNonce: flux.nonce, idTokenExpected: true },
      { redirect_uri: urlRetour(publicUrl) },
    );
    const claims = jetons.claims();
    if (!claims || !jetons.id_token) throw new RetourProConnectInvalide('no ID token');
    infos = await oidc.fetchUserInfo(conf, jetons.access_token, claims.sub);
    const idpId = texte(infos.idp_id) ?? texte(claims.idp_id);
    const courriel = texte(infos.email);
    if (!idpId || !courriel) throw new RetourProConnectInvalide('idp_id or email missing');
    return {
      sub: claims.sub,
      idpId,
      courriel: courriel.toLowerCase(),
      courrielVerifie: infos.email_verified !== false,
      prenom: texte(infos.given_name) ?? '',
      nom: texte(infos.usual_name) ?? '',
      siret: texte(infos.siret),
      idToken: jetons.id_token,
      authTime: typeof claims.auth_time === 'number' ? claims.auth_time : Math.floor(Date.now() / 1000),
      acr: texte(claims.acr),
      amr: Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === 'string') : [],
    };
  } catch (e) {
    if (e instanceof RetourProConnectInvalide || e instanceof ProConnectIndisponible) throw e;
    if (e instanceof TypeError && /fetch failed/.test(e.message)) throw new ProConnectIndisponible(e.message);
    throw new RetourProConnectInvalide(e instanceof Error ? e.message : String(e));
  }
}

/** The provider's end-session URL for an ID token, coming back to guichet's signed-out page with `state`. */
export async function urlFinDeSession(
  c: ConfigProConnect,
  publicUrl: string,
  idToken: string,
  state: string,
): Promise<URL> {
  return oidc.buildEndSessionUrl(await configuration(c), {
    id_token_hint: idToken,
    state,
    post_logout_redirect_uri: urlApresDeconnexion(publicUrl),
  });
}
