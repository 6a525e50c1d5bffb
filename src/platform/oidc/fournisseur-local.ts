import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A local OpenID provider shaped like ProConnect (ADR 0032), built on `oidc-provider` as ProConnect's own identity
 * service is: the scopes and claims ProConnect documents, PKCE required, the userinfo answered as a signed JWT, `acr`
 * and `amr` as ProConnect sends them, RP-initiated logout. Used by `npm run oidc:local` and by the tests; never in
 * production (it is a development dependency).
 */

/** One person the local provider can sign in: the claims ProConnect sends about them. */
export interface CompteFournisseurLocal {
  sub: string;
  email: string;
  given_name: string;
  usual_name: string;
  uid: string;
  siret: string;
  idp_id: string;
}

export interface OptionsFournisseurLocal {
  /** 0 for a free port. */
  port: number;
  hote?: string;
  client: { id: string; secret: string; redirectUris: string[]; postLogoutRedirectUris: string[] };
  comptes: CompteFournisseurLocal[];
  /** The `acr` of every sign-in (ProConnect's level for a password through most identity providers). */
  acr?: string;
}

export interface FournisseurLocal {
  issuer: string;
  provider: Provider;
  server: Server;
  fermer(): Promise<void>;
}

/** Scopes (each named after its claim, as ProConnect does) and the claims each one releases. */
const CLAIMS: Record<string, string[]> = {
  openid: ['sub'],
  email: ['email'],
  given_name: ['given_name'],
  usual_name: ['usual_name'],
  uid: ['uid'],
  siret: ['siret'],
  idp_id: ['idp_id'],
  acr: ['acr'],
  amr: ['amr'],
};

const echapper = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(titre: string, corps: string) {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${echapper(titre)} – fournisseur d’identité local</title></head><body><main><h1>${echapper(titre)}</h1>${corps}</main></body></html>`;
}

async function lireCorps(req: IncomingMessage): Promise<URLSearchParams> {
  let texte = '';
  for await (const morceau of req) {
    texte += morceau;
    if (texte.length > 10_000) break;
  }
  return new URLSearchParams(texte);
}

/** The configuration of the provider, apart from its issuer. */
export function configurationFournisseurLocal(options: OptionsFournisseurLocal): Configuration {
  const parSub = new Map(options.comptes.map((c) => [c.sub, c]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clients: [
      {
        client_id: options.client.id,
        client_secret: options.client.secret,
        redirect_uris: options.client.redirectUris,
        post_logout_redirect_uris: options.client.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'RS256',
        userinfo_signed_response_alg: 'RS256',
        // ProConnect's ID tokens always carry auth_time.
        require_auth_time: true,
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'local', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: CLAIMS,
    scopes: Object.keys(CLAIMS).filter((s) => s !== 'acr' && s !== 'amr'),
    acrValues: ['eidas1', 'eidas2', 'eidas3'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page(
            'Se déconnecter',
            `${form}<p>Vous quittez votre session du fournisseur d’identité local.</p><button type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button>`,
          );
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page('Déconnecté', '<p>Vous êtes déconnecté du fournisseur d’identité local.</p>');
        },
      },
    },
    // ProConnect's authorization codes live 30 seconds.
    ttl: { AuthorizationCode: 30, AccessToken: 60, IdToken: 3600, Interaction: 600, Session: 12 * 3600, Grant: 3600 },
    findAccount: async (_ctx, sub) => {
      const compte = parSub.get(sub);
      if (!compte) return undefined;
      return { accountId: sub, claims: async () => ({ ...compte }) };
    },
    // Every scope and claim requested is granted: the person already agreed to ProConnect's terms.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, sortie) => {
      ctx.type = 'html';
      ctx.body = page(
        'Erreur',
        `<p>${echapper(String(sortie.error))} : ${echapper(String(sortie.error_description ?? ''))}</p>`,
      );
    },
  };
}

/**
 * The sign-in page of an interaction: one button per identity (no password, no JavaScript), as a development stand-in
 * for ProConnect's email page and the identity provider's form behind it.
 */
async function interaction(
  provider: Provider,
  comptes: CompteFournisseurLocal[],
  acr: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  try {
    if (req.method === 'POST') {
      const sub = (await lireCorps(req)).get('sub') ?? '';
      if (!comptes.some((c) => c.sub === sub)) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page('Identité inconnue', '<p>Choisissez une identité de la liste.</p>'));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: sub, acr, amr: ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const details = await provider.interactionDetails(req, res);
    const boutons = comptes
      .map(
        (c) =>
          `<li><button type="submit" name="sub" value="${echapper(c.sub)}">${echapper(`${c.given_name} ${c.usual_name}`)} (${echapper(c.email)})</button></li>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      page(
        'Choisir une identité',
        `<p>Fournisseur d’identité local, pour le développement : choisissez la personne à connecter.</p><form method="post" action="/interaction/${echapper(details.uid)}"><ul>${boutons}</ul></form>`,
      ),
    );
  } catch (erreur) {
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Session expirée', `<p>${echapper((erreur as Error).message)}</p>`));
  }
}

/** Starts the local provider on its port; the issuer is `http://<host>:<port>`. */
export async function demarrerFournisseurLocal(options: OptionsFournisseurLocal): Promise<FournisseurLocal> {
  const hote = options.hote ?? '127.0.0.1';
  let traiter: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
  const server = createServer((req, res) => traiter(req, res));
  await new Promise<void>((ok) => server.listen(options.port, hote, ok));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${hote === '0.0.0.0' ? 'localhost' : hote}:${port}`;
  const provider = new Provider(issuer, configurationFournisseurLocal(options));
  const callback = provider.callback();
  const acr = options.acr ?? 'eidas1';
  traiter = (req, res) => {
    if (req.url?.startsWith('/interaction/')) void interaction(provider, options.comptes, acr, req, res);
    else callback(req, res);
  };
  return {
    issuer,
    provider,
    server,
    fermer: () =>
      new Promise<void>((ok, ko) => {
        server.closeAllConnections();
        server.close((e) => (e ? ko(e) : ok()));
      }),
  };
}
