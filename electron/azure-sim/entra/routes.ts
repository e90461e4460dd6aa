/** The simulated Entra ID: wires discovery, authorize, token and device-code endpoints (AAD and ADFS paths) into the router. */
import type { SimContext } from '../context';
import type { Fault } from '../settings';
import type { Handler, Router, SimRequest, SimResponse } from '../http/router';
import { CodeStore, handleAuthorize } from './authorize';
import { DeviceCodeStore, handleDeviceAuthPage, handleDeviceCodeRequest } from './device-codes';
import { AadError, aadErrorResponse } from './errors';
import { endSession, instanceDiscovery, jwks, openIdConfiguration, userRealm } from './metadata';
import { handleToken, type GrantStores } from './token-endpoint';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The AAD error an injected fault answers with, unless the fault names its own code and message. */
function faultError(f: Fault): AadError {
  const headers: Record<string, string> = {};
  if (f.retryAfterSeconds !== undefined) headers['Retry-After'] = String(f.retryAfterSeconds);
  if (f.status === 429) {
    return new AadError(
      429,
      f.code ?? 'temporarily_unavailable',
      90055,
      f.message ?? 'There are too many incoming requests. Please retry later.',
      { headers },
    );
  }
  if (f.status >= 500) {
    return new AadError(
      f.status,
      f.code ?? 'temporarily_unavailable',
      90033,
      f.message ?? 'A transient error has occurred. Please try again.',
      { headers },
    );
  }
  return new AadError(f.status, f.code ?? 'invalid_request', 90100, f.message ?? 'The simulator injected this error.', {
    headers,
  });
}

/**
 * Wraps a handler: first an injected fault (`target: 'entra'`: delay, then status with Retry-After), then the
 * handler, whose AadError becomes AAD's JSON envelope. Anything else is logged and answered as AAD's 500,
 * so a client never sees ARM's error shape from an Entra URL.
 */
function entra(inner: (req: SimRequest, ctx: SimContext) => SimResponse | Promise<SimResponse>): Handler<SimContext> {
  return async (req, ctx) => {
    const correlation =
      typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : undefined;
    const fault = ctx.faults.take('entra', req.method, req.path);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs);
      // A fault with a success status only delays the request (a slow sign-in).
      if (fault.status >= 400) return aadErrorResponse(faultError(fault), correlation);
    }
    try {
      return await inner(req, ctx);
    } catch (e) {
      if (e instanceof AadError) return aadErrorResponse(e, correlation);
      ctx.log(`entra: ${req.method} ${req.path} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return aadErrorResponse(
        new AadError(500, 'server_error', 90033, 'A transient error has occurred. Please try again.'),
        correlation,
      );
    }
  };
}

/** AAD's answer to a wrong HTTP method on a POST-only endpoint. */
function postOnly(req: SimRequest): SimResponse {
  throw new AadError(
    405,
    'invalid_request',
    900561,
    `The endpoint only accepts POST requests. Received a ${req.method} request.`,
  );
}

/**
 * Registers the Entra endpoints. `{tenant}` is a tenant GUID, `common`, `organizations`, a verified domain, or
 * `adfs` (the ADFS-style authority `https://host/adfs` that Debian's azure-cli uses against a private cloud).
 */
export function registerEntraRoutes(router: Router<Handler<SimContext>>, _ctx: SimContext): void {
  const stores: GrantStores = { codes: new CodeStore(), deviceCodes: new DeviceCodeStore() };
  const t = (req: SimRequest) => req.params.tenant ?? '';

  // Literal `common` routes first: the router takes the first match, and `{tenant}` would match `common` too.
  router.add(
    'GET',
    '/common/discovery/instance',
    entra((req, ctx) => instanceDiscovery(ctx, req)),
  );
  router.add(
    'GET',
    '/common/userrealm/{username}',
    entra((req, ctx) => userRealm(ctx, req.params.username ?? '')),
  );

  for (const prefix of ['/{tenant}/v2.0', '/{tenant}']) {
    router.add(
      'GET',
      `${prefix}/.well-known/openid-configuration`,
      entra((req, ctx) => openIdConfiguration(ctx, t(req))),
    );
  }
  for (const path of ['/{tenant}/discovery/v2.0/keys', '/{tenant}/discovery/keys']) {
    router.add(
      'GET',
      path,
      entra((req, ctx) => jwks(ctx, t(req))),
    );
  }

  // v2.0 paths for AAD; the flat `/oauth2/*` paths serve ADFS (`/adfs/oauth2/token`) and v1-style clients.
  for (const oauth of ['/{tenant}/oauth2/v2.0', '/{tenant}/oauth2']) {
    const authorize = entra((req, ctx) => handleAuthorize(ctx, stores.codes, req, t(req)));
    router.add('GET', `${oauth}/authorize`, authorize);
    router.add('POST', `${oauth}/authorize`, authorize);
    router.add(
      'POST',
      `${oauth}/token`,
      entra((req, ctx) => handleToken(ctx, stores, req, t(req))),
    );
    router.add('*', `${oauth}/token`, entra(postOnly));
    router.add(
      'POST',
      `${oauth}/devicecode`,
      entra((req, ctx) => handleDeviceCodeRequest(ctx, stores.deviceCodes, req, t(req))),
    );
    router.add('*', `${oauth}/devicecode`, entra(postOnly));
    router.add(
      'GET',
      `${oauth}/logout`,
      entra((req, ctx) => endSession(ctx, req, t(req))),
    );
  }
  // The device-code verification page (`verification_uri`): `/common/oauth2/deviceauth`, `/adfs/oauth2/deviceauth`.
  const deviceAuth = entra((req, ctx) => handleDeviceAuthPage(ctx, stores.deviceCodes, req));
  router.add('GET', '/{tenant}/oauth2/deviceauth', deviceAuth);
  router.add('POST', '/{tenant}/oauth2/deviceauth', deviceAuth);
}
