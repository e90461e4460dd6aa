/** `POST {tenant}/oauth2/v2.0/token`: auth code + PKCE, refresh token, device code, client credentials and ROPC. */
import { timingSafeEqual } from 'node:crypto';
import type { SimContext } from '../context';
import { formBody } from '../http/form';
import type { SimRequest, SimResponse } from '../http/router';
import type { SimUser } from '../model/identity';
import { s256, type CodeStore } from './authorize';
import type { DeviceCodeStore } from './device-codes';
import { parseClaimsRequest } from './claims';
import { AadError, missingParameter, unknownClient, unknownUser } from './errors';
import { isGuid, resolveAuthority, type Authority } from './tenants';
import { appAccessToken, parseScope, readRefreshToken, userTokenResponse, type ScopeRequest } from './tokens';

/** The stores the token endpoint redeems from. */
export interface GrantStores {
  codes: CodeStore;
  deviceCodes: DeviceCodeStore;
}

function required(form: URLSearchParams, name: string): string {
  const v = form.get(name);
  if (!v) throw missingParameter(name);
  return v;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The scope of a token request: `scope`, or v1's `resource` (ADFS/v1 clients), or what the grant carried. */
function requestedScope(form: URLSearchParams, fallback?: ScopeRequest): ScopeRequest {
  const scope = form.get('scope');
  if (scope) return parseScope(scope);
  const resource = form.get('resource');
  if (resource) return parseScope(`${resource.replace(/\/$/, '')}/.default openid offline_access`);
  if (fallback) return fallback;
  throw missingParameter('scope');
}

function userByOid(ctx: SimContext, oid: string): SimUser {
  const user = ctx.estate.findUser(oid);
  // The user may be gone after a `/_sim/reset` to another seed.
  if (!user) throw unknownUser('invalid_grant', { addHint: true, suberror: 'bad_token' });
  return user;
}

function checkClient(clientId: string): void {
  if (!isGuid(clientId)) throw unknownClient(clientId);
}

/** One token request, as every grant handler reads it. */
interface TokenRequest {
  ctx: SimContext;
  stores: GrantStores;
  form: URLSearchParams;
  clientId: string;
  /** The authority of the URL the request came to. */
  authority: Authority;
  /** Client capabilities from the `claims` parameter (`cp1`). */
  capabilities: string[];
}

function authorizationCode({ ctx, stores, form, clientId, capabilities }: TokenRequest): Record<string, unknown> {
  const code = required(form, 'code');
  const pending = stores.codes.get(code);
  if (!pending)
    throw new AadError(
      400,
      'invalid_grant',
      9002313,
      'Invalid request. Request is malformed or invalid: the authorization code is not valid.',
    );
  if (pending.redeemed) {
    throw new AadError(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    );
  }
  if (Date.now() >= pending.expiresAtMs)
    throw new AadError(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    );
  if (pending.clientId.toLowerCase() !== clientId.toLowerCase())
    throw new AadError(
      400,
      'invalid_grant',
      700005,
      'Provided Authorization Code is intended to use against other tenant or client.',
    );
  const redirectUri = required(form, 'redirect_uri');
  if (redirectUri !== pending.redirectUri) {
    throw new AadError(
      400,
      'invalid_grant',
      500117,
      `The reply uri '${redirectUri}' specified in the request does not match the reply uri used in the authorization request.`,
    );
  }
  const verifier = form.get('code_verifier');
  if (!verifier)
    throw new AadError(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier is missing; it is required because the authorization request carried a code_challenge.',
    );
  if (s256(verifier) !== pending.codeChallenge)
    throw new AadError(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    );
  // Spent only once every check passed: a client retrying with the right verifier still succeeds.
  pending.redeemed = true;
  const user = userByOid(ctx, pending.oid);
  return userTokenResponse(ctx, {
    user,
    clientId,
    authority: pending.authority,
    scope: requestedScope(form, pending.scope),
    nonce: pending.nonce,
    capabilities,
  });
}

function refresh({ ctx, form, clientId, authority, capabilities }: TokenRequest): Record<string, unknown> {
  const rt = readRefreshToken(ctx, required(form, 'refresh_token'));
  if (rt.clientId.toLowerCase() !== clientId.toLowerCase()) {
    throw new AadError(
      400,
      'invalid_grant',
      70000,
      'Provided grant is invalid or malformed: the refresh token was issued to a different client.',
    );
  }
  // A refresh token is good at any tenant's authority where the user is a member or a guest (as MSAL uses it to
  // get tokens for another tenant); elsewhere minting fails with AADSTS50020. A CAE claims challenge needs nothing
  // more: the new token is issued now, after the event the challenge names.
  const user = userByOid(ctx, rt.oid);
  const tenanted: Authority = authority.multiTenant
    ? { ...authority, tenant: ctx.estate.tenants.find((t) => t.tenantId === rt.tid) ?? authority.tenant }
    : authority;
  return userTokenResponse(ctx, { user, clientId, authority: tenanted, scope: requestedScope(form), capabilities });
}

function deviceCode({ ctx, stores, form, clientId, capabilities }: TokenRequest): Record<string, unknown> {
  const code = form.get('device_code') ?? form.get('code');
  if (!code) throw missingParameter('device_code');
  const r = stores.deviceCodes.poll(code, clientId);
  if (!r.ok) throw r.error;
  const user = ctx.estate.findUser(r.code.signInAs);
  if (!user) throw unknownUser('invalid_grant', { account: r.code.signInAs });
  ctx.log(`entra: ${user.upn} signed in to ${clientId} (device code)`);
  return userTokenResponse(ctx, {
    user,
    clientId,
    authority: r.code.authority,
    scope: requestedScope(form, r.code.scope),
    capabilities,
  });
}

function clientCredentials({ ctx, form, clientId }: TokenRequest): Record<string, unknown> {
  const sp = ctx.estate.servicePrincipals.get(clientId.toLowerCase());
  if (!sp) throw unknownClient(clientId);
  const secret = form.get('client_secret');
  if (!secret) {
    throw new AadError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  if (!sameSecret(secret, sp.secret)) {
    throw new AadError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    );
  }
  const scope =
    form.get('scope') ?? (form.get('resource') ? `${form.get('resource')!.replace(/\/$/, '')}/.default` : '');
  if (!scope) throw missingParameter('scope');
  const parts = scope.split(/\s+/).filter(Boolean);
  if (parts.length !== 1 || !parts[0]!.endsWith('/.default')) {
    throw new AadError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const resource = parseScope(parts[0]!).resource;
  const lifetime = ctx.settings.tokenLifetimeSeconds;
  ctx.log(`entra: service principal ${sp.displayName} got a token (client credentials)`);
  return {
    token_type: 'Bearer',
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: appAccessToken(ctx, sp, resource),
  };
}

function password({ ctx, form, clientId, authority, capabilities }: TokenRequest): Record<string, unknown> {
  const username = required(form, 'username');
  const pwd = required(form, 'password');
  const user = [...ctx.estate.users.values()].find((u) => u.upn.toLowerCase() === username.toLowerCase());
  if (!user)
    throw unknownUser('invalid_grant', { account: username, directory: authority.tenant.defaultDomain, addHint: true });
  if (!sameSecret(pwd, user.password))
    throw new AadError(
      400,
      'invalid_grant',
      50126,
      'Error validating credentials due to invalid username or password.',
    );
  ctx.log(`entra: ${user.upn} signed in to ${clientId} (password)`);
  return userTokenResponse(ctx, { user, clientId, authority, scope: requestedScope(form), capabilities });
}

/** Handles a token request for `{tenant}` (or `adfs`). */
export function handleToken(ctx: SimContext, stores: GrantStores, req: SimRequest, tenantSegment: string): SimResponse {
  const authority = resolveAuthority(ctx, tenantSegment);
  const form = formBody(req);
  const grantType = form.get('grant_type');
  if (!grantType) throw missingParameter('grant_type');
  const clientId = required(form, 'client_id');
  checkClient(clientId);
  const { capabilities } = parseClaimsRequest(form.get('claims'));
  const request: TokenRequest = { ctx, stores, form, clientId, authority, capabilities };
  let body: Record<string, unknown>;
  switch (grantType) {
    case 'authorization_code':
      body = authorizationCode(request);
      break;
    case 'refresh_token':
      body = refresh(request);
      break;
    // MSAL JS sends the short form; RFC 8628 (and MSAL Python, az) the URN.
    case 'device_code':
    case 'urn:ietf:params:oauth:grant-type:device_code':
      body = deviceCode(request);
      break;
    case 'client_credentials':
      body = clientCredentials(request);
      break;
    case 'password':
      body = password(request);
      break;
    default:
      throw new AadError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grantType}'.`,
      );
  }
  return { status: 200, json: body, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
}
