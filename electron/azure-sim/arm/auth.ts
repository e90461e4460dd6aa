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
  };
}
