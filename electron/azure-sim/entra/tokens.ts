/** Minting the tokens Entra hands out: access, id and refresh tokens, `client_info`, and the token response. */
import { createHash, randomBytes } from 'node:crypto';
import type { SimContext } from '../context';
import { objectIdIn, type SimServicePrincipal, type SimUser } from '../model/identity';
import { signJwt, verifyJwt } from '../crypto/jwt';
import { AadError } from './errors';
import { accessTokenIssuer, idTokenIssuer, type Authority } from './tenants';

/** Microsoft Graph's app id: the audience AAD uses when only OIDC scopes are asked for. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Scopes that ask for sign-in, not for a resource. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** Refresh tokens live 90 days, as AAD's do (sliding); revocation is what tests exercise. */
const REFRESH_LIFETIME_MS = 90 * 24 * 3600 * 1000;

/** What a scope string asks for: the resource (the access token's `aud`) and the scopes to echo back. */
export interface ScopeRequest {
  resource: string;
  scopes: string[];
  wantsRefreshToken: boolean;
  wantsIdToken: boolean;
}

/**
 * Parses `scope`. `<resource>/.default`, `<resource>//.default` and `<resource>/<permission>` name a resource
 * (the audience is the part before the last `/`, as given, so `https://h//.default` → `https://h/`);
 * a bare permission (`User.Read`) or OIDC scopes alone mean Graph. Two resources in one request is AADSTS28000.
 */
export function parseScope(scope: string): ScopeRequest {
  const scopes = scope.split(/\s+/).filter((s) => s.length > 0);
  const resources = new Set<string>();
  for (const s of scopes) {
    if (OIDC_SCOPES.has(s.toLowerCase())) continue;
    const cut = s.lastIndexOf('/');
    resources.add(cut > 0 ? s.slice(0, cut) : GRAPH_APP_ID);
  }
  if (resources.size > 1) {
    throw new AadError(
      400,
      'invalid_scope',
      28000,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scopes.join(' ')} is not valid.`,
    );
  }
  const lower = scopes.map((s) => s.toLowerCase());
  return {
    resource: [...resources][0] ?? GRAPH_APP_ID,
    scopes,
    wantsRefreshToken: lower.includes('offline_access'),
    wantsIdToken: lower.includes('openid'),
  };
}

/** `client_info` as MSAL reads it: base64url JSON `{uid, utid}` (the home account id is `uid.utid`). */
export function clientInfo(user: SimUser): string {
  return Buffer.from(JSON.stringify({ uid: user.oid, utid: user.tenantId })).toString('base64url');
}

/** Per-app pairwise `sub`, as AAD gives (stable for one user and one client). */
function pairwiseSub(oid: string, clientId: string): string {
  return createHash('sha256').update(`${oid}:${clientId.toLowerCase()}`).digest('base64url').slice(0, 43);
}

function uti(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

/** Lifetimes run on real time (`Date.now`), not on the advanced simulated clock: clients judge expiry by their own clock. */
function times(ctx: SimContext): { iat: number; exp: number } {
  const iat = Math.floor(Date.now() / 1000);
  return { iat, exp: iat + ctx.settings.tokenLifetimeSeconds };
}

/** Everything a user token needs to know about the sign-in. */
export interface UserGrant {
  user: SimUser;
  clientId: string;
  authority: Authority;
  scope: ScopeRequest;
  nonce?: string;
  /** Client capabilities from the request's `claims` (`cp1`: the client handles CAE claims challenges). */
  capabilities?: string[];
}

/** The tenant a user's tokens are for: the named tenant, or the user's own when the authority was common/organizations. */
function tokenTenant(g: { user: SimUser; authority: Authority }): string {
  return g.authority.multiTenant ? g.user.tenantId : g.authority.tenant.tenantId;
}

/**
 * The user's object id in the token's tenant, or AADSTS50020 when the user is neither a member nor a guest
 * there (as AAD answers a sign-in or a refresh token redeemed at another tenant's authority).
 */
export function memberOid(ctx: SimContext, g: { user: SimUser; clientId: string; authority: Authority }): string {
  const tid = tokenTenant(g);
  const oid = objectIdIn(g.user, tid);
  if (oid) return oid;
  const tenant = ctx.estate.tenants.find((t) => t.tenantId.toLowerCase() === tid.toLowerCase());
  throw new AadError(
    400,
    'invalid_grant',
    50020,
    `User account '${g.user.upn}' from identity provider '${accessTokenIssuer(ctx, 'aad', g.user.tenantId)}' does not exist in tenant '${tenant?.displayName ?? tid}' and cannot access the application '${g.clientId}' in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
  );
}

/** Claims only a guest's tokens carry: `idp` (the home tenant's issuer) instead of `upn`, as AAD issues them. */
function guestClaims(ctx: SimContext, g: UserGrant, tid: string): Record<string, unknown> {
  if (g.user.tenantId.toLowerCase() === tid.toLowerCase()) return { upn: g.user.upn };
  return { idp: accessTokenIssuer(ctx, 'aad', g.user.tenantId) };
}

/**
 * A signed access token for a user (ARM checks `typ_sim`, `exp`, `aud`, `oid`, `tid`, `upn`). A client that
 * declared `cp1` gets `xms_cc` (ARM may then challenge it, CAE); `iat_ms_sim` lets ARM order the token against a
 * critical event to the millisecond (AAD's `iat` has whole seconds, too coarse for a test that acts at once).
 */
export function userAccessToken(ctx: SimContext, g: UserGrant): string {
  const { iat, exp } = times(ctx);
  const tid = tokenTenant(g);
  const oid = memberOid(ctx, g);
  const cp1 = g.capabilities?.includes('cp1');
  return signJwt(ctx.signingKey, {
    aud: g.scope.resource,
    iss: accessTokenIssuer(ctx, g.authority.flavor, tid),
    iat,
    nbf: iat,
    exp,
    acr: '1',
    amr: ['pwd'],
    appid: g.clientId,
    appidacr: '0',
    idtyp: 'user',
    name: g.user.displayName,
    oid,
    scp: g.scope.resource === GRAPH_APP_ID ? 'openid profile email User.Read' : 'user_impersonation',
    sub: pairwiseSub(oid, g.clientId),
    tid,
    unique_name: g.user.upn,
    ...guestClaims(ctx, g, tid),
    uti: uti(),
    ver: '1.0',
    ...(cp1 ? { xms_cc: ['cp1'] } : {}),
    typ_sim: 'access',
    iat_ms_sim: Date.now(),
  });
}

/** A signed id token (MSAL builds the account from it; MSAL Python also checks `aud`, `iss`, `exp`, `nonce`). */
export function idToken(ctx: SimContext, g: UserGrant): string {
  const { iat, exp } = times(ctx);
  const tid = tokenTenant(g);
  const oid = memberOid(ctx, g);
  const claims: Record<string, unknown> = {
    aud: g.clientId,
    iss: idTokenIssuer(ctx, g.authority.flavor, tid),
    iat,
    nbf: iat,
    exp,
    name: g.user.displayName,
    oid,
    preferred_username: g.user.upn,
    upn: g.user.upn,
    unique_name: g.user.upn,
    rh: `0.sim.${uti()}`,
    sub: pairwiseSub(oid, g.clientId),
    tid,
    uti: uti(),
    ver: '2.0',
  };
  // Only echo a nonce the client sent: MSAL Node rejects an unexpected one.
  if (g.nonce) claims.nonce = g.nonce;
  return signJwt(ctx.signingKey, claims);
}

/** A signed access token for a service principal (`idtyp: 'app'`, no user claims). */
export function appAccessToken(ctx: SimContext, sp: SimServicePrincipal, resource: string): string {
  const { iat, exp } = times(ctx);
  return signJwt(ctx.signingKey, {
    aud: resource,
    iss: accessTokenIssuer(ctx, 'aad', sp.tenantId),
    iat,
    nbf: iat,
    exp,
    appid: sp.appId,
    appidacr: '1',
    idtyp: 'app',
    oid: sp.oid,
    sub: sp.oid,
    tid: sp.tenantId,
    uti: uti(),
    ver: '1.0',
    typ_sim: 'access',
  });
}

/**
 * A refresh token: a signed JWT rather than a server-side record, so it survives a simulator restart that
 * keeps its signing key. `iat_ms` is compared with `revokedBefore` (milliseconds, real time).
 */
export function refreshToken(ctx: SimContext, g: { user: SimUser; clientId: string; authority: Authority }): string {
  const now = Date.now();
  return signJwt(ctx.signingKey, {
    typ_sim: 'refresh',
    iat_ms: now,
    exp_ms: now + REFRESH_LIFETIME_MS,
    oid: g.user.oid,
    tid: tokenTenant(g),
    client_id: g.clientId,
    flavor: g.authority.flavor,
    jti: uti(),
  });
}

/** What a valid refresh token carries. */
export interface RefreshClaims {
  oid: string;
  tid: string;
  clientId: string;
  issuedAtMs: number;
}

/** Checks a refresh token: ours, unexpired, not revoked. Throws the AAD error a client would get. */
export function readRefreshToken(ctx: SimContext, token: string): RefreshClaims {
  const r = verifyJwt(ctx.signingKey, token);
  if ('problem' in r || r.claims.typ_sim !== 'refresh') {
    throw new AadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  }
  const c = r.claims;
  const issuedAtMs = Number(c.iat_ms);
  if (!(Number(c.exp_ms) > Date.now())) {
    throw new AadError(400, 'invalid_grant', 700082, 'The refresh token has expired due to inactivity.', {
      suberror: 'bad_token',
    });
  }
  const revokedAt = ctx.revokedBefore.get(String(c.oid));
  // `<=`: a token minted in the very millisecond of the revocation is treated as revoked too.
  if (revokedAt !== undefined && issuedAtMs <= revokedAt) {
    // AAD answers a revoked grant with `bad_token`, which MSAL maps to InteractionRequiredAuthError.
    throw new AadError(
      400,
      'invalid_grant',
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${new Date(issuedAtMs).toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${new Date(revokedAt).toISOString()}'.`,
      { suberror: 'bad_token' },
    );
  }
  return { oid: String(c.oid), tid: String(c.tid), clientId: String(c.client_id), issuedAtMs };
}

/** The token endpoint's success body for a user. */
export function userTokenResponse(ctx: SimContext, g: UserGrant): Record<string, unknown> {
  const lifetime = ctx.settings.tokenLifetimeSeconds;
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: g.scope.scopes.join(' '),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: userAccessToken(ctx, g),
  };
  // Like AAD, a refresh token only with offline_access, an id token only with openid. Clients (MSAL) always ask
  // for both; a client that forgets offline_access learns it the way it would against Azure.
  if (g.scope.wantsRefreshToken) body.refresh_token = refreshToken(ctx, g);
  if (g.scope.wantsIdToken) body.id_token = idToken(ctx, g);
  body.client_info = clientInfo(g.user);
  return body;
}
