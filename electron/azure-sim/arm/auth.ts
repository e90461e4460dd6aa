/** Bearer token checks as ARM makes them: present, signed by us, not expired (real time), for ARM's audience. */
import type { SimContext, Principal } from '../context';
import { verifyJwt } from '../crypto/jwt';
import { ArmError } from './errors';

/** The audiences ARM accepts: the ARM endpoint with and without a trailing slash. */
export function armAudiences(ctx: SimContext): string[] {
  return [ctx.baseUrl, `${ctx.baseUrl}/`];
}

function unauthorized(ctx: SimContext, code: string, message: string): ArmError {
  const header = `Bearer authorization_uri="${ctx.baseUrl}/common/oauth2/authorize", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`;
  return new ArmError(401, code, message, { headers: { 'WWW-Authenticate': header } });
}

/** Reads the principal from the Authorization header or throws ARM's 401. */
export function authenticate(ctx: SimContext, authorization: string | undefined): Principal {
  if (!authorization)
    throw unauthorized(ctx, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const m = authorization.match(/^Bearer\s+(\S+)$/i);
  if (!m)
    throw unauthorized(
      ctx,
      'AuthenticationFailedInvalidHeader',
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
    );
  const result = verifyJwt(ctx.signingKey, m[1]!);
  if ('problem' in result) throw unauthorized(ctx, 'InvalidAuthenticationToken', 'The access token is invalid.');
  const c = result.claims;
  if (c.typ_sim !== 'access') throw unauthorized(ctx, 'InvalidAuthenticationToken', 'The access token is invalid.');
  const exp = typeof c.exp === 'number' ? c.exp * 1000 : 0;
  if (exp <= Date.now()) {
    throw unauthorized(
      ctx,
      'ExpiredAuthenticationToken',
      `The access token expiry UTC time '${new Date(exp).toUTCString()}' is earlier than current UTC time '${new Date().toUTCString()}'.`,
    );
  }
  const aud = String(c.aud ?? '');
  if (!armAudiences(ctx).includes(aud)) {
    throw unauthorized(
      ctx,
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${aud}'. It should exactly match with one of the allowed audiences '${armAudiences(ctx).join("','")}'.`,
    );
  }
  const kind = c.idtyp === 'app' ? 'servicePrincipal' : 'user';
  return {
    oid: String(c.oid),
    tenantId: String(c.tid),
    kind,
    name: kind === 'user' ? String(c.upn ?? c.unique_name ?? c.oid) : String(c.appid),
    appId: String(c.appid ?? ''),
    issuer: typeof c.iss === 'string' ? c.iss : undefined,
    capabilities: Array.isArray(c.xms_cc) ? c.xms_cc.map((x) => String(x).toLowerCase()) : [],
    issuedAtMs: typeof c.iat_ms_sim === 'number' ? c.iat_ms_sim : typeof c.iat === 'number' ? c.iat * 1000 : 0,
  };
}

/**
 * ARM's 401 for a token of another tenant than the subscription's, naming the authority to use (the message and
 * code as ARM sends them; the header's shape is ARM's `Bearer authorization_uri=…, error="invalid_token"`).
 */
export function wrongTenant(ctx: SimContext, principal: Principal, subscriptionTenant: string): ArmError {
  const authority = `${ctx.baseUrl}/${subscriptionTenant}`;
  const message = `The access token is from the wrong issuer '${principal.issuer ?? principal.tenantId}'. It must match the tenant '${ctx.baseUrl}/${subscriptionTenant}/' associated with this subscription. Please use the authority (URL) '${authority}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`;
  const header = `Bearer authorization_uri="${authority}", error="invalid_token", error_description="The access token is from the wrong issuer. It must match the tenant associated with this subscription. Please use correct authority to get the token."`;
  return new ArmError(401, 'InvalidAuthenticationTokenTenant', message, { headers: { 'WWW-Authenticate': header } });
}

/**
 * Continuous access evaluation: after a critical event for the user (`POST /_sim/cae`), a token issued before it
 * is refused with a claims challenge — only when the token says the client can handle one (`xms_cc` has `cp1`);
 * other clients keep using their (short-lived) token until it expires, as ARM does for clients that are not
 * CAE-capable. The body's code and message are a guess (ARM's CAE answers are not documented); the header follows
 * the claims-challenge format Microsoft documents, with ARM's `error_description`.
 */
export function caeChallenge(ctx: SimContext, principal: Principal): ArmError | undefined {
  if (principal.kind !== 'user' || !principal.capabilities?.includes('cp1')) return undefined;
  const user = ctx.estate.findUser(principal.oid);
  const eventMs = user ? ctx.caeEvents.get(user.oid) : undefined;
  if (eventMs === undefined || (principal.issuedAtMs ?? 0) > eventMs) return undefined;
  const claims = { access_token: { nbf: { essential: true, value: String(Math.floor(eventMs / 1000)) } } };
  const description =
    'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp';
  const header = `Bearer authorization_uri="${ctx.baseUrl}/common/oauth2/authorize", error="insufficient_claims", error_description="${description}", claims="${Buffer.from(JSON.stringify(claims)).toString('base64')}"`;
  return new ArmError(401, 'InvalidAuthenticationToken', `${description}.`, {
    headers: { 'WWW-Authenticate': header },
  });
}
