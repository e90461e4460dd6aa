/** Discovery documents: OpenID configuration, instance discovery, JWKS, user realm, and the end-session endpoint. */
import type { SimContext } from '../context';
import type { SimRequest, SimResponse } from '../http/router';
import { publicJwk } from '../crypto/jwt';
import { isLoopbackRedirect } from './authorize';
import { signedOutPage } from './pages';
import { authorityBase, endpoints, idTokenIssuer, resolveAuthority } from './tenants';

/**
 * `GET {tenant}/v2.0/.well-known/openid-configuration` (also without `v2.0`, and `/adfs/...`).
 * The issuer names the resolved tenant rather than AAD's `{tenantid}` placeholder: MSAL Python compares it
 * with the id token's `iss` verbatim.
 */
export function openIdConfiguration(ctx: SimContext, tenantSegment: string): SimResponse {
  const a = resolveAuthority(ctx, tenantSegment);
  const e = endpoints(ctx, a);
  const doc: Record<string, unknown> = {
    token_endpoint: e.token_endpoint,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: e.jwks_uri,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: idTokenIssuer(ctx, a.flavor, a.tenant.tenantId),
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${authorityBase(ctx, a)}/openid/userinfo`,
    authorization_endpoint: e.authorization_endpoint,
    device_authorization_endpoint: e.device_authorization_endpoint,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: e.end_session_endpoint,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nbf',
      'name',
      'nonce',
      'oid',
      'preferred_username',
      'tid',
      'ver',
      'upn',
      'unique_name',
    ],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'password',
      'urn:ietf:params:oauth:grant-type:device_code',
    ],
    code_challenge_methods_supported: ['S256'],
    tenant_region_scope: 'NA',
    cloud_instance_name: new URL(ctx.baseUrl).host,
    cloud_graph_host_name: new URL(ctx.baseUrl).host,
    msgraph_host: new URL(ctx.baseUrl).host,
  };
  if (a.flavor === 'adfs') doc.access_token_issuer = doc.issuer;
  return { status: 200, json: doc };
}

/**
 * `GET /common/discovery/instance`: MSAL asks only for hosts it does not know (we are in `knownAuthorities`),
 * but answer AAD's shape for any client that does ask, naming this host as its own only alias.
 */
export function instanceDiscovery(ctx: SimContext, req: SimRequest): SimResponse {
  const host = new URL(ctx.baseUrl).host;
  const endpoint = req.query.get('authorization_endpoint');
  let tenant = 'common';
  if (endpoint) {
    try {
      const u = new URL(endpoint);
      if (u.host !== host) {
        return {
          status: 400,
          json: {
            error: 'invalid_instance',
            error_description: `AADSTS50049: Unknown or invalid instance. '${u.host}' is not this simulator.`,
            error_codes: [50049],
          },
        };
      }
      tenant = u.pathname.split('/').filter(Boolean)[0] ?? 'common';
    } catch {
      /* answer for common */
    }
  }
  return {
    status: 200,
    json: {
      tenant_discovery_endpoint: `${ctx.baseUrl}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    },
  };
}

/** `GET {tenant}/discovery/v2.0/keys` (and `/discovery/keys`): the signing key as a JWKS. */
export function jwks(ctx: SimContext, tenantSegment: string): SimResponse {
  resolveAuthority(ctx, tenantSegment);
  return { status: 200, json: { keys: [publicJwk(ctx.signingKey)] } };
}

/**
 * `GET /common/userrealm/{username}`: MSAL Python asks before a password (ROPC) sign-in on AAD authorities;
 * every simulated account is cloud-only ("Managed"), so it goes straight to the token endpoint.
 */
export function userRealm(ctx: SimContext, username: string): SimResponse {
  const domain = username.includes('@') ? username.slice(username.lastIndexOf('@') + 1).toLowerCase() : '';
  const tenant = ctx.estate.tenants.find(
    (t) => t.domains.some((d) => d.toLowerCase() === domain) || t.defaultDomain.toLowerCase() === domain,
  );
  const host = new URL(ctx.baseUrl).host;
  return {
    status: 200,
    json: tenant
      ? {
          ver: '1.0',
          account_type: 'Managed',
          domain_name: domain,
          cloud_instance_name: host,
          cloud_audience_urn: 'urn:federation:MicrosoftOnline',
        }
      : {
          ver: '1.0',
          account_type: 'Unknown',
          cloud_instance_name: host,
          cloud_audience_urn: 'urn:federation:MicrosoftOnline',
        },
  };
}

/** `GET {tenant}/oauth2/v2.0/logout`: back to a loopback `post_logout_redirect_uri`, else a "signed out" page. */
export function endSession(ctx: SimContext, req: SimRequest, tenantSegment: string): SimResponse {
  resolveAuthority(ctx, tenantSegment);
  const back = req.query.get('post_logout_redirect_uri');
  if (back && isLoopbackRedirect(back))
    return { status: 302, headers: { Location: back, 'Cache-Control': 'no-store' } };
  return signedOutPage();
}
